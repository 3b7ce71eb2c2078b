package risk

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/email"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

const consumerName = "risk-outreach"

// Consumer is the bus's durable consumption (*bus.Bus).
type Consumer interface {
	Consume(ctx context.Context, durable, filter string, h bus.Handler) error
}

// Start starts the durable consumer that sends each new alert's e-mail
// and Telegram message.
func (s *Service) Start(ctx context.Context, b Consumer) error {
	return b.Consume(ctx, consumerName, OutreachOpenedTopic.Subject(), s.HandleEvent)
}

// HandleEvent delivers the alert an OutreachOpened event names. The mail
// is queued idempotently (by the alert's id); delivered_at makes the
// Telegram message go once however often the event comes.
func (s *Service) HandleEvent(ctx context.Context, ev store.Event) error {
	o, ok, err := OutreachOpenedTopic.Decode(ev)
	if err != nil || !ok {
		return nil // not ours (a bad payload is the recorder's to report)
	}
	return s.Deliver(ctx, o.OutreachID)
}

// Deliver sends alert id on the customer's channels (the widget shows it
// by itself, see Notice).
func (s *Service) Deliver(ctx context.Context, id int64) error {
	o, err := s.Outreach(ctx, id)
	if err != nil {
		if errs.Is(err, errs.NotFound) {
			return nil
		}
		return err
	}
	u, err := s.cfg.Exchange.User(ctx, o.UserID)
	if errs.Is(err, errs.NotFound) {
		s.log.Warn("risk: alert for a user the exchange does not know", "outreach", id, "user", o.UserID)
		return nil
	}
	if err != nil {
		return fmt.Errorf("risk: deliver alert %d: %w", id, err)
	}
	evs, err := s.OutreachEvents(ctx, id)
	if err != nil {
		return err
	}
	lang := u.Language
	t := textsFor(lang)
	link := s.DisableURL(id, "email")
	mailed := false
	if o.Email && s.cfg.Mailer != nil && u.Email != "" {
		n := email.Notice{Key: "risk-" + strconv.FormatInt(id, 10), To: u.Email, ToName: u.Name, Subject: t.Subject,
			Body: s.alertText(t, evs, false), Language: lang, Phrase: u.AntiPhishingPhrase,
			Links: []email.NoticeLink{{Text: t.Button, URL: link}}}
		if err := s.cfg.Mailer.QueueNotice(ctx, n); err != nil {
			return fmt.Errorf("risk: deliver alert %d: %w", id, err)
		}
		mailed = true
	}
	res, err := s.cfg.DB.Exec(ctx, `UPDATE risk_outreach SET delivered_at = ?, mailed = ? WHERE id = ? AND delivered_at IS NULL`, s.cfg.DB.Now(), b2i(mailed), id)
	if err != nil {
		return fmt.Errorf("risk: deliver alert %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // delivered before
	}
	if o.Telegram && s.cfg.Telegram != nil {
		text := t.Subject + "\n\n" + s.alertText(t, evs, false) + "\n\n" + t.Button + ":\n" + s.DisableURL(id, "telegram")
		sent, err := s.cfg.Telegram.NotifyCustomer(ctx, o.UserID, text)
		if err != nil {
			s.log.Warn("risk: telegram alert failed", "outreach", id, "err", err)
		} else if sent {
			if _, err := s.cfg.DB.Exec(ctx, `UPDATE risk_outreach SET telegrammed = 1 WHERE id = ?`, id); err != nil {
				return fmt.Errorf("risk: deliver alert %d: %w", id, err)
			}
		}
	}
	return nil
}

// alertText is the alert's body: what happened, one line per event (the
// newest 10), and what to do.
func (s *Service) alertText(t texts, evs []Event, short bool) string {
	var b strings.Builder
	b.WriteString(t.Intro)
	b.WriteString("\n")
	from := max(0, len(evs)-10)
	for _, e := range evs[from:] {
		b.WriteString("- ")
		b.WriteString(eventLine(t, e.RiskEvent))
		b.WriteString("\n")
	}
	if !short {
		b.WriteString("\n" + t.IfYou + "\n\n" + t.IfNot + "\n\n" + t.Never)
	}
	return b.String()
}

// eventLine is one event for the customer: its kind in their language and
// the facts (time in UTC, device, country, amount), which need none.
func eventLine(t texts, e exchange.RiskEvent) string {
	parts := []string{e.At.UTC().Format("2006-01-02 15:04 UTC")}
	if e.Device != "" {
		parts = append(parts, e.Device)
	}
	if e.Country != "" {
		parts = append(parts, e.Country)
	}
	if e.IP != "" {
		parts = append(parts, e.IP)
	}
	if e.Count > 0 {
		parts = append(parts, "×"+strconv.Itoa(e.Count))
	}
	if e.Amount != "" {
		parts = append(parts, e.Amount+" "+e.Asset)
	}
	if e.Address != "" {
		parts = append(parts, shortAddress(e.Address))
	}
	return t.Kinds[e.Kind] + " (" + strings.Join(parts, ", ") + ")"
}

func shortAddress(a string) string {
	if len(a) <= 16 {
		return a
	}
	return a[:8] + "…" + a[len(a)-6:]
}

// Notice is the alert the widget shows a signed-in customer.
type Notice struct {
	Title  string `json:"title"`
	Text   string `json:"text"`
	Button string `json:"button"`
	Href   string `json:"href"` // the disable page
}

// NoticeFor is the customer's open alert (newest within NoticeTTL, not yet
// used) in lang; false when there is none.
func (s *Service) NoticeFor(ctx context.Context, userID, lang string) (Notice, bool, error) {
	o, ok, err := s.latestOpen(ctx, userID)
	if err != nil || !ok {
		return Notice{}, false, err
	}
	evs, err := s.OutreachEvents(ctx, o.ID)
	if err != nil {
		return Notice{}, false, err
	}
	t := textsFor(lang)
	return Notice{Title: t.Subject, Text: s.alertText(t, evs, true) + "\n" + t.IfNot, Button: t.Button, Href: s.DisableURL(o.ID, "widget")}, true, nil
}

// The disable link: /risk/disable?t=<id>.<expiry>.<via>.<mac>, the MAC an
// HMAC-SHA256 under LinkKey. The link is signed and expires; the alert's
// used_at makes it, and every other link of the alert, single use.

// DisablePath is the customer's disable page.
const DisablePath = "/risk/disable"

// Token makes a disable token for alert id, used via a channel.
func (s *Service) Token(id int64, via string, exp time.Time) string {
	body := strconv.FormatInt(id, 10) + "." + strconv.FormatInt(exp.Unix(), 10) + "." + via
	return body + "." + s.mac(body)
}

func (s *Service) mac(body string) string {
	m := hmac.New(sha256.New, s.cfg.LinkKey)
	m.Write([]byte("risk-disable\x00" + body))
	return hex.EncodeToString(m.Sum(nil)[:20])
}

// DisableURL is the absolute link for alert id.
func (s *Service) DisableURL(id int64, via string) string {
	return strings.TrimRight(s.cfg.PublicURL, "/") + DisablePath + "?t=" + s.Token(id, via, s.now().Add(LinkTTL))
}

// Link errors.
var (
	ErrLinkInvalid = errs.E(errs.Invalid, "this link is not valid")
	ErrLinkExpired = errs.E(errs.Invalid, "this link has expired")
)

// ErrUsed says an alert's link was used before, and when.
type ErrUsed struct{ At time.Time }

func (e *ErrUsed) Error() string { return "this link was already used on " + e.At.Format(time.RFC3339) }

// CheckToken verifies a token: its alert id and channel, or ErrLinkInvalid
// or ErrLinkExpired.
func (s *Service) CheckToken(tok string) (id int64, via string, err error) {
	if len(tok) > 200 {
		return 0, "", ErrLinkInvalid
	}
	parts := strings.Split(tok, ".")
	if len(parts) != 4 {
		return 0, "", ErrLinkInvalid
	}
	body := parts[0] + "." + parts[1] + "." + parts[2]
	if !hmac.Equal([]byte(s.mac(body)), []byte(parts[3])) {
		return 0, "", ErrLinkInvalid
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	exp, err2 := strconv.ParseInt(parts[1], 10, 64)
	if err1 != nil || err2 != nil || id <= 0 {
		return 0, "", ErrLinkInvalid
	}
	if s.now().Unix() > exp {
		return 0, "", ErrLinkExpired
	}
	return id, parts[2], nil
}

// Disabled is what "This wasn't me" did.
type Disabled struct {
	Outreach Outreach
	Freeze   exchange.ActionResult
	TicketID int64
	Language string
}

// WasntMe is "This wasn't me" / the disable link: it marks the alert used
// (once: a second use is *ErrUsed), freezes the account through the
// exchange and opens an urgent security ticket with the events.
func (s *Service) WasntMe(ctx context.Context, token string) (Disabled, error) {
	id, via, err := s.CheckToken(token)
	if err != nil {
		return Disabled{}, err
	}
	o, err := s.Outreach(ctx, id)
	if err != nil {
		return Disabled{}, ErrLinkInvalid
	}
	now := s.cfg.DB.Now()
	res, err := s.cfg.DB.Exec(ctx, `UPDATE risk_outreach SET used_at = ?, used_via = ? WHERE id = ? AND used_at IS NULL`, now, via, id)
	if err != nil {
		return Disabled{}, fmt.Errorf("risk: use alert %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if o, err = s.Outreach(ctx, id); err != nil {
			return Disabled{}, err
		}
		at := time.Time{}
		if o.UsedAt != nil {
			at = *o.UsedAt
		}
		return Disabled{Outreach: o}, &ErrUsed{At: at}
	}
	release := func() {
		// Let the customer try again: nothing was done.
		if _, err := s.cfg.DB.Exec(context.WithoutCancel(ctx), `UPDATE risk_outreach SET used_at = NULL, used_via = '' WHERE id = ?`, id); err != nil {
			s.log.Error("risk: release alert after a failed freeze", "outreach", id, "err", err)
		}
	}
	u, err := s.cfg.Exchange.User(ctx, o.UserID)
	if err != nil {
		release()
		return Disabled{}, fmt.Errorf("risk: disable %q: %w", o.UserID, err)
	}
	fr, err := s.cfg.Exchange.FreezeAccount(ctx, o.UserID, fmt.Sprintf("the customer answered security alert %d with \"This wasn't me\"", id))
	if err != nil {
		release()
		return Disabled{}, fmt.Errorf("risk: freeze %q: %w", o.UserID, err)
	}
	evs, err := s.OutreachEvents(ctx, id)
	if err != nil {
		release()
		return Disabled{}, err
	}
	t, err := s.cfg.Tickets.CreateForCustomer(ctx, ticket.NewTicket{
		Subject: "Security alert: the customer says \"This wasn't me\"", Message: ticketBody(o, evs, fr, via), Channel: "web",
		Customer: ticket.NewCustomer{ExternalID: u.ID, Email: u.Email, Name: u.Name, Language: u.Language},
		Priority: "urgent", ProductArea: "account_security", Language: langOr(u.Language), Tier: 3,
		Tags: []string{"risk-proactive", "wasnt-me"}})
	if err != nil {
		// The freeze stands (it is idempotent); a retry opens the ticket.
		release()
		return Disabled{}, fmt.Errorf("risk: security ticket for %q: %w", o.UserID, err)
	}
	err = s.cfg.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE risk_outreach SET ticket_id = ?, freeze_result = ? WHERE id = ?`, t.ID, fr.Status+": "+fr.Message, id); err != nil {
			return err
		}
		return AccountDisabledTopic.Emit(ctx, tx, AccountDisabled{OutreachID: id, UserID: o.UserID, TicketID: t.ID, Via: via})
	})
	if err != nil {
		return Disabled{}, fmt.Errorf("risk: record alert %d: %w", id, err)
	}
	o.TicketID = t.ID
	return Disabled{Outreach: o, Freeze: fr, TicketID: t.ID, Language: u.Language}, nil
}

func langOr(l string) string {
	if _, ok := allTexts[l]; ok {
		return l
	}
	return "en"
}

// ticketBody is the security ticket's first message, written for the
// agents: what the customer pressed, what the exchange did, the events.
func ticketBody(o Outreach, evs []Event, fr exchange.ActionResult, via string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "I pressed \"This wasn't me\" on security alert #%d (%s). I did not do this.\n\n", o.ID, via)
	fmt.Fprintf(&b, "The account was frozen at once: %s (%s).\n\nThe events of the alert:\n", fr.Status, fr.Message)
	en := textsFor("en")
	for _, e := range evs {
		fmt.Fprintf(&b, "- %s [%s, event %s]\n", eventLine(en, e.RiskEvent), e.Kind, e.ID)
	}
	return b.String()
}

// usedAt reads when an alert was used, for pages.
func (s *Service) usedAt(ctx context.Context, id int64) (time.Time, bool, error) {
	var at sql.NullInt64
	err := s.cfg.DB.QueryRow(ctx, `SELECT used_at FROM risk_outreach WHERE id = ?`, id).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, ErrLinkInvalid
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("risk: alert %d: %w", id, err)
	}
	return store.Time(at.Int64), at.Valid, nil
}
