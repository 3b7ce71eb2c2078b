package form

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Auditor records changes to the form; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// Store keeps the form's fields. Intake reads them on every new ticket, so
// the list is cached on this node and re-read after a change made here and
// at most every cacheFor otherwise (another node's change).
type Store struct {
	db    *store.DB
	audit Auditor
	chain Chain
	areas []string

	mu     sync.Mutex
	cached []Field
	readAt int64

	// Screen refuses a field whose words the outbound guard refuses: the
	// widget and the web form show them to every customer ("Your recovery
	// phrase" would be a phishing form in the exchange's name). nil
	// screens nothing.
	Screen Screen
}

// Screen checks text customers will read (*published.Screen); fields maps
// an input field to its text, kind and id name what is saved.
type Screen interface {
	Check(ctx context.Context, kind, id string, fields map[string]string) error
}

// screen checks the words of f that customers read.
func (s *Store) screen(ctx context.Context, f Field) error {
	if s.Screen == nil {
		return nil
	}
	texts := map[string]string{"label": f.Label}
	for lang, l := range f.Labels {
		texts["labels."+lang] = l
	}
	for i, o := range f.Options {
		texts[fmt.Sprintf("options[%d]", i)] = o
	}
	return s.Screen.Check(ctx, "form_field", f.Key, texts)
}

// cacheFor is how long, in milliseconds, a node trusts its copy of the form.
const cacheFor = 5_000

// NewStore returns the form store; areas are the product areas a field may
// be required in.
func NewStore(db *store.DB, audit Auditor, c Chain, areas []string) *Store {
	return &Store{db: db, audit: audit, chain: c, areas: areas}
}

// seededSetting marks that the built-in fields were added once: an admin
// who removes one does not see it come back at the next start.
const seededSetting = "form.builtins_added"

// AddBuiltins adds the built-in fields to a database that never had them.
func (s *Store) AddBuiltins(ctx context.Context) error {
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, seeded, err := tx.Setting(ctx, seededSetting)
		if err != nil || seeded {
			return err
		}
		for _, f := range Builtins() {
			if err := put(ctx, tx, f); err != nil {
				return fmt.Errorf("form builtins: %w", err)
			}
		}
		return tx.PutSetting(ctx, seededSetting, "1")
	})
}

func put(ctx context.Context, tx *store.Tx, f Field) error {
	def, err := json.Marshal(f)
	if err != nil {
		return err
	}
	res, err := tx.Exec(ctx, `UPDATE form_fields SET definition = ?, position = ?, updated_at = ? WHERE field_key = ?`, string(def), f.Position, tx.Now(), f.Key)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	_, err = tx.Exec(ctx, `INSERT INTO form_fields (field_key, definition, position, updated_at) VALUES (?, ?, ?, ?)`, f.Key, string(def), f.Position, tx.Now())
	return err
}

// List returns every field in form order.
func (s *Store) List(ctx context.Context) ([]Field, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cached != nil && s.db.Now()-s.readAt < cacheFor {
		return slices.Clone(s.cached), nil
	}
	rows, err := s.db.Query(ctx, `SELECT definition FROM form_fields ORDER BY position, field_key`)
	if err != nil {
		return nil, fmt.Errorf("list form fields: %w", err)
	}
	defer rows.Close()
	out := []Field{}
	for rows.Next() {
		var def string
		if err := rows.Scan(&def); err != nil {
			return nil, fmt.Errorf("list form fields: %w", err)
		}
		var f Field
		if err := json.Unmarshal([]byte(def), &f); err != nil {
			return nil, fmt.Errorf("list form fields: field definition: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list form fields: %w", err)
	}
	s.cached, s.readAt = out, s.db.Now()
	return slices.Clone(out), nil
}

// On returns the fields shown on surface, in form order.
func (s *Store) On(ctx context.Context, surface Surface) ([]Field, error) {
	all, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(f Field) bool { return !f.Shows(surface) }), nil
}

// Put creates or replaces a field.
func (s *Store) Put(ctx context.Context, f Field) (Field, error) {
	if err := f.Validate(s.areas); err != nil {
		return Field{}, err
	}
	if err := s.screen(ctx, f); err != nil {
		return Field{}, err
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := put(ctx, tx, f); err != nil {
			return err
		}
		return s.audit.Record(ctx, "form.field_saved", "form_field", f.Key, f)
	})
	if err != nil {
		return Field{}, fmt.Errorf("save form field %s: %w", f.Key, err)
	}
	s.forget()
	return f, nil
}

// Delete removes a field; tickets keep the values they have.
func (s *Store) Delete(ctx context.Context, key string) error {
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM form_fields WHERE field_key = ?`, key)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "no form field %q", key)
		}
		return s.audit.Record(ctx, "form.field_removed", "form_field", key, nil)
	})
	if err != nil {
		return fmt.Errorf("remove form field: %w", err)
	}
	s.forget()
	return nil
}

func (s *Store) forget() {
	s.mu.Lock()
	s.cached = nil
	s.mu.Unlock()
}

// CheckFields checks a new ticket's custom fields against the form (see
// Check); the ticket store calls it at intake.
func (s *Store) CheckFields(ctx context.Context, surface, area string, values map[string]string) (map[string]string, error) {
	fields, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	return Check(fields, s.chain, Surface(surface), area, values)
}
