package auth

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Verification is where a ticket's customer stands now.
type Verification struct {
	Level      Level      `json:"level"`
	Label      string     `json:"label"`                 // "L0", "L1" or "L2"
	Until      *time.Time `json:"until,omitempty"`       // when L2 ends
	VerifiedAt *time.Time `json:"verified_at,omitempty"` // when the customer proved the level
	StepUp     *StepUp    `json:"step_up,omitempty"`     // the step-up pending on this ticket
}

// Step-up statuses.
const (
	StepUpPending   = "pending"
	StepUpCompleted = "completed"
)

// StepUpRequestLifetime is how long a customer has to complete a step-up
// an agent asked for.
const StepUpRequestLifetime = 24 * time.Hour

// StepUp is a step-up an agent asked the customer for on a ticket.
type StepUp struct {
	ID          int64      `json:"id"`
	TicketID    int64      `json:"ticket_id"`
	CustomerID  int64      `json:"customer_id"`
	RequestedBy *int64     `json:"requested_by,omitempty"`
	Status      string     `json:"status"` // pending or completed
	RequestedAt time.Time  `json:"requested_at"`
	ExpiresAt   time.Time  `json:"expires_at"` // a pending step-up lapses then
	CompletedAt *time.Time `json:"completed_at,omitempty"`
}

// Verification methods, as stored.
const (
	methodIntake = "ticket_intake" // the ticket came with the exchange's signed identity
	methodSignIn = "sign_in"       // the customer signed in on a Groundcrew page
	methodStepUp = "step_up"       // the customer confirmed a fresh code on the exchange
)

// Verifications records what customers proved through the exchange's
// signed identity, and the step-ups agents ask them for. Customers and
// tickets are other packages' rows; it knows them only by id.
type Verifications struct {
	db     *store.DB
	audit  Auditor
	signer IdentitySigner
}

// NewVerifications returns the verification store; signer checks the
// identity tokens that come with new tickets. Time is the database's clock
// (db.Now), which tests move.
func NewVerifications(db *store.DB, audit Auditor, signer IdentitySigner) *Verifications {
	return &Verifications{db: db, audit: audit, signer: signer}
}

// Status is the level of the customer of ticketID (opened at opened) now:
// L2 while a step-up completed for this ticket is fresh, L1 when the ticket
// came with a signed identity or the customer signed in since it was
// opened, L0 otherwise.
func (v *Verifications) Status(ctx context.Context, customerID, ticketID int64, opened time.Time) (Verification, error) {
	now := v.db.Now()
	rows, err := v.db.Query(ctx, `SELECT level, method, ticket_id, verified_at, expires_at FROM customer_verifications
		WHERE customer_id = ? ORDER BY id DESC LIMIT 200`, customerID)
	if err != nil {
		return Verification{}, fmt.Errorf("verification of customer %d: %w", customerID, err)
	}
	defer rows.Close()
	var best struct {
		level             Level
		verified, expires int64
		found             bool
	}
	for rows.Next() {
		var level Level
		var method string
		var tid sql.NullInt64
		var verified, expires int64
		if err := rows.Scan(&level, &method, &tid, &verified, &expires); err != nil {
			return Verification{}, fmt.Errorf("verification of customer %d: %w", customerID, err)
		}
		ownTicket := tid.Valid && tid.Int64 == ticketID
		if expires != 0 && (expires <= now || !ownTicket) {
			// A lapsed step-up still proves the sign-in; and a step-up
			// belongs to the ticket whose request it answered: for any other
			// ticket it is a sign-in at the time it happened.
			level = min(level, L1)
			expires = 0
		}
		// Below L2, a verification speaks for its own ticket, and a sign-in
		// also for the tickets opened before it; the identity that came with
		// another ticket, or a sign-in before this one, says nothing about
		// who wrote this one.
		if level < L2 && !ownTicket && (method == methodIntake || verified < opened.UnixMilli()) {
			continue
		}
		if !best.found || level > best.level || level == best.level && expires > best.expires {
			best.level, best.verified, best.expires, best.found = level, verified, expires, true
		}
	}
	if err := rows.Err(); err != nil {
		return Verification{}, fmt.Errorf("verification of customer %d: %w", customerID, err)
	}
	out := Verification{Level: best.level, Label: best.level.String()}
	if best.found {
		at := store.Time(best.verified)
		out.VerifiedAt = &at
	}
	if best.expires != 0 {
		until := store.Time(best.expires)
		out.Until = &until
	}
	pending, err := v.stepUps(ctx, `ticket_id = ? AND status = ? AND expires_at > ?`, ticketID, StepUpPending, now)
	if err != nil {
		return Verification{}, err
	}
	if len(pending) > 0 {
		out.StepUp = &pending[0]
	}
	return out, nil
}

