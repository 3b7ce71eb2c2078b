package phone_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/phone"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
)

var t0 = time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)

func newService(t *testing.T, db *store.DB) (*phone.Service, *ticket.Store) {
	t.Helper()
	db.SetClock(store.NewFakeClock(t0).Now)
	keys, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	log := audit.New(db)
	ts, err := ticket.NewStore(db, log, ticketguard.New(), keys)
	if err != nil {
		t.Fatal(err)
	}
	return phone.New(db, ts, log), ts
}

func ev(id, call, typ string, at time.Duration) phone.Event {
	return phone.Event{ID: id, CallID: call, Type: typ, At: t0.Add(at), From: "+44 20 7946 0958"}
}

func handle(t *testing.T, s *phone.Service, e phone.Event) phone.Outcome {
	t.Helper()
	out, err := s.HandleEvent(context.Background(), e)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAnsweredCallWithTranscript(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newService(t, db)
		ctx := context.Background()
		if err := s.RememberNumber(ctx, "+442079460958", "user-9"); err != nil {
			t.Fatal(err)
		}
		ring := handle(t, s, ev("e1", "c1", phone.Ringing, 0))
		ans := ev("e2", "c1", phone.Answered, 5*time.Second)
		ans.Agent = "ana@groundcrew.example"
		handle(t, s, ans)
		end := ev("e3", "c1", phone.Ended, 3*time.Minute)
		end.Duration, end.RecordingURL = 175, "https://recordings.example/c1.mp3"
		end.Transcript = "Customer: my words are abandon ability able about above absent absorb abstract absurd abuse access accident"
		out := handle(t, s, end)
		if out.TicketID != ring.TicketID || out.State != phone.Ended || out.Missed || out.Callback != 0 {
			t.Fatalf("outcome %+v", out)
		}
		if dup := handle(t, s, end); !dup.Duplicate || dup.TicketID != ring.TicketID {
			t.Fatalf("replay: %+v", dup)
		}
		calls, err := s.Calls(ctx, ring.TicketID)
		if err != nil {
			t.Fatal(err)
		}
		c := calls[0]
		if len(calls) != 1 || c.Number != "+44 ••• ••• 58" || c.Agent != "ana@groundcrew.example" || c.Duration != 175 || c.AnsweredAt == nil || c.Missed {
			t.Fatalf("call log %+v", calls)
		}
		if ext := storetest.Scalar[string](t, db, `SELECT c.external_id FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`, ring.TicketID); ext != "user-9" {
			t.Fatalf("caller matched to %q", ext)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM messages WHERE ticket_id = ? AND author_kind = 'customer'`, ring.TicketID); n != 2 {
			t.Fatalf("customer messages: %d (the call and its transcript)", n)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'guard.secret_redacted'`); n != 1 {
			t.Fatalf("the seed phrase in the transcript was not redacted (%d)", n)
		}
	})
}

func TestMissedCallAndOutOfOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newService(t, db)
		ctx := context.Background()
		// A call that rang and ended: missed, a callback task.
		handle(t, s, ev("m1", "c2", phone.Ringing, 0))
		out := handle(t, s, ev("m2", "c2", phone.Ended, 40*time.Second))
		if !out.Missed || out.Callback == 0 {
			t.Fatalf("missed call: %+v", out)
		}
		cbs, err := s.Callbacks(ctx, phone.CallbackScheduled)
		if err != nil || len(cbs) != 1 || cbs[0].Source != phone.SourceMissed || cbs[0].TicketID != out.TicketID || cbs[0].Number != "+44 ••• ••• 58" {
			t.Fatalf("callbacks %+v %v", cbs, err)
		}
		// Out of order: "ended" first, then "answered" and a late "ringing".
		first := handle(t, s, ev("o3", "c3", phone.Ended, 2*time.Minute))
		if !first.Missed {
			t.Fatalf("ended before answered looks missed until answered arrives: %+v", first)
		}
		late := handle(t, s, ev("o2", "c3", phone.Answered, 10*time.Second))
		ring := handle(t, s, ev("o1", "c3", phone.Ringing, 0))
		if late.Missed || late.State != phone.Ended || ring.State != phone.Ended {
			t.Fatalf("late events: %+v %+v", late, ring)
		}
		cbs, err = s.Callbacks(ctx, phone.CallbackScheduled)
		if err != nil || len(cbs) != 1 {
			t.Fatalf("the answered call's callback should be cancelled: %+v %v", cbs, err)
		}
		// Both calls from the same number join its open phone ticket.
		if first.TicketID != out.TicketID {
			t.Fatalf("second call opened ticket %d, not %d", first.TicketID, out.TicketID)
		}
		calls, err := s.Calls(ctx, out.TicketID)
		if err != nil || len(calls) != 2 || !calls[0].StartedAt.Equal(t0) {
			t.Fatalf("calls %+v %v", calls, err)
		}
		// Done, audited.
		cb, err := s.SetCallbackStatus(ctx, cbs[0].ID, 1, phone.CallbackDone)
		if err != nil || cb.Status != phone.CallbackDone {
			t.Fatalf("done: %+v %v", cb, err)
		}
		if _, err := s.RevealNumber(ctx, cbs[0].ID, 1, "no"); !errs.Is(err, errs.Invalid) {
			t.Fatalf("reveal without a reason: %v", err)
		}
		if n, err := s.RevealNumber(ctx, cbs[0].ID, 1, "calling the customer back"); err != nil || n != "+442079460958" {
			t.Fatalf("reveal: %q %v", n, err)
		}
	})
}

