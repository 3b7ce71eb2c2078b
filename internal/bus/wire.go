package bus

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/groundcrew/groundcrew/internal/store"
)

// An event travels as its payload alone: the message's data is the
// outbox's JSON as emitted, the type is the subject after SubjectPrefix,
// the id is in the message id (msgID) and the time in atHeader. Every
// live subscription and durable consumer of a node reads every event, so
// a JSON envelope around the payload was decoded (validated, parsed and
// copied) about ten times per event: ~5% of the server's CPU at intake's
// peak. Messages stored in the old envelope before an upgrade still decode.

// atHeader carries the event's time as RFC 3339 text, as the envelope did.
const atHeader = "Gc-At"

// encodeEvent is ev as a message to publish.
func encodeEvent(ev store.Event) (*nats.Msg, error) {
	data := []byte(ev.Data)
	if len(data) == 0 {
		data = []byte("null") // what the envelope carried for no payload
	}
	at, err := ev.At.MarshalText() // fails only outside the years 0-9999
	if err != nil {
		return nil, err
	}
	return &nats.Msg{
		Subject: SubjectPrefix + ev.Type,
		Data:    data,
		Header: nats.Header{
			nats.MsgIdHdr: []string{msgID(ev.ID)},
			atHeader:      []string{string(at)},
		},
	}, nil
}

// wireMsg is what decodeEvent reads of a received message (jetstream.Msg).
type wireMsg interface {
	Subject() string
	Headers() nats.Header
	Data() []byte
}

// DecodeMsg is the event a message of a plain NATS subscription to the
// event subjects carries (a load generator or a test that watches the bus
// from outside the process).
func DecodeMsg(m *nats.Msg) (store.Event, error) { return decodeEvent(coreMsg{m}) }

// coreMsg is a plain NATS message as a wireMsg.
type coreMsg struct{ m *nats.Msg }

func (c coreMsg) Subject() string      { return c.m.Subject }
func (c coreMsg) Headers() nats.Header { return c.m.Header }
func (c coreMsg) Data() []byte         { return c.m.Data }

// decodeEvent is the event a received message carries, in either format.
func decodeEvent(m wireMsg) (store.Event, error) {
	h := m.Headers()
	at := h.Get(atHeader)
	if at == "" {
		var ev store.Event // the JSON envelope of earlier versions
		err := json.Unmarshal(m.Data(), &ev)
		return ev, err
	}
	var t time.Time
	if err := t.UnmarshalText([]byte(at)); err != nil {
		return store.Event{}, fmt.Errorf("event time %q: %w", at, err)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(h.Get(nats.MsgIdHdr), "gc-"), 10, 64)
	if err != nil {
		return store.Event{}, fmt.Errorf("event id %q: %w", h.Get(nats.MsgIdHdr), err)
	}
	typ, ok := strings.CutPrefix(m.Subject(), SubjectPrefix)
	if !ok || typ == "" {
		return store.Event{}, fmt.Errorf("subject %q is not an event's", m.Subject())
	}
	// The payload is not validated here: only the relay publishes on the
	// stream, JSON that Tx.Emit wrote, and each handler's Topic.Decode
	// refuses what does not decode.
	return store.Event{ID: id, Type: typ, At: t, Data: m.Data()}, nil
}
