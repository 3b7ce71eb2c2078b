package chain

import (
	"strings"

	"github.com/btcsuite/btcd/address/v2/bech32"
)

// CashAddr (Bitcoin Cash): bech32's alphabet with its own 40-bit BCH-code
// checksum over the prefix, a ':' and the payload. The prefix may be left off.

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

var bech32Rev = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := range bech32Charset {
		t[bech32Charset[i]] = int8(i)
	}
	return
}()

func cashPolymod(prefix string, data []byte) uint64 {
	c := uint64(1)
	step := func(d byte) {
		c0 := c >> 35
		c = ((c & 0x07ffffffff) << 5) ^ uint64(d)
		if c0&0x01 != 0 {
			c ^= 0x98f2bc8e61
		}
		if c0&0x02 != 0 {
			c ^= 0x79b76d99e2
		}
		if c0&0x04 != 0 {
			c ^= 0xf33e5fb3c4
		}
		if c0&0x08 != 0 {
			c ^= 0xae2eabe2a8
		}
		if c0&0x10 != 0 {
			c ^= 0x1e4f43e470
		}
	}
	for i := 0; i < len(prefix); i++ {
		step(prefix[i] & 0x1f)
	}
	step(0)
	for _, d := range data {
		step(d)
	}
	return c ^ 1
}

// Hash sizes in bytes by the version byte's low three bits.
var cashSizes = [8]int{20, 24, 28, 32, 40, 48, 56, 64}

type cashAddr struct {
	prefix string
	typ    byte // 0 P2PKH, 1 P2SH, 2 and 3 the token-aware forms of each
	hash   []byte
}

// decodeCashAddr decodes s; defaultPrefix is assumed when s has none.
func decodeCashAddr(s, defaultPrefix string) (cashAddr, *addrError) {
	prefix, body, ok := strings.Cut(s, ":")
	if !ok {
		prefix, body = defaultPrefix, s
	}
	// The payload is all lower or all upper case; the prefix is compared
	// without regard to case.
	if strings.ToLower(body) != body && strings.ToUpper(body) != body {
		return cashAddr{}, malformed("it mixes upper- and lower-case letters")
	}
	prefix, body = strings.ToLower(prefix), strings.ToLower(body)
	if prefix == "" || len(body) < 8+2 {
		return cashAddr{}, malformed("it is too short")
	}
	data := make([]byte, len(body))
	for i := 0; i < len(body); i++ {
		v := bech32Rev[body[i]]
		if v < 0 {
			return cashAddr{}, malformed("it contains %q, which CashAddr never uses", body[i])
		}
		data[i] = byte(v)
	}
	if cashPolymod(prefix, data) != 0 {
		return cashAddr{}, badChecksum("the checksum does not match: %s", checksumHint)
	}
	payload, err := bech32.ConvertBits(data[:len(data)-8], 5, 8, false)
	if err != nil || len(payload) < 1 {
		return cashAddr{}, malformed("its data has invalid padding")
	}
	ver := payload[0]
	if ver&0x80 != 0 {
		return cashAddr{}, malformed("its version byte has the reserved bit set")
	}
	a := cashAddr{prefix: prefix, typ: ver >> 3 & 0x0f, hash: payload[1:]}
	if len(a.hash) != cashSizes[ver&7] {
		return cashAddr{}, malformed("its hash is %d bytes but its version byte says %d", len(a.hash), cashSizes[ver&7])
	}
	return a, nil
}

// encodeCashAddr is decodeCashAddr's inverse (lower case, with prefix).
func encodeCashAddr(a cashAddr) (string, bool) {
	size := -1
	for i, n := range cashSizes {
		if n == len(a.hash) {
			size = i
		}
	}
	if size < 0 || a.typ > 15 {
		return "", false
	}
	payload := append([]byte{a.typ<<3 | byte(size)}, a.hash...)
	data, err := bech32.ConvertBits(payload, 8, 5, true)
	if err != nil {
		return "", false
	}
	mod := cashPolymod(a.prefix, append(data, make([]byte, 8)...))
	var b strings.Builder
	b.WriteString(a.prefix + ":")
	for _, d := range data {
		b.WriteByte(bech32Charset[d])
	}
	for i := 0; i < 8; i++ {
		b.WriteByte(bech32Charset[(mod>>(5*(7-i)))&0x1f])
	}
	return b.String(), true
}

var cashTypes = [4]string{"p2pkh", "p2sh", "p2pkh-token", "p2sh-token"}

func checkCashAddr(f *AddressFormat, p *probe) (AddressMatch, *addrError) {
	s := p.s
	prefix, body, hasPrefix := strings.Cut(s, ":")
	if !hasPrefix {
		body = s
	}
	switch {
	case hasPrefix && strings.EqualFold(prefix, f.Prefix):
	case hasPrefix && (strings.EqualFold(prefix, "bchtest") || strings.EqualFold(prefix, "bchreg")):
		return AddressMatch{}, mismatch("this is a Bitcoin Cash testnet address (%s:)", strings.ToLower(prefix))
	case hasPrefix:
		return AddressMatch{}, shapeErr()
	default:
		// Without a prefix only the usual lengths (20- and 32-byte hashes)
		// and leading letters count as CashAddr-shaped.
		if len(body) != 42 && len(body) != 61 || !strings.ContainsRune("qpzrQPZR", rune(body[0])) {
			return AddressMatch{}, shapeErr()
		}
	}
	a, e := decodeCashAddr(s, f.Prefix)
	if e != nil {
		return AddressMatch{}, e
	}
	if a.typ > 3 {
		return AddressMatch{}, malformed("address type %d does not exist", a.typ)
	}
	if len(a.hash) != 20 && !(len(a.hash) == 32 && a.typ&1 == 1) {
		return AddressMatch{}, mismatch("a %d-byte %s hash is not used on Bitcoin Cash", len(a.hash), cashTypes[a.typ])
	}
	return AddressMatch{Type: cashTypes[a.typ], Checksummed: true, Confidence: confHigh}, nil
}
