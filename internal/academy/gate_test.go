package academy

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// passThrough screens nothing: this test is about the gate, not secrets.
type passThrough struct{}

func (passThrough) Inbound(state []byte, _ int64, text string) ticket.Screened {
	return ticket.Screened{Text: text, State: state}
}
func (passThrough) Outbound([]string, string) string { return "" }
func (passThrough) Warning(string, []string) string  { return "" }

// TestSecurityQueueGate is the "done when": an agent whose skills
// fit the security queue but who lacks the security certification is
// neither offered nor can pull a security ticket, passes the quiz, then
// takes both; when the certification expires the queue closes again.
func TestSecurityQueueGate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		keys, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)})
		if err != nil {
			t.Fatal(err)
		}
		tickets, err := ticket.NewStore(db, audit.New(db), passThrough{}, keys)
		if err != nil {
			t.Fatal(err)
		}
		rt := routing.New(db, tickets, nil, nil)
		rt.Gate = f.svc
		tickets.WithAssignCheck(rt.MayTake)
		if err := rt.EnsureCatchAll(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := rt.SaveQueue(ctx, 0, 0, routing.QueueInput{Name: "Security · Tier 3", Rule: "specialist=security"}); err != nil {
			t.Fatal(err)
		}
		c, _ := f.securityCourse()
		tier1 := f.agent("Tomas")
		sam := f.agent("Sam")
		// The supervisor put Sam on the security rota (skills); the
		// certification is what Sam still lacks.
		if _, err := rt.SetSkills(ctx, sam, routing.Skills{Languages: []string{"en"}, Tiers: []int{3}, Certifications: []string{"security"}, MaxChats: 2, MaxTickets: 10}); err != nil {
			t.Fatal(err)
		}
		if err := rt.SetAvailability(ctx, sam, routing.Online); err != nil {
			t.Fatal(err)
		}
		escalated := func(channel, ext string) int64 {
			t.Helper()
			tk, err := tickets.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Account takeover", Message: "Someone changed my 2FA and withdrew funds.",
				Channel: channel, Language: "en", Customer: ticket.NewCustomer{ExternalID: ext, Language: "en"}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := rt.Route(ctx, tk.ID); err != nil {
				t.Fatal(err)
			}
			v := ticket.Viewer{AgentID: tier1, AllTeams: true, Notes: true}
			if _, err := rt.Escalate(ctx, v, tk.ID, routing.Escalation{Specialist: "security", Reason: "takeover", Summary: "2FA changed from a new device"}); err != nil {
				t.Fatal(err)
			}
			if r, err := rt.TicketRoute(ctx, tk.ID); err != nil || r.QueueName != "Security · Tier 3" {
				t.Fatalf("ticket %d in %q (%v), want the security queue", tk.ID, r.QueueName, err)
			}
			return tk.ID
		}
		mail := escalated("email", "u-mail")
		chat := escalated("chat", "u-chat")

		// Refused: no offer of the chat, and Next says why.
		if err := rt.Redispatch(ctx); err != nil {
			t.Fatal(err)
		}
		if r, err := rt.TicketRoute(ctx, chat); err != nil || r.Offer != nil {
			t.Errorf("the chat was offered to an uncertified agent: %+v, %v", r.Offer, err)
		}
		_, err = rt.Next(ctx, sam)
		if !errs.Is(err, errs.Forbidden) || !strings.Contains(err.Error(), `Security queue needs a current certification: "Security specialist" (you do not hold it)`) {
			t.Fatalf("Next without the certification = %v, want forbidden naming it", err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM tickets WHERE assignee_id IS NOT NULL`); n != 0 {
			t.Fatalf("%d tickets assigned while refused", n)
		}

		// Sam passes the quiz: the chat is offered, the mail pulled.
		if res := f.pass(sam, c); res.Certified == nil {
			t.Fatalf("not certified: %+v", res)
		}
		if err := rt.Redispatch(ctx); err != nil {
			t.Fatal(err)
		}
		r, err := rt.TicketRoute(ctx, chat)
		if err != nil || r.Offer == nil || r.Offer.AgentID != sam {
			t.Fatalf("after the quiz the chat's offer is %+v (%v), want Sam", r.Offer, err)
		}
		if err := rt.Accept(ctx, sam, chat); err != nil {
			t.Fatal(err)
		}
		if got, err := rt.Next(ctx, sam); err != nil || got != mail {
			t.Fatalf("Next after the quiz = %d, %v; want %d", got, err, mail)
		}

		// 181 days on, the certification has expired: the queue closes.
		f.clock.Advance(181 * 24 * time.Hour)
		later := escalated("email", "u-later")
		if _, err := rt.Next(ctx, sam); !errs.Is(err, errs.Forbidden) || !strings.Contains(err.Error(), "expired") {
			t.Errorf("Next with an expired certification = %v", err)
		}
		// Nor can a supervisor assign it to Sam by hand; someone else, yes.
		boss := ticket.Viewer{AgentID: tier1, AllTeams: true, Notes: true, CanAssign: true}
		_, err = tickets.UpdateTicket(ctx, boss, later, ticket.Update{AssigneeID: &sam})
		if !errs.Is(err, errs.Forbidden) || !strings.Contains(err.Error(), "Security specialist") {
			t.Errorf("assigning by hand to an uncertified agent = %v", err)
		}
		if got := storetest.Scalar[int64](t, db, `SELECT COALESCE(assignee_id, 0) FROM tickets WHERE id = ?`, later); got != 0 {
			t.Errorf("ticket %d assigned to %d after the refusal", later, got)
		}
		if f.pass(sam, c).Certified == nil {
			t.Fatal("recertification failed")
		}
		if _, err := tickets.UpdateTicket(ctx, boss, later, ticket.Update{AssigneeID: &sam}); err != nil {
			t.Errorf("assigning by hand after recertifying: %v", err)
		}
	})
}
