// Package webhook sends the installation's events to outside systems:
// subscriptions per event type, signed deliveries from the durable bus,
// retries with exponential back-off and jitter kept in the database, a
// subscription switched off after persistent failure (with an alert to
// admins), and a delivery log with resend.
//
// How a delivery travels: the bus's durable consumer "webhooks" (one node
// handles each event) writes one delivery row per subscription that wants
// the event, in the transaction that marks the event handled, so that an
// acknowledged event is never lost. Deliverers on every node then take
// subscriptions whose oldest delivery is due, each by a conditional UPDATE
// of the subscription's lease that only one node wins, and attempt its
// deliveries oldest first (a subscription's events arrive in order; a
// failing one holds the later ones back until it lands or the subscription
// is switched off). Attempts are recorded, and failures rescheduled with
// back-off, in the database, so a restart loses nothing.
package webhook

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/webhook/egress"
)

// Sealer seals secrets and payloads at rest; *seal.Keyring implements it.
type Sealer interface {
	Seal(plaintext, aad string) (string, error)
	Open(stored, aad string) (string, error)
}

// Auditor records admins' changes; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// Config is what the service needs. Zero durations and counts take the
// defaults below.
type Config struct {
	DB        *store.DB
	Sealer    Sealer
	Audit     Auditor
	Catalogue *Catalogue
	Log       *slog.Logger
	Policy    Policy
	// Client sends the requests; nil builds one that refuses non-public
	// addresses at connect time (unless Policy.AllowPrivate), follows no
	// redirects and gives up after Timeout.
	Client  *http.Client
	Timeout time.Duration
	// Back-off after the nth failed attempt: Base·2^(n-1), at most Max,
	// with jitter taking it down by up to half (Jitter returns [0,1);
	// nil is math/rand).
	BackoffBase time.Duration
	BackoffMax  time.Duration
	Jitter      func() float64
	// A subscription is switched off when its last MaxFailures attempts
	// all failed and the first of them is FailurePeriod old or more.
	MaxFailures   int
	FailurePeriod time.Duration
	// Workers bounds the subscriptions delivered to at once on this node.
	Workers int
	// Retention is how long delivered deliveries stay in the log.
	Retention time.Duration
}

// Defaults.
const (
	DefaultTimeout       = 10 * time.Second
	DefaultBackoffBase   = 10 * time.Second
	DefaultBackoffMax    = time.Hour
	DefaultMaxFailures   = 10
	DefaultFailurePeriod = 24 * time.Hour
	DefaultWorkers       = 16
	// ExcerptBytes is how much of a response the delivery log keeps.
	ExcerptBytes = 512
)

// Service is the webhooks of one installation.
type Service struct {
	cfg    Config
	db     *store.DB
	log    *slog.Logger
	client *http.Client
	wake   chan struct{}
}

// New checks cfg and fills in the defaults.
func New(cfg Config) (*Service, error) {
	if cfg.DB == nil || cfg.Sealer == nil || cfg.Catalogue == nil {
		return nil, errors.New("webhook: a database, a sealer and a catalogue are required")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.BackoffBase <= 0 {
		cfg.BackoffBase = DefaultBackoffBase
	}
	if cfg.BackoffMax <= 0 {
		cfg.BackoffMax = DefaultBackoffMax
	}
	if cfg.Jitter == nil {
		cfg.Jitter = mrand.Float64
	}
	if cfg.MaxFailures <= 0 {
		cfg.MaxFailures = DefaultMaxFailures
	}
	if cfg.FailurePeriod <= 0 {
		cfg.FailurePeriod = DefaultFailurePeriod
	}
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.Retention <= 0 {
		cfg.Retention = DefaultRetention
	}
	s := &Service{cfg: cfg, db: cfg.DB, log: cfg.Log, client: cfg.Client, wake: make(chan struct{}, 1)}
	if s.client == nil {
		s.client = newClient(cfg.Policy, cfg.Timeout)
	}
	return s, nil
}

// newClient is an HTTP client for webhook targets: connect-time address
// check, no redirects (a 3xx is a failed attempt: following one would let
// a target send us anywhere), no proxy from the environment.
func newClient(p Policy, timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: timeout, Control: egress.Control(func() bool { return p.AllowPrivate })}
	tr := &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 8, IdleConnTimeout: 90 * time.Second,
		TLSHandshakeTimeout: timeout, ResponseHeaderTimeout: timeout}
	return &http.Client{Transport: tr, Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Catalogue is the offered event types.
func (s *Service) Catalogue() *Catalogue { return s.cfg.Catalogue }

// Policy is the installation's target policy.
func (s *Service) Policy() Policy { return s.cfg.Policy }

func (s *Service) now() time.Time { return s.db.Clock()() }

func secretAAD(id int64) string { return "webhook_subscriptions.secret:" + strconv.FormatInt(id, 10) }

// payloadAAD binds a sealed payload to its subscription and event, which a
// resend shares with the delivery it repeats.
func payloadAAD(sub, event int64) string {
	return "webhook_deliveries.payload:" + strconv.FormatInt(sub, 10) + ":" + strconv.FormatInt(event, 10)
}

// newSecret is 32 random bytes, shown to the admin as "whsec_" + base64url.
func newSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("webhook secret: %w", err)
	}
	return "whsec_" + base64.RawURLEncoding.EncodeToString(b), nil
}

