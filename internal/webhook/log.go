package webhook

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Delivery is one event for one subscription, with its attempts newest
// first: the delivery log.
type Delivery struct {
	ID          int64      `json:"id"`
	EventID     int64      `json:"event_id"`
	EventType   string     `json:"event_type"`
	State       string     `json:"state"` // pending or delivered
	Attempts    int        `json:"attempts"`
	NextAt      *time.Time `json:"next_attempt_at,omitempty"`
	ResendOf    *int64     `json:"resend_of,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	DeliveredAt *time.Time `json:"delivered_at,omitempty"`
	Log         []Attempt  `json:"log"`
}

// Attempt is one try: the receiver's status (0 when none came), latency,
// the start of its answer (at most ExcerptBytes) or the error.
type Attempt struct {
	Attempt    int       `json:"attempt"`
	At         time.Time `json:"at"`
	OK         bool      `json:"ok"`
	StatusCode int       `json:"status_code"`
	LatencyMS  int64     `json:"latency_ms"`
	Response   string    `json:"response_excerpt"`
	Error      string    `json:"error,omitempty"`
}

// MaxLog bounds a delivery-log page.
const MaxLog = 200

// Deliveries lists a subscription's deliveries newest first (before
// before, when not 0), each with its attempts.
func (s *Service) Deliveries(ctx context.Context, subID int64, before int64, limit int) ([]Delivery, error) {
	if _, err := getSub(ctx, s.db, subID); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > MaxLog {
		limit = MaxLog
	}
	q := `SELECT id, event_id, event_type, state, attempts, next_at, resend_of, created_at, delivered_at FROM webhook_deliveries WHERE subscription_id = ?`
	args := []any{subID}
	if before > 0 {
		q += ` AND id < ?`
		args = append(args, before)
	}
	rows, err := s.db.Query(ctx, q+` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("webhook %d deliveries: %w", subID, err)
	}
	defer rows.Close()
	out := []Delivery{}
	index := map[int64]int{}
	for rows.Next() {
		var d Delivery
		var next, created int64
		var resend, delivered sql.NullInt64
		if err := rows.Scan(&d.ID, &d.EventID, &d.EventType, &d.State, &d.Attempts, &next, &resend, &created, &delivered); err != nil {
			return nil, fmt.Errorf("webhook %d deliveries: %w", subID, err)
		}
		d.CreatedAt, d.Log = store.Time(created), []Attempt{}
		if d.State == "pending" {
			t := store.Time(next)
			d.NextAt = &t
		}
		if resend.Valid {
			d.ResendOf = &resend.Int64
		}
		if delivered.Valid {
			t := store.Time(delivered.Int64)
			d.DeliveredAt = &t
		}
		index[d.ID] = len(out)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("webhook %d deliveries: %w", subID, err)
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]any, 0, len(out))
	for _, d := range out {
		ids = append(ids, d.ID)
	}
	arows, err := s.db.Query(ctx, `SELECT delivery_id, attempt, at, ok, status_code, latency_ms, response_excerpt, error FROM webhook_attempts
		WHERE delivery_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY id DESC`, ids...)
	if err != nil {
		return nil, fmt.Errorf("webhook %d attempts: %w", subID, err)
	}
	defer arows.Close()
	for arows.Next() {
		var a Attempt
		var did, at int64
		var ok int
		if err := arows.Scan(&did, &a.Attempt, &at, &ok, &a.StatusCode, &a.LatencyMS, &a.Response, &a.Error); err != nil {
			return nil, fmt.Errorf("webhook %d attempts: %w", subID, err)
		}
		a.At, a.OK = store.Time(at), ok != 0
		if i, found := index[did]; found && len(out[i].Log) < 20 {
			out[i].Log = append(out[i].Log, a)
		}
	}
	return out, arows.Err()
}

// Resend queues a delivery's payload again as a new delivery, signed
// afresh when sent; among deliveries still waiting it takes its event's
// place. The receiver sees the same event id, so one that de-duplicates by
// it ignores the copy: a resend is for a receiver that lost or mishandled
// the first.
func (s *Service) Resend(ctx context.Context, subID, deliveryID int64) (Delivery, error) {
	var out Delivery
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var event int64
		var typ, payload string
		err := tx.QueryRow(ctx, `SELECT event_id, event_type, payload FROM webhook_deliveries WHERE id = ? AND subscription_id = ?`,
			deliveryID, subID).Scan(&event, &typ, &payload)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "no delivery %d of webhook %d", deliveryID, subID)
		}
		if err != nil {
			return fmt.Errorf("resend %d: %w", deliveryID, err)
		}
		now := tx.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, payload, next_at, resend_of, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, subID, event, typ, payload, now, deliveryID, now)
		if err != nil {
			return fmt.Errorf("resend %d: %w", deliveryID, err)
		}
		t := store.Time(now)
		out = Delivery{ID: id, EventID: event, EventType: typ, State: "pending", NextAt: &t, ResendOf: &deliveryID, CreatedAt: t, Log: []Attempt{}}
		return s.record(ctx, "webhook.resent", subID, map[string]int64{"delivery_id": deliveryID, "new_delivery_id": id})
	})
	if err == nil {
		s.Wake()
	}
	return out, err
}

// DefaultRetention is how long delivered deliveries and their attempts
// stay in the log.
const DefaultRetention = 30 * 24 * time.Hour

// Prune removes deliveries delivered before now - retention, with their
// attempts; pending ones stay whatever their age. It returns how many
// deliveries it removed.
func (s *Service) Prune(ctx context.Context) (int64, error) {
	cutoff := s.now().Add(-s.cfg.Retention).UnixMilli()
	var n int64
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM webhook_attempts WHERE delivery_id IN
			(SELECT id FROM webhook_deliveries WHERE state = 'delivered' AND delivered_at < ?)`, cutoff); err != nil {
			return fmt.Errorf("prune webhook attempts: %w", err)
		}
		res, err := tx.Exec(ctx, `DELETE FROM webhook_deliveries WHERE state = 'delivered' AND delivered_at < ?`, cutoff)
		if err != nil {
			return fmt.Errorf("prune webhook deliveries: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, err
}
