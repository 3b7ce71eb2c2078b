// Package ticketguard puts the guard in front of the ticket store: the one
// gate every inbound and outbound message passes, whatever its channel.
// The server wires it, and channel tests use the same one, so what they
// test is what runs.
package ticketguard

import (
	"strings"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Screen is guard's ticket.Screen.
type Screen struct {
	d       *guard.Detector
	allowed []string
}

var _ ticket.Screen = Screen{}

// New builds the screen; links to allowedDomains are the exchange's own.
func New(allowedDomains ...string) Screen {
	allowed := append([]string(nil), allowedDomains...)
	return Screen{d: guard.NewDetector(guard.WithAllowedDomains(allowed...)), allowed: allowed}
}

// Detector is the inbound detector behind the screen.
func (s Screen) Detector() *guard.Detector { return s.d }

// Inbound scans text as the next customer text of a conversation whose
// rolling state is state (guard.Conversation, encoded); previous names the
// text the last call scanned. What it returns to store is, for HTML, the
// text a reader sees, with secrets replaced by markers.
func (s Screen) Inbound(state []byte, previous int64, text string) ticket.Screened {
	return s.inbound(state, previous, text, s.d.ScanNext)
}

var _ ticket.PlainScreen = Screen{}

// InboundPlain is Inbound for a text read as typed, never as HTML (a
// subject).
func (s Screen) InboundPlain(state []byte, previous int64, text string) ticket.Screened {
	return s.inbound(state, previous, text, s.d.ScanNextPlain)
}

func (s Screen) inbound(state []byte, previous int64, text string, scan func(*guard.Conversation, string) guard.Result) ticket.Screened {
	c := guard.DecodeConversation(state)
	c.Bind(previous)
	res := scan(&c, text)
	out := ticket.Screened{Text: res.Redacted, Kinds: res.Kinds, State: c.Encode(), Held: c.HoldsLatest()}
	for _, k := range res.Cuts {
		out.Earlier = append(out.Earlier, ticket.Cut{Ref: k.Ref, Start: k.Start, End: k.End, Marker: k.Marker, First: k.First, Last: k.Last})
	}
	return out
}

var _ ticket.StateJoiner = Screen{}

// JoinStates makes one state of a and b (whose latest texts are aRef and
// bRef), their texts in the order they were written (guard.Join).
func (s Screen) JoinStates(a []byte, aRef int64, b []byte, bRef int64, order func(ref int64) int64) []byte {
	c := guard.Join(guard.DecodeConversation(a), aRef, guard.DecodeConversation(b), bRef, order)
	return c.Encode()
}

var _ ticket.Reviewer = Screen{}

// Outbound is why the outbound guard refuses text after previous (the
// writer's earlier messages), or "" when it passes.
func (s Screen) Outbound(previous []string, text string) string {
	return reasons(guard.CheckOutboundConversation(previous, text, s.allowed))
}

// Review is Outbound with, apart, why the guard holds text for review
// (guard.ReviewOutbound); "" for none.
func (s Screen) Review(previous []string, text string) (refuse, hold string) {
	r := guard.ReviewOutbound(previous, text, s.allowed)
	return reasons(r.Refused), reasons(r.Held)
}

func reasons(vs []guard.Violation) string {
	if len(vs) == 0 {
		return ""
	}
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, v.Detail)
	}
	return strings.Join(out, " ")
}

// Warning is the message that tells a customer what was cut, in language.
func (s Screen) Warning(language string, kinds []string) string {
	return guard.Warning(language, kinds)
}
