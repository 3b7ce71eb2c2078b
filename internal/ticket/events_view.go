package ticket

import "github.com/groundcrew/groundcrew/internal/bus"

// The ticket view's events: mentions in notes and merged tickets. They are
// a catalogue of their own (ViewTopics) beside Topics.
var (
	// MentionCreated: an internal note mentions an agent (one event per
	// agent); the note itself is a note.created event of the same
	// transaction.
	MentionCreated = bus.NewTopic[MentionCreatedEvent]("mention.created", 1)
	// TicketMerged: a duplicate was merged into a ticket of its customer.
	TicketMerged = bus.NewTopic[TicketMergedEvent]("ticket.merged", 1)
)

// ViewTopics is the ticket view's catalogue.
func ViewTopics() []bus.Kind { return []bus.Kind{MentionCreated, TicketMerged} }

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
