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
	"github.com/groundcrew/groundcrew/internal/errs"
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
// delivery is due and not being attempted.
func (s *Service) dueSubscriptions(ctx context.Context, limit int) ([]int64, error) {
	now := s.db.Now()
	rows, err := s.db.Query(ctx, `SELECT d.subscription_id FROM webhook_deliveries d
		JOIN webhook_subscriptions s ON s.id = d.subscription_id
		WHERE d.state = 'pending' AND d.next_at <= ? AND d.lease_until <= ? AND s.active = 1
		AND d.id = (SELECT MIN(p.id) FROM webhook_deliveries p WHERE p.subscription_id = d.subscription_id AND p.state = 'pending')
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

// drain attempts one subscription's deliveries in order while the oldest
// is due, and stops at the first that fails (it waits for its back-off).
func (s *Service) drain(ctx context.Context, subID int64) (int, error) {
	sub, err := getSub(ctx, s.db, subID)
	if errs.KindOf(err) == errs.NotFound {
		return 0, nil // deleted meanwhile
	}
	if err != nil {
		return 0, err
	}
	secret, err := s.secretOf(ctx, subID)
	if err != nil {
		return 0, err
	}
	tg := target{id: subID, url: sub.URL, secret: secret}
	n := 0
	for ctx.Err() == nil {
		d, ok, err := s.claim(ctx, subID)
		if err != nil || !ok {
			return n, err
		}
		res := s.send(ctx, tg, d)
		n++
		landed, err := s.settle(ctx, d, res)
		if err != nil || !landed {
			return n, err
		}
	}
	return n, nil
}

// claimed is a delivery this node attempts now.
type claimed struct {
	id, sub, event int64
	typ            string
	payload        string
	attempt        int
}

// claim takes the subscription's oldest pending delivery if it is due,
// the subscription is still active and no other node holds it: the
// conditional UPDATE counts the attempt and sets a lease, and only one
// node's UPDATE matches. A node that dies mid-attempt leaves the lease to
// run out; the delivery is then attempted again (at least once).
func (s *Service) claim(ctx context.Context, subID int64) (claimed, bool, error) {
	now := s.db.Now()
	var d claimed
	var nextAt, lease int64
	var active int
	err := s.db.QueryRow(ctx, `SELECT d.id, d.event_id, d.event_type, d.payload, d.attempts, d.next_at, d.lease_until, s.active
		FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
		WHERE d.subscription_id = ? AND d.state = 'pending' ORDER BY d.id LIMIT 1`, subID).
		Scan(&d.id, &d.event, &d.typ, &d.payload, &d.attempt, &nextAt, &lease, &active)
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	}
	if err != nil {
		return d, false, fmt.Errorf("claim webhook delivery: %w", err)
	}
	if nextAt > now || lease > now || active == 0 {
		return d, false, nil
	}
	until := now + (s.cfg.Timeout + 30*time.Second).Milliseconds()
	res, err := s.db.Exec(ctx, `UPDATE webhook_deliveries SET attempts = attempts + 1, lease_until = ?
		WHERE id = ? AND state = 'pending' AND attempts = ? AND lease_until <= ?`, until, d.id, d.attempt, now)
	if err != nil {
		return d, false, fmt.Errorf("claim webhook delivery %d: %w", d.id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return d, false, nil // another node took it
	}
	d.sub = subID
	d.attempt++
	return d, true, nil
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

// settle records an attempt: delivered, or rescheduled with back-off and
// counted against the subscription, which is switched off (with an alert
// to admins) when it has failed persistently. landed reports success.
func (s *Service) settle(ctx context.Context, d claimed, r result) (landed bool, err error) {
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		if _, err := tx.Exec(ctx, `INSERT INTO webhook_attempts (delivery_id, subscription_id, attempt, at, ok, status_code, latency_ms, response_excerpt, error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.id, d.sub, d.attempt, now, boolInt(r.ok), r.status, r.latency.Milliseconds(), r.excerpt, r.err); err != nil {
			return fmt.Errorf("webhook attempt %d: %w", d.id, err)
		}
		if r.ok {
			if _, err := tx.Exec(ctx, `UPDATE webhook_deliveries SET state = 'delivered', delivered_at = ?, lease_until = 0 WHERE id = ?`, now, d.id); err != nil {
				return fmt.Errorf("webhook delivered %d: %w", d.id, err)
			}
			_, err := tx.Exec(ctx, `UPDATE webhook_subscriptions SET consecutive_failures = 0, failing_since = NULL
				WHERE id = ? AND consecutive_failures <> 0`, d.sub)
			return err
		}
		next := now + s.backoff(d.attempt).Milliseconds()
		if _, err := tx.Exec(ctx, `UPDATE webhook_deliveries SET next_at = ?, lease_until = 0 WHERE id = ?`, next, d.id); err != nil {
			return fmt.Errorf("webhook retry %d: %w", d.id, err)
		}
		if _, err := tx.Exec(ctx, `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1,
			failing_since = COALESCE(failing_since, ?) WHERE id = ?`, now, d.sub); err != nil {
			return fmt.Errorf("webhook failure %d: %w", d.sub, err)
		}
		return s.maybeDisable(ctx, tx, d.sub, now, r)
	})
	return r.ok && err == nil, err
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
