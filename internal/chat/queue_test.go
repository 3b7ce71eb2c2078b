package chat_test

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/chat"
)

// fakeQueue is a queue information provider the test sets.
type fakeQueue struct {
	mu    sync.Mutex
	info  map[int64]chat.QueueInfo
	calls int
}

func (f *fakeQueue) set(id int64, q *chat.QueueInfo) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if q == nil {
		delete(f.info, id)
		return
	}
	f.info[id] = *q
}

func (f *fakeQueue) get(_ context.Context, id int64) (chat.QueueInfo, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	q, ok := f.info[id]
	return q, ok, nil
}

type queueFrame struct {
	Type         string `json:"type"`
	Conversation int64  `json:"conversation"`
	Position     *int   `json:"position"`
	WaitSeconds  *int64 `json:"wait_seconds"`
	PromisedBy   string `json:"promised_by"`
}

func decodeQueue(t *testing.T, f chat.Frame) queueFrame {
	t.Helper()
	var q queueFrame
	if err := json.Unmarshal(f.Raw, &q); err != nil {
		t.Fatal(err)
	}
	return q
}

// awaitQueue reads queue frames until ok holds for one: the server's own
// routing and SLA signal this conversation too, and each signal sends the
// provider's state of that moment.
func awaitQueue(t *testing.T, c *chat.Client, ok func(queueFrame) bool) queueFrame {
	t.Helper()
	for i := 0; i < 10; i++ {
		if q := decodeQueue(t, expect(t, c, "queue")); ok(q) {
			return q
		}
	}
	t.Fatal("no queue frame in the state the test set")
	return queueFrame{}
}

// settle reads c's frames until none comes for half a second: the
// server's own routing and SLA signals of a new conversation have passed.
func settle(c *chat.Client) {
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		_, err := c.Next(ctx)
		cancel()
		if err != nil {
			return
		}
	}
}

// TestQueueFrames: a waiting customer hears their place in the queue after
// synced, and again whenever any node signals that it changed; a
// conversation out of the queue gets an empty frame, which clears it.
func TestQueueFrames(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		fq := &fakeQueue{info: map[int64]chat.QueueInfo{}}
		n.Chat().Use(chat.WithQueueInfo(fq.get))

		first := n.dial(chat.In{})
		conv := n.send(first, "is anyone there?").Conv()
		promise := time.Date(2026, 12, 4, 14, 30, 0, 0, time.UTC)
		fq.set(conv, &chat.QueueInfo{Position: 3, Wait: 4 * time.Minute, PromisedBy: &promise})

		c := n.dial(chat.In{Resume: first.Welcome.Resume, Conversation: conv})
		messagesUntil(t, c, func(f chat.Frame) bool { return f.Type == "synced" })
		q := awaitQueue(t, c, func(q queueFrame) bool { return q.Position != nil && *q.Position == 3 })
		if q.Conversation != conv || q.Position == nil || *q.Position != 3 || q.WaitSeconds == nil || *q.WaitSeconds != 240 || q.PromisedBy != "2026-12-04T14:30:00Z" {
			t.Fatalf("queue frame after synced: %+v", q)
		}

		// Another node (a second bus connection) signals a change.
		fq.set(conv, &chat.QueueInfo{Position: 1})
		if err := n.bus.Signal(chat.QueueSubject(conv), nil); err != nil {
			t.Fatal(err)
		}
		for _, s := range []*chat.Client{c, first} {
			q = awaitQueue(t, s, func(q queueFrame) bool { return q.Position != nil && *q.Position == 1 })
			if q.Position == nil || *q.Position != 1 || q.WaitSeconds != nil || q.PromisedBy != "" {
				t.Fatalf("queue frame after the signal: %+v (unknown parts must be absent)", q)
			}
		}

		fq.set(conv, nil) // an agent took it
		if err := n.bus.Signal(chat.QueueSubject(conv), nil); err != nil {
			t.Fatal(err)
		}
		q = awaitQueue(t, c, func(q queueFrame) bool { return q.Position == nil })
		if q.Conversation != conv || q.Position != nil || q.WaitSeconds != nil || q.PromisedBy != "" {
			t.Fatalf("queue frame out of the queue: %+v, want only the conversation", q)
		}

		// A conversation out of the queue gets no queue frame from its
		// resume: a ping sent after synced is answered after all the resume
		// sent, so every frame before the pong is read. The server's own
		// routing and SLA signals may still arrive (late on a slow machine):
		// they send the provider's state, now empty, so an empty queue frame
		// (which the resume never sends: sendQueue skips a conversation in
		// no queue) is theirs and passes; any other frame fails.
		again := n.dial(chat.In{Resume: first.Welcome.Resume, Conversation: conv})
		messagesUntil(t, again, func(f chat.Frame) bool { return f.Type == "synced" })
		ctx, cancel := timeout()
		defer cancel()
		if err := again.Ping(ctx, "after-synced"); err != nil {
			t.Fatal(err)
		}
		for {
			f := nextFrame(t, again)
			if f.Type == "pong" && f.ID == "after-synced" {
				break
			}
			if q := decodeQueue(t, f); f.Type != "queue" || q.Position != nil || q.WaitSeconds != nil || q.PromisedBy != "" {
				t.Fatalf("frame %s after synced of a conversation in no queue", f.Raw)
			}
		}
	})
}

