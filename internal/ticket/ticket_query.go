package ticket

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
)

const ticketColumns = `t.id, t.subject, t.channel, t.status, t.priority, t.product_area, t.language, t.tier, t.team_id, t.assignee_id,
	t.custom_fields, t.message_count, t.created_at, t.updated_at, t.last_message_at, t.merged_into,
	c.id, c.external_id, c.email, c.name, c.language, ` + dueColumns + `, ` + snoozeColumns

func scanTicket(row interface{ Scan(...any) error }) (Ticket, error) {
	var t Ticket
	var teamID, assigneeID, merged sql.NullInt64
	var fields string
	var created, updated, last int64
	var due dueScan
	var snooze snoozeScan
	dest := []any{&t.ID, &t.Subject, &t.Channel, &t.Status, &t.Priority, &t.ProductArea, &t.Language, &t.Tier, &teamID, &assigneeID,
		&fields, &t.MessageCount, &created, &updated, &last, &merged,
		&t.Customer.ID, &t.Customer.ExternalID, &t.Customer.Email, &t.Customer.Name, &t.Customer.Language}
	dest = append(append(dest, due.dest()...), snooze.dest()...)
	if err := row.Scan(dest...); err != nil {
		return t, err
	}
	t.SLA, t.Snooze = due.info(), snooze.info()
	if teamID.Valid {
		t.TeamID = &teamID.Int64
	}
	if assigneeID.Valid {
		t.AssigneeID = &assigneeID.Int64
	}
	if merged.Valid {
		t.MergedInto = &merged.Int64
	}
	t.CustomFields = map[string]string{}
	_ = json.Unmarshal([]byte(fields), &t.CustomFields)
	t.CreatedAt, t.UpdatedAt, t.LastMessageAt = store.Time(created), store.Time(updated), store.Time(last)
	t.Tags = []string{}
	return t, nil
}

