package server

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Values customers paste: the Bitcoin genesis coinbase TxID, the BIP 173
// example address and an EIP-55 address.
const (
	inboxTxID    = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
	inboxBech32  = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
	inboxEVMAddr = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
)

// page fetches a workspace page with an agent's API token (pages accept
// one as the API does) and returns the status and the body.
func (ta *testApp) page(token, path string) (int, string) {
	ta.t.Helper()
	req, err := http.NewRequest("GET", ta.URL+path, nil)
	if err != nil {
		ta.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ta.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		ta.t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

var rowIDs = regexp.MustCompile(`<tr class="ticket" data-id="(\d+)"`)

// inboxRows are the ticket ids an inbox page lists, in order.
func inboxRows(body string) []string {
	var ids []string
	for _, m := range rowIDs.FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

func TestInboxSearch(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		open := func(subject, message, externalID, email string, fields map[string]string) string {
			body := map[string]any{"subject": subject, "message": message, "channel": "chat", "language": "en",
				"customer": map[string]any{"external_id": externalID, "email": email}}
			if fields != nil {
				body["custom_fields"] = fields
			}
			var tk ticket.Ticket
			if resp := ta.do("POST", "/api/v1/tickets", "", body, &tk); resp.StatusCode != 201 {
				t.Fatalf("create ticket: %d", resp.StatusCode)
			}
			return strconv.FormatInt(tk.ID, 10)
		}
		tx := open("Deposit missing", "I sent it, txid: "+inboxTxID+" — where is it?", "u-100", "Ana.Lima@Example.com", nil)
		addr := open("Wrong network", "hello", "u-200", "", map[string]string{"address": inboxEVMAddr})
		var later ticket.Message
		ta.do("POST", "/api/v1/tickets/"+addr+"/customer-messages", "", customerMessage("u-200", "also sent to "+inboxBech32), &later)
		words := open("Card payment declined <img src=x onerror=alert(1)>", "it fails", "u-300", "", nil)
		again := open("Second question", "no address in here", "u-100", "", nil) // Ana's record has her e-mail

		for _, c := range []struct {
			q     string
			want  []string
			found string
		}{
			{strings.ToUpper(inboxTxID), []string{tx}, "TxID or address"},
			{"0x" + inboxTxID, []string{tx}, "TxID or address"},
			{"ana.lima@example.com", []string{again, tx}, "e-mail address"},
			{strings.ToLower(inboxEVMAddr), []string{addr}, "TxID or address"},
			{strings.ToUpper(inboxBech32), []string{addr}, "TxID or address"},
			{"u-300", []string{words}, "customer id"},
			{"#" + addr, []string{addr}, "ticket number"},
			{addr, []string{addr}, "ticket number"},
			{"card DECLINED", []string{words}, "subject words"},
			{"nobody@example.com", nil, "e-mail address"},
		} {
			status, body := ta.page(testAdminToken, "/?q="+url.QueryEscape(c.q))
			if status != 200 {
				t.Fatalf("search %q: %d\n%s", c.q, status, body)
			}
			if got := inboxRows(body); !slices.Equal(got, c.want) {
				t.Errorf("search %q lists %v, want %v", c.q, got, c.want)
			}
			if !strings.Contains(body, "Searched as "+c.found) {
				t.Errorf("search %q was not taken as %s", c.q, c.found)
			}
		}

		// Human labels, escaped subjects, the filters.
		status, body := ta.page(testAdminToken, "/?channel=chat&language=en")
		if status != 200 || len(inboxRows(body)) != 4 {
			t.Fatalf("filter chat/en: %d, rows %v", status, inboxRows(body))
		}
		for _, want := range []string{">New</span>", ">English<", ">Tier 1<", "&lt;img src=x onerror=alert(1)&gt;"} {
			if !strings.Contains(body, want) {
				t.Errorf("the inbox lacks %q", want)
			}
		}
		if strings.Contains(body, "<img src=x") {
			t.Error("a subject's HTML reached the page unescaped")
		}
		if _, body := ta.page(testAdminToken, "/?channel=email"); len(inboxRows(body)) != 0 {
			t.Errorf("filter email lists %v, want none", inboxRows(body))
		}

		// Bad input: a clear message on the page, not a crash.
		for q, msg := range map[string]string{
			"/?view=everything":                    "view must be one of",
			"/?tier=x":                             "tier must be 1, 2 or 3",
			"/?q=%23abc":                           "after # comes a ticket number",
			"/?cursor=1.x":                         "cursor is not one this server handed out",
			"/?q=" + strings.Repeat("a", 201):      "a search is at most 200 characters",
			"/?priority=" + url.QueryEscape("<b>"): "priority must be one of",
		} {
			status, body := ta.page(testAdminToken, q)
			if status != 400 || !strings.Contains(body, msg) {
				t.Errorf("%s: %d, want 400 saying %q", q, status, msg)
			}
			if strings.Contains(body, "<b>\"") {
				t.Errorf("%s: the value came back unescaped", q)
			}
		}
	})
}

// TestInboxCountsAndLive: the counts as JSON, the live stream's first
// event, and the styled 403 page for a role without the permission.
func TestInboxCountsAndLive(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("one"), nil)
		_, tier1 := ta.agentToken(auth.Tier1)
		var counts ticket.InboxCounts
		ta.do("GET", "/inbox/counts", tier1, nil, &counts)
		if counts.All != 1 || counts.Unassigned != 1 || counts.Status[ticket.StatusNew] != 1 || counts.Mine != 0 {
			t.Errorf("counts %+v, want the one new unassigned ticket", counts)
		}

		req, err := http.NewRequestWithContext(t.Context(), "GET", ta.URL+"/inbox/live", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+tier1)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
			t.Fatalf("live: %d %s", resp.StatusCode, ct)
		}
		lines := bufio.NewScanner(resp.Body)
		var event, data string
		for lines.Scan() && data == "" {
			if v, ok := strings.CutPrefix(lines.Text(), "event: "); ok {
				event = v
			}
			if v, ok := strings.CutPrefix(lines.Text(), "data: "); ok {
				data = v
			}
		}
		var first ticket.InboxCounts
		if err := json.Unmarshal([]byte(data), &first); event != "counts" || err != nil || first.All != 1 {
			t.Errorf("first live event %q %q (%v), want the counts", event, data, err)
		}

		// A shutdown ends the stream instead of waiting for the browser.
		ended := make(chan struct{})
		go func() {
			for lines.Scan() {
			}
			close(ended)
		}()
		ta.workspace.CloseLive()
		select {
		case <-ended:
		case <-time.After(10 * time.Second):
			t.Error("the live stream outlived CloseLive")
		}

		_, bridge := ta.agentToken(auth.Integration)
		for _, path := range []string{"/", "/inbox/counts", "/admin/encryption"} {
			status, body := ta.page(bridge, path)
			if status != 403 || !strings.Contains(body, `id="forbidden"`) || !strings.Contains(body, "Integration role does not have") {
				t.Errorf("%s as an integration: %d, want the styled 403 page\n%s", path, status, body)
			}
		}
	})
}
