package risk

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// The customer events API needs only ticket.read, so the IP address is
// for those who may reveal personal data, as on the ticket page.
func TestCustomerEventsMasksIP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		maria := sandbox.UserMaria
		if _, err := e.svc.Accept(e.ctx, []exchange.RiskEvent{e.event("m1", exchange.RiskNewDeviceSignIn, maria)}); err != nil {
			t.Fatal(err)
		}
		e.ticketFor(maria, nil) // in no team: every agent sees it
		get := func(p *auth.Principal) map[string]any {
			t.Helper()
			r := httptest.NewRequest("GET", "/api/v1/risk/customers/"+maria+"/events", nil)
			r.SetPathValue("user", maria)
			if p != nil {
				r = r.WithContext(auth.WithPrincipal(r.Context(), *p))
			}
			w := httptest.NewRecorder()
			if err := e.svc.HandleCustomerEvents(w, r); err != nil {
				t.Fatal(err)
			}
			var body struct {
				Events []struct {
					Event      map[string]any `json:"event"`
					IPWithheld bool           `json:"ip_withheld"`
				} `json:"events"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || len(body.Events) != 1 {
				t.Fatalf("body %s: %v, want one event", w.Body, err)
			}
			ev := body.Events[0].Event
			ev["ip_withheld"] = body.Events[0].IPWithheld
			return ev
		}
		as := func(role auth.Role) *auth.Principal {
			return &auth.Principal{Agent: auth.Agent{ID: 1, Name: "A", Active: true, Role: role}}
		}
		for _, c := range []struct {
			name string
			p    *auth.Principal
		}{{"tier1", as(auth.Tier1)}, {"no principal", nil}, {"inactive tier2", &auth.Principal{Agent: auth.Agent{Role: auth.Tier2}}}} {
			ev := get(c.p)
			if _, ok := ev["ip"]; ok || ev["ip_withheld"] != true {
				t.Errorf("%s: %v, want the IP withheld", c.name, ev)
			}
			if ev["device"] != "Windows 10, Chrome" || ev["country"] != "NG" {
				t.Errorf("%s: %v, want device and country kept", c.name, ev)
			}
		}
		for _, role := range []auth.Role{auth.Tier2, auth.Security} {
			ev := get(as(role))
			if ev["ip"] != "102.89.34.17" || ev["ip_withheld"] != false {
				t.Errorf("%s: %v, want the IP shown", role, ev)
			}
		}
	})
}

// The ticket page's risk card shows the IP only to an agent who may
// reveal it, and nothing for a customer without an exchange account.
func TestTicketPanel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		maria := sandbox.UserMaria
		if _, err := e.svc.Accept(e.ctx, []exchange.RiskEvent{e.event("p1", exchange.RiskNewDeviceSignIn, maria)}); err != nil {
			t.Fatal(err)
		}
		render := func(role auth.Role, external string) string {
			r := httptest.NewRequest("GET", "/tickets/1", nil)
			r = r.WithContext(auth.WithPrincipal(r.Context(), auth.Principal{Agent: auth.Agent{ID: 1, Active: true, Role: role}}))
			return string(e.svc.TicketPanel(r, ticket.Ticket{ID: 1, Customer: ticket.Customer{ExternalID: external}}))
		}
		tier1 := render(auth.Tier1, maria)
		if !strings.Contains(tier1, `data-kind="new_device_sign_in"`) || !strings.Contains(tier1, "Windows 10, Chrome") || strings.Contains(tier1, "102.89.34.17") {
			t.Errorf("tier1 card: %s\nwant the event and device, no IP", tier1)
		}
		if tier2 := render(auth.Tier2, maria); !strings.Contains(tier2, "102.89.34.17") {
			t.Errorf("tier2 card: %s\nwant the IP", tier2)
		}
		if none := render(auth.Tier2, "u-nobody"); !strings.Contains(none, `id="no-risk-events"`) {
			t.Errorf("card without events: %s", none)
		}
		if got := render(auth.Tier2, ""); got != "" {
			t.Errorf("card for a customer without an account: %q, want none", got)
		}
	})
}

// An agent reads a customer's risk events (the amounts, addresses and
// devices of their account) only if they may see one of that customer's
// tickets: a Tier 1 agent of another team, or anyone asking about a user
// with no ticket, gets 403 and no event.
func TestCustomerEventsOnlyForTheirAgents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		maria := sandbox.UserMaria
		ev := e.event("w1", exchange.RiskLargeWithdrawal, maria)
		if _, err := e.svc.Accept(e.ctx, []exchange.RiskEvent{ev}); err != nil {
			t.Fatal(err)
		}
		security, deposits := e.team("Security"), e.team("Deposits")
		e.ticketFor(maria, &security)
		for _, c := range []struct {
			name  string
			role  auth.Role
			teams []int64
			user  string
			ok    bool
		}{
			{"tier1 of the ticket's team", auth.Tier1, []int64{security}, maria, true},
			{"security, every team", auth.Security, nil, maria, true},
			{"tier1 of another team", auth.Tier1, []int64{deposits}, maria, false},
			{"tier2 of another team", auth.Tier2, []int64{deposits}, maria, false},
			{"tier1, a user with no ticket", auth.Tier1, []int64{security}, "u-404", false},
		} {
			r := httptest.NewRequest("GET", "/api/v1/risk/customers/"+c.user+"/events", nil)
			r.SetPathValue("user", c.user)
			p := auth.Principal{Agent: auth.Agent{ID: 9, Name: "A", Active: true, Role: c.role, Teams: c.teams}}
			r = r.WithContext(auth.WithPrincipal(r.Context(), p))
			w := httptest.NewRecorder()
			err := e.svc.HandleCustomerEvents(w, r)
			switch {
			case c.ok && (err != nil || !strings.Contains(w.Body.String(), ev.Address)):
				t.Errorf("%s: %v %s, want the event", c.name, err, w.Body)
			case !c.ok && (!errs.Is(err, errs.Forbidden) || w.Body.Len() != 0):
				t.Errorf("%s: %v %s, want forbidden and nothing written", c.name, err, w.Body)
			}
		}
	})
}
