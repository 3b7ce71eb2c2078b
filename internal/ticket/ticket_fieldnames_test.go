package ticket

import (
	"fmt"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestPhraseAsFieldNamesRefused: a recovery phrase sent one word a custom
// field name ("1 ozone": "", "2 drill": "", ...) was stored, since only
// the values were screened. A name has no redacted form to keep, so the
// ticket is refused, on create and on update, and nothing is stored.
func TestPhraseAsFieldNamesRefused(t *testing.T) {
	words := strings.Fields("ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic")
	asNames := map[string]string{}
	for i, w := range words {
		asNames[fmt.Sprintf("%d %s", i+1, w)] = "x"
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
		_, err := e.s.CreateForCustomer(e.ctx, ticketIn(func(in *NewTicket) { in.CustomFields = asNames }))
		if !errs.Is(err, errs.Invalid) || !strings.Contains(err.Error(), "custom field names") {
			t.Fatalf("create with a phrase as field names: err = %v, want Invalid naming the field names", err)
		}
		for _, w := range words {
			if strings.Contains(err.Error(), w) {
				t.Fatalf("the error repeats %q: %v", w, err)
			}
		}
		var n int
		if err := db.QueryRow(e.ctx, `SELECT COUNT(*) FROM tickets`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("tickets stored = %d (%v), want 0", n, err)
		}

		tk := e.create(t, func(in *NewTicket) {
			in.CustomFields = map[string]string{"asset": "BTC", "network": "bitcoin"} // ordinary names pass
		})
		fields := asNames
		if _, err := e.s.UpdateTicket(e.ctx, everyone, tk.ID, Update{CustomFields: &fields}); !errs.Is(err, errs.Invalid) {
			t.Fatalf("update with a phrase as field names: err = %v, want Invalid", err)
		}
		if got := e.get(t, everyone, tk.ID).CustomFields; len(got) != 2 || got["asset"] != "BTC" {
			t.Fatalf("fields after the refused update = %v, want the two stored before", got)
		}
	})
}
