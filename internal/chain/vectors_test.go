package chain

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/btcsuite/btcd/address/v2/bech32"
)

// Test vectors from the published standards. Each group names its source.

func segwitFormat(hrp string) *AddressFormat { return &AddressFormat{Kind: "segwit", HRP: hrp} }

// BIP-173 and BIP-350 "valid segwit addresses", with their scriptPubKey.
func TestSegwitValidVectors(t *testing.T) {
	for _, tc := range []struct{ addr, script string }{
		{"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "0014751e76e8199196d454941c45d1b3a323f1433bd6"},
		{"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262"},
		{"bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6"},
		{"BC1SW50QGDZ25J", "6002751e"},
		{"bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323"},
		{"tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy", "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433"},
		{"tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c", "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433"},
		{"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"},
	} {
		hrp := strings.ToLower(tc.addr[:2])
		p := newProbe(tc.addr)
		if _, e := checkSegwit(segwitFormat(hrp), p); e != nil {
			t.Errorf("%s: %s", tc.addr, e.msg)
			continue
		}
		prog, ver, _ := segwitProgram(p.bech32())
		// scriptPubKey = OP_n, push(len), program; OP_n is 0 or 0x50+n.
		op := byte(0)
		if ver > 0 {
			op = 0x50 + ver
		}
		got := hex.EncodeToString(append([]byte{op, byte(len(prog))}, prog...))
		if got != tc.script {
			t.Errorf("%s: script %s, want %s", tc.addr, got, tc.script)
		}
	}
}

// BIP-173 and BIP-350 invalid segwit addresses (checked against both hrps).
func TestSegwitInvalidVectors(t *testing.T) {
	for _, addr := range []string{
		// BIP-173
		"tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty",
		"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
		"BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2",
		"bc1rw5uspcuh",
		"bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90",
		"BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",
		"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7",
		"bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",
		"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv",
		"bc1gmk9yu",
		// BIP-350
		"tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",
		"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
		"tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf",
		"BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
		"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
		"tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47",
		"bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",
		"BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
		"bc1pw5dgrnzv",
		"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
		"tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq",
		"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",
		"tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j",
	} {
		for _, hrp := range []string{"bc", "tb"} {
			if _, e := checkSegwit(segwitFormat(hrp), newProbe(addr)); e == nil {
				t.Errorf("%s accepted for hrp %s", addr, hrp)
			}
		}
	}
}

// BIP-350's generic bech32m strings must decode as bech32m, never bech32,
// and BIP-173's generic strings the other way round: the probe relies on it.
func TestBech32Variants(t *testing.T) {
	for want, list := range map[bech32.Version][]string{
		bech32.Version0: {"A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", "?1ezyfcl",
			"split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
			"an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs"},
		bech32.VersionM: {"A1LQFN3A", "a1lqfn3a", "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx", "?1v759aa",
			"split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
			"an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6"},
	} {
		for _, s := range list {
			if b := newProbe(s).bech32(); b.err != nil || b.variant != want {
				t.Errorf("%s: variant %v, err %v", s, b.variant, b.err)
			}
		}
	}
	for _, s := range []string{"qyrz8wqd2c9m", "1qyrz8wqd2c9m", "y1b0jsk6g", "lt1igcx5c0", "in1muywd",
		"mm1crxm3i", "au1s5cgom", "M1VUXWEZ", "16plkw9", "1p2gdwpf", "x1b4n0q5v", "li1dgmt3", "A1G7SGD8", "10a06t8", "1qzzfhee"} {
		if b := newProbe(s).bech32(); b.err == nil {
			t.Errorf("%s decoded", s)
		}
	}
}

// EIP-55's own examples, and what breaking their case does.
func TestEIP55Vectors(t *testing.T) {
	for _, a := range []string{
		"0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
		"0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26",
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
		"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
	} {
		m, e := evmAddress(a)
		if e != nil {
			t.Errorf("%s: %s", a, e.msg)
			continue
		}
		mixed := strings.ToLower(a[2:]) != a[2:] && strings.ToUpper(a[2:]) != a[2:]
		if m.Checksummed != mixed {
			t.Errorf("%s: checksummed = %v", a, m.Checksummed)
		}
		if mixed && eip55(strings.ToLower(a[2:])) != a[2:] {
			t.Errorf("%s: eip55 gives %s", a, eip55(a[2:]))
		}
	}
	for _, a := range []string{
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", // last letter's case flipped
		"0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", // second letter's case flipped
		"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9adb", // two letters flipped
	} {
		if _, e := evmAddress(a); e == nil || e.level != levelChecksum {
			t.Errorf("%s: want a checksum error, got %+v", a, e)
		}
	}
}

// The CashAddr specification: legacy/CashAddr pairs and larger payloads.
func TestCashAddrVectors(t *testing.T) {
	for legacy, cash := range map[string]string{
		"1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu": "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
		"1KXrWXciRDZUpQwQmuM1DbwsKDLYAYsVLR": "bitcoincash:qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy",
		"16w1D5WRVKJuZUsSRzdLp9w3YGcgoxDXb":  "bitcoincash:qqq3728yw0y47sqn6l2na30mcw6zm78dzqre909m2r",
		"3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC": "bitcoincash:ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq",
		"3LDsS579y7sruadqu11beEJoTjdFiFCdX4": "bitcoincash:pr95sy3j9xwd2ap32xkykttr4cvcu7as4yc93ky28e",
		"31nwvkZwyPdgzjBJZXfDmSWsC4ZLKpYyUw": "bitcoincash:pqq3728yw0y47sqn6l2na30mcw6zm78dzq5ucqzc37",
	} {
		a, e := decodeCashAddr(cash, "bitcoincash")
		if e != nil {
			t.Fatalf("%s: %s", cash, e.msg)
		}
		d := newProbe(legacy).base58()
		wantType := map[byte]byte{0: 0, 5: 1}[d[0]]
		if hex.EncodeToString(a.hash) != hex.EncodeToString(d[1:21]) || a.typ != wantType {
			t.Errorf("%s does not carry the hash of %s", cash, legacy)
		}
		if enc, _ := encodeCashAddr(a); enc != cash {
			t.Errorf("encode: %s, want %s", enc, cash)
		}
	}
	for _, tc := range []struct {
		typ  byte
		addr string
		hash string
	}{
		{0, "bitcoincash:qr6m7j9njldwwzlg9v7v53unlr4jkmx6eylep8ekg2", "F5BF48B397DAE70BE82B3CCA4793F8EB2B6CDAC9"},
		{1, "bchtest:pr6m7j9njldwwzlg9v7v53unlr4jkmx6eyvwc0uz5t", "F5BF48B397DAE70BE82B3CCA4793F8EB2B6CDAC9"},
		{1, "pref:pr6m7j9njldwwzlg9v7v53unlr4jkmx6ey65nvtks5", "F5BF48B397DAE70BE82B3CCA4793F8EB2B6CDAC9"},
		{0, "bitcoincash:q9adhakpwzztepkpwp5z0dq62m6u5v5xtyj7j3h2ws4mr9g0", "7ADBF6C17084BC86C1706827B41A56F5CA32865925E946EA"},
		{1, "pref:pgagf7w02x4wnz3mkwnchut2vxphjzccwxgjvvjmlsxqwkcrsr6gzkn", "3A84F9CF51AAE98A3BB3A78BF16A6183790B18719126325BFC0C075B"},
		{0, "bitcoincash:qvch8mmxy0rtfrlarg7ucrxxfzds5pamg73h7370aa87d80gyhqxq5nlegake", "3173EF6623C6B48FFD1A3DCC0CC6489B0A07BB47A37F47CFEF4FE69DE825C060"},
		{1, "bchtest:pnq8zwpj8cq05n7pytfmskuk9r4gzzel8qtsvwz79zdskftrzxtar994cgutavfklvmgm6ynej", "C07138323E00FA4FC122D3B85B9628EA810B3F381706385E289B0B25631197D194B5C238BEB136FB"},
	} {
		a, e := decodeCashAddr(tc.addr, "")
		if e != nil {
			t.Errorf("%s: %s", tc.addr, e.msg)
			continue
		}
		if a.typ != tc.typ || !strings.EqualFold(hex.EncodeToString(a.hash), tc.hash) {
			t.Errorf("%s: type %d hash %x", tc.addr, a.typ, a.hash)
		}
		if enc, _ := encodeCashAddr(a); enc != tc.addr {
			t.Errorf("encode: %s, want %s", enc, tc.addr)
		}
		// Upper case is the same address; mixed case is not.
		if _, e := decodeCashAddr(strings.ToUpper(tc.addr), ""); e != nil {
			t.Errorf("%s upper case: %s", tc.addr, e.msg)
		}
	}
	for _, bad := range []string{
		"bitcoincash:qr6m7j9njldwwzlg9v7v53unlr3jkmx6eylep8ekg2", // one character changed
		"bitcoincash:qr6m7j9njldWWzlg9v7v53unlr4JKmx6Eylep8ekg2", // mixed case
		"bchtest:qr6m7j9njldwwzlg9v7v53unlr4jkmx6eylep8ekg2",     // prefix is part of the checksum
		"bitcoincash:qr6m7j9njldwwzlg9v7v53unlr4jkmx6eylep8ekgb", // 'b' is not in the alphabet
	} {
		if _, e := decodeCashAddr(bad, "bitcoincash"); e == nil {
			t.Errorf("%s decoded", bad)
		}
	}
}

// CRC16-XModem's standard check value, and SEP-23's StrKey examples.
func TestStrKeyVectors(t *testing.T) {
	if got := crc16XModem([]byte("123456789")); got != 0x31C3 {
		t.Fatalf("crc16XModem check value = %#x, want 0x31c3", got)
	}
	key, _ := hex.DecodeString("3f0c34bf93ad0d9971d04ccc90f705511c838aad9734a4a2fb0d7a03fc7fe89a")
	const g = "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ"
	if got := encodeStrKey(strkeyAccount, key); got != g {
		t.Errorf("encode G = %s", got)
	}
	const m = "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAJLK"
	if got := encodeStrKey(strkeyMuxed, append(key, 0x80, 0, 0, 0, 0, 0, 0, 0)); got != m {
		t.Errorf("encode M = %s", got)
	}
	for _, bad := range []string{
		"GA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQHE55", // SEP-23: bad checksum
		"GA3D5KRYM6CB7OWOOOORR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQHES5",  // SEP-23: 55 characters
		"GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGY", // last character changed
	} {
		if _, e := checkStellar(newProbe(bad)); e == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

// TON documentation's example account in all its forms.
func TestTONVectors(t *testing.T) {
	const raw = "0:ca6e321c7cce9ecedf0a8ca2492ec8592494aa5fb5ce0387dff96ef6af982a3e"
	var a tonAddress
	hex.Decode(a.account[:], []byte(raw[2:]))
	a.flags = tonBounceable
	if got := encodeTONFriendly(a, true); got != "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF" {
		t.Errorf("bounceable = %s", got)
	}
	a.flags = tonNonBounceable
	if got := encodeTONFriendly(a, true); got != "UQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPuwA" {
		t.Errorf("non-bounceable = %s", got)
	}
	for addr, typ := range map[string]string{
		raw: "raw",
		"EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF": "bounceable",
		"UQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPuwA": "non-bounceable",
		"EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff+W72r5gqPrHF": "bounceable", // standard base64 alphabet
	} {
		if m, e := checkTON(newProbe(addr)); e != nil || m.Type != typ {
			t.Errorf("%s: %+v %+v", addr, m, e)
		}
	}
	for addr, level := range map[string]int{
		"kQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPgpP":                  levelMismatch, // testnet flag
		"EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHG":                  levelChecksum,
		"EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gq+rHF":                  levelMalform, // both alphabets
		"0:ca6e321c7cce9ecedf0a8ca2492ec8592494aa5fb5ce0387dff96ef6af982a3": levelMalform,
		"EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrH":                   levelMalform,
	} {
		if _, e := checkTON(newProbe(addr)); e == nil || e.level != level {
			t.Errorf("%s: got %+v, want level %d", addr, e, level)
		}
	}
}

// XLS-5d X-address examples (as used by xrpl.js) and classic addresses.
func TestXRPVectors(t *testing.T) {
	for x, want := range map[string]struct {
		classic string
		tag     string
	}{
		"X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ": {"r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59", ""},
		"X7AcgcsBL6XDcUb289X4mJ8djcdyKaGZMhc9YTE92ehJ2Fu": {"r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59", "1"},
		"XVLhHMPHU98es4dbozjVtdWzVrDjtV8AqEL4xcZj5whKbmc": {"rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf", "0"},
		"XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi": {"rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf", "4294967295"},
	} {
		m, e := checkXRP(newProbe(x))
		if e != nil || m.EmbeddedMemo != want.tag {
			t.Errorf("%s: %+v %+v", x, m, e)
			continue
		}
		xa, _ := decodeXAddress(x)
		if got := xrpClassic(xa.account); got != want.classic {
			t.Errorf("%s: classic %s, want %s", x, got, want.classic)
		}
		if got := encodeXAddress(xa); got != x {
			t.Errorf("re-encoded %s as %s", x, got)
		}
	}
	test, _ := decodeXAddress("X7AcgcsBL6XDcUb289X4mJ8djcdyKaGZMhc9YTE92ehJ2Fu")
	test.test = true
	if tx := encodeXAddress(test); tx[0] != 'T' {
		t.Errorf("testnet X-address %s", tx)
	} else if _, e := checkXRP(newProbe(tx)); e == nil || !strings.Contains(e.msg, "testnet") {
		t.Errorf("testnet X-address %s: %+v", tx, e)
	}
	for _, a := range []string{"rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", "rrrrrrrrrrrrrrrrrrrrrhoLvTp", "rrrrrrrrrrrrrrrrrrrrBZbvji"} {
		if _, e := checkXRP(newProbe(a)); e != nil {
			t.Errorf("%s: %s", a, e.msg)
		}
	}
}

// CIP-19's test vectors: every Shelley type, and the stake addresses.
func TestCardanoVectors(t *testing.T) {
	f := &AddressFormat{Kind: "cardano", HRPs: []string{"addr"}, NotDepositHRPs: []string{"stake"}}
	for addr, typ := range map[string]string{
		"addr1qx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgse35a3x": "base",
		"addr1z8phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gten0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgs9yc0hh": "base",
		"addr1yx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzerkr0vd4msrxnuwnccdxlhdjar77j6lg0wypcc9uar5d2shs2z78ve": "base",
		"addr1x8phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gt7r0vd4msrxnuwnccdxlhdjar77j6lg0wypcc9uar5d2shskhj42g": "base",
		"addr1gx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer5pnz75xxcrzqf96k":                                     "pointer",
		"addr128phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtupnz75xxcrtw79hu":                                     "pointer",
		"addr1vx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzers66hrl8":                                              "enterprise",
		"addr1w8phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcyjy7wx":                                              "enterprise",
	} {
		if m, e := checkCardano(f, newProbe(addr)); e != nil || m.Type != typ {
			t.Errorf("%s: %+v %+v", addr, m, e)
		}
	}
	for _, addr := range []string{
		"stake1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gh6ffgw",
		"stake178phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcccycj5",
		"addr_test1qz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgs68faae",
		"addr_test1vz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzerspjrlsz",
	} {
		if _, e := checkCardano(f, newProbe(addr)); e == nil || e.level != levelMismatch {
			t.Errorf("%s: want a mismatch, got %+v", addr, e)
		}
	}
}
