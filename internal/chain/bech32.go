package chain

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/btcsuite/btcd/address/v2/bech32"
)

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// bechError explains a failed bech32 decoding of a string that carries the
// network's prefix, so it is worth a precise message.
func bechError(err error) *addrError {
	var (
		mixed   bech32.ErrMixedCase
		sum     bech32.ErrInvalidChecksum
		char    bech32.ErrInvalidCharacter
		notChar bech32.ErrNonCharsetChar
	)
	switch {
	case errors.As(err, &mixed):
		return malformed("it mixes upper- and lower-case letters, which bech32 forbids")
	case errors.As(err, &sum):
		return badChecksum("the checksum does not match: %s", checksumHint)
	case errors.As(err, &char), errors.As(err, &notChar):
		return malformed("it contains a character that bech32 never uses (bech32 has no 1, b, i or o after the prefix)")
	}
	return malformed("it is too short or has no data after the prefix")
}

// Human-readable parts of test networks, named so the error can say so.
var testnetHRPs = map[string]bool{"tb": true, "bcrt": true, "tltc": true, "rltc": true}

// checkSegwit validates a native segwit address: BIP-173 (bech32) for
// witness version 0, BIP-350 (bech32m) for versions 1 to 16.
func checkSegwit(f *AddressFormat, p *probe) (AddressMatch, *addrError) {
	ours := hasPrefixFold(p.s, f.HRP+"1")
	b := p.bech32()
	if b.err != nil {
		if !ours {
			return AddressMatch{}, shapeErr()
		}
		return AddressMatch{}, bechError(b.err)
	}
	if b.hrp != f.HRP {
		if testnetHRPs[b.hrp] {
			return AddressMatch{}, mismatch("this is a testnet address (prefix %s1)", b.hrp)
		}
		return AddressMatch{}, shapeErr()
	}
	prog, ver, e := segwitProgram(b)
	if e != nil {
		return AddressMatch{}, e
	}
	if len(p.s) > 90 {
		return AddressMatch{}, malformed("it is longer than the 90 characters a segwit address may have")
	}
	typ := "witness-v" + strconv.Itoa(int(ver)) // future versions: valid, spendable by no one yet
	switch {
	case ver == 0 && len(prog) == 20:
		typ = "p2wpkh"
	case ver == 0:
		typ = "p2wsh"
	case ver == 1 && len(prog) == 32:
		typ = "p2tr"
	}
	return AddressMatch{Type: typ, Checksummed: true, Confidence: confHigh}, nil
}

// segwitProgram applies the witness rules to decoded bech32 data.
func segwitProgram(b bechResult) ([]byte, byte, *addrError) {
	if len(b.data) < 1 {
		return nil, 0, malformed("it has no witness data")
	}
	ver := b.data[0]
	if ver > 16 {
		return nil, 0, malformed("witness version %d does not exist (0 to 16)", ver)
	}
	prog, err := bech32.ConvertBits(b.data[1:], 5, 8, false)
	if err != nil {
		return nil, 0, malformed("its data has invalid padding")
	}
	if len(prog) < 2 || len(prog) > 40 {
		return nil, 0, malformed("its witness program is %d bytes; it must be 2 to 40", len(prog))
	}
	if ver == 0 && len(prog) != 20 && len(prog) != 32 {
		return nil, 0, malformed("a version 0 witness program is 20 or 32 bytes, not %d", len(prog))
	}
	want, name := bech32.Version0, "bech32 (BIP-173)"
	if ver > 0 {
		want, name = bech32.VersionM, "bech32m (BIP-350)"
	}
	if b.variant != want {
		return nil, 0, badChecksum("a version %d segwit address must use the %s checksum", ver, name)
	}
	return prog, ver, nil
}

