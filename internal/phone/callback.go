package phone

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Callback sources and statuses.
const (
	SourceMissed = "missed"
	SourceWidget = "widget"
	SourceHelp   = "help"

	CallbackScheduled = "scheduled"
	CallbackDone      = "done"
	CallbackCancelled = "cancelled"
)

// Callback is a callback task as agents see it: the number masked until
// an agent reveals it with a reason.
type Callback struct {
	ID          int64     `json:"id"`
	TicketID    int64     `json:"ticket_id"`
	Number      string    `json:"number"`
	Source      string    `json:"source"`
	WindowStart time.Time `json:"window_start"`
	WindowEnd   time.Time `json:"window_end"`
	Status      string    `json:"status"`
	CreatedAt   time.Time `json:"created_at"`
}

// CallbackRequest is what a customer asks for from the widget or the help
// center: a number and a time window. ExternalID is the exchange user when
// the request came with their signed identity.
type CallbackRequest struct {
	Number      string    `json:"number"`
	WindowStart time.Time `json:"window_start"`
	WindowEnd   time.Time `json:"window_end"`
	Language    string    `json:"language"`
	Source      string    `json:"source"`
	Identity    string    `json:"identity"`
	ExternalID  string    `json:"-"`
	// VouchedNumber is the number the exchange has on record for
	// ExternalID, from its signed identity token (phone_number): only such
	// a number matches later calls to the account. A number the customer
	// types is remembered to pre-fill their next form and nothing more.
	VouchedNumber string `json:"-"`
	// TicketID, set by the chat widget, is the conversation the request
	// was made in: the callback is scheduled on it (no new ticket), and
	// the customer's confirmation is posted there (widget.go).
	TicketID int64 `json:"-"`
}

// Limits on callback windows.
const (
	MaxWindow = 12 * time.Hour
	MaxAhead  = 30 * 24 * time.Hour
)

func (r *CallbackRequest) check(now time.Time) error {
	n, err := Normalize(r.Number)
	if err != nil {
		return err
	}
	r.Number = n
	switch {
	case r.Source != SourceWidget && r.Source != SourceHelp:
		return errs.Field("source", "source must be widget or help")
	case r.WindowStart.IsZero() || r.WindowEnd.IsZero():
		return errs.Field("window_start", "window_start and window_end are required (RFC 3339)")
	case !r.WindowEnd.After(r.WindowStart):
		return errs.Field("window_end", "window_end must be after window_start")
	case r.WindowEnd.Sub(r.WindowStart) > MaxWindow:
		return errs.Field("window_end", "a callback window is at most %d hours", int(MaxWindow.Hours()))
	case r.WindowEnd.Before(now):
		return errs.Field("window_end", "the window has passed already")
	case r.WindowStart.After(now.Add(MaxAhead)):
		return errs.Field("window_start", "a callback can be booked at most 30 days ahead")
	}
	if r.Language == "" {
		r.Language = "en"
	}
	for _, l := range ticket.Languages {
		if l == r.Language {
			return nil
		}
	}
	return errs.Field("language", "language must be one of %v", ticket.Languages)
}

