package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Failed sign-ins slow down instead of locking the account: after a few
// free failures every further one makes the next attempt wait twice as long.
// The wait is counted per e-mail address tried (whether an agent has it or
// not, so that the answer tells nothing) and per client address. The
// per-e-mail wait stays short, so an attacker who knows an agent's e-mail
// slows the agent's sign-in by at most a minute and never locks it; the
// per-address wait grows to a quarter of an hour. Failures are forgotten an
// hour after the last one.
type throttleRule struct {
	prefix   string
	free     int           // failures that cost nothing
	maxDelay time.Duration // the longest wait
}

var (
	throttleEmail = throttleRule{"email:", 5, time.Minute}
	throttleIP    = throttleRule{"ip:", 20, 15 * time.Minute}
)

// ThrottleWindow is how long failed sign-ins are remembered.
const ThrottleWindow = time.Hour

// AlertAfterFailures failed sign-ins to an agent's e-mail within
// ThrottleWindow raise an alert for supervisors (once per window).
const AlertAfterFailures = 10

// AlertSignInFailures is the kind of alert many failed sign-ins raise.
const AlertSignInFailures = "agent.sign_in_failures"

func (r throttleRule) delay(failures int) time.Duration {
	n := failures - r.free
	if n <= 0 {
		return 0
	}
	if n > 20 {
		return r.maxDelay
	}
	return min(r.maxDelay, time.Second<<(n-1))
}

// subject is one throttled key and its rule.
type subject struct {
	key  string
	rule throttleRule
}

// signInSubjects are the keys a sign-in for email from ctx's client counts against.
func signInSubjects(ctx context.Context, email string) []subject {
	out := []subject{{throttleEmail.prefix + normEmail(email), throttleEmail}}
	if ip := audit.ActorFrom(ctx).IP; ip != "" {
		out = append(out, subject{throttleIP.prefix + ipKey(ip), throttleIP})
	}
	return out
}

func normEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// ipKey is an address as throttled: IPv4 as it is, IPv6 by its /64.
func ipKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	if a = a.Unmap(); a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// throttled refuses an attempt while any subject must still wait.
func (s *Service) throttled(ctx context.Context, subs []subject) error {
	now := s.db.Now()
	var wait int64
	for _, sub := range subs {
		var next int64
		err := s.db.QueryRow(ctx, `SELECT next_at FROM sign_in_throttle WHERE subject = ?`, sub.key).Scan(&next)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("sign-in throttle: %w", err)
		}
		wait = max(wait, next-now)
	}
	if wait <= 0 {
		return nil
	}
	d := time.Duration(wait) * time.Millisecond
	return errs.Limited(d, "too many failed sign-ins; try again in %s", waitText(d))
}

func waitText(d time.Duration) string {
	secs := int64((d + time.Second - 1) / time.Second)
	switch {
	case secs <= 1:
		return "1 second"
	case secs < 120:
		return fmt.Sprintf("%d seconds", secs)
	}
	return fmt.Sprintf("%d minutes", (secs+59)/60)
}

// countFailure adds a failure to every subject in tx and returns the
// e-mail subject's failures within the window.
func countFailure(ctx context.Context, tx *store.Tx, subs []subject) (int, error) {
	now := tx.Now()
	forgotten := now - ThrottleWindow.Milliseconds()
	emailFailures := 0
	for _, sub := range subs {
		var n int
		err := tx.QueryRow(ctx, `INSERT INTO sign_in_throttle (subject, failures, next_at, last_failed_at) VALUES (?, 1, 0, ?)
			ON CONFLICT (subject) DO UPDATE SET
				failures = CASE WHEN sign_in_throttle.last_failed_at < ? THEN 1 ELSE sign_in_throttle.failures + 1 END,
				last_failed_at = excluded.last_failed_at
			RETURNING failures`, sub.key, now, forgotten).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("count failed sign-in: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE sign_in_throttle SET next_at = ? WHERE subject = ?`, now+sub.rule.delay(n).Milliseconds(), sub.key); err != nil {
			return 0, fmt.Errorf("count failed sign-in: %w", err)
		}
		if sub.rule == throttleEmail {
			emailFailures = n
		}
	}
	return emailFailures, nil
}

// clearEmailFailures forgets an e-mail's failures after its agent signed
// in. The address's failures stay: signing in to one's own account must not
// reset a credential-stuffing run's count.
func clearEmailFailures(ctx context.Context, tx *store.Tx, email string) error {
	_, err := tx.Exec(ctx, `DELETE FROM sign_in_throttle WHERE subject = ?`, throttleEmail.prefix+normEmail(email))
	return err
}

// failSignIn counts a failed sign-in for subs and audits it; a known agent
// (a.ID != 0) whose e-mail reaches AlertAfterFailures raises an alert. It
// returns what the caller is told, the same whether the agent exists or not.
func (s *Service) failSignIn(ctx context.Context, subs []subject, a Agent, reason string) error {
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		n, err := countFailure(ctx, tx, subs)
		if err != nil {
			return err
		}
		target := ""
		if a.ID != 0 {
			target = fmt.Sprint(a.ID)
		}
		if err := s.audit.Record(ctx, "agent.sign_in_failed", "agent", target, map[string]any{"reason": reason, "failures": n}); err != nil {
			return err
		}
		if a.ID == 0 || n != AlertAfterFailures {
			return nil
		}
		return s.raiseFailuresAlert(ctx, tx, a, n)
	})
	if err != nil {
		return fmt.Errorf("sign in: %w", err)
	}
	return errBadCredentials
}

// raiseFailuresAlert tells supervisors that an agent's sign-in is under
// attack: an "alert.raised" event (for notifications and dashboards) and an
// audit record of the same name (GET /api/v1/audit?action=alert.raised), in
// the failure's transaction. The agent is slowed down, not locked out.
func (s *Service) raiseFailuresAlert(ctx context.Context, tx *store.Tx, a Agent, failures int) error {
	alert := AlertRaisedEvent{
		Alert: AlertSignInFailures, Severity: "high", Audience: string(Supervisor),
		AgentID: a.ID, AgentName: a.Name, Failures: failures,
		Message: fmt.Sprintf("%d failed sign-ins to %s's account within %s; if it was not them, their password may be under attack. Sign-ins are slowed down, not locked.", failures, a.Name, ThrottleWindow),
	}
	if err := AlertRaised.Emit(ctx, tx, alert); err != nil {
		return err
	}
	return s.audit.Record(ctx, "alert.raised", "agent", fmt.Sprint(a.ID), alert)
}
