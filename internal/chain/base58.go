package chain

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"math"
	"slices"
	"strconv"

	"github.com/btcsuite/btcd/address/v2/base58"
)

// checksumOK verifies Base58Check's trailing four bytes: the start of
// SHA-256(SHA-256(payload)). XRP uses the same checksum with its own alphabet.
func checksumOK(d []byte) bool {
	if len(d) < 5 {
		return false
	}
	h := sha256.Sum256(d[:len(d)-4])
	h = sha256.Sum256(h[:])
	return bytes.Equal(h[:4], d[len(d)-4:])
}

// Version bytes that belong to no deposit address but are often pasted as one.
var foreignVersions = map[byte]string{
	111: "this is a testnet address (version byte 111)",
	196: "this is a testnet script address (version byte 196)",
	113: "this is a Dogecoin testnet address (version byte 113)",
}

func checkBase58Check(f *AddressFormat, p *probe) (AddressMatch, *addrError) {
	if len(p.s) < 26 || len(p.s) > 35 {
		return AddressMatch{}, shapeErr()
	}
	d := p.base58()
	if len(d) == 0 {
		return AddressMatch{}, shapeErr()
	}
	// Only claim a near miss when the leading version byte is one of ours,
	// so random base58 text is not reported as "a Bitcoin address with a typo".
	ours := slices.Contains(f.Versions, int(d[0]))
	if !checksumOK(d) {
		if !ours {
			return AddressMatch{}, shapeErr()
		}
		return AddressMatch{}, badChecksum("the checksum does not match: %s", checksumHint)
	}
	if len(d) != 25 {
		return AddressMatch{}, mismatch("it decodes to %d bytes, not the 25 of an address", len(d))
	}
	if !ours {
		if note, ok := foreignVersions[d[0]]; ok {
			return AddressMatch{}, mismatch("%s", note)
		}
		return AddressMatch{}, mismatch("its version byte %d is not used on this network", d[0])
	}
	return AddressMatch{Checksummed: true, Confidence: confHigh}, nil
}

// checkTron: Base58Check with version byte 0x41, which always prints as "T".
func checkTron(p *probe) (AddressMatch, *addrError) {
	s := p.s
	if s == "" || s[0] != 'T' || len(s) < 30 || len(s) > 38 || !isBase58(s) {
		return AddressMatch{}, shapeErr()
	}
	if len(s) != 34 {
		return AddressMatch{}, malformed("a Tron address is 34 characters long; this one has %d", len(s))
	}
	d := p.base58()
	if !checksumOK(d) {
		return AddressMatch{}, badChecksum("the checksum does not match: %s", checksumHint)
	}
	if len(d) != 25 || d[0] != 0x41 {
		return AddressMatch{}, mismatch("it does not carry Tron's 0x41 version byte")
	}
	return AddressMatch{Checksummed: true, Confidence: confHigh}, nil
}

// checkSolana: a Solana address is any 32-byte value in base58. There is no
// checksum, so a typo still passes; the match says so with low confidence.
func checkSolana(p *probe) (AddressMatch, *addrError) {
	if len(p.s) < 32 || len(p.s) > 44 {
		return AddressMatch{}, shapeErr()
	}
	if d := p.base58(); len(d) != 32 {
		return AddressMatch{}, shapeErr()
	}
	return AddressMatch{Confidence: confLow}, nil
}

// XRP Ledger base58 uses its own alphabet (so that addresses start with "r").
const xrpAlphabet = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"

// xrpToBTC and btcToXRP translate between the two alphabets position by
// position, so the well-tested base58 library does the arithmetic.
var xrpToBTC, btcToXRP = func() (a, b [256]byte) {
	for i := range xrpAlphabet {
		a[xrpAlphabet[i]] = base58Alphabet[i]
		b[base58Alphabet[i]] = xrpAlphabet[i]
	}
	return
}()

