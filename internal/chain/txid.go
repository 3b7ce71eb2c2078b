package chain

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
)

var txidKinds = map[string]bool{"hex64": true, "hex64-0x": true, "base58-sig": true, "base64-32": true}

// TxIDMatch is one network on which a string could be a transaction ID.
type TxIDMatch struct {
	Network     string `json:"network"`
	Format      string `json:"format"`
	ExplorerURL string `json:"explorer_url"`
}

// MemoMatch is one network on which a string is a well-formed memo.
type MemoMatch struct {
	Network string `json:"network"`
	Label   string `json:"label"` // what the network calls it: "destination tag", "memo", ...
}

// txidMatches is checkTxID(f, p) == "" without building error messages,
// for Identify, which tries every network.
func txidMatches(f *TxIDFormat, p *probe) bool {
	s := p.s
	switch f.Kind {
	case "hex64":
		return len(s) == 64 && isHex(s)
	case "hex64-0x":
		return len(s) == 66 && s[:2] == "0x" && isHex(s[2:])
	}
	return checkTxID(f, p) == ""
}

// checkTxID returns "" when p is a transaction ID in format f, or what is wrong.
func checkTxID(f *TxIDFormat, p *probe) string {
	s := p.s
	switch f.Kind {
	case "hex64":
		if hasPrefixFold(s, "0x") {
			return "it starts with 0x, which only EVM transaction hashes have"
		}
		return hexDigits(s, 64)
	case "hex64-0x":
		if !strings.HasPrefix(s, "0x") {
			if len(s) == 64 && isHex(s) {
				return "it needs the 0x prefix"
			}
			return "it must be 0x followed by 64 hex digits"
		}
		return hexDigits(s[2:], 64)
	case "base58-sig":
		if len(s) < 64 || len(s) > 88 || !isBase58(s) {
			return "it must be a base58 signature of about 88 characters"
		}
		if len(p.base58()) != 64 {
			return "it does not decode to a 64-byte signature"
		}
		return ""
	case "base64-32":
		enc := base64.RawURLEncoding
		if strings.ContainsAny(s, "+/") {
			enc = base64.RawStdEncoding
		}
		if len(s) != 43 && !(len(s) == 44 && s[43] == '=') || strings.ContainsAny(s, "\r\n") {
			return "it must be 44 characters of base64"
		}
		if b, err := enc.DecodeString(strings.TrimSuffix(s, "=")); err != nil || len(b) != 32 {
			return "it is not a base64-encoded 32-byte hash"
		}
		return ""
	}
	return "unknown format"
}

func hexDigits(s string, n int) string {
	for i := 0; i < len(s); i++ {
		if hexVal(s[i]) < 0 {
			return fmt.Sprintf("%q at position %d is not a hex digit", s[i], i+1)
		}
	}
	if len(s) != n {
		return fmt.Sprintf("it has %d hex digits; a transaction ID has %d", len(s), n)
	}
	return ""
}

// ValidateTxID checks that txid is a well-formed transaction ID on network.
// It cannot say whether the transaction exists; the chain clients do that.
func (r *Registry) ValidateTxID(network, txid string) error {
	n, err := r.Network(network)
	if err != nil {
		return err
	}
	s := strings.TrimSpace(txid)
	if s == "" {
		return errs.Field("txid", "the transaction ID is empty")
	}
	if msg := suspiciousChars(s); msg != "" {
		return errs.Field("txid", "the transaction ID %s", msg)
	}
	p := newProbe(s)
	looksHex := isHex(strings.TrimPrefix(s, "0x"))
	var msg string
	for i := range n.TxIDFormats {
		f := &n.TxIDFormats[i]
		m := checkTxID(f, p)
		if m == "" {
			return nil
		}
		// With several formats, explain the one the input resembles.
		if msg == "" || looksHex == strings.HasPrefix(f.Kind, "hex") {
			msg = m
		}
	}
	return errs.Field("txid", "this is not a valid %s transaction ID: %s", n.Name, msg)
}

// ValidateMemo checks a deposit memo (destination tag, memo, comment)
// against what network needs: present when required, absent where the
// chain has none, and of the right shape.
func (r *Registry) ValidateMemo(network, memo string) error {
	n, err := r.Network(network)
	if err != nil {
		return err
	}
	label := n.Memo.label()
	m := strings.TrimSpace(memo)
	switch {
	case m == "" && n.Memo.Requirement == MemoRequired:
		return errs.Field("memo", "%s deposits need a %s: without it the exchange cannot tell whose deposit it is", n.Name, label)
	case m == "":
		return nil
	case n.Memo.Requirement == MemoNone:
		return errs.Field("memo", "%s transfers have no memo or tag; leave it empty", n.Name)
	}
	// Text memos may be in any script, so only invisible characters are refused.
	if bad := invisibleChars(m); len(bad) > 0 {
		return errs.Field("memo", "the %s contains an invisible character (%s)", label, describeRunes(bad))
	}
	msg := memoError(n.Memo, m)
	if msg == "" {
		return nil
	}
	return errs.Field("memo", "this is not a valid %s %s: %s", n.Name, label, msg)
}

// memoError returns "" when m fits one of rule's kinds, or what is wrong,
// explained for the kind the input resembles (digits or text).
func memoError(rule MemoRule, m string) string {
	digits := allDigits(m)
	var msg string
	for _, k := range rule.Kinds {
		e := memoKindError(k, m)
		if e == "" {
			return ""
		}
		if msg == "" || digits == (k.Kind != "text") {
			msg = e
		}
	}
	return msg
}

func memoKindError(k MemoKind, m string) string {
	switch k.Kind {
	case "uint32", "uint64":
		bits := 32
		if k.Kind == "uint64" {
			bits = 64
		}
		max := uint64(1)<<bits - 1
		if bits == 64 {
			max = ^uint64(0)
		}
		if !allDigits(m) {
			return fmt.Sprintf("it must be a whole number from 0 to %d, in digits 0-9 only", max)
		}
		if _, err := strconv.ParseUint(m, 10, bits); err != nil {
			return fmt.Sprintf("it is larger than %d", max)
		}
		return ""
	case "text":
		if !utf8.ValidString(m) {
			return "it is not valid text"
		}
		for _, c := range m {
			if unicode.IsControl(c) {
				return "it contains a control character"
			}
		}
		if len(m) > k.MaxBytes {
			return fmt.Sprintf("it is %d bytes long; at most %d are allowed", len(m), k.MaxBytes)
		}
		return ""
	}
	return "unknown memo kind"
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