// RequestStepUp records that agentID asked the customer of ticketID to step
// up, with an event and an audit record.
func (v *Verifications) RequestStepUp(ctx context.Context, ticketID, customerID, agentID int64) (StepUp, error) {
	now := v.db.Clock()()
	s := StepUp{TicketID: ticketID, CustomerID: customerID, Status: StepUpPending,
		RequestedAt: store.Time(now.UnixMilli()), ExpiresAt: store.Time(now.Add(StepUpRequestLifetime).UnixMilli())}
	if agentID != 0 {
		s.RequestedBy = &agentID
	}
	err := v.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		s.ID, err = tx.InsertID(ctx, `INSERT INTO customer_step_ups (ticket_id, customer_id, requested_by, status, requested_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)`, ticketID, customerID, s.RequestedBy, StepUpPending, s.RequestedAt.UnixMilli(), s.ExpiresAt.UnixMilli())
		if err != nil {
			return err
		}
		detail := StepUpRequestedEvent{StepUpID: s.ID, TicketID: ticketID, CustomerID: customerID, AgentID: s.RequestedBy}
		if err := CustomerStepUpAsked.Emit(ctx, tx, detail); err != nil {
			return err
		}
		return v.audit.Record(ctx, "customer.step_up_requested", "customer", strconv.FormatInt(customerID, 10), detail)
	})
	if err != nil {
		return StepUp{}, fmt.Errorf("request step-up on ticket %d: %w", ticketID, err)
	}
	return s, nil
}

// Pending lists the customer's step-ups that are still open, newest first.
func (v *Verifications) Pending(ctx context.Context, customerID int64) ([]StepUp, error) {
	return v.stepUps(ctx, `customer_id = ? AND status = ? AND expires_at > ?`, customerID, StepUpPending, v.db.Now())
}

// RecordIntake checks the identity token that came with a new ticket and
// records the level it proves for the ticket. It runs in the ticket's
// transaction (ctx carries it); the token must name externalID.
func (v *Verifications) RecordIntake(ctx context.Context, token, externalID string, customerID, ticketID int64) error {
	id, err := v.signer.Verify(token)
	if err != nil {
		msg := "customer.identity is not a valid identity token signed by the exchange"
		if e, ok := errs.As(err); ok {
			msg = "customer.identity: " + e.Msg
		}
		return &errs.Error{Kind: errs.Invalid, Field: "customer.identity", Msg: msg, Err: err}
	}
	if id.UserID != externalID {
		return errs.Field("customer.identity", "customer.identity signs another user than customer.external_id %q", externalID)
	}
	// L2 comes only from a step-up an agent asked for on this ticket: an
	// L2 token that comes with a new ticket proves the sign-in.
	return v.record(ctx, customerID, ticketID, signIn(id), methodIntake, nil)
}

// RecordSignIn records that the customer signed in (L1) on one of
// Groundcrew's customer pages. A fresh step-up in the token counts as the
// sign-in only: L2 belongs to a step-up request (CompleteStepUp).
func (v *Verifications) RecordSignIn(ctx context.Context, customerID int64, id CustomerIdentity) error {
	return v.record(ctx, customerID, 0, signIn(id), methodSignIn, nil)
}

// signIn is id as a plain sign-in, at most L1.
func signIn(id CustomerIdentity) CustomerIdentity {
	id.Level = min(id.Level, L1)
	return id
}

// BeginStepUp starts the customer's confirmation of step-up request
// stepUpID (0: their newest pending one) and returns the nonce to send to
// the exchange, which signs it into its L2 token. Starting again replaces
// the nonce, so only the latest round trip can complete the request.
func (v *Verifications) BeginStepUp(ctx context.Context, customerID, stepUpID int64) (StepUp, string, error) {
	var su StepUp
	nonce := NewToken("")
	err := v.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		pending, err := v.Pending(ctx, customerID)
		if err != nil {
			return err
		}
		for _, p := range pending {
			if stepUpID == 0 || p.ID == stepUpID {
				su = p
				break
			}
		}
		if su.ID == 0 {
			return errs.E(errs.Conflict, "support has not asked you to confirm anything, or the request has lapsed; ask the agent on your ticket to send a new one")
		}
		_, err = tx.Exec(ctx, `UPDATE customer_step_ups SET nonce_hash = ?, begun_at = ? WHERE id = ? AND status = ?`,
			nonceHash(nonce), tx.Now(), su.ID, StepUpPending)
		return err
	})
	if err != nil {
		return StepUp{}, "", fmt.Errorf("begin step-up of customer %d: %w", customerID, err)
	}
	return su, nonce, nil
}

func nonceHash(nonce string) string {
	sum := sha256.Sum256([]byte(nonce))
	return hex.EncodeToString(sum[:])
}