func xrpDecode(s string) []byte {
	t := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		if t[i] = xrpToBTC[s[i]]; t[i] == 0 {
			return nil
		}
	}
	return base58.Decode(string(t))
}

func xrpEncode(b []byte) string {
	t := []byte(base58.Encode(b))
	for i := range t {
		t[i] = btcToXRP[t[i]]
	}
	return string(t)
}

func isXRPBase58(s string) bool {
	for i := 0; i < len(s); i++ {
		if xrpToBTC[s[i]] == 0 {
			return false
		}
	}
	return s != ""
}

// X-address prefixes (XLS-5d): mainnet and testnet.
var (
	xAddrMain = []byte{0x05, 0x44}
	xAddrTest = []byte{0x04, 0x93}
)

func checkXRP(p *probe) (AddressMatch, *addrError) {
	s := p.s
	switch {
	case len(s) >= 25 && len(s) <= 35 && s[0] == 'r' && isXRPBase58(s):
		d := xrpDecode(s)
		if !checksumOK(d) {
			return AddressMatch{}, badChecksum("the checksum does not match: %s", checksumHint)
		}
		if len(d) != 25 || d[0] != 0 {
			return AddressMatch{}, mismatch("it is not an XRP account address")
		}
		return AddressMatch{Type: "classic", Checksummed: true, Confidence: confHigh}, nil
	case len(s) == 47 && (s[0] == 'X' || s[0] == 'T') && isXRPBase58(s):
		x, err := decodeXAddress(s)
		if err != nil {
			return AddressMatch{}, err
		}
		if x.test {
			return AddressMatch{}, mismatch("this is an XRP testnet X-address")
		}
		m := AddressMatch{Type: "x-address", Checksummed: true, Confidence: confHigh}
		if x.hasTag {
			m.EmbeddedMemo = strconv.FormatUint(uint64(x.tag), 10)
		}
		return m, nil
	}
	return AddressMatch{}, shapeErr()
}

type xAddress struct {
	account []byte // 20-byte account ID
	tag     uint32
	hasTag  bool
	test    bool
}

func decodeXAddress(s string) (xAddress, *addrError) {
	d := xrpDecode(s)
	if !checksumOK(d) {
		return xAddress{}, badChecksum("the checksum does not match: %s", checksumHint)
	}
	if len(d) != 35 {
		return xAddress{}, mismatch("it is not an XRP X-address")
	}
	var x xAddress
	switch {
	case bytes.Equal(d[:2], xAddrMain):
	case bytes.Equal(d[:2], xAddrTest):
		x.test = true
	default:
		return xAddress{}, mismatch("it is not an XRP X-address")
	}
	x.account = d[2:22]
	tag := binary.LittleEndian.Uint64(d[23:31])
	switch {
	case d[22] == 0 && tag == 0:
	case d[22] == 1 && tag <= math.MaxUint32:
		x.tag, x.hasTag = uint32(tag), true
	default:
		return xAddress{}, mismatch("its destination-tag field is malformed")
	}
	return x, nil
}

// encodeXAddress is decodeXAddress's inverse; tests use it for round trips.
func encodeXAddress(x xAddress) string {
	b := make([]byte, 0, 35)
	if x.test {
		b = append(b, xAddrTest...)
	} else {
		b = append(b, xAddrMain...)
	}
	b = append(b, x.account...)
	var flag byte
	if x.hasTag {
		flag = 1
	}
	b = append(b, flag)
	b = binary.LittleEndian.AppendUint64(b, uint64(x.tag))
	h := sha256.Sum256(b)
	h = sha256.Sum256(h[:])
	return xrpEncode(append(b, h[:4]...))
}

// xrpClassic is the classic r-address of a 20-byte account ID.
func xrpClassic(account []byte) string {
	b := append([]byte{0}, account...)
	h := sha256.Sum256(b)
	h = sha256.Sum256(h[:])
	return xrpEncode(append(b, h[:4]...))
}
