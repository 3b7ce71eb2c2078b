package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// TestAuthorIsDecidedByTheServer: an agent cannot write as the customer,
// the bot or the system, and an agent's message carries the agent's id.
func TestAuthorIsDecidedByTheServer(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("authors"), &tk)
		agentID, tier1 := ta.agentToken(auth.Tier1)
		for _, path := range []string{"messages", "notes"} {
			url := fmt.Sprintf("/api/v1/tickets/%d/%s", tk.ID, path)
			for _, body := range []string{
				`{"body":"all good now","author":"customer"}`,
				`{"body":"all good now","author":"system"}`,
				`{"body":"all good now","author":"bot"}`,
				`{"body":"all good now","author":"agent"}`,
				`{"body":"all good now","author":null}`,
				`{"body":"all good now","author_id":1}`,
				`{"body":"all good now","author_kind":"customer"}`,
			} {
				var p web.Problem
				resp := ta.do("POST", url, tier1, body, &p)
				if resp.StatusCode != http.StatusBadRequest || !strings.Contains(p.Detail, "decided by the server") || !strings.HasPrefix(p.Field, "author") {
					t.Errorf("POST %s %s: %d %+v; want 400 saying authors are decided by the server", path, body, resp.StatusCode, p)
				}
			}
			var m ticket.Message
			if resp := ta.do("POST", url, tier1, `{"body":"checking the chain"}`, &m); resp.StatusCode != http.StatusCreated {
				t.Fatalf("POST %s: %d", path, resp.StatusCode)
			}
			if m.AuthorKind != "agent" || m.AuthorID == nil || *m.AuthorID != agentID {
				t.Errorf("POST %s stored %+v; want the agent %d's", path, m, agentID)
			}
		}
		var got ticket.Ticket
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", nil, &got)
		if len(got.Messages) != 3 {
			t.Fatalf("%d messages; want the first, one reply and one note (nothing from refused requests)", len(got.Messages))
		}
		for _, m := range got.Messages[1:] {
			if m.AuthorKind != "agent" || m.AuthorID == nil || *m.AuthorID != agentID {
				t.Errorf("stored %+v", m)
			}
		}
	})
}

// TestCustomerMessagesForIntegrations: writing as the customer needs
// message.write_as_customer, names the customer, and reaches that customer's
// tickets only.
func TestCustomerMessagesForIntegrations(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var mine, other ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("bridge"), &mine)
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("someone-else"), &other)
		_, bridge := ta.agentToken(auth.Integration)
		_, supervisor := ta.agentToken(auth.Supervisor)
		url := func(id int64) string { return fmt.Sprintf("/api/v1/tickets/%d/customer-messages", id) }

		var m ticket.Message
		if resp := ta.do("POST", url(mine.ID), bridge, customerMessage("u-bridge", "it arrived, thanks"), &m); resp.StatusCode != http.StatusCreated || m.AuthorKind != "customer" {
			t.Fatalf("integration as the customer: %d %+v", resp.StatusCode, m)
		}
		cases := []struct {
			name   string
			token  string
			ticket int64
			body   any
			want   int
		}{
			{"another customer's ticket", bridge, other.ID, customerMessage("u-bridge", "hi"), http.StatusNotFound},
			{"no customer named", bridge, mine.ID, map[string]any{"body": "hi"}, http.StatusBadRequest},
			{"an author besides", bridge, mine.ID, map[string]any{"body": "hi", "author": "system", "customer": map[string]any{"external_id": "u-bridge"}}, http.StatusBadRequest},
			{"a supervisor", supervisor, mine.ID, customerMessage("u-bridge", "hi"), http.StatusForbidden},
			{"integration on the agents' route", bridge, mine.ID, "", http.StatusForbidden},
		}
		for _, c := range cases {
			path := url(c.ticket)
			body := c.body
			if c.body == "" {
				path, body = fmt.Sprintf("/api/v1/tickets/%d/messages", c.ticket), map[string]any{"body": "hi"}
			}
			if resp := ta.do("POST", path, c.token, body, nil); resp.StatusCode != c.want {
				t.Errorf("%s: %d, want %d", c.name, resp.StatusCode, c.want)
			}
		}
		// The integration reads nothing.
		if resp := ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", mine.ID), bridge, nil, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("integration reading a ticket: %d, want 403", resp.StatusCode)
		}
		var n int
		if err := ta.db.QueryRow(t.Context(), `SELECT COUNT(*) FROM messages WHERE ticket_id IN (?, ?)`, mine.ID, other.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Errorf("%d messages stored; want the two first messages and the one accepted", n)
		}
	})
}

