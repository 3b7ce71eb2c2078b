package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Subscribe hands h every event whose subject matches filter (e.g.
// "gc.message.>") that reaches the stream after the call, in stream order,
// each once, until ctx ends or the bus closes. It is for live views on this
// node: every node that subscribes gets every event (unlike Consume, where
// one node gets each), and nothing is kept for a subscriber that was not
// there, so a view that reconnects reads what it missed from the database.
//
// h runs on one goroutine per subscription, one event at a time; a slow h
// holds up only its own subscription.
//
// It is an ordered JetStream consumer (ephemeral, no acknowledgements): if
// its connection or consumer breaks, it is recreated from the stream
// sequence after the last event delivered, so h sees neither a gap nor a
// repeat while the stream keeps the events.
func (b *Bus) Subscribe(ctx context.Context, filter string, h func(store.Event)) error {
	if filter == "" {
		return errors.New("bus: subscribe: empty filter")
	}
	cons, err := b.stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{filter},
		DeliverPolicy:  jetstream.DeliverNewPolicy,
	})
	if err != nil {
		return fmt.Errorf("bus: subscribe %s: %w", filter, err)
	}
	// Messages creates the consumer on the server before it returns, so
	// every event stored after Subscribe returns is delivered.
	it, err := cons.Messages()
	if err != nil {
		return fmt.Errorf("bus: subscribe %s: %w", filter, err)
	}
	s := &subscription{log: b.log, filter: filter, it: it, h: h, stop: make(chan struct{}), done: make(chan struct{})}
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		it.Stop()
		return errors.New("bus: subscribe: bus closed")
	}
	b.live = append(b.live, s)
	b.mu.Unlock()
	go s.run()
	go func() {
		select {
		case <-ctx.Done():
			s.close()
			b.forget(s)
		case <-s.done:
		}
	}()
	return nil
}

// subscription is one live subscription's delivery loop.
type subscription struct {
	log    *slog.Logger
	filter string
	it     jetstream.MessagesContext
	h      func(store.Event)
	once   sync.Once
	stop   chan struct{} // closed by close
	done   chan struct{} // closed when run has returned
}

func (s *subscription) run() {
	defer close(s.done)
	for {
		msg, err := s.it.Next()
		if errors.Is(err, jetstream.ErrMsgIteratorClosed) {
			return
		}
		if err != nil {
			// The ordered consumer recreates itself on most errors inside
			// Next; what comes out here (a timeout, say) is worth a line.
			s.log.Debug("bus: live subscription", "filter", s.filter, "err", err)
			select {
			case <-s.stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			continue
		}
		ev, err := decodeEvent(msg)
		if err != nil {
			s.log.Error("bus: undecodable event skipped", "filter", s.filter, "subject", msg.Subject(), "err", err)
			continue
		}
		s.h(ev)
	}
}

// close stops delivery and waits until h has returned for the last time
// (so h must not close its own subscription or the bus).
func (s *subscription) close() {
	s.once.Do(func() {
		close(s.stop)
		s.it.Stop()
	})
	<-s.done
}

// forget drops a subscription that ended with its context.
func (b *Bus) forget(s *subscription) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, l := range b.live {
		if l == s {
			b.live = append(b.live[:i], b.live[i+1:]...)
			return
		}
	}
}
