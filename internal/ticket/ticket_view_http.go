package ticket

import (
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HandleMerge: POST /api/v1/tickets/{id}/merge, folding the duplicate the
// body names into ticket {id}.
func (h *HTTP) HandleMerge(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in MergeRequest
	if _, err := web.Decode(r, 16<<10, &in); err != nil {
		return err
	}
	m, err := h.Store.Merge(r.Context(), h.ViewerOf(r), id, in)
	if err != nil {
		return err
	}
	m.Ticket = m.Ticket.MaskPII()
	return web.JSON(w, http.StatusOK, m)
}

// HandleMentions: GET /api/v1/me/mentions[?unread=true], the notes that
// mention the caller.
func (h *HTTP) HandleMentions(w http.ResponseWriter, r *http.Request) error {
	unread := false
	if s := r.URL.Query().Get("unread"); s != "" {
		var err error
		if unread, err = strconv.ParseBool(s); err != nil {
			return errs.Field("unread", "unread must be true or false")
		}
	}
	ms, err := h.Store.Mentions(r.Context(), h.ViewerOf(r), unread, 200)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, web.List[Mention]{Items: ms})
}

// MentionsRead is how many unread mentions a read marked.
type MentionsRead struct {
	Read int64 `json:"read"`
}

// HandleReadMentions: POST /api/v1/tickets/{id}/mentions/read, marking the
// caller's mentions on ticket {id} read (opening the ticket page does too).
func (h *HTTP) HandleReadMentions(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	v := h.ViewerOf(r)
	if _, err := h.Store.Head(r.Context(), v, id); err != nil {
		return err
	}
	n, err := h.Store.MarkMentionsRead(r.Context(), v.AgentID, id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, MentionsRead{Read: n})
}