// Created is a new subscription with its secret, shown this once.
type Created struct {
	Subscription
	Secret string `json:"secret"`
}

// Create adds a subscription from checked input (see Input.Check).
func (s *Service) Create(ctx context.Context, in Input, by string) (Created, error) {
	if err := in.Check(true, s.cfg.Catalogue.Offered, s.cfg.Policy); err != nil {
		return Created{}, err
	}
	secret, err := newSecret()
	if err != nil {
		return Created{}, err
	}
	active := in.Active == nil || *in.Active
	var out Created
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO webhook_subscriptions (name, url, events, scope, secret, active, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, '', ?, ?, ?, ?)`, *in.Name, *in.URL, strings.Join(*in.Events, ","), string(*in.Scope), boolInt(active), by, now, now)
		if err != nil {
			return fmt.Errorf("create webhook: %w", err)
		}
		sealed, err := s.cfg.Sealer.Seal(secret, secretAAD(id))
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE webhook_subscriptions SET secret = ? WHERE id = ?`, sealed, id); err != nil {
			return fmt.Errorf("create webhook: %w", err)
		}
		if err := s.record(ctx, "webhook.created", id, map[string]any{"url": *in.URL, "events": *in.Events, "scope": *in.Scope}); err != nil {
			return err
		}
		out.Subscription, err = getSub(ctx, tx, id)
		return err
	})
	out.Secret = secret
	return out, err
}

// Update changes the fields in gives. Switching a subscription back on
// clears its failure count, and its waiting deliveries go out again.
func (s *Service) Update(ctx context.Context, id int64, in Input) (Subscription, error) {
	if err := in.Check(false, s.cfg.Catalogue.Offered, s.cfg.Policy); err != nil {
		return Subscription{}, err
	}
	var out Subscription
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		cur, err := getSub(ctx, tx, id)
		if err != nil {
			return err
		}
		if in.Name != nil {
			cur.Name = *in.Name
		}
		if in.URL != nil {
			cur.URL = *in.URL
		}
		if in.Events != nil {
			cur.Events = *in.Events
		}
		if in.Scope != nil {
			cur.Scope = *in.Scope
		}
		reenable := in.Active != nil && *in.Active && !cur.Active
		if in.Active != nil {
			cur.Active = *in.Active
		}
		q := `UPDATE webhook_subscriptions SET name = ?, url = ?, events = ?, scope = ?, active = ?, updated_at = ?`
		if reenable {
			q += `, disabled_reason = '', consecutive_failures = 0, failing_since = NULL`
		} else if in.Active != nil && !*in.Active {
			q += `, disabled_reason = 'switched off by an admin'`
		}
		if _, err := tx.Exec(ctx, q+` WHERE id = ?`, cur.Name, cur.URL, strings.Join(cur.Events, ","), string(cur.Scope),
			boolInt(cur.Active), tx.Now(), id); err != nil {
			return fmt.Errorf("update webhook %d: %w", id, err)
		}
		if reenable {
			// Waiting deliveries go now rather than at the end of a long back-off.
			if _, err := tx.Exec(ctx, `UPDATE webhook_deliveries SET next_at = ? WHERE subscription_id = ? AND state = 'pending'`, tx.Now(), id); err != nil {
				return fmt.Errorf("update webhook %d: %w", id, err)
			}
		}
		if err := s.record(ctx, "webhook.updated", id, in); err != nil {
			return err
		}
		out, err = getSub(ctx, tx, id)
		return err
	})
	if err == nil {
		s.Wake()
	}
	return out, err
}

