package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestReplyPageRefusesUnfilledPlaceholders: a macro applied before any
// transaction check leaves {{diagnosis}} in the reply box; sending it would
// show the customer the placeholder as written. The ticket page refuses
// such a reply with the placeholder named and the text kept, stores
// nothing, and lets the same text through as an internal note.
func TestReplyPageRefusesUnfilledPlaceholders(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		if resp := ta.do("POST", "/api/v1/tickets", "", newTicketBody("placeholders"), &tk); resp.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d", resp.StatusCode)
		}
		_, body, cookie := ta.signIn(map[string]string{"email": "admin@groundcrew.local", "password": "test-admin-password"})
		var sess auth.Session
		if err := json.Unmarshal([]byte(body), &sess); err != nil || cookie == nil {
			t.Fatalf("sign in: %v %s", err, body)
		}
		path := "/tickets/" + strconv.FormatInt(tk.ID, 10) + "/reply"
		messages := func() int { return ta.count(`SELECT COUNT(*) FROM messages WHERE ticket_id = ?`, tk.ID) }
		noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		for _, c := range []struct {
			name, text, internal string
			status               int
			page                 []string // on the page when refused
		}{
			{"diagnosis left", "Hi, I checked your deposit:\n\n{{diagnosis}}\n\nBest", "", http.StatusBadRequest,
				[]string{"Fill in {{diagnosis}} before sending", "I checked your deposit:"}},
			{"two left", "Hello {{customer.first_name}}, about #{{ticket.number}}", "", http.StatusBadRequest,
				[]string{"Fill in {{customer.first_name}}, {{ticket.number}} before sending"}},
			{"as a note", "Run the check, then {{diagnosis}}", "1", http.StatusSeeOther, nil},
			{"filled in", "Hi, your deposit arrived. {{not a placeholder}}", "", http.StatusSeeOther, nil},
		} {
			before := messages()
			form := url.Values{"csrf_token": {sess.CSRF}, "body": {c.text}, "internal": {c.internal}}
			req, _ := http.NewRequest("POST", ta.URL+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", ta.URL)
			req.AddCookie(cookie)
			res, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != c.status {
				t.Errorf("%s: status %d, want %d\n%.600s", c.name, res.StatusCode, c.status, page)
				continue
			}
			want := before
			if c.status == http.StatusSeeOther {
				want++
			}
			if n := messages(); n != want {
				t.Errorf("%s: %d messages, want %d", c.name, n, want)
			}
			for _, s := range c.page {
				if !strings.Contains(strings.ReplaceAll(string(page), "&#39;", "'"), s) {
					t.Errorf("%s: the page lacks %q", c.name, s)
				}
			}
		}
	})
}
