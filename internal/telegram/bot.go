// Package telegram is the exchange's official support bot on Telegram:
// updates come in by webhook or long polling, each chat writes through
// ticket's customer-scoped intake (channel "telegram"), and agents'
// replies go out through the Bot API from a durable outbox.
package telegram

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/metrics"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Channel is the tickets' channel.
const Channel = "telegram"

// Tickets is what the bot needs of the ticket store: the customer-scoped
// intake and reads, never an agent's view.
type Tickets interface {
	ticket.Intake
	CustomerTicket(ctx context.Context, c ticket.CustomerRef, ticketID int64) (ticket.CustomerView, error)
	AttachCustomer(ctx context.Context, from ticket.CustomerRef, ticketID int64, to ticket.NewCustomer) error
	OpenEventBody(ctx context.Context, ev ticket.MessageCreatedEvent) (string, error)
}

// Verifier answers "is this really the exchange?" in one of the 17
// languages (guard.Official).
type Verifier interface {
	VerifyIn(ctx context.Context, input, lang string) (guard.Verification, error)
}

// Config is what the bot is built from.
type Config struct {
	DB       *store.DB
	Tickets  Tickets
	Links    *Links
	Client   *Client
	Verifier Verifier // optional: /verify in the chat
	// Mint signs a short-lived identity token for an exchange user whose
	// deep link was redeemed, so the ticket records L1 like a signed-in
	// widget chat does.
	Mint   func(userID string) string
	Bot    string // the bot's @username
	Site   string // the exchange's site, e.g. https://groundcrew.example
	Secret string // the webhook's secret token
	Log    *slog.Logger
}

// Bot is the running bot on one node.
type Bot struct {
	cfg  Config
	poke chan struct{}
	mu   sync.Mutex
	sent int64 // Bot API sendMessage calls that succeeded, for the admin page
	// surveys answers the survey buttons (nil until ConsumeSurveys).
	surveys Surveys
	redact  metrics.Redactor
}

// New returns the bot.
func New(cfg Config) (*Bot, error) {
	if cfg.DB == nil || cfg.Tickets == nil || cfg.Links == nil || cfg.Client == nil {
		return nil, errors.New("telegram: DB, Tickets, Links and Client are required")
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Bot{cfg: cfg, poke: make(chan struct{}, 1)}, nil
}

// anonRef is the customer a chat writes as before it is linked.
func anonRef(chatID int64) string { return "telegram:" + strconv.FormatInt(chatID, 10) }

type chatRow struct {
	id       int64
	ref      string
	linked   bool
	language string
	greeted  bool
}

// HandleUpdate takes one update in: stored once by update_id, whatever
// the transport. Invalid or oversized updates are errors and change nothing.
func (b *Bot) HandleUpdate(ctx context.Context, raw []byte) error {
	u, err := ParseUpdate(raw)
	if err != nil {
		return err
	}
	var toast string
	var closed bool
	err = b.cfg.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `INSERT INTO telegram_updates (update_id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING`, u.ID, tx.Now())
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // a replay: taken in before
		}
		if u.ChatID == 0 || u.FromBot || !u.Private {
			return nil // not a customer's private message
		}
		if u.CallbackID != "" {
			toast, closed, err = b.answerButton(ctx, tx, u)
			return err
		}
		return b.take(ctx, tx, u)
	})
	if err != nil {
		return fmt.Errorf("telegram update %d: %w", u.ID, err)
	}
	if u.CallbackID != "" {
		// Until answered, the customer's app shows the button as busy. The
		// answer is only that: when it fails, nothing else does.
		if err := b.cfg.Client.AnswerCallbackQuery(ctx, u.CallbackID, toast); err != nil {
			b.cfg.Log.Warn("telegram: answerCallbackQuery", "update", u.ID, "err", err)
		}
	}
	if closed && u.MessageID != 0 {
		// Buttons that can only be refused now would invite presses: the
		// question stays, its keyboard goes. A failure leaves the buttons,
		// whose presses are refused as before.
		if err := b.cfg.Client.RemoveKeyboard(ctx, u.ChatID, u.MessageID); err != nil {
			b.cfg.Log.Warn("telegram: remove survey keyboard", "update", u.ID, "err", err)
		}
	}
	b.wake()
	return nil
}

