package ticket

import (
	"reflect"
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestCreateAnswersWhatLoadReads checks that the ticket a create returns
// (built from what its transaction wrote, when it can be) is the ticket as
// stored, field for field: new and returning customers, a record with
// gaps a ticket fills, customers by e-mail, teams, tags, custom fields, a
// redacted subject, and an agent's ticket.
func TestCreateAnswersWhatLoadReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
		team := e.team(t, "Payments")
		agent := e.agent(t, "ana@support.example", true)
		phrase := "letter advice cage absurd amount doctor acoustic avoid letter advice cage above"
		cases := []struct {
			name  string
			agent bool
			mods  []func(*NewTicket)
		}{
			{name: "new customer", mods: []func(*NewTicket){withCustomer(NewCustomer{ExternalID: "c-1", Email: "a@example.com", Name: "Ana", Language: "pt"})}},
			{name: "same customer again", mods: []func(*NewTicket){withCustomer(NewCustomer{ExternalID: "c-1", Email: "other@example.com", Name: "Other"})}},
			{name: "record without name", mods: []func(*NewTicket){withCustomer(NewCustomer{ExternalID: "c-2", Email: "b@example.com"})}},
			{name: "name filled in", mods: []func(*NewTicket){withCustomer(NewCustomer{ExternalID: "c-2", Email: "x@example.com", Name: "Bea", Language: "de"})}},
			{name: "by e-mail", mods: []func(*NewTicket){withCustomer(NewCustomer{Email: "mail@example.com"})}},
			{name: "by e-mail again", mods: []func(*NewTicket){withCustomer(NewCustomer{Email: "mail@example.com", Name: "Mo"})}},
			{name: "team, tag, fields", mods: []func(*NewTicket){withTeam(team), withTags("VIP"), withPriority("high"),
				func(in *NewTicket) { in.CustomFields = map[string]string{"order": "A-17", "network": "TRON"} }}},
			{name: "tags", mods: []func(*NewTicket){withTags("b-tag", "a_tag", "A-tag", "z")}},
			{name: "secret in subject", mods: []func(*NewTicket){func(in *NewTicket) { in.Subject = phrase }}},
			{name: "secret in message", mods: []func(*NewTicket){func(in *NewTicket) { in.Message = "my words: " + phrase }}},
			{name: "agent", agent: true, mods: []func(*NewTicket){withTeam(team)}},
		}
		for _, c := range cases {
			var got Ticket
			var err error
			if c.agent {
				got, err = e.s.CreateAsAgent(e.ctx, Viewer{AgentID: agent, AllTeams: true}, ticketIn(c.mods...))
			} else {
				got, err = e.s.CreateForCustomer(e.ctx, ticketIn(c.mods...))
			}
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			want, err := e.s.load(e.ctx, got.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: create answered\n%+v\nthe database holds\n%+v", c.name, got, want)
			}
		}
	})
}
