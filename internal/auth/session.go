package auth

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Sign-in limits: after MaxFailedLogins wrong attempts in a row the agent is
// locked out for LockoutDuration, and the lockout is audited.
const (
	MaxFailedLogins = 5
	LockoutDuration = 15 * time.Minute
	SessionLifetime = 12 * time.Hour
	pendingTOTP     = "pending:" // a TOTP secret being enrolled, not yet confirmed
)

// Principal is who is making a request.
type Principal struct {
	Agent Agent
	Via   string // "session" or "token"
	CSRF  string // the session's CSRF token; empty for API tokens
}

// Can reports whether the principal has permission p.
func (p Principal) Can(perm Perm) bool { return p.Agent.Active && p.Agent.Role.Allows(perm) }

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal of the request ctx belongs to.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// Credentials are what signing in takes.
type Credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	TOTP     string `json:"totp"`
}

// Session is a signed-in browser.
type Session struct {
	Token     string    `json:"-"`
	CSRF      string    `json:"csrf_token"`
	ExpiresAt time.Time `json:"expires_at"`
	Agent     Agent     `json:"agent"`
}

var errBadCredentials = errs.E(errs.Unauthorized, "wrong e-mail, password or one-time code")

// SignIn checks credentials and starts a session. Every outcome is audited.
func (s *Service) SignIn(ctx context.Context, c Credentials) (Session, error) {
	a, err := s.agentByEmail(ctx, c.Email)
	if errs.Is(err, errs.NotFound) {
		CheckPassword(dummyHash, c.Password)
		_ = s.audit.Record(ctx, "agent.sign_in_failed", "agent", "", map[string]any{"reason": "unknown e-mail"})
		return Session{}, errBadCredentials
	}
	if err != nil {
		return Session{}, fmt.Errorf("sign in: %w", err)
	}
	now := store.Now()
	if a.lockedUntilMS > now {
		_ = s.audit.Record(ctx, "agent.sign_in_failed", "agent", fmt.Sprint(a.ID), map[string]any{"reason": "locked"})
		return Session{}, errs.Limited(time.Duration(a.lockedUntilMS-now)*time.Millisecond, "too many failed sign-ins; try again after %s", store.Time(a.lockedUntilMS).Format(time.RFC3339))
	}
	ok := CheckPassword(a.passwordHash, c.Password) && a.Active
	if ok && a.TOTPEnabled {
		ok = totp.Validate(strings.TrimSpace(c.TOTP), a.totpSecret)
	}
	if !ok {
		return Session{}, s.failSignIn(ctx, a)
	}
	sess := Session{Token: NewToken("gcs_"), CSRF: NewToken(""), ExpiresAt: time.Now().Add(SessionLifetime).UTC(), Agent: a}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE agents SET failed_logins = 0, locked_until = 0 WHERE id = ?`, a.ID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO sessions (token_hash, agent_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			TokenDigest(sess.Token), a.ID, sess.CSRF, now, sess.ExpiresAt.UnixMilli()); err != nil {
			return err
		}
		ctx = audit.WithActor(ctx, withAgent(audit.ActorFrom(ctx), a.ID))
		return s.audit.Record(ctx, "agent.signed_in", "agent", fmt.Sprint(a.ID), nil)
	})
	if err != nil {
		return Session{}, fmt.Errorf("sign in: %w", err)
	}
	sess.Agent.Teams, err = s.agentTeams(ctx, a.ID)
	return sess, err
}

func (s *Service) failSignIn(ctx context.Context, a Agent) error {
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		// Count in the database, not from what was read, so that concurrent
		// wrong attempts on PostgreSQL all count towards the lockout.
		var failed int
		if err := tx.QueryRow(ctx, `UPDATE agents SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins`, a.ID).Scan(&failed); err != nil {
			return err
		}
		if err := s.audit.Record(ctx, "agent.sign_in_failed", "agent", fmt.Sprint(a.ID), map[string]any{"reason": "bad credentials"}); err != nil {
			return err
		}
		if failed < MaxFailedLogins {
			return nil
		}
		locked := store.Now() + LockoutDuration.Milliseconds()
		if _, err := tx.Exec(ctx, `UPDATE agents SET failed_logins = 0, locked_until = ? WHERE id = ?`, locked, a.ID); err != nil {
			return err
		}
		if err := tx.Emit(ctx, "agent.locked_out", map[string]any{"agent_id": a.ID}); err != nil {
			return err
		}
		if err := s.audit.Record(ctx, "agent.locked_out", "agent", fmt.Sprint(a.ID), map[string]any{"until": store.Time(locked)}); err != nil {
			return err
		}
		return s.raiseLockoutAlert(ctx, tx, a, locked)
	})
	if err != nil {
		return fmt.Errorf("sign in: %w", err)
	}
	return errBadCredentials
}

// AlertAgentLockedOut is the kind of alert a lockout raises.
const AlertAgentLockedOut = "agent.locked_out"

// raiseLockoutAlert tells supervisors that an agent was locked out: an
// "alert.raised" event (for notifications and dashboards) and an audit
// record of the same name (GET /api/v1/audit?action=alert.raised), in the
// lockout's transaction.
func (s *Service) raiseLockoutAlert(ctx context.Context, tx *store.Tx, a Agent, lockedUntil int64) error {
	alert := map[string]any{
		"alert": AlertAgentLockedOut, "severity": "high", "audience": string(Supervisor),
		"agent_id": a.ID, "agent_name": a.Name, "until": store.Time(lockedUntil),
		"message": fmt.Sprintf("%s was locked out after %d failed sign-ins in a row; if it was not them, their password may be under attack.", a.Name, MaxFailedLogins),
	}
	if err := tx.Emit(ctx, "alert.raised", alert); err != nil {
		return err
	}
	return s.audit.Record(ctx, "alert.raised", "agent", fmt.Sprint(a.ID), alert)
}

func withAgent(a audit.Actor, id int64) audit.Actor {
	a.Kind, a.ID = "agent", fmt.Sprint(id)
	return a
}

// SignOut ends the session with this token.
func (s *Service) SignOut(ctx context.Context, token string) error {
	_, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, TokenDigest(token))
	return err
}

// FromSession returns the principal of a session cookie's token.
func (s *Service) FromSession(ctx context.Context, token string) (Principal, error) {
	var agentID, expires int64
	var csrf string
	err := s.db.QueryRow(ctx, `SELECT agent_id, csrf_token, expires_at FROM sessions WHERE token_hash = ?`, TokenDigest(token)).Scan(&agentID, &csrf, &expires)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && expires < store.Now()) {
		return Principal{}, errs.E(errs.Unauthorized, "the session has ended; sign in again")
	}
	if err != nil {
		return Principal{}, fmt.Errorf("session: %w", err)
	}
	return s.principal(ctx, agentID, "session", csrf)
}

// FromToken returns the principal of an API token.
func (s *Service) FromToken(ctx context.Context, token string) (Principal, error) {
	digest := TokenDigest(token)
	if p, ok := s.tokens.get(digest); ok {
		return p, nil
	}
	var agentID, revoked int64
	var stored string
	err := s.db.QueryRow(ctx, `SELECT agent_id, token_hash, revoked_at FROM api_tokens WHERE token_hash = ?`, digest).Scan(&agentID, &stored, &revoked)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (revoked != 0 || subtle.ConstantTimeCompare([]byte(stored), []byte(digest)) != 1)) {
		return Principal{}, errs.E(errs.Unauthorized, "the API token is not valid")
	}
	if err != nil {
		return Principal{}, fmt.Errorf("token: %w", err)
	}
	p, err := s.principal(ctx, agentID, "token", "")
	if err == nil {
		s.tokens.put(digest, p)
	}
	return p, err
}

func (s *Service) principal(ctx context.Context, agentID int64, via, csrf string) (Principal, error) {
	a, err := s.Agent(ctx, agentID)
	if err != nil {
		return Principal{}, err
	}
	if !a.Active {
		return Principal{}, errs.E(errs.Unauthorized, "this agent account is deactivated")
	}
	return Principal{Agent: a, Via: via, CSRF: csrf}, nil
}

// APIToken describes a token without its secret.
type APIToken struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Token     string    `json:"token,omitempty"` // only in the response that creates it
	CreatedAt time.Time `json:"created_at"`
}

// CreateToken makes an API token for an agent. A non-empty secret is used
// as the token (for GROUNDCREW_ADMIN_TOKEN); otherwise one is generated.
func (s *Service) CreateToken(ctx context.Context, agentID int64, name, secret string) (APIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return APIToken{}, errs.Field("name", "name is required (at most 100 characters)")
	}
	if secret == "" {
		secret = NewToken("gct_")
	} else if len(secret) < 24 {
		return APIToken{}, errs.Field("token", "an API token must be at least 24 characters")
	}
	t := APIToken{Name: name, Token: secret, CreatedAt: time.Now().UTC()}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		t.ID, err = tx.InsertID(ctx, `INSERT INTO api_tokens (agent_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)`,
			agentID, name, TokenDigest(secret), t.CreatedAt.UnixMilli())
		if err != nil {
			return err
		}
		return s.audit.Record(ctx, "token.created", "agent", fmt.Sprint(agentID), map[string]any{"token_id": t.ID, "name": name})
	})
	if err != nil {
		return APIToken{}, fmt.Errorf("create token: %w", err)
	}
	return t, nil
}

// Tokens lists an agent's live tokens.
func (s *Service) Tokens(ctx context.Context, agentID int64) ([]APIToken, error) {
	rows, err := s.db.Query(ctx, `SELECT id, name, created_at FROM api_tokens WHERE agent_id = ? AND revoked_at = 0 ORDER BY id`, agentID)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	out := []APIToken{}
	for rows.Next() {
		var t APIToken
		var created int64
		if err := rows.Scan(&t.ID, &t.Name, &created); err != nil {
			return nil, err
		}
		t.CreatedAt = store.Time(created)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken revokes one of an agent's tokens.
func (s *Service) RevokeToken(ctx context.Context, agentID, tokenID int64) error {
	defer s.tokens.clear()
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND agent_id = ? AND revoked_at = 0`, store.Now(), tokenID, agentID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "no token %d", tokenID)
		}
		return s.audit.Record(ctx, "token.revoked", "agent", fmt.Sprint(agentID), map[string]any{"token_id": tokenID})
	})
}

