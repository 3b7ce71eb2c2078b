package workspace

import (
	"net/http"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The ticket page's snooze control: POST /tickets/{id}/snooze puts the
// ticket aside until a time (UTC), until the customer replies, or both;
// POST /tickets/{id}/unsnooze brings it back now.

// snoozeTimeLayout is what an <input type="datetime-local"> sends.
const snoozeTimeLayout = "2006-01-02T15:04"

// readSnooze reads the snooze form: until (UTC, as datetime-local sends
// it, or a preset "+1h", "+4h", "+24h") and until_reply ("on").
func readSnooze(r *http.Request, now time.Time) (ticket.SnoozeRequest, error) {
	in := ticket.SnoozeRequest{UntilReply: r.PostFormValue("until_reply") != ""}
	switch s := strings.TrimSpace(r.PostFormValue("until")); {
	case s == "":
	case strings.HasPrefix(s, "+"):
		d, err := time.ParseDuration(s[1:])
		if err != nil || d <= 0 {
			return in, errs.Field("until", "choose a time to snooze until")
		}
		at := now.Add(d)
		in.Until = &at
	default:
		at, err := time.ParseInLocation(snoozeTimeLayout, s, time.UTC)
		if err != nil {
			return in, errs.Field("until", "the time must look like 2026-12-24T09:00 (UTC)")
		}
		in.Until = &at
	}
	if preset := r.PostFormValue("preset"); preset != "" && in.Until == nil {
		d, err := time.ParseDuration(preset)
		if err != nil || d <= 0 {
			return in, errs.Field("preset", "choose a time to snooze until")
		}
		at := now.Add(d)
		in.Until = &at
	}
	return in, nil
}

// snoozeTicket: POST /tickets/{id}/snooze.
func (ws *Workspace) snoozeTicket(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	in, err := readSnooze(r, time.Now())
	if err == nil {
		_, err = ws.Tickets.Snooze(r.Context(), ws.ViewerOf(r), id, in)
	}
	if err != nil {
		ws.ticketFailed(w, r, id, err)
		return
	}
	ticketBack(w, r, id, "snoozed")
}

// unsnoozeTicket: POST /tickets/{id}/unsnooze.
func (ws *Workspace) unsnoozeTicket(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if _, err := ws.Tickets.Unsnooze(r.Context(), ws.ViewerOf(r), id); err != nil {
		ws.ticketFailed(w, r, id, err)
		return
	}
	ticketBack(w, r, id, "unsnoozed")
}
