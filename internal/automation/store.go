package automation

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/webhook/egress"
)

// stored is a rule's definition as saved: everything but id, name,
// enabled and position, which have their own columns.
type stored struct {
	When When        `json:"when"`
	If   []Condition `json:"if"`
	Then []Action    `json:"then"`
}

// Rules returns every rule in position order, secrets included (callers
// that show them use Redacted).
func (s *Service) Rules(ctx context.Context) ([]Rule, error) {
	rows, err := s.db.Query(ctx, `SELECT id, name, enabled, position, definition FROM automation_rules ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("list automation rules: %w", err)
	}
	defer rows.Close()
	var out []Rule
	for rows.Next() {
		var r Rule
		var enabled int
		var def string
		if err := rows.Scan(&r.ID, &r.Name, &enabled, &r.Position, &def); err != nil {
			return nil, fmt.Errorf("list automation rules: %w", err)
		}
		var d stored
		if err := json.Unmarshal([]byte(def), &d); err != nil {
			return nil, fmt.Errorf("automation rule %d: %w", r.ID, err)
		}
		r.Enabled, r.When, r.If = enabled == 1, d.When, d.If
		if r.Then, err = mapSecrets(r.ID, d.Then, s.sealer.Open); err != nil {
			return nil, err
		}
		// Compile the patterns again; a rule saved is a rule that validated.
		if err := r.Validate(); err != nil {
			return nil, fmt.Errorf("automation rule %d: %w", r.ID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Rule returns rule id.
func (s *Service) Rule(ctx context.Context, id int64) (Rule, error) {
	rules, err := s.Rules(ctx)
	if err != nil {
		return Rule{}, err
	}
	for _, r := range rules {
		if r.ID == id {
			return r, nil
		}
	}
	return Rule{}, errs.E(errs.NotFound, "no automation rule %d", id)
}

// Redacted returns r with webhook secrets removed (SecretSet says one is
// kept).
func Redacted(r Rule) Rule {
	r.Then = append([]Action(nil), r.Then...)
	for i := range r.Then {
		if r.Then[i].Type == Webhook {
			r.Then[i].SecretSet = r.Then[i].Secret != ""
			r.Then[i].Secret = ""
		}
	}
	return r
}

// Save creates r (ID 0) or replaces rule r.ID, after checking that the
// whole set of rules neither loops nor conflicts. A webhook action saved
// without a secret keeps the secret of the old rule's webhook to the same
// URL; a new webhook needs one.
func (s *Service) Save(ctx context.Context, r Rule) (Rule, error) {
	if err := r.Validate(); err != nil {
		return Rule{}, err
	}
	if err := s.checkTargets(r); err != nil {
		return Rule{}, err
	}
	if err := s.screenMacros(ctx, r); err != nil {
		return Rule{}, err
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		rules, err := s.Rules(ctx)
		if err != nil {
			return err
		}
		others := make([]Rule, 0, len(rules)+1)
		var old *Rule
		for i := range rules {
			if rules[i].ID == r.ID {
				old = &rules[i]
				continue
			}
			if rules[i].Name == r.Name {
				return errs.Field("name", "there is a rule named %q already", r.Name)
			}
			others = append(others, rules[i])
		}
		if r.ID != 0 && old == nil {
			return errs.E(errs.NotFound, "no automation rule %d", r.ID)
		}
		if err := keepSecrets(&r, old); err != nil {
			return err
		}
		if err := Check(append(others, r)); err != nil {
			return err
		}
		return s.write(ctx, tx, &r)
	})
	if err != nil {
		return Rule{}, fmt.Errorf("save automation rule: %w", err)
	}
	s.Wake()
	return r, nil
}

func keepSecrets(r *Rule, old *Rule) error {
	for i := range r.Then {
		a := &r.Then[i]
		a.SecretSet = false
		if a.Type != Webhook || a.Secret != "" {
			continue
		}
		if old != nil {
			for _, o := range old.Then {
				if o.Type == Webhook && o.URL == a.URL {
					a.Secret = o.Secret
				}
			}
		}
		if a.Secret == "" {
			return errs.Field("secret", "then[%d]: a webhook needs a secret of at least 16 characters to sign with", i)
		}
	}
	return nil
}

// checkTargets refuses a webhook action whose URL names a local name or a
// non-public address, unless AllowPrivate: the sender would refuse every
// call to it, and only its log would say so. The check is the sender's own
// (egress). Rules stored before it keep loading (Rules) and are refused
// when they send, as before.
func (s *Service) checkTargets(r Rule) error {
	for i, a := range r.Then {
		if a.Type != Webhook {
			continue
		}
		u, err := url.Parse(a.URL)
		if err != nil {
			return errs.Field(fmt.Sprintf("then[%d].url", i), "webhook needs an http or https URL without credentials")
		}
		if err := egress.CheckHost(u.Hostname(), s.AllowPrivate); err != nil {
			msg := err.Error()
			if e, ok := errs.As(err); ok {
				msg = strings.TrimPrefix(e.Msg, "url: ")
			}
			return errs.Field(fmt.Sprintf("then[%d].url", i), "%s (an installation whose receivers are on its own network starts with --webhook-allow-private)", msg)
		}
	}
	return nil
}

// screenMacros passes r's macros through Screen before anything is written
// (its refusal is audited on its own and must not roll back with the rule).
func (s *Service) screenMacros(ctx context.Context, r Rule) error {
	if s.Screen == nil {
		return nil
	}
	texts := map[string]string{}
	for i, a := range r.Then {
		if a.Type == SendMacro {
			texts[fmt.Sprintf("then[%d].value", i)] = a.Value
		}
	}
	if len(texts) == 0 {
		return nil
	}
	id := ""
	if r.ID != 0 {
		id = fmt.Sprint(r.ID)
	}
	return s.Screen.Check(ctx, "automation_rule", id, texts)
}

func (s *Service) write(ctx context.Context, tx *store.Tx, r *Rule) error {
	now := tx.Now()
	enabled := 0
	if r.Enabled {
		enabled = 1
	}
	if r.ID == 0 {
		// The secrets are sealed for the rule's id: take one first.
		var err error
		r.ID, err = tx.InsertID(ctx, `INSERT INTO automation_rules (name, enabled, position, definition, created_at, updated_at) VALUES (?, ?, ?, '{}', ?, ?)`,
			r.Name, enabled, r.Position, now, now)
		if err != nil {
			return err
		}
	}
	def, err := s.sealedDefinition(r)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE automation_rules SET name = ?, enabled = ?, position = ?, definition = ?, updated_at = ? WHERE id = ?`,
		r.Name, enabled, r.Position, def, now, r.ID); err != nil {
		return err
	}
	if !r.Enabled || r.When.Event != OnNoCustomerReply {
		// Waiting tickets of a rule turned off or changed to an event
		// trigger are due no more.
		if _, err := tx.Exec(ctx, `DELETE FROM automation_due WHERE rule_id = ?`, r.ID); err != nil {
			return err
		}
	}
	return s.audit.Record(ctx, "automation.rule_saved", "automation_rule", fmt.Sprint(r.ID), Redacted(*r))
}