// TestEditFrame: when the guard cuts a secret completed over several
// messages out of an earlier one, every open widget of the conversation
// gets that message's new text.
func TestEditFrame(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		c := n.dial(chat.In{})
		conv := n.send(c, "hello, I need help with my wallet").Conv()
		other := n.dial(chat.In{Resume: c.Welcome.Resume, Conversation: conv})
		messagesUntil(t, other, func(f chat.Frame) bool { return f.Type == "synced" })

		words := "legal winner thank year wave sausage worth useful legal winner thank yellow"
		half := n.send(c, words[:36]) // "legal winner thank year wave sausage"
		if half.Redacted {
			t.Skip("the guard cuts half a phrase at once; no earlier message to rewrite")
		}
		n.send(c, words[37:])
		for _, s := range []*chat.Client{c, other} {
			var edit chat.Frame
			messagesUntil(t, s, func(f chat.Frame) bool {
				if f.Type == "edit" {
					edit = f
				}
				return f.Type == "edit"
			})
			var e chat.EditFrame
			if err := json.Unmarshal(edit.Raw, &e); err != nil {
				t.Fatal(err)
			}
			if e.Conversation != conv || e.Seq != half.Seq || !e.Redacted || contains(e.Text, "sausage") || e.Text == "" {
				t.Fatalf("edit frame %s, want message %d without the phrase", edit.Raw, half.Seq)
			}
		}
	})
}

// TestQueueSignalsGathered: a burst of signals for one conversation asks
// the provider a few times, not once per signal, and the socket ends with
// the state after the last signal.
func TestQueueSignalsGathered(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		fq := &fakeQueue{info: map[int64]chat.QueueInfo{}}
		n.Chat().Use(chat.WithQueueInfo(fq.get))
		c := n.dial(chat.In{})
		conv := n.send(c, "is anyone there?").Conv()
		// Let the server's own routing and SLA signals settle.
		settle(c)
		fq.mu.Lock()
		before := fq.calls
		fq.mu.Unlock()
		const signals = 50
		for i := signals; i >= 1; i-- {
			fq.set(conv, &chat.QueueInfo{Position: i})
			if err := n.bus.Signal(chat.QueueSubject(conv), nil); err != nil {
				t.Fatal(err)
			}
		}
		q := awaitQueue(t, c, func(q queueFrame) bool { return q.Position != nil && *q.Position == 1 })
		if q.Conversation != conv {
			t.Fatalf("queue frame of conversation %d, want %d", q.Conversation, conv)
		}
		fq.mu.Lock()
		asked := fq.calls - before
		fq.mu.Unlock()
		if asked < 1 || asked > 5 {
			t.Errorf("%d signals asked the provider %d times, want 1 to 5", signals, asked)
		}
	})
}

// TestNewConversationAsksItsQueueOnce: a conversation's first message asks
// for its queue frame with the signals routing and the SLA send about the
// new ticket, not on its own before the ack: one question, one frame.
func TestNewConversationAsksItsQueueOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		fq := &fakeQueue{info: map[int64]chat.QueueInfo{}}
		n.Chat().Use(chat.WithQueueInfo(fq.get))
		n.Chat().GatherQueueForTest(2 * time.Second)
		c := n.dial(chat.In{})
		ack := n.send(c, "is anyone there?")
		fq.mu.Lock()
		asked := fq.calls
		fq.mu.Unlock()
		if asked != 0 {
			t.Fatalf("the queue was asked %d times before the first message's ack, want 0 (gathered)", asked)
		}
		fq.set(ack.Conv(), &chat.QueueInfo{Position: 7})
		// As routing would when the ticket joins its queue.
		if err := n.bus.Signal(chat.QueueSubject(ack.Conv()), nil); err != nil {
			t.Fatal(err)
		}
		q := awaitQueue(t, c, func(q queueFrame) bool { return q.Position != nil })
		if q.Conversation != ack.Conv() || *q.Position != 7 {
			t.Fatalf("queue frame %+v, want place 7 of conversation %d", q, ack.Conv())
		}
		fq.mu.Lock()
		asked = fq.calls
		fq.mu.Unlock()
		if asked != 1 {
			t.Errorf("the new conversation's queue was asked %d times, want 1", asked)
		}
	})
}

// TestQueueRoundAsksOnce: the conversations signalled within one window
// are asked about in one call of a WithQueueInfos provider, and each
// socket gets its own conversation's frame.
func TestQueueRoundAsksOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		var mu sync.Mutex
		var calls [][]int64
		places := map[int64]int{}
		n.Chat().Use(chat.WithQueueInfos(func(_ context.Context, ids []int64) (map[int64]chat.QueueInfo, error) {
			mu.Lock()
			defer mu.Unlock()
			calls = append(calls, slices.Clone(ids))
			out := map[int64]chat.QueueInfo{}
			for _, id := range ids {
				if p, ok := places[id]; ok {
					out[id] = chat.QueueInfo{Position: p}
				}
			}
			return out, nil
		}))
		a, b := n.dial(chat.In{}), n.dial(chat.In{})
		convA, convB := n.send(a, "is anyone there?").Conv(), n.send(b, "hello?").Conv()
		settle(a)
		settle(b)
		n.Chat().GatherQueueForTest(time.Second)
		mu.Lock()
		places[convA], places[convB] = 4, 9
		calls = nil
		mu.Unlock()
		for _, conv := range []int64{convA, convB, convA} {
			if err := n.bus.Signal(chat.QueueSubject(conv), nil); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			client *chat.Client
			conv   int64
			place  int
		}{{a, convA, 4}, {b, convB, 9}} {
			q := awaitQueue(t, c.client, func(q queueFrame) bool { return q.Position != nil })
			if q.Conversation != c.conv || *q.Position != c.place {
				t.Errorf("queue frame %+v, want place %d of conversation %d", q, c.place, c.conv)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if len(calls) != 1 || len(calls[0]) != 2 {
			t.Errorf("the provider was asked %v, want once about both conversations", calls)
		}
	})
}
