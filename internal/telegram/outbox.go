package telegram

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// What goes out to a chat waits in telegram_outbox until the Bot API took
// it. A row is claimed for claimFor before it is sent, so two nodes do
// not send it together; a node that dies between Telegram's answer and
// marking the row sent leaves it to be sent again once the claim lapses
// (the Bot API has no idempotency key), which is the only way a message
// can arrive twice.
const (
	claimFor    = time.Minute
	maxAttempts = 20
	// maxChunk is below Telegram's 4096-character limit on one message.
	maxChunk = 4000
)

func (b *Bot) enqueueText(ctx context.Context, tx *store.Tx, chatID int64, text string) error {
	return b.enqueue(ctx, tx, chatID, text, "")
}

// enqueue queues text with markup (reply_markup JSON, "" for none).
func (b *Bot) enqueue(ctx context.Context, tx *store.Tx, chatID int64, text, markup string) error {
	now := tx.Now()
	_, err := tx.Exec(ctx, `INSERT INTO telegram_outbox (chat_id, text, markup, next_at, created_at) VALUES (?, ?, ?, ?, ?)`, chatID, text, markup, now, now)
	return err
}

// Consume starts the durable consumer that queues agents', the bot's and
// the system's public messages on Telegram tickets for sending.
func (b *Bot) Consume(ctx context.Context, bs *bus.Bus) error {
	return bs.Consume(ctx, "telegram", ticket.MessageCreated.Subject(), b.handleEvent)
}

