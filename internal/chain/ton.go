package chain

import (
	"encoding/base64"
	"encoding/binary"
	"strings"
)

// TON addresses: the raw form "workchain:64 hex digits", and the
// user-friendly form, 36 bytes in base64 or base64url (48 characters):
// a flag byte, the workchain, the 32-byte account and a big-endian
// CRC16-XModem of the first 34 bytes.

const (
	tonBounceable    = 0x11
	tonNonBounceable = 0x51
	tonTestOnly      = 0x80
)

type tonAddress struct {
	flags     byte
	workchain int8
	account   [32]byte
}

func decodeTONFriendly(s string) (tonAddress, *addrError) {
	if len(s) != 48 {
		return tonAddress{}, malformed("a TON address is 48 characters long; this one has %d", len(s))
	}
	url, std := strings.ContainsAny(s, "-_"), strings.ContainsAny(s, "+/")
	if url && std {
		return tonAddress{}, malformed("it mixes base64 and base64url characters")
	}
	enc := base64.RawURLEncoding
	if std {
		enc = base64.RawStdEncoding
	}
	b, err := enc.DecodeString(s)
	if err != nil || len(b) != 36 {
		return tonAddress{}, malformed("it is not valid base64")
	}
	if tag := b[0] &^ tonTestOnly; tag != tonBounceable && tag != tonNonBounceable {
		return tonAddress{}, malformed("its flag byte 0x%02x is not a TON address tag", b[0])
	}
	if crc16XModem(b[:34]) != binary.BigEndian.Uint16(b[34:]) {
		return tonAddress{}, badChecksum("the checksum does not match: %s", checksumHint)
	}
	a := tonAddress{flags: b[0], workchain: int8(b[1])}
	copy(a.account[:], b[2:34])
	return a, nil
}

func encodeTONFriendly(a tonAddress, urlSafe bool) string {
	b := make([]byte, 0, 36)
	b = append(b, a.flags, byte(a.workchain))
	b = append(b, a.account[:]...)
	b = binary.BigEndian.AppendUint16(b, crc16XModem(b))
	if urlSafe {
		return base64.RawURLEncoding.EncodeToString(b)
	}
	return base64.RawStdEncoding.EncodeToString(b)
}

func checkTON(p *probe) (AddressMatch, *addrError) {
	s := p.s
	if wc, hex, ok := strings.Cut(s, ":"); ok && (wc == "0" || wc == "-1") {
		if len(hex) != 64 || !isHex(hex) {
			return AddressMatch{}, malformed("a raw TON address has 64 hex digits after %s:", wc)
		}
		return AddressMatch{Type: "raw", Confidence: confMedium}, nil
	}
	// User-friendly addresses of the base workchain start with these pairs.
	friendly := false
	if len(s) >= 2 {
		switch s[:2] {
		case "EQ", "UQ", "kQ", "0Q", "Ef", "Uf", "kf", "0f":
			friendly = true
		}
	}
	if len(s) != 48 && !(friendly && len(s) >= 44 && len(s) <= 52) {
		return AddressMatch{}, shapeErr()
	}
	a, e := decodeTONFriendly(s)
	if e != nil {
		if e.level == levelMalform && !friendly {
			return AddressMatch{}, shapeErr() // any 48 characters would be "malformed TON"
		}
		return AddressMatch{}, e
	}
	if a.workchain != 0 && a.workchain != -1 {
		return AddressMatch{}, malformed("workchain %d does not exist", a.workchain)
	}
	if a.flags&tonTestOnly != 0 {
		return AddressMatch{}, mismatch("this is a TON testnet address")
	}
	typ := "bounceable"
	if a.flags == tonNonBounceable {
		typ = "non-bounceable"
	}
	return AddressMatch{Type: typ, Checksummed: true, Confidence: confHigh}, nil
}
