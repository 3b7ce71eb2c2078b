package status

import (
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func TestMaintenanceIsAnnouncedRemindedStartedAndEnded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		sub := e.subscribe("ops@example.com", "bitcoin")
		_ = sub
		m := e.open(NewIncident{Kind: KindMaintenance, Components: []string{"network:bitcoin"},
			Titles: en("Bitcoin node upgrade"), Bodies: en("Deposits pause for 30 minutes."),
			StartsAt: start.Add(48 * time.Hour), EndsAt: start.Add(48*time.Hour + 30*time.Minute)})
		if m.State != Scheduled || m.Impact != Maintenance {
			t.Fatalf("scheduled = %s %s", m.State, m.Impact)
		}
		sn := e.svc.Current(e.ctx)
		if len(sn.Upcoming) != 1 || len(sn.Active) != 0 || componentState(sn, "network:bitcoin") != Operational {
			t.Fatalf("announced: %d upcoming, %d active, bitcoin %s", len(sn.Upcoming), len(sn.Active), componentState(sn, "network:bitcoin"))
		}
		e.consume()
		if got := e.mail.notified; len(got) != 1 || got[0] != "ops@example.com "+TagFor(m.ID) {
			t.Fatalf("announcement mailed to %v", got)
		}
		steps := []struct {
			advance   time.Duration
			reminders int
			state     string
		}{
			{23 * time.Hour, 0, Scheduled},                // 25 h before
			{time.Hour + time.Minute, 1, Scheduled},       // 23:59 before: the 24 h reminder
			{time.Hour, 1, Scheduled},                     // no second 24 h reminder
			{22*time.Hour + 30*time.Minute, 2, Scheduled}, // 29 min before: the 1 h one
			{30 * time.Minute, 2, Open},                   // started
			{30 * time.Minute, 2, Resolved},               // ended
		}
		for i, st := range steps {
			e.clock.Advance(st.advance)
			if err := e.svc.Tick(e.ctx); err != nil {
				t.Fatal(err)
			}
			if n := e.count("status.maintenance_reminder"); n != st.reminders {
				t.Fatalf("step %d: %d reminders, want %d", i, n, st.reminders)
			}
			got, err := e.svc.Incident(e.ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.State != st.state {
				t.Fatalf("step %d: state %s, want %s", i, got.State, st.state)
			}
			if st.state == Open && componentState(e.svc.Current(e.ctx), "network:bitcoin") != Maintenance {
				t.Fatalf("bitcoin not in maintenance while it runs")
			}
		}
		e.consume()
		// Announced, two reminders, resolved.
		if n := len(e.mail.notified); n != 4 {
			t.Fatalf("%d mails to the subscriber, want 4: %v", n, e.mail.notified)
		}
	})
}

func (e *env) subscribe(addr, network string) string {
	e.t.Helper()
	if err := e.svc.Subscribe(e.ctx, addr, network, "en"); err != nil {
		e.t.Fatal(err)
	}
	link := e.mail.confirms[len(e.mail.confirms)-1]
	token := link[strings.Index(link, "token=")+len("token="):]
	if _, err := e.svc.Confirm(e.ctx, token); err != nil {
		e.t.Fatal(err)
	}
	return token
}

func TestSubscriptionDoubleOptIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		if err := e.svc.Subscribe(e.ctx, "Someone <a@example.com>", "tron", "de"); !errs.Is(err, errs.Invalid) {
			t.Fatalf("display name: %v", err)
		}
		if err := e.svc.Subscribe(e.ctx, "a@example.com", "dogechain", "de"); !errs.Is(err, errs.Invalid) {
			t.Fatalf("unknown network: %v", err)
		}
		if err := e.svc.Subscribe(e.ctx, "a@Example.COM", "tron", "de"); err != nil {
			t.Fatal(err)
		}
		if len(e.mail.confirms) != 1 || !strings.HasPrefix(e.mail.confirms[0], "https://support.example/status/confirm?token=") {
			t.Fatalf("confirmation links %v", e.mail.confirms)
		}
		// Unconfirmed: not told.
		in := e.open(NewIncident{Components: []string{"network:tron"}, Titles: en("Tron slow"), Bodies: en("b")})
		e.consume()
		if len(e.mail.notified) != 0 {
			t.Fatalf("unconfirmed address mailed: %v", e.mail.notified)
		}
		link := e.mail.confirms[0]
		token := link[strings.Index(link, "token=")+6:]
		// Forged by one character that surely differs: a token ending in
		// "x" (one in 64) was "forged" into itself once in CI.
		mid := len(token) / 2
		swap := "A"
		if token[mid] == 'A' {
			swap = "B"
		}
		if _, err := e.svc.Confirm(e.ctx, token[:mid]+swap+token[mid+1:]); !errs.Is(err, errs.NotFound) {
			t.Fatalf("forged token: %v", err)
		}
		sub, err := e.svc.Confirm(e.ctx, token)
		if err != nil || sub.Email != "a@example.com" || sub.Lang != "de" {
			t.Fatalf("confirm: %+v %v", sub, err)
		}
		if _, err := e.svc.Resolve(e.ctx, in.ID, NewUpdate{Bodies: en("ok")}); err != nil {
			t.Fatal(err)
		}
		e.consume()
		if len(e.mail.notified) != 1 {
			t.Fatalf("confirmed subscriber told %v", e.mail.notified)
		}
		unsub := e.mail.unsubs[0]
		if err := e.svc.Unsubscribe(e.ctx, unsub[strings.Index(unsub, "token=")+6:]); err != nil {
			t.Fatal(err)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM status_subscriptions`); n != 0 {
			t.Fatalf("%d subscriptions after unsubscribe", n)
		}
	})
}

func TestExchangeFeedOpensAndResolvesIncidents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		x := sandbox.New(e.clock.Now)
		feed := &ExchangeFeed{Status: e.svc, Exchange: x}
		assets, err := x.Assets(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		var tron string
		for _, a := range assets {
			if a.Network == "tron" && a.WithdrawalsEnabled {
				tron = a.Symbol
				break
			}
		}
		if tron == "" {
			t.Fatal("the sandbox has no asset on tron")
		}
		if err := feed.Check(e.ctx); err != nil {
			t.Fatal(err)
		}
		base := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM status_incidents`)
		if err := x.SetAssetEnabled("tron", tron, true, false); err != nil {
			t.Fatal(err)
		}
		for range 2 { // twice: one incident
			if err := feed.Check(e.ctx); err != nil {
				t.Fatal(err)
			}
		}
		in, ok := e.svc.OpenIncidentFor("tron", tron, "")
		if !ok || in.Impact != WithdrawalsSuspended || in.Source != "exchange:tron:"+strings.ToLower(tron)+":withdrawals" {
			t.Fatalf("incident for %s on tron: %v %+v", tron, ok, in)
		}
		if in.Title("fr") != "Tron "+tron+": Retraits suspendus" {
			t.Fatalf("French title %q", in.Title("fr"))
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM status_incidents`); n != base+1 {
			t.Fatalf("%d incidents, want %d", n, base+1)
		}
		if err := x.SetAssetEnabled("tron", tron, true, true); err != nil {
			t.Fatal(err)
		}
		if err := feed.Check(e.ctx); err != nil {
			t.Fatal(err)
		}
		if _, ok := e.svc.OpenIncidentFor("tron", tron, ""); ok {
			t.Fatal("incident still open after withdrawals resumed")
		}
	})
}

// TestUnsubscribeStopsEveryMail: an address subscribed to all networks
// and to one of them gets one mail per incident; its one-click
// unsubscribe must stop the mails, not just remove the subscription row
// whose token the mail happened to carry (the other kept mailing).
func TestUnsubscribeStopsEveryMail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		for _, network := range []string{"", "tron"} {
			if err := e.svc.Subscribe(e.ctx, "a@example.com", network, "en"); err != nil {
				t.Fatal(err)
			}
			link := e.mail.confirms[len(e.mail.confirms)-1]
			if _, err := e.svc.Confirm(e.ctx, link[strings.Index(link, "token=")+6:]); err != nil {
				t.Fatal(err)
			}
		}
		// Someone else subscribed too: their subscription stays.
		if err := e.svc.Subscribe(e.ctx, "b@example.com", "", "en"); err != nil {
			t.Fatal(err)
		}
		link := e.mail.confirms[len(e.mail.confirms)-1]
		if _, err := e.svc.Confirm(e.ctx, link[strings.Index(link, "token=")+6:]); err != nil {
			t.Fatal(err)
		}
		e.open(NewIncident{Components: []string{"network:tron"}, Titles: en("Tron slow"), Bodies: en("b")})
		e.consume()
		var unsub string
		for i, to := range e.mail.notified {
			if strings.HasPrefix(to, "a@example.com ") {
				unsub = e.mail.unsubs[i]
			}
		}
		if unsub == "" {
			t.Fatalf("a@example.com not told: %v", e.mail.notified)
		}
		if err := e.svc.Unsubscribe(e.ctx, unsub[strings.Index(unsub, "token=")+6:]); err != nil {
			t.Fatal(err)
		}
		e.mail.notified = nil
		e.open(NewIncident{Components: []string{"network:tron"}, Titles: en("Tron slow again"), Bodies: en("b")})
		e.consume()
		if strings.Join(e.mail.notified, ",") == "" || strings.Contains(strings.Join(e.mail.notified, ","), "a@example.com") {
			t.Fatalf("after a@example.com unsubscribed, mails went to %v", e.mail.notified)
		}
	})
}

// TestOldUnsubscribeLinkStillWorks: a customer clicks the unsubscribe
// link of a months-old status mail, after later mails were sent and after
// the link keys rotated: it still stops the mails. Clicking it again says
// unsubscribed; a link with a forged or borrowed signature changes nothing.
func TestOldUnsubscribeLinkStillWorks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		old := []byte("the-key-of-last-spring-0123456789")
		e.svc.linkKeys = [][]byte{old}
		for _, addr := range []string{"a@example.com", "b@example.com"} {
			if err := e.svc.Subscribe(e.ctx, addr, "", "en"); err != nil {
				t.Fatal(err)
			}
			link := e.mail.confirms[len(e.mail.confirms)-1]
			if _, err := e.svc.Confirm(e.ctx, link[strings.Index(link, "token=")+6:]); err != nil {
				t.Fatal(err)
			}
		}
		tokenTo := func(addr string) string {
			for i := len(e.mail.notified) - 1; i >= 0; i-- {
				if strings.HasPrefix(e.mail.notified[i], addr+" ") {
					u := e.mail.unsubs[i]
					return u[strings.Index(u, "token=")+6:]
				}
			}
			t.Fatalf("%s was not told: %v", addr, e.mail.notified)
			return ""
		}
		e.open(NewIncident{Components: []string{"network:tron"}, Titles: en("Tron slow"), Bodies: en("b")})
		e.consume()
		first, firstB := tokenTo("a@example.com"), tokenTo("b@example.com")
		// Months later: a new key signs, the old one still verifies.
		e.clock.Advance(120 * 24 * time.Hour)
		e.svc.linkKeys = [][]byte{[]byte("the-key-of-this-autumn-0123456789"), old}
		e.open(NewIncident{Components: []string{"network:tron"}, Titles: en("Tron slow again"), Bodies: en("b")})
		e.consume()
		if latest := tokenTo("a@example.com"); latest == first {
			t.Fatal("the new mail's link is signed with the old key")
		}

		forged := first[:strings.Index(first, ".")] + firstB[strings.Index(firstB, "."):] // a's address, b's signature
		for _, bad := range []string{forged, first[:len(first)-2] + "xx", "bm9ib2R5QGV4YW1wbGUuY29t.AAAAAAAAAAAAAAAAAAAAAAAA"} {
			if err := e.svc.Unsubscribe(e.ctx, bad); !errs.Is(err, errs.NotFound) {
				t.Errorf("Unsubscribe(%q) = %v, want not found", bad, err)
			}
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM status_subscriptions`); n != 2 {
			t.Fatalf("%d subscriptions after refused links, want 2", n)
		}
		for range 2 { // the second click finds nothing left to remove
			if err := e.svc.Unsubscribe(e.ctx, first); err != nil {
				t.Fatalf("the first mail's link: %v", err)
			}
		}
		if left := storetest.Scalar[string](t, db, `SELECT email FROM status_subscriptions`); left != "b@example.com" {
			t.Fatalf("left subscribed: %s, want only b@example.com", left)
		}
	})
}
