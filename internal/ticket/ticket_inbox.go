package ticket

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
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
	ViewSnoozed    = "snoozed"    // snoozed, in the viewer's teams or theirs
)

// InboxViews lists the views InboxQuery.View takes. Mine, unassigned, my
// teams and waiting leave snoozed tickets out until the snooze ends.
var InboxViews = []string{ViewAll, ViewMine, ViewUnassigned, ViewTeams, ViewWaiting, ViewMentions, ViewSnoozed}

// Inbox orders (InboxQuery.Sort).
const (
	SortActivity = ""    // latest activity first (the waiting view: longest waiting first)
	SortDue      = "due" // SLA due soonest first (breached first); tickets with no due time last
)

// InboxSorts lists the orders InboxQuery.Sort takes.
var InboxSorts = []string{SortActivity, SortDue}

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
	Sort   string      // SortActivity or SortDue
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
	at, id, ok := store.ParseKeyset(s)
	if !ok {
		return InboxCursor{}, errs.Field("cursor", "cursor is not one this server handed out")
	}
	return InboxCursor{At: at, ID: id}, nil
}

// validate checks the query's enumerations, naming the field that is wrong.
func (q InboxQuery) validate() error {
	switch {
	case !slices.Contains(InboxViews, q.View):
		return errs.Field("view", "view must be one of %v, not %q", InboxViews[1:], q.View)
	case !slices.Contains(InboxSorts, q.Sort):
		return errs.Field("sort", "sort must be %q (SLA due soonest) or empty (latest activity), not %q", SortDue, q.Sort)
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

// waitingOnAgent is true for a ticket being worked on whose customer
// wrote last (system notices and internal notes aside).
const waitingOnAgent = `t.status IN ('new', 'open') AND t.awaiting_since IS NOT NULL`

// awaitingAfter is the SQL for tickets.awaiting_since after a message by
// author at now, and its arguments: a customer's public message starts the
// wait (or keeps the earlier start), an agent's or the bot's public answer
// ends it, and internal notes and system notices leave it as it is.
func awaitingAfter(author AuthorKind, internal bool, now int64) (string, []any) {
	switch {
	case internal || author == "system":
		return "awaiting_since", nil
	case author == "customer":
		return "COALESCE(awaiting_since, ?)", []any{now}
	}
	return "NULL", nil
}

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

// awake leaves snoozed tickets out.
func awake(c *conds) { c.add("t.snoozed = 0") }

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
		awake(&c)
		c.add("t.assignee_id = ?", v.AgentID)
	case ViewUnassigned:
		activeOnly(&c)
		awake(&c)
		c.add("t.assignee_id IS NULL")
	case ViewTeams:
		activeOnly(&c)
		awake(&c)
		c.in("t.team_id", v.Teams)
	case ViewWaiting:
		c.add(waitingOnAgent)
		awake(&c)
	case ViewSnoozed:
		c.add("t.snoozed = 1")
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
	col, dir, cmp := "a.at", "DESC", "<"
	switch {
	case q.Sort == SortDue:
		col, dir, cmp = dueSortKey, "ASC", ">"
	case q.View == ViewWaiting:
		col, dir, cmp = "t.awaiting_since", "ASC", ">"
	}
	if q.Cursor.ID != 0 {
		c.add("("+col+" "+cmp+" ? OR ("+col+" = ? AND t.id "+cmp+" ?))", q.Cursor.At, q.Cursor.At, q.Cursor.ID)
	}
	c.args = append(c.args, q.Limit+1)
	from := ` FROM tickets t JOIN customers c ON c.id = t.customer_id`
	if col == "a.at" { // latest activity first: ticket_activity holds the order (touchSQL)
		from += ` JOIN ticket_activity a ON a.ticket_id = t.id`
	}
	rows, err := s.db.Query(ctx, `SELECT `+ticketColumns+`, `+col+from+c.sql()+
		` ORDER BY `+col+` `+dir+`, t.id `+dir+` LIMIT ?`, c.args...)
	if err != nil {
		return nil, InboxCursor{}, fmt.Errorf("inbox: %w", err)
	}
	defer rows.Close()
	out := []Ticket{}
	var sortAt []int64 // each ticket's value of col, for the cursor
	for rows.Next() {
		var at int64
		t, err := scanTicket(withExtra{rows, &at})
		if err != nil {
			return nil, InboxCursor{}, fmt.Errorf("inbox: %w", err)
		}
		out, sortAt = append(out, t), append(sortAt, at)
	}
	if err := rows.Err(); err != nil {
		return nil, InboxCursor{}, fmt.Errorf("inbox: %w", err)
	}
	var next InboxCursor
	if len(out) > q.Limit {
		out = out[:q.Limit]
		next = InboxCursor{At: sortAt[q.Limit-1], ID: out[q.Limit-1].ID}
	}
	ptrs := make([]*Ticket, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, next, s.fillRows(ctx, ptrs)
}

// withExtra scans a row of ticketColumns followed by one more column.
type withExtra struct {
	row   interface{ Scan(...any) error }
	extra any
}

func (w withExtra) Scan(dest ...any) error { return w.row.Scan(append(dest, w.extra)...) }

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
	Snoozed    int            `json:"snoozed"`
	Status     map[Status]int `json:"status"`
}

// InboxCounts counts the views for v. Mentions is the caller's to fill.
func (s *Store) InboxCounts(ctx context.Context, v Viewer) (InboxCounts, error) {
	t, err := s.InboxTally(ctx)
	if err != nil {
		return InboxCounts{}, err
	}
	return t.For(v), nil
}

// InboxTally counts every ticket by status, team and assignee. Each agent's
// counts follow from it without another query (For), so a node recounts
// once per change for all its open inboxes, not once per agent.
type InboxTally struct {
	groups []tallyGroup
}

type tallyGroup struct {
	status         Status
	team, assignee int64 // 0: none
	snoozed        bool
	n, waiting     int
}

// InboxTally reads the tally in one grouped pass over the tickets.
func (s *Store) InboxTally(ctx context.Context) (InboxTally, error) {
	rows, err := s.db.Query(ctx, `SELECT t.status, COALESCE(t.team_id, 0), COALESCE(t.assignee_id, 0), t.snoozed, COUNT(*),
		SUM(CASE WHEN `+waitingOnAgent+` THEN 1 ELSE 0 END)
		FROM tickets t GROUP BY t.status, t.team_id, t.assignee_id, t.snoozed`)
	if err != nil {
		return InboxTally{}, fmt.Errorf("inbox tally: %w", err)
	}
	defer rows.Close()
	var out InboxTally
	for rows.Next() {
		var g tallyGroup
		var snoozed int
		if err := rows.Scan(&g.status, &g.team, &g.assignee, &snoozed, &g.n, &g.waiting); err != nil {
			return InboxTally{}, fmt.Errorf("inbox tally: %w", err)
		}
		g.snoozed = snoozed != 0
		out.groups = append(out.groups, g)
	}
	if err := rows.Err(); err != nil {
		return InboxTally{}, fmt.Errorf("inbox tally: %w", err)
	}
	return out, nil
}

// For is v's counts: only the tickets v may see (as Store.List decides),
// and in Mine, Unassigned and My teams only those still being worked on.
func (t InboxTally) For(v Viewer) InboxCounts {
	out := InboxCounts{Status: map[Status]int{}}
	for _, g := range t.groups {
		inTeam := g.team != 0 && slices.Contains(v.Teams, g.team)
		if !v.AllTeams && g.team != 0 && !inTeam && g.assignee != v.AgentID {
			continue
		}
		out.Status[g.status] += g.n
		out.All += g.n
		if g.snoozed {
			out.Snoozed += g.n
			continue // out of the working views until it wakes
		}
		out.Waiting += g.waiting
		if !slices.Contains(activeStatuses, g.status) {
			continue
		}
		if g.assignee != 0 && g.assignee == v.AgentID {
			out.Mine += g.n
		}
		if g.assignee == 0 {
			out.Unassigned += g.n
		}
		if inTeam {
			out.Teams += g.n
		}
	}
	return out
}
