package chain

import (
	"strings"
	"testing"

	"github.com/btcsuite/btcd/address/v2/base58"
	"github.com/btcsuite/btcd/address/v2/bech32"

	"github.com/groundcrew/groundcrew/internal/errs"
)

func testRegistry(t testing.TB) *Registry {
	t.Helper()
	r, err := LoadRegistry("")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func bech32Of(t *testing.T, hrp string, n int) string {
	t.Helper()
	data := make([]byte, n)
	for i := range data {
		data[i] = byte(i * 7)
	}
	s, err := bech32.EncodeFromBase256(hrp, data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkErr fails unless err matches want: "" for no error, otherwise an
// errs.Invalid error whose message contains want.
func checkErr(t *testing.T, name string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: unexpected error: %v", name, err)
	case want != "" && err == nil:
		t.Errorf("%s: accepted, want an error containing %q", name, want)
	case want != "" && !errs.Is(err, errs.Invalid):
		t.Errorf("%s: error kind %v, want invalid: %v", name, errs.KindOf(err), err)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Errorf("%s: error %q does not contain %q", name, err, want)
	}
}

func TestValidateAddress(t *testing.T) {
	r := testRegistry(t)
	const genesis = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
	for _, tc := range []struct{ network, addr, want string }{
		// Well-known real addresses.
		{"bitcoin", genesis, ""},
		{"bitcoin", "3NJZLcZEEYBpxYEUGewU4knsQRn1WM5Fkt", ""},
		{"bitcoin", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", ""},
		{"bitcoin", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", ""},
		{"bitcoin", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", ""},
		{"bitcoin", "  " + genesis + "\n", ""},
		{"ethereum", "0xdAC17F958D2ee523a2206206994597C13D831ec7", ""}, // USDT contract
		{"ethereum", "0xde709f2102306220921060314715629080e2fb77", ""},
		{"bsc", "0x52908400098527886E0F7030069857D2E4169EE7", ""},
		{"base", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", ""},
		{"tron", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", ""},             // USDT contract
		{"solana", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", ""}, // USDC mint
		{"solana", "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA", ""},
		{"solana", "11111111111111111111111111111111", ""},
		{"xrp", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", ""},
		{"xrp", "X7AcgcsBL6XDcUb289X4mJ8djcdyKaGZMhc9YTE92ehJ2Fu", ""},
		{"stellar", "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ", ""},
		{"stellar", "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAJLK", ""},
		{"cosmos", "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", ""},
		{"cosmos", bech32Of(t, "cosmos", 32), ""},
		{"ton", "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF", ""},
		{"ton", "UQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPuwA", ""},
		{"ton", "0:ca6e321c7cce9ecedf0a8ca2492ec8592494aa5fb5ce0387dff96ef6af982a3e", ""},
		{"litecoin", "LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH9", ""},
		{"litecoin", "MUWheVyCBf3Fm3WNNXvotQ3Gj8NTSZCBVe", ""},
		{"litecoin", "3NJZLcZEEYBpxYEUGewU4knsQRn1WM5Fkt", ""},
		{"litecoin", "ltc1qg42tkwuuxefutzxezdkdel39gfstuap288mfea", ""},
		{"dogecoin", "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L", ""},
		{"dogecoin", "DFundmtrigzA6E25Swr2pRe4Eb79bGP8G1", ""},
		{"bitcoin-cash", "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", ""},
		{"bitcoin-cash", "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", ""},
		{"bitcoin-cash", "BITCOINCASH:QPM2QSZNHKS23Z7629MMS6S4CWEF74VCWVY22GDX6A", ""},
		{"bitcoin-cash", "1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu", ""},
		{"cardano", "addr1qx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgse35a3x", ""},

		// Right format, wrong network: say whose it is.
		{"bitcoin", "LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH9", "this is a Litecoin address, not a Bitcoin one"},
		{"litecoin", genesis, "this is a Bitcoin or Bitcoin Cash address, not a Litecoin one"},
		{"bitcoin", "ltc1qg42tkwuuxefutzxezdkdel39gfstuap288mfea", "this is a Litecoin address, not a Bitcoin one"},
		{"dogecoin", "3NJZLcZEEYBpxYEUGewU4knsQRn1WM5Fkt", "this is a Bitcoin, Litecoin or Bitcoin Cash address, not a Dogecoin one"},
		{"bitcoin", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "this is an EVM address (Ethereum, BNB Smart Chain"},
		{"ethereum", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "this is a Tron address, not an Ethereum one"},
		{"xrp", "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ", "this is a Stellar address, not an XRP Ledger one"},
		{"bitcoin", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", "this looks like a Solana address, not a Bitcoin one"},
		{"bitcoin", "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", "this is a Bitcoin Cash address"},

		// Checksums and lengths.
		{"bitcoin", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "checksum does not match"},
		{"bitcoin", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN", "checksum does not match"},
		{"bitcoin", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "checksum does not match"},
		{"bitcoin", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", "must use the bech32 (BIP-173) checksum"},
		{"bitcoin", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", "must use the bech32m (BIP-350) checksum"},
		{"bitcoin", "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "version 0 witness program is 20 or 32 bytes"},
		{"bitcoin", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8F3T4", "mixes upper- and lower-case"},
		{"bitcoin", "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", "testnet address"},
		{"bitcoin", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", "testnet address"},
		{"ethereum", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "EIP-55 checksum"},
		{"ethereum", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", "39 hex digits"},
		{"ethereum", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "starts with 0x"},
		{"ethereum", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", "is not a hex digit"},
		{"tron", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", "checksum does not match"},
		{"tron", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6", "34 characters long"},
		{"xrp", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTj", "checksum does not match"},
		{"stellar", "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGY", "checksum does not match"},
		{"stellar", "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSG", "56 characters long"},
		{"stellar", encodeStrKey(strkeySeed, make([]byte, 32)), "secret key"},
		{"cosmos", bech32Of(t, "cosmosvaloper", 20), "not an account that can receive deposits"},
		{"cosmos", bech32Of(t, "osmo", 20), "another chain (prefix osmo1)"},
		{"cosmos", bech32Of(t, "cosmos", 25), "carries 25 bytes"},
		{"cardano", "stake1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gh6ffgw", "stake (reward) address"},
		{"cardano", "addr_test1vz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzerspjrlsz", "testnet"},
		{"ton", "kQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPgpP", "testnet"},
		{"ton", "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHG", "checksum does not match"},
		{"bitcoin-cash", "bchtest:pr6m7j9njldwwzlg9v7v53unlr4jkmx6eyvwc0uz5t", "testnet"},
		{"bitcoin-cash", "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6c", "checksum does not match"},
		{"xrp", "T7AcgcsBL6XDcUb289X4mJ8djcdyKaGZMhc9YTE92ehJ2Fu", "not a valid XRP Ledger address"},

		// Tricks.
		{"bitcoin", "1A1zP1eP5QGefi2\u200bDMPTfTL5SLmv7DivfNa", "invisible character (U+200B at position 16)"},
		{"bitcoin", "\ufeff" + genesis, "invisible character (U+FEFF at position 1)"},
		{"bitcoin", "1A1zP1eP5QG\u0435fi2DMPTfTL5SLmv7DivfNa", "'е' (U+0435, Cyrillic) at position 12 looks like 'e'"},
		{"bitcoin", "\uff11A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "(U+FF11, fullwidth) at position 1 looks like '1'"},
		{"ton", "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7X\u039fA4ff-W72r5gqPrHF", "Greek"},
		{"bitcoin", "1A1zP1eP5QGe fi2DMPTfTL5SLmv7DivfNa", "' ' at position 13"},
		{"bitcoin", "", "the address is empty"},
		{"bitcoin", "hello", "this is not a valid Bitcoin address"},
	} {
		checkErr(t, tc.network+" "+tc.addr, r.ValidateAddress(tc.network, tc.addr), tc.want)
	}
	if err := r.ValidateAddress("bitcoin-sv", genesis); !errs.Is(err, errs.Invalid) || !strings.Contains(err.Error(), "unknown network") {
		t.Errorf("unknown network: %v", err)
	}
}

func TestValidateTxID(t *testing.T) {
	r := testRegistry(t)
	const btcGenesis = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
	sig := make([]byte, 64)
	for i := range sig {
		sig[i] = byte(200 - i)
	}
	solSig := base58.Encode(sig)
	for _, tc := range []struct{ network, txid, want string }{
		{"bitcoin", btcGenesis, ""},
		{"bitcoin", strings.ToUpper(btcGenesis), ""},
		{"bitcoin", "0x" + btcGenesis, "starts with 0x"},
		{"bitcoin", btcGenesis[:63], "63 hex digits"},
		{"bitcoin", btcGenesis[:10] + "g" + btcGenesis[11:], `'g' at position 11 is not a hex digit`},
		{"ethereum", "0x" + btcGenesis, ""},
		{"ethereum", btcGenesis, "needs the 0x prefix"},
		{"ethereum", "0x" + btcGenesis + "00", "66 hex digits"},
		{"xrp", strings.ToUpper(btcGenesis), ""},
		{"solana", solSig, ""},
		{"solana", solSig[:40], "base58 signature"},
		{"solana", btcGenesis, "64-byte signature"},
		{"ton", btcGenesis, ""},
		{"ton", "yvKUbUhPJJivMUBsNrRZKJIJgC14EUwIJZrB2fqUZnQ=", ""},
		{"ton", "yvKUbUhPJJivMUBsNrRZKJIJgC14EUwIJZrB2fqUZnQ", ""},
		{"ton", "yvKUbUhPJJivMUBsNrRZKJIJgC14EUwIJZrB2fqUZ", "44 characters of base64"},
		{"ton", btcGenesis[:60], "60 hex digits"},
		{"bitcoin", btcGenesis[:20] + "\u200b" + btcGenesis[20:], "invisible character"},
		{"bitcoin", "", "empty"},
	} {
		checkErr(t, tc.network+" "+tc.txid, r.ValidateTxID(tc.network, tc.txid), tc.want)
	}
}

func TestValidateMemo(t *testing.T) {
	r := testRegistry(t)
	for _, tc := range []struct{ network, memo, want string }{
		{"xrp", "12345", ""},
		{"xrp", "0", ""},
		{"xrp", "4294967295", ""},
		{"xrp", "", "XRP Ledger deposits need a destination tag"},
		{"xrp", "4294967296", "larger than 4294967295"},
		{"xrp", "-1", "whole number from 0 to 4294967295"},
		{"xrp", "abc", "whole number"},
		{"xrp", "\uff11\uff12\uff13", "digits 0-9 only"},
		{"xrp", "12\u200b3", "invisible character"},
		{"stellar", "18446744073709551615", ""},
		{"stellar", "hello", ""},
		{"stellar", strings.Repeat("a", 28), ""},
		{"stellar", strings.Repeat("a", 29), "29 bytes long; at most 28"},
		{"stellar", strings.Repeat("é", 15), "30 bytes long"},
		{"cosmos", "104958", ""},
		{"cosmos", strings.Repeat("x", 257), "at most 256"},
		{"cosmos", "a\x07b", "control character"},
		{"ton", "Привет", ""},
		{"bitcoin", "", ""},
		{"bitcoin", "123", "Bitcoin transfers have no memo"},
		{"ethereum", "memo", "have no memo"},
	} {
		checkErr(t, tc.network+" "+tc.memo, r.ValidateMemo(tc.network, tc.memo), tc.want)
	}
}
