package workforce

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Shift kinds: on the queues, on call (reachable, not on the queues), and
// a manager's support shift (on the queues, counted in the manager rota).
const (
	KindShift   = "shift"
	KindOnCall  = "oncall"
	KindManager = "manager"
)

// ShiftKinds lists the kinds.
var ShiftKinds = []string{KindShift, KindOnCall, KindManager}

// MaxShift is the longest shift one entry may hold.
const MaxShift = 24 * time.Hour

// Shift is an agent's time on a team's rota.
type Shift struct {
	ID        int64     `json:"id"`
	TeamID    int64     `json:"team_id"`
	AgentID   int64     `json:"agent_id"`
	AgentName string    `json:"agent_name,omitempty"`
	Kind      string    `json:"kind"`
	StartsAt  time.Time `json:"starts_at"`
	EndsAt    time.Time `json:"ends_at"`
}

// Hours is the shift's length in hours.
func (s Shift) Hours() float64 { return s.EndsAt.Sub(s.StartsAt).Hours() }

func (sh *Shift) validate() error {
	if !slices.Contains(ShiftKinds, sh.Kind) {
		return errs.Field("kind", "kind must be one of %v", ShiftKinds)
	}
	if sh.TeamID <= 0 {
		return errs.Field("team_id", "a shift belongs to a team")
	}
	if sh.AgentID <= 0 {
		return errs.Field("agent_id", "a shift names its agent")
	}
	if sh.StartsAt.IsZero() || sh.EndsAt.IsZero() {
		return errs.Field("starts_at", "a shift has a start and an end")
	}
	if !sh.EndsAt.After(sh.StartsAt) {
		return errs.Field("ends_at", "a shift ends after it starts")
	}
	if sh.EndsAt.Sub(sh.StartsAt) > MaxShift {
		return errs.Field("ends_at", "a shift is at most 24 hours; add the next day as its own shift")
	}
	if y := sh.StartsAt.UTC().Year(); y < 2000 || y > 2100 {
		return errs.Field("starts_at", "the start is not a plausible date")
	}
	sh.StartsAt, sh.EndsAt = sh.StartsAt.UTC().Truncate(time.Minute), sh.EndsAt.UTC().Truncate(time.Minute)
	return nil
}

// AddShift adds a shift; the agent must be an active member of the team,
// and their shifts may not overlap.
func (s *Service) AddShift(ctx context.Context, sh Shift, by int64) (Shift, error) {
	if err := sh.validate(); err != nil {
		return Shift{}, err
	}
	start, end := sh.StartsAt.UnixMilli(), sh.EndsAt.UnixMilli()
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var member int
		err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM team_members m JOIN agents a ON a.id = m.agent_id WHERE m.team_id = ? AND m.agent_id = ? AND a.active = 1`,
			sh.TeamID, sh.AgentID).Scan(&member)
		if err != nil {
			return err
		}
		if member == 0 {
			return errs.Field("agent_id", "the agent is not an active member of the team")
		}
		var clash int64
		err = tx.QueryRow(ctx, `SELECT id FROM shifts WHERE agent_id = ? AND starts_at < ? AND ends_at > ? LIMIT 1`, sh.AgentID, end, start).Scan(&clash)
		if err == nil {
			return errs.E(errs.Conflict, "the agent already has shift %d at that time", clash)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if sh.ID, err = tx.InsertID(ctx, `INSERT INTO shifts (team_id, agent_id, kind, starts_at, ends_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			sh.TeamID, sh.AgentID, sh.Kind, start, end, by, tx.Now()); err != nil {
			return err
		}
		return ShiftsChanged.Emit(ctx, tx, ShiftsChangedEvent{ShiftID: sh.ID, TeamID: sh.TeamID, Change: "added"})
	})
	if err != nil {
		return Shift{}, fmt.Errorf("add shift: %w", err)
	}
	return sh, nil
}

