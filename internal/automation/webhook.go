package automation

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/webhook/egress"
)

// Webhook headers: the receiver recomputes
// hex(HMAC-SHA256(secret, timestamp + "." + body)) and compares it with
// SignatureHeader ("sha256=<hex>"), and refuses old timestamps.
const (
	SignatureHeader = "X-Groundcrew-Signature"
	TimestampHeader = "X-Groundcrew-Timestamp"
	DeliveryHeader  = "X-Groundcrew-Delivery"
)

// maxAttempts: after these a webhook is given up (state failed).
const maxAttempts = 8

// WebhookBody is what a webhook receives: the ticket's routing facts, no
// message text and no customer contact details.
type WebhookBody struct {
	Rule     string   `json:"rule"`
	RuleID   int64    `json:"rule_id"`
	TicketID int64    `json:"ticket_id"`
	Status   string   `json:"status"`
	Priority string   `json:"priority"`
	Area     string   `json:"product_area"`
	Language string   `json:"language"`
	Tier     int      `json:"tier"`
	Tags     []string `json:"tags"`
	At       int64    `json:"at"`
}

// Sign returns the signature header value of body sent at ts (Unix s).
func Sign(secret []byte, ts int64, body []byte) string {
	m := hmac.New(sha256.New, secret)
	fmt.Fprintf(m, "%d.", ts)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// enqueueWebhook writes the call to the outbox in the rule's transaction;
// the sender makes it after the commit, never the request or consumer.
func (s *Service) enqueueWebhook(ctx context.Context, tx *store.Tx, r *Rule, t ticket.Ticket, a Action) error {
	now := tx.Now()
	body, err := json.Marshal(WebhookBody{Rule: r.Name, RuleID: r.ID, TicketID: t.ID, Status: string(t.Status), Priority: string(t.Priority),
		Area: t.ProductArea, Language: t.Language, Tier: t.Tier, Tags: t.Tags, At: now})
	if err != nil {
		return err
	}
	secret, err := s.sealer.Seal(a.Secret, callSecretAAD(r.ID, t.ID, a.URL))
	if err != nil {
		return fmt.Errorf("seal webhook secret: %w", err)
	}
	_, err = tx.Exec(ctx, `INSERT INTO automation_webhooks (rule_id, ticket_id, url, secret, body, next_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		r.ID, t.ID, a.URL, secret, string(body), now, now)
	return err
}

type delivery struct {
	id, rule, ticket int64
	url, secret      string // secret as stored: sealed
	body             string
	attempts         int
	leaseUntil       int64
}

// SendWebhooks sends every webhook that is due, returning how many it
// tried. Each is leased first (its next_at moved ahead) so that two nodes
// do not send it at once; a failure is retried with backoff (1 min, 2, 4
// ... up to maxAttempts), then marked failed.
func (s *Service) SendWebhooks(ctx context.Context) (int, error) {
	n := 0
	for ctx.Err() == nil {
		d, ok, err := s.leaseWebhook(ctx)
		if err != nil || !ok {
			return n, err
		}
		n++
		sendErr := s.post(ctx, d)
		if err := s.settle(ctx, d, sendErr); err != nil {
			return n, err
		}
	}
	return n, ctx.Err()
}

func (s *Service) leaseWebhook(ctx context.Context) (delivery, bool, error) {
	var d delivery
	found := false
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		q := `SELECT id, rule_id, ticket_id, url, secret, body, attempts FROM automation_webhooks WHERE state = 'pending' AND next_at <= ? ORDER BY next_at LIMIT 1`
		if tx.Dialect() == store.Postgres {
			q += ` FOR UPDATE SKIP LOCKED`
		}
		rows, err := tx.Query(ctx, q, now)
		if err != nil {
			return err
		}
		if rows.Next() {
			found = true
			err = rows.Scan(&d.id, &d.rule, &d.ticket, &d.url, &d.secret, &d.body, &d.attempts)
		}
		rows.Close()
		if err != nil || !found {
			return err
		}
		d.attempts++
		d.leaseUntil = now + (2 * time.Minute).Milliseconds()
		_, err = tx.Exec(ctx, `UPDATE automation_webhooks SET attempts = ?, next_at = ? WHERE id = ?`, d.attempts, d.leaseUntil, d.id)
		return err
	})
	if err != nil {
		return d, false, fmt.Errorf("lease webhook: %w", err)
	}
	return d, found, nil
}

func (s *Service) post(ctx context.Context, d delivery) error {
	secret, err := s.sealer.Open(d.secret, callSecretAAD(d.rule, d.ticket, d.url))
	if err != nil {
		return fmt.Errorf("open the webhook secret: %w", err)
	}
	ts := store.Time(s.db.Now()).Unix()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.url, bytes.NewReader([]byte(d.body)))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Groundcrew-Automation/1")
	req.Header.Set(TimestampHeader, strconv.FormatInt(ts, 10))
	req.Header.Set(DeliveryHeader, strconv.FormatInt(d.id, 10))
	req.Header.Set(SignatureHeader, Sign([]byte(secret), ts, []byte(d.body)))
	resp, err := s.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return nil
}

func (s *Service) settle(ctx context.Context, d delivery, sendErr error) error {
	if sendErr == nil {
		_, err := s.db.Exec(ctx, `UPDATE automation_webhooks SET state = 'sent', secret = '', last_error = '' WHERE id = ?`, d.id)
		return err
	}
	msg := sendErr.Error()
	if len(msg) > 500 {
		msg = msg[:500]
	}
	if d.attempts >= maxAttempts {
		s.log.Warn("automation: webhook given up", "id", d.id, "err", msg)
		_, err := s.db.Exec(ctx, `UPDATE automation_webhooks SET state = 'failed', secret = '', last_error = ? WHERE id = ?`, msg, d.id)
		return err
	}
	backoff := time.Minute << (d.attempts - 1)
	_, err := s.db.Exec(ctx, `UPDATE automation_webhooks SET next_at = ?, last_error = ? WHERE id = ?`, s.db.Now()+backoff.Milliseconds(), msg, d.id)
	return err
}

// webhookClient dials only public addresses (checked on the resolved
// address, so a name that resolves to 127.0.0.1 is refused too) unless
// allowPrivate says otherwise, and does not follow redirects. The check is
// the webhook subscriptions' (egress), the same one Save makes.
func webhookClient(allowPrivate func() bool) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, Control: egress.Control(allowPrivate)}
	transport := &http.Transport{DialContext: dialer.DialContext, TLSHandshakeTimeout: 5 * time.Second, ResponseHeaderTimeout: 10 * time.Second}
	return &http.Client{Timeout: 10 * time.Second, Transport: transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
