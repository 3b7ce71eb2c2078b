package bus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/groundcrew/groundcrew/internal/store"
)

// DefaultBatch is how many events a consumer takes at most per batch.
const DefaultBatch = 500

// Handler handles one event. Returning an error asks for redelivery.
type Handler func(ctx context.Context, ev store.Event) error

// BatchHandler handles a batch of events, usually in one transaction (see
// OnceBatch). Returning an error asks for redelivery of the batch.
type BatchHandler func(ctx context.Context, evs []store.Event) error

// Consume starts a durable consumer that delivers events whose subject
// matches filter (e.g. "gc.ticket.>") to h, one at a time but fetched in
// batches, at least once, until ctx ends. When h fails, the events of the
// batch are handed to it again, so h must be idempotent (see Once).
func (b *Bus) Consume(ctx context.Context, durable, filter string, h Handler) error {
	return b.ConsumeBatch(ctx, durable, filter, DefaultBatch, func(ctx context.Context, evs []store.Event) error {
		for _, ev := range evs {
			if err := h(ctx, ev); err != nil {
				return err
			}
		}
		return nil
	})
}

// ConsumeBatch starts a durable consumer that hands h what has arrived, up
// to max events at a time, until ctx ends or the bus closes. A batch is
// acknowledged after h returns nil. When h fails on a batch, each of its
// events is retried alone, so one bad event does not hold up the rest; the
// ones that still fail are redelivered later. Delivery is at least once,
// and the same event may come twice in one batch: make h idempotent
// (OnceBatch does).
func (b *Bus) ConsumeBatch(ctx context.Context, durable, filter string, max int, h BatchHandler) error {
	if max <= 0 {
		max = DefaultBatch
	}
	cons, err := b.stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       durable,
		FilterSubject: filter,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       30 * time.Second,
		MaxAckPending: 4 * max,
	})
	if err != nil {
		return fmt.Errorf("consumer %s: %w", durable, err)
	}
	it, err := cons.Messages(jetstream.PullMaxMessages(max))
	if err != nil {
		return fmt.Errorf("consumer %s: %w", durable, err)
	}
	c := &consumer{log: b.log, name: durable, max: max, h: h, it: it,
		in: make(chan jetstream.Msg, max), done: make(chan struct{})}
	b.mu.Lock()
	b.consumers = append(b.consumers, c)
	b.mu.Unlock()
	go c.receive()
	go c.work(ctx)
	go func() {
		select {
		case <-ctx.Done():
			c.stop()
		case <-c.done:
		}
	}()
	return nil
}

// consumer moves messages from the pull iterator to a channel (receive) and
// from the channel to the handler in batches (work). The iterator's own
// heartbeat checks run only inside Next, so a slow batch does not make it
// think the server is gone.
type consumer struct {
	log  *slog.Logger
	name string
	max  int
	h    BatchHandler
	it   jetstream.MessagesContext
	in   chan jetstream.Msg
	once sync.Once
	done chan struct{} // closed when work has returned
}

func (c *consumer) stop() {
	c.once.Do(c.it.Stop)
	<-c.done
}

func (c *consumer) receive() {
	defer close(c.in)
	for {
		msg, err := c.it.Next()
		if errors.Is(err, jetstream.ErrMsgIteratorClosed) {
			return
		}
		if err != nil {
			// Missed heartbeats and reconnects: the iterator recovers by itself.
			c.log.Debug("bus: consumer", "consumer", c.name, "err", err)
			continue
		}
		c.in <- msg
	}
}

func (c *consumer) work(ctx context.Context) {
	defer close(c.done)
	batch := make([]jetstream.Msg, 0, c.max)
	for first := range c.in {
		batch = append(batch[:0], first)
	more:
		for len(batch) < c.max {
			select {
			case msg, ok := <-c.in:
				if !ok {
					break more
				}
				batch = append(batch, msg)
			default:
				break more
			}
		}
		c.handle(ctx, batch)
	}
}

