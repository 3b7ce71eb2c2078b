package status

import "github.com/groundcrew/groundcrew/internal/bus"

// The events the status package emits (docs/events.md lists them). Every
// node's status page cache subscribes to gc.status.> and rebuilds on any
// of them, so every node shows the same page.
var (
	// IncidentOpenedTopic: an incident was opened or maintenance scheduled.
	IncidentOpenedTopic = bus.NewTopic[IncidentChanged]("status.incident_opened", 1)
	// IncidentUpdatedTopic: an update was posted, or maintenance started.
	IncidentUpdatedTopic = bus.NewTopic[IncidentChanged]("status.incident_updated", 1)
	// IncidentResolvedTopic: an incident or maintenance ended; a durable
	// consumer tells the customers of its linked tickets.
	IncidentResolvedTopic = bus.NewTopic[IncidentChanged]("status.incident_resolved", 1)
	// MaintenanceReminderTopic: scheduled maintenance starts soon.
	MaintenanceReminderTopic = bus.NewTopic[IncidentChanged]("status.maintenance_reminder", 1)
	// TicketLinkedTopic: a new ticket matched an open incident and was
	// tagged and linked to it.
	TicketLinkedTopic = bus.NewTopic[TicketLinked]("status.ticket_linked", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind {
	return []bus.Kind{IncidentOpenedTopic, IncidentUpdatedTopic, IncidentResolvedTopic, MaintenanceReminderTopic, TicketLinkedTopic}
}

// IncidentChanged names the incident and what it is now.
type IncidentChanged struct {
	IncidentID int64    `json:"incident_id"`
	Kind       string   `json:"kind"`
	State      string   `json:"state"`
	Impact     State    `json:"impact"`
	Source     string   `json:"source"`
	Components []string `json:"components"`
}

// TicketLinked names the incident and the ticket it brought.
type TicketLinked struct {
	IncidentID int64 `json:"incident_id"`
	TicketID   int64 `json:"ticket_id"`
}
