package ticket

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// The agent's inbox: views, filters and search over the tickets a viewer may
// see, ordered by latest activity, with a count per view.

// Inbox views. A view other than ViewAll and ViewStatus lists only tickets
// still being worked on (not solved or closed).
const (
	ViewAll        = ""
	ViewMine       = "mine"       // assigned to the viewer
	ViewUnassigned = "unassigned" // assigned to nobody
	ViewTeams      = "teams"      // in one of the viewer's teams
	ViewWaiting    = "waiting"    // the customer wrote last; longest waiting first
	ViewMentions   = "mentions"   // the caller names the tickets (InboxQuery.IDs)
)

// InboxViews lists the views InboxQuery.View takes.
var InboxViews = []string{ViewAll, ViewMine, ViewUnassigned, ViewTeams, ViewWaiting, ViewMentions}

// activeStatuses are the statuses of tickets still being worked on.
var activeStatuses = []Status{StatusNew, StatusOpen, StatusPendingCustomer, StatusOnHold}

// InboxQuery is one page of the inbox.
type InboxQuery struct {
	View        string
	Status      Status
	Channel     string
	Language    string
	Priority    Priority
	ProductArea string
	Tier        int
	Tag         string
	CustomerID  int64
	// IDs, when not nil, keeps only these tickets (a search's or the
	// mentions view's); an empty, non-nil IDs matches nothing.
	IDs []int64
	// Words must each appear in the subject (case-insensitive).
	Words  []string
	Cursor InboxCursor // the previous page's last ticket; zero: from the start
	Limit  int
}

// InboxCursor is where a page of the inbox ends: the sort time (Unix ms)
// and id of its last ticket.
type InboxCursor struct {
	At int64
	ID int64
}

// String is the cursor as the inbox's links carry it.
func (c InboxCursor) String() string {
	if c.ID == 0 {
		return ""
	}
	return strconv.FormatInt(c.At, 10) + "." + strconv.FormatInt(c.ID, 10)
}

// ParseInboxCursor reads a cursor from String; "" is the first page.
func ParseInboxCursor(s string) (InboxCursor, error) {
	if s == "" {
		return InboxCursor{}, nil
	}
	at, id, ok := strings.Cut(s, ".")
	c := InboxCursor{}
	var err1, err2 error
	c.At, err1 = strconv.ParseInt(at, 10, 64)
	c.ID, err2 = strconv.ParseInt(id, 10, 64)
	if !ok || err1 != nil || err2 != nil || c.At < 0 || c.ID <= 0 {
		return InboxCursor{}, errs.Field("cursor", "cursor is not one this server handed out")
	}
	return c, nil
}

// validate checks the query's enumerations, naming the field that is wrong.
func (q InboxQuery) validate() error {
	switch {
	case !slices.Contains(InboxViews, q.View):
		return errs.Field("view", "view must be one of %v, not %q", InboxViews[1:], q.View)
	case q.Status != "" && !slices.Contains(Statuses, q.Status):
		return errs.Field("status", "status must be one of %v, not %q", Statuses, string(q.Status))
	case q.Priority != "" && !slices.Contains(Priorities, q.Priority):
		return errs.Field("priority", "priority must be one of %v, not %q", Priorities, string(q.Priority))
	case q.Channel != "" && !slices.Contains(Channels, q.Channel):
		return errs.Field("channel", "channel must be one of %v, not %q", Channels, q.Channel)
	case q.Language != "" && !slices.Contains(Languages, q.Language):
		return errs.Field("language", "language must be one of %v, not %q", Languages, q.Language)
	case q.ProductArea != "" && !slices.Contains(ProductAreas, q.ProductArea):
		return errs.Field("product_area", "product area must be one of %v, not %q", ProductAreas, q.ProductArea)
	case q.Tier < 0 || q.Tier > 3:
		return errs.Field("tier", "tier must be 1, 2 or 3")
	}
	return nil
}

// waitingOnAgent is true for a ticket being worked on whose latest public
// message (system notices aside) is the customer's.
const waitingOnAgent = `t.status IN ('new', 'open') AND (SELECT m.author_kind FROM messages m
	WHERE m.ticket_id = t.id AND m.internal = 0 AND m.author_kind <> 'system' ORDER BY m.id DESC LIMIT 1) = 'customer'`

// conds collects a WHERE clause and its arguments.
type conds struct {
	where []string
	args  []any
}

func (c *conds) add(cond string, args ...any) {
	c.where = append(c.where, cond)
	c.args = append(c.args, args...)
}

