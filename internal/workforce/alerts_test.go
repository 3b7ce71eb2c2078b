package workforce

import (
	"context"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// raise emits an alert as any package does and hands the outbox to the
// workforce consumer, twice (a redelivery must not add a row).
func (e *env) raise(t *testing.T, a auth.AlertRaisedEvent) {
	t.Helper()
	ctx := context.Background()
	err := e.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error { return auth.AlertRaised.Emit(ctx, tx, a) })
	if err != nil {
		t.Fatal(err)
	}
	evs, err := bus.Pending(ctx, e.db, 100000)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		for _, ev := range evs {
			if err := e.svc.onAlert(ctx, ev); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func (e *env) alertsOf(t *testing.T, id int64) map[string]bool {
	t.Helper()
	ag, err := e.people.Agent(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	list, err := e.svc.AlertsFor(context.Background(), ag, 50)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, a := range list {
		if got[a.Alert] {
			t.Errorf("alert %q listed twice for agent %d", a.Alert, id)
		}
		got[a.Alert] = true
	}
	return got
}

func TestAlertsReachTheAgentsTheyAreAddressedTo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		super := e.agent("Selin", auth.Supervisor, turkishFutures)
		onCall := e.agent("Deniz", auth.Tier1, turkishFutures)
		offDuty := e.agent("Mert", auth.Tier1, turkishFutures)
		other, err := e.people.CreateTeam(ctx, auth.NewTeam{Name: "Other desk"})
		if err != nil {
			t.Fatal(err)
		}
		outsider, err := e.people.CreateAgent(ctx, auth.NewAgent{Email: "o@example.com", Name: "Olga", Role: auth.Tier1,
			Password: "correct horse battery staple 42", Teams: []int64{other.ID}})
		if err != nil {
			t.Fatal(err)
		}
		now := e.clock.Now()
		if _, err := e.svc.AddShift(ctx, Shift{TeamID: e.team, AgentID: onCall, Kind: KindOnCall, StartsAt: now.Add(-time.Hour), EndsAt: now.Add(time.Hour)}, super); err != nil {
			t.Fatal(err)
		}
		e.raise(t, auth.AlertRaisedEvent{Alert: "to-supervisors", Severity: "warning", Audience: string(auth.Supervisor), Message: "m"})
		e.raise(t, auth.AlertRaisedEvent{Alert: "to-oncall", Severity: "urgent", Audience: "oncall:Turkish desk", Message: "m", TicketID: 7})
		e.raise(t, auth.AlertRaisedEvent{Alert: "to-team", Severity: "info", Audience: "team:turkish DESK", Message: "m"})
		e.raise(t, auth.AlertRaisedEvent{Alert: "to-queue", Severity: "warning", Audience: "queue:Security", Message: "m"})
		// After the on-call shift ends, a new on-call alert reaches no
		// plain agent of the team, only its manager.
		e.clock.Advance(2 * time.Hour)
		e.raise(t, auth.AlertRaisedEvent{Alert: "to-oncall-later", Severity: "urgent", Audience: "oncall:Turkish desk", Message: "m"})

		cases := []struct {
			who  string
			id   int64
			want []string
		}{
			{"supervisor of the team", super, []string{"to-supervisors", "to-oncall", "to-team", "to-queue", "to-oncall-later"}},
			{"agent on call then", onCall, []string{"to-oncall", "to-team"}},
			{"agent of the team off duty", offDuty, []string{"to-team"}},
			{"agent of another team", outsider.ID, nil},
		}
		for _, c := range cases {
			got := e.alertsOf(t, c.id)
			if len(got) != len(c.want) {
				t.Errorf("%s sees %v, want %v", c.who, got, c.want)
				continue
			}
			for _, w := range c.want {
				if !got[w] {
					t.Errorf("%s sees %v, want %v", c.who, got, c.want)
				}
			}
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM agent_alerts`); n != 5 {
			t.Errorf("%d alert rows after redelivery, want 5", n)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM agent_alerts WHERE alert = 'to-oncall' AND ticket_id = 7`); n != 1 {
			t.Errorf("the on-call alert lost its ticket")
		}
	})
}
