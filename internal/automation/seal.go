package automation

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Sealer seals the webhook secrets that rules and their queued calls keep
// in the database, so that a dump of it cannot sign webhooks;
// *seal.Keyring implements it.
type Sealer interface {
	Seal(plaintext, aad string) (string, error)
	Open(stored, aad string) (string, error)
	// SealedWithActive reports whether stored needs no re-sealing.
	SealedWithActive(stored string) bool
}

// ruleSecretAAD binds a rule's sealed webhook secret to the rule and the
// URL it signs for: copied to another rule, or left behind when the URL
// changes, it does not open.
func ruleSecretAAD(ruleID int64, url string) string {
	return "automation_rules.webhook_secret:" + strconv.FormatInt(ruleID, 10) + ":" + url
}

// callSecretAAD binds a queued call's sealed secret to the call's rule,
// ticket and URL (the columns beside it).
func callSecretAAD(ruleID, ticketID int64, url string) string {
	return "automation_webhooks.secret:" + strconv.FormatInt(ruleID, 10) + ":" + strconv.FormatInt(ticketID, 10) + ":" + url
}

// mapSecrets returns a copy of then whose webhook secrets went through f.
func mapSecrets(ruleID int64, then []Action, f func(secret, aad string) (string, error)) ([]Action, error) {
	out := append([]Action(nil), then...)
	for i := range out {
		a := &out[i]
		if a.Type != Webhook || a.Secret == "" {
			continue
		}
		var err error
		if a.Secret, err = f(a.Secret, ruleSecretAAD(ruleID, a.URL)); err != nil {
			return nil, fmt.Errorf("automation rule %d: webhook secret: %w", ruleID, err)
		}
	}
	return out, nil
}

// sealedDefinition is r's stored definition, its webhook secrets sealed.
func (s *Service) sealedDefinition(r *Rule) (string, error) {
	then, err := mapSecrets(r.ID, r.Then, s.sealer.Seal)
	if err != nil {
		return "", err
	}
	def, err := json.Marshal(stored{When: r.When, If: r.If, Then: then})
	return string(def), err
}

// SealSecrets seals with the active key the webhook secrets that are not
// sealed with it: in rules and queued calls an older version wrote in plain
// text, or an older key sealed. Calls sent or given up need their secret no
// more: it is cleared. It runs at start; after a key rotation the older key
// must stay in the keyring until it has. It returns how many it sealed.
func (s *Service) SealSecrets(ctx context.Context) (int, error) {
	n := 0
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		if n, err = s.sealRuleSecrets(ctx, tx); err != nil {
			return err
		}
		calls, err := s.sealCallSecrets(ctx, tx)
		n += calls
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE automation_webhooks SET secret = '' WHERE state <> 'pending' AND secret <> ''`)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("seal automation webhook secrets: %w", err)
	}
	return n, nil
}

func (s *Service) sealRuleSecrets(ctx context.Context, tx *store.Tx) (int, error) {
	rows, err := tx.Query(ctx, `SELECT id, definition FROM automation_rules`)
	if err != nil {
		return 0, err
	}
	type rule struct {
		def string // as read: the update is made only if it is unchanged
		d   stored
	}
	todo := map[int64]rule{}
	for rows.Next() {
		var id int64
		var def string
		var d stored
		if err := rows.Scan(&id, &def); err != nil {
			rows.Close()
			return 0, err
		}
		if err := json.Unmarshal([]byte(def), &d); err != nil {
			rows.Close()
			return 0, fmt.Errorf("automation rule %d: %w", id, err)
		}
		for _, a := range d.Then {
			if a.Type == Webhook && a.Secret != "" && !s.sealer.SealedWithActive(a.Secret) {
				todo[id] = rule{def, d}
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	n := 0
	for id, old := range todo {
		r := Rule{ID: id, When: old.d.When, If: old.d.If}
		if r.Then, err = mapSecrets(id, old.d.Then, s.sealer.Open); err != nil {
			return n, err
		}
		def, err := s.sealedDefinition(&r)
		if err != nil {
			return n, err
		}
		// Only if unchanged: a rule saved meanwhile is sealed already.
		res, err := tx.Exec(ctx, `UPDATE automation_rules SET definition = ? WHERE id = ? AND definition = ?`, def, id, old.def)
		if err != nil {
			return n, err
		}
		changed, err := res.RowsAffected()
		if err != nil {
			return n, err
		}
		n += int(changed)
	}
	return n, nil
}

func (s *Service) sealCallSecrets(ctx context.Context, tx *store.Tx) (int, error) {
	type call struct {
		id, rule, ticket int64
		url, secret      string
	}
	rows, err := tx.Query(ctx, `SELECT id, rule_id, ticket_id, url, secret FROM automation_webhooks WHERE state = 'pending' AND secret <> ''`)
	if err != nil {
		return 0, err
	}
	var todo []call
	for rows.Next() {
		var c call
		if err := rows.Scan(&c.id, &c.rule, &c.ticket, &c.url, &c.secret); err != nil {
			rows.Close()
			return 0, err
		}
		if !s.sealer.SealedWithActive(c.secret) {
			todo = append(todo, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var failed []string
	n := 0
	for _, c := range todo {
		aad := callSecretAAD(c.rule, c.ticket, c.url)
		plain, err := s.sealer.Open(c.secret, aad)
		if err != nil {
			// Left as it is: sending it fails and is retried, then given up.
			failed = append(failed, fmt.Sprintf("call %d: %v", c.id, err))
			continue
		}
		again, err := s.sealer.Seal(plain, aad)
		if err != nil {
			return n, err
		}
		// Only if unchanged: a call sent meanwhile keeps no secret.
		res, err := tx.Exec(ctx, `UPDATE automation_webhooks SET secret = ? WHERE id = ? AND secret = ?`, again, c.id, c.secret)
		if err != nil {
			return n, err
		}
		changed, err := res.RowsAffected()
		if err != nil {
			return n, err
		}
		n += int(changed)
	}
	if len(failed) > 0 {
		s.log.Warn("automation: queued webhook secrets that do not open", "calls", strings.Join(failed, "; "))
	}
	return n, nil
}
