package ticket

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func TestMerge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, passThrough{}, testKeyring(t, "k1"))
		agent := e.agent(t, "lee@example.com", true)
		v := Viewer{AgentID: agent, AllTeams: true, Notes: true}
		target := e.create(t, withTags("btc"))
		dup := e.create(t, withTags("urgent", "btc"))
		if _, err := e.write(t, dup, "customer", "also: my txid is abc"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.AddNote(e.ctx, v, dup.ID, NewMessage{Body: "@lee duplicate of the other one"}); err != nil {
			t.Fatal(err)
		}
		events := len(e.events(t))

		got, err := e.s.Merge(e.ctx, v, target.ID, MergeRequest{SourceID: dup.ID, Reason: "same deposit"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Moved != 3 || got.SourceID != dup.ID {
			t.Errorf("merge moved %d from %d, want 3 from %d", got.Moved, got.SourceID, dup.ID)
		}
		if !slices.Equal(got.Ticket.Tags, []string{"btc", "urgent"}) {
			t.Errorf("merged tags %v", got.Ticket.Tags)
		}
		// The target shows every message, opened with its own AAD.
		full := e.get(t, v, target.ID)
		var bodies []string
		for _, m := range full.Messages {
			bodies = append(bodies, m.Body)
		}
		joined := strings.Join(bodies, "|")
		for _, want := range []string{"also: my txid is abc", "@lee duplicate", "was merged into this ticket"} {
			if !strings.Contains(joined, want) {
				t.Errorf("merged conversation lacks %q: %q", want, joined)
			}
		}
		if full.MessageCount != len(full.Messages) {
			t.Errorf("message_count %d, %d messages", full.MessageCount, len(full.Messages))
		}
		src := e.get(t, v, dup.ID)
		if src.Status != StatusClosed || src.MergedInto == nil || *src.MergedInto != target.ID {
			t.Errorf("duplicate after merge: status %s, merged_into %v", src.Status, src.MergedInto)
		}
		if len(src.Messages) != 1 || !strings.Contains(src.Messages[0].Body, "Merged into ticket") {
			t.Errorf("duplicate's messages after merge: %+v", src.Messages)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM mentions WHERE ticket_id = ?`, target.ID); n != 0 {
			t.Errorf("%d mentions moved; the author's own mention is not stored", n)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.merged' AND target_id = ?`, strconv.FormatInt(target.ID, 10)); n != 1 {
			t.Errorf("%d ticket.merged audit records, want 1", n)
		}
		if len(e.eventsOf(t, "ticket.merged", target.ID)) != 1 || len(e.events(t)) <= events {
			t.Error("no ticket.merged event")
		}

		// The customer answering in the old conversation reaches the target.
		m, err := e.s.AppendAsCustomer(e.ctx, customerOf(dup), dup.ID, "hello again")
		if err != nil {
			t.Fatal(err)
		}
		if m.TicketID != target.ID {
			t.Errorf("a message to the merged ticket went to %d, want %d", m.TicketID, target.ID)
		}
	})
}

func TestMergeRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		agent := e.agent(t, "lee@example.com", true)
		v := Viewer{AgentID: agent, AllTeams: true, Notes: true}
		a := e.create(t)
		b := e.create(t)
		other := e.create(t, withCustomer(NewCustomer{ExternalID: "u-2", Email: "bo@example.com"}))
		team := e.team(t, "vip")
		hidden := e.create(t, withTeam(team))
		closed := e.create(t)
		e.update(t, closed.ID, Update{Status: ptr(StatusClosed)})
		before := e.count(t, `SELECT COUNT(*) FROM messages`)

		cases := []struct {
			name   string
			v      Viewer
			target int64
			in     MergeRequest
			kind   errs.Kind
		}{
			{"another customer", v, a.ID, MergeRequest{SourceID: other.ID}, errs.Conflict},
			{"itself", v, a.ID, MergeRequest{SourceID: a.ID}, errs.Invalid},
			{"no source", v, a.ID, MergeRequest{}, errs.Invalid},
			{"missing source", v, a.ID, MergeRequest{SourceID: 99999}, errs.Invalid},
			{"missing target", v, 99999, MergeRequest{SourceID: a.ID}, errs.NotFound},
			{"closed target", v, closed.ID, MergeRequest{SourceID: a.ID}, errs.Conflict},
			{"a team the agent is not in", Viewer{AgentID: agent}, a.ID, MergeRequest{SourceID: hidden.ID}, errs.Forbidden},
			{"reason with NUL", v, a.ID, MergeRequest{SourceID: b.ID, Reason: "x\x00"}, errs.Invalid},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := e.s.Merge(e.ctx, c.v, c.target, c.in)
				if !errs.Is(err, c.kind) {
					t.Fatalf("Merge = %v, want %v", err, c.kind)
				}
			})
		}
		if n := e.count(t, `SELECT COUNT(*) FROM messages`); n != before {
			t.Errorf("refused merges changed the messages: %d, was %d", n, before)
		}
		if _, err := e.s.Merge(e.ctx, v, a.ID, MergeRequest{SourceID: b.ID}); err != nil {
			t.Fatal(err)
		}
		_, err := e.s.Merge(e.ctx, v, a.ID, MergeRequest{SourceID: b.ID})
		if !errs.Is(err, errs.Conflict) || !strings.Contains(err.Error(), "already") {
			t.Errorf("merging twice = %v, want a conflict saying it was merged already", err)
		}
		if _, err := e.s.Merge(e.ctx, v, b.ID, MergeRequest{SourceID: a.ID}); !errs.Is(err, errs.Conflict) {
			t.Errorf("merging into a merged ticket = %v, want a conflict", err)
		}
	})
}
