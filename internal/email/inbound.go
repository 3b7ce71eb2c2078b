package email

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/attach"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/routing/detect"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Outcome is what became of one inbound mail.
type Outcome struct {
	Status    string // StatusTicket, StatusReply, StatusIgnored or StatusDuplicate
	Reason    string // why ignored, or why a reply opened a new ticket
	TicketID  int64
	MessageID int64 // the ticket message
	Auth      string
}

// Inbound mail statuses (email_messages.status).
const (
	StatusTicket    = "ticket"    // opened a ticket
	StatusReply     = "reply"     // added to its ticket
	StatusIgnored   = "ignored"   // a machine's mail, or our own come back
	StatusDuplicate = "duplicate" // this Message-ID was received before; nothing stored again
	StatusRefused   = "refused"   // the ticket store would not take it (ErrRefused)
	statusReceiving = "receiving" // claimed, being stored
)

// Tags a new e-mail ticket may carry for the agent.
const (
	TagDMARCFail   = "email-dmarc-fail"   // the From address failed DMARC: it may be forged
	TagOtherSender = "email-other-sender" // a reply to a ticket from another address than its customer's
	TagFloodHeld   = "email-flood-held"   // unauthenticated mail from a sender past the hourly ticket limit, held together
)

// Receive turns one raw mail from source ("smtp" or a mailbox's name) into
// a ticket or a message on its ticket. A malformed mail is ErrMalformed and
// stores nothing; a duplicate Message-ID, an auto-reply, a bounce or our own
// mail come back store nothing on a ticket and are not errors.
func (s *Service) Receive(ctx context.Context, raw []byte, source string) (Outcome, error) {
	p, err := Parse(raw)
	if err != nil {
		return Outcome{}, err
	}
	p = s.seen(p)
	id := p.MessageID
	if id == "" || len(id) > 250 {
		// No usable Message-ID: the content names the mail, so a replay
		// of the same bytes is still a duplicate.
		sum := sha256.Sum256(raw)
		id = "sha256." + hex.EncodeToString(sum[:16]) + "@" + s.domain()
	}
	out := Outcome{Auth: CheckAuth(p.AuthResults, s.cfg.TrustedAuthServIDs, p.From)}
	if why := s.ours(p, id); why != "" {
		out.Status, out.Reason = StatusIgnored, why
	} else if p.Auto != "" {
		out.Status, out.Reason = StatusIgnored, p.Auto
	}
	rowID, fresh, err := s.claimInbound(ctx, id, p.From, source)
	if err != nil || !fresh {
		return Outcome{Status: StatusDuplicate}, err
	}
	if out.Status == StatusIgnored {
		s.log.Info("email: machine mail ignored", "from", ticket.MaskEmail(p.From), "why", out.Reason)
		if err := s.noteBounce(ctx, p, raw); err != nil {
			s.releaseInbound(ctx, rowID)
			return Outcome{}, err
		}
		return out, s.finishInbound(ctx, rowID, out, s.keptCopy(p, raw))
	}
	if err := s.deliver(ctx, p, &out); err != nil {
		if !refusedForGood(err) {
			s.releaseInbound(ctx, rowID)
			return Outcome{}, err
		}
		// The ticket store will never take this mail (an address it
		// cannot use, say): record it, so that it is not retried forever.
		out = Outcome{Status: StatusRefused, Reason: err.Error(), Auth: out.Auth}
		if ferr := s.finishInbound(ctx, rowID, out, s.keptCopy(p, raw)); ferr != nil {
			return Outcome{}, ferr
		}
		return out, fmt.Errorf("%w: %v", ErrRefused, err)
	}
	return out, s.finishInbound(ctx, rowID, out, s.keptCopy(p, raw))
}

// seen is p with the text its sender saw. A mail client shows the HTML
// alternative and writes the text one itself, so a secret in the HTML part
// that the text part lacks was pasted all the same: the HTML's text is
// then the body, so the guard cuts the secret where it stood (the agent
// sees the marker) and the customer is warned, as for any redaction; the
// full mail is not kept either (keptCopy).
func (s *Service) seen(p Parsed) Parsed {
	if p.altHTML == "" || s.cfg.Screen == nil {
		return p
	}
	inText := s.cfg.Screen.Inbound(nil, 0, p.Text).Kinds
	for _, k := range s.cfg.Screen.Inbound(nil, 0, p.altHTML).Kinds {
		if !slices.Contains(inText, k) {
			p.Text, p.HTML = p.altHTML, true
			return p
		}
	}
	return p
}

