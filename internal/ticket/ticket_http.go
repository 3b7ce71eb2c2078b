package ticket

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// MaxRequest bounds ticket and message request bodies: a maximal message
// plus room for JSON escaping and the other fields.
const MaxRequest = 4*MaxBody + 16<<10

// HTTP serves the ticket API. ViewerOf tells who is asking; the server
// builds it from the authenticated principal.
type HTTP struct {
	Store    *Store
	ViewerOf func(r *http.Request) Viewer
}

// HandleCreate: POST /api/v1/tickets.
func (h *HTTP) HandleCreate(w http.ResponseWriter, r *http.Request) error {
	var in NewTicket
	if _, err := web.Decode(r, MaxRequest, &in); err != nil {
		return err
	}
	t, err := h.Store.Create(r.Context(), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/tickets/"+strconv.FormatInt(t.ID, 10))
	return web.JSON(w, http.StatusCreated, t.MaskPII())
}

// HandleGet: GET /api/v1/tickets/{id}.
func (h *HTTP) HandleGet(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	t, err := h.Store.Get(r.Context(), h.ViewerOf(r), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, t.MaskPII())
}

// HandleList: GET /api/v1/tickets.
func (h *HTTP) HandleList(w http.ResponseWriter, r *http.Request) error {
	page, err := web.PageFrom(r, 50, 200)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := Filter{Status: Status(q.Get("status")), Priority: Priority(q.Get("priority")), Tag: q.Get("tag")}
	for name, dst := range map[string]*int64{"team_id": &f.TeamID, "assignee_id": &f.AssigneeID, "customer_id": &f.CustomerID} {
		if s := q.Get(name); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n <= 0 {
				return errs.Field(name, "%s must be a positive whole number", name)
			}
			*dst = n
		}
	}
	ts, next, err := h.Store.List(r.Context(), h.ViewerOf(r), f, page)
	if err != nil {
		return err
	}
	for i := range ts {
		ts[i] = ts[i].MaskPII()
	}
	out := web.List[Ticket]{Items: ts}
	if next > 0 {
		out.NextCursor = strconv.FormatInt(next, 10)
	}
	return web.JSON(w, http.StatusOK, out)
}

// HandleUpdate: PATCH /api/v1/tickets/{id}.
func (h *HTTP) HandleUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var u Update
	if _, err := web.Decode(r, 64<<10, &u); err != nil {
		return err
	}
	v := h.ViewerOf(r)
	if u.AssigneeID != nil && *u.AssigneeID != v.AgentID && !v.CanAssign {
		return errs.E(errs.Forbidden, "your role may assign tickets only to yourself")
	}
	t, err := h.Store.UpdateTicket(r.Context(), v, id, u)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, t.MaskPII())
}

// HandleAddMessage: POST /api/v1/tickets/{id}/messages.
func (h *HTTP) HandleAddMessage(w http.ResponseWriter, r *http.Request) error {
	return h.add(w, r, false)
}

// HandleAddNote: POST /api/v1/tickets/{id}/notes.
func (h *HTTP) HandleAddNote(w http.ResponseWriter, r *http.Request) error {
	return h.add(w, r, true)
}

func (h *HTTP) add(w http.ResponseWriter, r *http.Request, note bool) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in NewMessage
	if _, err := web.Decode(r, MaxRequest, &in); err != nil {
		return err
	}
	v := h.ViewerOf(r)
	var m Message
	if note {
		if in.Author != "" && in.Author != "agent" {
			return errs.Field("author", "notes are written by agents")
		}
		in.AuthorID = &v.AgentID
		m, err = h.Store.AddNote(r.Context(), v, id, in)
	} else {
		if in.Author == "" || in.Author == "agent" {
			in.AuthorID = &v.AgentID
		}
		m, err = h.Store.AddMessage(r.Context(), v, id, in)
	}
	if errors.Is(err, ErrBlocked) {
		// Answer here rather than return the error: the audit record of the
		// attempt must commit even when an Idempotency-Key transaction wraps this.
		web.WriteProblem(w, web.Problem{Type: "https://groundcrew.dev/problems/blocked", Title: "Blocked by the outbound guard",
			Status: http.StatusUnprocessableEntity, Detail: blockedDetail(err), Instance: r.URL.Path, Field: "body"})
		return nil
	}
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, m)
}

// HandleEscalate: POST /api/v1/tickets/{id}/escalations.
func (h *HTTP) HandleEscalate(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in NewEscalation
	if _, err := web.Decode(r, 16<<10, &in); err != nil {
		return err
	}
	e, err := h.Store.Escalate(r.Context(), h.ViewerOf(r), id, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, e)
}

// HandleTags: GET /api/v1/tags.
func (h *HTTP) HandleTags(w http.ResponseWriter, r *http.Request) error {
	tags, err := h.Store.Tags(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, web.List[TagCount]{Items: tags})
}

func blockedDetail(err error) string {
	if e, ok := errs.As(err); ok {
		return e.Msg
	}
	return err.Error()
}
