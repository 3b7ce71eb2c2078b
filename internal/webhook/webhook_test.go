package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

const seedMessage = "My deposit is missing. My seed is abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about, please help"

// TestRetriesLandInOrder: a receiver that fails, then times out, then
// recovers gets every event once it works, in order, signed, and the
// message's body as the guard redacted it; the log shows each attempt.
func TestRetriesLandInOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, nil)
		rcv := newReceiver(t, "fail")
		sub := e.subscribe(rcv.URL+"/hooks", ScopeBodies, "ticket.created", "message.created", "ticket.status_changed")
		tk := e.customerTicket("u-1", seedMessage)
		if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ExternalID: "u-1"}, tk.ID, "Vielen Dank!! 7781"); err != nil {
			t.Fatal(err)
		}
		e.pump()

		if n := e.deliver(); n != 1 {
			t.Fatalf("first round made %d attempts; want 1 (the failing first delivery holds the rest back)", n)
		}
		rcv.set("slow")
		if n := e.deliver(); n != 0 {
			t.Fatalf("%d attempts before the back-off ran out", n)
		}
		e.clock.Advance(10 * time.Minute)
		if n := e.deliver(); n != 1 {
			t.Fatalf("second round made %d attempts; want 1", n)
		}
		rcv.set("ok")
		e.clock.Advance(10 * time.Minute)
		e.deliver()

		got := rcv.received()
		// The customer's first message, the guard's warning (a system
		// message), the second message; each its own event, in order.
		var types []string
		var lastID int64
		var customer []MessageData
		for i, r := range got {
			types = append(types, r.env.Type)
			if err := Verify([]byte(sub.Secret), r.header, r.body, e.clock.Now(), 0); err != nil {
				t.Errorf("delivery %s does not verify: %v", r.header.Get(HeaderDelivery), err)
			}
			if r.env.EventID <= lastID {
				t.Errorf("event %d arrived after event %d", r.env.EventID, lastID)
			}
			lastID = r.env.EventID
			if strings.Contains(string(r.body), "abandon") {
				t.Errorf("delivery %d carries the seed phrase: %s", i, r.body)
			}
			if r.env.Version != EnvelopeVersion || r.header.Get(HeaderEventType) != r.env.Type ||
				r.header.Get(HeaderEventID) != strconv.FormatInt(r.env.EventID, 10) {
				t.Errorf("delivery %d: envelope %+v and headers %v disagree", i, r.env, r.header)
			}
			if r.env.Type == "message.created" {
				var m MessageData
				if err := json.Unmarshal(r.env.Data, &m); err != nil {
					t.Fatal(err)
				}
				if m.AuthorKind == "customer" {
					customer = append(customer, m)
				}
			}
		}
		if len(types) < 3 || types[0] != "ticket.created" || len(customer) != 2 {
			t.Fatalf("received %v (%d customer messages); want ticket.created and then the messages", types, len(customer))
		}
		if customer[0].Body != nil && strings.Contains(*customer[0].Body, "abandon") || customer[0].Body == nil && !customer[0].BodyWithheld {
			t.Errorf("first message: %+v", customer[0])
		}
		if customer[1].Body == nil || *customer[1].Body != "Vielen Dank!! 7781" {
			t.Errorf("second message body = %v; want the stored text", customer[1].Body)
		}

		log, err := e.svc.Deliveries(e.ctx, sub.ID, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		oldest := log[len(log)-1]
		if oldest.EventType != "ticket.created" || oldest.State != "delivered" || len(oldest.Log) != 3 {
			t.Fatalf("first delivery: %+v", oldest)
		}
		a := oldest.Log // newest first
		if !a[0].OK || a[0].StatusCode != 200 || a[0].Response != `{"ok":true}` {
			t.Errorf("third attempt: %+v", a[0])
		}
		if a[1].OK || a[1].StatusCode != 0 || !strings.Contains(a[1].Error, "timed out") {
			t.Errorf("second attempt (timeout): %+v", a[1])
		}
		if a[2].OK || a[2].StatusCode != 500 || !strings.Contains(a[2].Response, "receiver down") {
			t.Errorf("first attempt (500): %+v", a[2])
		}
		s, err := e.svc.Get(e.ctx, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Active || s.ConsecutiveFailures != 0 {
			t.Errorf("after recovery: %+v", s)
		}
	})
}

