package status

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Scheduled maintenance: announced ahead (it is on the page and in the
// feed as soon as it is scheduled, and subscribers are told), reminded
// Reminders before it starts, opened at its start and resolved at its end.
// Tick does one pass on the database's clock; Run ticks on a timer.

// Tick starts, ends and reminds of maintenance whose time has come.
func (s *Service) Tick(ctx context.Context) error {
	now := s.db.Now()
	rows, err := s.db.Query(ctx, `SELECT id FROM status_incidents WHERE kind = 'maintenance' AND state <> 'resolved' ORDER BY starts_at, id`)
	if err != nil {
		return fmt.Errorf("maintenance: %w", err)
	}
	ids, err := store.ScanIDs(rows)
	if err != nil {
		return fmt.Errorf("maintenance: %w", err)
	}
	changed := false
	for _, id := range ids {
		did, err := s.tickOne(ctx, id, now)
		if err != nil {
			return fmt.Errorf("maintenance %d: %w", id, err)
		}
		changed = changed || did
	}
	if changed {
		s.Refresh(ctx)
	}
	return nil
}

func (s *Service) tickOne(ctx context.Context, id, now int64) (changed bool, err error) {
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		h, err := head(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case h.State == Open && h.EndsAt > 0 && now >= h.EndsAt:
			changed = true
			return s.resolve(ctx, tx, id, s.doneTexts(), "automatic")
		case h.State == Scheduled && now >= h.StartsAt:
			changed = true
			if _, err := tx.Exec(ctx, `UPDATE status_incidents SET state = ? WHERE id = ?`, Open, id); err != nil {
				return err
			}
			h.State = Open
			return IncidentUpdatedTopic.Emit(ctx, tx, h.changed())
		case h.State == Scheduled:
			due := 0 // how many reminders are due by now
			for i, lead := range s.reminders {
				if now >= h.StartsAt-lead.Milliseconds() {
					due = i + 1
				}
			}
			if due <= h.Reminded {
				return nil
			}
			changed = true
			if _, err := tx.Exec(ctx, `UPDATE status_incidents SET reminded = ? WHERE id = ?`, due, id); err != nil {
				return err
			}
			if err := s.audit.Record(ctx, "status.maintenance_reminded", "incident", strconv.FormatInt(id, 10), map[string]any{"reminder": due}); err != nil {
				return err
			}
			return MaintenanceReminderTopic.Emit(ctx, tx, h.changed())
		}
		return nil
	})
	return changed, err
}

// doneTexts closes maintenance in every language ("Operational").
func (s *Service) doneTexts() map[string]string {
	out := make(map[string]string, len(ticket.Languages))
	for _, lang := range ticket.Languages {
		out[lang] = stateName(lang, Operational)
	}
	return out
}

// Run ticks every interval until ctx ends.
func (s *Service) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("status: maintenance timer", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
