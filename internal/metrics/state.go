package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/groundcrew/groundcrew/internal/store"
)

// ticketState is what the consumer remembers of a ticket between events
// (metric_tickets): its dimensions and where its clocks stand. Times are
// Unix ms, 0 for never.
type ticketState struct {
	TicketID     int64
	CustomerID   int64
	CreatedAt    int64
	Channel      string
	QueueID      int64
	TeamID       int64
	AgentID      int64
	Language     string
	ProductArea  string
	Intent       string
	Priority     string
	Tier         int
	Status       string
	Open         bool
	FirstReplyAt int64
	WaitingSince int64 // a customer message waits for a human reply (after the first reply)
	LastTouch    int64 // the conversation's latest public message
	HumanReplies int
	BotMessages  int
	SolvedAt     int64 // the first solve
	Solves       int
	Reopens      int
	PendingSince int64
	PausedMS     int64 // time spent waiting on the customer
	Breached     string
	fresh        bool // not in the table yet
}

const stateColumns = `ticket_id, customer_id, created_at, channel, queue_id, team_id, agent_id, language, product_area, intent,
	priority, tier, status, open, first_reply_at, waiting_since, last_touch, human_replies, bot_messages, solved_at, solves,
	reopens, pending_since, paused_ms, breached`

func (t *ticketState) fields() []any {
	return []any{&t.TicketID, &t.CustomerID, &t.CreatedAt, &t.Channel, &t.QueueID, &t.TeamID, &t.AgentID, &t.Language,
		&t.ProductArea, &t.Intent, &t.Priority, &t.Tier, &t.Status, &t.Open, &t.FirstReplyAt, &t.WaitingSince, &t.LastTouch,
		&t.HumanReplies, &t.BotMessages, &t.SolvedAt, &t.Solves, &t.Reopens, &t.PendingSince, &t.PausedMS, &t.Breached}
}

func (t *ticketState) values() []any {
	out := t.fields()
	for i, p := range out {
		switch v := p.(type) {
		case *int64:
			out[i] = *v
		case *string:
			out[i] = *v
		case *int:
			out[i] = *v
		case *bool:
			out[i] = 0
			if *v {
				out[i] = 1
			}
		}
	}
	return out
}

// breachedOn says whether target was breached; targets are kept as a
// comma-separated list.
func (t *ticketState) breachedOn(target string) bool {
	for _, b := range strings.Split(t.Breached, ",") {
		if b == target {
			return true
		}
	}
	return false
}

func (t *ticketState) setBreached(target string, on bool) {
	var keep []string
	for _, b := range strings.Split(t.Breached, ",") {
		if b != "" && b != target {
			keep = append(keep, b)
		}
	}
	if on {
		keep = append(keep, target)
	}
	t.Breached = strings.Join(keep, ",")
}

// loadStates reads the states of ids.
func loadStates(ctx context.Context, tx *store.Tx, ids []int64) (map[int64]*ticketState, error) {
	out := make(map[int64]*ticketState, len(ids))
	for start := 0; start < len(ids); start += 500 {
		part := ids[start:min(start+500, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := tx.Query(ctx, `SELECT `+stateColumns+` FROM metric_tickets WHERE ticket_id IN (`+
			strings.TrimSuffix(strings.Repeat("?,", len(part)), ",")+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("metrics: load ticket states: %w", err)
		}
		if err := scanStates(rows, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanStates(rows *sql.Rows, out map[int64]*ticketState) error {
	defer rows.Close()
	for rows.Next() {
		t := &ticketState{}
		if err := rows.Scan(t.fields()...); err != nil {
			return fmt.Errorf("metrics: scan ticket state: %w", err)
		}
		out[t.TicketID] = t
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("metrics: read ticket states: %w", err)
	}
	return nil
}

// maxSavedRows bounds the rows of one saveStates upsert (25 parameters
// each keeps it far below both engines' limits).
const maxSavedRows = 32

// saveStates writes the states back, sorted by ticket id, in multi-row
// upserts of a power of two rows (a batch of 13: 8, 4, 1), so a batch
// costs a few statements, not one per ticket, and the statement caches
// see six shapes. The states name distinct tickets: one upsert may not
// touch a row twice.
func saveStates(ctx context.Context, tx *store.Tx, states []*ticketState) error {
	cols := strings.Split(strings.Join(strings.Fields(stateColumns), ""), ",")
	set := make([]string, 0, len(cols))
	for _, c := range cols[1:] {
		set = append(set, c+" = excluded."+c)
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	for len(states) > 0 {
		n := maxSavedRows
		for n > len(states) {
			n /= 2
		}
		args := make([]any, 0, n*len(cols))
		for _, t := range states[:n] {
			args = append(args, t.values()...)
		}
		q := `INSERT INTO metric_tickets (` + stateColumns + `) VALUES ` + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") +
			` ON CONFLICT (ticket_id) DO UPDATE SET ` + strings.Join(set, ", ")
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("metrics: save %d ticket states from %d: %w", n, states[0].TicketID, err)
		}
		states = states[n:]
	}
	return nil
}
