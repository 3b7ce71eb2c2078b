package chain

import (
	"golang.org/x/crypto/sha3"
)

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if hexVal(s[i]) < 0 {
			return false
		}
	}
	return true
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// eip55 returns the EIP-55 checksummed form of 40 hex digits: a letter is
// upper case when the matching nibble of Keccak-256(lower-case hex) is 8 or more.
func eip55(hex string) string {
	var lower [40]byte
	for i := 0; i < 40; i++ {
		c := hex[i]
		if c >= 'A' && c <= 'F' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	h := sha3.NewLegacyKeccak256() // Ethereum's Keccak, not the final SHA-3
	h.Write(lower[:])
	var sum [32]byte
	h.Sum(sum[:0])
	out := lower
	for i := 0; i < 40; i++ {
		nibble := sum[i/2] >> 4
		if i%2 == 1 {
			nibble = sum[i/2] & 0x0f
		}
		if out[i] >= 'a' && nibble >= 8 {
			out[i] -= 'a' - 'A'
		}
	}
	return string(out[:])
}

// checkEVM validates an EVM address. All-lower and all-upper hex carry no
// checksum and are accepted as such; mixed case must match EIP-55. Seven
// networks share the format, so the result is computed once per probe.
func checkEVM(p *probe) (AddressMatch, *addrError) {
	if !p.evmDone {
		p.evmDone = true
		p.evm, p.evmErr = evmAddress(p.s)
	}
	return p.evm, p.evmErr
}

func evmAddress(s string) (AddressMatch, *addrError) {
	if len(s) < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		if len(s) == 40 && isHex(s) {
			return AddressMatch{}, malformed("an EVM address starts with 0x")
		}
		return AddressMatch{}, shapeErr()
	}
	hex := s[2:]
	for i := 0; i < len(hex); i++ {
		if hexVal(hex[i]) < 0 {
			return AddressMatch{}, malformed("%q is not a hex digit", hex[i])
		}
	}
	if len(hex) != 40 {
		return AddressMatch{}, malformed("it has %d hex digits after 0x; an address has 40", len(hex))
	}
	if s[1] == 'X' {
		return AddressMatch{}, malformed("an EVM address starts with a lower-case 0x")
	}
	var lower, upper bool
	for i := 0; i < 40; i++ {
		lower = lower || hex[i] >= 'a' && hex[i] <= 'f'
		upper = upper || hex[i] >= 'A' && hex[i] <= 'F'
	}
	if !lower || !upper {
		return AddressMatch{Confidence: confMedium}, nil
	}
	if eip55(hex) != hex {
		return AddressMatch{}, badChecksum("its mix of upper- and lower-case letters (the EIP-55 checksum) does not match: %s", checksumHint)
	}
	return AddressMatch{Checksummed: true, Confidence: confHigh}, nil
}
