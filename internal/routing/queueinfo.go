package routing

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Waiting-time estimate: the queue's recent throughput when it has one,
// else this many minutes per place per eligible agent online.
const (
	throughputWindow  = time.Hour
	minRecentAssigned = 3
	fallbackPerPlace  = 4 * time.Minute
)

// QueueInfo is a waiting ticket's place in its queue (1: next) and an
// estimate of the wait, for the chat widget. ok is false when the ticket
// is not waiting (assigned, solved, not routed yet). A wait of 0 with ok
// true means no estimate can honestly be given: no agent who could take
// the ticket is online.
func (s *Service) QueueInfo(ctx context.Context, id int64) (position int, wait time.Duration, ok bool, err error) {
	// One statement: the ticket's routing columns and the waiting tickets
	// of its queue that waitingOrder serves first (this runs for every
	// queue signal on every node, so it reads no message and opens none).
	var (
		queueID         sql.NullInt64
		assigned        bool
		status, channel string
		n               Need
		ahead           int
	)
	err = s.db.QueryRow(ctx, `SELECT p.assignee_id IS NOT NULL, p.queue_id, p.status, p.product_area, p.language, p.tier, p.channel,
		COALESCE((SELECT e.specialist FROM escalations e WHERE e.ticket_id = p.id ORDER BY e.id DESC LIMIT 1), ''),
		CASE WHEN p.assignee_id IS NULL AND p.queue_id IS NOT NULL THEN (SELECT COUNT(*) FROM tickets t
			WHERE t.queue_id = p.queue_id AND `+waitingWhere+` AND t.id <> p.id AND (`+waitingOrder+`) < (`+orderOf("p")+`)) ELSE 0 END
		FROM tickets p WHERE p.id = ?`, id).Scan(&assigned, &queueID, &status, &n.Area, &n.Language, &n.Tier, &channel, &n.Specialist, &ahead)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, false, errs.E(errs.NotFound, "no ticket %d", id)
	}
	if err != nil {
		return 0, 0, false, fmt.Errorf("queue info of ticket %d: %w", id, err)
	}
	if assigned || !queueID.Valid || status == "solved" || status == "closed" {
		return 0, 0, false, nil
	}
	n.Chat = channel == "chat"
	position = ahead + 1
	wait, err = s.estimate(ctx, queueID.Int64, position, n, nil)
	if err != nil {
		return 0, 0, false, fmt.Errorf("queue info of ticket %d: %w", id, err)
	}
	return position, wait, true, nil
}

// Place is a waiting ticket's place in its queue and the wait estimate,
// as QueueInfo tells them.
type Place struct {
	Position int
	Wait     time.Duration
}