// RequestCallback opens a phone ticket with the request and schedules the
// callback. A signed-in customer's number is remembered, so their calls
// are matched to them.
func (s *Service) RequestCallback(ctx context.Context, r CallbackRequest) (Callback, error) {
	if err := r.check(s.db.Clock()()); err != nil {
		return Callback{}, err
	}
	var cb Callback
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		// A typed number proves nobody's identity: an anonymous request
		// is the number's own customer, never the account the number is
		// linked to, and a signed-in customer's typed number is remembered
		// for them but matches no call (linkNumbers).
		ref := r.ExternalID
		if ref == "" {
			ref = callerRef(r.Number)
		} else if err := s.linkNumbers(ctx, tx, r); err != nil {
			return err
		}
		if r.TicketID != 0 {
			return s.callbackOnConversation(ctx, tx, r, &cb)
		}
		nc := ticket.NewCustomer{ExternalID: ref, Language: r.Language}
		if r.ExternalID != "" {
			nc.Identity = r.Identity
		}
		msg := fmt.Sprintf("Please call me back at %s between %s and %s (UTC).", Mask(r.Number),
			r.WindowStart.UTC().Format("2006-01-02 15:04"), r.WindowEnd.UTC().Format("2006-01-02 15:04"))
		t, err := s.tickets.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Callback request", Channel: Channel, Message: msg,
			Customer: nc, Language: r.Language})
		if err != nil {
			return err
		}
		id, err := s.addCallback(ctx, tx, t.ID, r.Number, r.Source, "", r.WindowStart, r.WindowEnd)
		if err != nil {
			return err
		}
		cb, err = s.callback(ctx, tx, id)
		return err
	})
	if err != nil {
		return Callback{}, fmt.Errorf("request callback: %w", err)
	}
	return cb, nil
}

// linkNumbers records a signed-in customer's numbers: the one the
// exchange vouched for as verified (it matches their calls), a typed one
// that differs as a claim that only pre-fills their next form.
func (s *Service) linkNumbers(ctx context.Context, tx *store.Tx, r CallbackRequest) error {
	if r.VouchedNumber != "" {
		v, err := Normalize(r.VouchedNumber)
		if err != nil {
			return errs.Field("identity", "the identity token's phone_number is not a phone number: %v", err)
		}
		if err := s.rememberNumber(ctx, tx, v, r.ExternalID); err != nil {
			return err
		}
		if v == r.Number {
			return nil
		}
	}
	return s.claimNumber(ctx, tx, r.Number, r.ExternalID)
}

// claimNumber records a number a customer typed as theirs, unverified. It
// never re-points a verified link (the exchange's), and an unverified one
// matches no call, so typing someone's number takes none of their calls:
// before unverified links were kept apart, the first person to type a
// number nobody had linked received its future calls in their account.
func (s *Service) claimNumber(ctx context.Context, tx *store.Tx, number, externalID string) error {
	_, err := tx.Exec(ctx, `INSERT INTO phone_numbers (number, external_id, verified, updated_at) VALUES (?, ?, 0, ?)
		ON CONFLICT (number) DO UPDATE SET external_id = excluded.external_id, updated_at = excluded.updated_at
		WHERE phone_numbers.verified = 0 OR phone_numbers.external_id = excluded.external_id`,
		number, externalID, tx.Now())
	return err
}

// rememberNumber links number to externalID as verified: the exchange said so.
func (s *Service) rememberNumber(ctx context.Context, tx *store.Tx, number, externalID string) error {
	_, err := tx.Exec(ctx, `INSERT INTO phone_numbers (number, external_id, verified, updated_at) VALUES (?, ?, 1, ?)
		ON CONFLICT (number) DO UPDATE SET external_id = excluded.external_id, verified = 1, updated_at = excluded.updated_at`,
		number, externalID, tx.Now())
	return err
}

// RememberNumber records that number belongs to exchange user externalID
// (the exchange pushes it, or the user gave it signed in).
func (s *Service) RememberNumber(ctx context.Context, number, externalID string) error {
	n, err := Normalize(number)
	if err != nil {
		return err
	}
	if externalID == "" || len(externalID) > 200 {
		return errs.Field("external_id", "external_id must be 1-200 characters")
	}
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error { return s.rememberNumber(ctx, tx, n, externalID) })
}

