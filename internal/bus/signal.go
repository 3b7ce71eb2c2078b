package bus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/nats-io/nats.go"
)

// SignalPrefix prefixes a signal's subject on NATS. It is outside the
// stream's "gc.>" subjects, so signals are never stored.
const SignalPrefix = "gcsig."

// MaxSignalBytes bounds one signal's encoded payload; signals are small
// (who is typing where), and a large one is a mistake.
const MaxSignalBytes = 16 << 10

// Signal sends payload to every OnSignal handler whose filter matches
// subject, on every node connected to this NATS, this one included. A
// signal is not a fact: it is never stored, a node that is not listening
// misses it, and delivery is at most once. Use it for typing and presence,
// never for what must not be lost (emit an event for that).
//
// subject is dot-separated tokens without wildcards ("live.typing.123").
// payload is sent as JSON, or as is when it is a []byte or
// json.RawMessage.
func (b *Bus) Signal(subject string, payload any) error {
	if err := validSignalSubject(subject, false); err != nil {
		return fmt.Errorf("bus: signal: %w", err)
	}
	var data []byte
	switch p := payload.(type) {
	case []byte:
		data = p
	case json.RawMessage:
		data = p
	default:
		var err error
		if data, err = json.Marshal(payload); err != nil {
			return fmt.Errorf("bus: signal %s: %w", subject, err)
		}
	}
	if len(data) > MaxSignalBytes {
		return fmt.Errorf("bus: signal %s: payload of %d bytes exceeds %d", subject, len(data), MaxSignalBytes)
	}
	if err := b.nc.Publish(SignalPrefix+subject, data); err != nil {
		return fmt.Errorf("bus: signal %s: %w", subject, err)
	}
	return nil
}

// OnSignal runs h for every signal whose subject matches filter (NATS
// wildcards: "live.typing.*", "live.>"), until ctx ends or the bus closes.
// h gets the subject as it was sent (without SignalPrefix) and the raw
// payload, on one goroutine per call of OnSignal, one signal at a time.
func (b *Bus) OnSignal(ctx context.Context, filter string, h func(subject string, data []byte)) error {
	if err := validSignalSubject(filter, true); err != nil {
		return fmt.Errorf("bus: on signal: %w", err)
	}
	sub, err := b.nc.Subscribe(SignalPrefix+filter, func(m *nats.Msg) {
		if ctx.Err() != nil {
			return // unsubscribing; nothing reaches h once ctx has ended
		}
		h(strings.TrimPrefix(m.Subject, SignalPrefix), m.Data)
	})
	if err != nil {
		return fmt.Errorf("bus: on signal %s: %w", filter, err)
	}
	go func() {
		select {
		case <-ctx.Done():
		case <-b.closing:
		}
		_ = sub.Unsubscribe()
	}()
	return nil
}

// validSignalSubject accepts dot-separated tokens of printable ASCII other
// than space; a filter may also use "*" for a token and ">" as the last.
func validSignalSubject(s string, filter bool) error {
	if s == "" {
		return errors.New("empty subject")
	}
	tokens := strings.Split(s, ".")
	for i, tok := range tokens {
		if tok == "" {
			return fmt.Errorf("subject %q: empty token", s)
		}
		if tok == "*" || tok == ">" {
			if !filter {
				return fmt.Errorf("subject %q: wildcard in a signal's subject", s)
			}
			if tok == ">" && i != len(tokens)-1 {
				return fmt.Errorf("subject %q: \">\" before the last token", s)
			}
			continue
		}
		for _, r := range tok {
			if r <= ' ' || r > '~' || r == '*' || r == '>' {
				return fmt.Errorf("subject %q: character %q", s, r)
			}
		}
	}
	return nil
}

// Flush waits until the NATS server has processed everything this node
// sent, OnSignal subscriptions included; a test calls it before signalling
// so that a subscription made a moment ago is in place.
func (b *Bus) Flush() error { return b.nc.Flush() }

// relayWakeSubject carries outbox wakes between nodes' relays (see Waker);
// like signals, it is outside the stream.
const relayWakeSubject = "gcsys.relay.wake"

// WakeRelays tells the active outbox relay, on whichever node, that the
// outbox has new rows.
func (b *Bus) WakeRelays() error {
	if err := b.nc.Publish(relayWakeSubject, nil); err != nil {
		return fmt.Errorf("bus: wake relays: %w", err)
	}
	return nil
}

// OnRelayWake calls wake for every WakeRelays on any node until ctx ends
// or the bus closes.
func (b *Bus) OnRelayWake(ctx context.Context, wake func()) error {
	sub, err := b.nc.Subscribe(relayWakeSubject, func(*nats.Msg) { wake() })
	if err != nil {
		return fmt.Errorf("bus: relay wakes: %w", err)
	}
	go func() {
		select {
		case <-ctx.Done():
		case <-b.closing:
		}
		_ = sub.Unsubscribe()
	}()
	return nil
}
