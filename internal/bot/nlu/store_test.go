package nlu

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

var quiet = slog.New(slog.DiscardHandler)

// testRegistry loads the chain registry once for the package's tests.
var testRegistry = sync.OnceValue(func() *chain.Registry {
	r, err := chain.LoadRegistry("")
	if err != nil {
		panic(err)
	}
	return r
})

func TestStoreIntentsAndPhrases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := &Store{DB: db}
		if _, err := s.AddIntent(ctx, CustomIntent{Name: "airdrop_claim", Description: "airdrops", CreatedBy: "Ana"}); err != nil {
			t.Fatal(err)
		}
		p, err := s.AddPhrase(ctx, NewPhrase{Intent: "airdrop_claim", Lang: "en", Text: "  where is   my airdrop ", Author: "Ana"})
		if err != nil {
			t.Fatal(err)
		}
		if p.Text != "where is my airdrop" || p.ID == 0 {
			t.Errorf("stored phrase %+v, want the text with its spaces collapsed", p)
		}
		if _, err := s.AddPhrase(ctx, NewPhrase{Intent: IntentFees, Lang: "de", Text: "warum so teuer"}); err != nil {
			t.Errorf("a phrase for a built-in intent: %v", err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM outbox WHERE type = ?`, TrainingChangedTopic.Type()); n != 3 {
			t.Errorf("%d training events in the outbox, want 3", n)
		}

		refused := []struct {
			name string
			err  func() error
			kind errs.Kind
		}{
			{"bad name", func() error { _, err := s.AddIntent(ctx, CustomIntent{Name: "Air Drop"}); return err }, errs.Invalid},
			{"built-in name", func() error { _, err := s.AddIntent(ctx, CustomIntent{Name: IntentFees}); return err }, errs.Conflict},
			{"twice", func() error { _, err := s.AddIntent(ctx, CustomIntent{Name: "airdrop_claim"}); return err }, errs.Conflict},
			{"long description", func() error {
				_, err := s.AddIntent(ctx, CustomIntent{Name: "x_long", Description: strings.Repeat("é", MaxDescriptionLen+1)})
				return err
			}, errs.Invalid},
			{"unknown intent", func() error {
				_, err := s.AddPhrase(ctx, NewPhrase{Intent: "nope", Lang: "en", Text: "hi"})
				return err
			}, errs.NotFound},
			{"bad language", func() error {
				_, err := s.AddPhrase(ctx, NewPhrase{Intent: IntentFees, Lang: "xx", Text: "hi"})
				return err
			}, errs.Invalid},
			{"empty", func() error {
				_, err := s.AddPhrase(ctx, NewPhrase{Intent: IntentFees, Lang: "en", Text: "   "})
				return err
			}, errs.Invalid},
			{"no words", func() error {
				_, err := s.AddPhrase(ctx, NewPhrase{Intent: IntentFees, Lang: "en", Text: "🙂 123 !!"})
				return err
			}, errs.Invalid},
			{"too long", func() error {
				_, err := s.AddPhrase(ctx, NewPhrase{Intent: IntentFees, Lang: "en", Text: strings.Repeat("a", MaxPhraseLen+1)})
				return err
			}, errs.Invalid},
			{"duplicate", func() error {
				_, err := s.AddPhrase(ctx, NewPhrase{Intent: "airdrop_claim", Lang: "en", Text: "where is my airdrop"})
				return err
			}, errs.Conflict},
			{"remove built-in", func() error { return s.RemoveIntent(ctx, IntentFees) }, errs.Conflict},
			{"remove unknown", func() error { return s.RemoveIntent(ctx, "nope") }, errs.NotFound},
			{"remove unknown phrase", func() error { return s.RemovePhrase(ctx, 9999) }, errs.NotFound},
		}
		for _, c := range refused {
			if err := c.err(); errs.KindOf(err) != c.kind {
				t.Errorf("%s: %v, want a %v error", c.name, err, c.kind)
			}
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM outbox WHERE type = ?`, TrainingChangedTopic.Type()); n != 3 {
			t.Errorf("refused changes emitted events: %d in the outbox, want 3", n)
		}

		if err := s.RemoveIntent(ctx, "airdrop_claim"); err != nil {
			t.Fatal(err)
		}
		left, err := s.Phrases(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(left) != 1 || left[0].Intent != IntentFees {
			t.Errorf("after removing the intent, phrases %+v; want only the fees phrase", left)
		}
		if err := s.RemovePhrase(ctx, left[0].ID); err != nil {
			t.Fatal(err)
		}
	})
}

func TestStoreCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := &Store{DB: db}
		day := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		for _, c := range []struct {
			at     time.Time
			counts map[string]int64
		}{
			{day, map[string]int64{IntentFees: 2, IntentOther: 1}},
			{day.Add(time.Hour), map[string]int64{IntentFees: 3}},              // same day: added up
			{day.Add(-40 * 24 * time.Hour), map[string]int64{IntentFees: 100}}, // long ago
		} {
			if err := s.AddCounts(ctx, c.at, c.counts); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Fired(ctx, day.Add(-30*24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if got[IntentFees] != 5 || got[IntentOther] != 1 {
			t.Errorf("fired %v, want fees 5 and other 1 in the last 30 days", got)
		}
	})
}

// TestServiceCountsTheBotsAnalyses: Analyze counts, Inspect does not, and
// the counts reach the database and the intents list.
func TestServiceCountsTheBotsAnalyses(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	s := NewService(db, testRegistry(), quiet)
	s.Analyzer.Analyze(ctx, "I forgot my password", "")
	s.Analyzer.Analyze(ctx, "forgot password, reset email never arrives", "")
	s.Inspect(ctx, "I forgot my password", "")
	list, err := s.Intents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := fired(list, IntentPasswordReset); got != 2 {
		t.Errorf("before the flush, password_reset fired %d times, want 2", got)
	}
	if err := s.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if n := storetest.Scalar[int64](t, db, `SELECT SUM(fired) FROM bot_intent_counts WHERE intent = ?`, IntentPasswordReset); n != 2 {
		t.Errorf("%d counted in the database, want 2", n)
	}
	if list, err = s.Intents(ctx); err != nil {
		t.Fatal(err)
	}
	if got := fired(list, IntentPasswordReset); got != 2 {
		t.Errorf("after the flush, password_reset fired %d times, want 2", got)
	}
	if len(list) != len(DefaultIntents) || !list[0].Builtin || list[0].BuiltinPhrases < 100 {
		t.Errorf("intents list %+v", list[0])
	}
}

func fired(list []IntentInfo, name string) int64 {
	for _, in := range list {
		if in.Name == name {
			return in.Fired30d
		}
	}
	return -1
}

// TestRetrainOnEveryNode: two nodes share a database and a bus; a phrase
// added on one retrains the other, which then recognises the new intent.
func TestRetrainOnEveryNode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		busA, err := bus.StartWith(ctx, bus.Options{DataDir: t.TempDir(), Listen: "127.0.0.1:-1", Log: quiet})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(busA.Close)
		busB, err := bus.StartWith(ctx, bus.Options{URL: busA.ClientURL(), Log: quiet})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(busB.Close)
		relay := &bus.Relay{DB: db, Publisher: busA, Log: quiet, Poll: 20 * time.Millisecond}
		var wg sync.WaitGroup
		t.Cleanup(wg.Wait)
		t.Cleanup(cancel)
		wg.Go(func() { _ = relay.Run(ctx) })

		// A small phrase set keeps each retraining quick under -race.
		small := WithPhrases([]Phrase{
			{IntentFees, "en", "why is the fee so high"}, {IntentFees, "en", "trading fees"},
			{IntentDepositMissing, "en", "my deposit has not arrived"}, {IntentDepositMissing, "en", "deposit not credited"},
			{IntentOther, "en", "hello"}, {IntentOther, "en", "thanks"},
		})
		nodeA, nodeB := NewService(db, testRegistry(), quiet, small), NewService(db, testRegistry(), quiet, small)
		if err := nodeA.Start(ctx, busA); err != nil {
			t.Fatal(err)
		}
		if err := nodeB.Start(ctx, busB); err != nil {
			t.Fatal(err)
		}
		wg.Go(func() { nodeB.Run(ctx) })

		const probe = "the zebracoin airdrop never reached me"
		if got := nodeB.Inspect(ctx, probe, "").Intent; got == "airdrop_claim" {
			t.Fatalf("node B knows the intent before it exists")
		}
		if _, err := nodeA.AddIntent(ctx, CustomIntent{Name: "airdrop_claim"}); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"where is my zebracoin airdrop", "airdrop not received", "I did not get the airdrop", "claim the airdrop tokens"} {
			if _, err := nodeA.AddPhrase(ctx, NewPhrase{Intent: "airdrop_claim", Lang: "en", Text: p}); err != nil {
				t.Fatal(err)
			}
		}
		deadline := time.Now().Add(15 * time.Second)
		for nodeB.Inspect(ctx, probe, "").Intent != "airdrop_claim" {
			if time.Now().After(deadline) {
				t.Fatalf("node B did not retrain: %+v", nodeB.Inspect(ctx, probe, ""))
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}