func TestCallbackRequest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newService(t, db)
		ctx := context.Background()
		good := phone.CallbackRequest{Number: "+49 30 1234567", WindowStart: t0.Add(time.Hour), WindowEnd: t0.Add(3 * time.Hour), Language: "de", Source: phone.SourceWidget, ExternalID: "user-5"}
		for name, mut := range map[string]func(r *phone.CallbackRequest){
			"local number": func(r *phone.CallbackRequest) { r.Number = "030 1234567" },
			"letters":      func(r *phone.CallbackRequest) { r.Number = "+49 30 CALLME" },
			"empty window": func(r *phone.CallbackRequest) { r.WindowEnd = r.WindowStart },
			"long window":  func(r *phone.CallbackRequest) { r.WindowEnd = r.WindowStart.Add(13 * time.Hour) },
			"past window":  func(r *phone.CallbackRequest) { r.WindowStart, r.WindowEnd = t0.Add(-3*time.Hour), t0.Add(-time.Hour) },
			"far ahead": func(r *phone.CallbackRequest) {
				r.WindowStart, r.WindowEnd = t0.Add(40*24*time.Hour), t0.Add(40*24*time.Hour+time.Hour)
			},
			"bad source":   func(r *phone.CallbackRequest) { r.Source = "sms" },
			"bad language": func(r *phone.CallbackRequest) { r.Language = "xx" },
		} {
			r := good
			mut(&r)
			if _, err := s.RequestCallback(ctx, r); !errs.Is(err, errs.Invalid) {
				t.Errorf("%s: %v", name, err)
			}
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM tickets`); n != 0 {
			t.Fatalf("refused requests opened %d tickets", n)
		}
		good.VouchedNumber = "+49301234567" // the exchange's record, from the customer's token
		cb, err := s.RequestCallback(ctx, good)
		if err != nil || cb.Status != phone.CallbackScheduled || cb.Number != "+49 ••• ••• 67" {
			t.Fatalf("request: %+v %v", cb, err)
		}
		// The signed-in customer's vouched number now matches their calls.
		out := handle(t, s, phone.Event{ID: "x1", CallID: "c9", Type: phone.Ringing, At: t0, From: "+49301234567"})
		if ext := storetest.Scalar[string](t, db, `SELECT c.external_id FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`, out.TicketID); ext != "user-5" {
			t.Fatalf("caller matched to %q", ext)
		}
	})
}

func TestSignature(t *testing.T) {
	secret := []byte("phone-secret")
	body := []byte(`{"id":"e1"}`)
	now := time.Unix(1_800_000_000, 0)
	ts := now.Unix()
	sig := phone.Sign(secret, ts, body)
	itoa := func(n int64) string { b, _ := json.Marshal(n); return string(b) }
	cases := []struct {
		name, ts, sig string
		body          []byte
		ok            bool
	}{
		{"good", itoa(ts), sig, body, true},
		{"rotated secrets", itoa(ts), "v1=00," + sig, body, true},
		{"other body", itoa(ts), sig, []byte(`{"id":"e2"}`), false},
		{"other time", itoa(ts + 1), sig, body, false},
		{"too old", itoa(ts - 301), phone.Sign(secret, ts-301, body), body, false},
		{"future", itoa(ts + 301), phone.Sign(secret, ts+301, body), body, false},
		{"no timestamp", "", sig, body, false},
		{"no signature", itoa(ts), "", body, false},
		{"other key", itoa(ts), phone.Sign([]byte("x"), ts, body), body, false},
	}
	for _, c := range cases {
		err := phone.CheckSignature(secret, c.ts, c.sig, c.body, now)
		if (err == nil) != c.ok || err != nil && !errs.Is(err, errs.Unauthorized) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if err := phone.CheckSignature(nil, itoa(ts), sig, body, now); !errs.Is(err, errs.Unavailable) {
		t.Errorf("no secret: %v", err)
	}
}

func TestParseEvent(t *testing.T) {
	good := `{"id":"e1","call_id":"c1","type":"ended","at":"2026-12-05T09:00:00Z","from":"+1 (800) 555-0199","duration_seconds":3}`
	e, err := phone.ParseEvent([]byte(good))
	if err != nil || e.From != "+18005550199" {
		t.Fatalf("%+v %v", e, err)
	}
	for _, bad := range []string{
		`{`, `[]`, `{"id":"e1"}`,
		strings.Replace(good, `"ended"`, `"hangup"`, 1),
		strings.Replace(good, `"+1 (800) 555-0199"`, `"8005550199"`, 1),
		strings.Replace(good, `"duration_seconds":3`, `"duration_seconds":-3`, 1),
		strings.Replace(good, `}`, `,"recording_url":"javascript:alert(1)"}`, 1),
		strings.Replace(good, `}`, `,"extra":1}`, 1),
		strings.Replace(good, `}`, `,"transcript":"`+strings.Repeat("a", ticket.MaxBody)+`"}`, 1),
	} {
		if _, err := phone.ParseEvent([]byte(bad)); err == nil {
			t.Errorf("accepted %.80s", bad)
		}
	}
}

func FuzzParseEvent(f *testing.F) {
	f.Add([]byte(`{"id":"e1","call_id":"c1","type":"ringing","at":"2026-12-05T09:00:00Z","from":"+442079460958"}`))
	f.Add([]byte(`{"id":"e1","call_id":"c1","type":"ended","at":"2026-12-05T09:00:00Z","from":"00 44 20","recording_url":"https://x/y"}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		e, err := phone.ParseEvent(raw)
		if err != nil {
			return
		}
		if n, err := phone.Normalize(e.From); err != nil || n != e.From {
			t.Fatalf("from %q not normalised: %q %v", e.From, n, err)
		}
		if m := phone.Mask(e.From); strings.Contains(m, e.From[3:len(e.From)-2]) && len(e.From) > 8 {
			t.Fatalf("mask %q shows the number %q", m, e.From)
		}
	})
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"+44 20 7946 0958", "0044 (20) 7946-0958", "+0", "+", "", "+1234567890123456", "+١٢٣٤٥٦٧٨٩"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := phone.Normalize(s)
		if err != nil {
			return
		}
		if len(n) < 9 || len(n) > 16 || n[0] != '+' || strings.Trim(n[1:], "0123456789") != "" {
			t.Fatalf("%q normalised to %q", s, n)
		}
		if again, err := phone.Normalize(n); err != nil || again != n {
			t.Fatalf("not idempotent: %q %q %v", n, again, err)
		}
	})
}