// refusedForGood: err is the ticket store refusing the mail's content,
// which no retry changes.
func refusedForGood(err error) bool {
	switch errs.KindOf(err) {
	case errs.Invalid, errs.TooLarge, errs.Forbidden:
		return true
	}
	return false
}

// keptCopy is what is kept of the full mail: all of it, unless the guard
// finds a secret anywhere in its text (the quoted history included, which
// the ticket never shows): then only its header, as the guard keeps
// secrets out of storage, sealed or not.
func (s *Service) keptCopy(p Parsed, raw []byte) []byte {
	if s.cfg.Screen == nil || len(s.cfg.Screen.Inbound(nil, 0, p.Subject+"\n\n"+p.Text).Kinds) == 0 {
		return raw
	}
	head := raw
	if i := bytes.Index(raw, []byte("\r\n\r\n")); i >= 0 {
		head = raw[:i+2]
	} else if i := bytes.Index(raw, []byte("\n\n")); i >= 0 {
		head = raw[:i+1]
	}
	return append(append([]byte{}, head...), "\r\n[body not kept: the guard found a secret in it]\r\n"...)
}

// ours says why a mail is our own come back (a loop), or "".
func (s *Service) ours(p Parsed, id string) string {
	switch {
	case strings.HasSuffix(strings.ToLower(id), "@"+s.domain()) && strings.HasPrefix(id, "gc."):
		return "our own Message-ID"
	case s.cfg.From != "" && strings.EqualFold(p.From, s.fromAddress()):
		return "sent from our own address"
	}
	return ""
}

// deliver writes the mail on its ticket, or opens one.
func (s *Service) deliver(ctx context.Context, p Parsed, out *Outcome) error {
	body := s.bodyOf(p)
	threadID, err := s.thread(ctx, p)
	if err != nil {
		return err
	}
	var tags []string
	if out.Auth == AuthFail {
		tags = append(tags, TagDMARCFail)
	}
	if threadID != 0 && out.Auth != AuthFail {
		m, err := s.cfg.Tickets.AppendAsCustomer(ctx, ticket.CustomerRef{Email: p.From}, threadID, body)
		switch {
		case err == nil:
			out.Status, out.TicketID, out.MessageID = StatusReply, threadID, m.ID
			s.keepFiles(ctx, p, out)
			return nil
		case errs.KindOf(err) == errs.NotFound:
			// The thread is another customer's: a reply from a different
			// address never joins it (a forged In-Reply-To would read a
			// stranger's conversation). It opens a ticket of its own.
			tags, out.Reason = append(tags, TagOtherSender), fmt.Sprintf("replied to ticket %d of another customer", threadID)
		case errs.KindOf(err) == errs.Conflict:
			out.Reason = fmt.Sprintf("ticket %d is closed", threadID) // a new ticket continues it
		default:
			return fmt.Errorf("receive mail: %w", err)
		}
	} else if threadID != 0 {
		out.Reason = fmt.Sprintf("DMARC failed: not added to ticket %d", threadID)
	}
	flood, err := s.floodOf(ctx, p.From)
	if err != nil {
		return err
	}
	if flood.over {
		done, err := s.deliverFlood(ctx, p, body, flood, out)
		if done || err != nil {
			return err
		}
		if out.Auth != AuthPass {
			tags = append(tags, TagFloodHeld)
		}
	}
	lang := languageOf(p)
	t, err := s.cfg.Tickets.CreateForCustomer(ctx, ticket.NewTicket{
		Subject: subjectOf(p.Subject, lang), Message: body, Channel: "email", Language: lang,
		Customer: ticket.NewCustomer{Email: p.From, Name: cut(p.FromName, 200)}, Tags: tags,
	})
	if err != nil {
		return fmt.Errorf("receive mail: %w", err)
	}
	out.Status, out.TicketID = StatusTicket, t.ID
	if len(t.Messages) > 0 {
		out.MessageID = t.Messages[0].ID
	}
	s.keepFiles(ctx, p, out)
	return nil
}

