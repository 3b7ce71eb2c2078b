package email

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-msgauth/dkim"

	"github.com/groundcrew/groundcrew/internal/guard"
)

// reply is one agent reply as a mail.
type reply struct {
	TicketID  int64
	MessageID int64 // the ticket message
	Subject   string
	To        string
	ToName    string
	Body      string
	Phrase    string // the customer's anti-phishing phrase, "" when none
	Language  string
	InReplyTo string   // the customer's last mail
	Refs      []string // the thread, oldest first
	Date      time.Time
	// Scale is a row of buttons under the body (a survey's scores) and
	// Links buttons of their own below it; the text part lists their URLs.
	Scale, Links []NoticeLink
}

// newMessageID names an outbound mail: "gc." marks it as ours, so that it
// is never taken for a customer's mail if it comes back.
func (s *Service) newMessageID(messageID int64) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "gc." + strconv.FormatInt(messageID, 10) + "." + hex.EncodeToString(b[:]) + "@" + s.domain()
}

// compose writes r as a MIME mail with a text and an HTML part, threading
// headers and the reply token, DKIM-signed when a key is configured.
func (s *Service) compose(r reply, rfcID string) ([]byte, error) {
	var h mail.Header
	h.SetDate(r.Date)
	h.SetAddressList("From", []*mail.Address{s.from})
	h.SetAddressList("To", []*mail.Address{{Name: r.ToName, Address: r.To}})
	h.SetAddressList("Reply-To", []*mail.Address{{Name: s.from.Name, Address: s.tokens.address(s.from.Address, r.TicketID)}})
	subject := r.Subject
	if !strings.HasPrefix(strings.ToLower(subject), "re:") {
		subject = "Re: " + subject
	}
	h.SetSubject(subject + " " + s.tokens.subjectTag(r.TicketID))
	h.SetMessageID(rfcID)
	if r.InReplyTo != "" {
		h.SetMsgIDList("In-Reply-To", []string{r.InReplyTo})
	}
	if len(r.Refs) > 0 {
		h.SetMsgIDList("References", r.Refs)
	}
	// Out-of-office replies to this mail should not come back.
	h.Set("X-Auto-Response-Suppress", "OOF, AutoReply")
	h.Set("MIME-Version", "1.0")

	var buf bytes.Buffer
	w, err := mail.CreateInlineWriter(&buf, h)
	if err != nil {
		return nil, fmt.Errorf("compose mail: %w", err)
	}
	text := r.Body
	for _, l := range r.Scale {
		text += "\n" + l.Text + ": " + l.URL
	}
	for _, l := range r.Links {
		text += "\n\n" + l.Text + "\n" + l.URL
	}
	text = guard.WithAntiPhishingPhrase(r.Language, r.Phrase, text)
	if err := writePart(w, "text/plain", text); err != nil {
		return nil, err
	}
	html, err := htmlBody(r)
	if err != nil {
		return nil, err
	}
	if err := writePart(w, "text/html", html); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("compose mail: %w", err)
	}
	return s.sign(buf.Bytes())
}

func writePart(w *mail.InlineWriter, contentType, body string) error {
	var ph mail.InlineHeader
	ph.SetContentType(contentType, map[string]string{"charset": "utf-8"})
	ph.Set("Content-Transfer-Encoding", "quoted-printable")
	pw, err := w.CreatePart(ph)
	if err != nil {
		return fmt.Errorf("compose mail: %w", err)
	}
	if _, err := pw.Write([]byte(body)); err != nil {
		return fmt.Errorf("compose mail: %w", err)
	}
	return pw.Close()
}

var htmlMail = template.Must(template.New("mail").Parse(`<!doctype html>
<html><body style="font-family:sans-serif;font-size:15px;line-height:1.5;color:#1d2433">
{{if .Phrase}}<p style="border:1px solid #c9d3e6;background:#f3f6fb;padding:8px 12px;border-radius:6px">{{.Label}}: <strong>{{.Phrase}}</strong></p>
{{end}}{{range .Paragraphs}}<p>{{range $i, $l := .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>
{{end}}{{with .Scale}}<p>{{range .}}<a href="{{.URL}}" style="display:inline-block;min-width:28px;text-align:center;border:1px solid #2456c7;color:#2456c7;padding:8px 10px;margin:0 6px 6px 0;border-radius:6px;text-decoration:none;font-weight:bold">{{.Text}}</a>{{end}}</p>
{{end}}{{range .Links}}<p><a href="{{.URL}}" style="color:#2456c7">{{.Text}}</a></p>
{{end}}</body></html>
`))

// htmlBody is the HTML part: the reply's text escaped, paragraphs kept, and
// the anti-phishing phrase boxed above it.
func htmlBody(r reply) (string, error) {
	var paras [][]string
	for _, p := range strings.Split(strings.ReplaceAll(r.Body, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, strings.Split(p, "\n"))
		}
	}
	phrase := guard.CleanAntiPhishingPhrase(r.Phrase)
	var b strings.Builder
	err := htmlMail.Execute(&b, map[string]any{"Phrase": phrase, "Label": guard.AntiPhishingLabel(r.Language), "Paragraphs": paras,
		"Scale": r.Scale, "Links": r.Links})
	if err != nil {
		return "", fmt.Errorf("compose mail: %w", err)
	}
	return b.String(), nil
}

// sign adds a DKIM-Signature when a key is configured.
func (s *Service) sign(raw []byte) ([]byte, error) {
	k := s.cfg.DKIM
	if k.Signer == nil {
		return raw, nil
	}
	var out bytes.Buffer
	err := dkim.Sign(&out, bytes.NewReader(raw), &dkim.SignOptions{
		Domain: k.Domain, Selector: k.Selector, Signer: k.Signer,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed, BodyCanonicalization: dkim.CanonicalizationRelaxed,
		HeaderKeys: []string{"From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References", "Reply-To", "MIME-Version", "Content-Type"},
	})
	if err != nil {
		return nil, fmt.Errorf("dkim sign: %w", err)
	}
	return out.Bytes(), nil
}
