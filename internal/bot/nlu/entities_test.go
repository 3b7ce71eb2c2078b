package nlu

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// found is an entity without its offsets, for comparisons.
type found struct {
	Kind, Value string
	Networks    []string
}

func entitiesOf(t *testing.T, a *Analyzer, text string) []found {
	t.Helper()
	var out []found
	for _, e := range a.Inspect(context.Background(), text, "").Entities {
		if text[e.Start:e.End] == "" {
			t.Errorf("%q: entity %+v has an empty span", text, e)
		}
		f := found{Kind: e.Kind, Value: e.Value}
		if e.Kind == EntityAddress || e.Kind == EntityTxID {
			f.Networks = e.Networks
		}
		out = append(out, f)
	}
	return out
}

func TestEntities(t *testing.T) {
	a := newTestAnalyzer(t)
	evm := "0x52908400098527886E0F7030069857D2E4169EE7" // EIP-55 test vector
	cases := []struct {
		text string
		want []found
	}{
		{"sent 500 USDT via TRC20 to TJCnKsPa7y5okkXvQAidZBzqx3QyQ6sxMW", []found{
			{EntityAmount, "500 USDT", nil}, {EntityAsset, "USDT", nil}, {EntityNetwork, "tron", nil},
			{EntityAddress, "TJCnKsPa7y5okkXvQAidZBzqx3QyQ6sxMW", []string{"tron"}}}},
		{"to " + evm + " on BEP20", []found{
			{EntityAddress, evm, []string{"ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche-c"}},
			{EntityNetwork, "bsc", nil}}},
		{"txid: 0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060.", []found{
			{EntityTxID, "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060", nil}}},
		{"P2P order #20231105123456789 and заказ № 884213", []found{
			{EntityOrder, "20231105123456789", nil}, {EntityOrder, "884213", nil}}},
		{"ada hapus dana, saya kirim $1,200 dan 0.5 eth", []found{
			{EntityAmount, "$1,200", nil}, {EntityAmount, "0.5 eth", nil}, {EntityAsset, "ETH", nil}}},
		{"ton compte est bloqué", nil}, // French "ton", no asset
		{"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", []found{
			{EntityAddress, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", []string{"bitcoin"}}}},
	}
	for _, c := range cases {
		got := entitiesOf(t, a, c.text)
		// The hex TxID's candidate networks come from the registry; check
		// it has the EVM chains, then compare the rest exactly.
		for i, f := range got {
			if f.Kind == EntityTxID {
				if !slices.Contains(f.Networks, "ethereum") {
					t.Errorf("%q: txid networks %v lack ethereum", c.text, f.Networks)
				}
				got[i].Networks = nil
			}
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%q entities (-want +got):\n%s", c.text, diff)
		}
	}
}
