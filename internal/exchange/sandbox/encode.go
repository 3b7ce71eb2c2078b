package sandbox

// Address encoders, so that every demo address passes the checksum checks a
// real wallet (and package chain's validators) apply: btcd's base58 and
// bech32 for the Bitcoin-style encodings, chain.EncodeAddress for the rest.
// encode_test.go checks them against published vectors.

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/btcsuite/btcd/address/v2/base58"
	"github.com/btcsuite/btcd/address/v2/bech32"

	"github.com/groundcrew/groundcrew/internal/chain"
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

// must unwraps the encoding of key material whose size is fixed here, so
// that an error can only be a bug in this package.
func must[T any](v T, err error) T {
	if err != nil {
		panic("sandbox: " + err.Error())
	}
	return v
}

// segwitV0 is a native SegWit v0 (P2WPKH for 20 bytes) address.
func segwitV0(hrp string, program []byte) string {
	data := must(bech32.ConvertBits(program, 8, 5, true))
	return must(bech32.Encode(hrp, append([]byte{0}, data...)))
}

// cardanoBase is a Shelley mainnet base address (payment key + stake key).
// btcd's bech32 encoder has no length limit, which Cardano addresses,
// longer than BIP-173's 90 characters, need.
func cardanoBase(payment, stake []byte) string {
	return must(bech32.EncodeFromBase256("addr", append(append([]byte{0x01}, payment...), stake...)))
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
		return base58.CheckEncode(k20, 0x1e)
	case "bitcoin-cash":
		return must(chain.EncodeAddress("cashaddr", k20))
	case "tron":
		return base58.CheckEncode(k20, 0x41)
	case "solana":
		return base58.Encode(k32)
	case "xrp":
		return must(chain.EncodeAddress("xrp", k20))
	case "stellar":
		return must(chain.EncodeAddress("stellar", k32))
	case "cosmos":
		return must(bech32.EncodeFromBase256("cosmos", k20))
	case "ton":
		return must(chain.EncodeAddress("ton", k32))
	case "cardano":
		k := derive(label, 56)
		return cardanoBase(k[:28], k[28:])
	}
	return must(chain.EncodeAddress("evm", k20))
}

// txidFor renders a deterministic transaction id in network's usual form.
func txidFor(network, label string) string {
	h := hex.EncodeToString(derive("tx/"+label, 32))
	switch {
	case network == "solana":
		return base58.Encode(derive("tx/"+label, 64))
	case network == "xrp" || network == "cosmos":
		return strings.ToUpper(h)
	case exchange.IsEVM(network):
		return "0x" + h
	}
	return h
}
