package automation

import (
	"context"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Dry-run bounds: days back and tickets read.
const (
	MaxDryRunDays    = 90
	maxDryRunTickets = 500
)

// DryRow is a recent ticket a rule would have matched, and on what.
type DryRow struct {
	TicketID  int64  `json:"ticket_id"`
	Subject   string `json:"subject"`
	Status    string `json:"status"`
	CreatedAt int64  `json:"created_at"` // Unix ms
	MatchedOn string `json:"matched_on"` // "ticket" or "message <id>"
}

// DryRun returns the tickets created in the last days (newest first, at
// most 500 read) whose state, or one of whose messages for a message
// trigger, r's conditions match. Nothing changes. Time triggers are
// matched on the ticket as it is now.
func (s *Service) DryRun(ctx context.Context, r Rule, days int) ([]DryRow, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if days < 1 || days > MaxDryRunDays {
		return nil, errs.Field("days", "days must be 1 to %d", MaxDryRunDays)
	}
	since := s.db.Now() - (time.Duration(days) * 24 * time.Hour).Milliseconds()
	rows, err := s.db.Query(ctx, `SELECT id FROM tickets WHERE created_at >= ? ORDER BY id DESC LIMIT ?`, since, maxDryRunTickets)
	if err != nil {
		return nil, fmt.Errorf("dry run: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("dry run: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("dry run: %w", err)
	}
	out := []DryRow{}
	for _, id := range ids {
		t, err := s.tickets.Get(ctx, system, id)
		if errs.Is(err, errs.NotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("dry run: %w", err)
		}
		if on, ok := dryMatch(&r, t); ok {
			out = append(out, DryRow{TicketID: t.ID, Subject: t.Subject, Status: string(t.Status), CreatedAt: t.CreatedAt.UnixMilli(), MatchedOn: on})
		}
	}
	return out, nil
}

func dryMatch(r *Rule, t ticket.Ticket) (string, bool) {
	var author ticket.AuthorKind
	switch r.When.Event {
	case OnCustomerMessage:
		author = "customer"
	case OnAgentReply:
		author = "agent"
	default:
		return "ticket", r.Matches(Facts{Ticket: t})
	}
	for _, m := range t.Messages {
		if m.AuthorKind == author && !m.Internal && r.Matches(Facts{Ticket: t, Text: m.Body}) {
			return fmt.Sprintf("message %d", m.ID), true
		}
	}
	return "", false
}
