package risk

import (
	"strconv"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		maria := sandbox.UserMaria

		t.Run("events within the window join one alert", func(t *testing.T) {
			res, err := e.svc.Accept(e.ctx, []exchange.RiskEvent{e.event("a1", exchange.RiskNewDeviceSignIn, maria)})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Opened) != 1 || res.Accepted != 1 {
				t.Fatalf("first event: %+v, want one alert opened", res)
			}
			first := res.Opened[0]
			e.clock.Advance(10 * time.Minute)
			res, err = e.svc.Accept(e.ctx, []exchange.RiskEvent{e.event("a2", exchange.RiskLargeWithdrawal, maria)})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Opened) != 0 || len(res.Joined) != 1 || res.Joined[0] != first {
				t.Fatalf("second event: %+v, want it to join alert %d", res, first)
			}
			o, err := e.svc.Outreach(e.ctx, first)
			if err != nil {
				t.Fatal(err)
			}
			if o.Events != 2 || o.Severity != "critical" {
				t.Errorf("alert: %d events, %s; want 2, critical (large withdrawal)", o.Events, o.Severity)
			}
			e.clock.Advance(Window)
			res, err = e.svc.Accept(e.ctx, []exchange.RiskEvent{e.event("a3", exchange.RiskPasswordChanged, maria)})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Opened) != 1 || res.Opened[0] == first {
				t.Fatalf("after the window: %+v, want a new alert", res)
			}
		})

		t.Run("a replayed event id refuses the batch and stores nothing", func(t *testing.T) {
			before := e.count(`SELECT COUNT(*) FROM risk_events`)
			_, err := e.svc.Accept(e.ctx, []exchange.RiskEvent{e.event("b1", exchange.RiskAPIKeyCreated, maria), e.event("a1", exchange.RiskNewDeviceSignIn, maria)})
			if !errs.Is(err, errs.Conflict) {
				t.Fatalf("replay: %v, want a conflict", err)
			}
			if after := e.count(`SELECT COUNT(*) FROM risk_events`); after != before {
				t.Errorf("replay stored %d events", after-before)
			}
		})

		t.Run("a burst of 1,000 events is one alert, not 1,000 mails", func(t *testing.T) {
			user := sandbox.UserAn
			for b := range 10 {
				var evs []exchange.RiskEvent
				for i := range MaxBatch {
					evs = append(evs, e.event("burst-"+strconv.Itoa(b)+"-"+strconv.Itoa(i), exchange.RiskSignInFailures, user))
				}
				if _, err := e.svc.Accept(e.ctx, evs); err != nil {
					t.Fatal(err)
				}
				e.clock.Advance(time.Second)
			}
			if n := e.count(`SELECT COUNT(*) FROM risk_outreach WHERE user_id = ?`, user); n != 1 {
				t.Errorf("%d alerts for the burst, want 1", n)
			}
			if n := e.count(`SELECT COUNT(*) FROM risk_events WHERE user_id = ?`, user); n != 1000 {
				t.Errorf("%d events stored, want all 1000", n)
			}
		})

		t.Run("at most DailyCap alerts a day", func(t *testing.T) {
			user := sandbox.UserOlena
			for i := range DailyCap + 3 {
				if _, err := e.svc.Accept(e.ctx, []exchange.RiskEvent{e.event("cap-"+strconv.Itoa(i), exchange.RiskAPIKeyCreated, user)}); err != nil {
					t.Fatal(err)
				}
				e.clock.Advance(Window + time.Minute)
			}
			if n := e.count(`SELECT COUNT(*) FROM risk_outreach WHERE user_id = ?`, user); n != DailyCap {
				t.Errorf("%d alerts in a day, want the cap %d", n, DailyCap)
			}
			if n := e.count(`SELECT COUNT(*) FROM risk_events WHERE user_id = ? AND outreach_id IS NOT NULL`, user); n != DailyCap+3 {
				t.Errorf("%d events joined an alert, want all %d", n, DailyCap+3)
			}
		})

		t.Run("rules: record only, and edits", func(t *testing.T) {
			user := sandbox.UserJordan
			res, err := e.svc.Accept(e.ctx, []exchange.RiskEvent{e.event("f1", exchange.RiskAccountFrozen, user)})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Opened)+len(res.Joined) != 0 {
				t.Errorf("account_frozen (record only by default) alerted: %+v", res)
			}
			if _, err := e.svc.SetRule(e.ctx, Rule{Kind: exchange.RiskAccountFrozen, Notify: false, Email: true, Severity: "info"}, "admin"); !errs.Is(err, errs.Invalid) {
				t.Errorf("e-mail without notify: %v, want invalid", err)
			}
			if _, err := e.svc.SetRule(e.ctx, Rule{Kind: "nope", Severity: "info"}, "admin"); !errs.Is(err, errs.Invalid) {
				t.Errorf("unknown kind: %v, want invalid", err)
			}
			if _, err := e.svc.SetRule(e.ctx, Rule{Kind: exchange.RiskAccountFrozen, Notify: true, Email: true, Severity: "critical"}, "admin"); err != nil {
				t.Fatal(err)
			}
			rs, err := e.svc.Rules(e.ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != len(exchange.RiskKinds) || rs[len(rs)-1].Kind != exchange.RiskAccountFrozen || !rs[len(rs)-1].Notify || rs[len(rs)-1].UpdatedBy != "admin" {
				t.Errorf("rules after the edit: %+v", rs)
			}
			res, err = e.svc.Accept(e.ctx, []exchange.RiskEvent{e.event("f2", exchange.RiskAccountFrozen, user)})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Opened) != 1 {
				t.Errorf("account_frozen after the edit: %+v, want an alert", res)
			}
		})

		t.Run("recent events, newest first", func(t *testing.T) {
			evs, err := e.svc.Recent(e.ctx, maria, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) != 3 || evs[0].ID != "a3" || evs[2].ID != "a1" || evs[2].Device != "Windows 10, Chrome" {
				t.Errorf("recent: %+v", evs)
			}
		})
	})
}
