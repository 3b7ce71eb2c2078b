package workspace

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Auditor records who did what; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// TicketHeads reads a ticket for an agent who may see it; *ticket.Store
// implements it.
type TicketHeads interface {
	Head(ctx context.Context, v ticket.Viewer, id int64) (ticket.Ticket, error)
}

// MacroStore keeps macros and applies them to tickets.
type MacroStore struct {
	db      *store.DB
	audit   Auditor
	tickets TicketHeads
	// Screen refuses a macro whose name or body the outbound guard refuses,
	// or that holds a pasted secret, on save: agents send macros to
	// customers, often without rereading them, and list their names. nil
	// screens nothing (the reply is still screened when it is sent).
	Screen PublishedScreen
}

// PublishedScreen checks text customers will read (*published.Screen);
// fields maps an input field to its text, kind and id name what is saved.
type PublishedScreen interface {
	Check(ctx context.Context, kind, id string, fields map[string]string) error
}

// screen checks a macro's name and body before it is saved as macro id ("" when new).
func (s *MacroStore) screen(ctx context.Context, id string, in MacroInput) error {
	if s.Screen == nil {
		return nil
	}
	return s.Screen.Check(ctx, "macro", id, map[string]string{"name": in.Name, "body": in.Body})
}

// NewMacroStore returns the macro store.
func NewMacroStore(db *store.DB, audit Auditor, tickets TicketHeads) *MacroStore {
	return &MacroStore{db: db, audit: audit, tickets: tickets}
}

const macroColumns = `id, name, language, body, created_by, created_at, updated_at`

func scanMacro(row interface{ Scan(...any) error }) (Macro, error) {
	var m Macro
	var by sql.NullInt64
	var created, updated int64
	if err := row.Scan(&m.ID, &m.Name, &m.Language, &m.Body, &by, &created, &updated); err != nil {
		return Macro{}, err
	}
	if by.Valid {
		m.CreatedBy = &by.Int64
	}
	m.CreatedAt, m.UpdatedAt = store.Time(created), store.Time(updated)
	m.Placeholders = placeholdersOf(m.Body)
	return m, nil
}

// List returns the macros, those in language first (all when it is empty),
// then by name.
func (s *MacroStore) List(ctx context.Context, language string) ([]Macro, error) {
	rows, err := s.db.Query(ctx, `SELECT `+macroColumns+` FROM macros
		ORDER BY CASE WHEN language = ? THEN 0 ELSE 1 END, name, language LIMIT 1000`, language)
	if err != nil {
		return nil, fmt.Errorf("list macros: %w", err)
	}
	defer rows.Close()
	out := []Macro{}
	for rows.Next() {
		m, err := scanMacro(rows)
		if err != nil {
			return nil, fmt.Errorf("list macros: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Get returns macro id.
func (s *MacroStore) Get(ctx context.Context, id int64) (Macro, error) {
	m, err := scanMacro(s.db.QueryRow(ctx, `SELECT `+macroColumns+` FROM macros WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Macro{}, errs.E(errs.NotFound, "no macro %d", id)
	}
	if err != nil {
		return Macro{}, fmt.Errorf("get macro %d: %w", id, err)
	}
	return m, nil
}

// Create adds a macro written by agent agentID (0 for Groundcrew itself).
func (s *MacroStore) Create(ctx context.Context, agentID int64, in MacroInput) (Macro, error) {
	if err := in.Validate(); err != nil {
		return Macro{}, err
	}
	if err := s.screen(ctx, "", in); err != nil {
		return Macro{}, err
	}
	var id int64
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := nameFree(ctx, tx, in, 0); err != nil {
			return err
		}
		now := tx.Now()
		var by any
		if agentID != 0 {
			by = agentID
		}
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO macros (name, language, body, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			in.Name, in.Language, in.Body, by, now, now)
		if err != nil {
			return err
		}
		return s.audit.Record(ctx, "macro.created", "macro", strconv.FormatInt(id, 10), map[string]any{"name": in.Name, "language": in.Language})
	})
	if err != nil {
		return Macro{}, fmt.Errorf("create macro: %w", err)
	}
	return s.Get(ctx, id)
}

// Update replaces macro id's name, language and body.
func (s *MacroStore) Update(ctx context.Context, id int64, in MacroInput) (Macro, error) {
	if err := in.Validate(); err != nil {
		return Macro{}, err
	}
	if err := s.screen(ctx, strconv.FormatInt(id, 10), in); err != nil {
		return Macro{}, err
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := nameFree(ctx, tx, in, id); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE macros SET name = ?, language = ?, body = ?, updated_at = ? WHERE id = ?`, in.Name, in.Language, in.Body, tx.Now(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "no macro %d", id)
		}
		return s.audit.Record(ctx, "macro.updated", "macro", strconv.FormatInt(id, 10), map[string]any{"name": in.Name, "language": in.Language})
	})
	if err != nil {
		return Macro{}, fmt.Errorf("update macro %d: %w", id, err)
	}
	return s.Get(ctx, id)
}

// Delete removes macro id.
func (s *MacroStore) Delete(ctx context.Context, id int64) error {
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM macros WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "no macro %d", id)
		}
		return s.audit.Record(ctx, "macro.deleted", "macro", strconv.FormatInt(id, 10), nil)
	})
	if err != nil {
		return fmt.Errorf("delete macro %d: %w", id, err)
	}
	return nil
}

