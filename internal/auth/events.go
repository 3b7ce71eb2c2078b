package auth

import (
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
)

// The events the auth package emits (docs/events.md lists every
// package's). JSON names are the wire format of the outbox, the bus and
// event_log: change one only with a new topic version.
var (
	AgentCreated = bus.NewTopic[AgentCreatedEvent]("agent.created", 1)
	// AgentUpdated: an agent's role, teams, active flag, name or e-mail
	// changed; read the agent for the new values.
	AgentUpdated = bus.NewTopic[AgentUpdatedEvent]("agent.updated", 1)
	TeamCreated  = bus.NewTopic[TeamCreatedEvent]("team.created", 1)
	// AlertRaised tells supervisors something needs a look now.
	AlertRaised      = bus.NewTopic[AlertRaisedEvent]("alert.raised", 1)
	StepUpRequested  = bus.NewTopic[StepUpRequestedEvent]("customer.step_up_requested", 1)
	CustomerVerified = bus.NewTopic[CustomerVerifiedEvent]("customer.verified", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind {
	return []bus.Kind{AgentCreated, AgentUpdated, TeamCreated, AlertRaised, StepUpRequested, CustomerVerified}
}

// AgentCreatedEvent: an admin created an agent.
type AgentCreatedEvent struct {
	AgentID int64 `json:"agent_id"`
	Role    Role  `json:"role"`
}

// AgentUpdatedEvent: an agent's account changed.
type AgentUpdatedEvent struct {
	AgentID int64 `json:"agent_id"`
}

// TeamCreatedEvent: an admin created a team.
type TeamCreatedEvent struct {
	TeamID int64 `json:"team_id"`
}

// AlertRaisedEvent is an alert for an audience of agents (Audience is a
// role: supervisors, say); Message is written for them to read.
type AlertRaisedEvent struct {
	Alert     string `json:"alert"` // kind, e.g. AlertSignInFailures
	Severity  string `json:"severity"`
	Audience  string `json:"audience"`
	AgentID   int64  `json:"agent_id"`
	AgentName string `json:"agent_name"`
	Failures  int    `json:"failures"`
	Message   string `json:"message"`
	TicketID  int64  `json:"ticket_id,omitempty"` // the ticket it is about, if one
}

// StepUpRequestedEvent: an agent (AgentID, nil for the system) asked the
// customer of a ticket to prove who they are again.
type StepUpRequestedEvent struct {
	StepUpID   int64  `json:"step_up_id"`
	TicketID   int64  `json:"ticket_id"`
	CustomerID int64  `json:"customer_id"`
	AgentID    *int64 `json:"agent_id"`
}

// CustomerVerifiedEvent: the exchange vouched for a customer at Level by
// Method, until Until (nil: no expiry), on a ticket or not, fulfilling the
// pending step-ups listed.
type CustomerVerifiedEvent struct {
	CustomerID int64      `json:"customer_id"`
	UserID     string     `json:"user_id"`
	Level      string     `json:"level"` // "L1", "L2", ...
	Method     string     `json:"method"`
	TicketID   *int64     `json:"ticket_id"`
	Until      *time.Time `json:"until,omitempty"`
	StepUpIDs  []int64    `json:"step_up_ids,omitempty"`
}
