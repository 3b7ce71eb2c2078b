package ticket

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Visible returns a ticket without its messages if v may see it. Unlike Get
// it opens no message and writes no audit record: it is the check that
// things hanging off a ticket (attachments, live views) make before they
// show something of it, and they audit their own access.
func (s *Store) Visible(ctx context.Context, v Viewer, id int64) (Ticket, error) {
	t, err := s.load(ctx, id)
	if err != nil {
		return Ticket{}, err
	}
	if !v.CanSee(t) {
		return Ticket{}, errs.E(errs.Forbidden, "ticket %d belongs to a team you are not in", id)
	}
	return t, nil
}

// SeesCustomer says whether v may see data kept about the exchange user
// externalID outside their tickets (risk events, say): only if v may see
// one of that customer's tickets. An unknown user is refused alike, so the
// answer does not say who has an account.
func (s *Store) SeesCustomer(ctx context.Context, v Viewer, externalID string) error {
	if v.AllTeams && externalID != "" {
		return nil
	}
	cond, args := v.visible("t")
	q := `SELECT t.id FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE c.external_id = ? AND c.external_id <> ''`
	if cond != "" {
		q += " AND " + cond
	}
	var id int64
	err := s.db.QueryRow(ctx, q+` LIMIT 1`, append([]any{externalID}, args...)...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return errs.E(errs.Forbidden, "none of this customer's tickets is in your teams")
	}
	if err != nil {
		return fmt.Errorf("customer %q visible: %w", externalID, err)
	}
	return nil
}
