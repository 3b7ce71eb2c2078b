// Package feedback carries what customers say about the product to the
// product teams: agents tag feedback on a ticket (a bug, a confusing
// screen, a missing feature, a fee complaint, a listing request) with the
// product area it is about; a report per product area counts them, shows
// the weekly trend and a few sample conversations with personal data
// masked, and exports them as CSV. Each tag is also a feedback.tagged
// event for webhooks.
package feedback

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Kind is what a piece of feedback is about.
type Kind string

const (
	Bug            Kind = "bug"
	ConfusingUI    Kind = "confusing_ui"
	MissingFeature Kind = "missing_feature"
	FeeComplaint   Kind = "fee_complaint"
	ListingRequest Kind = "listing_request"
)

// Kinds lists every kind, in the order pages show them.
var Kinds = []Kind{Bug, ConfusingUI, MissingFeature, FeeComplaint, ListingRequest}

var kindLabels = map[Kind]string{Bug: "Bug", ConfusingUI: "Confusing UI", MissingFeature: "Missing feature",
	FeeComplaint: "Fee complaint", ListingRequest: "Listing request"}

// Label is the kind's name for people.
func (k Kind) Label() string { return kindLabels[k] }

// MaxNote is the longest note an agent may add to a tag, in characters.
const MaxNote = 500

// MaxPeriod is the longest period a report or an export covers.
const MaxPeriod = 366 * 24 * time.Hour

// Tag is one piece of feedback on a ticket.
type Tag struct {
	ID          int64     `json:"id"`
	TicketID    int64     `json:"ticket_id"`
	Kind        Kind      `json:"kind"`
	ProductArea string    `json:"product_area"`
	Note        string    `json:"note"`
	AgentID     int64     `json:"agent_id"`
	CreatedAt   time.Time `json:"created_at"`
}

// NewTag is an agent's input. An empty product area means the ticket's.
type NewTag struct {
	Kind        Kind   `json:"kind"`
	ProductArea string `json:"product_area"`
	Note        string `json:"note"`
}

// Validate checks the kind, the area and the note.
func (in *NewTag) Validate() error {
	in.Note = strings.TrimSpace(in.Note)
	in.ProductArea = strings.TrimSpace(in.ProductArea)
	if !slices.Contains(Kinds, in.Kind) {
		return errs.Field("kind", "kind %q is not one of %v", in.Kind, Kinds)
	}
	if in.ProductArea != "" && !slices.Contains(ticket.ProductAreas, in.ProductArea) {
		return errs.Field("product_area", "product area %q is not one of %v", in.ProductArea, ticket.ProductAreas)
	}
	if n := utf8.RuneCountInString(in.Note); n > MaxNote {
		return errs.Field("note", "the note has %d characters; at most %d", n, MaxNote)
	}
	return nil
}

// Service stores tags and builds the reports.
type Service struct {
	db            *store.DB
	log           *slog.Logger
	Conversations Conversations // nil: reports have no sample conversations
	// Redact cuts secrets out of a note before it is stored (the guard's
	// scan): an agent may paste the customer's words, and notes go to
	// product teams. Nil keeps notes as written (tests only).
	Redact func(text string) string
}

// New returns the service.
func New(db *store.DB, log *slog.Logger) *Service { return &Service{db: db, log: log} }

// Tag records in on ticket id by agent, with a feedback.tagged event in
// the same transaction. The caller has checked that the agent may see the
// ticket. A second tag of the same kind and area on a ticket is a conflict.
func (s *Service) Tag(ctx context.Context, id, agent int64, in NewTag) (Tag, error) {
	if err := in.Validate(); err != nil {
		return Tag{}, err
	}
	if s.Redact != nil && in.Note != "" {
		in.Note = s.Redact(in.Note)
	}
	t := Tag{TicketID: id, Kind: in.Kind, ProductArea: in.ProductArea, Note: in.Note, AgentID: agent}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var area string
		err := tx.QueryRow(ctx, `SELECT product_area FROM tickets WHERE id = ?`, id).Scan(&area)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "no ticket %d", id)
		}
		if err != nil {
			return err
		}
		if t.ProductArea == "" {
			t.ProductArea = area
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM feedback_tags WHERE ticket_id = ? AND kind = ? AND product_area = ?`,
			id, t.Kind, t.ProductArea).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errs.E(errs.Conflict, "ticket %d is already tagged %q for %s", id, t.Kind.Label(), t.ProductArea)
		}
		now := tx.Now()
		t.CreatedAt = store.Time(now)
		if t.ID, err = tx.InsertID(ctx, `INSERT INTO feedback_tags (ticket_id, kind, product_area, note, agent_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			id, t.Kind, t.ProductArea, t.Note, agent, now); err != nil {
			return err
		}
		return Tagged.Emit(ctx, tx, TaggedEvent{TagID: t.ID, TicketID: id, Kind: t.Kind, ProductArea: t.ProductArea, AgentID: agent, At: now})
	})
	if err != nil {
		return Tag{}, fmt.Errorf("feedback: tag ticket %d: %w", id, err)
	}
	return t, nil
}

// TicketTags lists a ticket's feedback, oldest first.
func (s *Service) TicketTags(ctx context.Context, id int64) ([]Tag, error) {
	rows, err := s.db.Query(ctx, `SELECT id, ticket_id, kind, product_area, note, agent_id, created_at FROM feedback_tags
		WHERE ticket_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("feedback: tags of ticket %d: %w", id, err)
	}
	defer rows.Close()
	var out []Tag
	for rows.Next() {
		var t Tag
		var at int64
		if err := rows.Scan(&t.ID, &t.TicketID, &t.Kind, &t.ProductArea, &t.Note, &t.AgentID, &at); err != nil {
			return nil, err
		}
		t.CreatedAt = store.Time(at)
		out = append(out, t)
	}
	return out, rows.Err()
}

// CheckPeriod refuses a period that ends before it starts or is longer
// than MaxPeriod.
func CheckPeriod(from, to time.Time) error {
	if !to.After(from) {
		return errs.E(errs.Invalid, "the period must end after it starts (from %s, to %s)", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	if to.Sub(from) > MaxPeriod {
		return errs.E(errs.Invalid, "a report covers at most 366 days; this period has %d", int(to.Sub(from).Hours()/24))
	}
	return nil
}
