package ticket

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// nextMilli waits for the stored clock (Unix milliseconds) to move on, so
// that what happens next is strictly later in the activity order.
func nextMilli() {
	for start := store.Now(); store.Now() == start; {
		time.Sleep(100 * time.Microsecond)
	}
}

func inboxIDs(t *testing.T, e env, v Viewer, q InboxQuery) []int64 {
	t.Helper()
	ts, _, err := e.s.Inbox(e.ctx, v, q)
	if err != nil {
		t.Fatalf("Inbox %+v: %v", q, err)
	}
	ids := []int64{}
	for _, tk := range ts {
		ids = append(ids, tk.ID)
	}
	return ids
}

// TestInboxViews: each view lists what its name says for the agent who
// looks, in order of latest activity, and the counts agree with the lists.
func TestInboxViews(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		teamA, teamB := e.team(t, "Deposits"), e.team(t, "Futures")
		me := e.agent(t, "me@example.com", true)
		v := Viewer{AgentID: me, Teams: []int64{teamA}, Notes: true}

		inA := e.create(t, withTeam(teamA), withCustomer(NewCustomer{ExternalID: "u-a"}))
		inB := e.create(t, withTeam(teamB), withCustomer(NewCustomer{ExternalID: "u-b"})) // not mine to see
		nextMilli()
		free := e.create(t, withCustomer(NewCustomer{ExternalID: "u-f"}), func(in *NewTicket) { in.Channel = "chat"; in.Language = "de" })
		nextMilli()
		mine := e.create(t, withCustomer(NewCustomer{ExternalID: "u-m"}), withPriority("urgent"))
		nextMilli()
		e.update(t, mine.ID, Update{AssigneeID: &me})
		nextMilli()
		done := e.create(t, withCustomer(NewCustomer{ExternalID: "u-d"}))
		solved := StatusSolved
		nextMilli()
		e.update(t, done.ID, Update{Status: &solved})
		nextMilli()
		if _, err := e.write(t, free, "agent", "We are looking into it."); err != nil { // answered: not waiting
			t.Fatal(err)
		}
		nextMilli()
		if _, err := e.write(t, inA, "customer", "Any news?"); err != nil { // latest activity
			t.Fatal(err)
		}

		for _, c := range []struct {
			name string
			q    InboxQuery
			want []int64
		}{
			{"all, by latest activity", InboxQuery{}, []int64{inA.ID, free.ID, done.ID, mine.ID}},
			{"mine", InboxQuery{View: ViewMine}, []int64{mine.ID}},
			{"unassigned (solved left out)", InboxQuery{View: ViewUnassigned}, []int64{inA.ID, free.ID}},
			{"my teams", InboxQuery{View: ViewTeams}, []int64{inA.ID}},
			// inA's customer has waited since the ticket opened; writing
			// again does not restart the wait.
			{"waiting longest first", InboxQuery{View: ViewWaiting}, []int64{inA.ID, mine.ID}},
			{"solved", InboxQuery{Status: StatusSolved}, []int64{done.ID}},
			{"channel and language", InboxQuery{Channel: "chat", Language: "de"}, []int64{free.ID}},
			{"priority", InboxQuery{Priority: "urgent"}, []int64{mine.ID}},
			{"subject words", InboxQuery{Words: []string{"DEPOSIT", "credited"}}, []int64{inA.ID, free.ID, done.ID, mine.ID}},
			{"a word no subject has", InboxQuery{Words: []string{"50%_"}}, []int64{}},
			{"search hits", InboxQuery{IDs: []int64{inB.ID, free.ID}}, []int64{free.ID}},
			{"mentions without a hook", InboxQuery{View: ViewMentions}, []int64{}},
		} {
			if diff := cmp.Diff(c.want, inboxIDs(t, e, v, c.q)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", c.name, diff)
			}
		}

		n, err := e.s.InboxCounts(e.ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		want := InboxCounts{All: 4, Mine: 1, Unassigned: 2, Teams: 1, Waiting: 2,
			Status: map[Status]int{StatusNew: 3, StatusSolved: 1}}
		if diff := cmp.Diff(want, n); diff != "" {
			t.Errorf("counts (-want +got):\n%s", diff)
		}
	})
}

