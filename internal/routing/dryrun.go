package routing

import (
	"context"
	"fmt"
	"slices"

	"github.com/groundcrew/groundcrew/internal/store"
)

// DryRow is where one recent ticket is and where it would go.
type DryRow struct {
	TicketID int64  `json:"ticket_id"`
	Subject  string `json:"subject"`
	Now      string `json:"queue_now"`
	Would    string `json:"queue_would_be"`
	Reason   string `json:"reason"`
	Moves    bool   `json:"moves"`
}

// DryQueueID stands for the queue being tried in a dry run.
const DryQueueID = -1

// DryRun shows where the most recent open tickets (at most limit) would
// go with the queues as they are, plus try (when not nil) at its
// position: nothing is written.
func (s *Service) DryRun(ctx context.Context, try *QueueInput, limit int) ([]DryRow, error) {
	qs, err := s.Queues(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, q := range qs {
		names[q.ID] = q.Name
	}
	if try != nil {
		r, err := try.validate()
		if err != nil {
			return nil, err
		}
		q := Queue{ID: DryQueueID, Name: try.Name + " (trying)", Rule: try.Rule, parsed: r}
		pos := try.Position
		if pos < 1 || pos > len(qs) {
			pos = len(qs) // before the catch-all
		}
		qs = slices.Insert(slices.Clone(qs), pos-1, q)
		names[DryQueueID] = q.Name
	}
	if limit < 1 || limit > 200 {
		limit = 50
	}
	rows, err := s.db.Query(ctx, `SELECT id FROM tickets WHERE status NOT IN ('solved', 'closed') ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("dry run: %w", err)
	}
	ids, err := store.ScanIDs(rows)
	if err != nil {
		return nil, fmt.Errorf("dry run: %w", err)
	}
	out := []DryRow{}
	for _, id := range ids {
		f, err := s.tickets.RouteFacts(ctx, id)
		if err != nil {
			return nil, err
		}
		p := decide(qs, f, false)
		row := DryRow{TicketID: id, Subject: f.Subject, Would: names[p.QueueID], Reason: p.Reason}
		if f.QueueID != nil {
			row.Now = names[*f.QueueID]
		}
		row.Moves = f.QueueID == nil || *f.QueueID != p.QueueID
		out = append(out, row)
	}
	return out, nil
}
