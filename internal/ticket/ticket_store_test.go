package ticket

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// everyone sees every ticket and note. Its AgentID is 0: use it only where
// the store does not record who acted (Escalate does).
var everyone = Viewer{AllTeams: true, Notes: true, CanAssign: true}

// env is a ticket Store on a fresh database with the real audit log.
type env struct {
	ctx context.Context
	db  *store.DB
	s   *Store
}

func newEnv(db *store.DB) env {
	return newEnvWith(db, passThrough{}, clearText{})
}

// newEnvWith builds the store with the given screen and sealer.
func newEnvWith(db *store.DB, sc Screen, sl Sealer) env {
	s, err := NewStore(db, audit.New(db), sc, sl)
	if err != nil {
		panic(err)
	}
	return env{ctx: context.Background(), db: db, s: s}
}

// write adds a public message to tk by author: the customer through the
// intake, an agent through AddMessage, a bot or Groundcrew itself (which no
// API may name) through the store's inner door.
func (e env) write(t *testing.T, tk Ticket, author AuthorKind, body string) (Message, error) {
	t.Helper()
	switch author {
	case "customer":
		return e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, body)
	case "agent":
		agent := e.agent(t, fmt.Sprintf("writer-%d@example.com", tk.ID), true)
		return e.s.AddMessage(e.ctx, Viewer{AgentID: agent, AllTeams: true}, tk.ID, NewMessage{Body: body})
	}
	return e.s.add(e.ctx, everyone.gate(), tk.ID, NewMessage{Body: body, Author: author}, false)
}

// customerOf names tk's customer for AppendAsCustomer.
func customerOf(tk Ticket) CustomerRef { return CustomerRef{ID: tk.Customer.ID} }

