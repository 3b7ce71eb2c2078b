package ticket

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func TestMask(t *testing.T) {
	cases := []struct{ in, email, name string }{
		{"", "", ""},
		{"jordan.lee@example.org", "j***@example.org", "j***"},
		{"Jordan Lee", "J*** L***", "J*** L***"}, // not an address: masked as a name
		{"Nguyễn Văn An", "N*** V*** A***", "N*** V*** A***"},
		{"Ayşe  Yılmaz", "A*** Y***", "A*** Y***"},
		{"李伟", "李***", "李***"},
		{"élodie@exemple.fr", "é***@exemple.fr", "é***"},
		{"@example.org", "***@example.org", "@***"},
	}
	for _, c := range cases {
		if got := MaskEmail(c.in); got != c.email {
			t.Errorf("MaskEmail(%q) = %q, want %q", c.in, got, c.email)
		}
		if got := MaskName(c.in); got != c.name {
			t.Errorf("MaskName(%q) = %q, want %q", c.in, got, c.name)
		}
	}
	c := Customer{ID: 7, ExternalID: "u-1003", Email: "jordan.lee@example.org", Name: "Jordan Lee", Language: "en"}
	m := c.Mask()
	if want := (Customer{ID: 7, ExternalID: "u-1003", Email: "j***@example.org", Name: "J*** L***", Language: "en", Masked: true}); m != want {
		t.Fatalf("Mask() = %+v, want %+v", m, want)
	}
	if m.Mask() != m {
		t.Fatal("masking twice changed the masked data")
	}
	if tk := (Ticket{Customer: c}).MaskPII(); tk.Customer != m {
		t.Fatalf("MaskPII() customer = %+v", tk.Customer)
	}
}

// fakeIdentity accepts the token "good" for any user and records what it saw.
type fakeIdentity struct{ recorded []int64 }

func (f *fakeIdentity) RecordIntake(ctx context.Context, token, externalID string, customerID, ticketID int64) error {
	if token != "good" {
		return errs.Field("customer.identity", "customer.identity: not valid")
	}
	f.recorded = append(f.recorded, ticketID)
	return nil
}

func TestCreateWithIdentity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		withIdentity := func(tok string) func(*NewTicket) { return func(in *NewTicket) { in.Customer.Identity = tok } }

		// Without a checker, a token cannot be believed.
		if _, err := e.s.CreateForCustomer(e.ctx, ticketIn(withIdentity("good"))); !errs.Is(err, errs.Invalid) {
			t.Fatalf("identity without a checker: %v, want Invalid", err)
		}
		fake := &fakeIdentity{}
		e.s.WithIdentity(fake)
		cases := []struct {
			name  string
			mod   func(*NewTicket)
			field string // "" created
		}{
			{"valid", withIdentity("good"), ""},
			{"refused by the checker", withIdentity("forged"), "customer.identity"},
			{"without external_id", func(in *NewTicket) { in.Customer.Identity, in.Customer.ExternalID = "good", "" }, "customer.identity"},
			{"too long", withIdentity(string(make([]byte, MaxIdentityToken+1))), "customer.identity"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := e.count(t, `SELECT COUNT(*) FROM tickets`)
				tk, err := e.s.CreateForCustomer(e.ctx, ticketIn(c.mod))
				if c.field == "" {
					if err != nil || len(fake.recorded) == 0 || fake.recorded[len(fake.recorded)-1] != tk.ID {
						t.Fatalf("Create = %v; recorded %v", err, fake.recorded)
					}
					return
				}
				if fe, ok := errs.As(err); !ok || fe.Kind != errs.Invalid || fe.Field != c.field {
					t.Fatalf("Create = %v; want Invalid on %s", err, c.field)
				}
				if n := e.count(t, `SELECT COUNT(*) FROM tickets`); n != before {
					t.Fatalf("a refused identity left %d tickets, want %d", n, before)
				}
			})
		}
	})
}

