package bus

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nats-io/nats.go"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Every event comes out of the wire as it went in, and a message in the
// JSON envelope of earlier versions (still in a stream after an upgrade)
// decodes to the same event.
func TestEventWireRoundTrip(t *testing.T) {
	at := time.Date(2026, 12, 6, 4, 5, 6, 789_000_000, time.UTC)
	for _, ev := range []store.Event{
		{ID: 1, Type: "message.created", At: at, Data: json.RawMessage(`{"ticket_id":7,"sealed_body":"v1:abc"}`)},
		{ID: 1 << 40, Type: "ticket.status_changed.v2", At: at.Add(time.Nanosecond), Data: json.RawMessage(`[1,2]`)},
		{ID: 3, Type: "test.empty", At: time.Time{}, Data: json.RawMessage(`null`)},
		{ID: 4, Type: "test.offset", At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("", 3600)), Data: json.RawMessage(`{}`)},
	} {
		msg, err := encodeEvent(ev)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := msg.Header[nats.MsgIdHdr]; !ok {
			t.Errorf("event %d: no message id, so the stream cannot drop a republished copy", ev.ID)
		}
		got, err := DecodeMsg(msg)
		if err != nil {
			t.Fatalf("event %d: %v", ev.ID, err)
		}
		if diff := cmp.Diff(ev, got); diff != "" {
			t.Errorf("event %d through the wire (-sent +received):\n%s", ev.ID, diff)
		}
		envelope, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		old, err := DecodeMsg(&nats.Msg{Subject: msg.Subject, Data: envelope, Header: nats.Header{nats.MsgIdHdr: msg.Header[nats.MsgIdHdr]}})
		if err != nil {
			t.Fatalf("event %d in the old envelope: %v", ev.ID, err)
		}
		if diff := cmp.Diff(got, old); diff != "" {
			t.Errorf("event %d: the old envelope decodes otherwise (-new +old):\n%s", ev.ID, diff)
		}
	}
}

// A message the relay did not write is refused with an error, never a
// panic or an event with a made-up id or type.
func TestDecodeEventRefuses(t *testing.T) {
	good := func() *nats.Msg {
		m, err := encodeEvent(store.Event{ID: 5, Type: "message.created", At: time.Now().UTC(), Data: json.RawMessage(`{}`)})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	for name, spoil := range map[string]func(m *nats.Msg){
		"bad time":             func(m *nats.Msg) { m.Header.Set(atHeader, "yesterday") },
		"no id":                func(m *nats.Msg) { m.Header.Del(nats.MsgIdHdr) },
		"id not a number":      func(m *nats.Msg) { m.Header.Set(nats.MsgIdHdr, "gc-five") },
		"subject not ours":     func(m *nats.Msg) { m.Subject = "other.message.created" },
		"subject with no type": func(m *nats.Msg) { m.Subject = SubjectPrefix },
		"old envelope not JSON": func(m *nats.Msg) {
			m.Header.Del(atHeader)
			m.Data = []byte("{")
		},
	} {
		m := good()
		spoil(m)
		if ev, err := DecodeMsg(m); err == nil {
			t.Errorf("%s: decoded as %+v, want an error", name, ev)
		}
	}
}

func FuzzDecodeEvent(f *testing.F) {
	f.Add("gc.message.created", "gc-12", "2026-12-06T04:05:06.789Z", []byte(`{"ticket_id":1}`))
	f.Add("gc.x", "", "", []byte(`{"id":3,"type":"x","at":"2026-12-06T04:05:06Z","data":{}}`))
	f.Add("gc.", "gc-", "0001-01-01T00:00:00Z", []byte(nil))
	f.Fuzz(func(t *testing.T, subject, id, at string, data []byte) {
		h := nats.Header{}
		if id != "" {
			h.Set(nats.MsgIdHdr, id)
		}
		if at != "" {
			h.Set(atHeader, at)
		}
		ev, err := DecodeMsg(&nats.Msg{Subject: subject, Header: h, Data: data})
		if err != nil || at == "" {
			return
		}
		// What decodes from the headers goes round the wire unchanged.
		msg, err := encodeEvent(ev)
		if err != nil {
			return // a year the text form cannot hold
		}
		again, err := DecodeMsg(msg)
		if err != nil {
			t.Fatalf("%+v: encoded, then refused: %v", ev, err)
		}
		if ev.ID != again.ID || ev.Type != again.Type || !ev.At.Equal(again.At) || string(again.Data) != string(ev.Data) && len(ev.Data) > 0 {
			t.Fatalf("round trip changed %+v into %+v", ev, again)
		}
	})
}