// TestDisabledAfterPersistentFailure: a receiver that keeps failing for
// longer than the period is switched off with an alert to admins; nothing
// is attempted while it is off; switched on again, its deliveries land.
func TestDisabledAfterPersistentFailure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, nil)
		rcv := newReceiver(t, "fail")
		sub := e.subscribe(rcv.URL, ScopeMetadata, "ticket.created")
		e.customerTicket("u-2", "Where is my withdrawal?")
		e.pump()
		attempts := 0
		for range 10 {
			attempts += e.deliver()
			e.clock.Advance(20 * time.Minute)
		}
		s, err := e.svc.Get(e.ctx, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if s.Active || !strings.Contains(s.DisabledReason, "failed attempts") {
			t.Fatalf("after %d failed attempts over %v: %+v", attempts, 200*time.Minute, s)
		}
		// 3 failures in a row are not enough before an hour has passed
		// since the first: at 20-minute steps the 4th attempt switches it off.
		if attempts != 4 {
			t.Errorf("%d attempts before it was switched off; want 4", attempts)
		}
		evs, err := bus.Pending(e.ctx, e.db, 1000)
		if err != nil {
			t.Fatal(err)
		}
		alerts := 0
		for _, ev := range evs {
			if a, ok, err := auth.AlertRaised.Decode(ev); ok && err == nil && a.Alert == AlertDisabled {
				alerts++
				if a.Audience != string(auth.Admin) || !strings.Contains(a.Message, "CRM") {
					t.Errorf("alert: %+v", a)
				}
			}
		}
		if alerts != 1 {
			t.Errorf("%d alerts; want 1", alerts)
		}

		rcv.set("ok")
		e.clock.Advance(time.Hour)
		if n := e.deliver(); n != 0 || len(rcv.received()) != 0 {
			t.Fatalf("a switched-off subscription was attempted")
		}
		on := true
		if _, err := e.svc.Update(e.ctx, sub.ID, Input{Active: &on}); err != nil {
			t.Fatal(err)
		}
		e.deliver()
		if got := rcv.received(); len(got) != 1 || got[0].env.Type != "ticket.created" {
			t.Fatalf("after switching it on: %d deliveries", len(got))
		}
	})
}

// TestResend: a delivered event sent again arrives again with the same
// event id, a new delivery id and a fresh signature.
func TestResend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, nil)
		rcv := newReceiver(t, "ok")
		sub := e.subscribe(rcv.URL, ScopeMetadata, "ticket.created", "message.created")
		e.customerTicket("u-3", "Hello")
		e.pump()
		e.deliver()
		log, err := e.svc.Deliveries(e.ctx, sub.ID, 0, 10)
		if err != nil || len(log) != 2 {
			t.Fatalf("log: %v %v", log, err)
		}
		first := log[1]
		e.clock.Advance(time.Hour)
		again, err := e.svc.Resend(e.ctx, sub.ID, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.deliver()
		got := rcv.received()
		if len(got) != 3 {
			t.Fatalf("%d requests; want 3", len(got))
		}
		last := got[2]
		if last.header.Get(HeaderEventID) != got[0].header.Get(HeaderEventID) || last.header.Get(HeaderDelivery) != strconv.FormatInt(again.ID, 10) {
			t.Errorf("resend headers %v; first %v", last.header, got[0].header)
		}
		if string(last.body) != string(got[0].body) {
			t.Errorf("resend body differs")
		}
		if err := Verify([]byte(sub.Secret), last.header, last.body, e.clock.Now(), 0); err != nil {
			t.Errorf("resend does not verify: %v", err)
		}
		var msg MessageData
		if err := json.Unmarshal(got[1].env.Data, &msg); err != nil || msg.Body != nil {
			t.Errorf("metadata scope got a body: %s", got[1].env.Data)
		}
		if _, err := e.svc.Resend(e.ctx, sub.ID+1, first.ID); err == nil {
			t.Error("resend through another subscription's id worked")
		}

		// The log keeps delivered deliveries for the retention, then drops
		// them with their attempts.
		e.clock.Advance(DefaultRetention)
		if n, err := e.svc.Prune(e.ctx); err != nil || n != 2 {
			t.Fatalf("pruned %d (%v); want the 2 delivered a retention ago", n, err)
		}
		if log, err := e.svc.Deliveries(e.ctx, sub.ID, 0, 10); err != nil || len(log) != 1 || log[0].ID != again.ID || len(log[0].Log) != 1 {
			t.Errorf("after pruning: %+v %v", log, err)
		}
	})
}