// Delete removes rule id.
func (s *Service) Delete(ctx context.Context, id int64) error {
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM automation_rules WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "no automation rule %d", id)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM automation_due WHERE rule_id = ?`, id); err != nil {
			return err
		}
		return s.audit.Record(ctx, "automation.rule_deleted", "automation_rule", fmt.Sprint(id), nil)
	})
	if err != nil {
		return fmt.Errorf("delete automation rule %d: %w", id, err)
	}
	return nil
}

// Stopped reports whether the guard stopped automation on ticket id.
func (s *Service) Stopped(ctx context.Context, id int64) (bool, error) {
	var rule int64
	err := s.db.QueryRow(ctx, `SELECT rule_id FROM automation_stopped WHERE ticket_id = ?`, id).Scan(&rule)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// Resume clears the guard's flag on ticket id.
func (s *Service) Resume(ctx context.Context, id int64) error {
	_, err := s.db.Exec(ctx, `DELETE FROM automation_stopped WHERE ticket_id = ?`, id)
	return err
}

// Definition is r's when, if and then as the admin page edits them
// (indented JSON, webhook secrets left out).
func Definition(r Rule) string {
	red := Redacted(r)
	b, _ := json.MarshalIndent(stored{When: red.When, If: red.If, Then: red.Then}, "", "  ")
	return string(b)
}

// FromDefinition builds a rule from the page's fields and its definition
// text, strictly as Parse does, and validates it.
func FromDefinition(id int64, name string, enabled bool, position int, definition string) (Rule, error) {
	if len(definition) > MaxDefinition {
		return Rule{}, errs.Field("definition", "a rule is at most %d bytes", MaxDefinition)
	}
	var d stored
	if err := web.Unmarshal([]byte(definition), &d); err != nil {
		return Rule{}, errs.Field("definition", "%v", err)
	}
	r := Rule{ID: id, Name: name, Enabled: enabled, Position: position, When: d.When, If: d.If, Then: d.Then}
	return r, r.Validate()
}
