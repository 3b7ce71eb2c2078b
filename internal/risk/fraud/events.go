package fraud

import "github.com/groundcrew/groundcrew/internal/bus"

// The events the fraud package emits (docs/events.md lists them). JSON
// names are the wire format: change one only with a new topic version.
var (
	// EntityFlagged: a security specialist flagged an entity as a scam;
	// it is on the exchange's list from now on (webhooks deliver it).
	EntityFlagged = bus.NewTopic[EntityFlaggedEvent]("fraud.entity_flagged", 1)
	// ClusterDismissed: a specialist decided an entity's reports are no
	// scam (an exchange's own deposit address, a popular site); it raises
	// no alert again.
	ClusterDismissed = bus.NewTopic[ClusterDismissedEvent]("fraud.cluster_dismissed", 1)
	// EntityUnflagged: a specialist withdrew a flag (it was wrong); the
	// entity is off the exchange's list (webhooks deliver it).
	EntityUnflagged = bus.NewTopic[EntityUnflaggedEvent]("fraud.entity_unflagged", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind { return []bus.Kind{EntityFlagged, ClusterDismissed, EntityUnflagged} }

// EntityFlaggedEvent is what the exchange's list says of the entity: no
// ticket and no customer.
type EntityFlaggedEvent struct {
	EntityID  int64  `json:"entity_id"`
	Kind      string `json:"kind"`
	Value     string `json:"value"`
	Reason    string `json:"reason"`
	Cursor    int64  `json:"cursor"` // its place in the flagged list (the since-cursor)
	FlaggedAt int64  `json:"flagged_at"`
}

// ClusterDismissedEvent names the entity and the specialist.
type ClusterDismissedEvent struct {
	EntityID int64 `json:"entity_id"`
	AgentID  int64 `json:"agent_id"`
}

// EntityUnflaggedEvent says an entity left the exchange's list, and why:
// like EntityFlaggedEvent, no ticket and no customer.
type EntityUnflaggedEvent struct {
	EntityID    int64  `json:"entity_id"`
	Kind        string `json:"kind"`
	Value       string `json:"value"`
	Reason      string `json:"reason"` // why the flag was withdrawn
	Cursor      int64  `json:"cursor"` // the removal's place in the flagged list (the since-cursor)
	UnflaggedAt int64  `json:"unflagged_at"`
}
