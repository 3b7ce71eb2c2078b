package ticket

import (
	"slices"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestPhraseAsTagsScreenedAsTyped: a phrase sent one word a tag, with its
// repeated words (the test vector of entropy 7f×16 repeats "legal",
// "winner" and "thank"), is screened in the order it came. Tags used to be
// made a sorted set first, so the guard read nine distinct words in
// alphabetical order, found no phrase, and all nine were stored: enough
// to rebuild the wallet by trying their orders.
func TestPhraseAsTagsScreenedAsTyped(t *testing.T) {
	words := strings.Fields("legal winner thank year wave sausage worth useful legal winner thank yellow")
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
		tk := e.create(t, func(in *NewTicket) {
			in.Subject = "wallet"
			in.Tags = append([]string{"vip"}, words...)
		})
		check := func(when string, tags []string, want string) {
			t.Helper()
			for _, w := range words {
				if slices.Contains(tags, w) {
					t.Errorf("%s: tags keep %q: %q", when, w, tags)
					return
				}
			}
			if !slices.Contains(tags, want) || !slices.IsSorted(tags) || len(slices.Compact(slices.Clone(tags))) != len(tags) {
				t.Errorf("%s: tags = %q, want a sorted set with %q", when, tags, want)
			}
		}
		check("create", e.get(t, everyone, tk.ID).Tags, "vip")

		other := e.create(t, func(in *NewTicket) { in.Subject = "help" })
		tags := append(slices.Clone(words), "urgent", "Urgent")
		got, err := e.s.UpdateTicket(e.ctx, everyone, other.ID, Update{Tags: &tags})
		if err != nil {
			t.Fatal(err)
		}
		check("update answer", got.Tags, "urgent")
		check("update stored", e.get(t, everyone, other.ID).Tags, "urgent")
	})
}
