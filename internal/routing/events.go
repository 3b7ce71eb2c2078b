package routing

import "github.com/groundcrew/groundcrew/internal/bus"

// The events routing emits (docs/events.md lists every package's). JSON
// names are the wire format: change one only with a new topic version.
var (
	// TicketQueued: routing put a ticket in a queue (new, re-routed after
	// a field change or an escalation).
	TicketQueued = bus.NewTopic[TicketQueuedEvent]("routing.ticket_queued", 1)
	// QueuesChanged: an admin changed the queues or their order.
	QueuesChanged = bus.NewTopic[QueuesChangedEvent]("routing.queues_changed", 1)
	// AgentChanged: an agent's skills, capacity or availability changed.
	AgentChanged = bus.NewTopic[AgentChangedEvent]("routing.agent_changed", 1)
	// TicketOffered: a chat was offered to an agent until ExpiresAt.
	TicketOffered = bus.NewTopic[TicketOfferedEvent]("routing.ticket_offered", 1)
	// OfferEnded: an offer was accepted, declined, timed out or withdrawn.
	OfferEnded = bus.NewTopic[OfferEndedEvent]("routing.offer_ended", 1)
	// TicketAssigned: routing gave a ticket to an agent (offer accepted,
	// "next ticket", or a push).
	TicketAssigned = bus.NewTopic[TicketAssignedEvent]("routing.ticket_assigned", 1)
	// QueueUnstaffed: a ticket waits in a queue no online agent can take.
	QueueUnstaffed = bus.NewTopic[QueueUnstaffedEvent]("routing.queue_unstaffed", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind {
	return []bus.Kind{TicketQueued, QueuesChanged, AgentChanged, TicketOffered, OfferEnded, TicketAssigned, QueueUnstaffed}
}

// TicketQueuedEvent names the queue and why.
type TicketQueuedEvent struct {
	TicketID  int64  `json:"ticket_id"`
	QueueID   int64  `json:"queue_id"`
	FromQueue *int64 `json:"from_queue_id"`
	Reason    string `json:"reason"`
}

// QueuesChangedEvent: who changed the queues.
type QueuesChangedEvent struct {
	AgentID int64 `json:"agent_id"`
}

// AgentChangedEvent: the agent whose routing profile changed, and their
// availability now.
type AgentChangedEvent struct {
	AgentID      int64  `json:"agent_id"`
	Availability string `json:"availability"`
}

// TicketOfferedEvent: the offer.
type TicketOfferedEvent struct {
	TicketID  int64 `json:"ticket_id"`
	AgentID   int64 `json:"agent_id"`
	ExpiresAt int64 `json:"expires_at"` // Unix ms
}

// OfferEndedEvent: how the offer ended (accepted, declined, expired, withdrawn).
type OfferEndedEvent struct {
	TicketID int64  `json:"ticket_id"`
	AgentID  int64  `json:"agent_id"`
	Outcome  string `json:"outcome"`
}

// TicketAssignedEvent: the assignment and how it came (offer, next, push).
type TicketAssignedEvent struct {
	TicketID int64  `json:"ticket_id"`
	AgentID  int64  `json:"agent_id"`
	QueueID  int64  `json:"queue_id"`
	Via      string `json:"via"`
}

// QueueUnstaffedEvent: the waiting ticket and its queue.
type QueueUnstaffedEvent struct {
	TicketID  int64  `json:"ticket_id"`
	QueueID   int64  `json:"queue_id"`
	QueueName string `json:"queue_name"`
}