// TestCreateKeepsAndHidesTheCustomer: a ticket for a known customer changes
// nothing about them, and the answer shows nothing the caller did not send,
// even when the customer's tickets belong to a team the caller cannot see.
func TestCreateKeepsAndHidesTheCustomer(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var vip, floor auth.Team
		ta.do("POST", "/api/v1/teams", "", map[string]any{"name": "VIP"}, &vip)
		ta.do("POST", "/api/v1/teams", "", map[string]any{"name": "Floor"}, &floor)
		whale := map[string]any{"subject": "Large withdrawal", "message": "Please unlock.", "channel": "api", "team_id": vip.ID,
			"customer": map[string]any{"external_id": "whale-1", "email": "wanda@whale.example", "name": "Wanda Whale"}}
		var first ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", whale, &first)

		_, tier1 := ta.agentToken(auth.Tier1, floor.ID)
		probe := map[string]any{"subject": "Hello", "message": "Hello", "channel": "api", "team_id": floor.ID,
			"customer": map[string]any{"external_id": "whale-1", "email": "attacker@evil.example", "name": "Mallory"}}
		var tk ticket.Ticket
		if resp := ta.do("POST", "/api/v1/tickets", tier1, probe, &tk); resp.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d", resp.StatusCode)
		}
		if c := tk.Customer; c.Email != "" || c.Name != "" || !c.Masked {
			t.Errorf("the create answer shows the stored customer: %+v", c)
		}
		var email, name string
		if err := ta.db.QueryRow(t.Context(), `SELECT email, name FROM customers WHERE external_id = 'whale-1'`).Scan(&email, &name); err != nil {
			t.Fatal(err)
		}
		if email != "wanda@whale.example" || name != "Wanda Whale" {
			t.Errorf("a create overwrote the customer: %s, %s", email, name)
		}
	})
}

// TestUpdateCustomerAPI: contact data changes through PATCH, for
// supervisors and admins, audited without the values in clear.
func TestUpdateCustomerAPI(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("contact"), &tk)
		path := fmt.Sprintf("/api/v1/customers/%d", tk.Customer.ID)
		change := map[string]any{"email": "ana.new@example.org", "reason": "customer confirmed by phone, ticket 12"}
		_, tier2 := ta.agentToken(auth.Tier2)
		_, supervisor := ta.agentToken(auth.Supervisor)
		if resp := ta.do("PATCH", path, tier2, change, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("tier 2: %d, want 403", resp.StatusCode)
		}
		if resp := ta.do("PATCH", path, supervisor, map[string]any{"email": "ana.new@example.org"}, nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("without a reason: %d, want 400", resp.StatusCode)
		}
		var c ticket.Customer
		if resp := ta.do("PATCH", path, supervisor, change, &c); resp.StatusCode != http.StatusOK || c.Email != "a***@example.org" || !c.Masked {
			t.Fatalf("supervisor: %d %+v", resp.StatusCode, c)
		}
		if resp := ta.do("PATCH", "/api/v1/customers/99999", supervisor, change, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("unknown customer: %d, want 404", resp.StatusCode)
		}
		var list web.List[audit.Entry]
		ta.do("GET", "/api/v1/audit?action=customer.updated", "", nil, &list)
		if len(list.Items) != 1 {
			t.Fatalf("%d customer.updated audit entries, want 1", len(list.Items))
		}
		var detail struct {
			Fields []string `json:"fields"`
			Reason string   `json:"reason"`
		}
		if err := json.Unmarshal(list.Items[0].Detail, &detail); err != nil {
			t.Fatal(err)
		}
		raw := string(list.Items[0].Detail)
		if strings.Contains(raw, "ana.new@") || strings.Contains(raw, "u@example.com") || len(detail.Fields) != 1 || detail.Fields[0] != "email" || detail.Reason == "" {
			t.Errorf("audit detail = %s", raw)
		}
	})
}

