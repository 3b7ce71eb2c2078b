package chain

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/btcsuite/btcd/address/v2/base58"
)

// Identification says what a pasted string is: the networks it is a valid
// address on, the networks it could be a transaction ID on, and whether it
// could be a memo. Several answers at once are normal: a legacy "1..."
// address is valid on Bitcoin and Bitcoin Cash, an EVM address on every EVM
// chain, and a 64-hex-digit TxID on a dozen chains.
type Identification struct {
	InputCleaned string         `json:"input_cleaned"`
	Warnings     []Warning      `json:"warnings"`
	Addresses    []AddressMatch `json:"addresses"`
	TxIDs        []TxIDMatch    `json:"txids"`
	Memo         []MemoMatch    `json:"memo,omitempty"`
}

// Warning is something an agent should know about the input. Code is stable
// for programs and translations; Message is English for the agent.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Warning codes.
const (
	WarnInvisible    = "invisible_characters" // removed; the rest was checked
	WarnHomoglyph    = "homoglyphs"           // look-alike letters: nothing was matched
	WarnNotASCII     = "not_ascii"
	WarnTooLong      = "too_long"
	WarnEmpty        = "empty"
	WarnPaymentURI   = "payment_uri"
	WarnSecret       = "secret_key"
	WarnInvalid      = "invalid_address" // close to an address, but not valid; says why
	WarnMemoRequired = "memo_required"
)

// Identify classifies text against every network in the registry.
func (r *Registry) Identify(text string) Identification {
	id := Identification{Warnings: []Warning{}, Addresses: []AddressMatch{}, TxIDs: []TxIDMatch{}}
	warn := func(code, format string, a ...any) {
		id.Warnings = append(id.Warnings, Warning{code, fmt.Sprintf(format, a...)})
	}
	if len(text) > 4*maxTokenLen { // not worth cleaning, nor echoing back
		warn(WarnTooLong, "this is too long to be an address or transaction ID; paste one at a time")
		return id
	}
	s := text
	if bad := invisibleChars(s); len(bad) > 0 {
		s = strings.Map(func(r rune) rune {
			if isInvisible(r) {
				return -1
			}
			return r
		}, s)
		warn(WarnInvisible, "removed %d invisible character(s) (%s); ask where the text was copied from", len(bad), describeRunes(bad))
	}
	s = trimWrapping(s)
	// Before the character checks, which must see what a link's
	// percent-encoding may have decoded to.
	if addr, scheme, ok := fromPaymentURI(s); ok {
		warn(WarnPaymentURI, "took the address out of a %s: payment link", scheme)
		s = addr
	}
	id.InputCleaned = s
	switch {
	case s == "":
		warn(WarnEmpty, "there is nothing to identify")
		return id
	case utf8.RuneCountInString(s) > maxTokenLen:
		warn(WarnTooLong, "this is too long to be an address or transaction ID; paste one at a time")
		return id
	}
	if hs := homoglyphs(s); len(hs) > 0 {
		warn(WarnHomoglyph, "it contains characters from another alphabet that imitate Latin ones: %s. "+
			"Treat it as invalid: this is how address-poisoning scams look. Get the address again from its source", describeHomoglyphs(hs))
		return id
	}
	for _, c := range s {
		switch {
		case unicode.IsSpace(c):
			warn(WarnNotASCII, "it contains white space: paste one address, transaction ID or memo at a time")
			return id
		case c >= utf8.RuneSelf || unicode.IsControl(c):
			warn(WarnNotASCII, "it contains %q, which never appears in an address or transaction ID", c)
			return id
		}
	}

	p := newProbe(s)
	var best *addrError
	var bestNet string
	for i := range r.networks {
		n := &r.networks[i]
		m, e := matchNetwork(n, p)
		if e == nil {
			id.Addresses = append(id.Addresses, m)
			if n.Memo.Requirement == MemoRequired && m.EmbeddedMemo == "" {
				warn(WarnMemoRequired, "deposits on %s need a %s as well as the address", n.Name, n.Memo.label())
			}
			continue
		}
		if e.level > levelShape && (best == nil || e.level > best.level) {
			best, bestNet = e, n.Name
		}
	}
	for i := range r.networks {
		n := &r.networks[i]
		for j := range n.TxIDFormats {
			if txidMatches(&n.TxIDFormats[j], p) {
				id.TxIDs = append(id.TxIDs, TxIDMatch{Network: n.ID, Format: n.TxIDFormats[j].Kind, ExplorerURL: n.ExplorerURL(s)})
				break
			}
		}
	}
	sortByCase(r, id.TxIDs, s)
	if allDigits(s) && len(s) <= 20 {
		for i := range r.networks {
			n := &r.networks[i]
			if n.Memo.Requirement != MemoNone && memoError(n.Memo, s) == "" {
				id.Memo = append(id.Memo, MemoMatch{Network: n.ID, Label: n.Memo.label()})
			}
		}
	}
	if msg := secretKey(s); msg != "" {
		warn(WarnSecret, "%s", msg)
	} else if len(id.Addresses) == 0 && len(id.TxIDs) == 0 && len(id.Memo) == 0 && best != nil {
		warn(WarnInvalid, "this is not a valid %s address: %s", bestNet, best.msg)
	}
	return id
}

