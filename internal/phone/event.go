package phone

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Call states, in the order a call goes through them.
const (
	Ringing  = "ringing"
	Answered = "answered"
	Ended    = "ended"
)

var rank = map[string]int{Ringing: 1, Answered: 2, Ended: 3}

// MaxEvent bounds one call event's JSON (a transcript is the big part).
const MaxEvent = 256 << 10

// Event is one call event from the provider.
type Event struct {
	ID           string    `json:"id"`      // unique per event: a replay carries the same id
	CallID       string    `json:"call_id"` // the provider's id of the call
	Type         string    `json:"type"`    // ringing, answered or ended
	At           time.Time `json:"at"`
	From         string    `json:"from"`  // the caller's number
	Agent        string    `json:"agent"` // who answered (the provider's name or e-mail)
	Duration     int       `json:"duration_seconds"`
	RecordingURL string    `json:"recording_url"`
	Transcript   string    `json:"transcript"`
}

// ParseEvent reads and checks one event.
func ParseEvent(raw []byte) (Event, error) {
	if len(raw) > MaxEvent {
		return Event{}, errs.E(errs.TooLarge, "the event is larger than %d bytes", MaxEvent)
	}
	var e Event
	d := json.NewDecoder(strings.NewReader(string(raw)))
	d.DisallowUnknownFields()
	if err := d.Decode(&e); err != nil {
		return Event{}, errs.E(errs.Invalid, "the event is not a call event: %v", err)
	}
	return e, e.check()
}

func (e *Event) check() error {
	e.ID, e.CallID, e.Agent = strings.TrimSpace(e.ID), strings.TrimSpace(e.CallID), strings.TrimSpace(e.Agent)
	switch {
	case e.ID == "" || len(e.ID) > 200:
		return errs.Field("id", "id must be 1-200 characters")
	case e.CallID == "" || len(e.CallID) > 200:
		return errs.Field("call_id", "call_id must be 1-200 characters")
	case rank[e.Type] == 0:
		return errs.Field("type", "type must be ringing, answered or ended, not %q", e.Type)
	case e.At.IsZero():
		return errs.Field("at", "at is required (RFC 3339)")
	case len(e.Agent) > 200:
		return errs.Field("agent", "agent is longer than 200 characters")
	case e.Duration < 0 || e.Duration > 7*24*3600:
		return errs.Field("duration_seconds", "duration_seconds must be 0 to a week")
	case len(e.Transcript) > ticket.MaxBody-100:
		return errs.Field("transcript", "the transcript is longer than %d bytes", ticket.MaxBody-100)
	}
	from, err := Normalize(e.From)
	if err != nil {
		return errs.Field("from", "from: %s", msgOf(err))
	}
	e.From = from
	if e.RecordingURL != "" {
		u, err := url.Parse(e.RecordingURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(e.RecordingURL) > 2000 {
			return errs.Field("recording_url", "recording_url must be an http(s) URL")
		}
	}
	return nil
}

func msgOf(err error) string {
	if e, ok := errs.As(err); ok {
		return e.Msg
	}
	return err.Error()
}
