package webhook

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
)

// DeliverDue attempts every delivery that is due now, each subscription's
// oldest first, up to Workers subscriptions at once, until none is due;
// it returns how many attempts it made. Failed ones are rescheduled, so
// it returns even while a receiver keeps failing.
func (s *Service) DeliverDue(ctx context.Context) (int, error) {
	total := 0
	for ctx.Err() == nil {
		subs, err := s.dueSubscriptions(ctx, 4*s.cfg.Workers)
		if err != nil || len(subs) == 0 {
			return total, err
		}
		var (
			mu    sync.Mutex
			n     int
			first error
			wg    sync.WaitGroup
			slots = make(chan struct{}, s.cfg.Workers)
		)
		for _, id := range subs {
			slots <- struct{}{}
			wg.Add(1)
			go func() {
				defer func() { <-slots; wg.Done() }()
				done, err := s.drain(ctx, id)
				mu.Lock()
				n += done
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}()
		}
		wg.Wait()
		total += n
		if first != nil {
			return total, first
		}
		if n == 0 {
			return total, nil // another node took them
		}
	}
	return total, ctx.Err()
}

// dueSubscriptions lists active subscriptions whose oldest pending
// delivery is due and that no node is delivering.
func (s *Service) dueSubscriptions(ctx context.Context, limit int) ([]int64, error) {
	now := s.db.Now()
	rows, err := s.db.Query(ctx, `SELECT d.subscription_id FROM webhook_deliveries d
		JOIN webhook_subscriptions s ON s.id = d.subscription_id
		WHERE d.state = 'pending' AND d.next_at <= ? AND s.active = 1 AND s.lease_until <= ?
		AND d.id = (SELECT p.id FROM webhook_deliveries p WHERE p.subscription_id = d.subscription_id AND p.state = 'pending'
			ORDER BY p.event_id, p.id LIMIT 1)
		ORDER BY d.next_at LIMIT ?`, now, now, limit)
	if err != nil {
		return nil, fmt.Errorf("due webhooks: %w", err)
	}
	return store.ScanIDs(rows)
}

// target is what one subscription's deliveries are sent with.
type target struct {
	id     int64
	url    string
	secret []byte
}

// lease takes a subscription for this node until the returned time, or
// reports false when another node holds it or it is off. The conditional
// UPDATE is what makes one node, and one only, attempt a subscription's
// deliveries: each attempt happens once, and in order. A node that dies
// holding a lease leaves it to run out; its unsettled attempt is then
// made again (at least once; receivers de-duplicate by event id).
func (s *Service) lease(ctx context.Context, subID, held int64) (int64, bool, error) {
	now := s.db.Now()
	until := now + (s.cfg.Timeout + 30*time.Second).Milliseconds()
	q := `UPDATE webhook_subscriptions SET lease_until = ? WHERE id = ? AND active = 1 AND lease_until <= ?`
	args := []any{until, subID, now}
	if held != 0 {
		q = `UPDATE webhook_subscriptions SET lease_until = ? WHERE id = ? AND active = 1 AND lease_until = ?`
		args[2] = held
	}
	res, err := s.db.Exec(ctx, q, args...)
	if err != nil {
		return 0, false, fmt.Errorf("lease webhook %d: %w", subID, err)
	}
	n, _ := res.RowsAffected()
	return until, n == 1, nil
}

func (s *Service) release(subID, held int64) {
	// Not the caller's context: a lease left behind would hold the queue
	// until it ran out.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := s.db.Exec(ctx, `UPDATE webhook_subscriptions SET lease_until = 0 WHERE id = ? AND lease_until = ?`, subID, held); err != nil {
		s.log.Warn("webhook: release lease", "webhook", subID, "err", err)
	}
}

// settleEvery is how many successful attempts are recorded per transaction.
const settleEvery = 64

// drain leases a subscription and attempts its deliveries in order while
// the oldest is due, stopping at the first that fails (it waits for its
// back-off). Successes are recorded in batches; a crash before a batch is
// recorded makes its deliveries go again, never lost.
func (s *Service) drain(ctx context.Context, subID int64) (int, error) {
	held, ok, err := s.lease(ctx, subID, 0)
	if err != nil || !ok {
		return 0, err
	}
	defer func() { s.release(subID, held) }()
	sub, err := getSub(ctx, s.db, subID)
	if err != nil {
		return 0, err
	}
	secret, err := s.secretOf(ctx, subID)
	if err != nil {
		return 0, err
	}
	tg := target{id: subID, url: sub.URL, secret: secret}
	n := 0
	var landed []settled
	flush := func() error {
		if len(landed) == 0 {
			return nil
		}
		err := s.settleLanded(ctx, subID, landed)
		landed = landed[:0]
		if err != nil {
			return err
		}
		if held, ok, err = s.lease(ctx, subID, held); err == nil && !ok {
			err = errLeaseLost
		}
		return err
	}
	for ctx.Err() == nil {
		page, err := s.nextDue(ctx, subID, settleEvery)
		if err != nil || len(page) == 0 {
			return n, errors.Join(err, flush())
		}
		for _, d := range page {
			res := s.send(ctx, tg, d)
			n++
			if !res.ok {
				if err := flush(); err != nil {
					return n, err
				}
				return n, s.settleFailed(ctx, d, res)
			}
			landed = append(landed, settled{d, res})
		}
		if err := flush(); err != nil {
			if errors.Is(err, errLeaseLost) {
				return n, nil
			}
			return n, err
		}
	}
	return n, flush()
}

