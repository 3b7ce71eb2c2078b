// Package email is e-mail as a support channel: mail in over SMTP (a
// listener of our own) or IMAP (polling mailboxes that live elsewhere)
// becomes tickets and messages through the ticket store's customer intake,
// and agents' replies on e-mail tickets go out through an SMTP relay from
// the outbox, threaded, with the customer's anti-phishing phrase, DKIM
// signed when a key is configured. docs/email.md describes it.
package email

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // KOI8-R, ISO-8859-x, Shift_JIS, GB18030, ...
	"github.com/emersion/go-message/mail"

	"github.com/groundcrew/groundcrew/internal/guard"
)

// Limits on one mail. A mail over MaxBytes is refused at SMTP (552) and
// skipped from IMAP; the others keep a crafted mail from costing more than a
// large honest one.
const (
	MaxBytes       = 25 << 20 // the whole mail as sent, like the big providers' limit
	maxDepth       = 8        // nesting of multiparts (a mail client rarely goes past 4)
	maxParts       = 100      // parts of all levels together
	maxTextBytes   = 1 << 20  // the text bodies read, each
	maxAttachBytes = 10 << 20 // one attachment, as attach.MaxSize
	maxAttachments = 10
)

// ErrMalformed is a mail we cannot read: broken headers, a multipart bomb,
// no sender. The SMTP listener answers it with a permanent 550/554.
var ErrMalformed = errors.New("malformed mail")

// ErrRefused is a readable mail the ticket store will not take (an
// address it cannot use, a field it refuses): recorded as refused, and
// answered 554 at SMTP, so that no sender or mailbox retries it forever.
var ErrRefused = errors.New("mail refused")

// Parsed is what the channel needs of one mail.
type Parsed struct {
	MessageID  string   // without angle brackets; "" when the mail has none
	InReplyTo  []string // Message-IDs, without angle brackets
	References []string
	From       string // the sender's address, lower-cased
	FromName   string
	To         []string // every To and Cc address, lower-cased
	Subject    string   // RFC 2047 decoded
	Text       string   // the body as text: text/plain, or HTML reduced to what a reader sees
	HTML       bool     // Text came from an HTML part
	// altHTML is the HTML alternative reduced to visible text, when Text
	// came from the text/plain one: what most mail clients showed the
	// sender (Service.seen).
	altHTML string
	Files   []File
	// Auto is why this mail was written by a machine (an auto-reply, a
	// bounce, a list), or "": such mail never opens a ticket or gets an
	// answer.
	Auto string
	// AuthResults are the Authentication-Results headers, raw.
	AuthResults []string
	// Skipped counts attachments left out (too many or too large).
	Skipped int
}

// File is an attachment as the mail carried it.
type File struct {
	Name string
	Data []byte
}

