// Package bus is the event bus: NATS JetStream, embedded in-process by
// default or an external cluster. Events reach it only through the outbox
// relay, so the bus never knows a fact the database does not.
package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"strconv"
	"sync"
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

const (
	// DuplicateWindow is how long the stream drops a republished event by
	// its message id.
	DuplicateWindow = 10 * time.Minute
	// StreamMaxAge is how long the stream keeps an event, and so how long it
	// may deliver it again to a consumer that did not acknowledge it.
	StreamMaxAge = 14 * 24 * time.Hour
	// EmbeddedSyncInterval is how often the embedded server flushes its
	// files to disk (JetStream's own default, set here so that the window
	// below cannot drift from it). An event acknowledged since the last
	// flush is in the page cache only: a power loss can take it.
	EmbeddedSyncInterval = 2 * time.Minute
	// embeddedResendWindow is how far back the relay publishes again at
	// start on the embedded engine: a flush interval and a margin, well
	// inside DuplicateWindow so that what did survive is dropped by id.
	embeddedResendWindow = EmbeddedSyncInterval + time.Minute
)

// Bus is a connection to JetStream, and the embedded server if it owns one.
type Bus struct {
	log      *slog.Logger
	embedded *server.Server
	nc       *nats.Conn
	js       jetstream.JetStream
	stream   jetstream.Stream

	mu        sync.Mutex
	consumers []*consumer     // stopped, and waited for, by Close
	live      []*subscription // likewise
	closing   chan struct{}   // closed when Close begins
	closed    bool
}

// Options say how to reach NATS.
type Options struct {
	// URL of a NATS server or cluster; empty starts an embedded JetStream
	// server keeping its data in DataDir/nats.
	URL     string
	DataDir string
	// Listen, for the embedded server only, is the host:port it also takes
	// TCP clients on ("127.0.0.1:4222"; port -1 picks a free one), so that
	// other nodes and tests can share it; empty listens on no port. See
	// ClientURL.
	Listen string
	Log    *slog.Logger
	// PublishAckWait bounds how long a published event waits for the
	// server's acknowledgement (default DefaultPublishAckWait). Without a
	// bound, a batch published while the server is gone waits for ever
	// and holds the relay, and with it the shutdown's drain; past it the
	// batch fails, stays unpublished in the outbox and is sent again
	// (JetStream drops the copies by id).
	PublishAckWait time.Duration
}

// DefaultPublishAckWait is Options.PublishAckWait's default.
const DefaultPublishAckWait = 10 * time.Second

// Start connects to url, or with an empty url starts an embedded JetStream
// server that keeps its data in dataDir/nats and listens on no port.
func Start(ctx context.Context, url, dataDir string, log *slog.Logger) (*Bus, error) {
	return StartWith(ctx, Options{URL: url, DataDir: dataDir, Log: log})
}

// StartWith starts the bus as opts say.
func StartWith(ctx context.Context, opts Options) (*Bus, error) {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := &Bus{log: log, closing: make(chan struct{})}
	url := opts.URL
	var err error
	if url == "" {
		sopts := &server.Options{
			ServerName: "groundcrew-embedded",
			DontListen: true,
			JetStream:  true,
			StoreDir:   filepath.Join(opts.DataDir, "nats"),
			// Syncing every write was not taken: the outbox already has
			// each event durably, so the relay re-publishes (ResendWindow).
			SyncInterval: EmbeddedSyncInterval,
			NoLog:        true,
			NoSigs:       true,
		}
		if opts.Listen != "" {
			if err := listenOn(sopts, opts.Listen); err != nil {
				return nil, fmt.Errorf("start embedded nats: %w", err)
			}
		}
		b.embedded, err = server.NewServer(sopts)
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
	ackWait := opts.PublishAckWait
	if ackWait <= 0 {
		ackWait = DefaultPublishAckWait
	}
	if b.js, err = jetstream.New(b.nc, jetstream.WithPublishAsyncTimeout(ackWait)); err != nil {
		b.Close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	b.stream, err = b.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       StreamName,
		Subjects:   []string{SubjectPrefix + ">"},
		Storage:    jetstream.FileStorage,
		Duplicates: DuplicateWindow,
		MaxAge:     StreamMaxAge,
	})
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("jetstream stream %s: %w", StreamName, err)
	}
	return b, nil
}

// ResendWindow is how far back a relay starting on this bus publishes the
// outbox again (Relay.Resend): on the embedded engine, events acknowledged
// within the last flush interval may have been lost with the machine's
// power, and the outbox, which SQLite syncs on every commit, still has
// them; JetStream drops by message id the ones it kept, and consumers are
// idempotent. An external cluster syncs and replicates by its own
// settings: 0.
func (b *Bus) ResendWindow() time.Duration {
	if b.embedded == nil {
		return 0
	}
	return embeddedResendWindow
}

// listenOn sets the embedded server to take TCP clients on hostport.
func listenOn(o *server.Options, hostport string) error {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return fmt.Errorf("listen address %q: %w", hostport, err)
	}
	p, err := strconv.Atoi(port)
	if err != nil || p < -1 || p > 65535 {
		return fmt.Errorf("listen address %q: bad port", hostport)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	o.DontListen, o.Host, o.Port = false, host, p
	return nil
}

// ClientURL is the address other processes connect to: the embedded
// server's TCP address when it listens on one, else the server in use.
func (b *Bus) ClientURL() string {
	if b.embedded != nil {
		if addr, ok := b.embedded.Addr().(*net.TCPAddr); ok && addr != nil {
			return fmt.Sprintf("nats://%s", net.JoinHostPort(addr.IP.String(), strconv.Itoa(addr.Port)))
		}
		return ""
	}
	return b.nc.ConnectedUrlRedacted()
}

// Close stops the consumers (each finishes the batch in hand) and the live
// subscriptions, drains the connection and stops the embedded server.
func (b *Bus) Close() {
	b.StopConsumers()
	b.mu.Lock()
	live := b.live
	b.live = nil
	if !b.closed {
		b.closed = true
		close(b.closing)
	}
	b.mu.Unlock()
	for _, s := range live {
		s.close()
	}
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

// StopConsumers stops this node's durable consumers and waits for the
// batches they are handling, so that nothing they commit afterwards escapes
// a final drain of the outbox. The bus itself stays open for publishing.
func (b *Bus) StopConsumers() {
	b.mu.Lock()
	consumers := b.consumers
	b.consumers = nil
	b.mu.Unlock()
	for _, c := range consumers {
		c.close()
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
		msg, err := encodeEvent(ev)
		if err != nil {
			return fmt.Errorf("publish %d: %w", ev.ID, err)
		}
		f, err := b.js.PublishMsgAsync(msg)
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
