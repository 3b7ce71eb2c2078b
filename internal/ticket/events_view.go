package ticket

import "github.com/groundcrew/groundcrew/internal/bus"

// The ticket view's events: mentions in notes, merged tickets and the
// decisions on held replies. They are a catalogue of their own
// (ViewTopics) beside Topics.
var (
	// MentionCreated: an internal note mentions an agent (one event per
	// agent); the note itself is a note.created event of the same
	// transaction.
	MentionCreated = bus.NewTopic[MentionCreatedEvent]("mention.created", 1)
	// TicketMerged: a duplicate was merged into a ticket of its customer.
	TicketMerged = bus.NewTopic[TicketMergedEvent]("ticket.merged", 1)
	// HeldDecided: a supervisor released or rejected a held reply (or
	// the guard refused it at release); its author is notified.
	HeldDecided = bus.NewTopic[HeldDecidedEvent]("held.decided", 1)
)

// ViewTopics is the ticket view's catalogue.
func ViewTopics() []bus.Kind { return []bus.Kind{MentionCreated, TicketMerged, HeldDecided} }

// MentionCreatedEvent names the note, its ticket, the agent it mentions and
// its author.
type MentionCreatedEvent struct {
	TicketID  int64  `json:"ticket_id"`
	MessageID int64  `json:"message_id"`
	AgentID   int64  `json:"agent_id"`
	AuthorID  *int64 `json:"author_id"`
}

// TicketMergedEvent: SourceID was merged into TicketID (and closed); Moved
// messages and notes moved over.
type TicketMergedEvent struct {
	TicketID   int64 `json:"ticket_id"`
	SourceID   int64 `json:"source_id"`
	CustomerID int64 `json:"customer_id"`
	AgentID    int64 `json:"agent_id"`
	Moved      int   `json:"moved"`
}

// HeldDecidedEvent: held reply HeldID on TicketID, written by AuthorID,
// was released (Status "released", MessageID the message sent) or
// rejected by DecidedBy; Note is the supervisor's reason (or the guard's,
// when it refused the reply at release). Note is the supervisor's own
// words, never the reply's text.
type HeldDecidedEvent struct {
	TicketID  int64  `json:"ticket_id"`
	HeldID    int64  `json:"held_id"`
	AuthorID  int64  `json:"author_id"`
	DecidedBy int64  `json:"decided_by"`
	Status    string `json:"status"`
	Note      string `json:"note"`
	MessageID *int64 `json:"message_id"`
}