// handle runs the handler on one batch and acknowledges or redelivers.
func (c *consumer) handle(ctx context.Context, msgs []jetstream.Msg) {
	evs := make([]store.Event, 0, len(msgs))
	kept := make([]jetstream.Msg, 0, len(msgs))
	for _, msg := range msgs {
		var ev store.Event
		if err := json.Unmarshal(msg.Data(), &ev); err != nil {
			c.log.Error("bus: undecodable event dropped", "consumer", c.name, "subject", msg.Subject(), "err", err)
			_ = msg.Term()
			continue
		}
		evs, kept = append(evs, ev), append(kept, msg)
	}
	if len(evs) == 0 {
		return
	}
	err := c.h(ctx, evs)
	if err == nil {
		ackAll(kept)
		return
	}
	if len(evs) == 1 || ctx.Err() != nil {
		c.log.Warn("bus: handler failed; will retry", "consumer", c.name, "events", len(evs), "first", evs[0].ID, "err", err)
		nakAll(kept)
		return
	}
	c.log.Warn("bus: batch failed; handling its events one at a time", "consumer", c.name, "events", len(evs), "err", err)
	for i := range evs {
		if err := c.h(ctx, evs[i:i+1]); err != nil {
			c.log.Warn("bus: handler failed; will retry", "consumer", c.name, "event", evs[i].ID, "err", err)
			_ = kept[i].NakWithDelay(time.Second)
			continue
		}
		_ = kept[i].Ack()
	}
}

func ackAll(msgs []jetstream.Msg) {
	for _, m := range msgs {
		_ = m.Ack() // a lost ack means a redelivery, which the handler ignores
	}
}

func nakAll(msgs []jetstream.Msg) {
	for _, m := range msgs {
		_ = m.NakWithDelay(time.Second)
	}
}

// Once runs fn in a transaction only if consumer has not handled event id
// before, and records that it has in the same transaction. It makes a
// consumer idempotent under at-least-once delivery.
func Once(ctx context.Context, db *store.DB, consumer string, id int64, fn func(ctx context.Context, tx *store.Tx) error) error {
	return db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `INSERT INTO consumed_events (consumer, event_id, consumed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			consumer, id, tx.Now())
		if err != nil {
			return fmt.Errorf("consumer %s event %d: %w", consumer, id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // handled before
		}
		return fn(ctx, tx)
	})
}

// OnceBatch is Once for a batch: in one transaction it records every event
// of evs as handled by consumer and runs fn with those it had not handled
// before (each once, in id order). fn is not called when there are none.
func OnceBatch(ctx context.Context, db *store.DB, consumer string, evs []store.Event, fn func(ctx context.Context, tx *store.Tx, fresh []store.Event) error) error {
	return db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		fresh, err := claim(ctx, tx, consumer, evs)
		if err != nil {
			return fmt.Errorf("consumer %s: %w", consumer, err)
		}
		if len(fresh) == 0 {
			return nil
		}
		return fn(ctx, tx, fresh)
	})
}

// claim inserts evs into consumed_events and returns the ones that were not
// there, sorted by id. Ids go in ascending order, so two transactions
// claiming overlapping batches on PostgreSQL wait for each other instead of
// deadlocking.
func claim(ctx context.Context, tx *store.Tx, consumer string, evs []store.Event) ([]store.Event, error) {
	byID := make(map[int64]store.Event, len(evs))
	for _, ev := range evs {
		byID[ev.ID] = ev
	}
	ids := sortedIDs(byID)
	now := tx.Now()
	fresh := make([]store.Event, 0, len(ids))
	for _, part := range chunks(ids) {
		args := make([]any, 0, 3*len(part))
		for _, id := range part {
			args = append(args, consumer, id, now)
		}
		// chunks pads with repeats of the last id; a repeat conflicts with
		// the row before it in the same statement and is skipped.
		got, err := queryIDs(ctx, tx, `INSERT INTO consumed_events (consumer, event_id, consumed_at) VALUES `+
			valuesList(len(part), 3)+` ON CONFLICT DO NOTHING RETURNING event_id`, args...)
		if err != nil {
			return nil, fmt.Errorf("claim: %w", err)
		}
		for _, id := range got {
			fresh = append(fresh, byID[id])
		}
	}
	sortEvents(fresh)
	return fresh, nil
}
