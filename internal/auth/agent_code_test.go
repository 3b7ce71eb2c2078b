package auth

import (
	"context"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func wantCode(t *testing.T, code string) {
	t.Helper()
	if canon, ok := guard.ParseVerificationCode(code); !ok || canon != code {
		t.Fatalf("verification code %q is not a canonical GC-XXXX-XXXX code", code)
	}
}

// TestVerificationCodeBackfill: migration 0003 gives agents that existed
// before it a code each, on both engines.
func TestVerificationCodeBackfill(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		// Undo migration 0003, as on a database from before it.
		for _, q := range []string{
			`DELETE FROM schema_migrations WHERE version = 3`,
			`DROP INDEX agents_verification_code`,
			`DROP INDEX official_channels_kind_normalized`,
			`DROP TABLE official_channels`,
			`ALTER TABLE agents DROP COLUMN verification_code`,
		} {
			if _, err := db.Exec(f.ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		var ids []int64
		for _, email := range []string{"old1@example.com", "old2@example.com", "old3@example.com"} {
			var id int64
			err := db.Tx(f.ctx, func(ctx context.Context, tx *store.Tx) error {
				var err error
				id, err = tx.InsertID(ctx, `INSERT INTO agents (email, name, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`, email, "Old Agent", string(Tier1), store.Now(), store.Now())
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		if _, err := db.Migrate(f.ctx); err != nil {
			t.Fatalf("migrate: %v", err)
		}
		seen := map[string]bool{}
		for _, id := range ids {
			a := f.reload(t, id)
			wantCode(t, a.VerificationCode)
			if seen[a.VerificationCode] {
				t.Fatalf("two agents share code %s", a.VerificationCode)
			}
			seen[a.VerificationCode] = true
		}
	})
}

func TestVerificationCodeLookupAndRotation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		team := f.team(t, "Deposits EN")
		a, err := f.svc.CreateAgent(f.ctx, NewAgent{Email: "priya@example.com", Name: "Priya Tier Two", Role: Tier2, Password: "a-long-enough-password", Teams: []int64{team}})
		if err != nil {
			t.Fatal(err)
		}
		wantCode(t, a.VerificationCode)
		got, err := f.svc.AgentByVerificationCode(f.ctx, a.VerificationCode)
		if err != nil || got.ID != a.ID || got.FirstName() != "Priya" || len(got.Teams) != 1 {
			t.Fatalf("lookup: %+v %v", got, err)
		}
		code, err := f.svc.RotateVerificationCode(f.ctx, a.ID)
		if err != nil || code == a.VerificationCode {
			t.Fatalf("rotate: %q %v", code, err)
		}
		wantCode(t, code)
		if _, err := f.svc.AgentByVerificationCode(f.ctx, a.VerificationCode); !errs.Is(err, errs.NotFound) {
			t.Fatalf("old code after rotation: %v", err)
		}
		if got := f.reload(t, a.ID); got.VerificationCode != code {
			t.Fatalf("stored code %q, want %q", got.VerificationCode, code)
		}
		if n := len(f.audited(t, "agent.verification_code_rotated")); n != 1 {
			t.Fatalf("%d rotation audit records", n)
		}
		no := false
		if _, err := f.svc.UpdateAgent(f.ctx, a.ID, AgentUpdate{Active: &no}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AgentByVerificationCode(f.ctx, code); !errs.Is(err, errs.NotFound) {
			t.Fatalf("a deactivated agent's code: %v", err)
		}
		if _, err := f.svc.AgentByVerificationCode(f.ctx, ""); !errs.Is(err, errs.NotFound) {
			t.Fatalf("empty code: %v", err)
		}
		if _, err := f.svc.RotateVerificationCode(f.ctx, 999999); !errs.Is(err, errs.NotFound) {
			t.Fatalf("rotate for no agent: %v", err)
		}
	})
}