func (e env) insert(t *testing.T, query string, args ...any) int64 {
	t.Helper()
	var id int64
	err := e.db.Tx(e.ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		id, err = tx.InsertID(ctx, query, args...)
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return id
}

func (e env) team(t *testing.T, name string) int64 {
	t.Helper()
	return e.insert(t, `INSERT INTO teams (name, created_at) VALUES (?, ?)`, name, store.Now())
}

func (e env) agent(t *testing.T, email string, active bool) int64 {
	t.Helper()
	a := 0
	if active {
		a = 1
	}
	return e.insert(t, `INSERT INTO agents (email, name, role, active, created_at, updated_at) VALUES (?, ?, 'tier1', ?, ?, ?)`,
		email, email, a, store.Now(), store.Now())
}

// ticketIn is a valid NewTicket changed by mods.
func ticketIn(mods ...func(*NewTicket)) NewTicket {
	in := NewTicket{
		Subject:  "Deposit not credited",
		Message:  "I sent 0.1 BTC two hours ago and it is not in my account.",
		Channel:  "email",
		Customer: NewCustomer{ExternalID: "u-1", Email: "ana@example.com", Name: "Ana"},
	}
	for _, m := range mods {
		m(&in)
	}
	return in
}

func withTeam(id int64) func(*NewTicket)          { return func(in *NewTicket) { in.TeamID = &id } }
func withPriority(p Priority) func(*NewTicket)    { return func(in *NewTicket) { in.Priority = p } }
func withTags(tags ...string) func(*NewTicket)    { return func(in *NewTicket) { in.Tags = tags } }
func withCustomer(c NewCustomer) func(*NewTicket) { return func(in *NewTicket) { in.Customer = c } }

func (e env) create(t *testing.T, mods ...func(*NewTicket)) Ticket {
	t.Helper()
	tk, err := e.s.CreateForCustomer(e.ctx, ticketIn(mods...))
	if err != nil {
		t.Fatalf("CreateForCustomer: %v", err)
	}
	return tk
}

func (e env) update(t *testing.T, id int64, u Update) Ticket {
	t.Helper()
	tk, err := e.s.UpdateTicket(e.ctx, everyone, id, u)
	if err != nil {
		t.Fatalf("UpdateTicket %d: %v", id, err)
	}
	return tk
}

func (e env) get(t *testing.T, v Viewer, id int64) Ticket {
	t.Helper()
	tk, err := e.s.Get(e.ctx, v, id)
	if err != nil {
		t.Fatalf("Get %d: %v", id, err)
	}
	return tk
}

type event struct {
	Type string
	Data map[string]any
}

// events reads the outbox in order.
func (e env) events(t *testing.T) []event {
	t.Helper()
	rows, err := e.db.Query(e.ctx, `SELECT type, data FROM outbox ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []event
	for rows.Next() {
		var ev event
		var data string
		if err := rows.Scan(&ev.Type, &data); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(data), &ev.Data); err != nil {
			t.Fatalf("event %s data %s: %v", ev.Type, data, err)
		}
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// eventsOf returns the events of one type about one ticket.
func (e env) eventsOf(t *testing.T, typ string, ticketID int64) []event {
	t.Helper()
	var out []event
	for _, ev := range e.events(t) {
		if ev.Type == typ && ev.Data["ticket_id"] == float64(ticketID) {
			out = append(out, ev)
		}
	}
	return out
}

func (e env) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := e.db.QueryRow(e.ctx, query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func wantKind(t *testing.T, err error, kind errs.Kind, field string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Kind != kind || (field != "" && e.Field != field) {
		t.Fatalf("error = %v, want kind %v field %q", err, kind, field)
	}
}

func ptr[T any](v T) *T { return &v }

func ids(ts []Ticket) []int64 {
	out := make([]int64, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

func TestCreateUpsertsCustomer(t *testing.T) {
	cases := []struct {
		name          string
		first, second NewCustomer
		same          bool
		want          Customer // after the second ticket; ID ignored
	}{
		{
			name:   "same external_id keeps the stored name and e-mail",
			first:  NewCustomer{ExternalID: "u-1", Email: "ana@example.com", Name: "Ana"},
			second: NewCustomer{ExternalID: "u-1", Email: "attacker@example.net", Name: "Ana Maria"},
			same:   true,
			want:   Customer{ExternalID: "u-1", Email: "ana@example.com", Name: "Ana"},
		},
		{
			name:   "same external_id fills only what was missing",
			first:  NewCustomer{ExternalID: "u-1", Name: "Ana"},
			second: NewCustomer{ExternalID: "u-1", Email: "ana.new@example.com", Name: "Other", Language: "pt"},
			same:   true,
			want:   Customer{ExternalID: "u-1", Email: "ana.new@example.com", Name: "Ana", Language: "pt"},
		},
		{
			name:   "email only, matched case-insensitively",
			first:  NewCustomer{Email: "bo@example.com", Name: "Bo"},
			second: NewCustomer{Email: " BO@Example.com ", Name: "Bo Chen"},
			same:   true,
			want:   Customer{Email: "bo@example.com", Name: "Bo"},
		},
		{
			name:   "other external_id with the same email is another customer",
			first:  NewCustomer{ExternalID: "u-1", Email: "cy@example.com", Name: "Cy"},
			second: NewCustomer{ExternalID: "u-2", Email: "cy@example.com", Name: "Cy Two"},
			want:   Customer{ExternalID: "u-2", Email: "cy@example.com", Name: "Cy Two"},
		},
		{
			name:   "email only does not match a customer with an external_id",
			first:  NewCustomer{ExternalID: "u-1", Email: "di@example.com", Name: "Di"},
			second: NewCustomer{Email: "di@example.com", Name: "Di Guest"},
			want:   Customer{Email: "di@example.com", Name: "Di Guest"},
		},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				e := newEnv(storetest.Open(t, db.Dialect))
				first := e.create(t, withCustomer(c.first))
				second := e.create(t, withCustomer(c.second))
				if got := first.Customer.ID == second.Customer.ID; got != c.same {
					t.Errorf("same customer = %v, want %v", got, c.same)
				}
				if diff := cmp.Diff(c.want, second.Customer, cmpopts.IgnoreFields(Customer{}, "ID")); diff != "" {
					t.Errorf("customer (-want +got):\n%s", diff)
				}
				wantRows := 2
				if c.same {
					wantRows = 1
				}
				if n := e.count(t, `SELECT COUNT(*) FROM customers`); n != wantRows {
					t.Errorf("%d customers, want %d", n, wantRows)
				}
				// The first ticket shows the customer as they are now.
				if got := e.get(t, everyone, first.ID).Customer; c.same && got != second.Customer {
					t.Errorf("first ticket's customer = %+v, want %+v", got, second.Customer)
				}
			})
		}
	})
}

func TestAddMessageReopens(t *testing.T) {
	cases := []struct {
		from   Status
		author AuthorKind
		want   Status
	}{
		{StatusPendingCustomer, "customer", StatusOpen},
		{StatusSolved, "customer", StatusOpen},
		{StatusNew, "customer", StatusNew},
		{StatusOpen, "customer", StatusOpen},
		{StatusOnHold, "customer", StatusOnHold},
		{StatusPendingCustomer, "agent", StatusPendingCustomer},
		{StatusSolved, "bot", StatusSolved},
		{StatusSolved, "system", StatusSolved},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s by %s", c.from, c.author), func(t *testing.T) {
				tk := e.create(t)
				if c.from != StatusNew {
					e.update(t, tk.ID, Update{Status: ptr(c.from)})
				}
				before := len(e.eventsOf(t, "ticket.status_changed", tk.ID))
				m, err := e.write(t, tk, c.author, "any news?")
				if err != nil {
					t.Fatal(err)
				}
				if m.Internal || m.AuthorKind != c.author {
					t.Errorf("message = %+v", m)
				}
				got := e.get(t, everyone, tk.ID)
				if got.Status != c.want || got.MessageCount != 2 {
					t.Errorf("status %s, %d messages; want %s, 2", got.Status, got.MessageCount, c.want)
				}
				changed := e.eventsOf(t, "ticket.status_changed", tk.ID)[before:]
				if c.want == c.from {
					if len(changed) != 0 {
						t.Errorf("status_changed events %v, want none", changed)
					}
				} else if len(changed) != 1 || changed[0].Data["from"] != string(c.from) || changed[0].Data["to"] != string(c.want) {
					t.Errorf("status_changed events %v, want one from %s to %s", changed, c.from, c.want)
				}
			})
		}
	})
}

func TestClosedTicketTakesNotesOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		agent := e.agent(t, "ana@example.com", true)
		tk := e.create(t)
		e.update(t, tk.ID, Update{Status: ptr(StatusClosed)})

		cases := []struct {
			name   string
			author AuthorKind
			note   bool
			want   errs.Kind
		}{
			{"customer message", "customer", false, errs.Conflict},
			{"agent message", "agent", false, errs.Conflict},
			{"note", "agent", true, -1},
		}
		for _, c := range cases {
			in := NewMessage{Body: "after closing: " + c.name}
			v := Viewer{AgentID: agent, AllTeams: true, Notes: true}
			var err error
			switch {
			case c.note:
				_, err = e.s.AddNote(e.ctx, v, tk.ID, in)
			case c.author == "customer":
				_, err = e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, in.Body)
			default:
				_, err = e.s.AddMessage(e.ctx, v, tk.ID, in)
			}
			if c.want == -1 {
				if err != nil {
					t.Errorf("%s: %v", c.name, err)
				}
			} else if !errs.Is(err, c.want) {
				t.Errorf("%s: error = %v, want %v", c.name, err, c.want)
			}
		}
		if got := e.get(t, everyone, tk.ID).Status; got != StatusClosed {
			t.Errorf("status = %s, want closed", got)
		}

		views := []struct {
			name     string
			v        Viewer
			internal []bool
		}{
			{"with notes", Viewer{AllTeams: true, Notes: true}, []bool{false, true}},
			{"without notes", Viewer{AllTeams: true, Notes: false}, []bool{false}},
		}
		for _, vc := range views {
			var got []bool
			for _, m := range e.get(t, vc.v, tk.ID).Messages {
				got = append(got, m.Internal)
			}
			if diff := cmp.Diff(vc.internal, got); diff != "" {
				t.Errorf("%s: messages' internal flags (-want +got):\n%s", vc.name, diff)
			}
		}
	})
}

func TestListFiltersAndVisibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		teamA, teamB := e.team(t, "Spot EN"), e.team(t, "KYC EN")
		a1, a2 := e.agent(t, "a1@example.com", true), e.agent(t, "a2@example.com", true)

		t1 := e.create(t, withTeam(teamA), withPriority("high"), withTags("vip"))
		t2 := e.create(t, withTeam(teamB), withTags("kyc"))
		t3 := e.create(t, withPriority("urgent"), withTags("VIP", "kyc")) // unrouted
		t4 := e.create(t, withTeam(teamB))
		e.update(t, t4.ID, Update{AssigneeID: &a1, Status: ptr(StatusOpen)})
		t5 := e.create(t, withTeam(teamA), withCustomer(NewCustomer{ExternalID: "u-5"}))
		e.update(t, t5.ID, Update{AssigneeID: &a2, Status: ptr(StatusPendingCustomer)})
		t6 := e.create(t, withTeam(teamB))
		e.update(t, t6.ID, Update{AssigneeID: &a2})
		all := []int64{t6.ID, t5.ID, t4.ID, t3.ID, t2.ID, t1.ID}

		cases := []struct {
			name string
			v    Viewer
			f    Filter
			want []int64
		}{
			{"everything", everyone, Filter{}, all},
			{"status open", everyone, Filter{Status: StatusOpen}, []int64{t4.ID}},
			{"status new", everyone, Filter{Status: StatusNew}, []int64{t6.ID, t3.ID, t2.ID, t1.ID}},
			{"status closed", everyone, Filter{Status: StatusClosed}, []int64{}},
			{"priority high", everyone, Filter{Priority: "high"}, []int64{t1.ID}},
			{"priority normal", everyone, Filter{Priority: "normal"}, []int64{t6.ID, t5.ID, t4.ID, t2.ID}},
			{"tag vip", everyone, Filter{Tag: "vip"}, []int64{t3.ID, t1.ID}},
			{"tag in upper case", everyone, Filter{Tag: "KYC"}, []int64{t3.ID, t2.ID}},
			{"unused tag", everyone, Filter{Tag: "card"}, []int64{}},
			{"team A", everyone, Filter{TeamID: teamA}, []int64{t5.ID, t1.ID}},
			{"team B", everyone, Filter{TeamID: teamB}, []int64{t6.ID, t4.ID, t2.ID}},
			{"assignee a1", everyone, Filter{AssigneeID: a1}, []int64{t4.ID}},
			{"assignee a2", everyone, Filter{AssigneeID: a2}, []int64{t6.ID, t5.ID}},
			{"team B and assignee a2", everyone, Filter{TeamID: teamB, AssigneeID: a2}, []int64{t6.ID}},
			{"customer", everyone, Filter{CustomerID: t5.Customer.ID}, []int64{t5.ID}},
			// Visibility: own teams, unrouted tickets, and tickets assigned to oneself.
			{"a1 in team A", Viewer{AgentID: a1, Teams: []int64{teamA}}, Filter{}, []int64{t5.ID, t4.ID, t3.ID, t1.ID}},
			{"a1 in team A, team B filter", Viewer{AgentID: a1, Teams: []int64{teamA}}, Filter{TeamID: teamB}, []int64{t4.ID}},
			{"a2 in no team", Viewer{AgentID: a2}, Filter{}, []int64{t6.ID, t5.ID, t3.ID}},
			{"a1 in teams A and B", Viewer{AgentID: a1, Teams: []int64{teamA, teamB}}, Filter{}, all},
			{"nobody in team B", Viewer{AgentID: 9999, Teams: []int64{teamB}}, Filter{}, []int64{t6.ID, t4.ID, t3.ID, t2.ID}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got, next, err := e.s.List(e.ctx, c.v, c.f, web.Page{Limit: 50})
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(c.want, ids(got)); diff != "" {
					t.Errorf("ids (-want +got):\n%s", diff)
				}
				if next != 0 {
					t.Errorf("next = %d, want 0", next)
				}
				if c.f != (Filter{}) {
					return
				}
				// Get agrees with List about what the viewer may see.
				for _, id := range all {
					_, err := e.s.Get(e.ctx, c.v, id)
					if visible := slices.Contains(c.want, id); visible != (err == nil) || (!visible && !errs.Is(err, errs.Forbidden)) {
						t.Errorf("Get(%d) = %v, but List shows it: %v", id, err, visible)
					}
				}
			})
		}

		// A viewer who cannot see a ticket cannot write to it either.
		_, err := e.s.AddNote(e.ctx, Viewer{AgentID: a2, Notes: true}, t2.ID, NewMessage{Body: "peek"})
		wantKind(t, err, errs.Forbidden, "")

		for _, f := range []Filter{{Status: "bogus"}, {Priority: "critical"}} {
			_, _, err := e.s.List(e.ctx, everyone, f, web.Page{Limit: 50})
			wantKind(t, err, errs.Invalid, "")
		}
	})
}

func TestListPagination(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		var want []int64
		for i := range 7 {
			tk := e.create(t, withCustomer(NewCustomer{ExternalID: fmt.Sprintf("u-%d", i)}))
			want = append([]int64{tk.ID}, want...)
		}

		var got []int64
		var sizes []int
		page := web.Page{Limit: 3}
		for range 10 {
			ts, next, err := e.s.List(e.ctx, everyone, Filter{}, page)
			if err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, len(ts))
			got = append(got, ids(ts)...)
			if next == 0 {
				break
			}
			if next != ts[len(ts)-1].ID {
				t.Errorf("next = %d, want the last id on the page, %d", next, ts[len(ts)-1].ID)
			}
			page.Cursor = next
		}
		if diff := cmp.Diff([]int{3, 3, 1}, sizes); diff != "" {
			t.Errorf("page sizes (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ids over all pages (-want +got):\n%s", diff)
		}

		// A zero Page lists from the start instead of failing.
		ts, next, err := e.s.List(e.ctx, everyone, Filter{}, web.Page{})
		if err != nil || next != 0 || len(ts) != 7 {
			t.Errorf("List(zero page) = %d tickets, next %d, %v; want 7, 0, nil", len(ts), next, err)
		}
	})
}

func TestUpdateTicketEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		team := e.team(t, "Spot EN")
		agent := e.agent(t, "ana@example.com", true)
		cases := []struct {
			name string
			u    Update
			want []string // changed fields; nil means no event
		}{
			{"priority", Update{Priority: ptr(Priority("urgent"))}, []string{"priority"}},
			{"subject and tags", Update{Subject: ptr(" Card blocked "), Tags: &[]string{"Card", "vip"}}, []string{"subject", "tags"}},
			{"route and assign", Update{TeamID: &team, AssigneeID: &agent}, []string{"assignee_id", "team_id"}},
			{"status and language", Update{Status: ptr(StatusOnHold), Language: ptr("uk")}, []string{"language", "status"}},
			{"product area and custom fields", Update{ProductArea: ptr("card"), CustomFields: &map[string]string{"order": "42"}}, []string{"custom_fields", "product_area"}},
			{"nothing", Update{}, nil},
			{"same values", Update{
				Subject: ptr("Deposit not credited"), Status: ptr(StatusNew), Priority: ptr(Priority("normal")),
				ProductArea: ptr("other"), Language: ptr("en"), TeamID: ptr(int64(0)), AssigneeID: ptr(int64(0)),
				Tags: &[]string{"VIP", "kyc", "vip"}, CustomFields: &map[string]string{},
			}, nil},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				tk := e.create(t, withTags("vip", "kyc"))
				v := Viewer{AgentID: agent, AllTeams: true}
				if _, err := e.s.UpdateTicket(e.ctx, v, tk.ID, c.u); err != nil {
					t.Fatal(err)
				}
				evs := e.eventsOf(t, "ticket.updated", tk.ID)
				if c.want == nil {
					if len(evs) != 0 {
						t.Fatalf("events %v, want none", evs)
					}
					return
				}
				if len(evs) != 1 {
					t.Fatalf("%d ticket.updated events, want 1: %v", len(evs), evs)
				}
				changes, _ := evs[0].Data["changes"].(map[string]any)
				var got []string
				for k := range changes {
					got = append(got, k)
				}
				slices.Sort(got)
				if diff := cmp.Diff(c.want, got); diff != "" {
					t.Errorf("changed fields (-want +got):\n%s", diff)
				}
				if evs[0].Data["agent_id"] != float64(agent) {
					t.Errorf("event agent_id = %v, want %d", evs[0].Data["agent_id"], agent)
				}
			})
		}

		// One exact event body.
		tk := e.create(t)
		e.update(t, tk.ID, Update{Priority: ptr(Priority("high"))})
		evs := e.eventsOf(t, "ticket.updated", tk.ID)
		want := map[string]any{"ticket_id": float64(tk.ID), "agent_id": float64(0),
			"changes": map[string]any{"priority": map[string]any{"from": "normal", "to": "high"}}}
		if len(evs) != 1 {
			t.Fatalf("events %v", evs)
		}
		if diff := cmp.Diff(want, evs[0].Data); diff != "" {
			t.Errorf("event data (-want +got):\n%s", diff)
		}
	})
}

func TestUpdateTicketRefusesBadAssignment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		gone := e.agent(t, "gone@example.com", false)
		cases := []struct {
			name  string
			u     Update
			field string
		}{
			{"deactivated agent", Update{AssigneeID: &gone}, "assignee_id"},
			{"nonexistent agent", Update{AssigneeID: ptr(int64(9999))}, "assignee_id"},
			{"nonexistent agent with another change", Update{Priority: ptr(Priority("urgent")), AssigneeID: ptr(int64(9999))}, "assignee_id"},
			{"nonexistent team", Update{Subject: ptr("New subject"), TeamID: ptr(int64(9999))}, "team_id"},
			{"bad status", Update{Status: ptr(Status("done"))}, "status"},
			{"bad tag", Update{Tags: &[]string{"two words"}}, "tags"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				tk := e.create(t)
				_, err := e.s.UpdateTicket(e.ctx, everyone, tk.ID, c.u)
				wantKind(t, err, errs.Invalid, c.field)
				after := e.get(t, everyone, tk.ID)
				if diff := cmp.Diff(tk, after, cmpopts.IgnoreFields(Ticket{}, "Messages", "Escalations")); diff != "" {
					t.Errorf("a refused update changed the ticket (-before +after):\n%s", diff)
				}
				if evs := e.eventsOf(t, "ticket.updated", tk.ID); len(evs) != 0 {
					t.Errorf("a refused update emitted %v", evs)
				}
			})
		}
		_, err := e.s.UpdateTicket(e.ctx, everyone, 9999, Update{Subject: ptr("x")})
		wantKind(t, err, errs.NotFound, "")
	})
}

func TestEscalate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		teamA, teamB := e.team(t, "Spot EN"), e.team(t, "KYC EN")
		agent := e.agent(t, "ana@example.com", true)
		v := Viewer{AgentID: agent, Teams: []int64{teamA}}
		tk := e.create(t, withTeam(teamA))
		e.update(t, tk.ID, Update{AssigneeID: &agent})
		hidden := e.create(t, withTeam(teamB))

		steps := []struct {
			name     string
			id       int64
			in       NewEscalation
			want     errs.Kind
			wantTier int
		}{
			{"to tier 2", tk.ID, NewEscalation{ToTier: 2, Reason: " needs a specialist "}, -1, 2},
			{"same tier", tk.ID, NewEscalation{ToTier: 2, Reason: "again"}, errs.Invalid, 2},
			{"no such tier", tk.ID, NewEscalation{ToTier: 4, Reason: "up"}, errs.Invalid, 2},
			{"no reason", tk.ID, NewEscalation{ToTier: 3, Reason: "  "}, errs.Invalid, 2},
			{"to tier 3", tk.ID, NewEscalation{ToTier: 3, Reason: "fraud suspected"}, -1, 3},
			{"back to tier 1", tk.ID, NewEscalation{ToTier: 1, Reason: "resolved by security"}, -1, 1},
			{"another team's ticket", hidden.ID, NewEscalation{ToTier: 2, Reason: "x"}, errs.Forbidden, 1},
			{"no such ticket", 9999, NewEscalation{ToTier: 2, Reason: "x"}, errs.NotFound, 1},
		}
		for _, s := range steps {
			esc, err := e.s.Escalate(e.ctx, v, s.id, s.in)
			if s.want == -1 {
				if err != nil {
					t.Fatalf("%s: %v", s.name, err)
				}
				if esc.ToTier != s.in.ToTier || esc.AgentID == nil || *esc.AgentID != agent || esc.ID == 0 {
					t.Errorf("%s: escalation = %+v", s.name, esc)
				}
			} else if !errs.Is(err, s.want) {
				t.Fatalf("%s: error = %v, want %v", s.name, err, s.want)
			}
			if got := e.get(t, everyone, tk.ID).Tier; got != s.wantTier {
				t.Errorf("%s: tier = %d, want %d", s.name, got, s.wantTier)
			}
		}

		got := e.get(t, everyone, tk.ID)
		if got.AssigneeID != nil {
			t.Errorf("assignee after escalation = %d, want none", *got.AssigneeID)
		}
		type hop struct {
			From, To int
			Reason   string
			Agent    int64
		}
		var hops []hop
		for _, es := range got.Escalations {
			hops = append(hops, hop{es.FromTier, es.ToTier, es.Reason, *es.AgentID})
		}
		wantHops := []hop{{1, 2, "needs a specialist", agent}, {2, 3, "fraud suspected", agent}, {3, 1, "resolved by security", agent}}
		if diff := cmp.Diff(wantHops, hops); diff != "" {
			t.Errorf("escalation history (-want +got):\n%s", diff)
		}
		if n := len(e.eventsOf(t, "ticket.escalated", tk.ID)); n != 3 {
			t.Errorf("%d ticket.escalated events, want 3", n)
		}
		if n := len(e.eventsOf(t, "ticket.escalated", hidden.ID)); n != 0 {
			t.Errorf("%d ticket.escalated events for the refused ticket", n)
		}
	})
}

func TestStateChangesEmitEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		agent := e.agent(t, "ana@example.com", true)
		v := Viewer{AgentID: agent, AllTeams: true, Notes: true}

		tk := e.create(t)
		// A refused create rolls back its customer and emits nothing.
		if _, err := e.s.CreateForCustomer(e.ctx, ticketIn(withCustomer(NewCustomer{ExternalID: "u-2"}), withTeam(9999))); !errs.Is(err, errs.Invalid) {
			t.Fatalf("Create(unknown team) = %v, want invalid", err)
		}
		steps := []struct {
			name string
			do   func() error
			want errs.Kind
		}{
			{"agent reply", func() error {
				_, err := e.s.AddMessage(e.ctx, v, tk.ID, NewMessage{Body: "Checking."})
				return err
			}, -1},
			{"note", func() error {
				_, err := e.s.AddNote(e.ctx, v, tk.ID, NewMessage{Body: "Looks like a stuck node."})
				return err
			}, -1},
			{"wait for customer", func() error {
				_, err := e.s.UpdateTicket(e.ctx, v, tk.ID, Update{Status: ptr(StatusPendingCustomer)})
				return err
			}, -1},
			{"customer reply reopens", func() error {
				_, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, "Still missing.")
				return err
			}, -1},
			{"escalate", func() error {
				_, err := e.s.Escalate(e.ctx, v, tk.ID, NewEscalation{ToTier: 2, Reason: "chain issue"})
				return err
			}, -1},
			{"close", func() error {
				_, err := e.s.UpdateTicket(e.ctx, v, tk.ID, Update{Status: ptr(StatusClosed)})
				return err
			}, -1},
			{"close again", func() error {
				_, err := e.s.UpdateTicket(e.ctx, v, tk.ID, Update{Status: ptr(StatusClosed)})
				return err
			}, -1},
			{"reply to closed", func() error {
				_, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, "Hello?")
				return err
			}, errs.Conflict},
			{"empty message", func() error {
				_, err := e.s.AddMessage(e.ctx, v, tk.ID, NewMessage{Body: " "})
				return err
			}, errs.Invalid},
		}
		for _, s := range steps {
			err := s.do()
			if (s.want == -1) != (err == nil) || (err != nil && !errs.Is(err, s.want)) {
				t.Fatalf("%s: error = %v, want kind %v", s.name, err, s.want)
			}
		}

		counts := map[string]int{}
		for _, ev := range e.events(t) {
			counts[ev.Type]++
			if ev.Data["ticket_id"] != float64(tk.ID) {
				t.Errorf("event %s is about ticket %v, want %d", ev.Type, ev.Data["ticket_id"], tk.ID)
			}
		}
		want := map[string]int{
			"ticket.created":        1,
			"message.created":       3, // the first message, the agent's and the customer's reply
			"note.created":          1,
			"ticket.updated":        2,
			"ticket.status_changed": 3, // the customer's reply reopens; two status updates
			"ticket.escalated":      1,
		}
		if diff := cmp.Diff(want, counts); diff != "" {
			t.Errorf("outbox events by type (-want +got):\n%s", diff)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM customers`); n != 1 {
			t.Errorf("%d customers, want 1: the refused create left its customer behind", n)
		}
		got := e.get(t, everyone, tk.ID)
		if n := e.count(t, `SELECT COUNT(*) FROM messages WHERE ticket_id = ?`, tk.ID); got.MessageCount != n || n != 4 {
			t.Errorf("message_count = %d, messages stored = %d, want 4", got.MessageCount, n)
		}
	})
}

