package guard

import "github.com/groundcrew/groundcrew/internal/bus"

// The events the guard package emits (docs/events.md lists every
// package's; the guard's verdicts on messages, guard.secret_redacted and
// guard.outbound_blocked, are emitted by the ticket store, which applies
// them). JSON names are the wire format: change one only with a new topic
// version.
var (
	OfficialChannelAdded   = bus.NewTopic[OfficialChannelEvent]("official_channel.added", 1)
	OfficialChannelRemoved = bus.NewTopic[OfficialChannelEvent]("official_channel.removed", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind {
	return []bus.Kind{OfficialChannelAdded, OfficialChannelRemoved}
}

// OfficialChannelEvent: an admin added a channel to the official registry
// or removed one; the value is in the audit log.
type OfficialChannelEvent struct {
	ChannelID int64  `json:"channel_id"`
	Kind      string `json:"kind"`
}
