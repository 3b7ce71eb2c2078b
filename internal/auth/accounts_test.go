package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// from is ctx as a request from client address ip.
func from(ctx context.Context, ip string) context.Context {
	return audit.WithActor(ctx, audit.Actor{Kind: audit.ActorAPI, ID: "anonymous", IP: ip})
}

// retryAfter is the wait a rate-limited error asks for, or 0.
func retryAfter(err error) time.Duration {
	if e, ok := errs.As(err); ok && e.Kind == errs.RateLimited {
		return e.RetryAfter
	}
	return 0
}

// TestSignInSlowsDown: failures slow the next attempt down, per e-mail and
// per address; nothing locks the agent out for longer than the short
// per-e-mail wait, and the right password works as soon as it has passed.
func TestSignInSlowsDown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		a := f.agent(t, "ana@example.com", Tier1)
		ctx := from(f.ctx, "198.51.100.7")
		wrong := Credentials{Email: a.Email, Password: "not the password"}

		for i := range throttleEmail.free {
			_, err := f.svc.SignIn(ctx, wrong)
			checkErr(t, fmt.Sprintf("free failure %d", i+1), err, errs.Unauthorized)
		}
		// Each further failure doubles the wait: 1 s, 2 s, 4 s, ...
		for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
			_, err := f.svc.SignIn(ctx, wrong)
			checkErr(t, fmt.Sprintf("failure %d after the free ones", i+1), err, errs.Unauthorized)
			_, err = f.svc.SignIn(ctx, Credentials{Email: a.Email, Password: testPassword})
			if got := retryAfter(err); got != want {
				t.Fatalf("right password right after failure %d: %v (wait %v), want a wait of %v", i+1, err, got, want)
			}
			f.clock.Advance(want)
		}
		// A distributed attack, each failure from another address: the
		// e-mail's wait stops at a minute, and the agent gets in after it.
		for i := range 20 {
			f.svc.SignIn(from(f.ctx, fmt.Sprintf("198.51.100.%d", 100+i)), wrong)
			f.clock.Advance(throttleEmail.maxDelay)
		}
		_, err := f.svc.SignIn(from(f.ctx, "198.51.100.99"), wrong)
		checkErr(t, "a failure once the wait passed", err, errs.Unauthorized)
		right := Credentials{Email: a.Email, Password: testPassword}
		_, err = f.svc.SignIn(from(f.ctx, "192.0.2.1"), right)
		if got := retryAfter(err); got != throttleEmail.maxDelay {
			t.Fatalf("right password from another address under attack: %v, want a wait of %v", err, throttleEmail.maxDelay)
		}
		f.clock.Advance(throttleEmail.maxDelay)
		if _, err := f.svc.SignIn(from(f.ctx, "192.0.2.1"), right); err != nil {
			t.Fatalf("the agent is locked out after the wait: %v", err)
		}

		// One address trying many e-mails (credential stuffing) waits longer
		// and longer, past the e-mail's cap.
		stuffer := from(f.ctx, "203.0.113.66")
		var wait time.Duration
		for i := 0; wait <= throttleEmail.maxDelay && i < 100; i++ {
			_, err := f.svc.SignIn(stuffer, Credentials{Email: fmt.Sprintf("u%d@example.com", i), Password: "x"})
			if wait = retryAfter(err); wait <= throttleEmail.maxDelay {
				f.clock.Advance(wait)
			}
		}
		if wait <= throttleEmail.maxDelay {
			t.Errorf("the stuffing address waits at most %v", wait)
		}
		_, err = f.svc.SignIn(stuffer, right)
		checkErr(t, "right password from the stuffing address", err, errs.RateLimited)
		// An hour after its last failure the address is forgotten.
		f.clock.Advance(ThrottleWindow + throttleIP.maxDelay)
		_, err = f.svc.SignIn(stuffer, right)
		checkErr(t, "an hour later", err, ok)
	})
}

