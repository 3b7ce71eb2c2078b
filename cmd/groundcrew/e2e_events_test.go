package main

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// loggedEvent is an event_log row as far as the kill -9 test looks at it.
type loggedEvent struct {
	Type string
	Data struct {
		TicketID  int64 `json:"ticket_id"`
		MessageID int64 `json:"message_id"`
	}
}

// checkEventLog compares the recorder's event_log with the outbox once the
// restarted server has drained it: every event committed before or after
// the kill is recorded exactly once, nothing else is, and every
// acknowledged ticket and message has its event. A backlog of zero alone
// would also be reached by a relay that marks events published without
// sending them.
func checkEventLog(t *testing.T, dsn, dataDir string, acked []ackedMsg) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, dataDir)
	if err != nil {
		t.Fatalf("open the server's database: %v", err)
	}
	defer db.Close()

	var outbox map[int64]bool
	var logged map[int64]loggedEvent
	var missing []int64
	deadline := time.Now().Add(30 * time.Second)
	for {
		// The log first: the running node's consumers (routing, SLA,
		// automation) still commit events, and an event the relay logs
		// between the two reads must already be in the outbox read after.
		logged = eventLog(t, db)
		outbox = storetest.IDs(t, db, `SELECT id FROM outbox`)
		missing = missing[:0]
		for id := range outbox {
			if _, ok := logged[id]; !ok {
				missing = append(missing, id)
			}
		}
		if len(missing) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	var extra []int64
	for id := range logged {
		if !outbox[id] {
			extra = append(extra, id)
		}
	}
	t.Logf("events: %d in the outbox, %d in event_log; %d missing, %d not in the outbox", len(outbox), len(logged), len(missing), len(extra))
	if len(missing) > 0 {
		t.Errorf("%d committed events never reached event_log, e.g. outbox ids %v", len(missing), missing[:min(10, len(missing))])
	}
	if len(extra) > 0 {
		t.Errorf("%d events in event_log are not in the outbox, e.g. %v", len(extra), extra[:min(10, len(extra))])
	}

	// One event per ticket created and per message added, never two.
	created, added := map[int64]int{}, map[int64]int{}
	for _, ev := range logged {
		switch ev.Type {
		case "ticket.created":
			created[ev.Data.TicketID]++
		case "message.created":
			added[ev.Data.MessageID]++
		}
	}
	var problems []string
	for _, m := range acked {
		if m.ID == 0 { // a ticket's first message, acknowledged with the ticket
			if created[m.Ticket] != 1 {
				problems = append(problems, fmt.Sprintf("ticket %d: %d ticket.created events", m.Ticket, created[m.Ticket]))
			}
			continue
		}
		if added[m.ID] != 1 {
			problems = append(problems, fmt.Sprintf("message %d: %d message.created events", m.ID, added[m.ID]))
		}
	}
	for id, n := range added {
		if n != 1 {
			problems = append(problems, fmt.Sprintf("message %d: %d message.created events", id, n))
		}
	}
	if len(problems) > 0 {
		t.Errorf("%d acknowledged writes without exactly one event in event_log, e.g. %q", len(problems), problems[:min(10, len(problems))])
	}
}

func eventLog(t *testing.T, db *store.DB) map[int64]loggedEvent {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT event_id, type, data FROM event_log`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]loggedEvent{}
	for rows.Next() {
		var id int64
		var ev loggedEvent
		var data string
		if err := rows.Scan(&id, &ev.Type, &data); err != nil {
			t.Fatal(err)
		}
		if ev.Type == "ticket.created" || ev.Type == "message.created" {
			if err := json.Unmarshal([]byte(data), &ev.Data); err != nil {
				t.Fatalf("event_log %d: data %q: %v", id, data, err)
			}
		}
		out[id] = ev
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
