package workspace

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The inbox: GET / lists tickets by view, filters and search, latest
// activity first, with a count per view; GET /inbox/counts is the counts
// as JSON, and GET /inbox/live pushes them when tickets change (live.go).

// MaxSearch bounds the search box.
const MaxSearch = 200

// inboxForm is the inbox's query string as the agent set it, echoed back
// into the page's links and fields.
type inboxForm struct {
	View, Status, Channel, Language, Priority, Area, Tier, Tag, Q, Sort string
}

// link is the inbox URL of the form with one field changed and the page
// cursor dropped.
func (f inboxForm) link(field, value string) string {
	vals := url.Values{}
	set := func(k, v string) {
		if v != "" {
			vals.Set(k, v)
		}
	}
	for k, v := range map[string]string{"view": f.View, "status": f.Status, "channel": f.Channel, "language": f.Language,
		"priority": f.Priority, "area": f.Area, "tier": f.Tier, "tag": f.Tag, "q": f.Q, "sort": f.Sort} {
		set(k, v)
	}
	vals.Del(field)
	set(field, value)
	if len(vals) == 0 {
		return "/"
	}
	return "/?" + vals.Encode()
}

// ViewLink and StatusLink are the links of the view tabs and status chips.
func (f inboxForm) ViewLink(v string) string {
	g := f
	g.Status = ""
	return g.link("view", v)
}
func (f inboxForm) StatusLink(s ticket.Status) string {
	g := f
	g.View = ""
	return g.link("status", string(s))
}

// SortLink is the link of an order (ticket.SortActivity or SortDue).
func (f inboxForm) SortLink(sort string) string { return f.link("sort", sort) }

// NextLink is the link to the page after cursor.
func (f inboxForm) NextLink(cursor string) string { return f.link("cursor", cursor) }

// readInboxForm reads the query string into a form and an inbox query.
func readInboxForm(r *http.Request) (inboxForm, ticket.InboxQuery, error) {
	q := r.URL.Query()
	f := inboxForm{View: q.Get("view"), Status: q.Get("status"), Channel: q.Get("channel"), Language: q.Get("language"),
		Priority: q.Get("priority"), Area: q.Get("area"), Tier: q.Get("tier"), Tag: strings.TrimSpace(q.Get("tag")),
		Q: strings.TrimSpace(q.Get("q")), Sort: q.Get("sort")}
	iq := ticket.InboxQuery{View: f.View, Status: ticket.Status(f.Status), Channel: f.Channel, Language: f.Language,
		Priority: ticket.Priority(f.Priority), ProductArea: f.Area, Tag: f.Tag, Sort: f.Sort}
	if f.Tier != "" {
		n, err := strconv.Atoi(f.Tier)
		if err != nil {
			return f, iq, errs.Field("tier", "tier must be 1, 2 or 3")
		}
		iq.Tier = n
	}
	if utf8.RuneCountInString(f.Q) > MaxSearch || utf8.RuneCountInString(f.Tag) > ticket.MaxTagLength {
		return f, iq, errs.Field("q", "a search is at most %d characters", MaxSearch)
	}
	var err error
	if iq.Cursor, err = ticket.ParseInboxCursor(q.Get("cursor")); err != nil {
		return f, iq, err
	}
	return f, iq, nil
}

// inbox: GET /.
func (ws *Workspace) inbox(w http.ResponseWriter, r *http.Request) {
	pr, v := principal(r), ws.ViewerOf(r)
	data := agentPage(pr, "Inbox")
	data["Scripts"] = []string{"inbox.js", "notify.js"}
	data["LiveRouting"] = true // routing.js: offers and presence
	data["Views"] = ws.views()
	data["Statuses"] = ticket.Statuses
	data["Channels"] = options(ticket.Channels, channelLabels)
	data["Languages"] = options(ticket.Languages, languageLabels)
	data["Priorities"] = options(ticket.Priorities, priorityLabels)
	data["Areas"] = options(ticket.ProductAreas, areaLabels)
	data["Tiers"] = []option{{"1", "Tier 1"}, {"2", "Tier 2"}, {"3", "Tier 3"}}
	counts, err := ws.counts(r.Context(), v)
	data["Counts"] = counts
	data["CountsByView"] = map[string]int{"all": counts.All, "mine": counts.Mine, "unassigned": counts.Unassigned,
		"teams": counts.Teams, "waiting": counts.Waiting, "mentions": counts.Mentions, "snoozed": counts.Snoozed}
	form, q, ferr := readInboxForm(r)
	data["Form"] = form
	err = firstErr(err, ferr)
	if err == nil {
		var found string
		q, found, err = ws.search(r.Context(), v, form.Q, q)
		data["Found"] = found
	}
	if err == nil {
		var ts []ticket.Ticket
		var next ticket.InboxCursor
		ts, next, err = ws.Tickets.Inbox(r.Context(), v, q)
		for i := range ts {
			ts[i] = ts[i].MaskPII()
		}
		data["Tickets"], data["Next"] = ts, next.String()
	}
	status := http.StatusOK
	if err != nil {
		status = web.Status(err)
		data["Error"] = ws.pageError(err)
	}
	ws.render(w, status, "inbox", data)
}

