package webhook

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestFromTheDurableBus: events travel outbox → relay → JetStream → the
// durable consumer → deliveries → the receiver, with the real embedded bus.
func TestFromTheDurableBus(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite), nil)
	ctx, cancel := context.WithCancel(context.Background())
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	b, err := bus.Start(ctx, "", t.TempDir(), quiet)
	if err != nil {
		t.Fatal(err)
	}
	relay := &bus.Relay{DB: e.db, Publisher: b, Log: quiet, Poll: 10 * time.Millisecond}
	done := make(chan struct{}, 2)
	go func() { _ = relay.Run(ctx); done <- struct{}{} }()
	t.Cleanup(func() { cancel(); <-done; <-done; b.Close() })
	if err := e.svc.Start(ctx, b); err != nil {
		t.Fatal(err)
	}
	go func() { e.svc.Run(ctx); done <- struct{}{} }()

	rcv := newReceiver(t, "ok")
	sub := e.subscribe(rcv.URL, ScopeMetadata, "ticket.created")
	tk := e.customerTicket("u-bus", "Hello")
	deadline := time.Now().Add(20 * time.Second)
	for len(rcv.received()) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	got := rcv.received()
	if len(got) != 1 {
		t.Fatalf("%d deliveries arrived through the bus; want 1", len(got))
	}
	var data struct {
		TicketID int64 `json:"ticket_id"`
	}
	if err := json.Unmarshal(got[0].env.Data, &data); err != nil || data.TicketID != tk.ID {
		t.Errorf("payload %s; want ticket %d", got[0].env.Data, tk.ID)
	}
	if err := Verify([]byte(sub.Secret), got[0].header, got[0].body, e.clock.Now(), 0); err != nil {
		t.Error(err)
	}
}

// TestSurvivesRestart: what was queued and retried is in the database: a
// new service (a restarted node) picks it up, and a delivery a node held
// when it died goes out once its lease runs out, not before.
func TestSurvivesRestart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, nil)
		rcv := newReceiver(t, "fail")
		e.subscribe(rcv.URL, ScopeMetadata, "ticket.created")
		e.customerTicket("u-r1", "Hello")
		e.customerTicket("u-r2", "Hello")
		e.pump()
		e.deliver() // fails, back-off

		restarted, err := New(e.svc.cfg)
		if err != nil {
			t.Fatal(err)
		}
		rcv.set("ok")
		e.clock.Advance(10 * time.Minute)
		// A node takes the subscription's queue and dies before it settles.
		subs, err := restarted.dueSubscriptions(e.ctx, 10)
		if err != nil || len(subs) != 1 {
			t.Fatalf("due: %v %v", subs, err)
		}
		if _, ok, err := e.svc.lease(e.ctx, subs[0], 0); err != nil || !ok {
			t.Fatalf("lease: %v %v", ok, err)
		}
		if n, err := restarted.DeliverDue(e.ctx); err != nil || n != 0 {
			t.Fatalf("delivered %d (%v) while another node held the first delivery", n, err)
		}
		e.clock.Advance(e.svc.cfg.Timeout + 31*time.Second)
		if _, err := restarted.DeliverDue(e.ctx); err != nil {
			t.Fatal(err)
		}
		got := rcv.received()
		if len(got) != 2 || got[0].env.EventID > got[1].env.EventID {
			t.Fatalf("after restart: %d deliveries", len(got))
		}
	})
}