// noSubject names an empty subject, in the 17 languages, as mail clients
// in each language write it.
var noSubject = map[string]string{
	"en": "(no subject)", "zh": "（无主题）", "es": "(sin asunto)", "pt": "(sem assunto)", "ru": "(без темы)",
	"tr": "(konu yok)", "vi": "(không có tiêu đề)", "fr": "(sans objet)", "de": "(kein Betreff)", "it": "(nessun oggetto)",
	"id": "(tanpa subjek)", "ar": "(بدون موضوع)", "uk": "(без теми)", "pl": "(brak tematu)", "ja": "（件名なし）",
	"ko": "(제목 없음)", "th": "(ไม่มีหัวเรื่อง)",
}

// languageOf is the language a mail is written in when detection is sure,
// else "" (the customer's known language, or English). A new ticket starts
// in it, so what intake answers at once (the guard's warning) is in the
// customer's language, not only what follows routing.
func languageOf(p Parsed) string {
	d := detect.DetectLanguage(p.Subject+"\n"+p.Text, detect.Priors{})
	if d.Confidence >= detect.SureLanguage && slices.Contains(ticket.Languages, d.Code) {
		return d.Code
	}
	return ""
}

// maxNewTicketsPerHour bounds the e-mail tickets one address opens in an
// hour; later mail joins the latest of them when it proves its sender, or
// the sender's held ticket when it does not.
const maxNewTicketsPerHour = 10

// flood is where a sender's mail goes once they opened
// maxNewTicketsPerHour e-mail tickets in the last hour.
type flood struct {
	over   bool
	latest int64 // their latest open ticket not held as a flood; 0: none
	held   int64 // their open held ticket of the last hour; 0: none
}

// floodOf counts the sender's open e-mail tickets of the last hour and
// names the two tickets later mail may join.
func (s *Service) floodOf(ctx context.Context, from string) (flood, error) {
	var n int
	var latest, held sql.NullInt64
	err := s.cfg.DB.QueryRow(ctx, `SELECT COUNT(*),
		MAX(CASE WHEN g.ticket_id IS NULL THEN t.id END), MAX(CASE WHEN g.ticket_id IS NOT NULL THEN t.id END)
		FROM tickets t JOIN customers c ON c.id = t.customer_id
		LEFT JOIN ticket_tags g ON g.ticket_id = t.id AND g.tag = ?
		WHERE c.email = ? AND t.channel = 'email' AND t.created_at > ? AND t.status <> ?`,
		TagFloodHeld, from, s.cfg.DB.Now()-time.Hour.Milliseconds(), string(ticket.StatusClosed)).Scan(&n, &latest, &held)
	if err != nil {
		return flood{}, fmt.Errorf("receive mail: count tickets: %w", err)
	}
	return flood{over: n >= maxNewTicketsPerHour, latest: latest.Int64, held: held.Int64}, nil
}

// deliverFlood adds a mail from a sender past the hourly limit to a ticket
// they already have. Only an authenticated mail joins their latest
// conversation: a From anyone can write must not reach a real customer's
// thread. Any other mail joins the sender's held ticket of the hour. done
// is false when there is no such ticket open (the caller opens one).
func (s *Service) deliverFlood(ctx context.Context, p Parsed, body string, f flood, out *Outcome) (done bool, err error) {
	target, why := f.held, fmt.Sprintf("more than %d new tickets from this sender in an hour, sender not authenticated: held", maxNewTicketsPerHour)
	if out.Auth == AuthPass {
		target, why = f.latest, fmt.Sprintf("more than %d new tickets from this sender in an hour", maxNewTicketsPerHour)
	}
	out.Reason = strings.TrimPrefix(out.Reason+"; ", "; ") + why
	if target == 0 {
		return false, nil
	}
	m, err := s.cfg.Tickets.AppendAsCustomer(ctx, ticket.CustomerRef{Email: p.From}, target, body)
	switch {
	case err == nil:
		out.Status, out.TicketID, out.MessageID = StatusReply, target, m.ID
		s.keepFiles(ctx, p, out)
		return true, nil
	case errs.Is(err, errs.Conflict):
		return false, nil // closed meanwhile: a new ticket takes the mail
	}
	return false, fmt.Errorf("receive mail: %w", err)
}