// TestSignInAlertWithoutLockout: many failures raise one alert for
// supervisors, and the agent can still sign in.
func TestSignInAlertWithoutLockout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		a := f.agent(t, "victim@example.com", Tier1)
		for range AlertAfterFailures + 3 {
			f.svc.SignIn(f.ctx, Credentials{Email: a.Email, Password: "wrong"})
			f.clock.Advance(throttleEmail.maxDelay)
		}
		alerts := f.audited(t, "alert.raised")
		if len(alerts) != 1 || alerts[0].TargetID != itoa(a.ID) || !strings.Contains(string(alerts[0].Detail), `"alert":"`+AlertSignInFailures+`"`) ||
			!strings.Contains(string(alerts[0].Detail), `"audience":"supervisor"`) {
			t.Fatalf("alerts: %+v", alerts)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM outbox WHERE type = 'alert.raised'`); n != 1 {
			t.Errorf("%d alert.raised events, want 1", n)
		}
		if _, err := f.svc.SignIn(f.ctx, Credentials{Email: a.Email, Password: testPassword}); err != nil {
			t.Fatalf("the agent cannot sign in after the alert: %v", err)
		}
		// Unknown e-mails raise nothing: there is nobody to alert about.
		for range AlertAfterFailures + 1 {
			f.svc.SignIn(f.ctx, Credentials{Email: "nobody@example.com", Password: "wrong"})
			f.clock.Advance(throttleEmail.maxDelay)
		}
		if n := len(f.audited(t, "alert.raised")); n != 1 {
			t.Errorf("%d alerts after failures on an unknown e-mail, want still 1", n)
		}
	})
}

// TestSignInDoesNotTellAccountsApart: an existing e-mail and an unknown one
// get the same error, and the same throttling, step by step.
func TestSignInDoesNotTellAccountsApart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		f.agent(t, "ana@example.com", Tier1)
		off := f.agent(t, "off@example.com", Tier1)
		if _, err := f.svc.UpdateAgent(f.ctx, off.ID, AgentUpdate{Active: ptr(false)}); err != nil {
			t.Fatal(err)
		}
		answers := func(email, password string) []string {
			var out []string
			for range throttleEmail.free + 2 {
				_, err := f.svc.SignIn(f.ctx, Credentials{Email: email, Password: password})
				e, _ := errs.As(err)
				out = append(out, fmt.Sprintf("%v %q %v", e.Kind, strings.Split(e.Msg, ";")[0], e.RetryAfter))
			}
			return out
		}
		known := answers("ana@example.com", "wrong password")
		for _, other := range []struct{ email, password string }{
			{"nobody@example.com", "wrong password"},
			{"off@example.com", testPassword}, // deactivated, right password
		} {
			if got := answers(other.email, other.password); strings.Join(got, "\n") != strings.Join(known, "\n") {
				t.Errorf("%s answers\n%s\nwhile an existing agent's e-mail answers\n%s", other.email, strings.Join(got, "\n"), strings.Join(known, "\n"))
			}
		}
	})
}

// TestTOTPCodeUsedOnce: two concurrent sign-ins with one code, on any
// engine, let exactly one in.
func TestTOTPCodeUsedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		a := f.agent(t, "ana@example.com", Tier3)
		secret := f.enrol(t, a)
		f.clock.Advance(totpPeriod * time.Second)
		code := codeAt(t, secret, f.clock.Now())
		var wg sync.WaitGroup
		results := make([]error, 4)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, results[i] = f.svc.SignIn(f.ctx, Credentials{Email: a.Email, Password: testPassword, TOTP: code})
			}()
		}
		wg.Wait()
		signedIn := 0
		for _, err := range results {
			if err == nil {
				signedIn++
			} else if !errs.Is(err, errs.Unauthorized) {
				t.Errorf("concurrent sign-in: %v", err)
			}
		}
		if signedIn != 1 {
			t.Fatalf("%d sign-ins with one code, want 1", signedIn)
		}
	})
}

// enrol turns TOTP on for a and returns the secret.
func (f fixture) enrol(t *testing.T, a Agent) string {
	t.Helper()
	enr, err := f.svc.StartTOTP(f.ctx, a.ID, Reauth{Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.ConfirmTOTP(f.ctx, a.ID, codeAt(t, enr.Secret, f.clock.Now())); err != nil {
		t.Fatal(err)
	}
	return enr.Secret
}

// TestPasswordChange: the change ends the other sessions and revokes the
// tokens sessions minted, unless asked to keep them; tokens minted at
// start-up stay; the whole change is audited.
func TestPasswordChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, keep := range []bool{false, true} {
			t.Run(fmt.Sprintf("keep tokens %v", keep), func(t *testing.T) {
				f := newFixture(db)
				a := f.agent(t, fmt.Sprintf("ana-%v@example.com", keep), Tier1)
				current, other := f.signIn(t, a.Email), f.signIn(t, a.Email)
				asSession := WithPrincipal(f.ctx, Principal{Agent: a, Via: "session"})
				minted, err := f.svc.CreateToken(asSession, a.ID, "laptop", "")
				if err != nil {
					t.Fatal(err)
				}
				system, err := f.svc.CreateToken(f.ctx, a.ID, "bootstrap", "")
				if err != nil {
					t.Fatal(err)
				}
				if minted.MintedBy != "session" || system.MintedBy != "system" {
					t.Fatalf("minted by %q and %q, want session and system", minted.MintedBy, system.MintedBy)
				}

				_, err = f.svc.ChangeOwnPassword(f.ctx, a.ID, "not the password", PasswordChange{Password: "a new long password", KeepSession: current.Token})
				wantKind(t, err, errs.Invalid, "current_password")
				_, err = f.svc.ChangeOwnPassword(f.ctx, a.ID, testPassword, PasswordChange{Password: "short", KeepSession: current.Token})
				wantKind(t, err, errs.Invalid, "new_password")
				out, err := f.svc.ChangeOwnPassword(f.ctx, a.ID, testPassword, PasswordChange{Password: "a new long password", KeepSession: current.Token, KeepTokens: keep})
				if err != nil {
					t.Fatal(err)
				}
				wantRevoked := int64(1)
				if keep {
					wantRevoked = 0
				}
				if out.SessionsEnded != 1 || out.TokensRevoked != wantRevoked {
					t.Errorf("change = %+v, want 1 session ended and %d tokens revoked", out, wantRevoked)
				}
				if _, err := f.svc.FromSession(f.ctx, current.Token); err != nil {
					t.Errorf("the session that changed the password ended: %v", err)
				}
				_, err = f.svc.FromSession(f.ctx, other.Token)
				checkErr(t, "the other session", err, errs.Unauthorized)
				_, err = f.svc.FromToken(f.ctx, minted.Token)
				if keep {
					checkErr(t, "the session's token, kept", err, ok)
				} else {
					checkErr(t, "the session's token", err, errs.Unauthorized)
				}
				_, err = f.svc.FromToken(f.ctx, system.Token)
				checkErr(t, "the start-up token", err, ok)
				var entries []audit.Entry
				for _, e := range f.audited(t, "agent.password_changed") {
					if e.TargetID == itoa(a.ID) {
						entries = append(entries, e)
					}
				}
				var detail map[string]any
				if len(entries) != 1 || json.Unmarshal(entries[0].Detail, &detail) != nil || detail["tokens_kept"] != keep || detail["sessions_ended"] != 1.0 {
					t.Errorf("agent.password_changed entries = %+v", entries)
				}
				_, err = f.svc.SignIn(f.ctx, Credentials{Email: a.Email, Password: "a new long password"})
				checkErr(t, "sign in with the new password", err, ok)
			})
		}
	})
}

// TestReauthentication: minting a token, turning TOTP on or off and
// changing the e-mail each need the current password or a fresh code; a
// code works once; wrong passwords count towards the sign-in throttle.
func TestReauthentication(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		a := f.agent(t, "ana@example.com", Tier1)
		f.agent(t, "taken@example.com", Tier1)

		_, err := f.svc.CreateOwnToken(f.ctx, a.ID, "ci", Reauth{})
		wantKind(t, err, errs.Invalid, "current_password")
		_, err = f.svc.CreateOwnToken(f.ctx, a.ID, "ci", Reauth{TOTP: "123456"}) // TOTP is off: a code proves nothing
		wantKind(t, err, errs.Invalid, "current_password")
		if _, err := f.svc.CreateOwnToken(f.ctx, a.ID, "ci", Reauth{Password: testPassword}); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.ChangeEmail(f.ctx, a.ID, "ana.new@example.com", Reauth{Password: "wrong"})
		wantKind(t, err, errs.Invalid, "current_password")
		_, err = f.svc.ChangeEmail(f.ctx, a.ID, "taken@example.com", Reauth{Password: testPassword})
		wantKind(t, err, errs.Invalid, "email")
		_, err = f.svc.ChangeEmail(f.ctx, a.ID, "not an address", Reauth{Password: testPassword})
		wantKind(t, err, errs.Invalid, "email")
		moved, err := f.svc.ChangeEmail(f.ctx, a.ID, " Ana.New@Example.com ", Reauth{Password: testPassword})
		if err != nil || moved.Email != "ana.new@example.com" {
			t.Fatalf("ChangeEmail = %+v, %v", moved, err)
		}

		secret := f.enrol(t, moved)
		f.clock.Advance(totpPeriod * time.Second)
		code := codeAt(t, secret, f.clock.Now())
		if _, err := f.svc.CreateOwnToken(f.ctx, a.ID, "with a code", Reauth{TOTP: code}); err != nil {
			t.Fatalf("token with a fresh code: %v", err)
		}
		_, err = f.svc.CreateOwnToken(f.ctx, a.ID, "the code again", Reauth{TOTP: code})
		wantKind(t, err, errs.Invalid, "totp")
		_, err = f.svc.SignIn(f.ctx, Credentials{Email: moved.Email, Password: testPassword, TOTP: code})
		checkErr(t, "sign in with a code re-authentication used", err, errs.Unauthorized)

		err = f.svc.DisableTOTP(f.ctx, a.ID, Reauth{TOTP: wrongCode(t, secret, f.clock.Now())})
		wantKind(t, err, errs.Invalid, "totp")
		f.clock.Advance(totpPeriod * time.Second)
		if err := f.svc.DisableTOTP(f.ctx, a.ID, Reauth{TOTP: codeAt(t, secret, f.clock.Now())}); err != nil {
			t.Fatalf("DisableTOTP: %v", err)
		}
		if f.reload(t, a.ID).TOTPEnabled {
			t.Error("TOTP still on")
		}

		for _, action := range []string{"agent.email_changed", "agent.totp_enabled", "agent.totp_disabled", "agent.reauth_failed"} {
			if len(f.audited(t, action)) == 0 {
				t.Errorf("no %s audit entry", action)
			}
		}
		// Guessing the password through re-authentication is throttled
		// like signing in.
		for range throttleEmail.free + 1 {
			f.svc.CreateOwnToken(f.ctx, a.ID, "guess", Reauth{Password: "guess"})
		}
		_, err = f.svc.CreateOwnToken(f.ctx, a.ID, "guess", Reauth{Password: testPassword})
		if retryAfter(err) <= 0 {
			t.Errorf("re-authentication after many wrong passwords: %v, want a wait", err)
		}
	})
}

// TestTOTPPolicyEnrolment: with TOTP required for a role, an agent of it
// without TOTP is walked through enrolment at sign-in and cannot turn TOTP
// off; others sign in as before.
func TestTOTPPolicyEnrolment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		sec := f.agent(t, "sec@example.com", Security)
		t1 := f.agent(t, "t1@example.com", Tier1)

		_, err := f.svc.SetTOTPPolicy(f.ctx, TOTPPolicy{Roles: []Role{"nope"}})
		wantKind(t, err, errs.Invalid, "roles")
		pol, err := f.svc.SetTOTPPolicy(f.ctx, TOTPPolicy{Roles: []Role{Security, Security, Admin}})
		if err != nil || len(pol.Roles) != 2 {
			t.Fatalf("SetTOTPPolicy = %+v, %v", pol, err)
		}
		if got, _ := f.svc.TOTPPolicy(f.ctx); !got.Requires(Security) || got.Requires(Tier1) {
			t.Fatalf("policy read back = %+v", got)
		}
		if len(f.audited(t, "settings.totp_policy_changed")) != 1 {
			t.Error("the policy change is not audited")
		}
		f.signIn(t, t1.Email)

		_, err = f.svc.SignIn(f.ctx, Credentials{Email: sec.Email, Password: "wrong"})
		checkErr(t, "wrong password", err, errs.Unauthorized) // no enrolment before the password is right
		_, err = f.svc.SignIn(f.ctx, Credentials{Email: sec.Email, Password: testPassword})
		var enrol *EnrolmentRequired
		if !errors.As(err, &enrol) || !errs.Is(err, errs.Forbidden) || enrol.Token == "" || !strings.HasPrefix(enrol.URL, "otpauth://totp/") {
			t.Fatalf("sign-in without TOTP: %v (%+v)", err, enrol)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM sessions WHERE agent_id = ?`, sec.ID); n != 0 {
			t.Fatalf("%d sessions before enrolment", n)
		}
		again, _, err := f.svc.PendingEnrolment(f.ctx, enrol.Token)
		if err != nil || again.Secret != enrol.Secret || again.URL != enrol.URL {
			t.Fatalf("PendingEnrolment = %+v, %v; want the secret %q and URL %q", again, err, enrol.Secret, enrol.URL)
		}

		_, err = f.svc.CompleteEnrolment(f.ctx, enrol.Token, wrongCode(t, enrol.Secret, f.clock.Now()))
		wantKind(t, err, errs.Invalid, "code")
		_, err = f.svc.CompleteEnrolment(f.ctx, "gce_forged", codeAt(t, enrol.Secret, f.clock.Now()))
		checkErr(t, "forged enrolment token", err, errs.Unauthorized)
		sess, err := f.svc.CompleteEnrolment(f.ctx, enrol.Token, codeAt(t, enrol.Secret, f.clock.Now()))
		if err != nil || sess.Agent.ID != sec.ID {
			t.Fatalf("CompleteEnrolment = %+v, %v", sess, err)
		}
		if !f.reload(t, sec.ID).TOTPEnabled {
			t.Fatal("TOTP is off after enrolment")
		}
		_, err = f.svc.CompleteEnrolment(f.ctx, enrol.Token, codeAt(t, enrol.Secret, f.clock.Now()))
		checkErr(t, "the enrolment token twice", err, errs.Unauthorized)

		f.clock.Advance(totpPeriod * time.Second)
		err = f.svc.DisableTOTP(f.ctx, sec.ID, Reauth{Password: testPassword})
		checkErr(t, "turning required TOTP off", err, errs.Conflict)

		// An enrolment left unfinished ends after EnrolmentLifetime.
		if _, err := f.svc.SetTOTPPolicy(f.ctx, TOTPPolicy{All: true}); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.SignIn(f.ctx, Credentials{Email: t1.Email, Password: testPassword})
		if !errors.As(err, &enrol) {
			t.Fatalf("tier 1 with TOTP required of all: %v", err)
		}
		f.clock.Advance(EnrolmentLifetime + time.Second)
		_, err = f.svc.CompleteEnrolment(f.ctx, enrol.Token, codeAt(t, enrol.Secret, f.clock.Now()))
		checkErr(t, "an expired enrolment", err, errs.Unauthorized)
	})
}

