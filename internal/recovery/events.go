package recovery

import "github.com/groundcrew/groundcrew/internal/bus"

// The events recovery emits (docs/events.md lists them).
var (
	// AppealSubmitted: a customer accepted a quote, which submitted an appeal.
	AppealSubmitted = bus.NewTopic[AppealEvent]("recovery.appeal_submitted", 1)
	// StatusChanged: an appeal moved to another step; Text tells the
	// customer in their language.
	StatusChanged = bus.NewTopic[AppealEvent]("recovery.status_changed", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind { return []bus.Kind{AppealSubmitted, StatusChanged} }

// AppealEvent names the appeal, its customer and its new status.
type AppealEvent struct {
	AppealID int64  `json:"appeal_id"`
	UserID   string `json:"user_id"`
	Status   string `json:"status"`
	Language string `json:"language"`
	Text     string `json:"text,omitempty"`
}
