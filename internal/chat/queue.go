package chat

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// QueueInfo is what a waiting customer is told about their place: their
// position in the queue, the expected wait, and the reply the SLA promises.
// Zero values (and a nil PromisedBy) are unknown and left out.
type QueueInfo struct {
	Position   int
	Wait       time.Duration
	PromisedBy *time.Time
}

// QueueInfoFunc tells a conversation's queue information; ok false: the
// conversation waits in no queue (an agent has it, or it is closed).
type QueueInfoFunc func(ctx context.Context, ticketID int64) (QueueInfo, bool, error)

// QueueInfosFunc is QueueInfoFunc for several conversations at once, for a
// provider that answers them more cheaply together: a conversation missing
// from the map waits in no queue.
type QueueInfosFunc func(ctx context.Context, ticketIDs []int64) (map[int64]QueueInfo, error)

// Option configures a Service beyond its Config.
type Option func(*Service)

// WithQueueInfo makes the server send queue frames (docs/chat-protocol.md)
// with what f tells: after synced, and whenever any node signals
// QueueSubject(ticketID) (routing does when positions move, the SLA when
// its promise changes).
func WithQueueInfo(f QueueInfoFunc) Option {
	if f == nil {
		return func(*Service) {}
	}
	return WithQueueInfos(func(ctx context.Context, ids []int64) (map[int64]QueueInfo, error) {
		out := map[int64]QueueInfo{}
		for _, id := range ids {
			info, ok, err := f(ctx, id)
			if err != nil {
				return nil, err
			}
			if ok {
				out[id] = info
			}
		}
		return out, nil
	})
}

// WithQueueInfos is WithQueueInfo with a provider that is asked about
// every conversation signalled within a moment in one call.
func WithQueueInfos(f QueueInfosFunc) Option {
	return func(s *Service) {
		if f != nil {
			s.queue.Store(&f)
		}
	}
}

// Use applies options to a running service (the server wires providers
// that are built after the chat service).
func (s *Service) Use(opts ...Option) {
	for _, o := range opts {
		o(s)
	}
}

// QueueSubject is the signal that ticketID's queue information changed.
func QueueSubject(ticketID int64) string { return queuePrefix + strconv.FormatInt(ticketID, 10) }

const queuePrefix = "live.queue."

// QueueFrame is the queue frame. A frame with neither position, wait nor
// promise says the conversation waits no more: the widget hides the notice.
type QueueFrame struct {
	Type         string `json:"type"`
	Conversation int64  `json:"conversation"`
	Position     int    `json:"position,omitempty"`
	WaitSeconds  int64  `json:"wait_seconds,omitempty"`
	PromisedBy   string `json:"promised_by,omitempty"`
}

// queueFrames asks the provider about ids and returns their frames.
// sendEmpty: a conversation out of the queue still gets a frame (a change
// to say), else none.
func (s *Service) queueFrames(ctx context.Context, ids []int64, sendEmpty bool) map[int64][]byte {
	f := s.queue.Load()
	if f == nil || len(ids) == 0 {
		return nil
	}
	infos, err := (*f)(ctx, ids)
	if err != nil {
		s.log.Warn("chat: queue information", "tickets", len(ids), "first", ids[0], "err", err)
		return nil
	}
	out := make(map[int64][]byte, len(ids))
	for _, id := range ids {
		q := QueueFrame{Type: "queue", Conversation: id}
		if info, ok := infos[id]; ok {
			q.Position = max(info.Position, 0)
			q.WaitSeconds = max(int64(info.Wait/time.Second), 0)
			if info.PromisedBy != nil && !info.PromisedBy.IsZero() {
				q.PromisedBy = info.PromisedBy.UTC().Format(time.RFC3339)
			}
		}
		if q.Position == 0 && q.WaitSeconds == 0 && q.PromisedBy == "" && !sendEmpty {
			continue
		}
		out[id], _ = json.Marshal(q)
	}
	return out
}

// onQueue passes a queue change to this node's sockets of the ticket.
// Signals are gathered for queueWindow and each ticket signalled meanwhile
// asks the provider once: a ticket entering a queue is signalled by
// routing and by the SLA within moments, and an assignment signals every
// ticket behind it, so asking per signal asked the same thing over and
// over. The frame a socket gets reflects the state after the last signal.
func (s *Service) onQueue(subject string) {
	id, err := strconv.ParseInt(strings.TrimPrefix(subject, queuePrefix), 10, 64)
	if err == nil && id > 0 {
		s.askQueue(id)
	}
}

// askQueue gathers a question about ticketID's queue frame for its
// sockets here with the signals of the current window (see onQueue).
func (s *Service) askQueue(id int64) {
	if s.queue.Load() == nil || !s.hub.has(id) {
		return
	}
	p := &s.queueDue
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ids[id] {
		return
	}
	if p.ids == nil {
		p.ids = map[int64]bool{}
	}
	p.ids[id] = true
	p.order = append(p.order, id)
	if !p.running {
		p.running = true
		go s.drainQueue()
	}
}

// queueWindow is how long queue signals gather before they are answered.
const queueWindow = 200 * time.Millisecond

// queueDue are the tickets signalled and not yet answered, in order.
type queueDue struct {
	mu      sync.Mutex
	window  time.Duration // 0: queueWindow (tests set more)
	ids     map[int64]bool
	order   []int64
	running bool // a drainQueue goroutine runs
}

// drainQueue answers the gathered signals, all of a round in one question
// (tickets of one queue share the read of its order), until none are
// left. A ticket signalled again while its answer is being made is
// answered again in the next round, so no change goes unsent.
func (s *Service) drainQueue() {
	p := &s.queueDue
	for {
		p.mu.Lock()
		window := cmp.Or(p.window, queueWindow)
		p.mu.Unlock()
		time.Sleep(window)
		p.mu.Lock()
		ids := p.order
		p.order = nil
		clear(p.ids)
		if len(ids) == 0 {
			p.running = false
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
		s.answerQueue(ids)
	}
}

// answerQueue sends the queue frames of ids to this node's sockets of them.
func (s *Service) answerQueue(ids []int64) {
	ids = slices.DeleteFunc(ids, func(id int64) bool { return !s.hub.has(id) })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for id, data := range s.queueFrames(ctx, ids, true) {
		s.hub.deliver(id, 0, data)
	}
}

// sendQueue queues the conversation's queue frame, if it waits in one.
func (c *conn) sendQueue(ctx context.Context, ticketID int64) error {
	data, ok := c.s.queueFrames(ctx, []int64{ticketID}, false)[ticketID]
	if !ok {
		return nil
	}
	return c.push(outFrame{data: data})
}
