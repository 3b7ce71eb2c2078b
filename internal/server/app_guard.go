package server

import (
	"net/url"
	"strings"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// guardScreen puts the guard in front of the ticket store: the one gate
// every inbound and outbound message passes, whatever its channel.
type guardScreen struct {
	d       *guard.Detector
	allowed []string
}

var _ ticket.Screen = guardScreen{}

func newGuardScreen(cfg Config) guardScreen {
	allowed := append([]string(nil), cfg.AllowedDomains...)
	if u, err := url.Parse(cfg.PublicURL); err == nil && u.Hostname() != "" {
		allowed = append(allowed, u.Hostname())
	}
	return guardScreen{d: guard.NewDetector(guard.WithAllowedDomains(allowed...)), allowed: allowed}
}

// Inbound scans text as the next customer text of a conversation whose
// rolling state is state (guard.Conversation, encoded); previous names the
// text the last call scanned. What it returns to store is, for HTML, the
// text a reader sees, with secrets replaced by markers.
func (g guardScreen) Inbound(state []byte, previous int64, text string) ticket.Screened {
	c := guard.DecodeConversation(state)
	c.Bind(previous)
	res := g.d.ScanNext(&c, text)
	out := ticket.Screened{Text: res.Redacted, Kinds: res.Kinds, State: c.Encode(), Held: c.HoldsLatest()}
	for _, k := range res.Cuts {
		out.Earlier = append(out.Earlier, ticket.Cut{Ref: k.Ref, Start: k.Start, End: k.End, Marker: k.Marker, First: k.First, Last: k.Last})
	}
	return out
}

func (g guardScreen) Outbound(previous []string, text string) string {
	vs := guard.CheckOutboundConversation(previous, text, g.allowed)
	if len(vs) == 0 {
		return ""
	}
	reasons := make([]string, 0, len(vs))
	for _, v := range vs {
		reasons = append(reasons, v.Detail)
	}
	return strings.Join(reasons, " ")
}

func (g guardScreen) Warning(language string, kinds []string) string {
	return guard.Warning(language, kinds)
}
