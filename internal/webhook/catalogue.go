package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Offering is one event type subscribers may choose. Any package's topic
// can be offered (internal/server registers them), so a new event type
// reaches webhooks without a change here.
type Offering struct {
	Kind  bus.Kind
	Label string // what the admin page shows: "Ticket created"
	// Shape returns the payload's data for a subscriber of scope; nil
	// sends the event's own payload (its package's documented JSON) as it
	// is. Shape is where an event that carries sealed or internal data is
	// cut down to what a subscriber may see.
	Shape func(ctx context.Context, ev store.Event, scope Scope) (any, error)
}

// Catalogue is the offered event types, in the order they were offered.
type Catalogue struct {
	mu    sync.RWMutex
	order []string
	by    map[string]Offering
}

// NewCatalogue returns a catalogue with offers in it.
func NewCatalogue(offers ...Offering) (*Catalogue, error) {
	c := &Catalogue{by: map[string]Offering{}}
	for _, o := range offers {
		if err := c.Offer(o); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Offer adds an event type; offering one twice is a mistake of wiring.
func (c *Catalogue) Offer(o Offering) error {
	if o.Kind == nil {
		return fmt.Errorf("webhook: offering without a topic")
	}
	typ := o.Kind.Type()
	if o.Label == "" {
		o.Label = typ
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, dup := c.by[typ]; dup {
		return fmt.Errorf("webhook: event type %s offered twice", typ)
	}
	c.by[typ] = o
	c.order = append(c.order, typ)
	return nil
}

// EventType is an offered type as the API and the page list it.
type EventType struct {
	Type  string `json:"type"`
	Label string `json:"label"`
}

// Types lists the offered types in the order offered.
func (c *Catalogue) Types() []EventType {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]EventType, 0, len(c.order))
	for _, t := range c.order {
		out = append(out, EventType{Type: t, Label: c.by[t].Label})
	}
	return out
}

// Offered reports whether typ may be subscribed to.
func (c *Catalogue) Offered(typ string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	_, ok := c.by[typ]
	return ok
}

func (c *Catalogue) offering(typ string) (Offering, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	o, ok := c.by[typ]
	return o, ok
}

// EnvelopeVersion is the version of the body's outer shape (the fields of
// Envelope). The data's shape is the event type's: a topic that changes
// incompatibly comes as a new type ("message.created.v2").
const EnvelopeVersion = 1

// Envelope is the JSON body of every delivery.
type Envelope struct {
	Version   int             `json:"version"`
	EventID   int64           `json:"event_id"`
	Type      string          `json:"type"`
	CreatedAt string          `json:"created_at"` // RFC 3339, when the event happened
	Data      json.RawMessage `json:"data"`
}

// payload builds the body sub gets for ev.
func (c *Catalogue) payload(ctx context.Context, ev store.Event, scope Scope) ([]byte, error) {
	o, ok := c.offering(ev.Type)
	if !ok {
		return nil, fmt.Errorf("webhook: event type %s is not offered", ev.Type)
	}
	data := ev.Data
	if o.Shape != nil {
		v, err := o.Shape(ctx, ev, scope)
		if err != nil {
			return nil, fmt.Errorf("webhook: shape %s event %d: %w", ev.Type, ev.ID, err)
		}
		if data, err = json.Marshal(v); err != nil {
			return nil, fmt.Errorf("webhook: shape %s event %d: %w", ev.Type, ev.ID, err)
		}
	}
	return json.Marshal(Envelope{Version: EnvelopeVersion, EventID: ev.ID, Type: ev.Type,
		CreatedAt: ev.At.UTC().Format("2006-01-02T15:04:05.000Z07:00"), Data: data})
}

// typesOf lists the distinct types of evs that are offered.
func (c *Catalogue) typesOf(evs []store.Event) []string {
	var out []string
	for _, ev := range evs {
		if c.Offered(ev.Type) && !slices.Contains(out, ev.Type) {
			out = append(out, ev.Type)
		}
	}
	return out
}
