package telegram

import (
	"context"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestIdentityTokenIssuesOneLink: an identity token buys one deep link
// (its key is its jti or its signature, auth.CustomerIdentity.OnceKey):
// whoever replays a leaked token while it is still valid gets nothing to
// link their own chat with, and no link is issued without a key to spend.
func TestIdentityTokenIssuesOneLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		clock := store.NewFakeClock(time.Now())
		db.SetClock(clock.Now)
		l := NewLinks(db, []byte("link-key-link-key-link-key-link!"))
		ctx := context.Background()
		until := clock.Now().Add(time.Hour)
		steps := []struct {
			name, user, key string
			refused         bool
			kind            errs.Kind // of the refusal
		}{
			{"first use", "user-1", "jti:a", false, 0},
			{"replayed", "user-1", "jti:a", true, errs.Conflict},
			{"another token", "user-1", "jti:b", false, 0},
			{"signature key", "user-1", "sig:0a1b", false, 0},
			{"signature replayed", "user-1", "sig:0a1b", true, errs.Conflict},
			{"no key", "user-1", "", true, errs.Internal},
		}
		for _, s := range steps {
			token, _, err := l.Issue(ctx, s.user, s.key, until)
			if (err != nil) != s.refused || (s.refused && errs.KindOf(err) != s.kind) {
				t.Fatalf("%s: %v, want refused=%v kind %v", s.name, err, s.refused, s.kind)
			}
			if s.refused && token != "" {
				t.Fatalf("%s: refused but got token %q", s.name, token)
			}
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM telegram_links`); n != 3 {
			t.Fatalf("%d links stored, want 3 (nothing for the replays)", n)
		}
		// A use is remembered while its token could still be presented;
		// after that it is dropped and the token is refused as expired by
		// the signer anyway.
		clock.Advance(2 * time.Hour)
		if _, _, err := l.Issue(ctx, "user-2", "jti-c", clock.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM telegram_token_uses WHERE expires_at < ?`, clock.Now().UnixMilli()); n != 0 {
			t.Fatalf("%d expired uses kept", n)
		}
	})
}