var errLeaseLost = errors.New("webhook: lease lost")

// claimed is a delivery this node attempts now.
type claimed struct {
	id, sub, event int64
	typ            string
	payload        string
	attempt        int // this attempt's number
}

type settled struct {
	d claimed
	r result
}

// nextDue returns, in event order, up to limit pending deliveries of the
// subscription up to the first that is not due yet. Event order, not
// queue order: two nodes' consumers may queue neighbouring batches in
// either order. A resend goes at its event's place.
func (s *Service) nextDue(ctx context.Context, subID int64, limit int) ([]claimed, error) {
	now := s.db.Now()
	rows, err := s.db.Query(ctx, `SELECT id, event_id, event_type, payload, attempts, next_at FROM webhook_deliveries
		WHERE subscription_id = ? AND state = 'pending' ORDER BY event_id, id LIMIT ?`, subID, limit)
	if err != nil {
		return nil, fmt.Errorf("webhook %d queue: %w", subID, err)
	}
	defer rows.Close()
	var out []claimed
	for rows.Next() {
		d := claimed{sub: subID}
		var next int64
		if err := rows.Scan(&d.id, &d.event, &d.typ, &d.payload, &d.attempt, &next); err != nil {
			return nil, fmt.Errorf("webhook %d queue: %w", subID, err)
		}
		if next > now {
			break // later ones wait behind it
		}
		d.attempt++
		out = append(out, d)
	}
	return out, rows.Err()
}

// result is what one attempt came to.
type result struct {
	ok      bool
	status  int
	latency time.Duration
	excerpt string
	err     string
}

// send makes one attempt: the sealed payload opened, signed with the
// attempt's timestamp, POSTed.
func (s *Service) send(ctx context.Context, tg target, d claimed) result {
	body, err := s.cfg.Sealer.Open(d.payload, payloadAAD(d.sub, d.event))
	if err != nil {
		s.log.Error("webhook: payload does not open", "delivery", d.id, "err", err)
		return result{err: "payload could not be opened (encryption keys changed?)"}
	}
	ts := s.now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tg.url, strings.NewReader(body))
	if err != nil {
		return result{err: clip(err.Error(), ExcerptBytes)}
	}
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "Groundcrew-Webhooks/1")
	h.Set(HeaderTimestamp, strconv.FormatInt(ts.Unix(), 10))
	h.Set(HeaderSignature, Sign(tg.secret, ts, []byte(body)))
	h.Set(HeaderDelivery, strconv.FormatInt(d.id, 10))
	h.Set(HeaderEventID, strconv.FormatInt(d.event, 10))
	h.Set(HeaderEventType, d.typ)
	start := time.Now() // latency is measured on the wall clock: it is what the log reports
	resp, err := s.client.Do(req)
	if err != nil {
		return result{latency: time.Since(start), err: clip(describe(err), ExcerptBytes)}
	}
	defer resp.Body.Close()
	head, _ := io.ReadAll(io.LimitReader(resp.Body, ExcerptBytes))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
	r := result{ok: resp.StatusCode >= 200 && resp.StatusCode < 300, status: resp.StatusCode, latency: time.Since(start), excerpt: excerpt(head)}
	if !r.ok {
		r.err = "HTTP " + strconv.Itoa(resp.StatusCode)
		if resp.StatusCode >= 300 && resp.StatusCode < 400 {
			r.err += " (redirects are not followed)"
		}
	}
	return r
}

func describe(err error) string {
	var ue interface{ Timeout() bool }
	if errors.As(err, &ue) && ue.Timeout() {
		return "timed out: " + err.Error()
	}
	return err.Error()
}

// excerpt is the start of a response as valid UTF-8.
func excerpt(b []byte) string {
	b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	for len(b) > ExcerptBytes {
		b = b[:len(b)-1]
	}
	for len(b) > 0 && !utf8.Valid(b) {
		b = b[:len(b)-1]
	}
	return string(b)
}

// backoff is the wait after the nth failed attempt.
func (s *Service) backoff(n int) time.Duration {
	d := s.cfg.BackoffMax
	if n < 1 {
		n = 1
	}
	if n <= 30 {
		if b := s.cfg.BackoffBase << (n - 1); b > 0 && b < d {
			d = b
		}
	}
	// Jitter spreads the retries of many deliveries that failed together
	// (a receiver's outage) so that they do not all come back at once.
	return d/2 + time.Duration(s.cfg.Jitter()*float64(d/2))
}