// CompleteStepUp records a fresh step-up (id must be L2) for the one
// pending request whose nonce id carries, and completes that request, which
// it returns. The L2 it records counts for that request's ticket only. A
// token without a nonce, or whose request is completed (a replay), lapsed
// or another customer's, completes nothing: Unauthorized or Conflict.
func (v *Verifications) CompleteStepUp(ctx context.Context, customerID int64, id CustomerIdentity) (StepUp, error) {
	if id.Level < L2 {
		return StepUp{}, errs.E(errs.Unauthorized, "this sign-in carries no fresh step-up; confirm it is you on the exchange")
	}
	if id.Nonce == "" {
		return StepUp{}, errs.E(errs.Unauthorized, "this confirmation does not say which request it answers; start again from the step-up page")
	}
	var su StepUp
	err := v.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		found, err := v.stepUps(ctx, `customer_id = ? AND nonce_hash = ?`, customerID, nonceHash(id.Nonce))
		if err != nil {
			return err
		}
		now := tx.Now()
		switch {
		case len(found) == 0:
			return errs.E(errs.Conflict, "this confirmation answers no request of yours; start again from the step-up page")
		case found[0].Status != StepUpPending:
			return errs.E(errs.Conflict, "this confirmation was used already; each one completes one request")
		case found[0].ExpiresAt.UnixMilli() <= now:
			return errs.E(errs.Conflict, "the request has lapsed; ask the agent on your ticket to send a new one")
		}
		su = found[0]
		// Only one completion wins, even when two arrive at once.
		res, err := tx.Exec(ctx, `UPDATE customer_step_ups SET status = ?, completed_at = ? WHERE id = ? AND status = ?`,
			StepUpCompleted, now, su.ID, StepUpPending)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errors.Join(err, errs.E(errs.Conflict, "this confirmation was used already; each one completes one request"))
		}
		at := store.Time(now)
		su.Status, su.CompletedAt = StepUpCompleted, &at
		return v.record(ctx, customerID, su.TicketID, id, methodStepUp, []StepUp{su})
	})
	if err != nil {
		return StepUp{}, fmt.Errorf("complete step-up of customer %d: %w", customerID, err)
	}
	return su, nil
}

// record writes one verification with its event and audit record.
func (v *Verifications) record(ctx context.Context, customerID, ticketID int64, id CustomerIdentity, method string, stepUps []StepUp) error {
	var expires int64
	if id.Level >= L2 {
		expires = id.AuthTime.Add(StepUpWindow).UnixMilli()
	}
	var tid *int64
	if ticketID != 0 {
		tid = &ticketID
	}
	err := v.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO customer_verifications (customer_id, ticket_id, level, method, verified_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)`, customerID, tid, int(id.Level), method, tx.Now(), expires); err != nil {
			return err
		}
		detail := CustomerVerifiedEvent{CustomerID: customerID, UserID: id.UserID, Level: id.Level.String(), Method: method, TicketID: tid}
		if expires != 0 {
			until := store.Time(expires)
			detail.Until = &until
		}
		for _, s := range stepUps {
			detail.StepUpIDs = append(detail.StepUpIDs, s.ID)
		}
		if err := CustomerVerified.Emit(ctx, tx, detail); err != nil {
			return err
		}
		return v.audit.Record(ctx, "customer.verified", "customer", strconv.FormatInt(customerID, 10), detail)
	})
	if err != nil {
		return fmt.Errorf("record %s verification of customer %d: %w", id.Level, customerID, err)
	}
	return nil
}

func (v *Verifications) stepUps(ctx context.Context, where string, args ...any) ([]StepUp, error) {
	rows, err := v.db.Query(ctx, `SELECT id, ticket_id, customer_id, requested_by, status, requested_at, expires_at, completed_at
		FROM customer_step_ups WHERE `+where+` ORDER BY id DESC LIMIT 50`, args...)
	if err != nil {
		return nil, fmt.Errorf("step-ups: %w", err)
	}
	defer rows.Close()
	out := []StepUp{}
	for rows.Next() {
		var s StepUp
		var by sql.NullInt64
		var requested, expires, completed int64
		if err := rows.Scan(&s.ID, &s.TicketID, &s.CustomerID, &by, &s.Status, &requested, &expires, &completed); err != nil {
			return nil, fmt.Errorf("step-ups: %w", err)
		}
		if by.Valid {
			s.RequestedBy = &by.Int64
		}
		s.RequestedAt, s.ExpiresAt = store.Time(requested), store.Time(expires)
		if completed != 0 {
			at := store.Time(completed)
			s.CompletedAt = &at
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("step-ups: %w", err)
	}
	return out, nil
}
