package auth

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// TOTP codes follow RFC 6238 with the authenticator apps' defaults: SHA-1,
// six digits, 30-second steps, and one step of clock skew either way.
const totpPeriod = 30

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// totpStep returns the time-step (Unix time / 30 s) that code belongs to
// within one step of now, or -1 when it matches none.
func totpStep(secret, code string, now time.Time) int64 {
	code = strings.TrimSpace(code)
	if len(code) != 6 || secret == "" {
		return -1
	}
	step := now.Unix() / totpPeriod
	for _, s := range []int64{step - 1, step, step + 1} {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*totpPeriod, 0), totpOpts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return s
		}
	}
	return -1
}

// useTOTP accepts a code once: it must match a step near now that is later
// than the last step the agent used. The conditional update makes two
// concurrent uses of one code (on any node) accept exactly one.
func (s *Service) useTOTP(ctx context.Context, a Agent, code string) (bool, error) {
	secret, pending, err := s.openTOTP(a)
	if err != nil || pending {
		return false, err
	}
	step := totpStep(secret, code, s.db.Clock()())
	if step < 0 {
		return false, nil
	}
	res, err := s.db.Exec(ctx, `UPDATE agents SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?`, step, a.ID, step)
	if err != nil {
		return false, fmt.Errorf("totp: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Reauth is what a sensitive change of one's own account takes besides the
// session or token: the current password, or a fresh one-time code when
// two-factor sign-in is on. A stolen session alone cannot change the
// e-mail, mint tokens or switch TOTP.
type Reauth struct {
	Password string `json:"current_password"`
	TOTP     string `json:"totp"`
}

// reauthenticate checks in for agent id. Failures count towards the
// sign-in throttle of the agent's e-mail, so the check cannot be used to
// guess the password quicker than signing in.
func (s *Service) reauthenticate(ctx context.Context, id int64, in Reauth, passwordOnly bool) (Agent, error) {
	a, err := s.Agent(ctx, id)
	if err != nil {
		return Agent{}, err
	}
	subs := signInSubjects(ctx, a.Email)
	if err := s.throttled(ctx, subs); err != nil {
		return Agent{}, err
	}
	var ok bool
	var fail error
	switch {
	case in.Password != "":
		ok = CheckPassword(a.passwordHash, in.Password)
		fail = errs.Field("current_password", "the current password is wrong")
	case in.TOTP != "" && !passwordOnly && a.TOTPEnabled:
		if ok, err = s.useTOTP(ctx, a, in.TOTP); err != nil {
			return Agent{}, err
		}
		fail = errs.Field("totp", "the one-time code is wrong or was used already; wait for the next one")
	case passwordOnly || !a.TOTPEnabled:
		return Agent{}, errs.Field("current_password", "this change needs your current password (current_password)")
	default:
		return Agent{}, errs.Field("current_password", "this change needs your current password (current_password) or a fresh one-time code (totp)")
	}
	if ok {
		return a, nil
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		n, err := countFailure(ctx, tx, subs)
		if err != nil {
			return err
		}
		return s.audit.Record(ctx, "agent.reauth_failed", "agent", fmt.Sprint(a.ID), map[string]any{"failures": n})
	})
	if err != nil {
		return Agent{}, fmt.Errorf("re-authenticate: %w", err)
	}
	return Agent{}, fail
}

// TOTPEnrollment is a secret the agent adds to an authenticator app.
type TOTPEnrollment struct {
	Secret string `json:"secret"`
	URL    string `json:"otpauth_url"`
}

// startEnrollment stores a new pending secret for a.
func (s *Service) startEnrollment(ctx context.Context, a Agent) (TOTPEnrollment, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: "Groundcrew", AccountName: a.Email, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return TOTPEnrollment{}, fmt.Errorf("totp: %w", err)
	}
	stored, err := s.sealTOTP(a.ID, key.Secret(), true)
	if err != nil {
		return TOTPEnrollment{}, err
	}
	if _, err := s.db.Exec(ctx, `UPDATE agents SET totp_secret = ? WHERE id = ?`, stored, a.ID); err != nil {
		return TOTPEnrollment{}, fmt.Errorf("totp: %w", err)
	}
	return TOTPEnrollment{Secret: key.Secret(), URL: key.URL()}, nil
}

// StartTOTP generates a TOTP secret for agent id after re-authentication;
// it takes effect after ConfirmTOTP.
func (s *Service) StartTOTP(ctx context.Context, id int64, in Reauth) (TOTPEnrollment, error) {
	a, err := s.reauthenticate(ctx, id, in, true)
	if err != nil {
		return TOTPEnrollment{}, err
	}
	if a.TOTPEnabled {
		return TOTPEnrollment{}, errs.E(errs.Conflict, "two-factor sign-in is on already")
	}
	e, err := s.startEnrollment(ctx, a)
	if err == nil {
		err = s.audit.Record(ctx, "agent.totp_enrolment_started", "agent", fmt.Sprint(a.ID), nil)
	}
	return e, err
}

// enableTOTP turns a's pending secret on if code matches it, and uses the
// code's step so that the same code cannot sign in as well.
func (s *Service) enableTOTP(ctx context.Context, a Agent, code, via string) error {
	secret, pending, err := s.openTOTP(a)
	if err != nil {
		return err
	}
	if !pending || secret == "" {
		return errs.E(errs.Conflict, "start two-factor enrolment first")
	}
	step := totpStep(secret, code, s.db.Clock()())
	if step < 0 {
		return errs.Field("code", "the code does not match; check the app's clock and try the current code")
	}
	stored, err := s.sealTOTP(a.ID, secret, false)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE agents SET totp_secret = ?, totp_last_step = ?, updated_at = ? WHERE id = ? AND totp_secret = ?`,
			stored, step, tx.Now(), a.ID, a.totpSecret)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.E(errs.Conflict, "the enrolment changed meanwhile; start again")
		}
		if _, err := tx.Exec(ctx, `DELETE FROM totp_enrolments WHERE agent_id = ?`, a.ID); err != nil {
			return err
		}
		return s.audit.Record(ctx, "agent.totp_enabled", "agent", fmt.Sprint(a.ID), map[string]any{"via": via})
	})
}

// ConfirmTOTP turns two-factor sign-in on once the agent proves the app works.
func (s *Service) ConfirmTOTP(ctx context.Context, id int64, code string) error {
	a, err := s.Agent(ctx, id)
	if err != nil {
		return err
	}
	return s.enableTOTP(ctx, a, code, "settings")
}

// DisableTOTP turns two-factor sign-in off after re-authentication, unless
// the TOTP policy requires it for the agent's role.
func (s *Service) DisableTOTP(ctx context.Context, id int64, in Reauth) error {
	a, err := s.reauthenticate(ctx, id, in, false)
	if err != nil {
		return err
	}
	pol, err := s.TOTPPolicy(ctx)
	if err != nil {
		return err
	}
	if pol.Requires(a.Role) {
		return errs.E(errs.Conflict, "two-factor sign-in is required for your role (%s); it cannot be turned off", a.Role)
	}
	if !a.TOTPEnabled {
		return errs.E(errs.Conflict, "two-factor sign-in is off already")
	}
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE agents SET totp_secret = '', updated_at = ? WHERE id = ?`, tx.Now(), a.ID); err != nil {
			return err
		}
		return s.audit.Record(ctx, "agent.totp_disabled", "agent", fmt.Sprint(a.ID), nil)
	})
}