// addCallback schedules a callback on ticketID; number "" takes the call's.
func (s *Service) addCallback(ctx context.Context, tx *store.Tx, ticketID int64, number, source, callID string, from, to time.Time) (int64, error) {
	if number == "" {
		if err := tx.QueryRow(ctx, `SELECT number FROM phone_calls WHERE call_id = ?`, callID).Scan(&number); err != nil {
			return 0, err
		}
	}
	now := tx.Now()
	return tx.InsertID(ctx, `INSERT INTO phone_callbacks (ticket_id, number, source, window_start, window_end, call_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, ticketID, number, source, from.UnixMilli(), to.UnixMilli(), callID, now, now)
}

const callbackCols = `id, ticket_id, number, source, window_start, window_end, status, created_at`

func scanCallback(row interface{ Scan(...any) error }) (Callback, error) {
	var c Callback
	var ws, we, created int64
	if err := row.Scan(&c.ID, &c.TicketID, &c.Number, &c.Source, &ws, &we, &c.Status, &created); err != nil {
		return c, err
	}
	c.Number, c.WindowStart, c.WindowEnd, c.CreatedAt = Mask(c.Number), store.Time(ws), store.Time(we), store.Time(created)
	return c, nil
}

func (s *Service) callback(ctx context.Context, tx *store.Tx, id int64) (Callback, error) {
	c, err := scanCallback(tx.QueryRow(ctx, `SELECT `+callbackCols+` FROM phone_callbacks WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.E(errs.NotFound, "no callback %d", id)
	}
	return c, err
}

// Callbacks lists callbacks with status (all when ""), soonest window first.
func (s *Service) Callbacks(ctx context.Context, status string) ([]Callback, error) {
	where, args := "", []any{}
	if status != "" {
		if status != CallbackScheduled && status != CallbackDone && status != CallbackCancelled {
			return nil, errs.Field("status", "status must be scheduled, done or cancelled")
		}
		where, args = ` WHERE status = ?`, append(args, status)
	}
	rows, err := s.db.Query(ctx, `SELECT `+callbackCols+` FROM phone_callbacks`+where+` ORDER BY window_start, id LIMIT 500`, args...)
	if err != nil {
		return nil, fmt.Errorf("callbacks: %w", err)
	}
	defer rows.Close()
	out := []Callback{}
	for rows.Next() {
		c, err := scanCallback(rows)
		if err != nil {
			return nil, fmt.Errorf("callbacks: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Callback returns one callback.
func (s *Service) Callback(ctx context.Context, id int64) (Callback, error) {
	c, err := scanCallback(s.db.QueryRow(ctx, `SELECT `+callbackCols+` FROM phone_callbacks WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.E(errs.NotFound, "no callback %d", id)
	}
	return c, err
}

// SetCallbackStatus marks a callback done or cancelled by agentID.
func (s *Service) SetCallbackStatus(ctx context.Context, id, agentID int64, status string) (Callback, error) {
	if status != CallbackDone && status != CallbackCancelled && status != CallbackScheduled {
		return Callback{}, errs.Field("status", "status must be scheduled, done or cancelled")
	}
	var c Callback
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE phone_callbacks SET status = ?, updated_at = ? WHERE id = ?`, status, tx.Now(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "no callback %d", id)
		}
		if err := s.audit.Record(ctx, "phone.callback_"+status, "callback", strconv.FormatInt(id, 10), map[string]any{"agent_id": agentID}); err != nil {
			return err
		}
		c, err = s.callback(ctx, tx, id)
		return err
	})
	return c, err
}

// RevealNumber returns a callback's full number for agentID to call,
// with the reason in the audit log.
func (s *Service) RevealNumber(ctx context.Context, id, agentID int64, reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if len(reason) < 5 || len(reason) > 500 {
		return "", errs.Field("reason", "say in 5 to 500 characters why you need the number")
	}
	var number string
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		err := tx.QueryRow(ctx, `SELECT number FROM phone_callbacks WHERE id = ?`, id).Scan(&number)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "no callback %d", id)
		}
		if err != nil {
			return err
		}
		return s.audit.Record(ctx, "phone.number_revealed", "callback", strconv.FormatInt(id, 10), map[string]any{"agent_id": agentID, "reason": reason})
	})
	return number, err
}
