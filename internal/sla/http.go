package sla

import (
	"context"
	"net/http"
	"time"

	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP serves the SLA API.
type HTTP struct {
	Service *Service
	// CanSee returns an error (not found, forbidden) unless the request's
	// agent may see ticket id (internal/ticket decides).
	CanSee func(r *http.Request, id int64) error
}

const maxBody = 64 << 10

// HandleListPolicies: GET /api/v1/sla/policies.
func (h *HTTP) HandleListPolicies(w http.ResponseWriter, r *http.Request) error {
	ps, err := h.Service.Policies(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"policies": nonNil(ps)})
}

// HandleCreatePolicy: POST /api/v1/sla/policies.
func (h *HTTP) HandleCreatePolicy(w http.ResponseWriter, r *http.Request) error {
	var p Policy
	if _, err := web.Decode(r, maxBody, &p); err != nil {
		return err
	}
	p.ID = 0
	saved, err := h.Service.SavePolicy(r.Context(), p)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, saved)
}

// HandleUpdatePolicy: PUT /api/v1/sla/policies/{id}.
func (h *HTTP) HandleUpdatePolicy(w http.ResponseWriter, r *http.Request) error {
	return put(h, w, r, func(ctx context.Context, id int64, p *Policy) (any, error) {
		p.ID = id
		return h.Service.SavePolicy(ctx, *p)
	})
}

// HandleDeletePolicy: DELETE /api/v1/sla/policies/{id}.
func (h *HTTP) HandleDeletePolicy(w http.ResponseWriter, r *http.Request) error {
	return h.remove(w, r, h.Service.DeletePolicy)
}

// HandleListCalendars: GET /api/v1/sla/calendars.
func (h *HTTP) HandleListCalendars(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.Service.Calendars(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"calendars": nonNil(cs)})
}

// HandleCreateCalendar: POST /api/v1/sla/calendars.
func (h *HTTP) HandleCreateCalendar(w http.ResponseWriter, r *http.Request) error {
	var c Calendar
	if _, err := web.Decode(r, maxBody, &c); err != nil {
		return err
	}
	c.ID = 0
	saved, err := h.Service.SaveCalendar(r.Context(), c)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, saved)
}

// HandleUpdateCalendar: PUT /api/v1/sla/calendars/{id}.
func (h *HTTP) HandleUpdateCalendar(w http.ResponseWriter, r *http.Request) error {
	return put(h, w, r, func(ctx context.Context, id int64, c *Calendar) (any, error) {
		c.ID = id
		return h.Service.SaveCalendar(ctx, *c)
	})
}

// HandleDeleteCalendar: DELETE /api/v1/sla/calendars/{id}.
func (h *HTTP) HandleDeleteCalendar(w http.ResponseWriter, r *http.Request) error {
	return h.remove(w, r, h.Service.DeleteCalendar)
}

// TicketSLA is a ticket's targets and the time promised to its customer.
type TicketSLA struct {
	TicketID   int64       `json:"ticket_id"`
	Timers     []TimerView `json:"timers"`
	PromisedBy *time.Time  `json:"promised_by"`
}

// HandleTicket: GET /api/v1/tickets/{id}/sla.
func (h *HTTP) HandleTicket(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.CanSee(r, id); err != nil {
		return err
	}
	v, err := h.Service.Ticket(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, v)
}

// Ticket returns ticket id's SLA view; the caller checks the viewer.
func (s *Service) Ticket(ctx context.Context, id int64) (TicketSLA, error) {
	timers, err := s.ForTicket(ctx, id)
	if err != nil {
		return TicketSLA{}, err
	}
	promised, err := s.PromisedBy(ctx, id)
	if err != nil {
		return TicketSLA{}, err
	}
	return TicketSLA{TicketID: id, Timers: timers, PromisedBy: promised}, nil
}

func put[T any](h *HTTP, w http.ResponseWriter, r *http.Request, save func(ctx context.Context, id int64, v *T) (any, error)) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var v T
	if _, err := web.Decode(r, maxBody, &v); err != nil {
		return err
	}
	saved, err := save(r.Context(), id, &v)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, saved)
}

func (h *HTTP) remove(w http.ResponseWriter, r *http.Request, del func(ctx context.Context, id int64) error) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := del(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