// QueueInfos is QueueInfo for several tickets at once: the chat server
// asks about every ticket signalled within a moment, and tickets of one
// queue share one read of its order (each QueueInfo counts the tickets
// ahead of its own: for the back of a long queue, the whole queue). A
// ticket that waits in no queue, or does not exist, has no Place.
func (s *Service) QueueInfos(ctx context.Context, ids []int64) (map[int64]Place, error) {
	out := map[int64]Place{}
	recent := map[int64]int{} // per queue, read once
	for len(ids) > 0 {
		n := min(len(ids), maxQueueInfos)
		if err := s.queueInfos(ctx, ids[:n], out, recent); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}

// maxQueueInfos bounds the tickets of one QueueInfos statement.
const maxQueueInfos = 256

// queueInfos adds the places of ids to out.
func (s *Service) queueInfos(ctx context.Context, ids []int64, out map[int64]Place, recent map[int64]int) error {
	// Padded to a power of two with the last id (a repeat changes no
	// answer), so that the statement has few shapes to prepare and plan.
	last := ids[len(ids)-1]
	ids = slices.Clone(ids)
	for len(ids)&(len(ids)-1) != 0 {
		ids = append(ids, last)
	}
	in := "?" + strings.Repeat(", ?", len(ids)-1)
	args := make([]any, 0, 2*len(ids))
	for range 2 {
		for _, id := range ids {
			args = append(args, id)
		}
	}
	// The row numbers count every waiting ticket of the queues asked
	// about, so the asked ones are picked only after they are numbered.
	rows, err := s.db.Query(ctx, `SELECT w.id, w.pos, w.queue_id, p.product_area, p.language, p.tier, p.channel,
		COALESCE((SELECT e.specialist FROM escalations e WHERE e.ticket_id = p.id ORDER BY e.id DESC LIMIT 1), '')
		FROM (SELECT t.id, t.queue_id, ROW_NUMBER() OVER (PARTITION BY t.queue_id ORDER BY `+waitingOrder+`) AS pos
			FROM tickets t WHERE t.queue_id IN (SELECT q.queue_id FROM tickets q WHERE q.id IN (`+in+`)) AND `+waitingWhere+`) w
		JOIN tickets p ON p.id = w.id WHERE w.id IN (`+in+`)`, args...)
	if err != nil {
		return fmt.Errorf("queue info of %d tickets: %w", len(ids), err)
	}
	type asked struct {
		id, queue int64
		pos       int
		need      Need
	}
	var found []asked
	for rows.Next() {
		var a asked
		var channel string
		if err := rows.Scan(&a.id, &a.pos, &a.queue, &a.need.Area, &a.need.Language, &a.need.Tier, &channel, &a.need.Specialist); err != nil {
			rows.Close()
			return fmt.Errorf("queue info of %d tickets: %w", len(ids), err)
		}
		a.need.Chat = channel == "chat"
		found = append(found, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("queue info of %d tickets: %w", len(ids), err)
	}
	for _, a := range found {
		wait, err := s.estimate(ctx, a.queue, a.pos, a.need, recent)
		if err != nil {
			return fmt.Errorf("queue info of ticket %d: %w", a.id, err)
		}
		out[a.id] = Place{Position: a.pos, Wait: wait}
	}
	return nil
}

// estimate is the wait of the ticket at position in queueID that needs n:
// 0 when no agent online could take it. recent, when not nil, keeps each
// queue's recent assignments, so that tickets of one queue read them once.
func (s *Service) estimate(ctx context.Context, queueID int64, position int, n Need, recent map[int64]int) (time.Duration, error) {
	agents := s.index.Eligible(n)
	if agents == 0 {
		return 0, nil
	}
	assigned, ok := recent[queueID]
	if !ok {
		since := s.db.Now() - throughputWindow.Milliseconds()
		if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM routing_waits WHERE queue_id = ? AND assigned_at > ?`, queueID, since).Scan(&assigned); err != nil {
			return 0, err
		}
		if recent != nil {
			recent[queueID] = assigned
		}
	}
	var wait time.Duration
	if assigned >= minRecentAssigned {
		wait = time.Duration(position) * throughputWindow / time.Duration(assigned)
	} else {
		wait = time.Duration(position) * fallbackPerPlace / time.Duration(agents)
	}
	return wait.Round(time.Second), nil
}

// signalQueue tells the chat servers that positions in queueID changed
// from pivot on: each waiting chat ticket at pivot's place or behind it
// (waitingOrder) asks QueueInfo again. Those ahead of pivot keep their
// place and their estimate, so they are left alone: a ticket joining the
// back of a long queue signals itself only, where signalling the whole
// queue cost every node a QueueInfo per waiting ticket per arrival. A nil
// pivot signals the whole queue (an assignment changes the queue's
// throughput, and with it every estimate).
func (s *Service) signalQueue(ctx context.Context, queueID int64, pivot *queueKey) {
	if s.signal == nil {
		return
	}
	q := `SELECT t.id FROM tickets t WHERE t.queue_id = ? AND ` + waitingWhere + ` AND t.channel = 'chat'`
	args := []any{queueID}
	if pivot != nil {
		q += ` AND (` + waitingOrder + `) >= (?, ?, ?)`
		args = append(args, pivot.sec, pivot.rank, pivot.id)
	}
	rows, err := s.db.Query(ctx, q+` ORDER BY `+waitingOrder+` LIMIT 200`, args...)
	if err != nil {
		s.log.Warn("routing: queue signal", "queue", queueID, "err", err)
		return
	}
	ids, err := store.ScanIDs(rows)
	if err != nil {
		s.log.Warn("routing: queue signal", "queue", queueID, "err", err)
		return
	}
	for _, id := range ids {
		s.notify(fmt.Sprintf("live.queue.%d", id), nil)
	}
}

// queueKey is a ticket's place in waitingOrder.
type queueKey struct {
	sec, rank int
	id        int64
}

func keyOf(id int64, priority ticket.Priority, area string) *queueKey {
	k := &queueKey{sec: 1, rank: priorityRank(string(priority)), id: id}
	if preempts(priority, area, "") {
		k.sec = 0
	}
	return k
}

func priorityRank(p string) int {
	switch p {
	case "urgent":
		return 0
	case "high":
		return 1
	case "normal":
		return 2
	}
	return 3
}

// QueueStat is a queue's state for the queue list.
type QueueStat struct {
	Waiting   int   `json:"waiting"`
	OldestAt  int64 `json:"oldest_waiting_at,omitempty"` // Unix ms of the oldest waiting ticket
	Unstaffed int   `json:"unstaffed"`                   // waiting tickets no online agent fits
	Assigned  int   `json:"assigned"`                    // open and assigned
}

// QueueStats returns each queue's stats, by queue id.
func (s *Service) QueueStats(ctx context.Context) (map[int64]QueueStat, error) {
	out := map[int64]QueueStat{}
	rows, err := s.db.Query(ctx, `SELECT t.queue_id, t.language, t.product_area, t.tier, t.channel, t.created_at, t.assignee_id IS NULL,
		COALESCE((SELECT e.specialist FROM escalations e WHERE e.ticket_id = t.id ORDER BY e.id DESC LIMIT 1), '')
		FROM tickets t WHERE t.queue_id IS NOT NULL AND t.status NOT IN ('solved', 'closed')`)
	if err != nil {
		return nil, fmt.Errorf("queue stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var q, created int64
		var n Need
		var channel string
		var waiting bool
		if err := rows.Scan(&q, &n.Language, &n.Area, &n.Tier, &channel, &created, &waiting, &n.Specialist); err != nil {
			return nil, fmt.Errorf("queue stats: %w", err)
		}
		st := out[q]
		if !waiting {
			st.Assigned++
			out[q] = st
			continue
		}
		st.Waiting++
		if st.OldestAt == 0 || created < st.OldestAt {
			st.OldestAt = created
		}
		n.Chat = channel == "chat"
		if s.index.Eligible(n) == 0 {
			st.Unstaffed++
		}
		out[q] = st
	}
	return out, rows.Err()
}
