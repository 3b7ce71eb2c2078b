package metrics

import (
	"github.com/groundcrew/groundcrew/internal/bus"
)

// The events metrics emits (docs/events.md lists every package's).
var (
	// SurveyOffered: a CSAT or NPS survey is waiting for the customer; the
	// channels (e-mail, Telegram, the widget) send Link in their own way.
	SurveyOffered = bus.NewTopic[SurveyOfferedEvent]("survey.offered", 1)
	// SurveyAnswered: the customer answered; the consumer counts it.
	SurveyAnswered = bus.NewTopic[SurveyAnsweredEvent]("survey.answered", 1)
	// DriverSpike: a product area's or intent's hourly volume jumped.
	DriverSpike = bus.NewTopic[DriverSpikeEvent]("metrics.driver_spike", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind { return []bus.Kind{SurveyOffered, SurveyAnswered, DriverSpike} }

// SurveyOfferedEvent names the survey, its ticket and customer, and the
// path of its signed link (relative to the public URL).
type SurveyOfferedEvent struct {
	SurveyID   int64  `json:"survey_id"`
	Kind       string `json:"kind"` // csat or nps
	TicketID   int64  `json:"ticket_id"`
	CustomerID int64  `json:"customer_id"`
	Language   string `json:"language"`
	Channel    string `json:"channel"`
	Link       string `json:"link"`
}

// SurveyAnsweredEvent is the answer; the comment stays in the surveys
// table.
type SurveyAnsweredEvent struct {
	SurveyID int64  `json:"survey_id"`
	Kind     string `json:"kind"`
	TicketID int64  `json:"ticket_id"`
	AgentID  int64  `json:"agent_id"`
	BotPart  string `json:"bot_part"`
	Score    int    `json:"score"`
}

// DriverSpikeEvent: Count contacts in the hour against a usual Baseline.
type DriverSpikeEvent struct {
	Dim      string `json:"dim"`
	Key      string `json:"key"`
	Hour     int64  `json:"hour"` // Unix hours
	Count    int64  `json:"count"`
	Baseline int64  `json:"baseline"`
}
