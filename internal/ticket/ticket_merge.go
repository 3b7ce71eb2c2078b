package ticket

import (
	"context"
	"fmt"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// MergeRequest names the duplicate to fold into a ticket.
type MergeRequest struct {
	SourceID int64  `json:"source_id"`
	Reason   string `json:"reason"`
}

// Merged is what a merge did.
type Merged struct {
	Ticket   Ticket `json:"ticket"`    // the ticket merged into, after the merge
	SourceID int64  `json:"source_id"` // the duplicate, now closed and pointing at Ticket
	Moved    int    `json:"moved"`     // messages and notes moved over
}

// Merge folds ticket in.SourceID (a duplicate) into ticket targetID: the
// duplicate's messages and notes move over (their bodies re-sealed for
// their new ticket), its tags are added, and it is closed with a pointer to
// the target, so a customer who writes there reaches the target. Both must
// belong to one customer: merging two customers' conversations would show
// each the other's. Audited, with a ticket.merged event.
func (s *Store) Merge(ctx context.Context, v Viewer, targetID int64, in MergeRequest) (Merged, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	if err := checkText("reason", in.Reason, 2000, false); err != nil {
		return Merged{}, err
	}
	if in.SourceID <= 0 {
		return Merged{}, errs.Field("source_id", "source_id must name the duplicate ticket to merge")
	}
	if in.SourceID == targetID {
		return Merged{}, errs.Field("source_id", "a ticket cannot be merged into itself")
	}
	var moved int
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		// Lock both rows (lower id first) before reading them, so two
		// concurrent merges of one pair cannot both pass the checks.
		for _, id := range []int64{min(targetID, in.SourceID), max(targetID, in.SourceID)} {
			if _, err := tx.Exec(ctx, `UPDATE tickets SET updated_at = updated_at WHERE id = ?`, id); err != nil {
				return err
			}
		}
		target, source, err := s.mergePair(ctx, v, targetID, in.SourceID)
		if err != nil {
			return err
		}
		if moved, err = s.moveMessages(ctx, tx, source.ID, target.ID); err != nil {
			return err
		}
		return s.finishMerge(ctx, tx, v, target, source, moved, in.Reason)
	})
	if err != nil {
		return Merged{}, fmt.Errorf("merge ticket %d into %d: %w", in.SourceID, targetID, err)
	}
	t, err := s.load(ctx, targetID)
	return Merged{Ticket: t, SourceID: in.SourceID, Moved: moved}, err
}

// mergePair loads both tickets of a merge and checks that it may happen.
func (s *Store) mergePair(ctx context.Context, v Viewer, targetID, sourceID int64) (Ticket, Ticket, error) {
	target, err := s.load(ctx, targetID)
	if err != nil {
		return Ticket{}, Ticket{}, err
	}
	source, err := s.load(ctx, sourceID)
	if errs.Is(err, errs.NotFound) {
		return Ticket{}, Ticket{}, errs.Field("source_id", "no ticket %d", sourceID)
	}
	if err != nil {
		return Ticket{}, Ticket{}, err
	}
	for _, t := range []Ticket{target, source} {
		if !v.CanSee(t) {
			return Ticket{}, Ticket{}, errs.E(errs.Forbidden, "ticket %d belongs to a team you are not in", t.ID)
		}
	}
	switch {
	case source.Customer.ID != target.Customer.ID:
		return Ticket{}, Ticket{}, errs.E(errs.Conflict, "ticket %d belongs to another customer than ticket %d; only one customer's tickets can be merged", sourceID, targetID)
	case source.MergedInto != nil:
		return Ticket{}, Ticket{}, errs.E(errs.Conflict, "ticket %d was merged into ticket %d already", sourceID, *source.MergedInto)
	case target.MergedInto != nil:
		return Ticket{}, Ticket{}, errs.E(errs.Conflict, "ticket %d was merged into ticket %d; merge into that one", targetID, *target.MergedInto)
	case target.Status == StatusClosed:
		return Ticket{}, Ticket{}, errs.E(errs.Conflict, "ticket %d is closed; merge into an open ticket", targetID)
	}
	return target, source, nil
}

