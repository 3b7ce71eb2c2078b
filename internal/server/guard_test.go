package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The BIP-39 test vector for all-zero entropy: a valid 12-word mnemonic.
const testMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

func TestSeedPhraseNeverStored(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		body := newTicketBody("seed")
		body["customer"].(map[string]any)["language"] = "es"
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", body, &tk)
		path := fmt.Sprintf("/api/v1/tickets/%d/customer-messages", tk.ID)
		resp := ta.do("POST", path, "", customerMessage("u-seed", "mi frase es "+testMnemonic+" ayuda"), nil, "Idempotency-Key", "seed-1")
		if resp.StatusCode != 201 {
			t.Fatalf("customer message: %d", resp.StatusCode)
		}
		// A phrase split across two messages is caught too, and the first half removed afterwards.
		words := strings.Fields(testMnemonic)
		ta.do("POST", path, "", customerMessage("u-seed", strings.Join(words[:6], " ")), nil)
		ta.do("POST", path, "", customerMessage("u-seed", strings.Join(words[6:], " ")), nil)

		if n := storetest.Scalar[int](t, ta.db, `SELECT COUNT(*) FROM messages WHERE body LIKE '%abandon abandon%'`); n != 0 {
			t.Fatalf("%d stored messages still hold the seed phrase", n)
		}
		if n := storetest.Scalar[int](t, ta.db, `SELECT COUNT(*) FROM outbox WHERE data LIKE '%abandon%'`); n != 0 {
			t.Fatalf("%d events carry the seed phrase", n)
		}
		var got ticket.Ticket
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", nil, &got)
		var markers, warnings int
		for _, m := range got.Messages {
			// Bodies are sealed at rest, so the column check above cannot see
			// the phrase either way: the opened bodies must not hold it.
			if strings.Contains(m.Body, "abandon abandon") {
				t.Errorf("message %d still holds the seed phrase: %q", m.ID, m.Body)
			}
			markers += strings.Count(m.Body, "[seed phrase removed]")
			if m.AuthorKind == "system" {
				warnings++
			}
		}
		// The first half comes right after a redacted phrase of the same
		// words, so it may be redacted at once as that phrase's
		// continuation (a third warning) or afterwards by the second half.
		if markers < 2 || warnings < 2 || warnings > 3 {
			t.Fatalf("markers %d, system warnings %d; messages %+v", markers, warnings, got.Messages)
		}
		// Each redaction is audited, never with the phrase in it.
		entries, _, _ := ta.audit.List(t.Context(), audit.Filter{Action: "guard.secret_redacted"}, web.Page{Limit: 10})
		if len(entries) < 3 || len(entries) > 4 {
			t.Fatalf("redaction audit = %+v", entries)
		}
		for _, e := range entries {
			if strings.Contains(string(e.Detail), "abandon") {
				t.Fatalf("redaction audit holds the phrase: %+v", e)
			}
		}
	})
}

func TestAgentAskingForSeedIsBlocked(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("phish"), &tk)
		path := fmt.Sprintf("/api/v1/tickets/%d/messages", tk.ID)
		var p web.Problem
		resp := ta.do("POST", path, "", map[string]any{"body": "Please send your seed phrase so I can check your wallet."}, &p, "Idempotency-Key", "phish-1")
		if resp.StatusCode != 422 || !strings.Contains(p.Detail, "not sent") {
			t.Fatalf("agent asking for a seed phrase: %d %+v", resp.StatusCode, p)
		}
		resp = ta.do("POST", path, "", map[string]any{"body": "Never share your seed phrase with anyone, including us."}, nil)
		if resp.StatusCode != 201 {
			t.Fatalf("a safety reminder was refused: %d", resp.StatusCode)
		}
		var got ticket.Ticket
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", nil, &got)
		if len(got.Messages) != 2 {
			t.Fatalf("%d messages; the blocked one must not be stored", len(got.Messages))
		}
		entries, _, _ := ta.audit.List(t.Context(), audit.Filter{Action: "guard.outbound_blocked"}, web.Page{Limit: 10})
		if len(entries) != 1 || entries[0].ActorKind != audit.ActorAgent {
			t.Fatalf("blocked attempt audit = %+v", entries)
		}
		var scan map[string]any
		ta.do("POST", "/api/v1/guard/scan", "", map[string]any{"text": testMnemonic}, &scan)
		if !strings.Contains(fmt.Sprint(scan["redacted"]), "[seed phrase removed]") || strings.Contains(fmt.Sprint(scan), "abandon") {
			t.Fatalf("scan = %v", scan)
		}
	})
}

// TestAgentDrippingRequestIsBlocked: an agent who asks for a recovery
// phrase a word at a time is stopped on the ticket, although the last
// message alone reads as harmless: the guard reads it with the ticket's
// earlier agent messages, whichever agent wrote them. Stopped is refused
// (422), or held for review (409) when the learned reader vetoes the
// rules' refusal: either way nothing is sent and the attempt is audited.
func TestAgentDrippingRequestIsBlocked(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("drip"), &tk)
		path := fmt.Sprintf("/api/v1/tickets/%d/messages", tk.ID)
		_, tier1 := ta.agentToken(auth.Tier1)
		_, tier2 := ta.agentToken(auth.Tier2)
		last := "And the second one?"
		var alone map[string]any
		ta.do("POST", "/api/v1/guard/check-outbound", "", map[string]any{"text": last}, &alone)
		if alone["allowed"] != true {
			t.Fatalf("check-outbound of %q alone = %v; the test needs a message that passes alone", last, alone)
		}
		for _, step := range []struct {
			token, body string
			status      int
		}{
			{tier1, "Please keep your recovery phrase handy while we check the restore.", 201},
			{tier2, last, 0},
		} {
			var p web.Problem
			resp := ta.do("POST", path, step.token, map[string]any{"body": step.body}, &p)
			stopped := resp.StatusCode == 422 || resp.StatusCode == 409 && strings.HasSuffix(p.Type, "/held")
			if step.status != 0 && resp.StatusCode != step.status || step.status == 0 && !stopped {
				t.Fatalf("%q: status %d (%s), want %d (0: refused or held)", step.body, resp.StatusCode, p.Type, step.status)
			}
		}
		var got ticket.Ticket
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", nil, &got)
		if body := got.Messages[len(got.Messages)-1].Body; body == last {
			t.Fatalf("the drip's last message was sent")
		}
		blocked, _, err := ta.audit.List(t.Context(), audit.Filter{Action: "guard.outbound_blocked"}, web.Page{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		held, _, err := ta.audit.List(t.Context(), audit.Filter{Action: "guard.outbound_held"}, web.Page{Limit: 10})
		if err != nil || len(blocked)+len(held) == 0 {
			t.Fatalf("no guard.outbound_blocked or guard.outbound_held audit record (%v)", err)
		}
	})
}
