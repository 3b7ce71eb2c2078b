package chain

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/btcsuite/btcd/address/v2/base58"
	"github.com/btcsuite/btcd/address/v2/bech32"
)

// Every decoder reads outside input: none may panic, and each one that has
// an encoder must give back exactly the string it accepted.

func FuzzBase58Check(f *testing.F) {
	for _, s := range []string{"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "3NJZLcZEEYBpxYEUGewU4knsQRn1WM5Fkt", "1", "11111111111111111111111111111111", "z"} {
		f.Add(s)
	}
	btc := &AddressFormat{Kind: "base58check", Versions: []int{0, 5}}
	f.Fuzz(func(t *testing.T, s string) {
		p := newProbe(s)
		_, e1 := checkBase58Check(btc, p)
		checkTron(p)
		checkSolana(p)
		if d := p.base58(); d != nil && base58.Encode(d) != s {
			t.Fatalf("base58 round trip: %q -> %q", s, base58.Encode(d))
		}
		if e1 == nil {
			d := p.base58()
			if got := base58.CheckEncode(d[1:21], d[0]); got != s {
				t.Fatalf("base58check round trip: %q -> %q", s, got)
			}
		}
	})
}

func FuzzBech32(f *testing.F) {
	for _, s := range []string{"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
		"cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", "addr1vx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzers66hrl8",
		"stake1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gh6ffgw", "A12UEL5L", "1", "?1ezyfcl"} {
		f.Add(s)
	}
	seg := &AddressFormat{Kind: "segwit", HRP: "bc"}
	cosmos := &AddressFormat{Kind: "bech32", HRP: "cosmos", Lengths: []int{20, 32}, NotDepositHRPs: []string{"cosmosvaloper"}}
	ada := &AddressFormat{Kind: "cardano", HRPs: []string{"addr"}, NotDepositHRPs: []string{"stake"}}
	f.Fuzz(func(t *testing.T, s string) {
		p := newProbe(s)
		_, segErr := checkSegwit(seg, p)
		checkCosmos(cosmos, p)
		checkCardano(ada, p)
		if b := p.bech32(); b.err == nil {
			enc := bech32.Encode
			if b.variant == bech32.VersionM {
				enc = bech32.EncodeM
			}
			if got, err := enc(b.hrp, b.data); err != nil || got != strings.ToLower(s) {
				t.Fatalf("bech32 round trip: %q -> %q (%v)", s, got, err)
			}
		}
		if segErr == nil && len(s) > 90 {
			t.Fatalf("segwit address over 90 characters accepted: %q", s)
		}
	})
}

func FuzzCashAddr(f *testing.F) {
	for _, s := range []string{"bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
		"pref:pr6m7j9njldwwzlg9v7v53unlr4jkmx6ey65nvtks5", "prefix:0qxsg0rgpa", ":", "a:"} {
		f.Add(s)
	}
	bch := &AddressFormat{Kind: "cashaddr", Prefix: "bitcoincash"}
	f.Fuzz(func(t *testing.T, s string) {
		checkCashAddr(bch, newProbe(s))
		a, e := decodeCashAddr(s, "bitcoincash")
		if e != nil {
			return
		}
		want := strings.ToLower(s)
		if !strings.Contains(want, ":") {
			want = "bitcoincash:" + want
		}
		if got, ok := encodeCashAddr(a); !ok || got != want {
			t.Fatalf("cashaddr round trip: %q -> %q", s, got)
		}
	})
}

func FuzzXRP(f *testing.F) {
	for _, s := range []string{"rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", "X7AcgcsBL6XDcUb289X4mJ8djcdyKaGZMhc9YTE92ehJ2Fu",
		"XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi", "rrrrrrrrrrrrrrrrrrrrrhoLvTp", "r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, e := checkXRP(newProbe(s))
		if d := xrpDecode(s); d != nil && xrpEncode(d) != s {
			t.Fatalf("xrp base58 round trip: %q -> %q", s, xrpEncode(d))
		}
		if e == nil && m.Type == "x-address" {
			x, _ := decodeXAddress(s)
			if got := encodeXAddress(x); got != s {
				t.Fatalf("x-address round trip: %q -> %q", s, got)
			}
		}
	})
}

func FuzzStrKey(f *testing.F) {
	for _, s := range []string{"GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ",
		"MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAJLK", "GAAAAAA", "A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkStellar(newProbe(s))
		ver, payload, e := decodeStrKey(s)
		if e == nil && encodeStrKey(ver, payload) != s {
			t.Fatalf("strkey round trip: %q -> %q", s, encodeStrKey(ver, payload))
		}
	})
}

func FuzzTON(f *testing.F) {
	for _, s := range []string{"EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF", "UQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPuwA",
		"0:ca6e321c7cce9ecedf0a8ca2492ec8592494aa5fb5ce0387dff96ef6af982a3e", "-1:", "kQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPgpP"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTON(newProbe(s))
		a, e := decodeTONFriendly(s)
		if e != nil {
			return
		}
		std := strings.ContainsAny(s, "+/")
		if got := encodeTONFriendly(a, !std); got != s {
			t.Fatalf("ton round trip: %q -> %q", s, got)
		}
	})
}

func FuzzEVM(f *testing.F) {
	for _, s := range []string{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xde709f2102306220921060314715629080e2fb77", "0x", "0X"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, e := evmAddress(s)
		if e == nil && m.Checksummed && eip55(s[2:]) != s[2:] {
			t.Fatalf("accepted %q with a wrong checksum", s)
		}
	})
}

// Identify must never panic, and whatever it reports must pass the
// single-network validators it summarises.
func FuzzIdentify(f *testing.F) {
	for _, s := range []string{"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", " \u200b0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b", "12345", "bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa?amount=1",
		"1A1zP1eP5QG\u0435fi2DMPTfTL5SLmv7DivfNa", "\xff\xfe", "ton://transfer/EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF"} {
		f.Add(s)
	}
	r := testRegistry(f)
	f.Fuzz(func(t *testing.T, s string) {
		id := r.Identify(s)
		if utf8.ValidString(s) && !utf8.ValidString(id.InputCleaned) {
			t.Fatalf("cleaned input is not UTF-8: %q", id.InputCleaned)
		}
		for _, m := range id.Addresses {
			if err := r.ValidateAddress(m.Network, id.InputCleaned); err != nil {
				t.Fatalf("Identify says %q is a %s address, ValidateAddress: %v", id.InputCleaned, m.Network, err)
			}
		}
		for _, m := range id.TxIDs {
			if err := r.ValidateTxID(m.Network, id.InputCleaned); err != nil {
				t.Fatalf("Identify says %q is a %s txid, ValidateTxID: %v", id.InputCleaned, m.Network, err)
			}
		}
		for _, m := range id.Memo {
			if err := r.ValidateMemo(m.Network, id.InputCleaned); err != nil {
				t.Fatalf("Identify says %q is a %s memo, ValidateMemo: %v", id.InputCleaned, m.Network, err)
			}
		}
		if len(id.Warnings) == 0 && len(id.Addresses)+len(id.TxIDs)+len(id.Memo) == 0 && s == id.InputCleaned && len(s) > 0 {
			_ = r.ValidateAddress("bitcoin", s) // exercises the error paths too
		}
	})
}