// TestBadTextIsRefusedNamingTheField: NUL, invalid UTF-8 and lone
// surrogates are refused in every stored string, and change nothing.
func TestBadTextIsRefusedNamingTheField(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("text"), &tk)
		valid := `"subject":"s","message":"m","channel":"api","customer":{"external_id":"u-text-2"}`
		cases := []struct {
			method, path, body, field string
		}{
			{"POST", "/api/v1/tickets", "{\"subject\":\"caf\xe9\",\"message\":\"m\",\"channel\":\"api\",\"customer\":{\"external_id\":\"u-x\"}}", "subject"},
			{"POST", "/api/v1/tickets", `{"subject":"s","message":"m\u0000","channel":"api","customer":{"external_id":"u-x"}}`, "message"},
			{"POST", "/api/v1/tickets", `{"subject":"s","message":"m","channel":"api","customer":{"external_id":"u-x","name":"A\ud800"}}`, "customer.name"},
			{"POST", "/api/v1/tickets", `{` + valid + `,"tags":["vip","x\u0000"]}`, "tags[1]"},
			{"POST", "/api/v1/tickets", `{` + valid + `,"custom_fields":{"order\u0000":"1"}}`, "custom_fields"},
			{"POST", "/api/v1/tickets", "{" + valid + ",\"custom_fields\":{\"order\":\"\xff\"}}", "custom_fields.order"},
			{"PATCH", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), `{"tags":["a\u0000"]}`, "tags[0]"},
			{"PATCH", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), `{"subject":"\udc00"}`, "subject"},
			{"POST", fmt.Sprintf("/api/v1/tickets/%d/messages", tk.ID), "{\"body\":\"\xc3(\"}", "body"},
			{"POST", fmt.Sprintf("/api/v1/tickets/%d/notes", tk.ID), `{"body":"\u0000"}`, "body"},
			{"POST", fmt.Sprintf("/api/v1/tickets/%d/customer-messages", tk.ID), `{"body":"hi","customer":{"external_id":"u-text\u0000"}}`, "customer.external_id"},
			{"POST", fmt.Sprintf("/api/v1/tickets/%d/escalations", tk.ID), `{"to_tier":2,"reason":"r\u0000","summary":"s"}`, "reason"},
			{"PATCH", fmt.Sprintf("/api/v1/customers/%d", tk.Customer.ID), `{"name":"\u0000","reason":"customer asked by phone"}`, "name"},
		}
		for _, c := range cases {
			var p web.Problem
			resp := ta.do(c.method, c.path, "", c.body, &p)
			if resp.StatusCode != http.StatusBadRequest || p.Field != c.field {
				t.Errorf("%s %s %q: %d field %q (%s); want 400 naming %s", c.method, c.path, c.body, resp.StatusCode, p.Field, p.Detail, c.field)
			}
		}
		var n int
		if err := ta.db.QueryRow(t.Context(), `SELECT (SELECT COUNT(*) FROM tickets) + (SELECT COUNT(*) FROM messages) + (SELECT COUNT(*) FROM ticket_tags)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 2 {
			t.Errorf("%d tickets, messages and tags; want the one ticket and its first message", n)
		}
	})
}

// TestBlockedMessageAuditKeepsNoSecret: an agent who pastes a customer's
// seed phrase into a refused message leaves the reason and a redacted
// excerpt in the audit log, never the phrase.
func TestBlockedMessageAuditKeepsNoSecret(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("paste"), &tk)
		body := "Please send your seed phrase again to confirm, is it " + testMnemonic + "?"
		if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/messages", tk.ID), "", map[string]any{"body": body}, nil); resp.StatusCode != 422 {
			t.Fatalf("agent pasting a seed phrase into a request for one: %d, want 422", resp.StatusCode)
		}
		entries, _, err := ta.audit.List(t.Context(), audit.Filter{Action: "guard.outbound_blocked"}, web.Page{Limit: 10})
		if err != nil || len(entries) != 1 {
			t.Fatalf("audit = %v, %v", entries, err)
		}
		var detail struct{ Reason, Text string }
		if err := json.Unmarshal(entries[0].Detail, &detail); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(detail.Text, "abandon abandon") || detail.Reason == "" || !strings.Contains(detail.Text, "Please send your seed phrase") {
			t.Errorf("audit detail = %s", entries[0].Detail)
		}
	})
}

// TestWhoOpensATicketWritesItsFirstMessage: a channel integration's ticket
// opens with the customer's message; an agent's with the agent's, which
// passes the outbound guard and, refused, leaves nothing behind.
func TestWhoOpensATicketWritesItsFirstMessage(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		tier1ID, tier1 := ta.agentToken(auth.Tier1)
		_, bridge := ta.agentToken(auth.Integration)
		first := func(token, subject string) ticket.Message {
			t.Helper()
			var tk ticket.Ticket
			if resp := ta.do("POST", "/api/v1/tickets", token, newTicketBody(subject), &tk); resp.StatusCode != http.StatusCreated {
				t.Fatalf("create as %s: %d", subject, resp.StatusCode)
			}
			var got ticket.Ticket
			ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", nil, &got)
			if len(got.Messages) != 1 {
				t.Fatalf("%d messages", len(got.Messages))
			}
			return got.Messages[0]
		}
		if m := first(bridge, "bridge"); m.AuthorKind != "customer" || m.AuthorID != nil {
			t.Errorf("integration's ticket opens with %+v; want the customer's message", m)
		}
		if m := first(tier1, "agent"); m.AuthorKind != "agent" || m.AuthorID == nil || *m.AuthorID != tier1ID {
			t.Errorf("agent's ticket opens with %+v; want the agent's message", m)
		}
		var before int
		if err := ta.db.QueryRow(t.Context(), `SELECT COUNT(*) FROM tickets`).Scan(&before); err != nil {
			t.Fatal(err)
		}
		phish := newTicketBody("phish-open")
		phish["message"] = "Please send your seed phrase so I can check your wallet."
		var p web.Problem
		resp := ta.do("POST", "/api/v1/tickets", tier1, phish, &p, "Idempotency-Key", "phish-open-1")
		if resp.StatusCode != http.StatusUnprocessableEntity || p.Field != "message" || !strings.Contains(p.Detail, "not opened") {
			t.Fatalf("agent opening with a request for a seed phrase: %d %+v", resp.StatusCode, p)
		}
		var after int
		if err := ta.db.QueryRow(t.Context(), `SELECT COUNT(*) FROM tickets`).Scan(&after); err != nil {
			t.Fatal(err)
		}
		if after != before {
			t.Errorf("the refused opening stored %d tickets", after-before)
		}
		entries, _, err := ta.audit.List(t.Context(), audit.Filter{Action: "guard.outbound_blocked"}, web.Page{Limit: 10})
		if err != nil || len(entries) != 1 {
			t.Fatalf("audit of the refused opening = %v, %v", entries, err)
		}
	})
}