// moveMessages moves every message of ticket from to ticket to. Bodies are
// sealed for their ticket (bodyAAD), so each is opened and sealed again.
func (s *Store) moveMessages(ctx context.Context, tx *store.Tx, from, to int64) (int, error) {
	rows, err := tx.Query(ctx, `SELECT id, body FROM messages WHERE ticket_id = ? ORDER BY id`, from)
	if err != nil {
		return 0, err
	}
	type stored struct {
		id   int64
		body string
	}
	var ms []stored
	for rows.Next() {
		var m stored
		if err := rows.Scan(&m.id, &m.body); err != nil {
			rows.Close()
			return 0, err
		}
		ms = append(ms, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, m := range ms {
		text, err := s.openBody(from, m.id, m.body)
		if err != nil {
			return 0, err
		}
		sealed, err := s.sealBody(to, text)
		if err != nil {
			return 0, err
		}
		if _, err := tx.Exec(ctx, `UPDATE messages SET ticket_id = ?, body = ? WHERE id = ?`, to, sealed, m.id); err != nil {
			return 0, err
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE mentions SET ticket_id = ? WHERE ticket_id = ?`, to, from); err != nil {
		return 0, err
	}
	return len(ms), nil
}

// finishMerge closes the duplicate, carries its tags and counts over, notes
// the merge on both tickets, audits it and emits the events.
func (s *Store) finishMerge(ctx context.Context, tx *store.Tx, v Viewer, target, source Ticket, moved int, reason string) error {
	now := tx.Now()
	last := max(target.LastMessageAt.UnixMilli(), source.LastMessageAt.UnixMilli())
	if _, err := tx.Exec(ctx, `UPDATE tickets SET message_count = message_count + ?, last_message_at = ?, updated_at = ? WHERE id = ?`,
		moved, last, now, target.ID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE tickets SET status = ?, merged_into = ?, message_count = 0, updated_at = ? WHERE id = ?`,
		string(StatusClosed), target.ID, now, source.ID); err != nil {
		return err
	}
	for _, id := range []int64{min(target.ID, source.ID), max(target.ID, source.ID)} {
		if err := touch(ctx, tx, id, now); err != nil {
			return err
		}
	}
	for _, tag := range source.Tags {
		if _, err := tx.Exec(ctx, `INSERT INTO ticket_tags (ticket_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING`, target.ID, tag); err != nil {
			return err
		}
	}
	why := ""
	if reason != "" {
		why = " Reason: " + reason
	}
	notes := []struct {
		head ticketHead
		text string
	}{
		{ticketHead{status: target.Status, language: target.Language, probe: target}, fmt.Sprintf("Ticket #%d was merged into this ticket; its %d messages are above.%s", source.ID, moved, why)},
		{ticketHead{status: StatusClosed, language: source.Language, probe: source}, fmt.Sprintf("Merged into ticket #%d, where the conversation continues.%s", target.ID, why)},
	}
	for _, n := range notes {
		if _, err := s.insertMessage(ctx, tx, n.head, "system", nil, true, n.text, false); err != nil {
			return err
		}
	}
	detail := map[string]any{"source_id": source.ID, "customer_id": target.Customer.ID, "moved": moved, "reason": reason}
	if err := s.audit.Record(ctx, "ticket.merged", "ticket", fmt.Sprint(target.ID), detail); err != nil {
		return err
	}
	if source.Status != StatusClosed {
		if err := StatusChanged.Emit(ctx, tx, StatusChangedEvent{TicketID: source.ID, From: source.Status, To: StatusClosed}); err != nil {
			return err
		}
	}
	return TicketMerged.Emit(ctx, tx, TicketMergedEvent{TicketID: target.ID, SourceID: source.ID, CustomerID: target.Customer.ID,
		AgentID: v.AgentID, Moved: moved})
}