func TestHeadAndCustomerByExternalID(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		team := e.team(t, "Security")
		tk := e.create(t, withTeam(team))
		if _, err := e.s.Head(e.ctx, Viewer{AgentID: 1, Teams: []int64{team + 1}}, tk.ID); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("Head by another team: %v, want Forbidden", err)
		}
		h, err := e.s.Head(e.ctx, Viewer{AgentID: 1, Teams: []int64{team}}, tk.ID)
		if err != nil || h.Customer.Email != "ana@example.com" || h.Messages != nil {
			t.Fatalf("Head = %+v, %v", h, err)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.viewed'`); n != 0 {
			t.Fatalf("Head audited %d views; its callers audit what they show", n)
		}
		c, err := e.s.CustomerByExternalID(e.ctx, "u-1")
		if err != nil || c.ID != tk.Customer.ID {
			t.Fatalf("CustomerByExternalID = %+v, %v", c, err)
		}
		for _, id := range []string{"u-404", ""} {
			if _, err := e.s.CustomerByExternalID(e.ctx, id); !errs.Is(err, errs.NotFound) {
				t.Errorf("CustomerByExternalID(%q) = %v, want NotFound", id, err)
			}
		}
	})
}

// FuzzMask: whatever a customer record holds, masking keeps one character
// per word (and the e-mail's domain) and never more.
func FuzzMask(f *testing.F) {
	for _, s := range []string{"jordan.lee@example.org", "Jordan Lee", "李伟", "a@b@c", " \t", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name := MaskName(s)
		for _, w := range strings.Fields(name) {
			if !strings.HasSuffix(w, "***") || utf8.RuneCountInString(w) != 4 {
				t.Fatalf("MaskName(%q) = %q: word %q keeps more than one character", s, name, w)
			}
		}
		if local, domain, ok := strings.Cut(s, "@"); ok {
			if got, want := MaskEmail(s), firstRune(local)+"***@"+domain; got != want {
				t.Fatalf("MaskEmail(%q) = %q, want %q", s, got, want)
			}
		}
	})
}

// TestSeesCustomer: an agent may look up an exchange user's own data
// (risk events, ...) only when they may see one of that customer's
// tickets; an unknown user and a customer of another team's tickets read
// alike, so the answer tells nothing of who has an account.
func TestSeesCustomer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		security := e.team(t, "Security")
		tk := e.create(t, withTeam(security)) // customer u-1
		cases := []struct {
			name string
			v    Viewer
			user string
			ok   bool
		}{
			{"the ticket's team", Viewer{AgentID: 1, Teams: []int64{security}}, "u-1", true},
			{"every team", Viewer{AgentID: 1, AllTeams: true}, "u-1", true},
			{"another team", Viewer{AgentID: 1, Teams: []int64{security + 1}}, "u-1", false},
			{"no team", Viewer{AgentID: 1}, "u-1", false},
			{"unknown user", Viewer{AgentID: 1, Teams: []int64{security}}, "u-404", false},
			{"empty user", Viewer{AgentID: 1, Teams: []int64{security}}, "", false},
		}
		for _, c := range cases {
			err := e.s.SeesCustomer(e.ctx, c.v, c.user)
			if c.ok && err != nil || !c.ok && !errs.Is(err, errs.Forbidden) {
				t.Errorf("%s: %v, want allowed %v (forbidden otherwise)", c.name, err, c.ok)
			}
		}
		// Assigned to them, the agent sees the customer from another team.
		agent := e.agent(t, "helper@example.com", true)
		if _, err := db.Exec(e.ctx, `UPDATE tickets SET assignee_id = ? WHERE id = ?`, agent, tk.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.s.SeesCustomer(e.ctx, Viewer{AgentID: agent, Teams: []int64{security + 1}}, "u-1"); err != nil {
			t.Errorf("assignee of the customer's ticket: %v", err)
		}
	})
}