func (b *Bot) take(ctx context.Context, tx *store.Tx, u Update) error {
	c, err := b.chat(ctx, tx, u)
	if err != nil {
		return err
	}
	if !c.greeted {
		if err := b.enqueueText(ctx, tx, c.id, Welcome(c.language, b.cfg.Bot, b.cfg.Site)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE telegram_chats SET greeted = 1 WHERE chat_id = ?`, c.id); err != nil {
			return err
		}
	}
	if !u.HasText || u.Captioned && strings.TrimSpace(u.Text) == "" {
		return b.enqueueText(ctx, tx, c.id, noticeOnlyText)
	}
	if u.Captioned {
		return b.takeCaption(ctx, tx, c, u)
	}
	switch name, arg := Command(u.Text); name {
	case "start":
		if arg != "" {
			return b.link(ctx, tx, c, arg)
		}
		if c.greeted {
			return b.enqueueText(ctx, tx, c.id, Welcome(c.language, b.cfg.Bot, b.cfg.Site))
		}
		return nil
	case "help":
		return b.enqueueText(ctx, tx, c.id, Welcome(c.language, b.cfg.Bot, b.cfg.Site))
	case "verify":
		return b.verify(ctx, tx, c, u, arg)
	}
	if len(u.Text) > ticket.MaxBody {
		return b.enqueueText(ctx, tx, c.id, noticeTooLong)
	}
	if strings.TrimSpace(u.Text) == "" {
		return nil
	}
	if taken, err := b.takeComment(ctx, tx, c, u); err != nil || taken {
		return err
	}
	_, err = b.writeOrTell(ctx, tx, c, u)
	return err
}

// takeCaption stores a picture's caption as the customer's message (the
// intake screens it like any text) and says that the picture itself was
// not kept. A caption is never a command: "/start" under a photo is text.
func (b *Bot) takeCaption(ctx context.Context, tx *store.Tx, c chatRow, u Update) error {
	if len(u.Text) > ticket.MaxBody {
		return b.enqueueText(ctx, tx, c.id, noticeTooLong)
	}
	written, err := b.writeOrTell(ctx, tx, c, u)
	if err != nil || !written {
		return err
	}
	return b.enqueueText(ctx, tx, c.id, noticeCaptionOnly)
}

// writeOrTell writes the customer's text; when the intake refuses it
// before writing, the customer is told why and the update is taken
// (Telegram would otherwise send it again and again).
func (b *Bot) writeOrTell(ctx context.Context, tx *store.Tx, c chatRow, u Update) (written bool, err error) {
	err = b.write(ctx, tx, c, u)
	if e, ok := errs.As(err); ok && (e.Kind == errs.Invalid || e.Kind == errs.TooLarge) {
		return false, b.enqueueText(ctx, tx, c.id, e.Msg)
	}
	return err == nil, err
}

// chat loads the chat's row, adding it on first contact.
func (b *Bot) chat(ctx context.Context, tx *store.Tx, u Update) (chatRow, error) {
	c := chatRow{id: u.ChatID}
	now := tx.Now()
	if _, err := tx.Exec(ctx, `INSERT INTO telegram_chats (chat_id, customer_ref, language, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, u.ChatID, anonRef(u.ChatID), u.Language, now, now); err != nil {
		return c, err
	}
	var linked, greeted int
	if err := tx.QueryRow(ctx, `SELECT customer_ref, linked, language, greeted FROM telegram_chats WHERE chat_id = ?`, u.ChatID).
		Scan(&c.ref, &linked, &c.language, &greeted); err != nil {
		return c, err
	}
	c.linked, c.greeted = linked == 1, greeted == 1
	return c, nil
}

// openTicket is the chat's newest ticket that is not closed, 0 if none.
func openTicket(ctx context.Context, tx *store.Tx, chatID int64) (int64, error) {
	ids, err := tx.QueryIDs(ctx, `SELECT tt.ticket_id FROM telegram_tickets tt JOIN tickets t ON t.id = tt.ticket_id
		WHERE tt.chat_id = ? AND t.status <> ? ORDER BY tt.ticket_id DESC LIMIT 1`, chatID, string(ticket.StatusClosed))
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}

// write stores the customer's text on the chat's open ticket, or opens one.
func (b *Bot) write(ctx context.Context, tx *store.Tx, c chatRow, u Update) error {
	ref := ticket.CustomerRef{ExternalID: c.ref}
	id, err := openTicket(ctx, tx, c.id)
	if err != nil {
		return err
	}
	if id != 0 {
		if _, err := b.cfg.Tickets.CustomerTicket(ctx, ref, id); err == nil {
			_, err = b.cfg.Tickets.AppendAsCustomer(ctx, ref, id, u.Text)
			return err
		} else if !errs.Is(err, errs.NotFound) {
			return err
		}
	}
	nc := ticket.NewCustomer{ExternalID: c.ref, Name: u.Name, Language: c.language}
	if c.linked && b.cfg.Mint != nil {
		nc.Identity = b.cfg.Mint(c.ref)
	}
	t, err := b.cfg.Tickets.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Telegram conversation", Message: u.Text,
		Channel: Channel, Customer: nc, Language: c.language})
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO telegram_tickets (ticket_id, chat_id) VALUES (?, ?)`, t.ID, c.id)
	return err
}

// link redeems a deep-link token: the chat now writes as the exchange
// user, and its open ticket moves to them with L1.
func (b *Bot) link(ctx context.Context, tx *store.Tx, c chatRow, token string) error {
	if b.cfg.Mint == nil {
		return b.enqueueText(ctx, tx, c.id, "Linking an exchange account is not available here.")
	}
	user, err := b.cfg.Links.Redeem(ctx, tx, token, c.id)
	if err != nil {
		if e, ok := errs.As(err); ok && e.Kind == errs.Unauthorized {
			return b.enqueueText(ctx, tx, c.id, e.Msg)
		}
		return err
	}
	if c.linked && user != c.ref {
		// A deep link is a URL anyone can send: a chat linked to one
		// account never moves, with its conversation, to another's.
		return b.enqueueText(ctx, tx, c.id, noticeLinkedElsewhere)
	}
	if id, err := openTicket(ctx, tx, c.id); err != nil {
		return err
	} else if id != 0 && user != c.ref {
		to := ticket.NewCustomer{ExternalID: user, Language: c.language, Identity: b.cfg.Mint(user)}
		if err := b.cfg.Tickets.AttachCustomer(ctx, ticket.CustomerRef{ExternalID: c.ref}, id, to); err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE telegram_chats SET customer_ref = ?, linked = 1, updated_at = ? WHERE chat_id = ?`, user, tx.Now(), c.id); err != nil {
		return err
	}
	return b.enqueueText(ctx, tx, c.id, noticeLinked)
}

