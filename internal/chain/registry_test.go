package chain

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestEmbeddedRegistry(t *testing.T) {
	r := testRegistry(t)
	var ids []string
	for _, n := range r.Networks() {
		ids = append(ids, n.ID)
	}
	want := []string{"bitcoin", "ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche-c",
		"tron", "solana", "xrp", "stellar", "cosmos", "ton", "litecoin", "dogecoin", "bitcoin-cash", "cardano"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("network ids (-want +got):\n%s", diff)
	}
	btc, err := r.Network("bitcoin")
	if err != nil {
		t.Fatal(err)
	}
	if btc.Confirmations != 2 || btc.Symbol != "BTC" || btc.Memo.Requirement != MemoNone {
		t.Errorf("bitcoin = %+v", btc)
	}
	if got := btc.TimeToConfirm(0); got != 20*time.Minute {
		t.Errorf("TimeToConfirm(0) = %v", got)
	}
	if got := btc.TimeToConfirm(5); got != 0 {
		t.Errorf("TimeToConfirm past the target = %v", got)
	}
	if got := btc.ExplorerURL("ab12"); got != "https://mempool.space/tx/ab12" {
		t.Errorf("ExplorerURL = %s", got)
	}
	if _, err := r.Network("nope"); err == nil {
		t.Error("unknown network found")
	}
}

func writeFile(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "networks.json")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRegistryOverride(t *testing.T) {
	path := writeFile(t, `{"networks": [
		{"id": "ethereum", "confirmations": 64, "explorer_tx": "https://explorer.example/tx/{txid}"},
		{"id": "cardano", "disabled": true},
		{"id": "sepolia", "name": "Sepolia testnet", "symbol": "ETH", "token_standard": "ERC-20",
		 "address_formats": [{"kind": "evm"}], "txid_formats": [{"kind": "hex64-0x"}],
		 "memo": {"requirement": "none"}, "confirmations": 3, "block_time_seconds": 12,
		 "explorer_tx": "https://sepolia.etherscan.io/tx/{txid}"},
		{"id": "xrp", "memo": {"requirement": "optional", "label": "destination tag", "kinds": [{"kind": "uint32"}]}}
	]}`)
	r, err := LoadRegistry(path)
	if err != nil {
		t.Fatal(err)
	}
	eth, _ := r.Network("ethereum")
	if eth.Confirmations != 64 || eth.Name != "Ethereum" || len(eth.AddressFormats) != 1 || eth.BlockTime != 12 {
		t.Errorf("ethereum after override = %+v", eth)
	}
	if _, err := r.Network("cardano"); err == nil {
		t.Error("disabled network still listed")
	}
	if err := r.ValidateMemo("xrp", ""); err != nil {
		t.Errorf("optional tag refused: %v", err)
	}
	id := r.Identify("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
	if last := id.Addresses[len(id.Addresses)-1]; last.Network != "sepolia" {
		t.Errorf("added network not identified: %+v", id.Addresses)
	}
	if len(r.Networks()) != 18 {
		t.Errorf("%d networks, want 18 (one added, one disabled)", len(r.Networks()))
	}
	// The embedded table is untouched by another registry's overrides.
	if eth, _ := testRegistry(t).Network("ethereum"); eth.Confirmations != 12 {
		t.Errorf("override leaked: %d", eth.Confirmations)
	}
}

func TestRegistryOverrideErrors(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{`{"networks": [{"id": "ethereum", "confirmation": 5}]}`, `unknown field "confirmation"`},
		{`{"networks": [{"id": "bitcoin", "address_formats": [{"kind": "base57"}]}]}`, `unknown kind`},
		{`{"networks": [{"id": "bitcoin", "address_formats": [{"kind": "base58check", "versions": [256]}]}]}`, `not a byte`},
		{`{"networks": [{"id": "bitcoin", "txid_formats": [{"kind": "hex65"}]}]}`, `unknown txid format`},
		{`{"networks": [{"id": "bitcoin", "memo": {"requirement": "maybe"}}]}`, `memo requirement`},
		{`{"networks": [{"id": "bitcoin", "memo": {"requirement": "required"}}]}`, `at least one memo kind`},
		{`{"networks": [{"id": "bitcoin", "explorer_tx": "https://x.example/"}]}`, `{txid}`},
		{`{"networks": [{"id": "bitcoin", "confirmations": 0}]}`, `confirmations`},
		{`{"networks": [{"id": "Bad ID", "name": "x"}]}`, `id must be`},
		{`{"networks": [{"id": "newchain", "name": "New"}]}`, `symbol are required`},
		{`{"networks": {}}`, `network file`},
		{`not json`, `network file`},
	} {
		_, err := LoadRegistry(writeFile(t, tc.body))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.body, err, tc.want)
		}
	}
	if _, err := LoadRegistry(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("missing override file accepted")
	}
}
