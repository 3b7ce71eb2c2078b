package email

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"strings"

	"github.com/emersion/go-message/mail"

	"github.com/groundcrew/groundcrew/internal/guard"
)

// Notice is a mail that belongs to no ticket: a proactive security alert.
// Key makes queueing idempotent (the same key is queued once).
type Notice struct {
	Key      string // letters, digits, '.', '-'
	To       string
	ToName   string
	Subject  string
	Body     string // plain text, paragraphs split by blank lines
	Language string
	Phrase   string // the customer's anti-phishing phrase, shown above the body
	// Links are buttons under the body (and plain URLs in the text part).
	Links []NoticeLink
}

// NoticeLink is one button of a notice.
type NoticeLink struct{ Text, URL string }

// QueueNotice composes n and queues it for the sender, like a reply.
func (s *Service) QueueNotice(ctx context.Context, n Notice) error {
	if n.To == "" || n.Key == "" {
		return fmt.Errorf("queue notice: a recipient and a key are required")
	}
	rfcID := "gc.n." + n.Key + "@" + s.domain()
	raw, err := s.composeNotice(n, rfcID)
	if err != nil {
		return err
	}
	sealed, err := s.cfg.Sealer.Seal(string(raw), outAAD(rfcID))
	if err != nil {
		return fmt.Errorf("queue notice: seal: %w", err)
	}
	if _, err := s.cfg.DB.Exec(ctx, `INSERT INTO email_messages (direction, rfc_message_id, from_addr, to_addr, status, raw, next_at, created_at)
		VALUES ('out', ?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING`, rfcID, s.from.Address, n.To, StatusQueued, sealed, s.cfg.DB.Now()); err != nil {
		return fmt.Errorf("queue notice: %w", err)
	}
	s.Kick()
	return nil
}

var htmlNotice = template.Must(template.New("notice").Parse(`<!doctype html>
<html><body style="font-family:sans-serif;font-size:15px;line-height:1.5;color:#1d2433">
{{if .Phrase}}<p style="border:1px solid #c9d3e6;background:#f3f6fb;padding:8px 12px;border-radius:6px">{{.Label}}: <strong>{{.Phrase}}</strong></p>
{{end}}{{range .Paragraphs}}<p>{{range $i, $l := .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>
{{end}}{{range .Links}}<p><a href="{{.URL}}" style="display:inline-block;background:#b42318;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:bold">{{.Text}}</a></p>
{{end}}</body></html>
`))

func (s *Service) composeNotice(n Notice, rfcID string) ([]byte, error) {
	var h mail.Header
	h.SetDate(s.now())
	h.SetAddressList("From", []*mail.Address{s.from})
	h.SetAddressList("To", []*mail.Address{{Name: n.ToName, Address: n.To}})
	h.SetSubject(n.Subject)
	h.SetMessageID(rfcID)
	h.Set("X-Auto-Response-Suppress", "OOF, AutoReply")
	h.Set("MIME-Version", "1.0")
	var buf bytes.Buffer
	w, err := mail.CreateInlineWriter(&buf, h)
	if err != nil {
		return nil, fmt.Errorf("compose notice: %w", err)
	}
	text := n.Body
	for _, l := range n.Links {
		text += "\n\n" + l.Text + ":\n" + l.URL
	}
	if err := writePart(w, "text/plain", guard.WithAntiPhishingPhrase(n.Language, n.Phrase, text)); err != nil {
		return nil, err
	}
	var paras [][]string
	for _, p := range strings.Split(strings.ReplaceAll(n.Body, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, strings.Split(p, "\n"))
		}
	}
	var hb strings.Builder
	if err := htmlNotice.Execute(&hb, map[string]any{"Phrase": guard.CleanAntiPhishingPhrase(n.Phrase), "Label": guard.AntiPhishingLabel(n.Language),
		"Paragraphs": paras, "Links": n.Links}); err != nil {
		return nil, fmt.Errorf("compose notice: %w", err)
	}
	if err := writePart(w, "text/html", hb.String()); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("compose notice: %w", err)
	}
	return s.sign(buf.Bytes())
}
