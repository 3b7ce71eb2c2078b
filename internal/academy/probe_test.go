package academy

import (
	"context"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// An agent cannot learn a certification's key by probing its quiz: the
// agent answers every question with the first choice, then the second,
// then the third, as an outside tester did to certify for the security
// queue in three attempts. No failed attempt says which answers were
// right, and a fourth attempt within 24 hours is refused with when the
// next may start.
func TestQuizCannotBeProbedForTheKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		eve := f.agent("Eve")
		c, _ := f.securityCourse()
		learned := map[int64]int{}
		for choice := range AttemptsPerDay {
			q, err := f.svc.Start(ctx, eve, c.ID)
			if err != nil {
				t.Fatalf("attempt %d: %v", choice+1, err)
			}
			all := map[int64]int{}
			for _, qq := range c.Questions {
				all[qq.ID] = choice % len(qq.Choices)
			}
			res, err := f.svc.Submit(ctx, eve, q.Attempt.ID, all)
			if err != nil {
				t.Fatal(err)
			}
			if res.Attempt.Passed && res.Certified != nil {
				continue // a blanket answer that happens to pass earns it honestly
			}
			if !res.KeyWithheld {
				t.Errorf("attempt %d scored %d%% and was not told the key is withheld", choice+1, res.Attempt.Score)
			}
			for _, rv := range res.Review {
				if rv.Right {
					learned[rv.ID] = rv.Chosen
				}
			}
			f.clock.Advance(time.Minute)
		}
		if len(learned) > 0 {
			t.Errorf("failed attempts told which answers were right: %v", learned)
		}
		_, err := f.svc.Start(ctx, eve, c.ID)
		if !errs.Is(err, errs.RateLimited) {
			t.Fatalf("attempt %d within 24 hours: %v, want rate limited", AttemptsPerDay+1, err)
		}
		f.clock.Advance(24 * time.Hour)
		if _, err := f.svc.Start(ctx, eve, c.ID); err != nil {
			t.Errorf("an attempt a day later: %v", err)
		}
	})
}
