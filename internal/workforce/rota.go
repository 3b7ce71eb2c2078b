package workforce

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
)

// The manager rota: every manager takes support shifts each quarter, a
// full day of live queries and two to six hours more (Binance's rule).
const (
	FullDayHours  = 8.0 // a manager shift this long counts as the full day
	MinExtraHours = 2.0
	MaxExtraHours = 6.0
)

// ManagerRoles are the roles the rota asks shifts of.
var ManagerRoles = []auth.Role{auth.Supervisor, auth.Admin}

// ManagerDuty is one manager's quarter.
type ManagerDuty struct {
	AgentID    int64   `json:"agent_id"`
	Name       string  `json:"name"`
	FullDay    bool    `json:"full_day"`    // a manager shift of FullDayHours or more
	ExtraHours float64 `json:"extra_hours"` // the other manager shifts' hours
	Planned    int     `json:"planned"`     // shifts still to come this quarter
	Done       bool    `json:"done"`        // a full day and at least MinExtraHours more, worked
}

// Quarter returns the first instant of t's quarter (UTC) and of the next.
func Quarter(t time.Time) (time.Time, time.Time) {
	t = t.UTC()
	start := time.Date(t.Year(), time.Month((int(t.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	return start, start.AddDate(0, 3, 0)
}

// QuarterName is "2026 Q1".
func QuarterName(t time.Time) string {
	t = t.UTC()
	return fmt.Sprintf("%d Q%d", t.Year(), (int(t.Month())-1)/3+1)
}

// ManagerRota is each active manager's support shifts in the quarter of
// at: worked shifts (ended before now) count; later ones are planned.
func (s *Service) ManagerRota(ctx context.Context, at time.Time) ([]ManagerDuty, error) {
	from, to := Quarter(at)
	agents, err := s.people.Agents(ctx)
	if err != nil {
		return nil, err
	}
	shifts, err := s.Shifts(ctx, from, to, 0, 0)
	if err != nil {
		return nil, err
	}
	now := store.Time(s.now())
	out := []ManagerDuty{}
	for _, a := range agents {
		if !a.Active || !slices.Contains(ManagerRoles, a.Role) {
			continue
		}
		d := ManagerDuty{AgentID: a.ID, Name: a.Name}
		var worked []float64
		for _, sh := range shifts {
			if sh.AgentID != a.ID || sh.Kind != KindManager || sh.StartsAt.Before(from) {
				continue
			}
			if sh.EndsAt.After(now) {
				d.Planned++
				continue
			}
			worked = append(worked, sh.Hours())
		}
		// The longest worked shift is the full day if it is long enough;
		// the rest are the extra hours.
		slices.Sort(worked)
		if n := len(worked); n > 0 && worked[n-1] >= FullDayHours {
			d.FullDay = true
			worked = worked[:n-1]
		}
		for _, h := range worked {
			d.ExtraHours += h
		}
		d.Done = d.FullDay && d.ExtraHours >= MinExtraHours
		out = append(out, d)
	}
	return out, nil
}
