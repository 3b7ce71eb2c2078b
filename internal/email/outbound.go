package email

import (
	"context"
	"crypto/tls"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Outbound: a durable bus consumer turns the public messages to the
// customer on e-mail tickets into composed, sealed mails in email_messages
// (status queued), once per message however often the event comes; the
// sender hands queued mails to the relay and records each send. A node
// takes a mail by leasing it (next_at in the future), so two nodes do not
// send it twice; a crash between the relay's "250" and the record is the
// one way a mail goes twice, with the same Message-ID.

const (
	consumerName = "email-outbound"
	// Outbound statuses.
	StatusQueued = "queued"
	StatusSent   = "sent"
	StatusFailed = "failed" // gave up after maxAttempts
	// StatusBounced: the relay took it, the recipient's server returned it.
	StatusBounced = "bounced"
	maxAttempts   = 10
	lease         = time.Minute // a send that takes longer is retried
	staleClaim    = 10 * time.Minute
	maxReplyAge   = 6 * time.Hour // older replies are not mailed (see HandleEvents)
)

// Consumer is the bus's durable consumption; *bus.Bus implements it.
type Consumer interface {
	ConsumeBatch(ctx context.Context, durable, filter string, max int, h bus.BatchHandler) error
}

// Start starts the outbound consumer (when a relay is configured).
func (s *Service) Start(ctx context.Context, b Consumer) error {
	if s.cfg.Relay.Addr == "" {
		return nil
	}
	return b.ConsumeBatch(ctx, consumerName, ticket.MessageCreated.Subject(), 100, s.HandleEvents)
}

// HandleEvents queues a mail for each public message to the customer (an
// agent's, the bot's, or the system's: an automation's reply, the guard's
// warning after it cut a secret) on an e-mail ticket among evs.
func (s *Service) HandleEvents(ctx context.Context, evs []store.Event) error {
	type queued struct {
		ev    store.Event
		id    string
		raw   string
		to    string
		reply reply
	}
	var mails []queued
	for _, ev := range evs {
		m, ok, err := ticket.MessageCreated.Decode(ev)
		if err != nil || !ok || m.Internal || m.AuthorKind == "customer" {
			continue // not ours to send (a bad payload is the recorder's to report)
		}
		if age := s.now().Sub(ev.At); !ev.At.IsZero() && age > maxReplyAge {
			// A consumer created when a relay is first configured starts at
			// the stream's oldest event: old replies are not mailed now.
			s.log.Warn("email: reply too old to mail", "ticket", m.TicketID, "message", m.MessageID, "age", age.Round(time.Minute))
			continue
		}
		r, send, err := s.replyFor(ctx, m)
		if err != nil {
			return err
		}
		if !send {
			continue
		}
		id := s.newMessageID(m.MessageID)
		sealed, err := s.composeSealed(r, id)
		if err != nil {
			return err
		}
		mails = append(mails, queued{ev: ev, id: id, raw: sealed, to: r.To, reply: r})
	}
	if len(mails) == 0 {
		return nil
	}
	evOf := make([]store.Event, len(mails))
	for i, m := range mails {
		evOf[i] = m.ev
	}
	err := bus.OnceBatch(ctx, s.cfg.DB, consumerName, evOf, func(ctx context.Context, tx *store.Tx, fresh []store.Event) error {
		isFresh := map[int64]bool{}
		for _, ev := range fresh {
			isFresh[ev.ID] = true
		}
		now := tx.Now()
		for _, m := range mails {
			if !isFresh[m.ev.ID] {
				continue
			}
			if _, err := tx.Exec(ctx, `INSERT INTO email_messages (direction, rfc_message_id, ticket_id, message_id, from_addr, to_addr, status, raw, next_at, created_at)
				VALUES ('out', ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				m.id, m.reply.TicketID, m.reply.MessageID, s.from.Address, m.to, StatusQueued, m.raw, 0, now); err != nil {
				return fmt.Errorf("queue mail: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.Kick()
	return nil
}

// replyFor reads what a mail for message m needs; send is false when m's
// ticket is not an e-mail ticket or its customer has no address.
func (s *Service) replyFor(ctx context.Context, m ticket.MessageCreatedEvent) (reply, bool, error) {
	r, customerID, send, err := s.mailTo(ctx, m.TicketID)
	if err != nil || !send {
		return r, send, err
	}
	r.MessageID, r.Date = m.MessageID, m.At
	var queued int
	if err := s.cfg.DB.QueryRow(ctx, `SELECT COUNT(*) FROM email_messages WHERE direction = 'out' AND message_id = ?`, m.MessageID).Scan(&queued); err != nil {
		return reply{}, false, fmt.Errorf("mail for message %d: %w", m.MessageID, err)
	}
	if queued > 0 {
		return reply{}, false, nil // a redelivered event: composed and queued before
	}
	if r.Body, err = s.cfg.Tickets.OpenEventBody(ctx, m); err != nil {
		return reply{}, false, fmt.Errorf("mail for message %d: %w", m.MessageID, err)
	}
	return s.addressed(ctx, r, customerID)
}

// mailTo starts a mail on ticket id to its customer; send is false when
// the ticket is not an e-mail ticket (or is gone) or the customer has no
// address.
func (s *Service) mailTo(ctx context.Context, id int64) (r reply, customerID int64, send bool, err error) {
	r.TicketID = id
	var channel string
	err = s.cfg.DB.QueryRow(ctx, `SELECT t.channel, t.subject, t.language, c.id, c.email, c.name
		FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`, id).
		Scan(&channel, &r.Subject, &r.Language, &customerID, &r.To, &r.ToName)
	if errors.Is(err, sql.ErrNoRows) {
		return reply{}, 0, false, nil // deleted since
	}
	if err != nil {
		return reply{}, 0, false, fmt.Errorf("mail on ticket %d: %w", id, err)
	}
	return r, customerID, channel == "email" && r.To != "", nil
}

// addressed adds the customer's anti-phishing phrase (and language) and
// the thread's headers to r.
func (s *Service) addressed(ctx context.Context, r reply, customerID int64) (reply, bool, error) {
	if s.cfg.Phrase != nil {
		phrase, lang, err := s.cfg.Phrase(ctx, customerID, r.To)
		if err != nil {
			// Without the phrase the mail would look like a phishing copy to
			// a customer who expects it: retry later instead.
			return reply{}, false, fmt.Errorf("mail on ticket %d: anti-phishing phrase: %w", r.TicketID, err)
		}
		r.Phrase = phrase
		if lang != "" {
			r.Language = lang
		}
	}
	var err error
	r.InReplyTo, r.Refs, err = s.threadOf(ctx, r.TicketID)
	return r, true, err
}

// threadOf is the Message-IDs of a ticket's mails, oldest first (the last
// 20), and the customer's latest, which a reply answers.
func (s *Service) threadOf(ctx context.Context, ticketID int64) (last string, refs []string, err error) {
	rows, err := s.cfg.DB.Query(ctx, `SELECT rfc_message_id, direction FROM email_messages
		WHERE ticket_id = ? AND status <> ? ORDER BY id DESC LIMIT 20`, ticketID, StatusFailed)
	if err != nil {
		return "", nil, fmt.Errorf("thread of ticket %d: %w", ticketID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, dir string
		if err := rows.Scan(&id, &dir); err != nil {
			return "", nil, fmt.Errorf("thread of ticket %d: %w", ticketID, err)
		}
		if dir == "in" && last == "" && !strings.HasPrefix(id, "sha256.") {
			last = id
		}
		if !strings.HasPrefix(id, "sha256.") {
			refs = append([]string{id}, refs...)
		}
	}
	return last, refs, rows.Err()
}

// composeSealed is r composed as mail rfcID and sealed for email_messages.
func (s *Service) composeSealed(r reply, rfcID string) (string, error) {
	raw, err := s.compose(r, rfcID)
	if err != nil {
		return "", err
	}
	sealed, err := s.cfg.Sealer.Seal(string(raw), outAAD(rfcID))
	if err != nil {
		return "", fmt.Errorf("queue mail: seal: %w", err)
	}
	return sealed, nil
}

func outAAD(rfcID string) string { return "email-out:" + rfcID }

// Kick wakes the sender.
func (s *Service) Kick() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// RunSender sends queued mails until ctx ends: when kicked, and every few
// seconds for retries and mails other nodes queued.
func (s *Service) RunSender(ctx context.Context) {
	if s.cfg.Relay.Addr == "" {
		return
	}
	t := time.NewTicker(3 * time.Second)
	defer t.Stop()
	for {
		if _, err := s.SendQueued(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("email: send queued mail", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-s.kick:
		case <-t.C:
		}
	}
}

// SendQueued sends the mails due now and returns how many went out.
func (s *Service) SendQueued(ctx context.Context) (int, error) {
	sent := 0
	for {
		rows, err := s.cfg.DB.Query(ctx, `SELECT id FROM email_messages WHERE direction = 'out' AND status = ? AND next_at <= ? ORDER BY id LIMIT 50`,
			StatusQueued, s.cfg.DB.Now())
		if err != nil {
			return sent, fmt.Errorf("send queued: %w", err)
		}
		ids, err := store.ScanIDs(rows)
		if err != nil {
			return sent, fmt.Errorf("send queued: %w", err)
		}
		if len(ids) == 0 {
			return sent, nil
		}
		progress := false
		for _, id := range ids {
			ok, err := s.sendOne(ctx, id)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
				progress = true
			}
		}
		if !progress {
			return sent, nil
		}
	}
}

// sendOne leases mail id, hands it to the relay and records the result.
// ok: it went out.
func (s *Service) sendOne(ctx context.Context, id int64) (ok bool, err error) {
	now := s.cfg.DB.Now()
	res, err := s.cfg.DB.Exec(ctx, `UPDATE email_messages SET next_at = ?, attempts = attempts + 1 WHERE id = ? AND status = ? AND next_at <= ?`,
		now+lease.Milliseconds(), id, StatusQueued, now)
	if err != nil {
		return false, fmt.Errorf("lease mail %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil // another node has it
	}
	var rfcID, to, sealed string
	var attempts int
	if err := s.cfg.DB.QueryRow(ctx, `SELECT rfc_message_id, to_addr, raw, attempts FROM email_messages WHERE id = ?`, id).Scan(&rfcID, &to, &sealed, &attempts); err != nil {
		return false, fmt.Errorf("read mail %d: %w", id, err)
	}
	raw, err := s.cfg.Sealer.Open(sealed, outAAD(rfcID))
	if err != nil {
		return false, fmt.Errorf("open mail %d: %w", id, err)
	}
	if sendErr := s.relay(ctx, to, []byte(raw)); sendErr != nil {
		status, next := StatusQueued, s.cfg.DB.Now()+backoff(attempts).Milliseconds()
		if attempts >= maxAttempts || permanent(sendErr) {
			status = StatusFailed
		}
		s.log.Warn("email: relay refused or failed", "mail", id, "attempt", attempts, "status", status, "err", sendErr)
		_, err := s.cfg.DB.Exec(ctx, `UPDATE email_messages SET status = ?, next_at = ?, reason = ? WHERE id = ?`, status, next, cut(sendErr.Error(), 500), id)
		return false, err
	}
	_, err = s.cfg.DB.Exec(context.WithoutCancel(ctx), `UPDATE email_messages SET status = ?, sent_at = ?, reason = '' WHERE id = ?`, StatusSent, s.cfg.DB.Now(), id)
	if err != nil {
		return true, fmt.Errorf("record sent mail %d: %w", id, err)
	}
	return true, nil
}

func backoff(attempt int) time.Duration {
	d := 10 * time.Second << min(attempt, 9)
	return min(d, 2*time.Hour)
}

// permanent: the relay refused the mail for good (5xx).
func permanent(err error) bool {
	var se *smtp.SMTPError
	return errors.As(err, &se) && se.Code >= 500
}

// relay hands one mail to the configured relay.
func (s *Service) relay(ctx context.Context, to string, raw []byte) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", s.cfg.Relay.Addr)
	if err != nil {
		return fmt.Errorf("relay: %w", err)
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	host, _, _ := net.SplitHostPort(s.cfg.Relay.Addr)
	var c *smtp.Client
	switch s.cfg.Relay.TLS {
	case RelayTLS:
		c = smtp.NewClient(tls.Client(conn, tlsConfig(host)))
	case RelayStartTLS:
		if c, err = smtp.NewClientStartTLS(conn, tlsConfig(host)); err != nil {
			conn.Close()
			return fmt.Errorf("relay: starttls: %w", err)
		}
	default:
		c = smtp.NewClient(conn)
	}
	defer c.Close()
	if s.cfg.Relay.TLS != RelayStartTLS { // NewClientStartTLS has greeted
		if err := c.Hello(s.domain()); err != nil {
			return fmt.Errorf("relay: %w", err)
		}
	}
	if s.cfg.Relay.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", s.cfg.Relay.Username, s.cfg.Relay.Password)); err != nil {
			return fmt.Errorf("relay: auth: %w", err)
		}
	}
	if err := c.SendMail(s.from.Address, []string{to}, strings.NewReader(string(raw))); err != nil {
		return fmt.Errorf("relay: %w", err)
	}
	return c.Quit()
}
