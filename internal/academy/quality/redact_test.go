package quality

import (
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
)

// TestReviewTextIsRedacted: a review's comment, a dispute's reason and a
// resolution's note that quote a customer's seed phrase (a real BIP-39
// phrase) are stored cut by the guard.
func TestReviewTextIsRedacted(t *testing.T) {
	const phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.svc.Redact = func(s string) string { return ticketguard.New().Detector().ScanText(s).Redacted }
		ada, rev, mgr := w.agent("Ada", "tier1"), w.agent("Rita", "supervisor"), w.agent("Max", "supervisor")
		yesterday := day0.Add(-24 * time.Hour)
		tk := w.ticket(ada, "closed", yesterday)
		if err := w.svc.HandleEvents(w.ctx, []store.Event{
			event(w, ticket.OutboundBlocked, ticket.OutboundBlockedEvent{TicketID: &tk, AuthorID: &ada}, yesterday),
		}); err != nil {
			t.Fatal(err)
		}
		ss, err := w.svc.CreateSession(w.ctx, rev, NewSession{Kind: KindReview, Source: SourceGuard, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		r, err := w.svc.AddReview(w.ctx, ss.ID, rev, Scorecard{TicketID: tk, Scores: allFour(nil), Comment: "the customer sent " + phrase})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Dispute(w.ctx, r.ID, ada, "I never asked, they pasted "+phrase); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Resolve(w.ctx, r.ID, mgr, true, Resolution{Outcome: StateUpheld, Note: "upheld: " + phrase}); err != nil {
			t.Fatal(err)
		}
		for what, q := range map[string]string{
			"review comment": `SELECT comment FROM qa_reviews WHERE id = ?`,
			"dispute reason": `SELECT reason FROM qa_disputes WHERE review_id = ?`,
			"dispute note":   `SELECT note FROM qa_disputes WHERE review_id = ?`,
		} {
			var got string
			if err := db.QueryRow(w.ctx, q, r.ID).Scan(&got); err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if strings.Contains(got, "sausage") || !strings.Contains(got, "removed") {
				t.Errorf("%s stored as %q", what, got)
			}
		}
	})
}