// bodyOf is what the ticket shows of a mail: what the customer wrote
// above the quote, and a line per attachment.
func (s *Service) bodyOf(p Parsed) string {
	body := Visible(p.Text)
	var files []string
	for _, f := range p.Files {
		line := "📎 " + cut(f.Name, 120)
		if _, err := attach.Clean(f.Name, f.Data); err != nil {
			line += " (not kept: " + refusal(err) + ")"
		}
		files = append(files, line)
	}
	if p.Skipped > 0 {
		files = append(files, fmt.Sprintf("📎 %d more attachment(s) not kept: too many or too large", p.Skipped))
	}
	if len(files) > 0 {
		if body != "" {
			body += "\n\n"
		}
		body += strings.Join(files, "\n")
	}
	if strings.TrimSpace(body) == "" {
		body = "(empty mail)"
	}
	return cut(body, ticket.MaxBody/2) // room for the guard's markers
}

// keepFiles stores the mail's attachments once its message is stored. A
// failure is logged and noted on the mail's record, not returned: the
// message is in, and a retry of the whole mail would store it twice.
func (s *Service) keepFiles(ctx context.Context, p Parsed, out *Outcome) {
	if err := s.addFiles(ctx, p, out); err != nil {
		s.log.Error("email: attachments not kept", "ticket", out.TicketID, "err", err)
		out.Reason = strings.TrimPrefix(out.Reason+"; attachments not kept", "; ")
	}
}

// addFiles stores the mail's attachments on its ticket, as the chat's
// are, linked to the message that lists them.
func (s *Service) addFiles(ctx context.Context, p Parsed, out *Outcome) error {
	if s.cfg.Files == nil {
		return nil
	}
	for _, f := range p.Files {
		a, err := s.cfg.Files.Add(ctx, out.TicketID, attach.Uploader{Kind: "customer"}, f.Name, f.Data)
		if attach.ReasonOf(err) != "" {
			continue // listed as not kept in the message
		}
		if err != nil {
			return fmt.Errorf("receive mail: %w", err)
		}
		if out.MessageID != 0 {
			if err := s.cfg.Files.LinkMessage(ctx, a.ID, out.MessageID); err != nil {
				return fmt.Errorf("receive mail: %w", err)
			}
		}
	}
	return nil
}

// thread finds the ticket a mail replies to: by its In-Reply-To and
// References among the mails of the channel (ours and the customer's), or
// by the reply token in a recipient address or the subject. 0: none.
func (s *Service) thread(ctx context.Context, p Parsed) (int64, error) {
	ids := append(append([]string{}, p.InReplyTo...), p.References...)
	if len(ids) > 0 {
		q := `SELECT ticket_id FROM email_messages WHERE ticket_id IS NOT NULL AND rfc_message_id IN (?` + strings.Repeat(", ?", len(ids)-1) + `) ORDER BY id DESC LIMIT 1`
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		var tid int64
		err := s.cfg.DB.QueryRow(ctx, q, args...).Scan(&tid)
		if err == nil {
			return tid, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("thread mail: %w", err)
		}
	}
	for _, to := range p.To {
		if id, ok := s.tokens.fromAddress(to); ok {
			return id, nil
		}
	}
	if id, ok := s.tokens.fromSubject(p.Subject); ok {
		return id, nil
	}
	return 0, nil
}

// claimInbound records that mail id is being received; fresh is false when
// it was received before (a replay, or a mailbox fetched twice). A claim
// left by a crash mid-way is taken over after a while.
func (s *Service) claimInbound(ctx context.Context, id, from, source string) (rowID int64, fresh bool, err error) {
	err = s.cfg.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		var status string
		var created int64
		err := tx.QueryRow(ctx, `SELECT id, status, created_at FROM email_messages WHERE direction = 'in' AND rfc_message_id = ?`, id).Scan(&rowID, &status, &created)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			rowID, err = tx.InsertID(ctx, `INSERT INTO email_messages (direction, rfc_message_id, from_addr, status, source, created_at)
				VALUES ('in', ?, ?, ?, ?, ?)`, id, from, statusReceiving, cut(source, 200), now)
			fresh = err == nil
			return err
		case err != nil:
			return err
		case status == statusReceiving && now-created > staleClaim.Milliseconds():
			_, err = tx.Exec(ctx, `UPDATE email_messages SET created_at = ? WHERE id = ?`, now, rowID)
			fresh = err == nil
			return err
		}
		return nil
	})
	if err != nil {
		if isUniqueViolation(err) {
			return 0, false, nil // received at this moment by another connection
		}
		return 0, false, fmt.Errorf("claim mail %q: %w", id, err)
	}
	return rowID, fresh, nil
}

