package chain

import (
	"encoding/base32"
	"encoding/binary"
	"strconv"
)

// Stellar StrKey (SEP-23): base32 of a version byte, the payload and a
// little-endian CRC16-XModem of both.

const (
	strkeyAccount = 6 << 3  // G...: an account's public key
	strkeyMuxed   = 12 << 3 // M...: account plus a 64-bit id (SEP-23 muxed account)
	strkeySeed    = 18 << 3 // S...: a secret seed
)

var strkeyEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// crc16XModem: polynomial 0x1021, initial value 0, no reflection. Stellar
// and TON both use it.
func crc16XModem(b []byte) uint16 {
	var crc uint16
	for _, c := range b {
		crc ^= uint16(c) << 8
		for i := 0; i < 8; i++ {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

func isBase32Upper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return s != ""
}

func decodeStrKey(s string) (byte, []byte, *addrError) {
	if !isBase32Upper(s) {
		return 0, nil, malformed("it has characters other than A-Z and 2-7")
	}
	raw, err := strkeyEncoding.DecodeString(s)
	if err != nil || len(raw) < 3 {
		return 0, nil, malformed("it is not valid base32")
	}
	n := len(raw)
	if crc16XModem(raw[:n-2]) != binary.LittleEndian.Uint16(raw[n-2:]) {
		return 0, nil, badChecksum("the checksum does not match: %s", checksumHint)
	}
	// Unused trailing bits must be zero, or two strings would name one key.
	if strkeyEncoding.EncodeToString(raw) != s {
		return 0, nil, malformed("it is not in canonical form")
	}
	return raw[0], raw[1 : n-2], nil
}

func encodeStrKey(version byte, payload []byte) string {
	raw := append([]byte{version}, payload...)
	raw = binary.LittleEndian.AppendUint16(raw, crc16XModem(raw))
	return strkeyEncoding.EncodeToString(raw)
}

func checkStellar(p *probe) (AddressMatch, *addrError) {
	s := p.s
	if len(s) < 50 || len(s) > 75 || (s[0] != 'G' && s[0] != 'M' && s[0] != 'S') || !isBase32Upper(s) {
		return AddressMatch{}, shapeErr()
	}
	if (s[0] == 'G' || s[0] == 'S') && len(s) != 56 {
		return AddressMatch{}, malformed("a Stellar account ID is 56 characters long; this one has %d", len(s))
	}
	if s[0] == 'M' && len(s) != 69 {
		return AddressMatch{}, malformed("a Stellar muxed address is 69 characters long; this one has %d", len(s))
	}
	ver, payload, e := decodeStrKey(s)
	if e != nil {
		return AddressMatch{}, e
	}
	switch {
	case ver == strkeyAccount && len(payload) == 32:
		return AddressMatch{Type: "account", Checksummed: true, Confidence: confHigh}, nil
	case ver == strkeyMuxed && len(payload) == 40:
		id := binary.BigEndian.Uint64(payload[32:])
		return AddressMatch{Type: "muxed", Checksummed: true, Confidence: confHigh, EmbeddedMemo: strconv.FormatUint(id, 10)}, nil
	case ver == strkeySeed:
		return AddressMatch{}, mismatch("this is a Stellar secret key, not an address: it must never be shared")
	}
	return AddressMatch{}, mismatch("it is a Stellar key of another kind, not an account address")
}
