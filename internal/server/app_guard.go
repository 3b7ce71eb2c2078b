package server

import (
	"net/url"
	"sort"
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

func (g guardScreen) Inbound(previous []string, text string) ticket.Screened {
	res := g.d.ScanWindow(previous, text)
	out := ticket.Screened{Text: res.Redacted, Kinds: res.Kinds}
	if len(res.Earlier) > 0 {
		byMessage := map[int][]guard.Finding{}
		for _, e := range res.Earlier {
			byMessage[e.Message] = append(byMessage[e.Message], e.Finding)
		}
		out.Earlier = map[int]string{}
		for i, fs := range byMessage {
			if i >= 0 && i < len(previous) {
				out.Earlier[i] = cutSpans(previous[i], fs)
			}
		}
	}
	return out
}

// cutSpans replaces each finding's span in text with its marker.
func cutSpans(text string, fs []guard.Finding) string {
	sort.Slice(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
	var b strings.Builder
	pos := 0
	for _, f := range fs {
		if f.Start < pos || f.End > len(text) || f.Start > f.End {
			continue
		}
		b.WriteString(text[pos:f.Start])
		b.WriteString(guard.Marker(f.Kind))
		pos = f.End
	}
	b.WriteString(text[pos:])
	return b.String()
}

func (g guardScreen) Outbound(text string) string {
	vs := guard.CheckOutbound(text, g.allowed)
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