// TestInboxPages: the cursor walks the list without a gap or a repeat, in
// both orders (latest activity first; longest waiting first).
func TestInboxPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		var created []int64
		for i := 0; i < 5; i++ {
			nextMilli()
			created = append(created, e.create(t).ID)
		}
		newestFirst := slices.Clone(created)
		slices.Reverse(newestFirst)
		for view, want := range map[string][]int64{ViewAll: newestFirst, ViewWaiting: created} {
			var got []int64
			q := InboxQuery{View: view, Limit: 2}
			for range 5 {
				ts, next, err := e.s.Inbox(e.ctx, everyone, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, tk := range ts {
					got = append(got, tk.ID)
				}
				if next.ID == 0 {
					break
				}
				back, err := ParseInboxCursor(next.String())
				if err != nil || back != next {
					t.Fatalf("cursor %q read back as %+v, %v", next.String(), back, err)
				}
				q.Cursor = back
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("pages of view %q (-want +got):\n%s", view, diff)
			}
		}
	})
}

// TestWaitingSince: a customer's message starts the wait, an agent's
// answer ends it, a note changes nothing.
func TestWaitingSince(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		tk := e.create(t)
		waiting := func() bool {
			return slices.Contains(inboxIDs(t, e, everyone, InboxQuery{View: ViewWaiting}), tk.ID)
		}
		agent := e.agent(t, "note@example.com", true)
		steps := []struct {
			name string
			do   func() error
			want bool
		}{
			{"opened by the customer", func() error { return nil }, true},
			{"a note", func() error {
				_, err := e.s.AddNote(e.ctx, Viewer{AgentID: agent, AllTeams: true, Notes: true}, tk.ID, NewMessage{Body: "checking"})
				return err
			}, true},
			{"an agent's answer", func() error { _, err := e.write(t, tk, "agent", "Found it."); return err }, false},
			{"a system notice", func() error { _, err := e.write(t, tk, "system", "Status changed."); return err }, false},
			{"the customer again", func() error { _, err := e.write(t, tk, "customer", "Thanks, but..."); return err }, true},
		}
		for _, st := range steps {
			if err := st.do(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if got := waiting(); got != st.want {
				t.Errorf("after %s: waiting %v, want %v", st.name, got, st.want)
			}
		}
	})
}

// TestInboxRefusesBadInput: every enumeration names its field.
func TestInboxRefusesBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		for field, q := range map[string]InboxQuery{
			"view": {View: "everything"}, "status": {Status: "pending"}, "channel": {Channel: "fax"},
			"language": {Language: "xx"}, "priority": {Priority: "asap"}, "product_area": {ProductArea: "Spot"}, "tier": {Tier: 9},
		} {
			_, _, err := e.s.Inbox(e.ctx, everyone, q)
			wantKind(t, err, errs.Invalid, field)
		}
		for _, bad := range []string{"x", "1.", ".1", "-1.2", "1.0", "1.2.3"} {
			if _, err := ParseInboxCursor(bad); !errs.Is(err, errs.Invalid) {
				t.Errorf("cursor %q: %v, want invalid", bad, err)
			}
		}
	})
}

// FuzzParseInboxCursor: a cursor is read back exactly as String wrote it,
// and anything else is refused as invalid.
func FuzzParseInboxCursor(f *testing.F) {
	for _, s := range []string{"", "1733300000000.42", "0.1", "1.0", "-1.2", "1.2.3", "9223372036854775807.9223372036854775807", "٣.٤", "+1.+2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseInboxCursor(s)
		if err != nil {
			if !errs.Is(err, errs.Invalid) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if s != "" && (c.ID <= 0 || c.At < 0) {
			t.Fatalf("%q read as %+v", s, c)
		}
		if again, err := ParseInboxCursor(c.String()); err != nil || again != c {
			t.Fatalf("%q: %+v writes as %q, which reads as %+v, %v", s, c, c.String(), again, err)
		}
	})
}
