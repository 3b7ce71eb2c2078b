package chain

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var evmNetworks = []string{"ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche-c"}

var hex64Networks = []string{"bitcoin", "tron", "xrp", "stellar", "cosmos", "ton", "litecoin", "dogecoin", "bitcoin-cash", "cardano"}

func networksOf[T any](ms []T, net func(T) string) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, net(m))
	}
	return out
}

func TestIdentify(t *testing.T) {
	r := testRegistry(t)
	const genesis = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
	const btcTx = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	for _, tc := range []struct {
		name, in  string
		addresses []string
		txids     []string // in order when order matters, else sorted
		warnings  []string
		cleaned   string
	}{
		{name: "legacy bitcoin is also bitcoin cash", in: genesis, addresses: []string{"bitcoin", "bitcoin-cash"}},
		{name: "evm checksummed", in: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", addresses: evmNetworks},
		{name: "evm lower case", in: "0xde709f2102306220921060314715629080e2fb77", addresses: evmNetworks},
		{name: "tron", in: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", addresses: []string{"tron"}},
		{name: "xrp needs a tag", in: "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", addresses: []string{"xrp"}, warnings: []string{WarnMemoRequired}},
		{name: "x-address carries its tag", in: "X7AcgcsBL6XDcUb289X4mJ8djcdyKaGZMhc9YTE92ehJ2Fu", addresses: []string{"xrp"}},
		{name: "cardano", in: "addr1vx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzers66hrl8", addresses: []string{"cardano"}},
		{name: "cashaddr without prefix", in: "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", addresses: []string{"bitcoin-cash"}},
		{name: "solana", in: "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", addresses: []string{"solana"}},
		{name: "hex64 is ambiguous", in: btcTx, txids: hex64Networks},
		{name: "upper-case hex64 ranks xrp and cosmos first", in: strings.ToUpper(btcTx),
			txids: []string{"xrp", "cosmos", "bitcoin", "tron", "stellar", "ton", "litecoin", "dogecoin", "bitcoin-cash", "cardano"}},
		{name: "0x hex64 is evm", in: "0x" + btcTx, txids: evmNetworks},
		{name: "zero-width characters are removed and reported", in: " \u200b" + genesis[:5] + "\u200d" + genesis[5:] + "\ufeff\n",
			addresses: []string{"bitcoin", "bitcoin-cash"}, warnings: []string{WarnInvisible}, cleaned: genesis},
		{name: "bidi marks", in: "\u202e\u200e" + genesis, addresses: []string{"bitcoin", "bitcoin-cash"}, warnings: []string{WarnInvisible}},
		{name: "cyrillic a", in: "0x5\u0430Aeb6053F3E94C9b9A09f33669435E7Ef1BeAed", warnings: []string{WarnHomoglyph}},
		{name: "cyrillic o in tron", in: "TR7NHqjeKQxGTCi8q8ZY4pL8\u043etSzgjLj6t", warnings: []string{WarnHomoglyph}},
		{name: "greek omicron", in: "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7X\u039fA4ff-W72r5gqPrHF", warnings: []string{WarnHomoglyph}},
		{name: "fullwidth digits", in: "\uff11A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", warnings: []string{WarnHomoglyph}},
		{name: "homoglyph after invisible", in: "\u200bT\u0420", warnings: []string{WarnInvisible, WarnHomoglyph}},
		{name: "payment link", in: "bitcoin:" + genesis + "?amount=0.1", addresses: []string{"bitcoin", "bitcoin-cash"}, warnings: []string{WarnPaymentURI}, cleaned: genesis},
		{name: "eip-681 token transfer", in: "ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7@1/transfer?address=0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed&uint256=1",
			addresses: evmNetworks, warnings: []string{WarnPaymentURI}, cleaned: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
		{name: "cashaddr link", in: "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a?amount=0.5",
			addresses: []string{"bitcoin-cash"}, warnings: []string{WarnPaymentURI}, cleaned: "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a"},
		{name: "percent-encoded homoglyph in a link", in: "ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7/transfer?address=0x5%D0%B0Aeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
			warnings: []string{WarnPaymentURI, WarnHomoglyph}},
		{name: "plain cashaddr is not a link", in: "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", addresses: []string{"bitcoin-cash"}},
		{name: "ton link", in: "ton://transfer/UQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPuwA?amount=1&text=42",
			addresses: []string{"ton"}, warnings: []string{WarnPaymentURI, WarnMemoRequired}},
		{name: "quoted in a sentence", in: "`0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed`.", addresses: evmNetworks},
		{name: "bad eip-55", in: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", warnings: []string{WarnInvalid}},
		{name: "testnet", in: "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", warnings: []string{WarnInvalid}},
		{name: "wif private key", in: "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ", warnings: []string{WarnSecret}},
		{name: "stellar secret", in: encodeStrKey(strkeySeed, make([]byte, 32)), warnings: []string{WarnSecret}},
		{name: "two words", in: "my address", warnings: []string{WarnNotASCII}},
		{name: "chinese", in: "地址", warnings: []string{WarnNotASCII}},
		{name: "empty", in: " \u200b ", warnings: []string{WarnInvisible, WarnEmpty}},
		{name: "too long", in: strings.Repeat("a", 200), warnings: []string{WarnTooLong}},
		{name: "plain word", in: "hello"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := r.Identify(tc.in)
			gotAddr := networksOf(id.Addresses, func(m AddressMatch) string { return m.Network })
			gotTx := networksOf(id.TxIDs, func(m TxIDMatch) string { return m.Network })
			gotWarn := networksOf(id.Warnings, func(w Warning) string { return w.Code })
			want := func(s []string) []string {
				if s == nil {
					return []string{}
				}
				return s
			}
			if diff := cmp.Diff(sorted(want(tc.addresses)), sorted(gotAddr)); diff != "" {
				t.Errorf("addresses (-want +got):\n%s", diff)
			}
			wantTx := want(tc.txids)
			if !strings.Contains(tc.name, "ranks") {
				wantTx, gotTx = sorted(wantTx), sorted(gotTx)
			}
			if diff := cmp.Diff(wantTx, gotTx); diff != "" {
				t.Errorf("txids (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(want(tc.warnings), gotWarn); diff != "" {
				t.Errorf("warnings (-want +got):\n%s\n%+v", diff, id.Warnings)
			}
			if tc.cleaned != "" && id.InputCleaned != tc.cleaned {
				t.Errorf("input_cleaned = %q, want %q", id.InputCleaned, tc.cleaned)
			}
		})
	}
}

func TestIdentifyDetails(t *testing.T) {
	r := testRegistry(t)
	id := r.Identify("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
	if m := id.Addresses[0]; !m.Checksummed || m.Confidence != confHigh || m.Format != "evm" {
		t.Errorf("checksummed evm = %+v", m)
	}
	id = r.Identify("0xde709f2102306220921060314715629080e2fb77")
	if m := id.Addresses[0]; m.Checksummed || m.Confidence != confMedium {
		t.Errorf("lower-case evm = %+v", m)
	}
	id = r.Identify("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
	if m := id.Addresses[0]; m.Checksummed || m.Confidence != confLow {
		t.Errorf("solana = %+v", m)
	}
	id = r.Identify("X7AcgcsBL6XDcUb289X4mJ8djcdyKaGZMhc9YTE92ehJ2Fu")
	if m := id.Addresses[0]; m.EmbeddedMemo != "1" || m.Type != "x-address" {
		t.Errorf("x-address = %+v", m)
	}
	id = r.Identify("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")
	if w := id.Warnings[0].Message; !strings.Contains(w, "EIP-55") {
		t.Errorf("near-miss message = %q", w)
	}
	id = r.Identify("1A1zP1eP5QG\u0435fi2DMPTfTL5SLmv7DivfNa")
	if w := id.Warnings[0].Message; !strings.Contains(w, "U+0435, Cyrillic") || !strings.Contains(w, "looks like 'e'") {
		t.Errorf("homoglyph message = %q", w)
	}
	if id.InputCleaned != "1A1zP1eP5QG\u0435fi2DMPTfTL5SLmv7DivfNa" {
		t.Errorf("homoglyphs must not be fixed: %q", id.InputCleaned)
	}
	id = r.Identify("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b")
	if u := id.TxIDs[0].ExplorerURL; u != "https://mempool.space/tx/4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b" {
		t.Errorf("explorer = %s", u)
	}

	memo := func(s string) []string {
		return networksOf(r.Identify(s).Memo, func(m MemoMatch) string { return m.Network })
	}
	if diff := cmp.Diff([]string{"xrp", "stellar", "cosmos", "ton"}, memo("12345")); diff != "" {
		t.Errorf("memo candidates for 12345:\n%s", diff)
	}
	if diff := cmp.Diff([]string{"stellar", "cosmos", "ton"}, memo("4294967296")); diff != "" {
		t.Errorf("memo candidates above uint32:\n%s", diff)
	}
}

// The JSON shape the widget and agent UI read.
func TestIdentificationJSON(t *testing.T) {
	b, err := json.Marshal(testRegistry(t).Identify("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	json.Unmarshal(b, &got)
	for _, k := range []string{"input_cleaned", "warnings", "addresses", "txids"} {
		if _, ok := got[k]; !ok {
			t.Errorf("missing %q in %s", k, b)
		}
	}
	first := got["addresses"].([]any)[0].(map[string]any)
	if diff := cmp.Diff(map[string]any{"network": "ethereum", "format": "evm", "checksummed": true, "confidence": "high"}, first); diff != "" {
		t.Errorf("address match JSON:\n%s", diff)
	}
}

// One registry serves every request: Identify must be safe to call at once
// from many goroutines (run with -race).
func TestIdentifyConcurrent(t *testing.T) {
	r := testRegistry(t)
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for _, s := range benchInputs {
				r.Identify(s)
				r.ValidateAddress("bitcoin", s)
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
