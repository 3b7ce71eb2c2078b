package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// TestTier1SeesLeastCustomerData walks what a Tier 1 agent (no
// customer.reveal) reads about a customer outside the macro box: inbox
// search results on the page, the ticket list and a ticket from the API,
// and the ticket page. Each shows the name and e-mail masked; neither the
// surname nor the e-mail's local part appears anywhere.
func TestTier1SeesLeastCustomerData(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		_, tier1 := ta.agentToken(auth.Tier1)
		body := newTicketBody("least-data")
		body["customer"] = map[string]any{"external_id": "u-least", "email": "ana.lima@example.org", "name": "Ana Lima"}
		var tk ticket.Ticket
		if resp := ta.do("POST", "/api/v1/tickets", "", body, &tk); resp.StatusCode != 201 {
			t.Fatalf("create ticket: %d", resp.StatusCode)
		}
		check := func(where, text string) {
			t.Helper()
			for _, secret := range []string{"Lima", "ana.lima"} {
				if strings.Contains(text, secret) {
					t.Errorf("%s shows %q to Tier 1", where, secret)
				}
			}
		}
		// The search is typed in capitals: the box echoes what the agent
		// typed, and the stored address is lower case.
		for _, path := range []string{"/?q=" + url.QueryEscape("ANA.LIMA@EXAMPLE.ORG"), fmt.Sprintf("/tickets/%d", tk.ID)} {
			status, page := ta.page(tier1, path)
			if status != 200 || !strings.Contains(page, "A*** L***") {
				t.Errorf("%s: %d, want the masked name on the page", path, status)
			}
			check(path, page)
		}
		var list web.List[ticket.Ticket]
		ta.do("GET", "/api/v1/tickets", tier1, nil, &list)
		var one ticket.Ticket
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), tier1, nil, &one)
		if len(list.Items) != 1 || one.Customer.Name != "A*** L***" || one.Customer.Email != "a***@example.org" {
			t.Fatalf("API: list %+v, ticket %+v; want the one ticket masked", list.Items, one.Customer)
		}
		for _, c := range append(list.Items, one) {
			check("the API", c.Customer.Name+" "+c.Customer.Email)
		}
	})
}
