package account

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// env is the account service on a fresh database, the real audit log, the
// real verification store and the sandbox exchange.
type env struct {
	ctx     context.Context
	db      *store.DB
	log     *audit.Log
	tickets *ticket.Store
	levels  *auth.Verifications
	signer  auth.IdentitySigner
	clock   *store.FakeClock // the database's clock
	svc     *Service
}

var agent = ticket.Viewer{AgentID: 0, AllTeams: true}

// noScreen lets every text through: these tests are about accounts, not the guard.
type noScreen struct{}

func (noScreen) Inbound(state []byte, _ int64, text string) ticket.Screened {
	return ticket.Screened{Text: text, State: state}
}
func (noScreen) Outbound([]string, string) string { return "" }
func (noScreen) Warning(string, []string) string  { return "" }

func newEnv(db *store.DB) *env {
	e := &env{ctx: context.Background(), db: db, log: audit.New(db), signer: auth.IdentitySigner{Secret: []byte("exchange-secret")},
		clock: store.NewFakeClock(time.Now())}
	db.SetClock(e.clock.Now)
	e.levels = auth.NewVerifications(db, e.log, e.signer)
	keys, err := seal.New(seal.Key{ID: "a", Bytes: bytes.Repeat([]byte("a"), seal.KeySize)})
	if err != nil {
		panic(err)
	}
	if e.tickets, err = ticket.NewStore(db, e.log, noScreen{}, keys); err != nil {
		panic(err)
	}
	e.tickets.WithIdentity(e.levels)
	e.svc = &Service{Tickets: e.tickets, Levels: e.levels, Exchange: sandbox.New(nil), Audit: e.log}
	return e
}

