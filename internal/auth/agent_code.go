package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Every agent has a public verification code (guard.NewVerificationCode:
// "GC-7K3M-9XQ2") to quote to customers, who check it on /verify. It is
// made when the agent is created (migration 0003 gave existing agents
// one), and the agent may rotate it, for instance after a scammer learned it.

// newVerificationCode draws a code no agent has.
func newVerificationCode(ctx context.Context, tx *store.Tx) (string, error) {
	for range 5 {
		code := guard.NewVerificationCode()
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM agents WHERE verification_code = ?`, code).Scan(&n); err != nil {
			return "", err
		}
		if n == 0 {
			return code, nil
		}
	}
	return "", errors.New("verification code: no free code after 5 draws")
}

// RotateVerificationCode gives the agent a new verification code; the old
// one stops verifying at once.
func (s *Service) RotateVerificationCode(ctx context.Context, agentID int64) (string, error) {
	var code string
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		if code, err = newVerificationCode(ctx, tx); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE agents SET verification_code = ?, updated_at = ? WHERE id = ?`, code, tx.Now(), agentID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "no agent %d", agentID)
		}
		return s.audit.Record(ctx, "agent.verification_code_rotated", "agent", fmt.Sprint(agentID), nil)
	})
	s.tokens.clear()
	if err != nil {
		return "", fmt.Errorf("rotate verification code: %w", err)
	}
	return code, nil
}

// AgentByVerificationCode returns the active agent holding code (in its
// canonical form, see guard.ParseVerificationCode), with their teams.
func (s *Service) AgentByVerificationCode(ctx context.Context, code string) (Agent, error) {
	notFound := errs.E(errs.NotFound, "no agent has this verification code")
	if code == "" {
		return Agent{}, notFound
	}
	a, err := scanAgent(s.db.QueryRow(ctx, `SELECT `+agentColumns+` FROM agents WHERE verification_code = ?`, code))
	if errors.Is(err, sql.ErrNoRows) || err == nil && !a.Active {
		return Agent{}, notFound
	}
	if err != nil {
		return Agent{}, fmt.Errorf("agent by verification code: %w", err)
	}
	a.Teams, err = s.agentTeams(ctx, a.ID)
	return a, err
}

// FirstName is the first word of an agent's name: all that customers are
// told about who they talk to.
func (a Agent) FirstName() string {
	if f := strings.Fields(a.Name); len(f) > 0 {
		return f[0]
	}
	return ""
}

// HandleRotateVerificationCode: POST /api/v1/me/verification-code.
func (s *Service) HandleRotateVerificationCode(w http.ResponseWriter, r *http.Request) error {
	code, err := s.RotateVerificationCode(r.Context(), mustPrincipal(r).Agent.ID)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]string{"verification_code": code})
}