// TestOneNodePerAttempt: two nodes delivering the same queue at once send
// each delivery once.
func TestOneNodePerAttempt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, nil)
		other, err := New(e.svc.cfg)
		if err != nil {
			t.Fatal(err)
		}
		rcv := newReceiver(t, "ok")
		e.subscribe(rcv.URL, ScopeMetadata, "ticket.created")
		e.subscribe(rcv.URL, ScopeMetadata, "ticket.created")
		for i := range 10 {
			e.customerTicket("u-n"+strconv.Itoa(i), "Hello")
		}
		e.pump()
		e.pump() // a redelivered batch queues nothing twice
		var wg sync.WaitGroup
		for _, s := range []*Service{e.svc, other} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := s.DeliverDue(e.ctx); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		seen := map[string]int{}
		for _, r := range rcv.received() {
			seen[r.header.Get(HeaderDelivery)]++
		}
		if len(seen) != 20 {
			t.Errorf("%d distinct deliveries; want 20", len(seen))
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("delivery %s sent %d times", id, n)
			}
		}
	})
}

// TestVerify: the documented check refuses a replayed (old) timestamp, a
// changed body, a wrong secret and missing headers.
func TestVerify(t *testing.T) {
	secret := []byte("whsec_test")
	body := []byte(`{"version":1,"event_id":7}`)
	at := time.Unix(1_800_000_000, 0)
	h := map[string][]string{HeaderTimestamp: {strconv.FormatInt(at.Unix(), 10)}, HeaderSignature: {Sign(secret, at, body)}}
	if err := Verify(secret, h, body, at.Add(time.Minute), 0); err != nil {
		t.Fatalf("fresh delivery: %v", err)
	}
	if err := Verify(secret, h, body, at.Add(DefaultTolerance+time.Second), 0); !errors.Is(err, ErrStale) {
		t.Errorf("replayed after the tolerance: %v", err)
	}
	if err := Verify(secret, h, []byte(`{"version":1,"event_id":8}`), at, 0); !errors.Is(err, ErrBadSignature) {
		t.Errorf("changed body: %v", err)
	}
	if err := Verify([]byte("other"), h, body, at, 0); !errors.Is(err, ErrBadSignature) {
		t.Errorf("wrong secret: %v", err)
	}
	if err := Verify(secret, map[string][]string{}, body, at, 0); !errors.Is(err, ErrNoSignature) {
		t.Errorf("no headers: %v", err)
	}
	// A timestamp moved forward to look fresh breaks the signature.
	moved := map[string][]string{HeaderTimestamp: {strconv.FormatInt(at.Add(time.Hour).Unix(), 10)}, HeaderSignature: h[HeaderSignature]}
	if err := Verify(secret, moved, body, at.Add(time.Hour), 0); !errors.Is(err, ErrBadSignature) {
		t.Errorf("moved timestamp: %v", err)
	}
	var seen Replays
	if !seen.Check("41", at) || seen.Check("41", at.Add(time.Minute)) {
		t.Error("Replays does not refuse a delivery id seen within the tolerance")
	}
}

// TestResealAfterRotation: after the keyring's active key changes, the
// secret and a waiting payload are sealed again with the new key, and the
// delivery still goes out, signed with the same secret.
func TestResealAfterRotation(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite), nil)
	rcv := newReceiver(t, "fail")
	sub := e.subscribe(rcv.URL, ScopeMetadata, "ticket.created")
	e.customerTicket("u-key", "Hello")
	e.pump()
	rotated, err := seal.New(seal.Key{ID: "k2", Bytes: bytes.Repeat([]byte("n"), seal.KeySize)}, seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	cfg := e.svc.cfg
	cfg.Sealer = rotated
	svc, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := svc.Reseal(e.ctx); err != nil || n != 2 {
		t.Fatalf("re-sealed %d (%v); want the secret and the payload", n, err)
	}
	if n, err := svc.Reseal(e.ctx); err != nil || n != 0 {
		t.Fatalf("second pass re-sealed %d (%v)", n, err)
	}
	onlyNew, err := seal.New(seal.Key{ID: "k2", Bytes: bytes.Repeat([]byte("n"), seal.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Sealer = onlyNew
	if svc, err = New(cfg); err != nil {
		t.Fatal(err)
	}
	rcv.set("ok")
	if _, err := svc.DeliverDue(e.ctx); err != nil {
		t.Fatal(err)
	}
	got := rcv.received()
	if len(got) != 1 {
		t.Fatalf("%d deliveries with the old key dropped", len(got))
	}
	if err := Verify([]byte(sub.Secret), got[0].header, got[0].body, e.clock.Now(), 0); err != nil {
		t.Error(err)
	}
}