// TOTPPolicy says which agents must use two-factor sign-in: everyone, or
// the agents of the listed roles. It is a run-time setting in the database.
type TOTPPolicy struct {
	All   bool   `json:"all"`
	Roles []Role `json:"roles"`
}

// Requires reports whether the policy requires TOTP of role r.
func (p TOTPPolicy) Requires(r Role) bool { return p.All || slices.Contains(p.Roles, r) }

const totpPolicySetting = "auth.totp_policy"

// TOTPPolicy returns the current policy; none is stored at first.
func (s *Service) TOTPPolicy(ctx context.Context) (TOTPPolicy, error) {
	p := TOTPPolicy{Roles: []Role{}}
	raw, found, err := s.db.Setting(ctx, totpPolicySetting)
	if err != nil || !found {
		return p, err
	}
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return p, fmt.Errorf("totp policy: %w", err)
	}
	return p, nil
}

// SetTOTPPolicy replaces the policy and audits the change. Agents it newly
// covers enrol at their next sign-in; their current sessions go on.
func (s *Service) SetTOTPPolicy(ctx context.Context, p TOTPPolicy) (TOTPPolicy, error) {
	roles := []Role{}
	for _, r := range p.Roles {
		if !r.Valid() {
			return TOTPPolicy{}, errs.Field("roles", "role %q is not one of %v", r, Roles)
		}
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	p.Roles = roles
	raw, err := json.Marshal(p)
	if err != nil {
		return TOTPPolicy{}, err
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		before, err := s.TOTPPolicy(ctx)
		if err != nil {
			return err
		}
		if err := tx.PutSetting(ctx, totpPolicySetting, string(raw)); err != nil {
			return err
		}
		return s.audit.Record(ctx, "settings.totp_policy_changed", "settings", totpPolicySetting, map[string]any{"from": before, "to": p})
	})
	if err != nil {
		return TOTPPolicy{}, fmt.Errorf("set totp policy: %w", err)
	}
	return p, nil
}