// firstErr is the first of errors that is not nil.
func firstErr(errors ...error) error {
	for _, err := range errors {
		if err != nil {
			return err
		}
	}
	return nil
}

// views are the inbox's tabs; mentions only when something provides them.
func (ws *Workspace) views() []string {
	vs := []string{ticket.ViewAll, ticket.ViewMine, ticket.ViewUnassigned, ticket.ViewTeams, ticket.ViewWaiting}
	if ws.Mentions != nil {
		vs = append(vs, ticket.ViewMentions)
	}
	return append(vs, ticket.ViewSnoozed)
}

// search narrows q by what the agent typed in the search box, and says
// what the text was taken for:
//   - "#123": ticket 123;
//   - an e-mail address, a TxID or an address: the tickets whose customer
//     wrote it (the blind index: bodies are never decrypted to search);
//   - a customer's exchange id: that customer's tickets;
//   - a number: that ticket;
//   - anything else: words of the subject.
func (ws *Workspace) search(ctx context.Context, v ticket.Viewer, text string, q ticket.InboxQuery) (ticket.InboxQuery, string, error) {
	if q.View == ticket.ViewMentions {
		ids := []int64{}
		if ws.Mentions != nil {
			var err error
			if ids, err = ws.Mentions(ctx, v); err != nil {
				return q, "", err
			}
		}
		q.IDs = ids
	}
	if text == "" {
		return q, "", nil
	}
	narrow := func(ids []int64) {
		if q.IDs == nil {
			q.IDs = ids
			return
		}
		q.IDs = slices.DeleteFunc(q.IDs, func(id int64) bool { return !slices.Contains(ids, id) })
	}
	if n, ok := strings.CutPrefix(text, "#"); ok {
		id, err := strconv.ParseInt(n, 10, 64)
		if err != nil || id <= 0 {
			return q, "", errs.Field("q", "after # comes a ticket number")
		}
		narrow([]int64{id})
		return q, "ticket number", nil
	}
	if ws.Search != nil {
		ids, kind, err := ws.Search.Find(ctx, text)
		if err != nil {
			return q, "", err
		}
		if kind != "" {
			narrow(ids)
			return q, kind, nil
		}
	}
	if c, err := ws.Tickets.CustomerByExternalID(ctx, text); err == nil {
		q.CustomerID = c.ID
		return q, "customer id", nil
	} else if !errs.Is(err, errs.NotFound) {
		return q, "", err
	}
	if id, err := strconv.ParseInt(text, 10, 64); err == nil && id > 0 {
		narrow([]int64{id})
		return q, "ticket number", nil
	}
	q.Words = strings.Fields(text)
	return q, "subject words", nil
}

// counts are the view counts v sees, mentions included when provided.
func (ws *Workspace) counts(ctx context.Context, v ticket.Viewer) (ticket.InboxCounts, error) {
	c, err := ws.Tickets.InboxCounts(ctx, v)
	if err != nil || ws.Mentions == nil {
		return c, err
	}
	ids, err := ws.Mentions(ctx, v)
	c.Mentions = len(ids)
	return c, err
}

// inboxCounts: GET /inbox/counts, the view counts as JSON.
func (ws *Workspace) inboxCounts(w http.ResponseWriter, r *http.Request) {
	c, err := ws.counts(r.Context(), ws.ViewerOf(r))
	if err != nil {
		web.WriteError(w, r, ws.Log, err)
		return
	}
	_ = web.JSON(w, http.StatusOK, c)
}
