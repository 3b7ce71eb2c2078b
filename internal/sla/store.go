package sla

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Auditor records admin changes (internal/audit).
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

const policyColumns = `id, name, priority, product_area, tier, channel, segment, first_response_ms, next_response_ms, resolution_ms, warn_percent, calendar_id, pause_pending`

// Policies returns every policy, by id.
func (s *Service) Policies(ctx context.Context) ([]Policy, error) {
	rows, err := s.db.Query(ctx, `SELECT `+policyColumns+` FROM sla_policies ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list sla policies: %w", err)
	}
	defer rows.Close()
	var out []Policy
	for rows.Next() {
		var p Policy
		var first, next, resolve int64
		var cal sql.NullInt64
		var pause int
		if err := rows.Scan(&p.ID, &p.Name, &p.Priority, &p.ProductArea, &p.Tier, &p.Channel, &p.Segment, &first, &next, &resolve, &p.WarnPercent, &cal, &pause); err != nil {
			return nil, fmt.Errorf("list sla policies: %w", err)
		}
		p.FirstResponseMinutes, p.NextResponseMinutes, p.ResolutionMinutes = int(first/60000), int(next/60000), int(resolve/60000)
		if cal.Valid {
			p.CalendarID = &cal.Int64
		}
		p.RunWhilePending = pause == 0
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sla policies: %w", err)
	}
	return out, nil
}

// SavePolicy creates p (ID 0) or replaces the policy p.ID. Open tickets
// keep their timers until an agent changes their priority, product area,
// tags, team or tier, which matches them again.
func (s *Service) SavePolicy(ctx context.Context, p Policy) (Policy, error) {
	if err := p.validate(); err != nil {
		return Policy{}, err
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if p.CalendarID != nil {
			if _, err := s.calendar(ctx, *p.CalendarID); err != nil {
				return errs.Field("calendar_id", "no calendar %d", *p.CalendarID)
			}
		}
		now := tx.Now()
		pause := 1
		if p.RunWhilePending {
			pause = 0
		}
		args := []any{p.Name, p.Priority, p.ProductArea, p.Tier, p.Channel, p.Segment, int64(p.FirstResponseMinutes) * 60000,
			int64(p.NextResponseMinutes) * 60000, int64(p.ResolutionMinutes) * 60000, p.WarnPercent, p.CalendarID, pause, now}
		var err error
		if p.ID == 0 {
			p.ID, err = tx.InsertID(ctx, `INSERT INTO sla_policies (name, priority, product_area, tier, channel, segment, first_response_ms, next_response_ms, resolution_ms, warn_percent, calendar_id, pause_pending, updated_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, now)...)
			if err != nil {
				return err
			}
		} else {
			res, err := tx.Exec(ctx, `UPDATE sla_policies SET name = ?, priority = ?, product_area = ?, tier = ?, channel = ?, segment = ?, first_response_ms = ?, next_response_ms = ?, resolution_ms = ?, warn_percent = ?, calendar_id = ?, pause_pending = ?, updated_at = ? WHERE id = ?`,
				append(args, p.ID)...)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return errs.E(errs.NotFound, "no sla policy %d", p.ID)
			}
		}
		return s.audit.Record(ctx, "sla.policy_saved", "sla_policy", fmt.Sprint(p.ID), p)
	})
	if err != nil {
		return Policy{}, fmt.Errorf("save sla policy: %w", err)
	}
	return p, nil
}

