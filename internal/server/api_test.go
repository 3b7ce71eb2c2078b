package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

func newTicketBody(subject string) map[string]any {
	return map[string]any{
		"subject": subject, "message": "My deposit has not arrived", "channel": "api",
		"customer": map[string]any{"external_id": "u-" + subject, "email": "u@example.com", "name": "Ana"},
	}
}

// customerMessage is a channel integration's message as the customer
// externalID.
func customerMessage(externalID, body string) map[string]any {
	return map[string]any{"body": body, "customer": map[string]any{"external_id": externalID}}
}

func TestCreateAndGetTicket(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var created ticket.Ticket
		resp := ta.do("POST", "/api/v1/tickets", "", newTicketBody("first"), &created)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("create: status %d", resp.StatusCode)
		}
		if created.ID == 0 || created.Status != ticket.StatusNew || created.Priority != "normal" || created.Tier != 1 || created.Language != "en" {
			t.Fatalf("created ticket = %+v; want new, normal, tier 1, en", created)
		}
		if loc := resp.Header.Get("Location"); loc != fmt.Sprintf("/api/v1/tickets/%d", created.ID) {
			t.Errorf("Location = %q", loc)
		}
		var msg ticket.Message
		resp = ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/customer-messages", created.ID), "", customerMessage("u-first", "TxID 0xabc"), &msg)
		if resp.StatusCode != http.StatusCreated || msg.AuthorKind != "customer" {
			t.Fatalf("add message: status %d, %+v", resp.StatusCode, msg)
		}
		ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/notes", created.ID), "", map[string]any{"body": "checked the chain"}, nil)

		var got ticket.Ticket
		if resp := ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", created.ID), "", nil, &got); resp.StatusCode != 200 {
			t.Fatalf("get: status %d", resp.StatusCode)
		}
		if len(got.Messages) != 3 || got.Messages[0].Body != "My deposit has not arrived" || !got.Messages[2].Internal {
			t.Fatalf("messages = %+v; want first message, customer reply, internal note", got.Messages)
		}
		if got.Customer.ExternalID != "u-first" || got.MessageCount != 3 {
			t.Fatalf("customer/message_count = %+v/%d", got.Customer, got.MessageCount)
		}

		var list web.List[ticket.Ticket]
		ta.do("GET", "/api/v1/tickets?status=new", "", nil, &list)
		if len(list.Items) != 1 || list.Items[0].ID != created.ID {
			t.Fatalf("list = %+v", list.Items)
		}
	})
}

func TestUpdateAndEscalate(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("upd"), &tk)
		path := fmt.Sprintf("/api/v1/tickets/%d", tk.ID)
		var updated ticket.Ticket
		resp := ta.do("PATCH", path, "", map[string]any{"status": "open", "priority": "urgent", "tags": []string{"Deposit", "usdt", "deposit"}}, &updated)
		if resp.StatusCode != 200 || updated.Status != "open" || updated.Priority != "urgent" || strings.Join(updated.Tags, ",") != "deposit,usdt" {
			t.Fatalf("update: %d %+v", resp.StatusCode, updated)
		}
		var esc ticket.Escalation
		resp = ta.do("POST", path+"/escalations", "", map[string]any{"to_tier": 3, "reason": "possible account takeover", "summary": "new device, password reset, withdrawal in one hour"}, &esc)
		if resp.StatusCode != 201 || esc.FromTier != 1 || esc.ToTier != 3 {
			t.Fatalf("escalate: %d %+v", resp.StatusCode, esc)
		}
		var got ticket.Ticket
		ta.do("GET", path, "", nil, &got)
		if got.Tier != 3 || len(got.Escalations) != 1 || got.Escalations[0].Reason != "possible account takeover" {
			t.Fatalf("after escalation: tier %d, %+v", got.Tier, got.Escalations)
		}
		var tags web.List[ticket.TagCount]
		ta.do("GET", "/api/v1/tags", "", nil, &tags)
		if len(tags.Items) != 2 {
			t.Fatalf("tags = %+v", tags.Items)
		}
	})
}

