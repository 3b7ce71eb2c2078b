// Package published puts the outbound guard in front of text that admins
// write for customers to read outside a conversation: status incidents
// and their updates, macros, help-center articles. An agent's reply that
// asks for a seed phrase, a private key, a password or a code is refused
// (internal/ticket); the same words in an incident update would reach
// every customer at once, so they are refused on save the same way and
// the attempt is audited. Honest warnings ("we will never ask for your
// seed phrase") pass, as they do in replies.
package published

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/guard"
)

// ErrBlocked marks a text the outbound guard refused; it is in the chain
// of every refusal Check returns.
var ErrBlocked = errors.New("blocked by the outbound guard")

// Auditor records the refused attempt (*audit.Log).
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// Screen checks texts for customers. Its zero value is not usable: build
// it with New.
type Screen struct {
	allowed []string
	audit   Auditor
	scan    *guard.Detector
}

// New builds a screen that records refusals in audit; links to
// allowedDomains are the exchange's own.
func New(audit Auditor, allowedDomains ...string) *Screen {
	allowed := append([]string(nil), allowedDomains...)
	return &Screen{allowed: allowed, audit: audit, scan: guard.NewDetector(guard.WithAllowedDomains(allowed...))}
}

// maxExcerpt bounds the refused text the audit keeps.
const maxExcerpt = 300

// Check refuses fields (input field name → text) when the outbound guard
// refuses one of them or one holds a seed phrase or private key: the
// error is errs.Blocked, names the first field refused (in name order, so
// the answer does not change between runs),
// says why, and wraps ErrBlocked. The refusal is audited as
// guard.outbound_blocked on kind and id (id "" for a text not saved yet),
// with the secrets of the text cut from its excerpt. A failed audit
// refuses too: an attempt is never both refused and unrecorded.
func (s *Screen) Check(ctx context.Context, kind, id string, fields map[string]string) error {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		text := fields[name]
		if strings.TrimSpace(text) == "" {
			continue
		}
		reason := s.refusal(text)
		if reason == "" {
			continue
		}
		detail := map[string]any{"field": name, "reason": reason, "text": s.excerpt(text)}
		if err := s.audit.Record(ctx, "guard.outbound_blocked", kind, id, detail); err != nil {
			return fmt.Errorf("published: audit a refused %s: %w", kind, err)
		}
		return &errs.Error{Kind: errs.Blocked, Field: name, Err: ErrBlocked,
			Msg: "Not saved: customers would read this text, and the outbound guard refuses it. " + reason}
	}
	return nil
}

// refusal says why text may not be saved, "" when it may: the outbound
// guard refuses it (it asks for a secret, or links elsewhere), or it holds
// a seed phrase or private key itself, as when an admin pastes one. Words
// that only look like a password or a code are left to the outbound
// guard: admin text names passwords and codes all the time.
func (s *Screen) refusal(text string) string {
	vs := guard.CheckOutbound(text, s.allowed)
	why := make([]string, 0, len(vs)+1)
	for _, v := range vs {
		why = append(why, v.Detail)
	}
	for _, f := range s.scan.Scan(text).Findings {
		if f.Kind != guard.KindPassword && f.Kind != guard.KindOTP {
			why = append(why, "It holds what looks like a seed phrase or private key; never keep one in a text, and treat it as compromised.")
			break
		}
	}
	return strings.Join(why, " ")
}

// excerpt is the start of text with its secrets cut out.
func (s *Screen) excerpt(text string) string {
	text = s.scan.ScanText(text).Redacted
	if utf8.RuneCountInString(text) <= maxExcerpt {
		return text
	}
	return string([]rune(text)[:maxExcerpt]) + "…"
}