// trimWrapping removes white space and the quotes, brackets and trailing
// punctuation that come along when an address is copied out of a sentence.
func trimWrapping(s string) string {
	for {
		t := strings.TrimSpace(s)
		t = strings.Trim(t, "\"'`<>()[]{}«»“”‘’")
		t = strings.TrimRight(t, ".,;!")
		if t == s {
			return t
		}
		s = t
	}
}

// Payment-link schemes whose path is the address (BIP-21, EIP-681 and
// their copies). A CashAddr keeps its prefix, which is part of the address.
var uriSchemes = []string{"bitcoin", "bitcoincash", "litecoin", "dogecoin", "ethereum", "tron", "solana", "ton"}

func fromPaymentURI(s string) (addr, scheme string, ok bool) {
	scheme, rest, found := strings.Cut(s, ":")
	scheme = strings.ToLower(scheme)
	if !found || !slices.Contains(uriSchemes, scheme) {
		return "", "", false
	}
	rest = strings.TrimPrefix(rest, "//transfer/") // ton://transfer/<address>
	target, tail, _ := strings.Cut(rest, "?")
	params, _ := url.ParseQuery(tail)
	if i := strings.IndexAny(target, "@/#"); i >= 0 {
		// EIP-681 token transfer: ethereum:<token>@<chain>/transfer?address=<recipient>
		if strings.HasPrefix(target[i:], "@") || strings.HasPrefix(target[i:], "/") {
			if to := params.Get("address"); strings.Contains(target[i:], "/transfer") && to != "" {
				return to, scheme, true
			}
		}
		target = target[:i]
	}
	switch {
	case target == "":
		return "", "", false
	case scheme == "bitcoincash":
		if tail == "" {
			return "", "", false // a plain CashAddr, not a link
		}
		return "bitcoincash:" + target, scheme, true
	}
	return target, scheme, true
}

// sortByCase lists first the networks whose explorers print hex the way the
// input is written: upper-case hex points to XRP or Cosmos, lower to the rest.
func sortByCase(r *Registry, ms []TxIDMatch, s string) {
	upper := strings.ToLower(s) != s
	lower := strings.ToUpper(s) != s
	if upper == lower {
		return // no letters, or mixed: no hint
	}
	rank := func(m TxIDMatch) int {
		n := r.networks[r.byID[m.Network]]
		for _, f := range n.TxIDFormats {
			if f.Kind == m.Format && (f.Case == "upper") == upper {
				return 0
			}
		}
		return 1
	}
	slices.SortStableFunc(ms, func(a, b TxIDMatch) int { return rank(a) - rank(b) })
}

// secretKey recognises private keys pasted where an address should be, so
// the agent can warn the customer at once. (internal/guard redacts them.)
func secretKey(s string) string {
	const never = ": it gives full control of the funds and must never be shared. Advise the customer to move the funds to a new wallet"
	switch {
	case len(s) == 56 && s[0] == 'S' && isBase32Upper(s):
		if ver, _, err := decodeStrKey(s); err == nil && ver == strkeySeed {
			return "this is a Stellar secret key" + never
		}
	case (len(s) == 51 || len(s) == 52) && isBase58(s):
		d := base58.Decode(s)
		if checksumOK(d) && (len(d) == 37 || len(d) == 38 && d[33] == 1) {
			switch d[0] {
			case 0x80, 0xB0, 0x9E, 0xEF:
				return "this is a private key (WIF)" + never
			}
		}
	case len(s) == 111 && isBase58(s) && s[1:4] == "prv":
		if checksumOK(base58.Decode(s)) {
			return "this is an extended private key (" + s[:4] + ")" + never
		}
	}
	return ""
}
