package ticket

import (
	"context"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
)

// The events the ticket store emits (docs/events.md lists every package's).
// JSON names are the wire format of the outbox, the bus and event_log:
// change one only with a new topic version.
var (
	TicketCreated   = bus.NewTopic[TicketCreatedEvent]("ticket.created", 1)
	TicketUpdated   = bus.NewTopic[TicketUpdatedEvent]("ticket.updated", 1)
	StatusChanged   = bus.NewTopic[StatusChangedEvent]("ticket.status_changed", 1)
	TicketEscalated = bus.NewTopic[TicketEscalatedEvent]("ticket.escalated", 1)
	// MessageCreated is a public message: the customer's, an agent's, the
	// bot's or the system's. NoteCreated is an internal note, same payload.
	MessageCreated  = bus.NewTopic[MessageCreatedEvent]("message.created", 1)
	NoteCreated     = bus.NewTopic[MessageCreatedEvent]("note.created", 1)
	CustomerUpdated = bus.NewTopic[CustomerUpdatedEvent]("customer.updated", 1)
	// SecretRedacted: the guard cut a secret out of a message or a new
	// ticket's fields. With Earlier set it rewrote text stored before (a
	// phrase completed over several messages): a live view showing
	// MessageID or the subject reloads it.
	SecretRedacted = bus.NewTopic[SecretRedactedEvent]("guard.secret_redacted", 1)
	// CustomerAttached: an anonymous chat visitor signed in, and their
	// ticket now belongs to the signed-in customer (internal/chat).
	CustomerAttached = bus.NewTopic[CustomerAttachedEvent]("ticket.customer_attached", 1)
	// OutboundBlocked: the outbound guard refused an agent's message.
	OutboundBlocked = bus.NewTopic[OutboundBlockedEvent]("guard.outbound_blocked", 1)
	// Snoozed: an agent snoozed a ticket; SnoozeEnded: the snooze ended
	// (its time came, the customer wrote, an agent woke it, or it was
	// solved) and the ticket is back in the inbox's working views.
	Snoozed     = bus.NewTopic[SnoozedEvent]("ticket.snoozed", 1)
	SnoozeEnded = bus.NewTopic[SnoozeEndedEvent]("ticket.snooze_ended", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind {
	return []bus.Kind{TicketCreated, TicketUpdated, StatusChanged, TicketEscalated,
		MessageCreated, NoteCreated, CustomerUpdated, SecretRedacted, OutboundBlocked, CustomerAttached, Snoozed, SnoozeEnded}
}

// TicketCreatedEvent: a ticket was opened (its first message follows as a
// message.created event of the same transaction).
type TicketCreatedEvent struct {
	TicketID    int64    `json:"ticket_id"`
	CustomerID  int64    `json:"customer_id"`
	Channel     string   `json:"channel"`
	Priority    Priority `json:"priority"`
	ProductArea string   `json:"product_area"`
	Language    string   `json:"language"`
	Tier        int      `json:"tier"`
	TeamID      *int64   `json:"team_id"`
}

// TicketUpdatedEvent: an agent changed a ticket's fields; Changes is keyed
// by column (status, priority, team_id, assignee_id, tags, ...).
type TicketUpdatedEvent struct {
	TicketID int64             `json:"ticket_id"`
	AgentID  int64             `json:"agent_id"`
	Actor    string            `json:"actor,omitempty"` // a system part ("sla"); AgentID is then 0
	Changes  map[string]Change `json:"changes"`
}

// StatusChangedEvent: a ticket's status changed, by an agent's update or
// because the customer wrote on a ticket waiting on them or solved.
type StatusChangedEvent struct {
	TicketID int64  `json:"ticket_id"`
	From     Status `json:"from"`
	To       Status `json:"to"`
}

// TicketEscalatedEvent: an agent moved a ticket to another tier.
type TicketEscalatedEvent struct {
	TicketID int64  `json:"ticket_id"`
	FromTier int    `json:"from_tier"`
	ToTier   int    `json:"to_tier"`
	AgentID  int64  `json:"agent_id"`
	Reason   string `json:"reason"`
	Actor    string `json:"actor,omitempty"` // a system part ("sla"); AgentID is then 0
}

// MessageCreatedEvent is a new message or note with what a live view needs
// to show it without reading the database: where it belongs (ticket,
// customer, team, assignee), who wrote it, and its body sealed exactly as
// messages.body stores it. The body is never in clear in an event, since
// event_log keeps events at rest; open it with Store.OpenEventBody.
type MessageCreatedEvent struct {
	TicketID   int64      `json:"ticket_id"`
	MessageID  int64      `json:"message_id"`
	CustomerID int64      `json:"customer_id"`
	TeamID     *int64     `json:"team_id"`
	AssigneeID *int64     `json:"assignee_id"`
	AuthorKind AuthorKind `json:"author_kind"`
	AuthorID   *int64     `json:"author_id"`
	Internal   bool       `json:"internal"`
	Sealed     string     `json:"sealed_body"`
	// Withheld: the body is not in the event (Sealed is empty) because the
	// guard may still cut words of it when a later message completes a
	// phrase; OpenEventBody reads it from the database instead.
	Withheld bool      `json:"body_withheld,omitempty"`
	At       time.Time `json:"created_at"`
	// Count is the ticket's message count (notes included) with this
	// message: a live view that sees it skip one missed a message.
	Count int `json:"message_count,omitempty"`
}

// CustomerAttachedEvent names the ticket and its customer before and after.
type CustomerAttachedEvent struct {
	TicketID       int64 `json:"ticket_id"`
	FromCustomerID int64 `json:"from_customer_id"`
	ToCustomerID   int64 `json:"to_customer_id"`
}

// CustomerUpdatedEvent: an agent changed a customer's contact fields; the
// values are in the audit log, not here.
type CustomerUpdatedEvent struct {
	CustomerID int64    `json:"customer_id"`
	Fields     []string `json:"fields"`
}

// SecretRedactedEvent names the kinds of secret the guard removed, never
// the secret. MessageID is set for a message, Fields ("subject", form
// fields) for a ticket's own text.
type SecretRedactedEvent struct {
	TicketID   int64      `json:"ticket_id"`
	MessageID  int64      `json:"message_id,omitempty"`
	AuthorKind AuthorKind `json:"author_kind,omitempty"`
	Fields     []string   `json:"fields,omitempty"`
	Kinds      []string   `json:"kinds"`
	Earlier    bool       `json:"earlier,omitempty"`
}

// OutboundBlockedEvent: the outbound guard refused a message. TicketID is
// nil when the refused message would have opened the ticket.
type OutboundBlockedEvent struct {
	TicketID *int64 `json:"ticket_id"`
	AuthorID *int64 `json:"author_id"`
}

// OpenEventBody opens the sealed body a message.created or note.created
// event carries, with the same keys as the stored message; for an event
// whose body was withheld it reads the message as it is stored now (with
// any later cut applied). Concurrent callers on one node asking for the
// same withheld body share one read (withheldReads).
func (s *Store) OpenEventBody(ctx context.Context, ev MessageCreatedEvent) (string, error) {
	sealed := ev.Sealed
	if ev.Withheld {
		var err error
		if sealed, err = s.withheld.read(ctx, s, ev.TicketID, ev.MessageID); err != nil {
			return "", err
		}
	}
	return s.openBody(ev.TicketID, ev.MessageID, sealed)
}

// SnoozedEvent: Until is nil when the snooze lasts until the customer
// replies.
type SnoozedEvent struct {
	TicketID   int64      `json:"ticket_id"`
	Until      *time.Time `json:"until"`
	UntilReply bool       `json:"until_reply"`
	AgentID    int64      `json:"agent_id"`
}

// SnoozeEndedEvent: Reason is time, customer, agent or status.
type SnoozeEndedEvent struct {
	TicketID int64     `json:"ticket_id"`
	Reason   string    `json:"reason"`
	At       time.Time `json:"at"`
}