// checkCosmos validates a Cosmos SDK account address: classic bech32 of a
// 20-byte (key) or 32-byte (module or contract) account.
func checkCosmos(f *AddressFormat, p *probe) (AddressMatch, *addrError) {
	ours := hasPrefixFold(p.s, f.HRP+"1")
	b := p.bech32()
	if b.err != nil {
		if !ours {
			return AddressMatch{}, shapeErr()
		}
		return AddressMatch{}, bechError(b.err)
	}
	if b.hrp != f.HRP {
		if slices.Contains(f.NotDepositHRPs, b.hrp) {
			return AddressMatch{}, mismatch("%s1… is a validator or key address, not an account that can receive deposits", b.hrp)
		}
		if b.variant == bech32.Version0 && !testnetHRPs[b.hrp] && !strings.ContainsAny(b.hrp, "0123456789_") {
			if data, err := bech32.ConvertBits(b.data, 5, 8, false); err == nil && slices.Contains(f.Lengths, len(data)) {
				return AddressMatch{}, mismatch("this is an address on another chain (prefix %s1), not %s1", b.hrp, f.HRP)
			}
		}
		return AddressMatch{}, shapeErr()
	}
	if b.variant != bech32.Version0 {
		return AddressMatch{}, badChecksum("it uses the bech32m checksum; these addresses use bech32")
	}
	data, err := bech32.ConvertBits(b.data, 5, 8, false)
	if err != nil {
		return AddressMatch{}, malformed("its data has invalid padding")
	}
	if !slices.Contains(f.Lengths, len(data)) {
		return AddressMatch{}, malformed("it carries %d bytes; an account address carries 20 or 32", len(data))
	}
	return AddressMatch{Checksummed: true, Confidence: confHigh}, nil
}

// checkCardano validates a Shelley payment address (CIP-19): bech32 without
// the 90-character limit, a header byte whose high nibble is the address
// type and low nibble the network (1 = mainnet).
func checkCardano(f *AddressFormat, p *probe) (AddressMatch, *addrError) {
	ours := false
	for _, list := range [][]string{f.HRPs, f.NotDepositHRPs} {
		for _, h := range list {
			ours = ours || hasPrefixFold(p.s, h+"1") || hasPrefixFold(p.s, h+"_test1")
		}
	}
	b := p.bech32()
	if b.err != nil {
		if !ours {
			return AddressMatch{}, shapeErr()
		}
		return AddressMatch{}, bechError(b.err)
	}
	hrp, test := strings.CutSuffix(b.hrp, "_test")
	switch {
	case slices.Contains(f.NotDepositHRPs, hrp):
		return AddressMatch{}, mismatch("%s1… is a stake (reward) address, not a payment address that can receive deposits", b.hrp)
	case !slices.Contains(f.HRPs, hrp):
		return AddressMatch{}, shapeErr()
	case test:
		return AddressMatch{}, mismatch("this is a Cardano testnet address (%s1…)", b.hrp)
	case b.variant != bech32.Version0:
		return AddressMatch{}, badChecksum("it uses the bech32m checksum; Cardano addresses use bech32")
	}
	data, err := bech32.ConvertBits(b.data, 5, 8, false)
	if err != nil || len(data) < 1 {
		return AddressMatch{}, malformed("its data has invalid padding")
	}
	typ, network := data[0]>>4, data[0]&0x0f
	var name string
	switch {
	case typ <= 3 && len(data) == 57:
		name = "base"
	case (typ == 4 || typ == 5) && len(data) >= 32 && len(data) <= 59: // three variable-length pointer numbers
		name = "pointer"
	case (typ == 6 || typ == 7) && len(data) == 29:
		name = "enterprise"
	case typ == 14 || typ == 15:
		return AddressMatch{}, mismatch("it is a stake (reward) address, not a payment address")
	case typ <= 7:
		return AddressMatch{}, malformed("a type %d address cannot be %d bytes long", typ, len(data))
	default:
		return AddressMatch{}, malformed("header type %d is not a Shelley payment address", typ)
	}
	if network != 1 {
		return AddressMatch{}, mismatch("its network id is %d, not mainnet (1)", network)
	}
	return AddressMatch{Type: name, Checksummed: true, Confidence: confHigh}, nil
}