// Delete removes a subscription with its deliveries and their log.
func (s *Service) Delete(ctx context.Context, id int64) error {
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := getSub(ctx, tx, id); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM webhook_attempts WHERE subscription_id = ?`, `DELETE FROM webhook_deliveries WHERE subscription_id = ?`,
			`DELETE FROM webhook_subscriptions WHERE id = ?`} {
			if _, err := tx.Exec(ctx, q, id); err != nil {
				return fmt.Errorf("delete webhook %d: %w", id, err)
			}
		}
		return s.record(ctx, "webhook.deleted", id, nil)
	})
}

func (s *Service) record(ctx context.Context, action string, id int64, detail any) error {
	if s.cfg.Audit == nil {
		return nil
	}
	return s.cfg.Audit.Record(ctx, action, "webhook", strconv.FormatInt(id, 10), detail)
}

const subColumns = `id, name, url, events, scope, active, disabled_reason, consecutive_failures, failing_since, created_by, created_at, updated_at`

type rowScanner interface{ Scan(dest ...any) error }

func scanSub(r rowScanner) (Subscription, error) {
	var sub Subscription
	var events, scope string
	var active int
	var failing sql.NullInt64
	var created, updated int64
	if err := r.Scan(&sub.ID, &sub.Name, &sub.URL, &events, &scope, &active, &sub.DisabledReason, &sub.ConsecutiveFailures,
		&failing, &sub.CreatedBy, &created, &updated); err != nil {
		return sub, err
	}
	sub.Events = splitEvents(events)
	sub.Scope, sub.Active = Scope(scope), active != 0
	if failing.Valid {
		t := store.Time(failing.Int64)
		sub.FailingSince = &t
	}
	sub.CreatedAt, sub.UpdatedAt = store.Time(created), store.Time(updated)
	return sub, nil
}

func splitEvents(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// querier is what both *store.DB and *store.Tx offer.
type querier interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func getSub(ctx context.Context, q querier, id int64) (Subscription, error) {
	sub, err := scanSub(q.QueryRow(ctx, `SELECT `+subColumns+` FROM webhook_subscriptions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return sub, errs.E(errs.NotFound, "no webhook %d", id)
	}
	if err != nil {
		return sub, fmt.Errorf("webhook %d: %w", id, err)
	}
	return sub, nil
}

// Get returns one subscription.
func (s *Service) Get(ctx context.Context, id int64) (Subscription, error) {
	return getSub(ctx, s.db, id)
}

// List returns every subscription, oldest first.
func (s *Service) List(ctx context.Context) ([]Subscription, error) {
	return listSubs(ctx, s.db, `SELECT `+subColumns+` FROM webhook_subscriptions ORDER BY id`)
}

func listSubs(ctx context.Context, q querier, query string, args ...any) ([]Subscription, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("webhooks: %w", err)
	}
	defer rows.Close()
	out := []Subscription{}
	for rows.Next() {
		sub, err := scanSub(rows)
		if err != nil {
			return nil, fmt.Errorf("webhooks: %w", err)
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

// secretOf opens a subscription's signing secret.
func (s *Service) secretOf(ctx context.Context, id int64) ([]byte, error) {
	var sealed string
	if err := s.db.QueryRow(ctx, `SELECT secret FROM webhook_subscriptions WHERE id = ?`, id).Scan(&sealed); err != nil {
		return nil, fmt.Errorf("webhook %d secret: %w", id, err)
	}
	plain, err := s.cfg.Sealer.Open(sealed, secretAAD(id))
	if err != nil {
		return nil, fmt.Errorf("webhook %d secret: %w", id, err)
	}
	return []byte(plain), nil
}

// RotateSecret gives a subscription a new secret and returns it, once.
func (s *Service) RotateSecret(ctx context.Context, id int64) (string, error) {
	secret, err := newSecret()
	if err != nil {
		return "", err
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := getSub(ctx, tx, id); err != nil {
			return err
		}
		sealed, err := s.cfg.Sealer.Seal(secret, secretAAD(id))
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE webhook_subscriptions SET secret = ?, updated_at = ? WHERE id = ?`, sealed, tx.Now(), id); err != nil {
			return fmt.Errorf("rotate webhook %d secret: %w", id, err)
		}
		return s.record(ctx, "webhook.secret_rotated", id, nil)
	})
	return secret, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