// A number typed into a callback form is the typist's say-so. A signed-in
// customer who types another customer's number (by mistake or not) does
// not take over that customer's calls: the exchange's link stands, and
// the other customer's next call lands on their own ticket, not in the
// typist's requests.
func TestTypedNumberTakesNoOneElsesCalls(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newService(t, db)
		ctx := context.Background()
		if err := s.RememberNumber(ctx, "+49 30 1234567", "victim-1"); err != nil {
			t.Fatal(err)
		}
		typed := phone.CallbackRequest{Number: "+49 30 1234567", WindowStart: t0.Add(time.Hour), WindowEnd: t0.Add(3 * time.Hour),
			Language: "de", Source: phone.SourceWidget, ExternalID: "typist-2"}
		if _, err := s.RequestCallback(ctx, typed); err != nil {
			t.Fatal(err)
		}
		out := handle(t, s, phone.Event{ID: "v1", CallID: "cv", Type: phone.Ringing, At: t0, From: "+49301234567"})
		if ext := storetest.Scalar[string](t, db, `SELECT c.external_id FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`, out.TicketID); ext != "victim-1" {
			t.Errorf("the number's call matched to %q, want victim-1 (the exchange's link)", ext)
		}
		// An anonymous visitor who types that number files their request
		// under the number, not under the customer who owns it.
		anon := typed
		anon.ExternalID, anon.Source = "", phone.SourceHelp
		cb, err := s.RequestCallback(ctx, anon)
		if err != nil {
			t.Fatal(err)
		}
		if ext := storetest.Scalar[string](t, db, `SELECT c.external_id FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`, cb.TicketID); ext == "victim-1" {
			t.Errorf("an anonymous callback request was filed under victim-1's account")
		}
	})
}

// Only a number the exchange vouched for (its identity token's
// phone_number) matches calls to an account. A signed-in customer who
// types a number nobody has linked yet does not receive that number's
// calls; the vouched owner then takes the number over, and their calls
// land in their account.
func TestOnlyVouchedNumbersMatchCalls(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newService(t, db)
		ctx := context.Background()
		owner := func(ticketID int64) string {
			return storetest.Scalar[string](t, db, `SELECT c.external_id FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`, ticketID)
		}
		typed := phone.CallbackRequest{Number: "+48 22 123 45 67", WindowStart: t0.Add(time.Hour), WindowEnd: t0.Add(3 * time.Hour),
			Language: "pl", Source: phone.SourceWidget, ExternalID: "typist-3"}
		cb, err := s.RequestCallback(ctx, typed)
		if err != nil {
			t.Fatal(err)
		}
		if got := owner(cb.TicketID); got != "typist-3" {
			t.Fatalf("the callback request itself is filed under %q, want typist-3", got)
		}
		if n, err := s.KnownNumber(ctx, "typist-3"); err != nil || n != "+48221234567" {
			t.Fatalf("typed number not remembered for the typist's next form: %q %v", n, err)
		}
		call := handle(t, s, phone.Event{ID: "u1", CallID: "cu1", Type: phone.Ringing, At: t0, From: "+48221234567"})
		if got := owner(call.TicketID); got == "typist-3" {
			t.Fatalf("a call from a number the typist only typed landed in their account")
		}
		handle(t, s, phone.Event{ID: "u2", CallID: "cu1", Type: phone.Ended, At: t0.Add(time.Minute), From: "+48221234567"})

		vouched := typed
		vouched.ExternalID, vouched.VouchedNumber = "owner-4", "+48 22 123 45 67"
		if _, err := s.RequestCallback(ctx, vouched); err != nil {
			t.Fatal(err)
		}
		call = handle(t, s, phone.Event{ID: "u3", CallID: "cu2", Type: phone.Ringing, At: t0.Add(time.Hour), From: "+48221234567"})
		if got := owner(call.TicketID); got != "owner-4" {
			t.Fatalf("a call from the vouched number matched %q, want owner-4", got)
		}
		// The typist's claim cannot take the verified number back.
		if _, err := s.RequestCallback(ctx, typed); err != nil {
			t.Fatal(err)
		}
		if ext := storetest.Scalar[string](t, db, `SELECT external_id FROM phone_numbers WHERE number = ?`, "+48221234567"); ext != "owner-4" {
			t.Fatalf("a typed claim re-pointed the verified link to %q", ext)
		}
		bad := typed
		bad.ExternalID, bad.VouchedNumber = "owner-5", "not a number"
		if _, err := s.RequestCallback(ctx, bad); errs.KindOf(err) != errs.Invalid {
			t.Fatalf("a token with a malformed phone_number: %v, want invalid", err)
		}
	})
}
