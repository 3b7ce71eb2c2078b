package ticket

import (
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func TestSystemChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		tk := e.create(t, withPriority("high"))
		if raised, err := e.s.RaisePriority(e.ctx, tk.ID, "normal", "sla", "breach"); err != nil || raised {
			t.Errorf("lowering by RaisePriority = %v, %v; want no change", raised, err)
		}
		if raised, err := e.s.RaisePriority(e.ctx, tk.ID, "urgent", "sla", "first response breached"); err != nil || !raised {
			t.Fatalf("raise = %v, %v", raised, err)
		}
		if moved, err := e.s.SystemEscalate(e.ctx, tk.ID, 2, "sla", "first response breached"); err != nil || !moved {
			t.Fatalf("escalate = %v, %v", moved, err)
		}
		if moved, err := e.s.SystemEscalate(e.ctx, tk.ID, 2, "sla", "again"); err != nil || moved {
			t.Errorf("escalating to the tier it is at = %v, %v; want no change", moved, err)
		}
		for _, bad := range []struct{ actor, reason string }{{"", "why"}, {"s l a", "why"}, {"sla", " "}} {
			if _, err := e.s.SystemEscalate(e.ctx, tk.ID, 3, bad.actor, bad.reason); err == nil {
				t.Errorf("escalation by %q for %q accepted", bad.actor, bad.reason)
			}
		}
		if _, err := e.s.RaisePriority(e.ctx, tk.ID, "critical", "sla", "x"); err == nil {
			t.Error("an unknown priority accepted")
		}
		got, err := e.s.Get(e.ctx, Viewer{AllTeams: true}, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Priority != "urgent" || got.Tier != 2 || len(got.Escalations) != 1 || got.Escalations[0].AgentID != nil || got.Escalations[0].Actor != "sla" {
			t.Errorf("after the system's changes: %s, tier %d, %+v", got.Priority, got.Tier, got.Escalations)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM escalations WHERE actor = 'sla'`); n != 1 {
			t.Errorf("escalations recorded as by sla: %d", n)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM outbox WHERE type = 'ticket.updated' AND data LIKE '%"actor":"sla"%'`); n != 1 {
			t.Errorf("ticket.updated events by sla: %d", n)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM audit_log WHERE action IN ('ticket.priority_raised', 'ticket.escalated') AND detail LIKE '%"actor":"sla"%'`); n != 2 {
			t.Errorf("audit records of the system's changes: %d", n)
		}
	})
}