// RemoveShift removes shift id.
func (s *Service) RemoveShift(ctx context.Context, id int64) error {
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var team int64
		err := tx.QueryRow(ctx, `SELECT team_id FROM shifts WHERE id = ?`, id).Scan(&team)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "no shift %d", id)
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM shifts WHERE id = ?`, id); err != nil {
			return err
		}
		return ShiftsChanged.Emit(ctx, tx, ShiftsChangedEvent{ShiftID: id, TeamID: team, Change: "removed"})
	})
	if err != nil {
		return fmt.Errorf("remove shift %d: %w", id, err)
	}
	return nil
}

// Shifts lists the shifts overlapping [from, to), of team (0: every team)
// and agent (0: every agent), by start.
func (s *Service) Shifts(ctx context.Context, from, to time.Time, team, agent int64) ([]Shift, error) {
	rows, err := s.db.Query(ctx, `SELECT s.id, s.team_id, s.agent_id, a.name, s.kind, s.starts_at, s.ends_at FROM shifts s JOIN agents a ON a.id = s.agent_id
		WHERE s.starts_at < ? AND s.ends_at > ? AND (? = 0 OR s.team_id = ?) AND (? = 0 OR s.agent_id = ?) ORDER BY s.starts_at, s.id`,
		to.UnixMilli(), from.UnixMilli(), team, team, agent, agent)
	if err != nil {
		return nil, fmt.Errorf("list shifts: %w", err)
	}
	defer rows.Close()
	out := []Shift{}
	for rows.Next() {
		var sh Shift
		var start, end int64
		if err := rows.Scan(&sh.ID, &sh.TeamID, &sh.AgentID, &sh.AgentName, &sh.Kind, &start, &end); err != nil {
			return nil, fmt.Errorf("list shifts: %w", err)
		}
		sh.StartsAt, sh.EndsAt = store.Time(start), store.Time(end)
		out = append(out, sh)
	}
	return out, rows.Err()
}

// WeekStart is the Monday 00:00 UTC of t's week.
func WeekStart(t time.Time) time.Time {
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
}

// Hour is one hour of a week's coverage.
type Hour struct {
	Start   time.Time `json:"start"`
	OnShift int       `json:"on_shift"` // agents on the queues for the whole hour (shift or manager)
	OnCall  int       `json:"on_call"`  // agents on call for the whole hour
}

// Gap says whether nobody is on the queues for this hour.
func (h Hour) Gap() bool { return h.OnShift == 0 }

// Coverage is a team's week, hour by hour (UTC), with its gaps.
type Coverage struct {
	TeamID    int64       `json:"team_id"`
	TeamName  string      `json:"team_name"`
	WeekStart time.Time   `json:"week_start"`
	Days      [7][24]Hour `json:"days"`
	GapHours  int         `json:"gap_hours"`       // hours with nobody on the queues
	NoOnCall  int         `json:"no_oncall_hours"` // hours with nobody on call
}

// Coverage is each team's 24/7 coverage in the week that starts at week
// (a Monday, UTC): an hour counts an agent when one of their shifts spans
// all of it.
func (s *Service) Coverage(ctx context.Context, week time.Time) ([]Coverage, error) {
	week = WeekStart(week)
	teams, err := s.people.Teams(ctx)
	if err != nil {
		return nil, err
	}
	shifts, err := s.Shifts(ctx, week, week.AddDate(0, 0, 7), 0, 0)
	if err != nil {
		return nil, err
	}
	out := make([]Coverage, 0, len(teams))
	for _, t := range teams {
		c := Coverage{TeamID: t.ID, TeamName: t.Name, WeekStart: week}
		for d := 0; d < 7; d++ {
			for h := 0; h < 24; h++ {
				start := week.Add(time.Duration(d*24+h) * time.Hour)
				hour := Hour{Start: start}
				for _, sh := range shifts {
					if sh.TeamID != t.ID || sh.StartsAt.After(start) || sh.EndsAt.Before(start.Add(time.Hour)) {
						continue
					}
					if sh.Kind == KindOnCall {
						hour.OnCall++
					} else {
						hour.OnShift++
					}
				}
				if hour.Gap() {
					c.GapHours++
				}
				if hour.OnCall == 0 {
					c.NoOnCall++
				}
				c.Days[d][h] = hour
			}
		}
		out = append(out, c)
	}
	return out, nil
}
