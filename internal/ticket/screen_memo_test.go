package ticket

import (
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestMemoSeedKeepsSubject: a real BIP-39 phrase typed into a custom
// field "memo" is cut from the field, and the ticket's harmless subject
// stays as written, whoever opens the ticket and whether or not a
// customer name comes first (it shifts the field's place in the intake).
func TestMemoSeedKeepsSubject(t *testing.T) {
	const seed = "legal winner thank year wave sausage worth useful legal winner thank yellow"
	subjects := []string{"Wrong memo tag", "Need help with my account", "memo", "Deposit missing"}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
		agent := Viewer{AgentID: e.agent(t, "opener@example.com", true), AllTeams: true}
		for _, subject := range subjects {
			for _, name := range []string{"", "Ana"} {
				in := ticketIn(func(in *NewTicket) {
					in.Subject, in.Customer.Name = subject, name
					in.CustomFields = map[string]string{"memo": seed}
				})
				byCustomer, err := e.s.CreateForCustomer(e.ctx, in)
				if err != nil {
					t.Fatal(err)
				}
				in.CustomFields = map[string]string{"memo": seed} // the first call redacted the map in place
				byAgent, err := e.s.CreateAsAgent(e.ctx, agent, in)
				if err != nil {
					t.Fatal(err)
				}
				for door, tk := range []Ticket{byCustomer, byAgent} {
					var stored, fields string
					if err := db.QueryRow(e.ctx, `SELECT subject, custom_fields FROM tickets WHERE id = ?`, tk.ID).Scan(&stored, &fields); err != nil {
						t.Fatal(err)
					}
					if stored != subject {
						t.Errorf("door %d: subject %q (name %q) stored as %q", door, subject, name, stored)
					}
					if strings.Contains(fields, "winner") || !strings.Contains(fields, "removed") {
						t.Errorf("memo stored as %s", fields)
					}
				}
			}
		}
	})
}
