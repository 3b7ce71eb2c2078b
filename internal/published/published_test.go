package published_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/published"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

const (
	seed = "abandon ability able about above absent absorb abstract absurd abuse access accident"
	key  = "e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262"
)

// TestCheck: a text for customers that asks for a secret, or holds one
// (an admin pasting a phrase or key), is refused with
// a Blocked error naming its field and audited with the secret cut out;
// honest warnings and plain news pass and leave no trace.
func TestCheck(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		log := audit.New(db)
		s := published.New(log, "exchange.example")
		ctx := audit.WithActor(context.Background(), audit.Actor{Kind: audit.ActorAgent, ID: "7"})
		for _, tc := range []struct {
			name   string
			fields map[string]string
			field  string // "" when it passes
		}{
			{"news", map[string]string{"titles.en": "Bitcoin deposits delayed", "bodies.en": "Deposits on Bitcoin are slow while the network is congested. Nothing is lost."}, ""},
			{"honest warning", map[string]string{"body": "Support will never ask for your seed phrase, private key, password or 2FA code. Never share them."}, ""},
			{"link to our own site", map[string]string{"body": "Follow the incident on https://exchange.example/status."}, ""},
			{"seed phrase", map[string]string{"titles.en": "Wallet upgrade", "bodies.en": "To keep your funds, reply with your 12-word recovery phrase so we can migrate your wallet, like: " + seed}, "bodies.en"},
			{"2FA code", map[string]string{"body": "Hi {{customer.first_name}}, please send us the 6-digit code from your authenticator app so I can unlock your account."}, "body"},
			{"password", map[string]string{"title": "Account check", "body": "Please confirm your account by telling us your password in this chat."}, "body"},
			// An admin pasting a secret: no words ask for it, it is refused.
			{"phrase in a name", map[string]string{"name": seed, "body": "Thanks, we are looking into it."}, "name"},
			{"phrase in a body", map[string]string{"name": "Wallet", "body": "Thanks for waiting.\n" + seed}, "body"},
			{"private key", map[string]string{"body": "test wallet " + key}, "body"},
			{"about phrases", map[string]string{"name": "Seed phrase lost", "body": "We cannot restore a lost 12-word seed phrase: only you hold it."}, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := entries(t, log, ctx)
				err := s.Check(ctx, "macro", "12", tc.fields)
				after := entries(t, log, ctx)
				if tc.field == "" {
					if err != nil || len(after) != len(before) {
						t.Fatalf("refused (%v) or audited (%d entries, was %d) an honest text", err, len(after), len(before))
					}
					return
				}
				e, ok := errs.As(err)
				if !ok || e.Kind != errs.Blocked || e.Field != tc.field || !errors.Is(err, published.ErrBlocked) || web.Status(err) != 422 {
					t.Fatalf("error %v (%+v), want Blocked on %s (422)", err, e, tc.field)
				}
				if len(after) != len(before)+1 {
					t.Fatalf("%d audit entries after the refusal, was %d", len(after), len(before))
				}
				got := after[0]
				var detail struct{ Field, Reason, Text string }
				if err := json.Unmarshal(got.Detail, &detail); err != nil {
					t.Fatal(err)
				}
				if got.TargetKind != "macro" || got.TargetID != "12" || got.ActorID != "7" || detail.Field != tc.field || detail.Reason == "" {
					t.Errorf("audit entry %+v detail %+v", got, detail)
				}
				if strings.Contains(detail.Text, "absorb") || strings.Contains(detail.Text, key[:20]) {
					t.Errorf("the audit keeps the pasted phrase: %q", detail.Text)
				}
			})
		}
	})
}

func entries(t *testing.T, log *audit.Log, ctx context.Context) []audit.Entry {
	t.Helper()
	es, _, err := log.List(ctx, audit.Filter{Action: "guard.outbound_blocked"}, web.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return es
}
