package sla

import (
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
)

// The events the SLA scheduler emits (docs/events.md lists them).
var (
	// WarningTopic: a target's warning share has run (80 % by default) and it
	// is not met yet.
	WarningTopic = bus.NewTopic[WarningEvent]("sla.warning", 1)
	// BreachedTopic: a target's due time passed while its clock ran; the ticket
	// was raised one priority step and escalated one tier where it could.
	BreachedTopic = bus.NewTopic[BreachedEvent]("sla.breached", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind { return []bus.Kind{WarningTopic, BreachedTopic} }

// WarningEvent names the ticket, the target and when it falls due.
type WarningEvent struct {
	TicketID int64     `json:"ticket_id"`
	Target   Target    `json:"target"`
	PolicyID int64     `json:"policy_id"`
	DueAt    time.Time `json:"due_at"`
}

// BreachedEvent names the ticket, the target, when it was due and what the
// breach changed: RaisedTo is the new priority ("" when it was urgent
// already), EscalatedTo the new tier (0 when it was at tier 3).
type BreachedEvent struct {
	TicketID    int64     `json:"ticket_id"`
	Target      Target    `json:"target"`
	PolicyID    int64     `json:"policy_id"`
	DueAt       time.Time `json:"due_at"`
	RaisedTo    string    `json:"raised_to,omitempty"`
	EscalatedTo int       `json:"escalated_to,omitempty"`
}