func (c *conds) in(col string, ids []int64) {
	if len(ids) == 0 {
		c.add("1 = 0")
		return
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	c.add(col+" IN ("+marks+")", args...)
}

func (c *conds) sql() string {
	if len(c.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.where, " AND ")
}

// visible limits c to the tickets v may see: all, or those of no team,
// the viewer's teams, or assigned to the viewer (as Store.List does).
func visible(c *conds, v Viewer) {
	if v.AllTeams {
		return
	}
	cond := "(t.team_id IS NULL OR t.assignee_id = ?"
	args := []any{v.AgentID}
	for _, team := range v.Teams {
		cond += " OR t.team_id = ?"
		args = append(args, team)
	}
	c.add(cond+")", args...)
}

func activeOnly(c *conds) {
	c.add("t.status IN ('new', 'open', 'pending_customer', 'on_hold')")
}

// Inbox returns a page of the tickets v may see that q selects, by latest
// activity (the waiting view: longest waiting first), and the next page's
// cursor (zero at the end).
func (s *Store) Inbox(ctx context.Context, v Viewer, q InboxQuery) ([]Ticket, InboxCursor, error) {
	if err := q.validate(); err != nil {
		return nil, InboxCursor{}, err
	}
	if q.Limit < 1 || q.Limit > 200 {
		q.Limit = 50
	}
	var c conds
	visible(&c, v)
	switch q.View {
	case ViewMine:
		activeOnly(&c)
		c.add("t.assignee_id = ?", v.AgentID)
	case ViewUnassigned:
		activeOnly(&c)
		c.add("t.assignee_id IS NULL")
	case ViewTeams:
		activeOnly(&c)
		c.in("t.team_id", v.Teams)
	case ViewWaiting:
		c.add(waitingOnAgent)
	case ViewMentions:
		if q.IDs == nil {
			q.IDs = []int64{}
		}
	}
	for _, f := range []struct {
		col string
		val string
	}{{"t.status", string(q.Status)}, {"t.channel", q.Channel}, {"t.language", q.Language}, {"t.priority", string(q.Priority)}, {"t.product_area", q.ProductArea}} {
		if f.val != "" {
			c.add(f.col+" = ?", f.val)
		}
	}
	if q.Tier != 0 {
		c.add("t.tier = ?", q.Tier)
	}
	if q.Tag != "" {
		c.add("EXISTS (SELECT 1 FROM ticket_tags g WHERE g.ticket_id = t.id AND g.tag = ?)", strings.ToLower(q.Tag))
	}
	if q.CustomerID != 0 {
		c.add("t.customer_id = ?", q.CustomerID)
	}
	if q.IDs != nil {
		c.in("t.id", q.IDs)
	}
	for _, w := range q.Words {
		c.add("LOWER(t.subject) LIKE ? ESCAPE '\\'", "%"+likeEscape(strings.ToLower(w))+"%")
	}
	col, dir, cmp := "t.updated_at", "DESC", "<"
	if q.View == ViewWaiting {
		col, dir, cmp = "t.last_message_at", "ASC", ">"
	}
	if q.Cursor.ID != 0 {
		c.add("("+col+" "+cmp+" ? OR ("+col+" = ? AND t.id "+cmp+" ?))", q.Cursor.At, q.Cursor.At, q.Cursor.ID)
	}
	c.args = append(c.args, q.Limit+1)
	rows, err := s.db.Query(ctx, `SELECT `+ticketColumns+` FROM tickets t JOIN customers c ON c.id = t.customer_id`+c.sql()+
		` ORDER BY `+col+` `+dir+`, t.id `+dir+` LIMIT ?`, c.args...)
	if err != nil {
		return nil, InboxCursor{}, fmt.Errorf("inbox: %w", err)
	}
	defer rows.Close()
	out := []Ticket{}
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, InboxCursor{}, fmt.Errorf("inbox: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, InboxCursor{}, fmt.Errorf("inbox: %w", err)
	}
	var next InboxCursor
	if len(out) > q.Limit {
		out = out[:q.Limit]
		last := out[len(out)-1]
		next = InboxCursor{At: last.UpdatedAt.UnixMilli(), ID: last.ID}
		if q.View == ViewWaiting {
			next.At = last.LastMessageAt.UnixMilli()
		}
	}
	ptrs := make([]*Ticket, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, next, s.fillTags(ctx, ptrs)
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// InboxCounts is how many tickets v may see are in each view and status.
type InboxCounts struct {
	All        int            `json:"all"`
	Mine       int            `json:"mine"`
	Unassigned int            `json:"unassigned"`
	Teams      int            `json:"teams"`
	Waiting    int            `json:"waiting"`
	Mentions   int            `json:"mentions"`
	Status     map[Status]int `json:"status"`
}

// InboxCounts counts the views for v in one pass over v's tickets.
// Mentions is the caller's to fill.
func (s *Store) InboxCounts(ctx context.Context, v Viewer) (InboxCounts, error) {
	var c conds
	visible(&c, v)
	teams := "0"
	var teamArgs []any
	if len(v.Teams) > 0 {
		teams = "CASE WHEN t.team_id IN (" + strings.TrimSuffix(strings.Repeat("?,", len(v.Teams)), ",") + ") THEN 1 ELSE 0 END"
		for _, id := range v.Teams {
			teamArgs = append(teamArgs, id)
		}
	}
	args := append([]any{v.AgentID}, teamArgs...)
	args = append(args, c.args...)
	rows, err := s.db.Query(ctx, `SELECT t.status, COUNT(*),
		SUM(CASE WHEN t.assignee_id = ? THEN 1 ELSE 0 END),
		SUM(CASE WHEN t.assignee_id IS NULL THEN 1 ELSE 0 END),
		SUM(`+teams+`),
		SUM(CASE WHEN `+waitingOnAgent+` THEN 1 ELSE 0 END)
		FROM tickets t`+c.sql()+` GROUP BY t.status`, args...)
	if err != nil {
		return InboxCounts{}, fmt.Errorf("inbox counts: %w", err)
	}
	defer rows.Close()
	out := InboxCounts{Status: map[Status]int{}}
	for rows.Next() {
		var st Status
		var n, mine, unassigned, team, waiting int
		if err := rows.Scan(&st, &n, &mine, &unassigned, &team, &waiting); err != nil {
			return InboxCounts{}, fmt.Errorf("inbox counts: %w", err)
		}
		out.Status[st] = n
		out.All += n
		out.Waiting += waiting
		if slices.Contains(activeStatuses, st) {
			out.Mine += mine
			out.Unassigned += unassigned
			out.Teams += team
		}
	}
	if err := rows.Err(); err != nil {
		return InboxCounts{}, fmt.Errorf("inbox counts: %w", err)
	}
	return out, nil
}
