package recovery

import (
	"context"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// The team handling appeals: none until set, only a team that exists, 0
// clears it, and each change is audited.
func TestTeamSetting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := agentCtx()
		if id, err := f.svc.Team(ctx); err != nil || id != 0 {
			t.Fatalf("team before any setting: %d, %v; want 0", id, err)
		}
		var team int64
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			var err error
			team, err = tx.InsertID(ctx, `INSERT INTO teams (name, product_area, language, created_at) VALUES ('Deposit recovery', '', 'en', 0)`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []int64{team + 1, -1} {
			wantKind(t, f.svc.SetTeam(ctx, bad), errs.Invalid, "no team")
		}
		if n := f.auditCount("recovery.team_set"); n != 0 {
			t.Errorf("%d audit records after refused changes, want 0", n)
		}
		for _, want := range []int64{team, 0, team} {
			if err := f.svc.SetTeam(ctx, want); err != nil {
				t.Fatalf("set team %d: %v", want, err)
			}
			if got, err := f.svc.Team(ctx); err != nil || got != want {
				t.Errorf("team after setting %d: %d, %v", want, got, err)
			}
		}
		if n := f.auditCount("recovery.team_set"); n != 3 {
			t.Errorf("%d audit records, want one per change (3)", n)
		}
	})
}