// TestEscalationTextsKeepNoSecret: an agent who quotes the customer's
// secret in an escalation's reason or hand-off summary does not store it:
// both are cut like a note, before the row, the ticket page, and the
// ticket.escalated event (which webhooks carry out) see them.
func TestEscalationTextsKeepNoSecret(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, secretScreen{}, clearText{})
		agent := e.agent(t, "ana@example.com", true)
		v := Viewer{AgentID: agent, AllTeams: true}
		tk := e.create(t)
		esc, err := e.s.EscalateWithSummary(e.ctx, v, tk.ID, SpecialistEscalation{ToTier: 3, Specialist: "security",
			Reason: "customer pasted SEED-WORDS", Summary: "They wrote SEED-WORDS to a fake agent; funds still there."})
		if err != nil {
			t.Fatal(err)
		}
		hs, err := e.s.HandOffs(e.ctx, tk.ID)
		if err != nil || len(hs) != 1 {
			t.Fatalf("hand-offs %+v, %v", hs, err)
		}
		event := storetest.Scalar[string](t, db, `SELECT data FROM outbox WHERE type = ? ORDER BY id DESC LIMIT 1`, TicketEscalated.Type())
		for name, text := range map[string]string{"returned reason": esc.Reason, "stored reason": hs[0].Reason, "summary": hs[0].Summary, "event": event} {
			if strings.Contains(text, "SEED-WORDS") || !strings.Contains(text, "[removed]") && name != "event" {
				t.Errorf("%s: %q, want the secret cut", name, text)
			}
		}
	})
}
