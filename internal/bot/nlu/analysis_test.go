package nlu

import (
	"context"
	"testing"

	"github.com/groundcrew/groundcrew/internal/chain"
)

func newTestAnalyzer(t testing.TB) *Analyzer {
	t.Helper()
	reg, err := chain.LoadRegistry("")
	if err != nil {
		t.Fatal(err)
	}
	return New(reg)
}

func TestAnalyzeBasics(t *testing.T) {
	a := newTestAnalyzer(t)
	cases := []struct {
		text, intent, lang string
	}{
		{"my deposit has not arrived yet", IntentDepositMissing, "en"},
		{"I forgot my password", IntentPasswordReset, "en"},
		{"I want to talk to a human", IntentTalkToHuman, "en"},
	}
	for _, c := range cases {
		got := a.Analyze(context.Background(), c.text, "")
		if got.Intent != c.intent || got.Lang != c.lang {
			t.Errorf("Analyze(%q) = %s/%s (%.2f), want %s/%s", c.text, got.Lang, got.Intent, got.Confidence, c.lang, c.intent)
		}
	}
}

func TestAnalyzeEntities(t *testing.T) {
	a := newTestAnalyzer(t)
	text := "sent 500 USDT via TRC20 to TJCnKsPa7y5okkXvQAidZBzqx3QyQ6sxMW, txid 3a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9 order #123456789"
	got := a.Analyze(context.Background(), text, "")
	kinds := map[string]Entity{}
	for _, e := range got.Entities {
		kinds[e.Kind] = e
		if text[e.Start:e.End] == "" {
			t.Errorf("entity %+v has an empty span", e)
		}
	}
	for _, k := range []string{EntityAmount, EntityNetwork, EntityAddress, EntityTxID, EntityOrder, EntityAsset} {
		if _, ok := kinds[k]; !ok {
			t.Errorf("no %s entity in %+v", k, got.Entities)
		}
	}
	if e := kinds[EntityAddress]; len(e.Networks) == 0 || e.Networks[0] != "tron" {
		t.Errorf("address networks = %v, want tron", e.Networks)
	}
}
