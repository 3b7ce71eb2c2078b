package ticket

import (
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestCustomerReads: a customer reads their own ticket's public messages,
// in pages either way, never the notes, and never another's ticket.
func TestCustomerReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		agent := e.agent(t, "ana@example.com", true)
		v := Viewer{AgentID: agent, AllTeams: true, Notes: true}
		tk := e.create(t, func(in *NewTicket) { in.Channel = "chat" })
		other := e.create(t, func(in *NewTicket) { in.Customer.ExternalID = "u-2"; in.Channel = "chat" })
		me := CustomerRef{ExternalID: "u-1"}
		var ids []int64
		for _, body := range []string{"two", "three"} {
			m, err := e.s.AppendAsCustomer(e.ctx, me, tk.ID, body)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, m.ID)
		}
		if _, err := e.s.AddNote(e.ctx, v, tk.ID, NewMessage{Body: "internal only"}); err != nil {
			t.Fatal(err)
		}
		reply, err := e.s.AddMessage(e.ctx, v, tk.ID, NewMessage{Body: "four"})
		if err != nil {
			t.Fatal(err)
		}
		view, err := e.s.CustomerTicket(e.ctx, me, tk.ID)
		if err != nil || view.LastMessageID != reply.ID || view.Channel != "chat" {
			t.Fatalf("CustomerTicket = %+v, %v", view, err)
		}
		all, more, err := e.s.CustomerMessages(e.ctx, me, tk.ID, 0, 0, 10)
		if err != nil || more || len(all) != 4 || all[3].Body != "four" || all[3].AuthorKind != "agent" {
			t.Fatalf("all messages: %+v more=%v err=%v", all, more, err)
		}
		page, more, err := e.s.CustomerMessages(e.ctx, me, tk.ID, 0, reply.ID, 2)
		if err != nil || !more || len(page) != 2 || page[0].ID != ids[0] || page[1].ID != ids[1] {
			t.Fatalf("page before the reply: %+v more=%v err=%v", page, more, err)
		}
		after, _, err := e.s.CustomerMessages(e.ctx, me, tk.ID, ids[1], 0, 10)
		if err != nil || len(after) != 1 || after[0].ID != reply.ID {
			t.Fatalf("after: %+v %v", after, err)
		}
		if _, _, err := e.s.CustomerMessages(e.ctx, me, other.ID, 0, 0, 10); !errs.Is(err, errs.NotFound) {
			t.Fatalf("another customer's messages: %v", err)
		}
		if none, _, err := e.s.CustomerMessages(e.ctx, me, tk.ID, reply.ID, 0, 10); err != nil || len(none) != 0 {
			t.Fatalf("after the newest: %+v %v, want an empty page", none, err)
		}
		if _, _, err := e.s.CustomerMessages(e.ctx, me, other.ID, 1<<40, 0, 10); !errs.Is(err, errs.NotFound) {
			t.Fatalf("an empty page of another customer's ticket: %v", err)
		}
		if _, _, err := e.s.CustomerMessages(e.ctx, me, 1<<40, 0, 0, 10); !errs.Is(err, errs.NotFound) {
			t.Fatalf("no such ticket: %v", err)
		}
		latest, ok, err := e.s.LatestCustomerTicket(e.ctx, me, "chat")
		if err != nil || !ok || latest.ID != tk.ID {
			t.Fatalf("latest = %+v %v %v", latest, ok, err)
		}
		if _, ok, err := e.s.LatestCustomerTicket(e.ctx, me, "email"); err != nil || ok {
			t.Fatalf("latest e-mail ticket: %v %v", ok, err)
		}
	})
}

// TestAttachCustomer: a visitor's ticket moves to the customer who signed
// in, with a note for the agents; another customer cannot move it, and a
// token the checker refuses moves nothing.
func TestAttachCustomer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		e.s.WithIdentity(&fakeIdentity{})
		visitor := CustomerRef{ExternalID: "visitor:1"}
		tk := e.create(t, func(in *NewTicket) { in.Customer = NewCustomer{ExternalID: "visitor:1"}; in.Channel = "chat" })
		to := NewCustomer{ExternalID: "ex-7", Name: "Ana", Identity: "good"}
		if err := e.s.AttachCustomer(e.ctx, CustomerRef{ExternalID: "u-9"}, tk.ID, to); !errs.Is(err, errs.NotFound) {
			t.Fatalf("attach by a stranger: %v", err)
		}
		if err := e.s.AttachCustomer(e.ctx, visitor, tk.ID, NewCustomer{ExternalID: "ex-7", Identity: "forged"}); !errs.Is(err, errs.Invalid) {
			t.Fatalf("attach with a refused token: %v", err)
		}
		if _, err := e.s.CustomerTicket(e.ctx, visitor, tk.ID); err != nil {
			t.Fatalf("a refused attach moved the ticket: %v", err)
		}
		if err := e.s.AttachCustomer(e.ctx, visitor, tk.ID, to); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.CustomerTicket(e.ctx, visitor, tk.ID); !errs.Is(err, errs.NotFound) {
			t.Fatalf("the visitor still reaches the ticket: %v", err)
		}
		got := e.get(t, Viewer{AllTeams: true, Notes: true, AgentID: e.agent(t, "b@example.com", true)}, tk.ID)
		last := got.Messages[len(got.Messages)-1]
		if got.Customer.ExternalID != "ex-7" || !last.Internal || last.AuthorKind != "system" {
			t.Fatalf("after attach: customer %q, last message %+v", got.Customer.ExternalID, last)
		}
		msgs, _, err := e.s.CustomerMessages(e.ctx, CustomerRef{ExternalID: "ex-7"}, tk.ID, 0, 0, 10)
		if err != nil || len(msgs) != 1 {
			t.Fatalf("the customer sees %d messages (%v), want their 1 without the note", len(msgs), err)
		}
	})
}
