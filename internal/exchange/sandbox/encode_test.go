package sandbox

import (
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/btcsuite/btcd/address/v2/base58"
	"github.com/btcsuite/btcd/address/v2/bech32"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// eip55 is how addressFor renders an EVM account.
func eip55(account []byte) string { return must(chain.EncodeAddress("evm", account)) }

// Published vectors: EIP-55, BIP-173, the CashAddr spec, Bitcoin's own
// base58 example, and XRP's genesis account.
func TestEncodersMatchPublishedVectors(t *testing.T) {
	for _, want := range []string{
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
		"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
		"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
	} {
		if got := eip55(mustHex(t, strings.ToLower(want[2:]))); got != want {
			t.Errorf("eip55 = %s, want %s", got, want)
		}
	}
	h160 := mustHex(t, "751e76e8199196d454941c45d1b3a323f1433bd6")
	if got, want := segwitV0("bc", h160), "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"; got != want {
		t.Errorf("segwit = %s, want %s", got, want)
	}
	h160 = mustHex(t, "76a04053bda0a88bda5177b86a15c3b29f559873")
	if got, want := must(chain.EncodeAddress("cashaddr", h160)), "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a"; got != want {
		t.Errorf("cashaddr = %s, want %s", got, want)
	}
	if got, want := base58.CheckEncode(h160, 0), "1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu"; got != want {
		t.Errorf("base58check = %s, want %s", got, want)
	}
	if got, want := must(chain.EncodeAddress("xrp", mustHex(t, "b5f762798a53d543a014caf8b297cff8f2f937e8"))), "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"; got != want {
		t.Errorf("xrp = %s, want %s", got, want)
	}
}

// Real, published addresses: decoding each and encoding it again with the
// encoders addressFor uses must give the same text, so our checksums are
// the chains' own.
func TestEncodersReproduceRealAddresses(t *testing.T) {
	for _, s := range []string{usdtTRC20, "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L"} {
		b := base58.Decode(s)
		if len(b) != 25 {
			t.Fatalf("%s decodes to %d bytes", s, len(b))
		}
		if got := base58.CheckEncode(b[1:21], b[0]); got != s {
			t.Errorf("base58check(%s) = %s", s, got)
		}
	}
	if b := base58.Decode("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"); len(b) != 32 {
		t.Errorf("solana USDC mint decodes to %d bytes", len(b))
	}
	stellar := "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ"
	b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(stellar)
	if err != nil || len(b) != 35 || must(chain.EncodeAddress("stellar", b[1:33])) != stellar {
		t.Errorf("stellar round trip of %s failed (%v)", stellar, err)
	}
	// One account in its bounceable and non-bounceable forms: addressFor
	// gives the second from the account in the first.
	bounceable, nonBounceable := "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF", "UQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPuwA"
	b, err = base64.URLEncoding.DecodeString(bounceable)
	if err != nil || len(b) != 36 || must(chain.EncodeAddress("ton", b[2:34])) != nonBounceable {
		t.Errorf("ton: the account of %s does not give %s (%v)", bounceable, nonBounceable, err)
	}
	cardano := "addr1qx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgse35a3x"
	_, data, err := bech32.DecodeNoLimit(cardano)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := bech32.ConvertBits(data, 5, 8, false); err != nil || len(p) != 57 || cardanoBase(p[1:29], p[29:]) != cardano {
		t.Errorf("cardano round trip of %s failed (%v)", cardano, err)
	}
	for _, s := range []string{usdtERC20, ShibContract} {
		if got := eip55(mustHex(t, strings.ToLower(s[2:]))); got != s {
			t.Errorf("eip55(%s) = %s", s, got)
		}
	}
	for _, a := range seedAssets() {
		if exchange.IsEVM(a.Network) && a.Contract != "" {
			if got := eip55(mustHex(t, strings.ToLower(a.Contract[2:]))); got != a.Contract {
				t.Errorf("%s %s contract %s is not EIP-55; want %s", a.Network, a.Symbol, a.Contract, got)
			}
		}
	}
}

// FuzzUnits: decimal → base units → decimal is the identity up to
// trailing zeros, for every amount CheckAmount accepts.
func FuzzUnits(f *testing.F) {
	for _, s := range []string{"0.0005", "12", "1500.000", "0.000000000000000001", "007"} {
		f.Add(s, 8)
	}
	f.Fuzz(func(t *testing.T, s string, decimals int) {
		decimals = (decimals%19 + 19) % 19
		if exchange.CheckAmount("amount", s) != nil {
			return
		}
		n, err := toUnits(s, decimals)
		if err != nil {
			return // more decimal places than the asset has
		}
		back := fromUnits(n, decimals)
		m, err := toUnits(back, decimals)
		if err != nil || m.Cmp(n) != 0 || strings.HasSuffix(back, ".") || (strings.Contains(back, ".") && strings.HasSuffix(back, "0")) {
			t.Fatalf("%q (%d) → %s → %q", s, decimals, n, back)
		}
	})
}
