package ticket

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// withheldReads shares one database read of a withheld message body among
// the callers that ask for it while that read is running. Every consumer
// of a node (status, fraud, workforce, automation, the bot, live views)
// gets the same message.created event at about the same moment and each
// opened a withheld body with a read of its own: 3.6-5.7 reads per
// message under load (BENCHMARKS.md). Nothing is kept once the read
// returns, so a caller never gets a body older than one read that was
// still running when it asked: a replay after the guard cut the message
// reads it anew.
type withheldReads struct {
	mu      sync.Mutex
	running map[withheldKey]*withheldRead
}

// withheldKey names a message with its ticket: a caller naming the wrong
// ticket must not join another's read.
type withheldKey struct{ ticketID, messageID int64 }

// withheldRead is one read in flight; done closes when sealed and err are set.
type withheldRead struct {
	done   chan struct{}
	sealed string
	err    error
}

// read returns the stored (sealed) body of message messageID of ticket
// ticketID, joining a read of the same message already running.
func (w *withheldReads) read(ctx context.Context, s *Store, ticketID, messageID int64) (string, error) {
	key := withheldKey{ticketID, messageID}
	w.mu.Lock()
	if r, ok := w.running[key]; ok {
		w.mu.Unlock()
		select {
		case <-r.done:
		case <-ctx.Done():
			return "", ctx.Err()
		}
		// The read that was shared ended with its own caller's context
		// (cancelled, timed out): this caller's is still good.
		if errors.Is(r.err, context.Canceled) || errors.Is(r.err, context.DeadlineExceeded) {
			return s.readWithheld(ctx, ticketID, messageID)
		}
		return r.sealed, r.err
	}
	if w.running == nil {
		w.running = make(map[withheldKey]*withheldRead)
	}
	r := &withheldRead{done: make(chan struct{})}
	w.running[key] = r
	w.mu.Unlock()

	r.sealed, r.err = s.readWithheld(ctx, ticketID, messageID)
	w.mu.Lock()
	delete(w.running, key)
	w.mu.Unlock()
	close(r.done)
	return r.sealed, r.err
}

// readWithheld reads a message's stored body. The ticket is part of the
// key so that an event naming another ticket's message opens nothing.
func (s *Store) readWithheld(ctx context.Context, ticketID, messageID int64) (string, error) {
	var sealed string
	err := s.db.QueryRow(ctx, `SELECT body FROM messages WHERE id = ? AND ticket_id = ?`, messageID, ticketID).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errs.E(errs.NotFound, "no message %d", messageID)
	}
	if err != nil {
		return "", fmt.Errorf("read withheld message %d: %w", messageID, err)
	}
	return sealed, nil
}