// TOTPEnrollment is a secret the agent adds to an authenticator app.
type TOTPEnrollment struct {
	Secret string `json:"secret"`
	URL    string `json:"otpauth_url"`
}

// StartTOTP generates a TOTP secret for the agent; it takes effect after ConfirmTOTP.
func (s *Service) StartTOTP(ctx context.Context, a Agent) (TOTPEnrollment, error) {
	if a.TOTPEnabled {
		return TOTPEnrollment{}, errs.E(errs.Conflict, "two-factor sign-in is on already")
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: "Groundcrew", AccountName: a.Email, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return TOTPEnrollment{}, fmt.Errorf("totp: %w", err)
	}
	if _, err := s.db.Exec(ctx, `UPDATE agents SET totp_secret = ? WHERE id = ?`, pendingTOTP+key.Secret(), a.ID); err != nil {
		return TOTPEnrollment{}, fmt.Errorf("totp: %w", err)
	}
	return TOTPEnrollment{Secret: key.Secret(), URL: key.URL()}, nil
}

// ConfirmTOTP turns two-factor sign-in on once the agent proves the app works.
func (s *Service) ConfirmTOTP(ctx context.Context, a Agent, code string) error {
	if !strings.HasPrefix(a.totpSecret, pendingTOTP) {
		return errs.E(errs.Conflict, "start two-factor enrolment first")
	}
	secret := strings.TrimPrefix(a.totpSecret, pendingTOTP)
	if !totp.Validate(strings.TrimSpace(code), secret) {
		return errs.Field("code", "the code does not match; check the app's clock and try the current code")
	}
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE agents SET totp_secret = ?, updated_at = ? WHERE id = ?`, secret, store.Now(), a.ID); err != nil {
			return err
		}
		return s.audit.Record(ctx, "agent.totp_enabled", "agent", fmt.Sprint(a.ID), nil)
	})
}
