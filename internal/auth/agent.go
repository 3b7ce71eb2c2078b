package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Agent is a person who works tickets.
type Agent struct {
	ID          int64     `json:"id"`
	Email       string    `json:"email"`
	Name        string    `json:"name"`
	Role        Role      `json:"role"`
	Active      bool      `json:"active"`
	TOTPEnabled bool      `json:"totp_enabled"`
	Teams       []int64   `json:"teams"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	// VerificationCode is the agent's public code that customers check on
	// /verify. Only the agent sees it (GET /api/v1/me, the page header).
	VerificationCode string `json:"-"`

	passwordHash string
	totpSecret   string
}

// Auditor records privileged actions; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// Sealer seals secrets kept in the database (the agents' TOTP secrets) so
// that a dump of it does not give away every second factor;
// *seal.Keyring implements it.
type Sealer interface {
	Seal(plaintext, aad string) (string, error)
	Open(stored, aad string) (string, error)
	// SealedWithActive reports whether stored needs no re-sealing.
	SealedWithActive(stored string) bool
}

// Service owns agents, teams, sessions and tokens.
type Service struct {
	db     *store.DB
	audit  Auditor
	sealer Sealer
	tokens tokenCache
}

// NewService returns the auth service; sealer is required.
func NewService(db *store.DB, audit Auditor, sealer Sealer) *Service {
	return &Service{db: db, audit: audit, sealer: sealer, tokens: tokenCache{now: db.Clock()}}
}

// NewAgent is what creating an agent takes.
type NewAgent struct {
	Email    string  `json:"email"`
	Name     string  `json:"name"`
	Role     Role    `json:"role"`
	Password string  `json:"password"`
	Teams    []int64 `json:"teams"`
}

func (in *NewAgent) validate() error {
	var err error
	if in.Email, err = agentEmail(in.Email); err != nil {
		return err
	}
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || len(in.Name) > 200 {
		return errs.Field("name", "name is required (at most 200 characters)")
	}
	if !in.Role.Valid() {
		return errs.Field("role", "role must be one of %v", Roles)
	}
	if len(in.Password) < MinPasswordLength || len(in.Password) > 1024 {
		return errs.Field("password", "password must be %d to 1024 characters", MinPasswordLength)
	}
	return nil
}

// agentEmail is email lower-cased and checked as an agent's sign-in
// address: a plain address of at most 254 bytes, the most SMTP carries.
func agentEmail(email string) (string, error) {
	email = strings.TrimSpace(strings.ToLower(email))
	if len(email) > 254 {
		return "", errs.Field("email", "email is longer than 254 bytes")
	}
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return "", errs.Field("email", "email must be a plain e-mail address such as ana@example.com")
	}
	return email, nil
}

// CreateAgent adds an agent with a password.
func (s *Service) CreateAgent(ctx context.Context, in NewAgent) (Agent, error) {
	if err := in.validate(); err != nil {
		return Agent{}, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return Agent{}, err
	}
	var id int64
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM agents WHERE email = ?`, in.Email).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errs.Field("email", "an agent with e-mail %s exists already", in.Email)
		}
		now := store.Now()
		code, err := newVerificationCode(ctx, tx)
		if err != nil {
			return err
		}
		id, err = tx.InsertID(ctx, `INSERT INTO agents (email, name, role, password_hash, verification_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			in.Email, in.Name, string(in.Role), hash, code, now, now)
		if err != nil {
			return err
		}
		if err := s.setTeams(ctx, tx, id, in.Teams); err != nil {
			return err
		}
		if err := AgentCreated.Emit(ctx, tx, AgentCreatedEvent{AgentID: id, Role: in.Role}); err != nil {
			return err
		}
		return s.audit.Record(ctx, "agent.created", "agent", fmt.Sprint(id), map[string]any{"role": in.Role, "teams": in.Teams})
	})
	if err != nil {
		return Agent{}, fmt.Errorf("create agent: %w", err)
	}
	return s.Agent(ctx, id)
}

func (s *Service) setTeams(ctx context.Context, tx *store.Tx, agentID int64, teams []int64) error {
	if _, err := tx.Exec(ctx, `DELETE FROM team_members WHERE agent_id = ?`, agentID); err != nil {
		return err
	}
	for _, t := range teams {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM teams WHERE id = ?`, t).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errs.Field("teams", "no team %d", t)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO team_members (team_id, agent_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, t, agentID); err != nil {
			return err
		}
	}
	return nil
}