// Parse reads one raw mail. It decodes RFC 2047 headers, transfer
// encodings and charsets, prefers the text/plain alternative, reduces HTML
// to visible text and collects attachments; a mail that nests multiparts
// past maxDepth or holds more than maxParts parts is ErrMalformed.
func Parse(raw []byte) (Parsed, error) {
	if len(raw) > MaxBytes {
		return Parsed{}, fmt.Errorf("parse mail: %w: larger than %d MB", ErrMalformed, MaxBytes>>20)
	}
	ent, err := message.Read(bytes.NewReader(raw))
	if err != nil && ent == nil {
		return Parsed{}, fmt.Errorf("parse mail: %w: %v", ErrMalformed, err)
	}
	h := mail.Header{Header: ent.Header}
	var p Parsed
	if err := p.readHeader(h); err != nil {
		return Parsed{}, err
	}
	var plain, html string
	parts := 0
	err = ent.Walk(func(path []int, e *message.Entity, werr error) error {
		if parts++; parts > maxParts {
			return fmt.Errorf("%w: more than %d parts", ErrMalformed, maxParts)
		}
		if len(path) > maxDepth {
			return fmt.Errorf("%w: multiparts nested deeper than %d", ErrMalformed, maxDepth)
		}
		if werr != nil && !message.IsUnknownCharset(werr) && !message.IsUnknownEncoding(werr) {
			return fmt.Errorf("%w: %v", ErrMalformed, werr)
		}
		return p.readPart(e, &plain, &html)
	})
	if err != nil {
		if !errors.Is(err, ErrMalformed) {
			err = fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		return Parsed{}, fmt.Errorf("parse mail: %w", err)
	}
	switch {
	case strings.TrimSpace(plain) != "":
		p.Text = plain
		if html != "" {
			p.altHTML = strings.TrimSpace(strings.ReplaceAll(guard.VisibleText(html), "\r\n", "\n"))
		}
	case html != "":
		p.Text, p.HTML = guard.VisibleText(html), true
	}
	p.Text = strings.TrimSpace(strings.ReplaceAll(p.Text, "\r\n", "\n"))
	return p, nil
}

// readHeader fills in the envelope fields and the machine-mail check.
func (p *Parsed) readHeader(h mail.Header) error {
	from, err := h.AddressList("From")
	if err != nil || len(from) == 0 {
		return fmt.Errorf("parse mail: %w: no readable From address", ErrMalformed)
	}
	p.From, p.FromName = strings.ToLower(from[0].Address), validText(from[0].Name)
	for _, k := range []string{"To", "Cc"} {
		list, _ := h.AddressList(k) // a broken Cc does not make the mail unreadable
		for _, a := range list {
			p.To = append(p.To, strings.ToLower(a.Address))
		}
	}
	p.Subject, _ = h.Subject()
	p.Subject = validText(strings.Join(strings.Fields(p.Subject), " "))
	p.MessageID, _ = h.MessageID()
	p.InReplyTo, _ = h.MsgIDList("In-Reply-To")
	p.References, _ = h.MsgIDList("References")
	if len(p.References) > 50 { // the newest are the ones that matter
		p.References = p.References[len(p.References)-50:]
	}
	fields := h.FieldsByKey("Authentication-Results")
	for fields.Next() {
		p.AuthResults = append(p.AuthResults, fields.Value())
	}
	p.Auto = machineMail(h, p.From)
	return nil
}

// machineMail says why h is a machine's mail (RFC 3834 Auto-Submitted,
// Precedence, a bounce's sender or report type, an auto-responder's
// headers), or "".
func machineMail(h mail.Header, from string) string {
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && v != "no" {
		return "auto-submitted: " + v
	}
	switch strings.ToLower(strings.TrimSpace(h.Get("Precedence"))) {
	case "bulk", "junk", "list", "auto_reply":
		return "precedence: " + strings.ToLower(h.Get("Precedence"))
	}
	local, _, _ := strings.Cut(from, "@")
	switch local {
	case "mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply", "do-not-reply":
		return "sender: " + local
	}
	if h.Get("X-Autoreply") != "" || h.Get("X-Autorespond") != "" || h.Get("List-Id") != "" || h.Get("List-Unsubscribe") != "" {
		return "auto-responder or list headers"
	}
	if strings.EqualFold(h.Get("X-Auto-Response-Suppress"), "All") || strings.Contains(strings.ToLower(h.Get("X-Auto-Response-Suppress")), "autoreply") {
		return "x-auto-response-suppress"
	}
	if t, params, err := h.ContentType(); err == nil && t == "multipart/report" {
		return "report: " + params["report-type"]
	}
	if rp := strings.TrimSpace(h.Get("Return-Path")); rp == "<>" {
		return "null return path"
	}
	return ""
}

// readPart takes the first text/plain and text/html bodies that are not
// attachments, and the attachments.
func (p *Parsed) readPart(e *message.Entity, plain, html *string) error {
	t, params, _ := e.Header.ContentType()
	if strings.HasPrefix(t, "multipart/") {
		return nil
	}
	disp, dparams, _ := e.Header.ContentDisposition()
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	name = decodeWord(name)
	attachment := disp == "attachment" || (name != "" && !strings.HasPrefix(t, "text/"))
	if !attachment && (t == "text/plain" || t == "" || t == "text/html") {
		body, err := readAtMost(e.Body, maxTextBytes)
		if err != nil {
			return err
		}
		switch {
		case t == "text/html" && *html == "":
			*html = validText(body)
		case t != "text/html" && *plain == "":
			*plain = validText(body)
		}
		return nil
	}
	if !attachment {
		return nil // an inline part we do not show (a calendar, a signature file)
	}
	if len(p.Files) >= maxAttachments {
		p.Skipped++
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(e.Body, maxAttachBytes+1))
	if err != nil {
		return fmt.Errorf("%w: attachment %q: %v", ErrMalformed, name, err)
	}
	if len(data) > maxAttachBytes {
		p.Skipped++
		return nil
	}
	p.Files = append(p.Files, File{Name: name, Data: data})
	return nil
}

func readAtMost(r io.Reader, n int64) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, n))
	if err != nil {
		return "", fmt.Errorf("%w: body: %v", ErrMalformed, err)
	}
	return string(b), nil
}

// decodeWord decodes an RFC 2047 encoded file name; go-message decodes
// RFC 2231 parameters but some clients send "=?utf-8?...?=" names anyway.
func decodeWord(s string) string {
	if d, err := (&mime.WordDecoder{CharsetReader: message.CharsetReader}).DecodeHeader(s); err == nil {
		s = d
	}
	return validText(s)
}

// validText replaces invalid UTF-8 (an undeclared charset) and NULs.
func validText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.ReplaceAll(s, "\x00", "")
}
