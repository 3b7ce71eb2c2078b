package ticket

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// holdScreen holds text with "show your sheet" in it and refuses "your
// seed" (secretScreen); it cuts SEED-WORDS out like secretScreen.
type holdScreen struct{ secretScreen }

func (h holdScreen) Review(previous []string, text string) (refuse, hold string) {
	if strings.Contains(text, "show your sheet") {
		hold = "names the recovery sheet next to showing it"
	}
	return h.Outbound(previous, text), hold
}

func auditActions(t *testing.T, e env, action string) []audit.Entry {
	t.Helper()
	entries, _, err := audit.New(e.db).List(e.ctx, audit.Filter{Action: action}, web.Page{})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// TestHeldReply walks a held reply through the agent and a supervisor:
// the reply is not sent, the agent sees why and asks for review, the
// supervisor (never the author) releases it and it is sent as the
// author's, or rejects it with a reason; every step is audited and a
// pasted secret never reaches the held row.
func TestHeldReply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, holdScreen{}, clearText{})
		writer := Viewer{AgentID: e.agent(t, "ana@support.example", true), AllTeams: true}
		boss := Viewer{AgentID: e.agent(t, "sam@support.example", true), AllTeams: true}
		tk := e.create(t)
		before := len(mustGet(t, e, writer, tk.ID).Messages)

		_, err := e.s.AddMessage(e.ctx, writer, tk.ID, NewMessage{Body: "Please show your sheet on the call. SEED-WORDS"})
		he, ok := errors.AsType[*HeldError](err)
		if !ok || !errs.Is(err, errs.Conflict) {
			t.Fatalf("AddMessage = %v, want held (conflict)", err)
		}
		hr := he.Reply
		if hr.Status != HeldWaiting || hr.Reason == "" || strings.Contains(hr.Body, "SEED-WORDS") || hr.AuthorID != writer.AgentID {
			t.Fatalf("held reply %+v", hr)
		}
		if got := len(mustGet(t, e, writer, tk.ID).Messages); got != before {
			t.Fatalf("a held reply was sent: %d messages, %d before", got, before)
		}
		list, err := e.s.HeldReplies(e.ctx, writer, tk.ID)
		if err != nil || len(list) != 1 || list[0].ID != hr.ID || list[0].Body != hr.Body {
			t.Fatalf("HeldReplies = %+v, %v", list, err)
		}

		// Only a reply asked about is in the queue; only its author asks;
		// no one releases it before that, nor its author after.
		if q, err := e.s.ReviewQueue(e.ctx, boss); err != nil || len(q) != 0 {
			t.Fatalf("queue before asking = %+v, %v", q, err)
		}
		if _, err := e.s.ReleaseHeld(e.ctx, boss, hr.ID, ""); !errs.Is(err, errs.Conflict) {
			t.Fatalf("release before review = %v, want conflict", err)
		}
		if _, err := e.s.RequestReview(e.ctx, boss, hr.ID); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("someone else asked for review: %v", err)
		}
		if _, err := e.s.RequestReview(e.ctx, writer, hr.ID); err != nil {
			t.Fatal(err)
		}
		if q, err := e.s.ReviewQueue(e.ctx, boss); err != nil || len(q) != 1 || q[0].Status != HeldReview {
			t.Fatalf("queue = %+v, %v", q, err)
		}
		if _, err := e.s.ReleaseHeld(e.ctx, writer, hr.ID, ""); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("the author released their own reply: %v", err)
		}
		rel, err := e.s.ReleaseHeld(e.ctx, boss, hr.ID, "the agent means the call's screen, fine")
		if err != nil || rel.Status != HeldReleased || rel.MessageID == nil || rel.DecidedBy == nil || *rel.DecidedBy != boss.AgentID {
			t.Fatalf("ReleaseHeld = %+v, %v", rel, err)
		}
		msgs := mustGet(t, e, writer, tk.ID).Messages
		last := msgs[len(msgs)-1]
		if len(msgs) != before+1 || last.ID != *rel.MessageID || last.AuthorKind != "agent" || last.AuthorID == nil || *last.AuthorID != writer.AgentID || last.Body != hr.Body {
			t.Fatalf("released message %+v (of %d)", last, len(msgs))
		}
		if _, err := e.s.RejectHeld(e.ctx, boss, hr.ID, "too late"); !errs.Is(err, errs.Conflict) {
			t.Fatalf("rejecting a released reply = %v, want conflict", err)
		}

		// A hold its author rephrases is withdrawn by the next reply.
		_, err = e.s.AddMessage(e.ctx, writer, tk.ID, NewMessage{Body: "Please show your sheet to nobody"})
		if _, ok := errors.AsType[*HeldError](err); !ok {
			t.Fatalf("hold to rephrase: %v", err)
		}
		if _, err := e.s.AddMessage(e.ctx, writer, tk.ID, NewMessage{Body: "Keep your recovery sheet to yourself; we never ask for it."}); err != nil {
			t.Fatal(err)
		}
		if list, err := e.s.HeldReplies(e.ctx, writer, tk.ID); err != nil || len(list) != 0 {
			t.Fatalf("a rephrased reply still waits: %+v, %v", list, err)
		}

		// A second hold, rejected with a reason (one is required).
		_, err = e.s.AddMessage(e.ctx, writer, tk.ID, NewMessage{Body: "Now show your sheet again"})
		he, ok = errors.AsType[*HeldError](err)
		if !ok {
			t.Fatalf("second hold: %v", err)
		}
		if _, err := e.s.RejectHeld(e.ctx, boss, he.Reply.ID, " "); !errs.Is(err, errs.Invalid) {
			t.Fatalf("reject without a reason = %v, want invalid", err)
		}
		rej, err := e.s.RejectHeld(e.ctx, boss, he.Reply.ID, "never ask to see the sheet")
		if err != nil || rej.Status != HeldRejected || rej.Note == "" {
			t.Fatalf("RejectHeld = %+v, %v", rej, err)
		}
		if list, err := e.s.HeldReplies(e.ctx, writer, tk.ID); err != nil || len(list) != 1 || list[0].Status != HeldRejected || list[0].Note != rej.Note {
			t.Fatalf("after the decisions the ticket lists %+v, %v; want only the rejected reply, with its reason", list, err)
		}

		// Its author is told of each decision, with the supervisor's reason.
		decided := e.eventsOf(t, "held.decided", tk.ID)
		want := []map[string]any{
			{"held_id": float64(hr.ID), "status": "released", "note": "the agent means the call's screen, fine", "message_id": float64(*rel.MessageID)},
			{"held_id": float64(he.Reply.ID), "status": "rejected", "note": "never ask to see the sheet", "message_id": nil},
		}
		if len(decided) != len(want) {
			t.Fatalf("%d held.decided events, want %d: %+v", len(decided), len(want), decided)
		}
		for i, w := range want {
			d := decided[i].Data
			if d["author_id"] != float64(writer.AgentID) || d["decided_by"] != float64(boss.AgentID) {
				t.Errorf("held.decided %d names author %v, supervisor %v; want %d, %d", i, d["author_id"], d["decided_by"], writer.AgentID, boss.AgentID)
			}
			for k, v := range w {
				if d[k] != v {
					t.Errorf("held.decided %d: %s = %v, want %v", i, k, d[k], v)
				}
			}
		}

		for action, n := range map[string]int{"guard.outbound_held": 3, "guard.held_review_requested": 1, "guard.held_released": 1, "guard.held_rejected": 1, "guard.held_withdrawn": 1} {
			entries := auditActions(t, e, action)
			if len(entries) != n {
				t.Fatalf("%d %s records, want %d", len(entries), action, n)
			}
			var d struct {
				HeldID int64 `json:"held_id"`
				Text   string
			}
			if err := json.Unmarshal(entries[0].Detail, &d); err != nil || (d.HeldID == 0 && action != "guard.held_withdrawn") || strings.Contains(d.Text, "SEED-WORDS") {
				t.Fatalf("%s detail %s (%v)", action, entries[0].Detail, err)
			}
		}
	})
}