func TestBadInputIsRejectedAndChangesNothing(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		big := strings.Repeat("a", ticket.MaxRequest+10)
		cases := []struct {
			name, method, path, token, body string
			status                          int
			detail                          string
		}{
			{"malformed JSON", "POST", "/api/v1/tickets", "", `{"subject": "x",`, 400, "malformed JSON"},
			{"unknown field", "POST", "/api/v1/tickets", "", `{"subject":"x","message":"y","channel":"api","customer":{"email":"a@b.co"},"sneaky":1}`, 400, `unknown field "sneaky"`},
			{"wrong type", "POST", "/api/v1/tickets", "", `{"subject":5}`, 400, `field "subject" must be a string`},
			{"bad enum", "POST", "/api/v1/tickets", "", `{"subject":"x","message":"y","channel":"fax","customer":{"email":"a@b.co"}}`, 400, "channel must be one of"},
			{"bad priority", "POST", "/api/v1/tickets", "", `{"subject":"x","message":"y","channel":"api","priority":"meh","customer":{"email":"a@b.co"}}`, 400, "priority must be one of"},
			{"no customer", "POST", "/api/v1/tickets", "", `{"subject":"x","message":"y","channel":"api"}`, 400, "customer needs"},
			{"trailing data", "POST", "/api/v1/tickets", "", `{"subject":"x"} {}`, 400, "after the JSON object"},
			{"empty body", "POST", "/api/v1/tickets", "", ``, 400, "empty"},
			{"oversized", "POST", "/api/v1/tickets", "", `{"subject":"` + big + `"}`, 413, "larger than"},
			{"no auth", "GET", "/api/v1/tickets", "-", ``, 401, "sign in"},
			{"bad token", "GET", "/api/v1/tickets", "gct_not-a-real-token-at-all", ``, 401, "not valid"},
			{"no such ticket", "GET", "/api/v1/tickets/999999", "", ``, 404, "no ticket"},
			{"bad id", "GET", "/api/v1/tickets/abc", "", ``, 404, "no id"},
			{"message to missing ticket", "POST", "/api/v1/tickets/999999/messages", "", `{"body":"hi"}`, 404, "no ticket"},
			{"bad limit", "GET", "/api/v1/tickets?limit=0", "", ``, 400, "limit"},
			{"no route", "GET", "/api/v1/nope", "", ``, 404, "no API route"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				var p web.Problem
				resp := ta.do(tc.method, tc.path, tc.token, tc.body, &p)
				if resp.StatusCode != tc.status {
					t.Fatalf("status %d, want %d (%+v)", resp.StatusCode, tc.status, p)
				}
				if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
					t.Errorf("Content-Type = %q", ct)
				}
				if p.Status != tc.status || !strings.Contains(p.Detail, tc.detail) {
					t.Errorf("problem = %+v, want detail containing %q", p, tc.detail)
				}
			})
		}
		if n := storetest.Scalar[int](t, ta.db, `SELECT COUNT(*) FROM tickets`); n != 0 {
			t.Fatalf("%d tickets written by rejected requests", n)
		}
		if n := storetest.Scalar[int](t, ta.db, `SELECT COUNT(*) FROM customers`); n != 0 {
			t.Fatalf("%d customers written by rejected requests", n)
		}
	})
}

func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		body := newTicketBody("idem")
		var a, b ticket.Ticket
		r1 := ta.do("POST", "/api/v1/tickets", "", body, &a, "Idempotency-Key", "k-1")
		r2 := ta.do("POST", "/api/v1/tickets", "", body, &b, "Idempotency-Key", "k-1")
		if r1.StatusCode != 201 || r2.StatusCode != 201 || a.ID != b.ID {
			t.Fatalf("replay: %d/%d ids %d/%d", r1.StatusCode, r2.StatusCode, a.ID, b.ID)
		}
		if r2.Header.Get("Idempotent-Replayed") != "true" {
			t.Error("replayed response lacks Idempotent-Replayed")
		}
		var p web.Problem
		other := newTicketBody("different")
		if r := ta.do("POST", "/api/v1/tickets", "", other, &p, "Idempotency-Key", "k-1"); r.StatusCode != 422 {
			t.Fatalf("same key, different body: %d %+v", r.StatusCode, p)
		}
		// A rejected request does not use up its key.
		ta.do("POST", "/api/v1/tickets", "", `{"subject":"x"}`, nil, "Idempotency-Key", "k-2")
		if r := ta.do("POST", "/api/v1/tickets", "", other, nil, "Idempotency-Key", "k-2"); r.StatusCode != 201 {
			t.Fatalf("key after a rejected request: %d", r.StatusCode)
		}
		if n := storetest.Scalar[int](t, ta.db, `SELECT COUNT(*) FROM tickets`); n != 2 {
			t.Fatalf("%d tickets, want 2", n)
		}
	})
}

