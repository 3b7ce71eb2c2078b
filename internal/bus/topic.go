package bus

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Topic is one kind of event with a typed payload T. The package that emits
// an event declares its topic and payload struct in its events.go, so that
// every fact on the bus has one owner and one shape:
//
//	var MessageCreated = bus.NewTopic[MessageCreatedEvent]("message.created", 1)
//
// Versioning: version 1 of a topic has the bare name as its type
// ("message.created", subject "gc.message.created"); a later version that
// changes the payload incompatibly gets its own type with ".vN" appended
// ("message.created.v2", subject "gc.message.created.v2"), so consumers of
// the old shape never decode the new one by mistake. Compatible changes
// (a new optional field) keep the version. A filter "gc.message.created"
// matches version 1 only; "gc.message.created.>" matches the later ones.
type Topic[T any] struct {
	Name    string // e.g. "message.created"
	Version int    // 1 unless the payload changed incompatibly
}

// NewTopic declares a topic. It panics on a name that is not a valid
// subject part or a version below 1: topics are declared once, in package
// variables, so a mistake shows at start-up.
func NewTopic[T any](name string, version int) Topic[T] {
	if err := validTopicName(name); err != nil {
		panic(fmt.Sprintf("bus.NewTopic(%q): %v", name, err))
	}
	if version < 1 {
		panic(fmt.Sprintf("bus.NewTopic(%q): version %d < 1", name, version))
	}
	return Topic[T]{Name: name, Version: version}
}

// validTopicName accepts dot-separated tokens of lower-case letters, digits
// and underscores, which are valid NATS subject tokens without wildcards,
// and refuses a last token that looks like a version suffix.
func validTopicName(name string) error {
	tokens := strings.Split(name, ".")
	for _, tok := range tokens {
		if tok == "" {
			return fmt.Errorf("empty token")
		}
		for _, r := range tok {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
				return fmt.Errorf("character %q (want a-z, 0-9, _ and dots)", r)
			}
		}
	}
	if last := tokens[len(tokens)-1]; len(tokens) > 1 && isVersionToken(last) {
		return fmt.Errorf("ends in version token %q; pass the version instead", last)
	}
	return nil
}

func isVersionToken(tok string) bool {
	if len(tok) < 2 || tok[0] != 'v' {
		return false
	}
	_, err := strconv.Atoi(tok[1:])
	return err == nil
}

// Type is the event's type in the outbox and event_log: the name for
// version 1, name + ".vN" after.
func (t Topic[T]) Type() string {
	if t.Version <= 1 {
		return t.Name
	}
	return t.Name + ".v" + strconv.Itoa(t.Version)
}

// Subject is the NATS subject the event is published on.
func (t Topic[T]) Subject() string { return SubjectPrefix + t.Type() }

// Emit records v in the outbox as part of tx; it reaches the bus after tx
// commits.
func (t Topic[T]) Emit(ctx context.Context, tx *store.Tx, v T) error {
	return tx.Emit(ctx, t.Type(), v)
}

// Decode returns ev's payload when ev is of this topic (type and version);
// ok is false, with no error, for an event of any other type.
func (t Topic[T]) Decode(ev store.Event) (T, bool, error) {
	var v T
	if ev.Type != t.Type() {
		return v, false, nil
	}
	if err := json.Unmarshal(ev.Data, &v); err != nil {
		return v, true, fmt.Errorf("decode %s event %d: %w", ev.Type, ev.ID, err)
	}
	return v, true, nil
}

// Kind is a topic whatever its payload type, so that a package can list
// its catalogue (see each package's Topics) for tests and documentation.
type Kind interface {
	Type() string
	Subject() string
	// DecodeAny is Decode with the payload as an any.
	DecodeAny(ev store.Event) (any, bool, error)
}

// DecodeAny is Decode with the payload as an any.
func (t Topic[T]) DecodeAny(ev store.Event) (any, bool, error) { return t.Decode(ev) }
