package risk

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func storetestOpen(t *testing.T) *store.DB { return storetest.Open(t, store.SQLite) }

// FuzzParseEvents: any body is either a valid batch or an invalid-input
// error; never a panic, never an internal error.
func FuzzParseEvents(f *testing.F) {
	for _, s := range []string{
		`{"events":[{"id":"e1","kind":"new_device_sign_in","user_id":"u-1001","at":"2026-12-05T12:00:00Z","device":"iPhone","country":"NG"}]}`,
		`{"events":[{"id":"e2","kind":"large_withdrawal","user_id":"u-1001","at":"2026-12-05T11:59:00Z","network":"tron","asset":"USDT","amount":"9850.5","address":"TXYZ"}]}`,
		`{"events":[{"id":"e3","kind":"sign_in_failures","user_id":"u-1001","at":"2026-12-05T12:00:00+02:00","count":40}]}`,
		`{"events":[]}`, `{}`, `[]`, `null`, `{"events":[{"id":"x","kind":"account_frozen","user_id":"\u0000","at":"2026-12-05T12:00:00Z"}]}`,
		`{"events":[{"id":"e1"},{"id":"e1"}]}`, `{"events":[{"amount":"1.2.3"}]}`,
	} {
		f.Add([]byte(s))
	}
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		evs, err := ParseEvents(body, now)
		if err != nil {
			if k := errs.KindOf(err); k != errs.Invalid && k != errs.TooLarge {
				t.Fatalf("error of kind %v: %v", k, err)
			}
			return
		}
		if len(evs) == 0 || len(evs) > MaxBatch {
			t.Fatalf("%d events accepted", len(evs))
		}
		seen := map[string]bool{}
		for _, e := range evs {
			if err := e.Validate(); err != nil {
				t.Fatalf("accepted an invalid event: %v", err)
			}
			if seen[e.ID] {
				t.Fatalf("accepted id %q twice", e.ID)
			}
			seen[e.ID] = true
		}
	})
}

// FuzzCheckToken: a disable link's token is valid only as this server
// signed it; anything else is refused as invalid or expired.
func FuzzCheckToken(f *testing.F) {
	db := storetest.Open(f, store.SQLite)
	db.SetClock(store.NewFakeClock(t0).Now)
	s := New(Config{DB: db, LinkKey: []byte("0123456789abcdef0123456789abcdef")})
	good := s.Token(42, "email", t0.Add(time.Hour))
	for _, seed := range []string{good, "", "1.2.3.4", "42.99999999999.email.00", good + "x", "-1.1.a." + good[len(good)-40:]} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		id, via, err := s.CheckToken(tok)
		if err != nil {
			if err != ErrLinkInvalid && err != ErrLinkExpired {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if tok != s.Token(id, via, time.Unix(mustExp(t, tok), 0)) {
			t.Fatalf("accepted %q, which this server did not sign", tok)
		}
	})
}

func mustExp(t *testing.T, tok string) int64 {
	var id, exp int64
	var rest string
	if _, err := fmtSscan(tok, &id, &exp, &rest); err != nil {
		t.Fatalf("accepted token %q does not parse: %v", tok, err)
	}
	return exp
}

func fmtSscan(tok string, id, exp *int64, rest *string) (int, error) {
	parts := strings.SplitN(tok, ".", 3)
	if len(parts) != 3 {
		return 0, errors.New("not three parts")
	}
	var err error
	if *id, err = strconv.ParseInt(parts[0], 10, 64); err != nil {
		return 0, err
	}
	if *exp, err = strconv.ParseInt(parts[1], 10, 64); err != nil {
		return 0, err
	}
	*rest = parts[2]
	return 3, nil
}
