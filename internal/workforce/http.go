package workforce

import (
	"net/http"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP serves the workforce API.
type HTTP struct {
	Service *Service
	// CanSee returns an error (not found, forbidden) unless the request's
	// agent may see ticket id (internal/ticket decides).
	CanSee func(r *http.Request, id int64) error
}

const maxBody = 16 << 10

func agentOf(r *http.Request) auth.Principal {
	p, _ := auth.PrincipalFrom(r.Context())
	return p
}

// HandleMyAlerts: GET /api/v1/me/alerts, the alerts of the last week
// addressed to the agent, newest first (at most 100).
func (h *HTTP) HandleMyAlerts(w http.ResponseWriter, r *http.Request) error {
	list, err := h.Service.AlertsFor(r.Context(), agentOf(r).Agent, 100)
	if err != nil {
		return err
	}
	if list == nil {
		list = []Alert{}
	}
	return web.JSON(w, http.StatusOK, map[string]any{"alerts": list})
}

// HandleSupervisor: GET /api/v1/supervisor, the live view's snapshot.
func (h *HTTP) HandleSupervisor(w http.ResponseWriter, r *http.Request) error {
	snap, err := h.Service.Snapshot(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, snap)
}

// SettingsInput changes the settings; an absent field keeps its value.
type SettingsInput struct {
	Surge            *bool `json:"surge"`
	BreathingMinutes *int  `json:"breathing_minutes"`
}

// Apply changes the settings as in says; it returns how many waiting
// customers were told the wait (surge switched on).
func (s *Service) Apply(r *http.Request, in SettingsInput) (int, error) {
	ctx := r.Context()
	if in.BreathingMinutes != nil {
		if err := s.SetBreathingMinutes(ctx, *in.BreathingMinutes); err != nil {
			return 0, err
		}
	}
	if in.Surge == nil {
		return 0, nil
	}
	return s.SetSurge(ctx, *in.Surge, agentOf(r).Agent.ID)
}

// HandleSettings: PUT /api/v1/workforce/settings (surge, breathing room).
func (h *HTTP) HandleSettings(w http.ResponseWriter, r *http.Request) error {
	var in SettingsInput
	if _, err := web.Decode(r, maxBody, &in); err != nil {
		return err
	}
	if in.Surge == nil && in.BreathingMinutes == nil {
		return errs.E(errs.Invalid, "name surge or breathing_minutes")
	}
	told, err := h.Service.Apply(r, in)
	if err != nil {
		return err
	}
	st, err := h.Service.Settings(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"surge": st.Surge, "breathing_minutes": st.BreathingMinutes, "customers_told": told})
}

// MoveInput moves an agent between queues.
type MoveInput struct {
	From int64 `json:"from_queue_id"` // 0: add to the target only
	To   int64 `json:"to_queue_id"`
}

// HandleMove: POST /api/v1/agents/{id}/move.
func (h *HTTP) HandleMove(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in MoveInput
	if _, err := web.Decode(r, maxBody, &in); err != nil {
		return err
	}
	p, err := h.Service.MoveAgent(r.Context(), id, in.From, in.To)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, p)
}

// FlagInput flags a conversation.
type FlagInput struct {
	Kind string `json:"kind"`
}

// HandleFlag: POST /api/v1/tickets/{id}/flags, by the request's agent.
func (h *HTTP) HandleFlag(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.CanSee(r, id); err != nil {
		return err
	}
	var in FlagInput
	if _, err := web.Decode(r, maxBody, &in); err != nil {
		return err
	}
	by := agentOf(r).Agent.ID
	f, err := h.Service.FlagTicket(r.Context(), id, in.Kind, &by)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, f)
}

// ParseWeek reads a week as "2026-03-02" (any day of it); empty is this week.
func ParseWeek(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return WeekStart(now), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Year() < 2000 || t.Year() > 2100 {
		return time.Time{}, errs.Field("week", "week is a date such as 2026-03-02")
	}
	return WeekStart(t), nil
}

// HandleShifts: GET /api/v1/shifts?week=2026-03-02, each team's shifts and
// coverage in the week.
func (h *HTTP) HandleShifts(w http.ResponseWriter, r *http.Request) error {
	week, err := ParseWeek(r.URL.Query().Get("week"), h.Service.Now())
	if err != nil {
		return err
	}
	shifts, err := h.Service.Shifts(r.Context(), week, week.AddDate(0, 0, 7), 0, 0)
	if err != nil {
		return err
	}
	cov, err := h.Service.Coverage(r.Context(), week)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"week_start": week, "shifts": shifts, "coverage": cov})
}

// HandleAddShift: POST /api/v1/shifts.
func (h *HTTP) HandleAddShift(w http.ResponseWriter, r *http.Request) error {
	var sh Shift
	if _, err := web.Decode(r, maxBody, &sh); err != nil {
		return err
	}
	sh.ID = 0
	saved, err := h.Service.AddShift(r.Context(), sh, agentOf(r).Agent.ID)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, saved)
}

// HandleRemoveShift: DELETE /api/v1/shifts/{id}.
func (h *HTTP) HandleRemoveShift(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Service.RemoveShift(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleManagerRota: GET /api/v1/manager-rota, this quarter's.
func (h *HTTP) HandleManagerRota(w http.ResponseWriter, r *http.Request) error {
	now := h.Service.Now()
	rota, err := h.Service.ManagerRota(r.Context(), now)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"quarter": QuarterName(now), "managers": rota})
}

// CanSeeWorkload: an agent sees their own workload; a supervisor
// (team.manage) sees everyone's.
func CanSeeWorkload(p auth.Principal, agentID int64) error {
	if p.Agent.ID == agentID || p.Can(auth.PermTeamManage) {
		return nil
	}
	return errs.E(errs.Forbidden, "you may see your own workload only")
}

// HandleWorkload: GET /api/v1/agents/{id}/workload.
func (h *HTTP) HandleWorkload(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := CanSeeWorkload(agentOf(r), id); err != nil {
		return err
	}
	wl, err := h.Service.Workload(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, wl)
}