// DeletePolicy removes policy id. The last policy that matches everything
// stays, so that every ticket has targets.
func (s *Service) DeletePolicy(ctx context.Context, id int64) error {
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		all, err := s.Policies(ctx)
		if err != nil {
			return err
		}
		var found *Policy
		catchAll := 0
		for i, p := range all {
			if p.ID == id {
				found = &all[i]
			}
			if p.score(Subject{}) == 0 {
				catchAll++
			}
		}
		if found == nil {
			return errs.E(errs.NotFound, "no sla policy %d", id)
		}
		if found.score(Subject{}) == 0 && catchAll == 1 {
			return errs.E(errs.Conflict, "policy %d is the only one for every ticket; edit it instead", id)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM sla_policies WHERE id = ?`, id); err != nil {
			return err
		}
		return s.audit.Record(ctx, "sla.policy_deleted", "sla_policy", fmt.Sprint(id), nil)
	})
	if err != nil {
		return fmt.Errorf("delete sla policy %d: %w", id, err)
	}
	return nil
}

// Calendars returns every calendar with its teams, by id.
func (s *Service) Calendars(ctx context.Context) ([]Calendar, error) {
	rows, err := s.db.Query(ctx, `SELECT id, name, time_zone, hours, holidays FROM sla_calendars ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list calendars: %w", err)
	}
	defer rows.Close()
	var out []Calendar
	for rows.Next() {
		var c Calendar
		if err := rows.Scan(&c.ID, &c.Name, &c.TimeZone, &c.Hours, &c.Holidays); err != nil {
			return nil, fmt.Errorf("list calendars: %w", err)
		}
		if err := c.compile(); err != nil {
			return nil, fmt.Errorf("calendar %d: %w", c.ID, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list calendars: %w", err)
	}
	rows.Close()
	teams, err := s.db.Query(ctx, `SELECT team_id, calendar_id FROM sla_team_calendars ORDER BY team_id`)
	if err != nil {
		return nil, fmt.Errorf("list team calendars: %w", err)
	}
	defer teams.Close()
	for teams.Next() {
		var team, cal int64
		if err := teams.Scan(&team, &cal); err != nil {
			return nil, fmt.Errorf("list team calendars: %w", err)
		}
		for i := range out {
			if out[i].ID == cal {
				out[i].Teams = append(out[i].Teams, team)
			}
		}
	}
	return out, teams.Err()
}

func (s *Service) calendar(ctx context.Context, id int64) (Calendar, error) {
	var c Calendar
	err := s.db.QueryRow(ctx, `SELECT id, name, time_zone, hours, holidays FROM sla_calendars WHERE id = ?`, id).Scan(&c.ID, &c.Name, &c.TimeZone, &c.Hours, &c.Holidays)
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.E(errs.NotFound, "no calendar %d", id)
	}
	if err != nil {
		return c, fmt.Errorf("calendar %d: %w", id, err)
	}
	return c, c.compile()
}

// SaveCalendar creates c (ID 0) or replaces calendar c.ID, and makes it
// the calendar of c.Teams (teams it no longer lists lose it).
func (s *Service) SaveCalendar(ctx context.Context, c Calendar) (Calendar, error) {
	if err := c.compile(); err != nil {
		return Calendar{}, err
	}
	if len(c.Teams) > 1000 {
		return Calendar{}, errs.Field("team_ids", "too many teams")
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var taken int64
		err := tx.QueryRow(ctx, `SELECT id FROM sla_calendars WHERE name = ? AND id <> ?`, c.Name, c.ID).Scan(&taken)
		if err == nil {
			return errs.Field("name", "a calendar named %q exists", c.Name)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		now := tx.Now()
		if c.ID == 0 {
			if c.ID, err = tx.InsertID(ctx, `INSERT INTO sla_calendars (name, time_zone, hours, holidays, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				c.Name, c.TimeZone, c.Hours, c.Holidays, now, now); err != nil {
				return err
			}
		} else {
			res, err := tx.Exec(ctx, `UPDATE sla_calendars SET name = ?, time_zone = ?, hours = ?, holidays = ?, updated_at = ? WHERE id = ?`,
				c.Name, c.TimeZone, c.Hours, c.Holidays, now, c.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return errs.E(errs.NotFound, "no calendar %d", c.ID)
			}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM sla_team_calendars WHERE calendar_id = ?`, c.ID); err != nil {
			return err
		}
		for _, team := range c.Teams {
			var one int
			if err := tx.QueryRow(ctx, `SELECT 1 FROM teams WHERE id = ?`, team).Scan(&one); err != nil {
				return errs.Field("team_ids", "no team %d", team)
			}
			if _, err := tx.Exec(ctx, `DELETE FROM sla_team_calendars WHERE team_id = ?`, team); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO sla_team_calendars (team_id, calendar_id) VALUES (?, ?)`, team, c.ID); err != nil {
				return err
			}
		}
		return s.audit.Record(ctx, "sla.calendar_saved", "sla_calendar", fmt.Sprint(c.ID),
			map[string]any{"name": c.Name, "time_zone": c.TimeZone, "hours": c.Hours, "holidays": c.Holidays, "team_ids": c.Teams})
	})
	if err != nil {
		return Calendar{}, fmt.Errorf("save calendar: %w", err)
	}
	return c, nil
}

// DeleteCalendar removes calendar id unless a policy uses it.
func (s *Service) DeleteCalendar(ctx context.Context, id int64) error {
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var users []string
		rows, err := tx.Query(ctx, `SELECT name FROM sla_policies WHERE calendar_id = ? ORDER BY id`, id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return err
			}
			users = append(users, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(users) > 0 {
			return errs.E(errs.Conflict, "calendar %d is used by %s", id, strings.Join(users, ", "))
		}
		res, err := tx.Exec(ctx, `DELETE FROM sla_calendars WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "no calendar %d", id)
		}
		return s.audit.Record(ctx, "sla.calendar_deleted", "sla_calendar", fmt.Sprint(id), nil)
	})
	if err != nil {
		return fmt.Errorf("delete calendar %d: %w", id, err)
	}
	return nil
}
