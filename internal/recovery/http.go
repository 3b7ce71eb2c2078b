package recovery

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP serves the recovery team's API: the queue, an appeal and its
// decisions, statistics, and the matrix and fee schedules. Customers act
// through their pages (the deposit check and the appeal's status page).
type HTTP struct {
	Service *Service
}

const maxBody = 16 << 10

func agentID(r *http.Request) int64 {
	p, _ := auth.PrincipalFrom(r.Context())
	return p.Agent.ID
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, "no appeal %q", r.PathValue("id"))
	}
	return id, nil
}

// HandleQueue: GET /api/v1/recovery/appeals?status=&network=&limit=&after=
func (h *HTTP) HandleQueue(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	after, err := ParseQueueCursor(q.Get("after"))
	if err != nil {
		return err
	}
	f := QueueFilter{Status: Status(q.Get("status")), Network: q.Get("network"), After: after, Limit: limit}
	list, err := h.Service.Queue(r.Context(), f)
	if err != nil {
		return err
	}
	if list == nil {
		list = []Appeal{}
	}
	out := map[string]any{"appeals": list}
	if next := f.Next(list); next != "" {
		out["next"] = next
	}
	return web.JSON(w, http.StatusOK, out)
}

// AppealView is an appeal with its timeline and what the customer signs.
type AppealView struct {
	Appeal
	Timeline  []Step `json:"timeline"`
	Challenge string `json:"challenge,omitempty"`
	Overdue   bool   `json:"overdue"`
}

// View returns appeal id with its timeline.
func (s *Service) View(ctx context.Context, a Appeal) (AppealView, error) {
	steps, err := s.Timeline(ctx, a.ID)
	if err != nil {
		return AppealView{}, err
	}
	v := AppealView{Appeal: a, Timeline: steps, Overdue: a.Overdue(s.now())}
	if a.Needs == NeedSignature {
		v.Challenge = Challenge(a)
	}
	return v, nil
}

// HandleGet: GET /api/v1/recovery/appeals/{id}
func (h *HTTP) HandleGet(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	a, err := h.Service.Get(r.Context(), id)
	if err != nil {
		return err
	}
	v, err := h.Service.View(r.Context(), a)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, v)
}

// DecisionInput is an approval's note or a rejection's reason.
type DecisionInput struct {
	Note   string `json:"note"`
	Reason string `json:"reason"`
}

func (h *HTTP) decide(w http.ResponseWriter, r *http.Request, do func(id int64, in DecisionInput) (Appeal, error)) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in DecisionInput
	if r.ContentLength != 0 {
		if _, err := web.Decode(r, maxBody, &in); err != nil {
			return err
		}
	}
	a, err := do(id, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, a)
}

// HandleApprove: POST /api/v1/recovery/appeals/{id}/approve {"note"}
func (h *HTTP) HandleApprove(w http.ResponseWriter, r *http.Request) error {
	return h.decide(w, r, func(id int64, in DecisionInput) (Appeal, error) {
		return h.Service.Approve(r.Context(), agentID(r), id, in.Note)
	})
}

// HandleReject: POST /api/v1/recovery/appeals/{id}/reject {"reason"}
func (h *HTTP) HandleReject(w http.ResponseWriter, r *http.Request) error {
	return h.decide(w, r, func(id int64, in DecisionInput) (Appeal, error) {
		return h.Service.Reject(r.Context(), agentID(r), id, in.Reason)
	})
}

// HandleExecute: POST /api/v1/recovery/appeals/{id}/execute (a retry).
func (h *HTTP) HandleExecute(w http.ResponseWriter, r *http.Request) error {
	return h.decide(w, r, func(id int64, _ DecisionInput) (Appeal, error) {
		return h.Service.Execute(r.Context(), agentID(r), id)
	})
}

// Period reads ?from=YYYY-MM-DD&to=YYYY-MM-DD (default: the last 30 days).
func Period(r *http.Request, now time.Time) (time.Time, time.Time, error) {
	to := now.UTC().Truncate(24*time.Hour).AddDate(0, 0, 1)
	from := to.AddDate(0, 0, -30)
	for name, dst := range map[string]*time.Time{"from": &from, "to": &to} {
		if v := r.URL.Query().Get(name); v != "" {
			t, err := time.Parse("2006-01-02", v)
			if err != nil {
				return from, to, errs.Field(name, "%s must be a date such as 2026-03-01", name)
			}
			if name == "to" {
				t = t.AddDate(0, 0, 1) // to is inclusive
			}
			*dst = t
		}
	}
	return from, to, nil
}

// HandleStats: GET /api/v1/recovery/stats?from=&to=
func (h *HTTP) HandleStats(w http.ResponseWriter, r *http.Request) error {
	from, to, err := Period(r, h.Service.now())
	if err != nil {
		return err
	}
	st, err := h.Service.Stats(r.Context(), from, to)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"from": from, "to": to, "stats": st})
}

// HandleMatrix: GET /api/v1/recovery/matrix
func (h *HTTP) HandleMatrix(w http.ResponseWriter, r *http.Request) error {
	m, err := h.Service.Matrix(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"matrix": m})
}

// HandleSetMatrix: PUT /api/v1/recovery/matrix (one entry)
func (h *HTTP) HandleSetMatrix(w http.ResponseWriter, r *http.Request) error {
	var e MatrixEntry
	if _, err := web.Decode(r, maxBody, &e); err != nil {
		return err
	}
	if err := h.Service.SetMatrix(r.Context(), agentID(r), e); err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, e)
}

// HandleFees: GET /api/v1/recovery/fees, public: the help center shows it.
func (h *HTTP) HandleFees(w http.ResponseWriter, r *http.Request) error {
	fs, err := h.Service.Fees(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"fees": fs})
}

// HandleSetFee: PUT /api/v1/recovery/fees (one schedule)
func (h *HTTP) HandleSetFee(w http.ResponseWriter, r *http.Request) error {
	var f FeeSchedule
	if _, err := web.Decode(r, maxBody, &f); err != nil {
		return err
	}
	if err := h.Service.SetFee(r.Context(), agentID(r), f); err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, f)
}
