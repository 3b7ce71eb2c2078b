package auth

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// totpAAD binds a sealed TOTP secret to its agent's row: a secret copied
// to another agent's row does not open there.
func totpAAD(agentID int64) string { return "agents.totp_secret:" + strconv.FormatInt(agentID, 10) }

// sealTOTP is how secret is stored for agent id: sealed, and behind
// pendingTOTP while the enrolment is not confirmed (the prefix stays
// outside the seal so that reading an agent tells "on" from "pending"
// without opening anything).
func (s *Service) sealTOTP(agentID int64, secret string, pending bool) (string, error) {
	sealed, err := s.sealer.Seal(secret, totpAAD(agentID))
	if err != nil {
		return "", fmt.Errorf("seal totp secret: %w", err)
	}
	if pending {
		sealed = pendingTOTP + sealed
	}
	return sealed, nil
}

// openTOTP returns a's TOTP secret in clear and whether it is still
// pending. A row an older version wrote in plain text opens as it is.
func (s *Service) openTOTP(a Agent) (secret string, pending bool, err error) {
	stored, pending := strings.CutPrefix(a.totpSecret, pendingTOTP)
	if stored == "" {
		return "", pending, nil
	}
	secret, err = s.sealer.Open(stored, totpAAD(a.ID))
	if err != nil {
		return "", pending, fmt.Errorf("agent %d totp secret: %w", a.ID, err)
	}
	return secret, pending, nil
}

// SealTOTPSecrets seals with the active key every stored TOTP secret that
// is not sealed with it: rows an older version wrote in plain text
// (pending enrolments included) and rows an older key sealed. It runs at
// start; after a key rotation the older key must stay in the keyring until
// it has. A row that does not open is left as it is and reported in the
// error; the others are sealed all the same. It returns how many it sealed.
func (s *Service) SealTOTPSecrets(ctx context.Context) (int, error) {
	type row struct {
		id     int64
		stored string
	}
	var todo []row
	rows, err := s.db.Query(ctx, `SELECT id, totp_secret FROM agents WHERE totp_secret <> ''`)
	if err != nil {
		return 0, fmt.Errorf("seal totp secrets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.stored); err != nil {
			return 0, fmt.Errorf("seal totp secrets: %w", err)
		}
		if !s.sealer.SealedWithActive(strings.TrimPrefix(r.stored, pendingTOTP)) {
			todo = append(todo, r)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("seal totp secrets: %w", err)
	}
	rows.Close()
	n := 0
	var failed []string
	for _, r := range todo {
		ok, err := s.resealTOTP(ctx, r.id, r.stored)
		if err != nil {
			failed = append(failed, err.Error())
			continue
		}
		if ok {
			n++
		}
	}
	if len(failed) > 0 {
		return n, fmt.Errorf("seal totp secrets: %d of %d did not seal: %s", len(failed), len(todo), strings.Join(failed, "; "))
	}
	return n, nil
}

// resealTOTP replaces agent id's stored secret with the same secret sealed
// with the active key, unless the row changed meanwhile (an enrolment or
// another node's sweep): ok says whether it did.
func (s *Service) resealTOTP(ctx context.Context, id int64, stored string) (ok bool, err error) {
	secret, pending, err := s.openTOTP(Agent{ID: id, totpSecret: stored})
	if err != nil || secret == "" {
		return false, err
	}
	again, err := s.sealTOTP(id, secret, pending)
	if err != nil {
		return false, err
	}
	res, err := s.db.Exec(ctx, `UPDATE agents SET totp_secret = ? WHERE id = ? AND totp_secret = ?`, again, id, stored)
	if err != nil {
		return false, fmt.Errorf("agent %d: seal totp secret: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
