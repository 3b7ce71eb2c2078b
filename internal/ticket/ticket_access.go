package ticket

import (
	"context"

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
