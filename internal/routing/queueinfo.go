package routing

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	agents := s.index.Eligible(n)
	if agents == 0 {
		return position, 0, true, nil
	}
	var recent int
	since := s.db.Now() - throughputWindow.Milliseconds()
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM routing_waits WHERE queue_id = ? AND assigned_at > ?`, queueID.Int64, since).Scan(&recent); err != nil {
		return 0, 0, false, fmt.Errorf("queue info of ticket %d: %w", id, err)
	}
	if recent >= minRecentAssigned {
		wait = time.Duration(position) * throughputWindow / time.Duration(recent)
	} else {
		wait = time.Duration(position) * fallbackPerPlace / time.Duration(agents)
	}
	return position, wait.Round(time.Second), true, nil
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
