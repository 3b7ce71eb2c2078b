package ticket

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// withheldReads gathers a node's reads of withheld message bodies into few
// statements. Every consumer of a node (status, fraud, workforce,
// automation, the bot, live views) gets each message.created event and
// opens a withheld body on its own: about one read a message under load,
// the largest statement the consumers send (BENCHMARKS.md). One read is
// sent at a time; callers that ask while it runs join it if it reads their
// message, and otherwise wait together and go in the next read, one
// statement for all of them. A caller that finds nothing running reads at
// once, so a lone read waits for nobody. Nothing is kept once a read
// returns, so a caller never gets a body older than a read that was still
// running when it asked: a replay after the guard cut the message reads
// it anew.
type withheldReads struct {
	mu      sync.Mutex
	running *withheldBatch // being read; nil when idle
	next    *withheldBatch // gathering while running is read

	// sending, if set (tests), runs before each read is sent.
	sending func(keys int)
}

// withheldKey names a message with its ticket: a caller naming the wrong
// ticket must not join another's read.
type withheldKey struct{ ticketID, messageID int64 }

// withheldBatch is the messages of one read.
type withheldBatch struct {
	reads map[withheldKey]*withheldRead
	start chan struct{} // closed when the read before it has returned
}

// withheldRead is one message of a batch; done closes when sealed and err
// are set.
type withheldRead struct {
	done   chan struct{}
	sealed string
	err    error
}

// maxWithheldBatch bounds the messages of one read; callers beyond it read
// alone.
const maxWithheldBatch = 64

func newWithheldBatch() *withheldBatch {
	return &withheldBatch{reads: map[withheldKey]*withheldRead{}, start: make(chan struct{})}
}

// read returns the stored (sealed) body of message messageID of ticket
// ticketID, joining or gathering with the reads of other callers.
func (w *withheldReads) read(ctx context.Context, s *Store, ticketID, messageID int64) (string, error) {
	key := withheldKey{ticketID, messageID}
	r := &withheldRead{done: make(chan struct{})}
	w.mu.Lock()
	for _, b := range []*withheldBatch{w.running, w.next} {
		if b == nil {
			continue
		}
		if joined, ok := b.reads[key]; ok {
			w.mu.Unlock()
			return joined.wait(ctx, s, key)
		}
	}
	switch {
	case w.running == nil:
		b := newWithheldBatch()
		b.reads[key] = r
		w.running = b
		w.mu.Unlock()
		w.send(ctx, s, b)
		return r.sealed, r.err
	case w.next == nil:
		// The first to wait sends the next read when the running one returns.
		b := newWithheldBatch()
		b.reads[key] = r
		w.next = b
		w.mu.Unlock()
		// Not ended by ctx: the others in b wait for this caller to send
		// it. The running read returns within its own caller's context;
		// this one's ends the read it sends, and its joiners then read
		// alone (wait).
		<-b.start
		w.send(ctx, s, b)
		return r.sealed, r.err
	case len(w.next.reads) < maxWithheldBatch:
		w.next.reads[key] = r
		w.mu.Unlock()
		return r.wait(ctx, s, key)
	}
	w.mu.Unlock()
	return s.readWithheld(ctx, ticketID, messageID)
}

// wait returns the outcome of the read r joined.
func (r *withheldRead) wait(ctx context.Context, s *Store, key withheldKey) (string, error) {
	select {
	case <-r.done:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	// The read that was shared ended with its sender's context
	// (cancelled, timed out): this caller's is still good.
	if errors.Is(r.err, context.Canceled) || errors.Is(r.err, context.DeadlineExceeded) {
		return s.readWithheld(ctx, key.ticketID, key.messageID)
	}
	return r.sealed, r.err
}

// send reads batch b, the running one, hands on to the batch gathered
// meanwhile, and then wakes b's callers.
func (w *withheldReads) send(ctx context.Context, s *Store, b *withheldBatch) {
	if w.sending != nil {
		w.sending(len(b.reads))
	}
	keys := make([]withheldKey, 0, len(b.reads))
	for k := range b.reads {
		keys = append(keys, k)
	}
	bodies, err := s.readWithheldBatch(ctx, keys)
	for k, r := range b.reads {
		r.sealed, r.err = bodies[k], err
		if _, ok := bodies[k]; !ok && err == nil {
			r.err = errs.E(errs.NotFound, "no message %d", k.messageID)
		}
	}
	w.mu.Lock()
	w.running, w.next = w.next, nil
	if w.running != nil {
		close(w.running.start)
	}
	w.mu.Unlock()
	for _, r := range b.reads {
		close(r.done)
	}
}

// readWithheld reads one message's stored body.
func (s *Store) readWithheld(ctx context.Context, ticketID, messageID int64) (string, error) {
	key := withheldKey{ticketID, messageID}
	bodies, err := s.readWithheldBatch(ctx, []withheldKey{key})
	if err != nil {
		return "", err
	}
	sealed, ok := bodies[key]
	if !ok {
		return "", errs.E(errs.NotFound, "no message %d", messageID)
	}
	return sealed, nil
}

// readWithheldBatch reads the stored bodies of the messages keys name in
// one statement. A message is found only under its own ticket, so that an
// event naming another ticket's message opens nothing. The id list is
// padded to a power of two (repeating the last id) so that few statement
// shapes reach the statement caches.
func (s *Store) readWithheldBatch(ctx context.Context, keys []withheldKey) (map[withheldKey]string, error) {
	n := 1
	for n < len(keys) {
		n *= 2
	}
	args := make([]any, n)
	for i := range n {
		args[i] = keys[min(i, len(keys)-1)].messageID
	}
	rows, err := s.db.Query(ctx, `SELECT id, ticket_id, body FROM messages WHERE id IN (?`+strings.Repeat(", ?", n-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("read withheld messages: %w", err)
	}
	defer rows.Close()
	want := make(map[withheldKey]bool, len(keys))
	for _, k := range keys {
		want[k] = true
	}
	out := make(map[withheldKey]string, len(keys))
	for rows.Next() {
		var k withheldKey
		var sealed string
		if err := rows.Scan(&k.messageID, &k.ticketID, &sealed); err != nil {
			return nil, fmt.Errorf("read withheld messages: %w", err)
		}
		if want[k] {
			out[k] = sealed
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read withheld messages: %w", err)
	}
	return out, nil
}
