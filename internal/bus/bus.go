// Package bus is the event bus: NATS JetStream, embedded in-process by
// default or an external cluster. Events reach it only through the outbox
// relay, so the bus never knows a fact the database does not.
package bus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/groundcrew/groundcrew/internal/store"
)

// StreamName is the JetStream stream holding every Groundcrew event.
const StreamName = "GROUNDCREW"

// SubjectPrefix prefixes an event's type to make its subject.
const SubjectPrefix = "gc."

// Bus is a connection to JetStream, and the embedded server if it owns one.
type Bus struct {
	log      *slog.Logger
	embedded *server.Server
	nc       *nats.Conn
	js       jetstream.JetStream
	stream   jetstream.Stream
}

// Start connects to url, or with an empty url starts an embedded JetStream
// server that keeps its data in dataDir/nats and listens on no port.
func Start(ctx context.Context, url, dataDir string, log *slog.Logger) (*Bus, error) {
	b := &Bus{log: log}
	var err error
	if url == "" {
		b.embedded, err = server.NewServer(&server.Options{
			ServerName: "groundcrew-embedded",
			DontListen: true,
			JetStream:  true,
			StoreDir:   filepath.Join(dataDir, "nats"),
			NoLog:      true,
			NoSigs:     true,
		})
		if err != nil {
			return nil, fmt.Errorf("start embedded nats: %w", err)
		}
		b.embedded.Start()
		if !b.embedded.ReadyForConnections(10 * time.Second) {
			b.embedded.Shutdown()
			return nil, errors.New("start embedded nats: not ready after 10s")
		}
		b.nc, err = nats.Connect(b.embedded.ClientURL(), nats.InProcessServer(b.embedded), nats.Name("groundcrew"))
	} else {
		b.nc, err = nats.Connect(url, nats.Name("groundcrew"), nats.MaxReconnects(-1))
	}
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("connect nats: %w", err)
	}
	if b.js, err = jetstream.New(b.nc); err != nil {
		b.Close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	b.stream, err = b.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       StreamName,
		Subjects:   []string{SubjectPrefix + ">"},
		Storage:    jetstream.FileStorage,
		Duplicates: 10 * time.Minute,
		MaxAge:     14 * 24 * time.Hour,
	})
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("jetstream stream %s: %w", StreamName, err)
	}
	return b, nil
}

// Close drains the connection and stops the embedded server.
func (b *Bus) Close() {
	if b.nc != nil {
		_ = b.nc.Drain()
		for i := 0; i < 50 && !b.nc.IsClosed(); i++ {
			time.Sleep(10 * time.Millisecond)
		}
		b.nc.Close()
	}
	if b.embedded != nil {
		b.embedded.Shutdown()
		b.embedded.WaitForShutdown()
	}
}

// Ready reports whether the bus can take events now.
func (b *Bus) Ready(ctx context.Context) error {
	if !b.nc.IsConnected() {
		return errors.New("nats: not connected")
	}
	if _, err := b.stream.Info(ctx); err != nil {
		return fmt.Errorf("nats: %w", err)
	}
	return nil
}

func msgID(id int64) string { return "gc-" + strconv.FormatInt(id, 10) }

// PublishBatch publishes events and waits until JetStream has stored each.
// The message id is the outbox id, so a republished event is dropped as a
// duplicate by the stream.
func (b *Bus) PublishBatch(ctx context.Context, events []store.Event) error {
	futures := make([]jetstream.PubAckFuture, 0, len(events))
	for _, ev := range events {
		body, err := json.Marshal(ev)
		if err != nil {
			return fmt.Errorf("publish %d: %w", ev.ID, err)
		}
		f, err := b.js.PublishMsgAsync(&nats.Msg{
			Subject: SubjectPrefix + ev.Type,
			Data:    body,
			Header:  nats.Header{nats.MsgIdHdr: []string{msgID(ev.ID)}},
		})
		if err != nil {
			return fmt.Errorf("publish %d: %w", ev.ID, err)
		}
		futures = append(futures, f)
	}
	for i, f := range futures {
		select {
		case <-f.Ok():
		case err := <-f.Err():
			return fmt.Errorf("publish %d: %w", events[i].ID, err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// Handler handles one event. Returning an error asks for redelivery.
type Handler func(ctx context.Context, ev store.Event) error

// Consume starts a durable consumer that delivers events whose subject
// matches filter (e.g. "gc.ticket.>") to h, at least once, until ctx ends.
func (b *Bus) Consume(ctx context.Context, durable, filter string, h Handler) error {
	cons, err := b.stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       durable,
		FilterSubject: filter,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       30 * time.Second,
		MaxAckPending: 1000,
	})
	if err != nil {
		return fmt.Errorf("consumer %s: %w", durable, err)
	}
	cc, err := cons.Consume(func(msg jetstream.Msg) {
		var ev store.Event
		if err := json.Unmarshal(msg.Data(), &ev); err != nil {
			b.log.Error("bus: undecodable event dropped", "consumer", durable, "subject", msg.Subject(), "err", err)
			_ = msg.Term()
			return
		}
		if err := h(ctx, ev); err != nil {
			b.log.Warn("bus: handler failed; will retry", "consumer", durable, "event", ev.ID, "err", err)
			_ = msg.NakWithDelay(time.Second)
			return
		}
		_ = msg.Ack()
	})
	if err != nil {
		return fmt.Errorf("consumer %s: %w", durable, err)
	}
	go func() {
		<-ctx.Done()
		cc.Stop()
	}()
	return nil
}

// Once runs fn in a transaction only if consumer has not handled event id
// before, and records that it has in the same transaction. It makes a
// consumer idempotent under at-least-once delivery.
func Once(ctx context.Context, db *store.DB, consumer string, id int64, fn func(ctx context.Context, tx *store.Tx) error) error {
	return db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `INSERT INTO consumed_events (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, consumer, id)
		if err != nil {
			return fmt.Errorf("consumer %s event %d: %w", consumer, id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // handled before
		}
		return fn(ctx, tx)
	})
}