func (s *Service) insertAttempt(ctx context.Context, tx *store.Tx, d claimed, r result, now int64) error {
	if _, err := tx.Exec(ctx, `INSERT INTO webhook_attempts (delivery_id, subscription_id, attempt, at, ok, status_code, latency_ms, response_excerpt, error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.id, d.sub, d.attempt, now, boolInt(r.ok), r.status, r.latency.Milliseconds(), r.excerpt, r.err); err != nil {
		return fmt.Errorf("webhook attempt %d: %w", d.id, err)
	}
	return nil
}

// deleted reports whether an admin deleted the subscription while its
// deliveries were being attempted: their attempts are then not recorded.
func deleted(ctx context.Context, tx *store.Tx, id int64) (bool, error) {
	var one int
	err := tx.QueryRow(ctx, `SELECT 1 FROM webhook_subscriptions WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("webhook %d: %w", id, err)
	}
	return false, nil
}

// settleLanded records successful attempts and clears the subscription's
// failure count, in one transaction.
func (s *Service) settleLanded(ctx context.Context, subID int64, landed []settled) error {
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if gone, err := deleted(ctx, tx, subID); gone || err != nil {
			return err
		}
		now := tx.Now()
		for _, l := range landed {
			if err := s.insertAttempt(ctx, tx, l.d, l.r, now); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE webhook_deliveries SET state = 'delivered', attempts = ?, delivered_at = ? WHERE id = ?`,
				l.d.attempt, now, l.d.id); err != nil {
				return fmt.Errorf("webhook delivered %d: %w", l.d.id, err)
			}
		}
		_, err := tx.Exec(ctx, `UPDATE webhook_subscriptions SET consecutive_failures = 0, failing_since = NULL
			WHERE id = ? AND consecutive_failures <> 0`, subID)
		return err
	})
}

// settleFailed records a failed attempt: the delivery is rescheduled with
// back-off and the failure counted against the subscription, which is
// switched off (with an alert to admins) when it has failed persistently.
func (s *Service) settleFailed(ctx context.Context, d claimed, r result) error {
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if gone, err := deleted(ctx, tx, d.sub); gone || err != nil {
			return err
		}
		now := tx.Now()
		if err := s.insertAttempt(ctx, tx, d, r, now); err != nil {
			return err
		}
		next := now + s.backoff(d.attempt).Milliseconds()
		if _, err := tx.Exec(ctx, `UPDATE webhook_deliveries SET attempts = ?, next_at = ? WHERE id = ?`, d.attempt, next, d.id); err != nil {
			return fmt.Errorf("webhook retry %d: %w", d.id, err)
		}
		if _, err := tx.Exec(ctx, `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1,
			failing_since = COALESCE(failing_since, ?) WHERE id = ?`, now, d.sub); err != nil {
			return fmt.Errorf("webhook failure %d: %w", d.sub, err)
		}
		return s.maybeDisable(ctx, tx, d.sub, now, r)
	})
}

// maybeDisable switches a subscription off once its last MaxFailures
// attempts failed over FailurePeriod or more, and alerts admins in the
// same transaction (alert.raised, shown in their alerts).
func (s *Service) maybeDisable(ctx context.Context, tx *store.Tx, id, now int64, r result) error {
	var name string
	var failures, active int
	var since sql.NullInt64
	if err := tx.QueryRow(ctx, `SELECT name, consecutive_failures, failing_since, active FROM webhook_subscriptions WHERE id = ?`, id).
		Scan(&name, &failures, &since, &active); err != nil {
		return fmt.Errorf("webhook %d: %w", id, err)
	}
	if active == 0 || failures < s.cfg.MaxFailures || !since.Valid || now-since.Int64 < s.cfg.FailurePeriod.Milliseconds() {
		return nil
	}
	reason := fmt.Sprintf("switched off after %d failed attempts in a row since %s (last: %s)", failures,
		store.Time(since.Int64).Format("2006-01-02 15:04 UTC"), clip(r.err, 200))
	if _, err := tx.Exec(ctx, `UPDATE webhook_subscriptions SET active = 0, disabled_reason = ?, updated_at = ? WHERE id = ?`, reason, now, id); err != nil {
		return fmt.Errorf("disable webhook %d: %w", id, err)
	}
	s.log.Warn("webhook: subscription switched off after persistent failure", "webhook", id, "failures", failures)
	return auth.AlertRaised.Emit(ctx, tx, auth.AlertRaisedEvent{Alert: AlertDisabled, Severity: "warning", Audience: string(auth.Admin),
		Message: fmt.Sprintf("Webhook %q was switched off: %s. Its deliveries wait; switch it on at /admin/webhooks/%d once the receiver works.", name, reason, id)})
}

// AlertDisabled is the alert.raised kind for a subscription switched off.
const AlertDisabled = "webhook.disabled"
