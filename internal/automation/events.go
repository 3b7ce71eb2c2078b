package automation

import "github.com/groundcrew/groundcrew/internal/bus"

// The events automation emits (docs/events.md lists them).
var (
	// RuleFired: a rule's conditions held and its actions ran on a ticket.
	RuleFired = bus.NewTopic[RuleFiredEvent]("automation.rule_fired", 1)
	// Notified: a rule's notify action, for the audience it names (the
	// on-call agents of a team, a team, a queue's agents).
	Notified = bus.NewTopic[NotifiedEvent]("automation.notified", 1)
	// Stopped: the runtime guard stopped automation on a ticket that rules
	// changed too often; supervisors also get alert.raised.
	Stopped = bus.NewTopic[StoppedEvent]("automation.stopped", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind { return []bus.Kind{RuleFired, Notified, Stopped} }

// RuleFiredEvent names the rule, the ticket, the trigger and what failed
// (an action refused, e.g. by the outbound guard; the others still ran).
type RuleFiredEvent struct {
	TicketID int64    `json:"ticket_id"`
	RuleID   int64    `json:"rule_id"`
	RuleName string   `json:"rule_name"`
	Trigger  string   `json:"trigger"`
	Failed   []string `json:"failed,omitempty"`
}

// NotifiedEvent: Audience is "oncall:<team>", "team:<team>" or
// "queue:<queue>".
type NotifiedEvent struct {
	TicketID int64  `json:"ticket_id"`
	RuleID   int64  `json:"rule_id"`
	Audience string `json:"audience"`
	Message  string `json:"message"`
}

// StoppedEvent: RuleID is the rule that would have run once too often.
type StoppedEvent struct {
	TicketID int64 `json:"ticket_id"`
	RuleID   int64 `json:"rule_id"`
	Changes  int   `json:"changes_last_minute"`
}
