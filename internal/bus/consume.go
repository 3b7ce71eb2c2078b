package bus

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
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
	runCtx, stop := context.WithCancel(ctx)
	c := &consumer{log: b.log, name: durable, max: max, ask: min(max, minFetch), h: h, cons: cons, stop: stop, done: make(chan struct{})}
	b.mu.Lock()
	b.consumers = append(b.consumers, c)
	b.mu.Unlock()
	go c.run(runCtx)
	return nil
}

// idleWait bounds one wait for the next event when none is waiting.
const idleWait = 5 * time.Second

// minFetch is the fewest events a fetch asks for. A fetch allocates
// buffers for as many messages as it asks for (32 bytes each, whatever
// comes), and at a steady rate each consumer's batches hold a few events:
// asking for DefaultBatch every time was a tenth of the node's allocated
// bytes at 2,000 messages a second.
const minFetch = 32

// consumer pulls batches with explicit fetches: what is waiting, up to max,
// without waiting; when nothing is, it waits for one event and then takes
// what else has arrived. Each batch is a fresh request, so no buffer or
// heartbeat outlives it.
type consumer struct {
	log  *slog.Logger
	name string
	max  int
	ask  int // what the next fetch asks for: see grow
	h    BatchHandler
	cons jetstream.Consumer
	stop context.CancelFunc
	done chan struct{} // closed when run has returned
}

// close stops the consumer after the batch in hand and waits for it.
func (c *consumer) close() {
	c.stop()
	<-c.done
}

func (c *consumer) run(ctx context.Context) {
	defer close(c.done)
	for ctx.Err() == nil {
		msgs, err := c.fetch(ctx)
		if err != nil && ctx.Err() == nil {
			c.log.Warn("bus: fetch failed; retrying", "consumer", c.name, "err", err)
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
			}
		}
		if len(msgs) > 0 {
			// The batch in hand is finished even while stopping, so that
			// its acknowledgements go out before the bus closes.
			c.handle(context.WithoutCancel(ctx), msgs)
		}
	}
}

func (c *consumer) fetch(ctx context.Context) ([]jetstream.Msg, error) {
	msgs, err := collect(c.cons.FetchNoWait(c.ask))
	if err != nil || len(msgs) > 0 {
		c.grow(len(msgs), c.ask)
		return msgs, err
	}
	wait, cancel := context.WithTimeout(ctx, idleWait)
	defer cancel()
	msgs, err = collect(c.cons.Fetch(1, jetstream.FetchContext(wait)))
	if err != nil && wait.Err() != nil {
		err = nil // nothing came
	}
	if err != nil || len(msgs) == 0 || c.max == 1 {
		return msgs, err
	}
	more, err := collect(c.cons.FetchNoWait(c.ask - 1))
	c.grow(len(more), c.ask-1)
	return append(msgs, more...), err
}

// grow sets what the next fetch asks for after one that asked for asked
// and got got. A full fetch means a backlog: the next takes up to max at
// once, as every fetch used to (growing step by step made several small
// batches, each a commit on SQLite's one writer, out of what had been
// one). Otherwise twice what came, at least minFetch.
func (c *consumer) grow(got, asked int) {
	if got >= asked {
		c.ask = c.max
		return
	}
	c.ask = min(max(2*got, minFetch), c.max)
}

// collect reads a fetch's messages until it ends.
func collect(b jetstream.MessageBatch, err error) ([]jetstream.Msg, error) {
	if err != nil {
		return nil, err
	}
	var out []jetstream.Msg
	for m := range b.Messages() {
		out = append(out, m)
	}
	if err := b.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, nats.ErrTimeout) {
		return out, err
	}
	return out, nil
}

// handle runs the handler on one batch and acknowledges or redelivers.
func (c *consumer) handle(ctx context.Context, msgs []jetstream.Msg) {
	evs := make([]store.Event, 0, len(msgs))
	kept := make([]jetstream.Msg, 0, len(msgs))
	for _, msg := range msgs {
		ev, err := decodeEvent(msg)
		if err != nil {
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
	if len(evs) == 1 {
		c.log.Warn("bus: handler failed; will retry", "consumer", c.name, "event", evs[0].ID, "err", err)
		retry(kept[0])
		return
	}
	// One event may be what fails the batch: handle each alone, so that the
	// others go through and only the failing ones come back.
	var failed []int64
	for i := range evs {
		if err := c.h(ctx, evs[i:i+1]); err != nil {
			if len(failed) == 0 {
				c.log.Warn("bus: handler failed; will retry", "consumer", c.name, "event", evs[i].ID, "err", err)
			}
			failed = append(failed, evs[i].ID)
			retry(kept[i])
			continue
		}
		_ = kept[i].Ack()
	}
	if len(failed) > 1 {
		c.log.Warn("bus: more events of the batch failed; will retry", "consumer", c.name, "failed", len(failed), "of", len(evs))
	}
}

func ackAll(msgs []jetstream.Msg) {
	for _, m := range msgs {
		_ = m.Ack() // a lost ack means a redelivery, which the handler ignores
	}
}

// retry asks for m again after a delay that doubles with each delivery,
// from 1 s up to a minute, so that an event that keeps failing is retried
// for ever (never skipped) without flooding the handler.
func retry(m jetstream.Msg) {
	delay := time.Second
	if md, err := m.Metadata(); err == nil && md.NumDelivered > 1 {
		delay = min(time.Second<<min(md.NumDelivered-1, 6), time.Minute)
	}
	_ = m.NakWithDelay(delay)
}

// Once runs fn in a transaction only if consumer has not handled event id
// before, and records that it has in the same transaction. It makes a
// consumer idempotent under at-least-once delivery. The transaction is its
// own (not gathered as OnceBatch's are): its few, rare users act outside it
// too, and a neighbour's failure must not make them act twice.
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
//
// The transaction may hold other consumers' batches too (store.DB.GatherTx):
// one commit for the batches ready together. fn may therefore run twice,
// the first run rolled back with its neighbours' when one of them fails;
// what it does outside tx must bear that.
func OnceBatch(ctx context.Context, db *store.DB, consumer string, evs []store.Event, fn func(ctx context.Context, tx *store.Tx, fresh []store.Event) error) error {
	return db.GatherTx(ctx, consumerKey(consumer), func(ctx context.Context, tx *store.Tx) error {
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
		got, err := tx.QueryIDs(ctx, `INSERT INTO consumed_events (consumer, event_id, consumed_at) VALUES `+
			store.ValuesList(len(part), 3)+` ON CONFLICT DO NOTHING RETURNING event_id`, args...)
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

// consumerKey is consumer's place in a shared transaction (store.DB.GatherTx):
// the same for every batch of one consumer.
func consumerKey(consumer string) int64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(consumer))
	return int64(h.Sum64() >> 1)
}
