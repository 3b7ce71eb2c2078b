package server

import (
	"fmt"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// TestAgentSubjectPassesTheOutboundGuard: a ticket's subject is what an
// e-mail reply's subject line says to the customer ("Re: <subject>"), so
// an agent who sets one that asks for a secret is refused as a reply
// would be (422, audited, nothing saved). It used to pass: the guard read
// only message bodies, and "Reply with your 12 recovery words" went out as
// the subject of an innocent reply. An honest subject is saved.
func TestAgentSubjectPassesTheOutboundGuard(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		_, tok := ta.agentToken(auth.Tier1)
		const ask = "Action needed: reply with your 12 recovery words to unlock withdrawals"
		var tk ticket.Ticket
		if resp := ta.do("POST", "/api/v1/tickets", "", newTicketBody("subject"), &tk); resp.StatusCode != 201 {
			t.Fatalf("create: %d", resp.StatusCode)
		}
		path := fmt.Sprintf("/api/v1/tickets/%d", tk.ID)
		var p web.Problem
		if resp := ta.do("PATCH", path, tok, map[string]any{"subject": ask}, &p); resp.StatusCode != 422 || p.Field != "subject" {
			t.Fatalf("agent's subject asking for the phrase: %d %+v", resp.StatusCode, p)
		}
		var got ticket.Ticket
		ta.do("GET", path, "", nil, &got)
		if got.Subject != "subject" {
			t.Fatalf("subject saved as %q", got.Subject)
		}

		// The same subject on a ticket an agent opens for a customer.
		opened := newTicketBody("outreach")
		opened["subject"], opened["message"] = ask, "Hello, please see the subject line."
		if resp := ta.do("POST", "/api/v1/tickets", tok, opened, &p); resp.StatusCode != 422 || p.Field != "subject" {
			t.Fatalf("agent opening a ticket with that subject: %d %+v", resp.StatusCode, p)
		}

		entries, _, err := ta.audit.List(t.Context(), audit.Filter{Action: "guard.outbound_blocked"}, web.Page{Limit: 10})
		if err != nil || len(entries) != 2 {
			t.Fatalf("blocked subject audit = %+v, %v", entries, err)
		}
		honest := "Lost 2FA phone, recovery words safe with the customer"
		if resp := ta.do("PATCH", path, tok, map[string]any{"subject": honest}, &got); resp.StatusCode != 200 || got.Subject != honest {
			t.Fatalf("honest subject: %d %q", resp.StatusCode, got.Subject)
		}
	})
}
