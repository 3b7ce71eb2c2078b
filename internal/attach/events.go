package attach

import "github.com/groundcrew/groundcrew/internal/bus"

// AttachmentAdded is emitted when a file is attached to a ticket.
var AttachmentAdded = bus.NewTopic[AddedEvent]("attachment.added", 1)

// AddedEvent is AttachmentAdded's payload.
type AddedEvent struct {
	TicketID     int64  `json:"ticket_id"`
	AttachmentID int64  `json:"attachment_id"`
	UploaderKind string `json:"uploader_kind"`
	UploaderID   *int64 `json:"uploader_id,omitempty"`
	ContentType  string `json:"content_type"`
	Size         int64  `json:"size"`
}

// Topics is the package's catalogue.
func Topics() []bus.Kind { return []bus.Kind{AttachmentAdded} }
