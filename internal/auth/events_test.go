package auth

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestEveryEventDecodesFromTheOutbox drives the package through every
// event it emits and decodes each outbox row with the catalogue's topic.
func TestEveryEventDecodesFromTheOutbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		team := f.team(t, "Deposits")
		a, err := f.svc.CreateAgent(f.ctx, newAgentInput(nil))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.UpdateAgent(f.ctx, a.ID, AgentUpdate{Teams: &[]int64{team}}); err != nil {
			t.Fatal(err)
		}
		for range AlertAfterFailures {
			f.svc.SignIn(f.ctx, Credentials{Email: a.Email, Password: "wrong"})
			f.clock.Advance(throttleEmail.maxDelay)
		}

		e := newLevelsEnv(db)
		cust := e.customer(t, "u-1001")
		tid, _ := e.ticket(t, cust)
		su, err := e.v.RequestStepUp(e.ctx, tid, cust, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		done, err := e.v.CompleteStepUp(e.ctx, cust, e.confirm(t, cust, su, "u-1001"))
		if err != nil {
			t.Fatal(err)
		}

		byType := map[string]bus.Kind{}
		for _, k := range Topics() {
			byType[k.Type()] = k
		}
		evs, err := bus.Pending(f.ctx, db, 1000)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]any{}
		for _, ev := range evs {
			k, ok := byType[ev.Type]
			if !ok {
				t.Errorf("event %s is not in the catalogue", ev.Type)
				continue
			}
			v, ok, err := k.DecodeAny(ev)
			if err != nil || !ok {
				t.Fatalf("decode %s %s: ok=%v err=%v", ev.Type, ev.Data, ok, err)
			}
			got[ev.Type] = v // the last of each type
		}
		alert := got["alert.raised"].(AlertRaisedEvent)
		verified := got["customer.verified"].(CustomerVerifiedEvent)
		if verified.Until == nil {
			t.Fatal("an L2 verification has no end")
		}
		want := map[string]any{
			"team.created":               TeamCreatedEvent{TeamID: team},
			"agent.created":              AgentCreatedEvent{AgentID: a.ID, Role: Tier1},
			"agent.updated":              AgentUpdatedEvent{AgentID: a.ID},
			"alert.raised":               AlertRaisedEvent{Alert: AlertSignInFailures, Severity: "high", Audience: "supervisor", AgentID: a.ID, AgentName: "Ana", Failures: AlertAfterFailures, Message: alert.Message},
			"customer.step_up_requested": StepUpRequestedEvent{StepUpID: su.ID, TicketID: tid, CustomerID: cust, AgentID: &a.ID},
			"customer.verified":          CustomerVerifiedEvent{CustomerID: cust, UserID: "u-1001", Level: "L2", Method: methodStepUp, TicketID: &tid, Until: verified.Until, StepUpIDs: []int64{done.ID}},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("last event of each type (-want +got):\n%s", diff)
		}
		if alert.Message == "" {
			t.Error("the alert has no message")
		}
	})
}