// releaseInbound drops a claim whose delivery failed, so that the sender's
// retry (SMTP 451) or the next poll stores it.
func (s *Service) releaseInbound(ctx context.Context, rowID int64) {
	if _, err := s.cfg.DB.Exec(context.WithoutCancel(ctx), `DELETE FROM email_messages WHERE id = ? AND status = ?`, rowID, statusReceiving); err != nil {
		s.log.Error("email: release claim", "err", err)
	}
}

// finishInbound records what became of the mail, with the full mail sealed.
func (s *Service) finishInbound(ctx context.Context, rowID int64, out Outcome, raw []byte) error {
	sealed, err := s.cfg.Sealer.Seal(string(raw), rawAAD(rowID))
	if err != nil {
		return fmt.Errorf("record mail: seal: %w", err)
	}
	var tid, mid any
	if out.TicketID != 0 {
		tid, mid = out.TicketID, out.MessageID
	}
	_, err = s.cfg.DB.Exec(ctx, `UPDATE email_messages SET status = ?, reason = ?, auth = ?, ticket_id = ?, message_id = ?, raw = ? WHERE id = ?`,
		out.Status, cut(out.Reason, 500), out.Auth, tid, mid, sealed, rowID)
	if err != nil {
		return fmt.Errorf("record mail: %w", err)
	}
	return nil
}

func rawAAD(rowID int64) string { return "email:" + strconv.FormatInt(rowID, 10) }

// subjectOf is a ticket subject from a mail's: reply and forward prefixes
// and our reply token dropped, "(no subject)" in lang (the mail's; "" is
// English) when nothing is left. A subject is plain text: markup in it is
// kept as typed, and every page escapes it.
func subjectOf(subject, lang string) string {
	subject = tokenInSubject.ReplaceAllString(subject, "")
	for {
		trimmed := strings.TrimSpace(subject)
		lower := strings.ToLower(trimmed)
		cutAt := 0
		for _, prefix := range []string{"re:", "fw:", "fwd:", "aw:", "wg:", "tr:", "rv:", "sv:", "отв:", "ответ:", "回复:", "答复:", "转发:"} {
			if strings.HasPrefix(lower, prefix) {
				cutAt = len(prefix)
				break
			}
		}
		if cutAt == 0 {
			subject = trimmed
			break
		}
		subject = trimmed[cutAt:]
	}
	if subject == "" {
		if s, ok := noSubject[lang]; ok {
			return s
		}
		return noSubject["en"]
	}
	return cut(subject, ticket.MaxSubject)
}

// cut shortens s to at most n bytes, on a rune boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isUniqueViolation(err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "unique") || strings.Contains(msg, "duplicate key")
}

// refusal is why attach refused a file, as its uploader is told.
func refusal(err error) string {
	if e, ok := errs.As(err); ok {
		return e.Msg
	}
	return "unreadable"
}

// ourID finds one of our outbound Message-IDs in a bounce.
func (s *Service) ourID(raw []byte) string { return string(s.ourIDs.Find(raw)) }

// noteBounce marks our mail a bounce names (in its References or the
// returned headers) as bounced, so that admins see that the customer did
// not get it.
func (s *Service) noteBounce(ctx context.Context, p Parsed, raw []byte) error {
	if !strings.HasPrefix(p.Auto, "report: delivery-status") && !strings.HasPrefix(p.Auto, "sender: mailer-daemon") && !strings.HasPrefix(p.Auto, "sender: postmaster") {
		return nil
	}
	id := s.ourID(raw)
	if id == "" {
		return nil
	}
	_, err := s.cfg.DB.Exec(ctx, `UPDATE email_messages SET status = ?, reason = ? WHERE direction = 'out' AND rfc_message_id = ? AND status = ?`,
		StatusBounced, "the recipient's server returned it: "+cut(p.Subject, 200), id, StatusSent)
	if err != nil {
		return fmt.Errorf("record bounce: %w", err)
	}
	return nil
}
