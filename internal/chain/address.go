package chain

import (
	"fmt"
	"strings"

	"github.com/btcsuite/btcd/address/v2/base58"
	"github.com/btcsuite/btcd/address/v2/bech32"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// AddressMatch is one network on which a string is a valid address.
type AddressMatch struct {
	Network     string `json:"network"`
	Format      string `json:"format"`         // the address format kind, e.g. "segwit"
	Type        string `json:"type,omitempty"` // e.g. "p2pkh", "p2tr", "non-bounceable", "x-address"
	Checksummed bool   `json:"checksummed"`    // a checksum in the string was verified
	// Confidence is "high" when a checksum verified, "medium" when the form
	// has no checksum but an unmistakable shape (lower-case EVM, raw TON),
	// "low" when any string of the right alphabet and length would pass (Solana).
	Confidence   string `json:"confidence"`
	EmbeddedMemo string `json:"embedded_memo,omitempty"` // tag or memo id carried inside the address
}

const (
	confHigh   = "high"
	confMedium = "medium"
	confLow    = "low"
)

// How close a string came to being valid in one format. When nothing
// matches, the closest failure explains what is wrong.
const (
	levelShape    = iota // not this format at all
	levelMalform         // this format's shape, but wrong length or characters
	levelChecksum        // decoded, but the checksum fails
	levelMismatch        // a valid encoding, but for another network or purpose
)

type addrError struct {
	level int
	msg   string
}

func shapeErr() *addrError { return &addrError{level: levelShape} }

func malformed(format string, a ...any) *addrError {
	return &addrError{levelMalform, fmt.Sprintf(format, a...)}
}

func badChecksum(format string, a ...any) *addrError {
	return &addrError{levelChecksum, fmt.Sprintf(format, a...)}
}

func mismatch(format string, a ...any) *addrError {
	return &addrError{levelMismatch, fmt.Sprintf(format, a...)}
}

const checksumHint = "a character is wrong, missing or extra"

// probe is one candidate string with the decodings several formats share,
// computed at most once so that checking it against every network stays cheap.
type probe struct {
	s string

	b58Done bool
	b58     []byte // Bitcoin-alphabet base58 decoding; nil if s is not base58

	bechDone bool
	bech     bechResult

	evmDone bool
	evm     AddressMatch
	evmErr  *addrError
}

type bechResult struct {
	hrp     string
	data    []byte // 5-bit groups without the checksum
	variant bech32.Version
	err     error
}

func newProbe(s string) *probe { return &probe{s: s} }

func (p *probe) base58() []byte {
	if !p.b58Done {
		p.b58Done = true
		if len(p.s) <= maxTokenLen && isBase58(p.s) {
			p.b58 = base58.Decode(p.s)
		}
	}
	return p.b58
}

func (p *probe) bech32() bechResult {
	if !p.bechDone {
		p.bechDone = true
		if len(p.s) > maxTokenLen {
			p.bech.err = bech32.ErrInvalidLength(len(p.s))
		} else {
			p.bech.hrp, p.bech.data, p.bech.variant, p.bech.err = bech32.DecodeNoLimitWithVersion(p.s)
		}
	}
	return p.bech
}

// maxTokenLen bounds the work done on one string: no address or TxID here is
// longer (Cardano base addresses are 103 characters, Solana signatures 88).
const maxTokenLen = 160

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

func isBase58(s string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(base58Alphabet, s[i]) < 0 {
			return false
		}
	}
	return s != ""
}

// checkAddress tests s against one format.
func checkAddress(f *AddressFormat, p *probe) (AddressMatch, *addrError) {
	switch f.Kind {
	case "base58check":
		return checkBase58Check(f, p)
	case "segwit":
		return checkSegwit(f, p)
	case "bech32":
		return checkCosmos(f, p)
	case "cardano":
		return checkCardano(f, p)
	case "cashaddr":
		return checkCashAddr(f, p)
	case "evm":
		return checkEVM(p)
	case "tron":
		return checkTron(p)
	case "solana":
		return checkSolana(p)
	case "xrp":
		return checkXRP(p)
	case "stellar":
		return checkStellar(p)
	case "ton":
		return checkTON(p)
	}
	return AddressMatch{}, shapeErr()
}

// matchNetwork reports whether s is an address on n, and if not, the
// closest failure among n's formats.
func matchNetwork(n *Network, p *probe) (AddressMatch, *addrError) {
	var best *addrError
	for i := range n.AddressFormats {
		f := &n.AddressFormats[i]
		m, e := checkAddress(f, p)
		if e == nil {
			m.Network, m.Format = n.ID, f.Kind
			return m, nil
		}
		if best == nil || e.level > best.level {
			best = e
		}
	}
	return AddressMatch{}, best
}

// ValidateAddress checks that address is a deposit address on network and
// returns an errs.Invalid error that says precisely what is wrong.
func (r *Registry) ValidateAddress(network, address string) error {
	n, err := r.Network(network)
	if err != nil {
		return err
	}
	s := strings.TrimSpace(address)
	if s == "" {
		return errs.Field("address", "the address is empty")
	}
	if msg := suspiciousChars(s); msg != "" {
		return errs.Field("address", "the address %s", msg)
	}
	p := newProbe(s)
	_, best := matchNetwork(&n, p)
	if best == nil {
		return nil
	}
	if others := r.addressNetworks(p, n.ID); len(others) > 0 {
		return errs.Field("address", "%s, not %s one", r.describe(others), article(n.Name))
	}
	if best.level == levelShape || best.msg == "" {
		return errs.Field("address", "this is not a valid %s address", n.Name)
	}
	return errs.Field("address", "this is not a valid %s address: %s", n.Name, best.msg)
}

// addressNetworks lists the networks other than except on which p is valid.
func (r *Registry) addressNetworks(p *probe, except string) []AddressMatch {
	var out []AddressMatch
	for i := range r.networks {
		if r.networks[i].ID == except {
			continue
		}
		if m, e := matchNetwork(&r.networks[i], p); e == nil {
			out = append(out, m)
		}
	}
	return out
}

// describe names the networks an address belongs to: "this is a Litecoin
// address", "this is an EVM address (Ethereum, BNB Smart Chain, ...)".
func (r *Registry) describe(ms []AddressMatch) string {
	names := make([]string, 0, len(ms))
	allEVM, low := true, true
	for _, m := range ms {
		names = append(names, r.networks[r.byID[m.Network]].Name)
		allEVM = allEVM && m.Format == "evm"
		low = low && m.Confidence == confLow
	}
	verb := "this is "
	if low {
		verb = "this looks like " // nothing was checksummed: only the shape fits
	}
	if allEVM && len(ms) > 1 {
		return verb + "an EVM address (" + strings.Join(names, ", ") + ")"
	}
	return verb + article(orList(names)) + " address"
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// article prefixes a name with "a" or "an" by its sound.
func article(name string) string {
	if name == "" {
		return "a"
	}
	switch name[0] {
	case 'A', 'E', 'I', 'O', 'U', 'X', 'a', 'e', 'i', 'o', 'u', 'x':
		return "an " + name
	}
	return "a " + name
}
