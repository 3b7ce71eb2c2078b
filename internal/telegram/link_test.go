package telegram

import (
	"context"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestIdentityTokenIssuesOneLink: an identity token with a jti buys one
// deep link, as it starts one widget session: whoever replays a leaked
// token while it is still valid gets nothing to link their own chat with.
// Tokens without a jti cannot be told apart and still work each time.
func TestIdentityTokenIssuesOneLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		clock := store.NewFakeClock(time.Now())
		db.SetClock(clock.Now)
		l := NewLinks(db, []byte("link-key-link-key-link-key-link!"))
		ctx := context.Background()
		until := clock.Now().Add(time.Hour)
		steps := []struct {
			name, user, jti string
			until           time.Time
			want            errs.Kind // 0: issued
		}{
			{"first use", "user-1", "jti-a", until, 0},
			{"replayed", "user-1", "jti-a", until, errs.Conflict},
			{"another token", "user-1", "jti-b", until, 0},
			{"no jti", "user-1", "", time.Time{}, 0},
			{"no jti again", "user-1", "", time.Time{}, 0},
		}
		for _, s := range steps {
			token, _, err := l.IssueOnce(ctx, s.user, s.jti, s.until)
			if errs.KindOf(err) != s.want || (err == nil) != (s.want == 0) {
				t.Fatalf("%s: %v, want kind %v", s.name, err, s.want)
			}
			if s.want != 0 && token != "" {
				t.Fatalf("%s: refused but got token %q", s.name, token)
			}
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM telegram_links`); n != 4 {
			t.Fatalf("%d links stored, want 4 (nothing for the replay)", n)
		}
		// A use is remembered while its token could still be presented;
		// after that it is dropped and the token is refused as expired by
		// the signer anyway.
		clock.Advance(2 * time.Hour)
		if _, _, err := l.IssueOnce(ctx, "user-2", "jti-c", clock.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM telegram_token_uses WHERE expires_at < ?`, clock.Now().UnixMilli()); n != 0 {
			t.Fatalf("%d expired uses kept", n)
		}
	})
}