const agentColumns = `id, email, name, role, password_hash, totp_secret, active, created_at, updated_at, verification_code`

func scanAgent(row interface{ Scan(...any) error }) (Agent, error) {
	var a Agent
	var active int
	var created, updated int64
	err := row.Scan(&a.ID, &a.Email, &a.Name, &a.Role, &a.passwordHash, &a.totpSecret, &active, &created, &updated, &a.VerificationCode)
	a.Active = active == 1
	a.TOTPEnabled = a.totpSecret != "" && !strings.HasPrefix(a.totpSecret, pendingTOTP)
	a.CreatedAt, a.UpdatedAt = store.Time(created), store.Time(updated)
	return a, err
}

// Agent returns one agent with its teams.
func (s *Service) Agent(ctx context.Context, id int64) (Agent, error) {
	a, err := scanAgent(s.db.QueryRow(ctx, `SELECT `+agentColumns+` FROM agents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Agent{}, errs.E(errs.NotFound, "no agent %d", id)
	}
	if err != nil {
		return Agent{}, fmt.Errorf("agent %d: %w", id, err)
	}
	a.Teams, err = s.agentTeams(ctx, id)
	return a, err
}

func (s *Service) agentByEmail(ctx context.Context, email string) (Agent, error) {
	a, err := scanAgent(s.db.QueryRow(ctx, `SELECT `+agentColumns+` FROM agents WHERE email = ?`, strings.ToLower(strings.TrimSpace(email))))
	if errors.Is(err, sql.ErrNoRows) {
		return Agent{}, errs.E(errs.NotFound, "no agent with that e-mail")
	}
	return a, err
}

func (s *Service) agentTeams(ctx context.Context, id int64) ([]int64, error) {
	rows, err := s.db.Query(ctx, `SELECT team_id FROM team_members WHERE agent_id = ? ORDER BY team_id`, id)
	if err != nil {
		return nil, fmt.Errorf("agent %d teams: %w", id, err)
	}
	defer rows.Close()
	teams := []int64{}
	for rows.Next() {
		var t int64
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		teams = append(teams, t)
	}
	return teams, rows.Err()
}

// Agents lists agents by id.
func (s *Service) Agents(ctx context.Context) ([]Agent, error) {
	rows, err := s.db.Query(ctx, `SELECT `+agentColumns+` FROM agents ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list agents: %w", err)
	}
	defer rows.Close()
	var out []Agent
	for rows.Next() {
		a, err := scanAgent(rows)
		if err != nil {
			return nil, fmt.Errorf("list agents: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list agents: %w", err)
	}
	for i := range out {
		if out[i].Teams, err = s.agentTeams(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AgentUpdate changes an agent; nil fields stay as they are.
type AgentUpdate struct {
	Name   *string  `json:"name"`
	Role   *Role    `json:"role"`
	Active *bool    `json:"active"`
	Teams  *[]int64 `json:"teams"`
}

// UpdateAgent applies u to agent id and audits the change.
func (s *Service) UpdateAgent(ctx context.Context, id int64, u AgentUpdate) (Agent, error) {
	if u.Role != nil && !u.Role.Valid() {
		return Agent{}, errs.Field("role", "role must be one of %v", Roles)
	}
	if u.Name != nil && (strings.TrimSpace(*u.Name) == "" || len(*u.Name) > 200) {
		return Agent{}, errs.Field("name", "name is required (at most 200 characters)")
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		before, err := s.Agent(ctx, id)
		if err != nil {
			return err
		}
		now := store.Now()
		if u.Name != nil {
			if _, err := tx.Exec(ctx, `UPDATE agents SET name = ?, updated_at = ? WHERE id = ?`, strings.TrimSpace(*u.Name), now, id); err != nil {
				return err
			}
		}
		if u.Role != nil && *u.Role != before.Role {
			if _, err := tx.Exec(ctx, `UPDATE agents SET role = ?, updated_at = ? WHERE id = ?`, string(*u.Role), now, id); err != nil {
				return err
			}
			if err := s.audit.Record(ctx, "agent.role_changed", "agent", fmt.Sprint(id), map[string]any{"from": before.Role, "to": *u.Role}); err != nil {
				return err
			}
		}
		if u.Active != nil {
			if _, err := tx.Exec(ctx, `UPDATE agents SET active = ?, updated_at = ? WHERE id = ?`, boolInt(*u.Active), now, id); err != nil {
				return err
			}
			if !*u.Active {
				if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE agent_id = ?`, id); err != nil {
					return err
				}
			}
		}
		if u.Teams != nil {
			if err := s.setTeams(ctx, tx, id, *u.Teams); err != nil {
				return err
			}
		}
		if err := AgentUpdated.Emit(ctx, tx, AgentUpdatedEvent{AgentID: id}); err != nil {
			return err
		}
		return s.audit.Record(ctx, "agent.updated", "agent", fmt.Sprint(id), u)
	})
	s.tokens.clear()
	if err != nil {
		return Agent{}, fmt.Errorf("update agent %d: %w", id, err)
	}
	return s.Agent(ctx, id)
}

// PasswordChange is a new password and what happens to the agent's ways in.
type PasswordChange struct {
	Password string
	// KeepSession is the token of the session that makes the change, which
	// goes on; every other session of the agent ends. Empty ends them all.
	KeepSession string
	// KeepTokens keeps the API tokens that sessions minted; by default they
	// are revoked, since whoever held the old password could have minted
	// them. Tokens minted by other tokens or at start-up stay.
	KeepTokens bool
}

// PasswordChanged says what a password change ended.
type PasswordChanged struct {
	SessionsEnded int64 `json:"sessions_ended"`
	TokensRevoked int64 `json:"tokens_revoked"`
}

// SetPassword replaces an agent's password, ends the agent's other sessions
// and revokes the tokens sessions minted (unless c keeps them), and audits it.
func (s *Service) SetPassword(ctx context.Context, id int64, c PasswordChange) (PasswordChanged, error) {
	var out PasswordChanged
	if len(c.Password) < MinPasswordLength || len(c.Password) > 1024 {
		return out, errs.Field("new_password", "the new password must be %d to 1024 characters", MinPasswordLength)
	}
	hash, err := HashPassword(c.Password)
	if err != nil {
		return out, err
	}
	defer s.tokens.clear()
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		if _, err := tx.Exec(ctx, `UPDATE agents SET password_hash = ?, updated_at = ? WHERE id = ?`, hash, now, id); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `DELETE FROM sessions WHERE agent_id = ? AND token_hash <> ?`, id, TokenDigest(c.KeepSession))
		if err != nil {
			return err
		}
		out.SessionsEnded, _ = res.RowsAffected()
		if !c.KeepTokens {
			res, err := tx.Exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE agent_id = ? AND minted_by = 'session' AND revoked_at = 0`, now, id)
			if err != nil {
				return err
			}
			out.TokensRevoked, _ = res.RowsAffected()
		}
		return s.audit.Record(ctx, "agent.password_changed", "agent", fmt.Sprint(id), map[string]any{
			"sessions_ended": out.SessionsEnded, "tokens_revoked": out.TokensRevoked, "tokens_kept": c.KeepTokens})
	})
	if err != nil {
		return PasswordChanged{}, fmt.Errorf("set password: %w", err)
	}
	return out, nil
}

// ChangeOwnPassword is the agent's own change: it needs the current password.
func (s *Service) ChangeOwnPassword(ctx context.Context, id int64, current string, c PasswordChange) (PasswordChanged, error) {
	if _, err := s.reauthenticate(ctx, id, Reauth{Password: current}, true); err != nil {
		return PasswordChanged{}, err
	}
	return s.SetPassword(ctx, id, c)
}

// ChangeEmail changes the agent's own e-mail after re-authentication.
func (s *Service) ChangeEmail(ctx context.Context, id int64, email string, in Reauth) (Agent, error) {
	email, err := agentEmail(email)
	if err != nil {
		return Agent{}, err
	}
	a, err := s.reauthenticate(ctx, id, in, false)
	if err != nil {
		return Agent{}, err
	}
	if a.Email == email {
		return a, nil
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM agents WHERE email = ?`, email).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errs.Field("email", "another agent has that e-mail")
		}
		if _, err := tx.Exec(ctx, `UPDATE agents SET email = ?, updated_at = ? WHERE id = ?`, email, tx.Now(), id); err != nil {
			return err
		}
		if err := AgentUpdated.Emit(ctx, tx, AgentUpdatedEvent{AgentID: id}); err != nil {
			return err
		}
		return s.audit.Record(ctx, "agent.email_changed", "agent", fmt.Sprint(id), map[string]any{"from": a.Email, "to": email})
	})
	s.tokens.clear()
	if err != nil {
		return Agent{}, fmt.Errorf("change e-mail: %w", err)
	}
	return s.Agent(ctx, id)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