func (b *Bot) handleEvent(ctx context.Context, ev store.Event) error {
	m, ok, err := ticket.MessageCreated.Decode(ev)
	if !ok || err != nil || m.Internal || m.AuthorKind == "customer" {
		return nil
	}
	err = bus.Once(ctx, b.cfg.DB, "telegram", ev.ID, func(ctx context.Context, tx *store.Tx) error {
		ids, err := tx.QueryIDs(ctx, `SELECT chat_id FROM telegram_tickets WHERE ticket_id = ?`, m.TicketID)
		if err != nil || len(ids) == 0 {
			return err
		}
		now := tx.Now()
		withheld := 0
		if m.Withheld {
			withheld = 1
		}
		_, err = tx.Exec(ctx, `INSERT INTO telegram_outbox (chat_id, message_id, ticket_id, sealed, withheld, next_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, ids[0], m.MessageID, m.TicketID, m.Sealed, withheld, now, now)
		return err
	})
	if err != nil {
		return fmt.Errorf("telegram: queue message %d: %w", m.MessageID, err)
	}
	b.wake()
	return nil
}

func (b *Bot) wake() {
	select {
	case b.poke <- struct{}{}:
	default:
	}
}

// RunSender sends what is due until ctx ends.
func (b *Bot) RunSender(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		if _, err := b.SendDue(ctx); err != nil && ctx.Err() == nil {
			b.cfg.Log.Warn("telegram: send", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-b.poke:
		case <-t.C:
		}
	}
}

type outRow struct {
	id, chatID, messageID, ticketID int64
	sealed, text, markup            string
	withheld                        bool
	attempts                        int
}

// SendDue sends the rows that are due and returns how many went out.
func (b *Bot) SendDue(ctx context.Context) (int, error) {
	db := b.cfg.DB
	rows, err := db.Query(ctx, `SELECT id, chat_id, COALESCE(message_id, 0), COALESCE(ticket_id, 0), sealed, withheld, text, markup, attempts
		FROM telegram_outbox WHERE status = 'pending' AND next_at <= ? AND claimed_until <= ? ORDER BY id LIMIT 50`, db.Now(), db.Now())
	if err != nil {
		return 0, fmt.Errorf("telegram outbox: %w", err)
	}
	var due []outRow
	for rows.Next() {
		var r outRow
		var withheld int
		if err := rows.Scan(&r.id, &r.chatID, &r.messageID, &r.ticketID, &r.sealed, &withheld, &r.text, &r.markup, &r.attempts); err != nil {
			rows.Close()
			return 0, fmt.Errorf("telegram outbox: %w", err)
		}
		r.withheld = withheld == 1
		due = append(due, r)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, fmt.Errorf("telegram outbox: %w", err)
	}
	sent := 0
	for _, r := range due {
		ok, err := b.sendRow(ctx, r)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// sendRow claims r, sends it and records the outcome.
func (b *Bot) sendRow(ctx context.Context, r outRow) (bool, error) {
	db := b.cfg.DB
	now := db.Now()
	res, err := db.Exec(ctx, `UPDATE telegram_outbox SET claimed_until = ? WHERE id = ? AND status = 'pending' AND claimed_until <= ?`,
		now+claimFor.Milliseconds(), r.id, now)
	if err != nil {
		return false, fmt.Errorf("telegram outbox claim %d: %w", r.id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return false, nil // another node has it
	}
	text := r.text
	if r.messageID != 0 {
		text, err = b.cfg.Tickets.OpenEventBody(ctx, ticket.MessageCreatedEvent{TicketID: r.ticketID, MessageID: r.messageID, Sealed: r.sealed, Withheld: r.withheld})
		if err != nil {
			return false, b.failed(ctx, r, err, 0, true)
		}
	}
	parts := chunks(text, maxChunk)
	for i, part := range parts {
		markup := ""
		if i == len(parts)-1 {
			markup = r.markup // the buttons go under the last part
		}
		if err := b.cfg.Client.SendMessage(ctx, r.chatID, part, markup); err != nil {
			var api *APIError
			final := errors.As(err, &api) && (api.Code == 400 || api.Code == 403)
			var wait time.Duration
			if api != nil {
				wait = api.RetryAfter
			}
			return false, b.failed(ctx, r, err, wait, final)
		}
	}
	if _, err := db.Exec(ctx, `UPDATE telegram_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, claimed_until = 0 WHERE id = ?`,
		db.Now(), r.id); err != nil {
		return false, fmt.Errorf("telegram outbox %d: %w", r.id, err)
	}
	b.mu.Lock()
	b.sent++
	b.mu.Unlock()
	return true, nil
}

// failed records a failed send: retried later with back-off (or after
// Telegram's retry_after), or given up when final or tried too often.
func (b *Bot) failed(ctx context.Context, r outRow, cause error, wait time.Duration, final bool) error {
	attempts := r.attempts + 1
	if wait == 0 {
		wait = min(time.Duration(1<<min(attempts, 9))*time.Second, 5*time.Minute)
	}
	status := "pending"
	if final || attempts >= maxAttempts {
		status = "failed"
	}
	b.cfg.Log.Warn("telegram: message not sent", "row", r.id, "chat", r.chatID, "attempts", attempts, "status", status, "err", cause)
	db := b.cfg.DB
	_, err := db.Exec(ctx, `UPDATE telegram_outbox SET status = ?, attempts = ?, next_at = ?, claimed_until = 0, last_error = ? WHERE id = ?`,
		status, attempts, db.Now()+wait.Milliseconds(), clip(cause.Error(), 500), r.id)
	if err != nil {
		return fmt.Errorf("telegram outbox %d: %w", r.id, err)
	}
	return nil
}

// chunks splits text into parts of at most n runes, at line breaks where
// it can.
func chunks(text string, n int) []string {
	var out []string
	for utf8.RuneCountInString(text) > n {
		cut, newline, count := 0, 0, 0
		for i := range text {
			if count == n {
				cut = i
				break
			}
			if text[i] == '\n' && count > n/2 {
				newline = i + 1
			}
			count++
		}
		if newline > 0 {
			cut = newline
		}
		out = append(out, text[:cut])
		text = text[cut:]
	}
	if text != "" || len(out) == 0 {
		out = append(out, text)
	}
	return out
}

// Sent is how many messages this node has delivered since it started.
func (b *Bot) Sent() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sent
}
