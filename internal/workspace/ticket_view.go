package workspace

import (
	"net/http"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Shortcut is one key of the ticket page, as its help overlay lists it.
type Shortcut struct{ Key, Action string }

// Shortcuts are the ticket page's keys (ticketview.js binds them).
var Shortcuts = []Shortcut{
	{"r", "Reply to the customer"},
	{"n", "Write an internal note"},
	{"m", "Choose a macro"},
	{"a", "Assign the ticket to me"},
	{"s", "Change the status"},
	{"j", "Next ticket in the inbox"},
	{"Ctrl+Enter", "Send the reply or note"},
	{"?", "Show or hide these shortcuts"},
}

// ticketView adds the ticket view's parts to the page's data: the live
// channel, macros, the merge form, shortcuts and notification settings.
// Opening the ticket reads the agent's mentions on it.
func (ws *Workspace) ticketView(r *http.Request, pr auth.Principal, t ticket.Ticket, data map[string]any) {
	data["Scripts"] = append(data["Scripts"].([]string), "ticketview.js")
	var last int64
	if n := len(t.Messages); n > 0 {
		last = t.Messages[n-1].ID
	}
	data["LastMessageID"] = last
	data["StatusOptions"] = options(ticket.Statuses, statusLabels)
	data["Shortcuts"] = Shortcuts
	data["CanMerge"] = pr.Can(auth.PermTicketUpdate) && t.MergedInto == nil
	data["CanUpdate"] = pr.Can(auth.PermTicketUpdate)
	data["AssignedToMe"] = t.AssigneeID != nil && *t.AssigneeID == pr.Agent.ID
	data["CanWrite"] = pr.Can(auth.PermMessageWrite)
	if t.Channel == "chat" && ws.Live != nil && ws.Live.Screen != nil && (ws.Live.ScreenOn == nil || ws.Live.ScreenOn()) {
		// The viewer of a screen the customer shares from the widget.
		data["ScreenShare"] = true
		data["Scripts"] = append(data["Scripts"].([]string), "screen.js")
	}
	if next, _, err := ws.Tickets.List(r.Context(), ws.ViewerOf(r), ticket.Filter{}, web.Page{Cursor: t.ID, Limit: 1}); err == nil && len(next) == 1 {
		data["NextTicketID"] = next[0].ID
	}
	if ws.Macros != nil && pr.Can(auth.PermMessageWrite) {
		if ms, err := ws.Macros.List(r.Context(), t.Language); err == nil {
			var here, other []Macro
			for _, m := range ms {
				if m.Language == t.Language {
					here = append(here, m)
				} else {
					other = append(other, m)
				}
			}
			data["MacrosHere"], data["MacrosOther"] = here, other
		}
	}
	if ws.Live != nil && ws.Live.Notify != nil {
		if n, err := ws.Live.Notify.Get(r.Context(), pr.Agent.ID); err == nil {
			data["Notify"] = n
		}
	}
	if _, err := ws.Tickets.MarkMentionsRead(r.Context(), pr.Agent.ID, t.ID); err != nil {
		ws.Log.Warn("ticket page: mark mentions read", "ticket", t.ID, "err", err)
	}
}

// liveNotifications: GET /live/notifications, the agent's browser
// notifications for pages without a ticket (notify.js).
func (ws *Workspace) liveNotifications(w http.ResponseWriter, r *http.Request) {
	if err := ws.Live.ServeNotifications(w, r, ws.Live.AgentOf(r)); err != nil {
		web.WriteError(w, r, ws.Log, err)
	}
}

// liveScreen: GET /live/tickets/{id}/screen, the WebSocket on which the
// ticket's assigned agent receives the screen the customer shares.
func (ws *Workspace) liveScreen(w http.ResponseWriter, r *http.Request) {
	if err := ws.Live.ServeScreen(w, r, ws.Live.AgentOf(r)); err != nil {
		web.WriteError(w, r, ws.Log, err)
	}
}

// liveTicket: GET /live/tickets/{id}, the ticket page's live channel.
func (ws *Workspace) liveTicket(w http.ResponseWriter, r *http.Request) {
	if err := ws.Live.ServeTicket(w, r, ws.Live.AgentOf(r)); err != nil {
		web.WriteError(w, r, ws.Log, err)
	}
}
