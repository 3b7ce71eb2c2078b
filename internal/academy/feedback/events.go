package feedback

import "github.com/groundcrew/groundcrew/internal/bus"

// Tagged: an agent tagged product feedback on a ticket. The product teams'
// webhooks subscribe to it. The agent's note is not in the event (it may
// quote the customer); the report page and the CSV carry it masked.
var Tagged = bus.NewTopic[TaggedEvent]("feedback.tagged", 1)

// Topics is the package's catalogue.
func Topics() []bus.Kind { return []bus.Kind{Tagged} }

// TaggedEvent names the tag, its ticket and what it says about the product.
type TaggedEvent struct {
	TagID       int64  `json:"tag_id"`
	TicketID    int64  `json:"ticket_id"`
	Kind        Kind   `json:"kind"`
	ProductArea string `json:"product_area"`
	AgentID     int64  `json:"agent_id"`
	At          int64  `json:"at"` // Unix milliseconds
}
