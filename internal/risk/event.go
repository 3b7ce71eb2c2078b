package risk

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

// Batch is the body of POST /exchange/v1/risk-events.
type Batch struct {
	Events []exchange.RiskEvent `json:"events"`
}

// ParseEvents reads a request body: one JSON object {"events": [...]} of 1
// to MaxBatch events, each valid, their ids distinct, their times within
// MaxAge before now and MaxAhead after it. Any fault refuses the whole
// batch with an errs.Invalid error (the field it names is the first bad
// one), so that nothing of a bad batch is stored.
func ParseEvents(body []byte, now time.Time) ([]exchange.RiskEvent, error) {
	if len(body) > MaxBody {
		return nil, errs.E(errs.TooLarge, "a request holds at most %d bytes", MaxBody)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var b Batch
	if err := dec.Decode(&b); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, errs.Field(te.Field, "field %q has the wrong type", te.Field)
		}
		return nil, errs.E(errs.Invalid, "the body must be one JSON object {\"events\": [...]}: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errs.E(errs.Invalid, "the body must be one JSON object, with nothing after it")
	}
	switch {
	case len(b.Events) == 0:
		return nil, errs.Field("events", "events must hold at least one event")
	case len(b.Events) > MaxBatch:
		return nil, errs.Field("events", "a request holds at most %d events", MaxBatch)
	}
	seen := map[string]bool{}
	for i := range b.Events {
		e := &b.Events[i]
		if err := e.Validate(); err != nil {
			if fe, ok := errs.As(err); ok {
				return nil, errs.Field("events["+itoa(i)+"]."+fe.Field, "event %d: %s", i, fe.Msg)
			}
			return nil, err
		}
		if seen[e.ID] {
			return nil, errs.Field("events["+itoa(i)+"].id", "event id %q appears twice in the request", e.ID)
		}
		seen[e.ID] = true
		switch {
		case e.At.Before(now.Add(-MaxAge)):
			return nil, errs.Field("events["+itoa(i)+"].at", "event %q is older than %v: stale events are not accepted", e.ID, MaxAge)
		case e.At.After(now.Add(MaxAhead)):
			return nil, errs.Field("events["+itoa(i)+"].at", "event %q is more than %v in the future; check the clocks", e.ID, MaxAhead)
		}
		e.At = e.At.UTC()
	}
	return b.Events, nil
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
