package sandbox

// Address encoders, so that every demo address passes the checksum checks a
// real wallet (and package chain's validators) apply. They are written here
// rather than imported because go.mod is not this package's to change; each
// is checked against published vectors in encode_test.go.

import (
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"math/big"
	"strings"

	"golang.org/x/crypto/sha3"

	"github.com/groundcrew/groundcrew/internal/exchange"
)

// derive returns n deterministic bytes for label, so seeded keys are stable.
func derive(label string, n int) []byte {
	var out []byte
	for i := 0; len(out) < n; i++ {
		sum := sha256.Sum256([]byte(label + "#" + string(rune('0'+i))))
		out = append(out, sum[:]...)
	}
	return out[:n]
}

// eip55 renders a 20-byte account as an EIP-55 mixed-case checksummed address.
func eip55(account []byte) string {
	lower := hex.EncodeToString(account)
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte(lower))
	sum := h.Sum(nil)
	out := []byte(lower)
	for i, c := range out {
		nibble := sum[i/2] >> 4
		if i%2 == 1 {
			nibble = sum[i/2] & 0x0f
		}
		if c >= 'a' && nibble >= 8 {
			out[i] = c - 'a' + 'A'
		}
	}
	return "0x" + string(out)
}

const (
	bitcoinAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	rippleAlphabet  = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"
	bech32Charset   = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
)

// base58 encodes b in alphabet, keeping leading zero bytes as the zero digit.
func base58(b []byte, alphabet string) string {
	n := new(big.Int).SetBytes(b)
	radix, mod := big.NewInt(58), new(big.Int)
	var out []byte
	for n.Sign() > 0 {
		n.DivMod(n, radix, mod)
		out = append(out, alphabet[mod.Int64()])
	}
	for _, c := range b {
		if c != 0 {
			break
		}
		out = append(out, alphabet[0])
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

// base58Check appends the double-SHA-256 checksum of version+payload.
func base58Check(version byte, payload []byte, alphabet string) string {
	b := append([]byte{version}, payload...)
	first := sha256.Sum256(b)
	second := sha256.Sum256(first[:])
	return base58(append(b, second[:4]...), alphabet)
}

// convertBits regroups 8-bit bytes into 5-bit groups, padding the last.
func convertBits(b []byte) []byte {
	var out []byte
	acc, bits := 0, 0
	for _, v := range b {
		acc = acc<<8 | int(v)
		bits += 8
		for bits >= 5 {
			bits -= 5
			out = append(out, byte(acc>>bits&31))
		}
	}
	if bits > 0 {
		out = append(out, byte(acc<<(5-bits)&31))
	}
	return out
}

func bech32Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := range 5 {
			if top>>i&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

// bech32 encodes 5-bit data under hrp with a BIP-173 checksum. It has no
// length limit, because Cardano addresses exceed BIP-173's 90 characters.
func bech32(hrp string, data []byte) string {
	var values []byte
	for i := range len(hrp) {
		values = append(values, hrp[i]>>5)
	}
	values = append(values, 0)
	for i := range len(hrp) {
		values = append(values, hrp[i]&31)
	}
	values = append(append(values, data...), 0, 0, 0, 0, 0, 0)
	mod := bech32Polymod(values) ^ 1
	var sb strings.Builder
	sb.WriteString(hrp + "1")
	for _, d := range data {
		sb.WriteByte(bech32Charset[d])
	}
	for i := range 6 {
		sb.WriteByte(bech32Charset[mod>>(5*(5-i))&31])
	}
	return sb.String()
}

// segwitV0 is a native SegWit v0 (P2WPKH for 20 bytes) address.
func segwitV0(hrp string, program []byte) string {
	return bech32(hrp, append([]byte{0}, convertBits(program)...))
}

// cashAddr is a Bitcoin Cash P2PKH address (CashAddr, with its 40-bit checksum).
func cashAddr(hash160 []byte) string {
	const prefix = "bitcoincash"
	payload := convertBits(append([]byte{0x00}, hash160...))
	var values []byte
	for i := range len(prefix) {
		values = append(values, prefix[i]&31)
	}
	values = append(append(append(values, 0), payload...), 0, 0, 0, 0, 0, 0, 0, 0)
	c := uint64(1)
	gen := [5]uint64{0x98f2bc8e61, 0x79b76d99e2, 0xf33e5fb3c4, 0xae2eabe2a8, 0x1e4f43e470}
	for _, d := range values {
		top := c >> 35
		c = (c&0x07ffffffff)<<5 ^ uint64(d)
		for i := range 5 {
			if top>>i&1 == 1 {
				c ^= gen[i]
			}
		}
	}
	c ^= 1
	var sb strings.Builder
	sb.WriteString(prefix + ":")
	for _, d := range payload {
		sb.WriteByte(bech32Charset[d])
	}
	for i := range 8 {
		sb.WriteByte(bech32Charset[c>>(5*(7-i))&31])
	}
	return sb.String()
}

// crc16XModem is the checksum Stellar and TON put on their addresses.
func crc16XModem(b []byte) uint16 {
	var crc uint16
	for _, v := range b {
		crc ^= uint16(v) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

// stellarAccount is a StrKey "G…" account id for a 32-byte ed25519 key.
func stellarAccount(key []byte) string {
	b := append([]byte{6 << 3}, key...)
	b = binary.LittleEndian.AppendUint16(b, crc16XModem(b))
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// tonAddress is a user-friendly, non-bounceable ("UQ…") basechain address.
func tonAddress(hash []byte) string {
	b := append([]byte{0x51, 0x00}, hash...)
	b = binary.BigEndian.AppendUint16(b, crc16XModem(b))
	return base64.URLEncoding.EncodeToString(b)
}

// cardanoBase is a Shelley mainnet base address (payment key + stake key).
func cardanoBase(payment, stake []byte) string {
	return bech32("addr", convertBits(append(append([]byte{0x01}, payment...), stake...)))
}

// addressFor renders the deterministic key material for label as an
// address of network. The same label gives the same address on every EVM
// network, as at most exchanges.
func addressFor(network, label string) string {
	k20, k32 := derive(label, 20), derive(label, 32)
	switch network {
	case "bitcoin":
		return segwitV0("bc", k20)
	case "litecoin":
		return segwitV0("ltc", k20)
	case "dogecoin":
		return base58Check(0x1e, k20, bitcoinAlphabet)
	case "bitcoin-cash":
		return cashAddr(k20)
	case "tron":
		return base58Check(0x41, k20, bitcoinAlphabet)
	case "solana":
		return base58(k32, bitcoinAlphabet)
	case "xrp":
		return base58Check(0x00, k20, rippleAlphabet)
	case "stellar":
		return stellarAccount(k32)
	case "cosmos":
		return bech32("cosmos", convertBits(k20))
	case "ton":
		return tonAddress(k32)
	case "cardano":
		k := derive(label, 56)
		return cardanoBase(k[:28], k[28:])
	}
	return eip55(k20)
}

// txidFor renders a deterministic transaction id in network's usual form.
func txidFor(network, label string) string {
	h := hex.EncodeToString(derive("tx/"+label, 32))
	switch {
	case network == "solana":
		return base58(derive("tx/"+label, 64), bitcoinAlphabet)
	case network == "xrp" || network == "cosmos":
		return strings.ToUpper(h)
	case exchange.IsEVM(network):
		return "0x" + h
	}
	return h
}