// nameFree refuses a second macro with one name and language, with a
// clearer answer than the unique index's.
func nameFree(ctx context.Context, tx *store.Tx, in MacroInput, self int64) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM macros WHERE name = ? AND language = ? AND id <> ?`, in.Name, in.Language, self).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return errs.E(errs.Conflict, "a macro named %q in %s exists already", in.Name, in.Language)
	}
	return nil
}

// ApplyRequest asks for macro MacroID filled in for a ticket. Diagnosis is
// the explanation of the transaction check the agent ran on the page.
type ApplyRequest struct {
	TicketID  int64  `json:"ticket_id"`
	Diagnosis string `json:"diagnosis"`
}

// maxDiagnosis bounds the diagnosis text an apply request carries.
const maxDiagnosis = 4000

// Applier is the agent filling a macro in. FullName says whether their
// role may see the customer's full name (customer.reveal, the right to
// unmask the customer panel); without it both name placeholders fill in
// the first name only, which a greeting needs and a Tier 1 agent may see.
type Applier struct {
	Name     string
	FullName bool
}

// Apply fills macro id in for a ticket v may see. It stores nothing: the
// text goes to the reply box, and sending it passes the outbound guard like
// any reply. The customer's name is personal data the ticket page masks, so
// an apply that shows any of it is audited as a view of it.
func (s *MacroStore) Apply(ctx context.Context, v ticket.Viewer, by Applier, id int64, in ApplyRequest) (Applied, error) {
	if in.TicketID <= 0 {
		return Applied{}, errs.Field("ticket_id", "ticket_id must name the ticket the reply is for")
	}
	if len(in.Diagnosis) > maxDiagnosis || strings.ContainsRune(in.Diagnosis, 0) {
		return Applied{}, errs.Field("diagnosis", "diagnosis must be at most %d bytes without NUL", maxDiagnosis)
	}
	m, err := s.Get(ctx, id)
	if err != nil {
		return Applied{}, err
	}
	t, err := s.tickets.Head(ctx, v, in.TicketID)
	if err != nil {
		return Applied{}, err
	}
	name := strings.TrimSpace(t.Customer.Name)
	first, _, _ := strings.Cut(name, " ")
	shown := "first"
	if by.FullName {
		shown = "full"
	} else {
		name = first
	}
	values := map[string]string{
		"customer.name":       name,
		"customer.first_name": first,
		"ticket.number":       strconv.FormatInt(t.ID, 10),
		"ticket.subject":      t.Subject,
		"agent.name":          by.Name,
		"diagnosis":           strings.TrimSpace(in.Diagnosis),
	}
	body, missing, err := fill(m.Body, values)
	if err != nil {
		return Applied{}, err
	}
	for _, p := range m.Placeholders {
		if strings.HasPrefix(p, "customer.") && name != "" {
			detail := map[string]any{"macro_id": id, "customer_id": t.Customer.ID, "name_shown": shown}
			if err := s.audit.Record(ctx, "macro.applied", "ticket", strconv.FormatInt(t.ID, 10), detail); err != nil {
				return Applied{}, fmt.Errorf("apply macro %d: %w", id, err)
			}
			break
		}
	}
	return Applied{MacroID: id, Body: body, Missing: missing}, nil
}