// agentToken creates an agent with role and teams and returns its API token.
func (ta *testApp) agentToken(role auth.Role, teams ...int64) (int64, string) {
	ta.t.Helper()
	ctx := ta.t.Context()
	a, err := ta.auth.CreateAgent(ctx, auth.NewAgent{Email: fmt.Sprintf("%s-%d@example.com", role, len(teams)), Name: string(role), Role: role, Password: "a-long-enough-password", Teams: teams})
	if err != nil {
		ta.t.Fatal(err)
	}
	tok, err := ta.auth.CreateToken(ctx, a.ID, "test", "")
	if err != nil {
		ta.t.Fatal(err)
	}
	return a.ID, tok.Token
}

func TestTeamIsolation(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var deposits, security auth.Team
		ta.do("POST", "/api/v1/teams", "", map[string]any{"name": "Deposits"}, &deposits)
		ta.do("POST", "/api/v1/teams", "", map[string]any{"name": "Security"}, &security)
		mine, theirs := newTicketBody("mine"), newTicketBody("theirs")
		mine["team_id"], theirs["team_id"] = deposits.ID, security.ID
		var tm, tt ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", mine, &tm)
		ta.do("POST", "/api/v1/tickets", "", theirs, &tt)
		_, tier1 := ta.agentToken(auth.Tier1, deposits.ID)

		var list web.List[ticket.Ticket]
		ta.do("GET", "/api/v1/tickets", tier1, nil, &list)
		if len(list.Items) != 1 || list.Items[0].ID != tm.ID {
			t.Fatalf("tier 1 sees %d tickets, want only their team's", len(list.Items))
		}
		for _, try := range []struct{ method, path string }{
			{"GET", fmt.Sprintf("/api/v1/tickets/%d", tt.ID)},
			{"POST", fmt.Sprintf("/api/v1/tickets/%d/messages", tt.ID)},
			{"PATCH", fmt.Sprintf("/api/v1/tickets/%d", tt.ID)},
		} {
			var p web.Problem
			resp := ta.do(try.method, try.path, tier1, map[string]any{"body": "hi"}, &p)
			if try.method == "PATCH" {
				resp = ta.do(try.method, try.path, tier1, map[string]any{"status": "open"}, &p)
			}
			if resp.StatusCode != 403 || !strings.Contains(p.Detail, "team you are not in") {
				t.Errorf("%s %s by another team's tier 1: %d %+v", try.method, try.path, resp.StatusCode, p)
			}
		}
		var got ticket.Ticket
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tt.ID), "", nil, &got)
		if got.MessageCount != 1 || got.Status != "new" {
			t.Fatalf("another team's ticket changed: %+v", got)
		}
	})
}

// TestRoleEndpointMatrix tries every role against every guarded route of
// the route table: a role without the route's permission gets 403 and the
// request has no effect; a role with it is never refused for permission.
func TestRoleEndpointMatrix(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("matrix"), &tk)
		tokens := map[auth.Role]string{}
		for _, role := range auth.Roles {
			_, tokens[role] = ta.agentToken(role)
		}
		for _, rt := range ta.APIRoutes() {
			if rt.Perm == web.Public {
				continue
			}
			path := strings.ReplaceAll(rt.Path, "{id}", fmt.Sprint(tk.ID))
			if resp := ta.do(rt.Method, path, "-", nil, nil); resp.StatusCode != 401 {
				t.Errorf("%s %s without credentials: %d, want 401", rt.Method, rt.Path, resp.StatusCode)
			}
			for _, role := range auth.Roles {
				var p map[string]any
				// An empty object: enough to pass or fail the permission check
				// without creating anything when the role is refused.
				resp := ta.do(rt.Method, path, tokens[role], "{}", &p)
				detail, _ := p["detail"].(string)
				refused := resp.StatusCode == 403 && strings.Contains(detail, "lacks the")
				if allowed := role.Allows(rt.Perm); allowed == refused {
					t.Errorf("%s %s as %s: status %d (%s); permission %s allowed=%v", rt.Method, rt.Path, role, resp.StatusCode, detail, rt.Perm, allowed)
				}
			}
		}
	})
}