// ticketFor opens an e-mail ticket (L0) for a sandbox user, or a chat ticket
// with the exchange's signed identity (L1) when signedIn.
func (e *env) ticketFor(t *testing.T, userID string, signedIn bool) ticket.Ticket {
	t.Helper()
	in := ticket.NewTicket{Subject: "Help", Message: "Please help with my account.", Channel: "email",
		Customer: ticket.NewCustomer{ExternalID: userID, Email: "someone@example.org", Name: "Some One"}}
	if signedIn {
		in.Channel, in.Customer.Identity = "chat", e.signer.Sign(userID, time.Hour)
	}
	tk, err := e.tickets.CreateForCustomer(e.ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

// stepUp has the agent ask and the customer confirm a fresh code for that
// request.
func (e *env) stepUp(t *testing.T, tk ticket.Ticket) {
	t.Helper()
	su, err := e.svc.RequestStepUp(e.ctx, agent, tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, nonce, err := e.levels.BeginStepUp(e.ctx, tk.Customer.ID, su.ID)
	if err != nil {
		t.Fatal(err)
	}
	id, err := e.signer.VerifyStepUp(e.signer.SignStepUp(tk.Customer.ExternalID, time.Now(), time.Hour, nonce))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.levels.CompleteStepUp(e.ctx, tk.Customer.ID, id); err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, err error, kind errs.Kind, contains ...string) {
	t.Helper()
	if !errs.Is(err, kind) {
		t.Fatalf("err = %v (%s), want %s", err, errs.KindOf(err), kind)
	}
	for _, c := range contains {
		if !strings.Contains(err.Error(), c) {
			t.Fatalf("err = %q, want it to mention %q", err, c)
		}
	}
}

// attempts are the audit records of account actions on a ticket, oldest first.
func (e *env) attempts(t *testing.T, ticketID int64) []map[string]any {
	t.Helper()
	entries, _, err := e.log.List(e.ctx, audit.Filter{Action: "customer.account_action", TargetKind: "ticket", TargetID: strconv.FormatInt(ticketID, 10)}, web.Page{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for i := len(entries) - 1; i >= 0; i-- {
		var d map[string]any
		if err := json.Unmarshal(entries[i].Detail, &d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

func TestAccountNeedsL1(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		anon := e.ticketFor(t, sandbox.UserOlena, false)
		_, err := e.svc.Account(e.ctx, agent, anon.ID)
		wantErr(t, err, errs.Forbidden, "needs customer verification level L1", "the customer is at L0", "step-up")

		signed := e.ticketFor(t, sandbox.UserOlena, true)
		a, err := e.svc.Account(e.ctx, agent, signed.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.UserID != sandbox.UserOlena || a.Email != "o***@example.com" || a.Name != "O*** K***" || !a.Masked ||
			a.KYCLevel != 2 || !a.TwoFactorEnabled || a.State != exchange.StateActive {
			t.Fatalf("account = %+v", a)
		}
		// Olena has a withdrawals lock (until lifted) and a timed new-address
		// hold; her expired settings lock is not shown.
		kinds := map[exchange.LockKind]*time.Time{}
		for _, l := range a.Locks {
			kinds[l.Kind] = l.Until
			if l.Label == "" || l.Reason == "" {
				t.Errorf("lock %+v lacks its label or reason", l)
			}
		}
		if until, ok := kinds[exchange.LockWithdrawals]; !ok || until != nil || len(kinds) != 2 {
			t.Fatalf("locks = %+v", a.Locks)
		}
		if until := kinds[exchange.LockNewAddressHold]; until == nil || !until.After(time.Now()) {
			t.Fatalf("new-address hold ends %v, want a time ahead", until)
		}
		// The identity that came with the chat ticket speaks for that ticket
		// only, not for who wrote the e-mail.
		if _, err := e.svc.Account(e.ctx, agent, anon.ID); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("an older anonymous ticket after a later signed-in one: %v, want Forbidden", err)
		}
		entries, _, _ := e.log.List(e.ctx, audit.Filter{Action: "customer.account_viewed"}, web.Page{Limit: 10})
		if len(entries) != 1 {
			t.Fatalf("%d account views audited, want 1 (refusals show nothing)", len(entries))
		}

		noUser, err := e.tickets.CreateForCustomer(e.ctx, ticket.NewTicket{Subject: "Hi", Message: "Hello", Channel: "email",
			Customer: ticket.NewCustomer{Email: "walk-in@example.org"}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.Account(e.ctx, agent, noUser.ID)
		wantErr(t, err, errs.Conflict, "no exchange user id")
		_, err = e.svc.RequestStepUp(e.ctx, agent, noUser.ID)
		wantErr(t, err, errs.Conflict, "no exchange user id")
	})
}

// TestActionsNeedL2AndRespectLocks: below L2 every action is refused with
// the level it needs; at L2 the exchange decides, and its locks hold.
// Every attempt is audited with its outcome.
func TestActionsNeedL2AndRespectLocks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		cases := []struct {
			name    string
			user    string
			action  string
			kind    errs.Kind // 0: done
			outcome string
			says    string
		}{
			{"2FA reset", sandbox.UserAn, exchange.ActionTwoFactorReset, 0, exchange.ResultRequested, "e-mailed the user"},
			{"unlock self-locked withdrawals", sandbox.UserMaria, exchange.ActionUnlockWithdrawals, 0, exchange.ResultDone, "unlocked"},
			{"unlock during a new-address hold", sandbox.UserOlena, exchange.ActionUnlockWithdrawals, errs.Conflict, OutcomeRefusedByExchange, "new_address_withdrawal_hold until"},
			{"unlock during a device-trust window", sandbox.UserLiWei, exchange.ActionUnlockWithdrawals, errs.Conflict, OutcomeRefusedByExchange, "device_trust_window"},
			{"2FA reset under a settings lock", sandbox.UserAyse, exchange.ActionTwoFactorReset, errs.Conflict, OutcomeRefusedByExchange, "settings_lock"},
			{"2FA reset of a frozen account", sandbox.UserKarim, exchange.ActionTwoFactorReset, errs.Conflict, OutcomeRefusedByExchange, "frozen"},
		}
		for _, c := range cases { // one user per case: an L2 is the customer's, on every ticket
			t.Run(c.name, func(t *testing.T) {
				tk := e.ticketFor(t, c.user, true)
				// L1: refused before the exchange is asked.
				_, err := e.svc.Act(e.ctx, agent, tk.ID, c.action)
				wantErr(t, err, errs.Forbidden, "needs customer verification level L2", "the customer is at L1")

				e.stepUp(t, tk)
				res, err := e.svc.Act(e.ctx, agent, tk.ID, c.action)
				if c.kind != 0 {
					wantErr(t, err, c.kind, c.says)
				} else if err != nil || res.Action != c.action || res.Status != c.outcome || !strings.Contains(res.Message, c.says) {
					t.Fatalf("Act = %+v, %v", res, err)
				}
				got := e.attempts(t, tk.ID)
				if len(got) != 2 || got[0]["outcome"] != OutcomeLevelTooLow || got[1]["outcome"] != c.outcome ||
					got[1]["level"] != "L2" || got[1]["user_id"] != c.user {
					t.Fatalf("audited attempts = %v", got)
				}
				if c.kind != 0 && !strings.Contains(got[1]["message"].(string), c.says) {
					t.Errorf("the audit lacks the exchange's explanation: %v", got[1])
				}
			})
		}

		// Olena's refused unlock changed nothing: both her locks remain.
		u, _ := e.svc.Exchange.User(e.ctx, sandbox.UserOlena)
		if len(u.Locks) != 2 {
			t.Fatalf("Olena's locks after a refused unlock: %+v", u.Locks)
		}
	})
}

func TestStaleL2AndUnknownAction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		tk := e.ticketFor(t, sandbox.UserMaria, true)
		e.stepUp(t, tk)
		lv, err := e.svc.Verification(e.ctx, agent, tk.ID)
		if err != nil || lv.Level != auth.L2 || lv.Until == nil {
			t.Fatalf("after the step-up: %+v, %v", lv, err)
		}
		e.clock.Set(lv.Until.Add(time.Second))
		_, err = e.svc.Act(e.ctx, agent, tk.ID, exchange.ActionTwoFactorReset)
		wantErr(t, err, errs.Forbidden, "needs customer verification level L2", "the customer is at L1")

		_, err = e.svc.Act(e.ctx, agent, tk.ID, "freeze_account")
		wantErr(t, err, errs.NotFound, "two_factor_reset and unlock_withdrawals")

		// A ticket of another team: refused, and the attempt audited.
		other := ticket.Viewer{AgentID: 9, Teams: []int64{42}}
		tk2 := e.ticketFor(t, sandbox.UserAn, true)
		e.route(t, tk2.ID)
		_, err = e.svc.Act(e.ctx, other, tk2.ID, exchange.ActionTwoFactorReset)
		wantErr(t, err, errs.Forbidden, "team you are not in")
		if got := e.attempts(t, tk2.ID); len(got) != 1 || got[0]["outcome"] != OutcomeNotVisible {
			t.Fatalf("attempts on another team's ticket = %v", got)
		}
	})
}

// route puts a ticket in a new team.
func (e *env) route(t *testing.T, ticketID int64) {
	t.Helper()
	err := e.db.Tx(e.ctx, func(ctx context.Context, tx *store.Tx) error {
		team, err := tx.InsertID(ctx, `INSERT INTO teams (name, created_at) VALUES ('Security', ?)`, store.Now())
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE tickets SET team_id = ? WHERE id = ?`, team, ticketID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestReveal(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		anon := e.ticketFor(t, sandbox.UserJordan, false)
		cases := []struct {
			reason string
			ok     bool
		}{
			{"", false},
			{"   because   ", false},
			{"short", false},
			{strings.Repeat("x", MaxRevealReason+1), false},
			{"customer asked to confirm the e-mail on file", true},
		}
		for _, c := range cases {
			out, err := e.svc.Reveal(e.ctx, agent, anon.ID, c.reason)
			if !c.ok {
				if fe, ok := errs.As(err); !ok || fe.Kind != errs.Invalid || fe.Field != "reason" {
					t.Fatalf("Reveal(%q) = %v, want Invalid on reason", c.reason, err)
				}
				continue
			}
			if err != nil || out.Customer.Email != "someone@example.org" || out.Customer.Name != "Some One" || out.Customer.Masked || out.Account != nil {
				t.Fatalf("Reveal at L0 = %+v, %v; want the ticket's data and no exchange record", out, err)
			}
		}
		signed := e.ticketFor(t, sandbox.UserJordan, true)
		out, err := e.svc.Reveal(e.ctx, agent, signed.ID, "checking the name against the KYC document")
		if err != nil || out.Account == nil || out.Account.Email != "jordan.lee@example.org" || out.Account.Name != "Jordan Lee" {
			t.Fatalf("Reveal at L1 = %+v, %v; want the exchange's record too", out, err)
		}
		entries, _, _ := e.log.List(e.ctx, audit.Filter{Action: "customer.pii_revealed"}, web.Page{Limit: 10})
		if len(entries) != 2 || entries[0].TargetKind != "customer" || !strings.Contains(string(entries[0].Detail), "checking the name against the KYC document") ||
			!strings.Contains(string(entries[0].Detail), "account.email") {
			t.Fatalf("reveal audit = %+v", entries)
		}
	})
}

func TestEveryLockKindHasALabel(t *testing.T) {
	for _, k := range exchange.LockKinds {
		if lockLabels[k] == "" {
			t.Errorf("lock kind %s has no label for the ticket page", k)
		}
	}
}

func FuzzRevealReason(f *testing.F) {
	for _, s := range []string{"", "short", "customer asked to confirm the e-mail", "  padded reason text  ", "a\x00bcdefghijk", "\xff\xfe reason text"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := checkReason(s)
		if err != nil {
			if fe, ok := errs.As(err); !ok || fe.Field != "reason" {
				t.Fatalf("checkReason(%q) = %v; want an error on reason", s, err)
			}
			return
		}
		n := utf8.RuneCountInString(got)
		if got != strings.TrimSpace(got) || n < MinRevealReason || n > MaxRevealReason || !utf8.ValidString(got) || strings.ContainsRune(got, 0) {
			t.Fatalf("checkReason(%q) accepted %q", s, got)
		}
	})
}

// refuseAll is a certification gate that lets no one through.
type refuseAll struct{ asked []string }

func (g *refuseAll) Clear(_ context.Context, agentID int64, gate string) error {
	g.asked = append(g.asked, gate)
	return errs.E(errs.Forbidden, "agent %d lacks the certification for %s", agentID, gate)
}

func TestActionsAskTheCertificationGate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		g := &refuseAll{}
		e.svc.Gate = g
		tk := e.ticketFor(t, sandbox.UserMaria, true)
		e.stepUp(t, tk)
		_, err := e.svc.Act(e.ctx, agent, tk.ID, exchange.ActionUnlockWithdrawals)
		wantErr(t, err, errs.Forbidden, "lacks the certification for tool:account_actions")
		if got := e.attempts(t, tk.ID); len(got) != 1 || got[0]["outcome"] != OutcomeNotCertified {
			t.Errorf("audited attempts = %v", got)
		}
		e.svc.Gate = nil
		if _, err := e.svc.Act(e.ctx, agent, tk.ID, exchange.ActionUnlockWithdrawals); err != nil {
			t.Errorf("without the gate: %v", err)
		}
	})
}