// load reads one ticket with its tags, without checking who asks.
func (s *Store) load(ctx context.Context, id int64) (Ticket, error) {
	t, err := scanTicket(s.db.QueryRow(ctx, `SELECT `+ticketColumns+` FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Ticket{}, errs.E(errs.NotFound, "no ticket %d", id)
	}
	if err != nil {
		return Ticket{}, fmt.Errorf("load ticket %d: %w", id, err)
	}
	if err := s.fillRows(ctx, []*Ticket{&t}); err != nil {
		return Ticket{}, err
	}
	return t, nil
}

// Viewer is who is reading tickets, as far as visibility goes.
type Viewer struct {
	AgentID   int64
	AllTeams  bool    // may see every team's tickets
	Teams     []int64 // otherwise: these teams' tickets, unrouted ones, and their own
	Notes     bool    // may read internal notes
	CanAssign bool    // may assign tickets to others
	// AsCustomer: may write as a ticket's customer (channel integrations,
	// message.write_as_customer); a ticket such a caller opens starts with
	// the customer's message, anyone else's with their own.
	AsCustomer bool
}

// CanSee reports whether v may see t.
func (v Viewer) CanSee(t Ticket) bool {
	if v.AllTeams || t.TeamID == nil || (t.AssigneeID != nil && *t.AssigneeID == v.AgentID) {
		return true
	}
	for _, team := range v.Teams {
		if team == *t.TeamID {
			return true
		}
	}
	return false
}

// visible is the SQL condition (on the tickets table aliased t) that
// CanSee decides in Go, and its arguments; "" when v sees every ticket.
func (v Viewer) visible(t string) (string, []any) {
	if v.AllTeams {
		return "", nil
	}
	cond := "(" + t + ".team_id IS NULL OR " + t + ".assignee_id = ?"
	args := []any{v.AgentID}
	for _, team := range v.Teams {
		cond += " OR " + t + ".team_id = ?"
		args = append(args, team)
	}
	return cond + ")", args
}

// Get returns a ticket with its messages and escalations, if v may see it,
// and audits the view: a ticket shows a customer's personal data.
func (s *Store) Get(ctx context.Context, v Viewer, id int64) (Ticket, error) {
	t, err := s.Visible(ctx, v, id)
	if err != nil {
		return Ticket{}, err
	}
	if t.Messages, err = s.messages(ctx, id, v.Notes); err != nil {
		return Ticket{}, err
	}
	if t.Escalations, err = s.escalations(ctx, id); err != nil {
		return Ticket{}, err
	}
	if err := s.audit.Record(ctx, "ticket.viewed", "ticket", fmt.Sprint(id), map[string]any{"customer_id": t.Customer.ID}); err != nil {
		return Ticket{}, fmt.Errorf("get ticket %d: %w", id, err)
	}
	return t, nil
}

// MessagesAfter returns the messages (and notes, if v may read them) of a
// ticket v may see with ids above after, oldest first, at most limit: what
// a live view missed. It is not audited as a view; Get, which showed the
// ticket first, was.
func (s *Store) MessagesAfter(ctx context.Context, v Viewer, ticketID, after int64, limit int) ([]Message, error) {
	if _, err := s.Head(ctx, v, ticketID); err != nil {
		return nil, err
	}
	return s.messagesAfter(ctx, ticketID, v.Notes, after, limit)
}

func (s *Store) messages(ctx context.Context, ticketID int64, notes bool) ([]Message, error) {
	return s.messagesAfter(ctx, ticketID, notes, 0, 0)
}

// messagesAfter reads a ticket's messages with ids above after; limit 0
// reads them all.
func (s *Store) messagesAfter(ctx context.Context, ticketID int64, notes bool, after int64, limit int) ([]Message, error) {
	q := `SELECT id, author_kind, author_id, internal, body, created_at FROM messages WHERE ticket_id = ? AND id > ?`
	if !notes {
		q += ` AND internal = 0`
	}
	q += ` ORDER BY id`
	if limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(limit)
	}
	rows, err := s.db.Query(ctx, q, ticketID, after)
	if err != nil {
		return nil, fmt.Errorf("messages of ticket %d: %w", ticketID, err)
	}
	defer rows.Close()
	out := []Message{}
	for rows.Next() {
		m := Message{TicketID: ticketID}
		var author sql.NullInt64
		var internal int
		var created int64
		if err := rows.Scan(&m.ID, &m.AuthorKind, &author, &internal, &m.Body, &created); err != nil {
			return nil, fmt.Errorf("messages of ticket %d: %w", ticketID, err)
		}
		if m.Body, err = s.openBody(ticketID, m.ID, m.Body); err != nil {
			return nil, fmt.Errorf("messages of ticket %d: %w", ticketID, err)
		}
		if author.Valid {
			m.AuthorID = &author.Int64
		}
		m.Internal, m.CreatedAt = internal == 1, store.Time(created)
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *Store) escalations(ctx context.Context, ticketID int64) ([]Escalation, error) {
	rows, err := s.db.Query(ctx, `SELECT id, from_tier, to_tier, reason, agent_id, actor, created_at FROM escalations WHERE ticket_id = ? ORDER BY id`, ticketID)
	if err != nil {
		return nil, fmt.Errorf("escalations of ticket %d: %w", ticketID, err)
	}
	defer rows.Close()
	out := []Escalation{}
	for rows.Next() {
		var e Escalation
		var agent sql.NullInt64
		var created int64
		if err := rows.Scan(&e.ID, &e.FromTier, &e.ToTier, &e.Reason, &agent, &e.Actor, &created); err != nil {
			return nil, err
		}
		if agent.Valid {
			e.AgentID = &agent.Int64
		}
		e.CreatedAt = store.Time(created)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Filter narrows a ticket list. Zero fields do not filter.
type Filter struct {
	Status     Status
	Priority   Priority
	TeamID     int64
	AssigneeID int64
	CustomerID int64
	Tag        string
}

// List returns tickets v may see, newest first, and the next page's cursor.
func (s *Store) List(ctx context.Context, v Viewer, f Filter, page web.Page) ([]Ticket, int64, error) {
	if page.Limit < 1 {
		page.Limit = 50 // a zero Page would otherwise slice out[:0] and index out[-1]
	}
	var where []string
	var args []any
	add := func(cond string, arg any) { where = append(where, cond); args = append(args, arg) }
	if f.Status != "" {
		if err := oneOf("status", f.Status, Statuses); err != nil {
			return nil, 0, err
		}
		add("t.status = ?", string(f.Status))
	}
	if f.Priority != "" {
		if err := oneOf("priority", f.Priority, Priorities); err != nil {
			return nil, 0, err
		}
		add("t.priority = ?", string(f.Priority))
	}
	if f.TeamID != 0 {
		add("t.team_id = ?", f.TeamID)
	}
	if f.AssigneeID != 0 {
		add("t.assignee_id = ?", f.AssigneeID)
	}
	if f.CustomerID != 0 {
		add("t.customer_id = ?", f.CustomerID)
	}
	if f.Tag != "" {
		add("EXISTS (SELECT 1 FROM ticket_tags g WHERE g.ticket_id = t.id AND g.tag = ?)", strings.ToLower(f.Tag))
	}
	if page.Cursor > 0 {
		add("t.id < ?", page.Cursor)
	}
	if cond, condArgs := v.visible("t"); cond != "" {
		where = append(where, cond)
		args = append(args, condArgs...)
	}
	q := `SELECT ` + ticketColumns + ` FROM tickets t JOIN customers c ON c.id = t.customer_id`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	args = append(args, page.Limit+1)
	rows, err := s.db.Query(ctx, q+` ORDER BY t.id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list tickets: %w", err)
	}
	defer rows.Close()
	out := []Ticket{}
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list tickets: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list tickets: %w", err)
	}
	var next int64
	if len(out) > page.Limit {
		out = out[:page.Limit]
		next = out[len(out)-1].ID
	}
	ptrs := make([]*Ticket, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, next, s.fillRows(ctx, ptrs)
}

// fillRows completes tickets as read from rows: their SLA state as of now
// and their tags.
func (s *Store) fillRows(ctx context.Context, ts []*Ticket) error {
	now := s.db.Now()
	for _, t := range ts {
		t.SLA.settle(now)
	}
	return s.fillTags(ctx, ts)
}

func (s *Store) fillTags(ctx context.Context, ts []*Ticket) error {
	if len(ts) == 0 {
		return nil
	}
	byID := make(map[int64]*Ticket, len(ts))
	marks := make([]string, len(ts))
	args := make([]any, len(ts))
	for i, t := range ts {
		byID[t.ID] = t
		marks[i] = "?"
		args[i] = t.ID
	}
	rows, err := s.db.Query(ctx, `SELECT ticket_id, tag FROM ticket_tags WHERE ticket_id IN (`+strings.Join(marks, ",")+`) ORDER BY tag`, args...)
	if err != nil {
		return fmt.Errorf("ticket tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return fmt.Errorf("ticket tags: %w", err)
		}
		byID[id].Tags = append(byID[id].Tags, tag)
	}
	return rows.Err()
}

// TagCount is a tag and how many tickets carry it.
type TagCount struct {
	Tag     string `json:"tag"`
	Tickets int64  `json:"tickets"`
}

// Tags lists the tags in use, most used first.
func (s *Store) Tags(ctx context.Context) ([]TagCount, error) {
	rows, err := s.db.Query(ctx, `SELECT tag, COUNT(*) FROM ticket_tags GROUP BY tag ORDER BY COUNT(*) DESC, tag LIMIT 1000`)
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	defer rows.Close()
	out := []TagCount{}
	for rows.Next() {
		var tc TagCount
		if err := rows.Scan(&tc.Tag, &tc.Tickets); err != nil {
			return nil, fmt.Errorf("list tags: %w", err)
		}
		out = append(out, tc)
	}
	return out, rows.Err()
}
