// Package bot is the support bot in the live chat: it reads each customer
// message (internal/bot/nlu), then acts on it: answers from the knowledge
// base (the best article's passage with its link), answers from live tools
// (deposit diagnosis, withdrawal status, account state through the
// exchange adapter), runs a self-service flow, or hands the conversation
// to a person with a summary, pre-routed and pre-prioritised.
//
// The bot writes as author kind "bot" through ticket.Store.BotReply, so the
// outbound guard reads every reply like an agent's. Actions on the account
// come only from flows (flows.go): a flow is a small state machine with its
// own verification level and an explicit confirmation step, started by a
// toolbar button or offered by the bot; nothing a customer writes can make
// the bot act by itself. Flow state lives in bot_conversations, so a flow
// resumes after a reconnect on any node.
//
// The bot runs from the durable bus consumer "bot" of message.created: one
// node handles each customer message, in order, after it committed; intake
// stays fast under a spike and the bot catches up.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bot/llm"
	"github.com/groundcrew/groundcrew/internal/bot/nlu"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Analyzer reads a message (*nlu.Analyzer).
type Analyzer interface {
	Analyze(ctx context.Context, text, pageLang string) nlu.Analysis
}

// Tickets is what the bot needs of the ticket store (*ticket.Store).
type Tickets interface {
	Head(ctx context.Context, v ticket.Viewer, id int64) (ticket.Ticket, error)
	OpenEventBody(ctx context.Context, ev ticket.MessageCreatedEvent) (string, error)
	BotReply(ctx context.Context, id int64, body string) (ticket.Message, error)
	BotReplyWaiting(ctx context.Context, id int64, body string) (ticket.Message, error)
	BotNote(ctx context.Context, id int64, body string) (ticket.Message, error)
	HandOffFromBot(ctx context.Context, id int64, h ticket.BotHandOff) (bool, error)
	SystemUpdate(ctx context.Context, id int64, u ticket.Update, actor, reason string) (ticket.Ticket, error)
}

// Levels knows customers' verification and asks for step-ups
// (*auth.Verifications).
type Levels interface {
	Status(ctx context.Context, customerID, ticketID int64, opened time.Time) (auth.Verification, error)
	RequestStepUp(ctx context.Context, ticketID, customerID, agentID int64) (auth.StepUp, error)
}

// Articles searches the public knowledge base (*kb.Search).
type Articles interface {
	Query(ctx context.Context, lang, text string, limit int) ([]kb.Hit, error)
}

// Deposits diagnoses a deposit from a customer's text (*diagnose.Diagnoser).
type Deposits interface {
	FromMessage(ctx context.Context, text, userID, language string) (diagnose.Result, bool, error)
}

// Auditor records what flows did (*audit.Log).
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
	// ChainInput is what a record may keep of a TxID the customer typed.
	ChainInput(input string) string
}

// Signaler tells every node's chat sockets that a flow moved (*bus.Bus).
type Signaler interface {
	Signal(subject string, payload any) error
}

// Config is the bot's setup. Exchange, Deposits and Articles may be nil:
// the bot then hands off what it would have needed them for.
type Config struct {
	DB       *store.DB
	Tickets  Tickets
	Analyzer Analyzer
	Levels   Levels
	Articles Articles
	Deposits Deposits
	// Recovery decides whether a diagnosed deposit can be appealed; nil:
	// the bot offers no appeals.
	Recovery Recovery
	Exchange exchange.Exchange
	Audit    Auditor
	Signal   Signaler
	Log      *slog.Logger
	// PublicURL is where customers reach Groundcrew: article and step-up
	// links are made from it.
	PublicURL string
	// FlowSubject names the signal that a ticket's flow moved
	// (chat.FlowSubject); nil: no signal.
	FlowSubject func(ticketID int64) string
	// MinConfidence is the intent confidence under which the bot does not
	// act on the intent (default 0.45).
	MinConfidence float64
	// Model phrases knowledge-base answers from the retrieved passages,
	// citing them; nil (or a refused or failed answer): the passage itself.
	Model *llm.Writer
	// HandedOff, when set, is told after a turn that handed the chat to a
	// person was saved (routing offers it to an agent then).
	HandedOff func(ctx context.Context, ticketID int64) error
}

// Bot is the support bot of one node.
type Bot struct {
	cfg Config
	log *slog.Logger
}

// New checks cfg and returns the bot.
func New(cfg Config) (*Bot, error) {
	if cfg.DB == nil || cfg.Tickets == nil || cfg.Analyzer == nil || cfg.Levels == nil || cfg.Audit == nil {
		return nil, errors.New("bot: a database, the ticket store, an analyzer, verification levels and an audit log are required")
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.MinConfidence <= 0 {
		cfg.MinConfidence = 0.45
	}
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	return &Bot{cfg: cfg, log: cfg.Log}, nil
}

// Consumer is the bus the bot reads from (*bus.Bus).
type Consumer interface {
	Consume(ctx context.Context, durable, filter string, h bus.Handler) error
}

// Start runs the bot's durable consumer until ctx ends.
func (b *Bot) Start(ctx context.Context, c Consumer) error {
	if err := c.Consume(ctx, "bot", ticket.MessageCreated.Subject(), b.handle); err != nil {
		return fmt.Errorf("bot: consume: %w", err)
	}
	if err := c.Consume(ctx, "bot-verified", auth.CustomerVerified.Subject(), b.verified); err != nil {
		return fmt.Errorf("bot: consume: %w", err)
	}
	return nil
}

// verified moves a flow that waits for a step-up on to its confirmation
// as soon as the customer completed it, without waiting for "Continue".
func (b *Bot) verified(ctx context.Context, ev store.Event) error {
	v, ok, err := auth.CustomerVerified.Decode(ev)
	if err != nil || !ok || v.Level != auth.L2.String() || v.TicketID == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := b.resume(ctx, *v.TicketID); err != nil {
		b.log.Error("bot: resume after a step-up", "ticket", *v.TicketID, "err", err)
	}
	return nil
}

// handle is the consumer: a customer's public message on a chat ticket is
// a turn. A failed turn is logged and not retried: answering late twice is
// worse than a hand-off the agent sees anyway.
func (b *Bot) handle(ctx context.Context, ev store.Event) error {
	m, ok, err := ticket.MessageCreated.Decode(ev)
	if err != nil || !ok || m.Internal || m.AuthorKind != "customer" {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := b.Turn(ctx, m); err != nil {
		b.log.Error("bot: turn failed", "ticket", m.TicketID, "message", m.MessageID, "err", err)
	}
	return nil
}

// notify tells the chat sockets of ticketID that its flow moved.
func (b *Bot) notify(ticketID int64) {
	if b.cfg.Signal == nil || b.cfg.FlowSubject == nil {
		return
	}
	if err := b.cfg.Signal.Signal(b.cfg.FlowSubject(ticketID), map[string]int64{"ticket_id": ticketID}); err != nil {
		b.log.Warn("bot: flow signal", "ticket", ticketID, "err", err)
	}
}
