package workforce

import "github.com/groundcrew/groundcrew/internal/bus"

// The events the workforce emits (docs/events.md lists them).
var (
	// SurgeChanged: a supervisor turned the surge setting on or off.
	SurgeChanged = bus.NewTopic[SurgeChangedEvent]("workforce.surge_changed", 1)
	// TicketFlagged: a conversation was flagged abusive or distressing.
	TicketFlagged = bus.NewTopic[TicketFlaggedEvent]("workforce.ticket_flagged", 1)
	// BreathingStarted: an agent gets no chat offers until a time.
	BreathingStarted = bus.NewTopic[BreathingStartedEvent]("workforce.breathing_started", 1)
	// ShiftsChanged: a shift was added or removed.
	ShiftsChanged = bus.NewTopic[ShiftsChangedEvent]("workforce.shifts_changed", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind {
	return []bus.Kind{SurgeChanged, TicketFlagged, BreathingStarted, ShiftsChanged}
}

// SurgeChangedEvent says whether surge is on and who switched it.
type SurgeChangedEvent struct {
	On      bool  `json:"on"`
	AgentID int64 `json:"agent_id"`
}

// TicketFlaggedEvent names the ticket, the kind of flag and its source.
type TicketFlaggedEvent struct {
	TicketID int64  `json:"ticket_id"`
	Kind     string `json:"kind"`     // abusive, distressing
	Source   string `json:"source"`   // agent, detected
	AgentID  *int64 `json:"agent_id"` // the flagging agent (source agent)
}

// BreathingStartedEvent: agent AgentID is offered no chat before Until (Unix ms).
type BreathingStartedEvent struct {
	AgentID  int64 `json:"agent_id"`
	Until    int64 `json:"until"`
	TicketID int64 `json:"ticket_id"`
}

// ShiftsChangedEvent names the shift and its team.
type ShiftsChangedEvent struct {
	ShiftID int64  `json:"shift_id"`
	TeamID  int64  `json:"team_id"`
	Change  string `json:"change"` // added, removed
}
