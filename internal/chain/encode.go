package chain

import (
	"encoding/hex"
	"fmt"
)

// EncodeAddress renders payload as a mainnet address of the format kind (an
// AddressFormat.Kind), for code that makes addresses rather than checks them,
// such as the sandbox exchange's demo deposit addresses. It covers the kinds
// whose encoders live in this package; base58check, segwit and bech32
// addresses come from btcd's base58 and bech32 packages.
//
//	"evm"      20-byte account      → EIP-55 checksummed 0x address
//	"xrp"      20-byte account ID   → classic r-address
//	"cashaddr" 20-byte key hash     → Bitcoin Cash P2PKH, bitcoincash:q…
//	"stellar"  32-byte ed25519 key  → StrKey account ID, G…
//	"ton"      32-byte account      → non-bounceable basechain address, UQ… (base64url)
//
// Another kind, or a payload of another size, is an error.
func EncodeAddress(kind string, payload []byte) (string, error) {
	size := 20
	switch kind {
	case "evm", "xrp", "cashaddr":
	case "stellar", "ton":
		size = 32
	default:
		return "", fmt.Errorf("chain: no encoder for address kind %q", kind)
	}
	if len(payload) != size {
		return "", fmt.Errorf("chain: a %s address holds %d bytes, not %d", kind, size, len(payload))
	}
	switch kind {
	case "evm":
		return "0x" + eip55(hex.EncodeToString(payload)), nil
	case "xrp":
		return xrpClassic(payload), nil
	case "cashaddr":
		s, _ := encodeCashAddr(cashAddr{prefix: "bitcoincash", typ: 0, hash: payload}) // a 20-byte P2PKH always encodes
		return s, nil
	case "stellar":
		return encodeStrKey(strkeyAccount, payload), nil
	default: // "ton"
		a := tonAddress{flags: tonNonBounceable}
		copy(a.account[:], payload)
		return encodeTONFriendly(a, true), nil
	}
}
