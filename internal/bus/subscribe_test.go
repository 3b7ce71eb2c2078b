package bus_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
)

// twoNodes starts an embedded server that listens on a free port and a
// second Bus connected to it over TCP, as a second node would be.
func twoNodes(t *testing.T) (*bus.Bus, *bus.Bus) {
	t.Helper()
	ctx := context.Background()
	a, err := bus.StartWith(ctx, bus.Options{DataDir: t.TempDir(), Listen: "127.0.0.1:-1", Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	url := a.ClientURL()
	if url == "" {
		t.Fatal("embedded server listening on a port has no client URL")
	}
	b, err := bus.StartWith(ctx, bus.Options{URL: url, Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return a, b
}

// collector gathers what a subscription hands over.
type collector struct {
	mu  sync.Mutex
	got []store.Event
}

func (c *collector) add(ev store.Event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.got = append(c.got, ev)
}

func (c *collector) ids() []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]int64, len(c.got))
	for i, ev := range c.got {
		out[i] = ev.ID
	}
	return out
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func events(from, n int, typ string) []store.Event {
	out := make([]store.Event, n)
	for i := range out {
		id := int64(from + i)
		out[i] = store.Event{ID: id, Type: typ, At: time.UnixMilli(id).UTC(), Data: json.RawMessage(fmt.Sprintf(`{"i":%d}`, id))}
	}
	return out
}

func TestSubscribeEveryNodeGetsEveryEventInOrder(t *testing.T) {
	a, b := twoNodes(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// Published before anyone subscribed: no subscriber gets it.
	if err := a.PublishBatch(ctx, events(1, 5, "message.created")); err != nil {
		t.Fatal(err)
	}
	var onA, onB, notes collector
	if err := a.Subscribe(ctx, "gc.message.>", onA.add); err != nil {
		t.Fatal(err)
	}
	if err := b.Subscribe(ctx, "gc.message.>", onB.add); err != nil {
		t.Fatal(err)
	}
	if err := b.Subscribe(ctx, "gc.note.created", notes.add); err != nil {
		t.Fatal(err)
	}

	// Both nodes publish, in several batches; a republished batch (a relay
	// that died before marking it) is dropped by the stream as a duplicate.
	var want []int64
	for i := 0; i < 20; i++ {
		batch := events(100+i*10, 10, "message.created")
		pub := a
		if i%2 == 1 {
			pub = b
		}
		if err := pub.PublishBatch(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if i == 7 {
			if err := b.PublishBatch(ctx, batch); err != nil {
				t.Fatal(err)
			}
		}
		for _, ev := range batch {
			want = append(want, ev.ID)
		}
	}
	if err := a.PublishBatch(ctx, events(1000, 3, "note.created")); err != nil {
		t.Fatal(err)
	}

	for name, c := range map[string]*collector{"node A": &onA, "node B": &onB} {
		waitFor(t, name+"'s events", func() bool { return len(c.ids()) >= len(want) })
		if got := c.ids(); !slices.Equal(got, want) {
			t.Fatalf("%s got %v, want %v", name, got, want)
		}
		if c.got[0].Type != "message.created" || string(c.got[0].Data) != `{"i":100}` {
			t.Fatalf("%s: first event %+v", name, c.got[0])
		}
	}
	waitFor(t, "notes", func() bool { return len(notes.ids()) >= 3 })
	if got := notes.ids(); !slices.Equal(got, []int64{1000, 1001, 1002}) {
		t.Fatalf("note subscriber got %v", got)
	}
}

func TestSubscribeStopsOnContextAndClose(t *testing.T) {
	a, b := twoNodes(t)
	ctx := context.Background()
	subCtx, cancel := context.WithCancel(ctx)
	var cancelled, closing collector
	if err := a.Subscribe(subCtx, "gc.>", cancelled.add); err != nil {
		t.Fatal(err)
	}
	if err := b.Subscribe(ctx, "gc.>", closing.add); err != nil {
		t.Fatal(err)
	}
	if err := a.PublishBatch(ctx, events(1, 1, "x.happened")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "first event", func() bool { return len(cancelled.ids()) == 1 && len(closing.ids()) == 1 })

	cancel()
	b.Close() // returns only after its subscription's handler is done
	if err := b.Subscribe(ctx, "gc.>", closing.add); err == nil {
		t.Fatal("subscribe on a closed bus succeeded")
	}
	// A later event, and a subscriber still running to tell when it has
	// been delivered, so the stopped ones have had every chance to get it.
	var still collector
	if err := a.Subscribe(ctx, "gc.>", still.add); err != nil {
		t.Fatal(err)
	}
	if err := a.PublishBatch(ctx, events(2, 1, "x.happened")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the running subscriber", func() bool { return len(still.ids()) == 1 })
	time.Sleep(50 * time.Millisecond)
	if got := cancelled.ids(); len(got) != 1 {
		t.Fatalf("subscription whose context ended got %v", got)
	}
	if got := closing.ids(); len(got) != 1 {
		t.Fatalf("subscription of a closed bus got %v", got)
	}
}

func TestSubscribeRefusesEmptyFilter(t *testing.T) {
	a, _ := twoNodes(t)
	if err := a.Subscribe(context.Background(), "", func(store.Event) {}); err == nil {
		t.Fatal("empty filter accepted")
	}
}
