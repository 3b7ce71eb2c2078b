package risk

import "github.com/groundcrew/groundcrew/internal/bus"

// The events the risk package emits (docs/events.md lists them).
var (
	// OutreachOpenedTopic: risk events started an alert to a customer; a
	// durable consumer sends its e-mail and Telegram message.
	OutreachOpenedTopic = bus.NewTopic[OutreachOpened]("risk.outreach_opened", 1)
	// AccountDisabledTopic: a customer said "This wasn't me": the account
	// is frozen and a security ticket is open.
	AccountDisabledTopic = bus.NewTopic[AccountDisabled]("risk.account_disabled", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind { return []bus.Kind{OutreachOpenedTopic, AccountDisabledTopic} }

// OutreachOpened names the alert and its customer.
type OutreachOpened struct {
	OutreachID int64  `json:"outreach_id"`
	UserID     string `json:"user_id"`
	Severity   string `json:"severity"`
}

// AccountDisabled names the alert, the customer and the ticket.
type AccountDisabled struct {
	OutreachID int64  `json:"outreach_id"`
	UserID     string `json:"user_id"`
	TicketID   int64  `json:"ticket_id"`
	Via        string `json:"via"` // "widget", "email", "telegram"
}