// verify answers /verify <handle, link, address or agent code>, in the
// user's language: the verdict a scammer's victim cannot read is no help.
func (b *Bot) verify(ctx context.Context, tx *store.Tx, c chatRow, u Update, arg string) error {
	lang, err := b.verifyLanguage(ctx, tx, c, u)
	if err != nil {
		return err
	}
	words := guard.VerifyPageText(lang)
	if arg == "" {
		return b.enqueueText(ctx, tx, c.id, words["intro"]+"\n/verify "+b.cfg.Bot)
	}
	if b.cfg.Verifier == nil {
		return b.enqueueText(ctx, tx, c.id, words["title"]+" "+b.cfg.Site+"/verify")
	}
	v, err := b.cfg.Verifier.VerifyIn(ctx, clip(arg, 500), lang)
	if err != nil {
		if e, ok := errs.As(err); ok && e.Kind != errs.Internal {
			// In the language of the verdicts, not the API's English.
			return b.enqueueText(ctx, tx, c.id, guard.VerifyErrorText(err, lang))
		}
		return err
	}
	text := v.Message
	if v.Detail != "" {
		text += "\n" + v.Detail
	}
	if v.Report != nil && v.Report.Text != "" {
		text += "\n" + v.Report.Text
	}
	return b.enqueueText(ctx, tx, c.id, text)
}

// verifyLanguage is the language to answer /verify in: the sender's
// language_code, else the one detected in the chat's latest conversation
// (routing sets a ticket's language from its text), else English.
func (b *Bot) verifyLanguage(ctx context.Context, tx *store.Tx, c chatRow, u Update) (string, error) {
	if u.LanguageReported && guard.VerifyLanguage(u.Language) {
		return u.Language, nil
	}
	var detected string
	err := tx.QueryRow(ctx, `SELECT t.language FROM telegram_tickets tt JOIN tickets t ON t.id = tt.ticket_id
		WHERE tt.chat_id = ? ORDER BY tt.ticket_id DESC LIMIT 1`, c.id).Scan(&detected)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("telegram verify language: %w", err)
	}
	if guard.VerifyLanguage(detected) {
		return detected, nil
	}
	return "en", nil
}
