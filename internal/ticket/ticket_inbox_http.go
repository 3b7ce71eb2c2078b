package ticket

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HandleInbox: GET /api/v1/inbox, the agent inbox as the workspace's
// page lists it: view, filters, sort ("due": SLA due soonest, breached
// first, tickets with no due time last; default: latest activity) and a
// cursor from the previous page's next_cursor. Each ticket carries its
// next SLA due target (sla) and its snooze.
func (h *HTTP) HandleInbox(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	iq := InboxQuery{View: q.Get("view"), Status: Status(q.Get("status")), Channel: q.Get("channel"), Language: q.Get("language"),
		Priority: Priority(q.Get("priority")), ProductArea: q.Get("product_area"), Tag: strings.TrimSpace(q.Get("tag")), Sort: q.Get("sort")}
	if iq.View == ViewMentions {
		return errs.Field("view", "the mentions view is on the workspace's inbox page; use GET /api/v1/tickets for lists")
	}
	if s := q.Get("tier"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 3 {
			return errs.Field("tier", "tier must be 1, 2 or 3")
		}
		iq.Tier = n
	}
	if len(iq.Tag) > MaxTagLength {
		return errs.Field("tag", "a tag is at most %d characters", MaxTagLength)
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 200 {
			return errs.Field("limit", "limit must be 1 to 200")
		}
		iq.Limit = n
	}
	var err error
	if iq.Cursor, err = ParseInboxCursor(q.Get("cursor")); err != nil {
		return err
	}
	ts, next, err := h.Store.Inbox(r.Context(), h.ViewerOf(r), iq)
	if err != nil {
		return err
	}
	for i := range ts {
		ts[i] = ts[i].MaskPII()
	}
	return web.JSON(w, http.StatusOK, web.List[Ticket]{Items: ts, NextCursor: next.String()})
}

// HandleSnooze: POST /api/v1/tickets/{id}/snooze with {"until": RFC 3339,
// "until_reply": bool}, one or both.
func (h *HTTP) HandleSnooze(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in SnoozeRequest
	if _, err := web.Decode(r, 4<<10, &in); err != nil {
		return err
	}
	t, err := h.Store.Snooze(r.Context(), h.ViewerOf(r), id, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, t.MaskPII())
}

// HandleUnsnooze: DELETE /api/v1/tickets/{id}/snooze, the ticket back in
// the inbox now.
func (h *HTTP) HandleUnsnooze(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := h.Store.Unsnooze(r.Context(), h.ViewerOf(r), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