// TestPrune: expired sessions, enrolments and old throttle rows go; live
// ones stay.
func TestPrune(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		a := f.agent(t, "ana@example.com", Tier1)
		old := f.signIn(t, a.Email)
		f.svc.SignIn(from(f.ctx, "203.0.113.9"), Credentials{Email: "nobody@example.com", Password: "x"})
		if _, err := f.svc.SetTOTPPolicy(f.ctx, TOTPPolicy{All: true}); err != nil {
			t.Fatal(err)
		}
		f.svc.SignIn(f.ctx, Credentials{Email: a.Email, Password: testPassword}) // leaves an enrolment

		f.clock.Advance(SessionLifetime - time.Minute)
		if _, err := f.svc.SetTOTPPolicy(f.ctx, TOTPPolicy{}); err != nil {
			t.Fatal(err)
		}
		fresh := f.signIn(t, a.Email)
		f.clock.Advance(2 * time.Minute)
		n, err := f.svc.Prune(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := int64(1 + 1 + 2); n != want { // the old session, the enrolment, two throttle rows
			t.Errorf("pruned %d rows, want %d", n, want)
		}
		for _, q := range []string{`SELECT COUNT(*) FROM totp_enrolments`, `SELECT COUNT(*) FROM sign_in_throttle`} {
			if c := f.count(t, q); c != 0 {
				t.Errorf("%s = %d after pruning", q, c)
			}
		}
		if c := f.count(t, `SELECT COUNT(*) FROM sessions WHERE token_hash = ?`, TokenDigest(old.Token)); c != 0 {
			t.Error("the expired session is still stored")
		}
		if _, err := f.svc.FromSession(f.ctx, fresh.Token); err != nil {
			t.Errorf("the live session was pruned: %v", err)
		}
	})
}