// EnrolmentLifetime is how long an agent who passed the password check has
// to add the authenticator app and send its first code.
const EnrolmentLifetime = 10 * time.Minute

// EnrolmentRequired is SignIn's answer to an agent whose role requires
// two-factor sign-in and who has not enrolled: the password was right, and
// the agent finishes signing in by sending the app's first code with the
// token (CompleteEnrolment). It unwraps to a Forbidden error.
type EnrolmentRequired struct {
	Token     string    `json:"enrolment_token"`
	ExpiresAt time.Time `json:"expires_at"`
	TOTPEnrollment
}

const enrolmentMsg = "two-factor sign-in is required for your role: add the secret to an authenticator app and send its first code to finish signing in"

func (e *EnrolmentRequired) Error() string { return enrolmentMsg }
func (e *EnrolmentRequired) Unwrap() error { return errs.E(errs.Forbidden, enrolmentMsg) }

// requireEnrolment starts the sign-in enrolment of a.
func (s *Service) requireEnrolment(ctx context.Context, a Agent) error {
	enr, err := s.startEnrollment(ctx, a)
	if err != nil {
		return err
	}
	e := &EnrolmentRequired{Token: NewToken("gce_"), TOTPEnrollment: enr}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM totp_enrolments WHERE agent_id = ?`, a.ID); err != nil {
			return err
		}
		expires := tx.Now() + EnrolmentLifetime.Milliseconds()
		e.ExpiresAt = store.Time(expires)
		if _, err := tx.Exec(ctx, `INSERT INTO totp_enrolments (token_hash, agent_id, expires_at) VALUES (?, ?, ?)`, TokenDigest(e.Token), a.ID, expires); err != nil {
			return err
		}
		return s.audit.Record(ctx, "agent.totp_enrolment_started", "agent", fmt.Sprint(a.ID), map[string]any{"via": "sign-in"})
	})
	if err != nil {
		return fmt.Errorf("sign in: %w", err)
	}
	return e
}

// CompleteEnrolment finishes a sign-in that EnrolmentRequired interrupted:
// with the app's first code, TOTP is on and the session starts.
func (s *Service) CompleteEnrolment(ctx context.Context, token, code string) (Session, error) {
	var agentID, expires int64
	err := s.db.QueryRow(ctx, `SELECT agent_id, expires_at FROM totp_enrolments WHERE token_hash = ?`, TokenDigest(token)).Scan(&agentID, &expires)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && expires < s.db.Now()) {
		return Session{}, errs.E(errs.Unauthorized, "the enrolment has ended; sign in again")
	}
	if err != nil {
		return Session{}, fmt.Errorf("enrolment: %w", err)
	}
	a, err := s.Agent(ctx, agentID)
	if err != nil {
		return Session{}, err
	}
	subs := signInSubjects(ctx, a.Email)
	if err := s.throttled(ctx, subs); err != nil {
		return Session{}, err
	}
	if !a.Active {
		return Session{}, errBadCredentials
	}
	if err := s.enableTOTP(ctx, a, code, "sign-in"); err != nil {
		if errs.Is(err, errs.Invalid) {
			_ = s.failSignIn(ctx, subs, a, "wrong enrolment code")
		}
		return Session{}, err
	}
	return s.startSession(ctx, a)
}

// PendingEnrolment returns the sign-in enrolment token is for, to show the
// secret again (after a wrong first code, say), and the agent's role.
func (s *Service) PendingEnrolment(ctx context.Context, token string) (*EnrolmentRequired, Role, error) {
	var agentID, expires int64
	err := s.db.QueryRow(ctx, `SELECT agent_id, expires_at FROM totp_enrolments WHERE token_hash = ?`, TokenDigest(token)).Scan(&agentID, &expires)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && expires < s.db.Now()) {
		return nil, "", errs.E(errs.Unauthorized, "the enrolment has ended; sign in again")
	}
	if err != nil {
		return nil, "", fmt.Errorf("enrolment: %w", err)
	}
	a, err := s.Agent(ctx, agentID)
	if err != nil {
		return nil, "", err
	}
	secret, pending, err := s.openTOTP(a)
	if err != nil {
		return nil, "", err
	}
	if !pending || secret == "" {
		return nil, "", errs.E(errs.Unauthorized, "the enrolment has ended; sign in again")
	}
	q := url.Values{"secret": {secret}, "issuer": {"Groundcrew"}, "algorithm": {"SHA1"}, "digits": {"6"}, "period": {"30"}}
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/Groundcrew:" + a.Email, RawQuery: q.Encode()}
	return &EnrolmentRequired{Token: token, ExpiresAt: store.Time(expires), TOTPEnrollment: TOTPEnrollment{Secret: secret, URL: u.String()}}, a.Role, nil
}
