package quality

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
)

// world is a database with the rows a QA test needs, made by builders.
type world struct {
	t     *testing.T
	db    *store.DB
	clock *store.FakeClock
	svc   *Service
	ctx   context.Context
	cust  int64
	ev    int64
}

var day0 = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	clock := store.NewFakeClock(day0)
	db.SetClock(clock.Now)
	w := &world{t: t, db: db, clock: clock, svc: New(db, nil, slog.New(slog.NewTextHandler(io.Discard, nil))), ctx: context.Background()}
	w.cust = w.insert(`INSERT INTO customers (external_id, email, name, language, created_at, updated_at) VALUES ('u1', 'jordan@example.org', 'Jordan Lee', 'en', ?, ?)`, day0.UnixMilli(), day0.UnixMilli())
	return w
}

func (w *world) insert(q string, args ...any) int64 {
	w.t.Helper()
	var id int64
	err := w.db.Tx(w.ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		id, err = tx.InsertID(ctx, q, args...)
		return err
	})
	if err != nil {
		w.t.Fatalf("insert: %v", err)
	}
	return id
}

func (w *world) exec(q string, args ...any) {
	w.t.Helper()
	if _, err := w.db.Exec(w.ctx, q, args...); err != nil {
		w.t.Fatalf("exec: %v", err)
	}
}

func (w *world) agent(name, role string) int64 {
	now := w.clock.Now().UnixMilli()
	return w.insert(`INSERT INTO agents (email, name, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`, name+"@crew.test", name, role, now, now)
}

// ticket opens a ticket assigned to agent (0: nobody) in status, last
// touched at.
func (w *world) ticket(agent int64, status string, at time.Time) int64 {
	var assignee any
	if agent != 0 {
		assignee = agent
	}
	ms := at.UnixMilli()
	return w.insert(`INSERT INTO tickets (subject, customer_id, channel, status, priority, product_area, language, tier, assignee_id, created_at, updated_at, last_message_at)
		VALUES ('Deposit missing', ?, 'chat', ?, 'normal', 'wallet_deposits', 'en', 1, ?, ?, ?, ?)`, w.cust, status, assignee, ms, ms, ms)
}

func (w *world) csat(tk int64, score int, at time.Time) {
	w.insert(`INSERT INTO surveys (kind, ticket_id, customer_id, created_at, expires_at, answered_at, score) VALUES ('csat', ?, ?, ?, ?, ?, ?)`,
		tk, w.cust, at.UnixMilli(), at.Add(72*time.Hour).UnixMilli(), at.UnixMilli(), score)
}

func (w *world) escalation(tk int64, at time.Time) {
	w.insert(`INSERT INTO escalations (ticket_id, from_tier, to_tier, reason, created_at) VALUES (?, 1, 2, 'needs investigation', ?)`, tk, at.UnixMilli())
}

// event is a bus event of topic with payload v, as the consumer gets it.
func event[T any](w *world, topic bus.Topic[T], v T, at time.Time) store.Event {
	w.t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		w.t.Fatal(err)
	}
	w.ev++
	return store.Event{ID: w.ev, Type: topic.Type(), At: at, Data: data}
}

// allFour scores every category 4, then applies the changes.
func allFour(changes map[string]int) Scores {
	s := Scores{}
	for _, c := range Categories {
		s[c.Key] = MaxScore
	}
	for k, v := range changes {
		s[k] = v
	}
	return s
}
