package auth

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// SessionLifetime is how long a browser session lasts.
const (
	SessionLifetime = 12 * time.Hour
	pendingTOTP     = "pending:" // a TOTP secret being enrolled, not yet confirmed
)

// Principal is who is making a request.
type Principal struct {
	Agent Agent
	Via   string // "session" or "token"
	CSRF  string // the session's CSRF token; empty for API tokens
	// Minted is how the request's API token was minted (APIToken.MintedBy);
	// empty for sessions.
	Minted string
}

// Can reports whether the principal has permission p.
func (p Principal) Can(perm Perm) bool { return p.Agent.Active && p.Agent.Role.Allows(perm) }

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// Acting returns ctx carrying p, with p's agent as the actor of audit
// records: what a request has once its principal is checked.
func Acting(ctx context.Context, p Principal) context.Context {
	actor := audit.ActorFrom(ctx)
	actor.Kind, actor.ID = audit.ActorAgent, strconv.FormatInt(p.Agent.ID, 10)
	return WithPrincipal(audit.WithActor(ctx, actor), p)
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
// Failed attempts slow further ones down (throttle.go) rather than lock the
// account, and an unknown e-mail is answered like a wrong password, after
// the same argon2id work. An agent whose role requires TOTP and who has
// none gets *EnrolmentRequired instead of a session.
func (s *Service) SignIn(ctx context.Context, c Credentials) (Session, error) {
	subs := signInSubjects(ctx, c.Email)
	if err := s.throttled(ctx, subs); err != nil {
		return Session{}, err
	}
	a, err := s.agentByEmail(ctx, c.Email)
	if errs.Is(err, errs.NotFound) {
		CheckPassword(dummyHash(), c.Password)
		return Session{}, s.failSignIn(ctx, subs, Agent{}, "unknown e-mail")
	}
	if err != nil {
		return Session{}, fmt.Errorf("sign in: %w", err)
	}
	if !CheckPassword(a.passwordHash, c.Password) || !a.Active {
		return Session{}, s.failSignIn(ctx, subs, a, "bad credentials")
	}
	if a.TOTPEnabled {
		used, err := s.useTOTP(ctx, a, c.TOTP)
		if err != nil {
			return Session{}, fmt.Errorf("sign in: %w", err)
		}
		if !used {
			return Session{}, s.failSignIn(ctx, subs, a, "bad or reused one-time code")
		}
	} else {
		pol, err := s.TOTPPolicy(ctx)
		if err != nil {
			return Session{}, fmt.Errorf("sign in: %w", err)
		}
		if pol.Requires(a.Role) {
			return Session{}, s.requireEnrolment(ctx, a)
		}
	}
	return s.startSession(ctx, a)
}

// startSession signs a in after every check passed.
func (s *Service) startSession(ctx context.Context, a Agent) (Session, error) {
	now := s.db.Now()
	sess := Session{Token: NewToken("gcs_"), CSRF: NewToken(""), ExpiresAt: store.Time(now + SessionLifetime.Milliseconds()), Agent: a}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := clearEmailFailures(ctx, tx, a.Email); err != nil {
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

func withAgent(a audit.Actor, id int64) audit.Actor {
	a.Kind, a.ID = "agent", fmt.Sprint(id)
	return a
}

// SignOut ends the session with this token.
func (s *Service) SignOut(ctx context.Context, token string) error {
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var agentID int64
		err := tx.QueryRow(ctx, `DELETE FROM sessions WHERE token_hash = ? RETURNING agent_id`, TokenDigest(token)).Scan(&agentID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("sign out: %w", err)
		}
		return s.audit.Record(ctx, "agent.signed_out", "agent", fmt.Sprint(agentID), nil)
	})
}

// Prune deletes what has expired: sessions, sign-in enrolments, and
// sign-in throttle rows older than ThrottleWindow. The server runs it in
// the background; it returns how many rows went.
func (s *Service) Prune(ctx context.Context) (int64, error) {
	now := s.db.Now()
	var total int64
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`DELETE FROM sessions WHERE expires_at < ?`, []any{now}},
		{`DELETE FROM totp_enrolments WHERE expires_at < ?`, []any{now}},
		{`DELETE FROM sign_in_throttle WHERE last_failed_at < ? AND next_at < ?`, []any{now - ThrottleWindow.Milliseconds(), now}},
	} {
		res, err := s.db.Exec(ctx, q.sql, q.args...)
		if err != nil {
			return total, fmt.Errorf("prune: %w", err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// FromSession returns the principal of a session cookie's token.
func (s *Service) FromSession(ctx context.Context, token string) (Principal, error) {
	var agentID, expires int64
	var csrf string
	err := s.db.QueryRow(ctx, `SELECT agent_id, csrf_token, expires_at FROM sessions WHERE token_hash = ?`, TokenDigest(token)).Scan(&agentID, &csrf, &expires)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && expires < s.db.Now()) {
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
	var stored, minted string
	err := s.db.QueryRow(ctx, `SELECT agent_id, token_hash, revoked_at, minted_by FROM api_tokens WHERE token_hash = ?`, digest).Scan(&agentID, &stored, &revoked, &minted)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (revoked != 0 || subtle.ConstantTimeCompare([]byte(stored), []byte(digest)) != 1)) {
		return Principal{}, errs.E(errs.Unauthorized, "the API token is not valid")
	}
	if err != nil {
		return Principal{}, fmt.Errorf("token: %w", err)
	}
	p, err := s.principal(ctx, agentID, "token", "")
	if err == nil {
		p.Minted = minted
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
	MintedBy  string    `json:"minted_by"`       // "session", "token" or "system"
	CreatedAt time.Time `json:"created_at"`
}

// CreateToken makes an API token for an agent. A non-empty secret is used
// as the token (for GROUNDCREW_ADMIN_TOKEN); otherwise one is generated.
// The token remembers how it was minted: by the session or token of the
// principal in ctx, or by the system when there is none. A password change
// revokes the ones sessions minted, and so the ones those tokens minted
// count as minted by a session: otherwise whoever held a session could
// launder its token into one that outlives the change.
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
	t := APIToken{Name: name, Token: secret, MintedBy: "system"}
	if p, ok := PrincipalFrom(ctx); ok && p.Via != "" {
		t.MintedBy = p.Via
		if p.Minted == "session" {
			t.MintedBy = "session"
		}
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		t.CreatedAt = store.Time(now)
		var err error
		t.ID, err = tx.InsertID(ctx, `INSERT INTO api_tokens (agent_id, name, token_hash, created_at, minted_by) VALUES (?, ?, ?, ?, ?)`,
			agentID, name, TokenDigest(secret), now, t.MintedBy)
		if err != nil {
			return err
		}
		return s.audit.Record(ctx, "token.created", "agent", fmt.Sprint(agentID), map[string]any{"token_id": t.ID, "name": name, "minted_by": t.MintedBy})
	})
	if err != nil {
		return APIToken{}, fmt.Errorf("create token: %w", err)
	}
	return t, nil
}

// CreateOwnToken is an agent's own request for a token: it needs the
// current password or a fresh one-time code besides the session or token.
// An agent whose role the TOTP policy covers must enrol first: a session
// from before the policy would otherwise mint tokens that outlive it and
// never need a second factor.
func (s *Service) CreateOwnToken(ctx context.Context, agentID int64, name string, in Reauth) (APIToken, error) {
	a, err := s.reauthenticate(ctx, agentID, in, false)
	if err != nil {
		return APIToken{}, err
	}
	if !a.TOTPEnabled {
		pol, err := s.TOTPPolicy(ctx)
		if err != nil {
			return APIToken{}, fmt.Errorf("create token: %w", err)
		}
		if pol.Requires(a.Role) {
			return APIToken{}, errs.E(errs.Forbidden, "two-factor sign-in is required for your role (%s): turn it on first, then create the token", a.Role)
		}
	}
	return s.CreateToken(ctx, agentID, name, "")
}

// Tokens lists an agent's live tokens.
func (s *Service) Tokens(ctx context.Context, agentID int64) ([]APIToken, error) {
	rows, err := s.db.Query(ctx, `SELECT id, name, minted_by, created_at FROM api_tokens WHERE agent_id = ? AND revoked_at = 0 ORDER BY id`, agentID)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	out := []APIToken{}
	for rows.Next() {
		var t APIToken
		var created int64
		if err := rows.Scan(&t.ID, &t.Name, &t.MintedBy, &created); err != nil {
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
		res, err := tx.Exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND agent_id = ? AND revoked_at = 0`, tx.Now(), tokenID, agentID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "no token %d", tokenID)
		}
		return s.audit.Record(ctx, "token.revoked", "agent", fmt.Sprint(agentID), map[string]any{"token_id": tokenID})
	})
}