// TestHeldReplyRefusedAtRelease: a reply that reads as a request by the
// time it is released is refused then, and rejected with the reason.
func TestHeldReplyRefusedAtRelease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, holdScreen{}, clearText{})
		writer := Viewer{AgentID: e.agent(t, "ana@support.example", true), AllTeams: true}
		boss := Viewer{AgentID: e.agent(t, "sam@support.example", true), AllTeams: true}
		tk := e.create(t)
		_, err := e.s.AddMessage(e.ctx, writer, tk.ID, NewMessage{Body: "show your sheet"})
		he, ok := errors.AsType[*HeldError](err)
		if !ok {
			t.Fatalf("AddMessage = %v, want held", err)
		}
		if _, err := e.s.RequestReview(e.ctx, writer, he.Reply.ID); err != nil {
			t.Fatal(err)
		}
		e.s.screen = refuseAll{holdScreen{}}
		hr, err := e.s.ReleaseHeld(e.ctx, boss, he.Reply.ID, "")
		if !errs.Is(err, errs.Forbidden) || hr.Status != HeldRejected {
			t.Fatalf("ReleaseHeld = %+v, %v; want refused and rejected", hr, err)
		}
		if n := len(auditActions(t, e, "guard.outbound_blocked")); n != 1 {
			t.Fatalf("%d refusals audited, want 1", n)
		}
		// Its author is told it was rejected, and the guard's reason.
		decided := e.eventsOf(t, "held.decided", tk.ID)
		if len(decided) != 1 || decided[0].Data["status"] != "rejected" || decided[0].Data["author_id"] != float64(writer.AgentID) ||
			!strings.HasPrefix(fmt.Sprint(decided[0].Data["note"]), "refused by the outbound guard: refused") {
			t.Fatalf("held.decided events %+v, want one rejection with the guard's reason", decided)
		}
		// New tickets opened by an agent are refused, not held.
		in := ticketIn(func(in *NewTicket) { in.Message = "please show your sheet" })
		if _, err := e.s.CreateAsAgent(e.ctx, writer, in); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("new ticket with a held message = %v, want refused", err)
		}
	})
}

// refuseAll refuses every outbound message.
type refuseAll struct{ holdScreen }

func (refuseAll) Review([]string, string) (string, string) { return "refused", "" }

func mustGet(t *testing.T, e env, v Viewer, id int64) Ticket {
	t.Helper()
	tk, err := e.s.Get(e.ctx, v, id)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}
