package fraud

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Settings is the admin-editable cluster rule: Threshold distinct
// customers reporting one entity within WindowHours raise an alert.
type Settings struct {
	Threshold   int `json:"threshold"`
	WindowHours int `json:"window_hours"`
}

// Window is WindowHours as a duration.
func (st Settings) Window() time.Duration { return time.Duration(st.WindowHours) * time.Hour }

// Validate checks st's bounds.
func (st Settings) Validate() error {
	if st.Threshold < 2 || st.Threshold > 1000 {
		return errs.Field("threshold", "threshold must be between 2 and 1000 customers")
	}
	if st.WindowHours < 1 || st.WindowHours > 24*365 {
		return errs.Field("window_hours", "window_hours must be between 1 and 8760")
	}
	return nil
}

// Settings reads the cluster rule (the defaults until an admin saves one).
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	st := Settings{Threshold: DefaultThreshold, WindowHours: int(DefaultWindow.Hours())}
	err := s.db.QueryRow(ctx, `SELECT threshold, window_hours FROM fraud_settings WHERE id = 1`).Scan(&st.Threshold, &st.WindowHours)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("fraud settings: %w", err)
	}
	return st, nil
}

// SaveSettings changes the cluster rule, audited.
func (s *Service) SaveSettings(ctx context.Context, st Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO fraud_settings (id, threshold, window_hours, updated_at) VALUES (1, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET threshold = excluded.threshold, window_hours = excluded.window_hours, updated_at = excluded.updated_at`,
			st.Threshold, st.WindowHours, tx.Now()); err != nil {
			return fmt.Errorf("save fraud settings: %w", err)
		}
		return s.audit.Record(ctx, "fraud.settings_changed", "", "", st)
	})
}

// Limits of a decision's reason.
const maxReason = 1000

// checkReason validates a decision's reason and cuts the secrets the
// guard finds out of it, before it reaches the row, the audit log and
// the fraud events.
func (s *Service) checkReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return "", errs.Field("reason", "reason is required: say why, for the agents and the exchange")
	case utf8.RuneCountInString(reason) > maxReason:
		return "", errs.Field("reason", "reason is longer than %d characters", maxReason)
	}
	if s.redact != nil {
		reason = s.redact(reason)
	}
	return reason, nil
}

// Flag puts entity id on the flagged list for reason, by agentID: audited,
// and fraud.entity_flagged emitted in the same transaction. An unknown
// entity is NotFound; one already flagged is a Conflict.
func (s *Service) Flag(ctx context.Context, id int64, reason string, agentID int64) (Flagged, error) {
	reason, err := s.checkReason(reason)
	if err != nil {
		return Flagged{}, err
	}
	var f Flagged
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		row, err := loadEntity(ctx, tx, id)
		if err != nil {
			return err
		}
		if row.State == StateFlagged {
			return errs.E(errs.Conflict, "entity %d is already flagged", id)
		}
		seq, now, err := decide(ctx, tx, id, StateFlagged, reason, agentID)
		if err != nil {
			return err
		}
		at := store.Time(now)
		f = Flagged{ID: id, Kind: row.Kind, Value: row.Value, State: StateFlagged, Reason: reason, Imitates: row.Imitates, FlaggedAt: &at, Cursor: seq}
		if err := s.audit.Record(ctx, "fraud.entity_flagged", "fraud_entity", strconv.FormatInt(id, 10),
			map[string]any{"kind": row.Kind, "value": row.Value, "reason": reason, "was": row.State}); err != nil {
			return err
		}
		return EntityFlagged.Emit(ctx, tx, EntityFlaggedEvent{EntityID: id, Kind: row.Kind, Value: row.Value, Reason: reason, Cursor: seq, FlaggedAt: now})
	})
	if err != nil {
		return Flagged{}, fmt.Errorf("flag entity %d: %w", id, err)
	}
	return f, nil
}

// decide records a specialist's decision on entity id (its new state,
// reason, who and when) at the next place in the flagged list's order.
func decide(ctx context.Context, tx *store.Tx, id int64, state, reason string, agentID int64) (seq, now int64, err error) {
	if seq, err = nextSeq(ctx, tx); err != nil {
		return 0, 0, err
	}
	now = tx.Now()
	if _, err := tx.Exec(ctx, `UPDATE fraud_entities SET state = ?, reason = ?, decided_by = ?, decided_at = ?, seq = ? WHERE id = ?`,
		state, reason, agentID, now, seq, id); err != nil {
		return 0, 0, fmt.Errorf("record the decision on entity %d: %w", id, err)
	}
	return seq, now, nil
}

// Unflag withdraws entity id's flag for reason, by agentID: audited, and
// fraud.entity_unflagged emitted in the same transaction. The entity takes
// a new cursor, so a reader following the flagged list's since-cursor gets
// its removal. An unknown entity is NotFound; one not flagged (never, or
// no longer) is a Conflict.
func (s *Service) Unflag(ctx context.Context, id int64, reason string, agentID int64) (Flagged, error) {
	reason, err := s.checkReason(reason)
	if err != nil {
		return Flagged{}, err
	}
	var f Flagged
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		row, err := loadEntity(ctx, tx, id)
		if err != nil {
			return err
		}
		if row.State != StateFlagged {
			return errs.E(errs.Conflict, "%s %s is not flagged (%s): there is no flag to withdraw", kindNames[row.Kind], row.Value, row.State)
		}
		seq, now, err := decide(ctx, tx, id, StateUnflagged, reason, agentID)
		if err != nil {
			return err
		}
		at := store.Time(now)
		f = Flagged{ID: id, Kind: row.Kind, Value: row.Value, State: StateUnflagged, Reason: reason, Imitates: row.Imitates, UnflaggedAt: &at, Cursor: seq}
		// The flag's own reason is in its audit record; this one keeps both.
		if err := s.audit.Record(ctx, "fraud.entity_unflagged", "fraud_entity", strconv.FormatInt(id, 10),
			map[string]any{"kind": row.Kind, "value": row.Value, "reason": reason, "flag_reason": row.Reason}); err != nil {
			return err
		}
		return EntityUnflagged.Emit(ctx, tx, EntityUnflaggedEvent{EntityID: id, Kind: row.Kind, Value: row.Value, Reason: reason, Cursor: seq, UnflaggedAt: now})
	})
	if err != nil {
		return Flagged{}, fmt.Errorf("unflag entity %d: %w", id, err)
	}
	return f, nil
}

// nextSeq is the flagged list's next cursor: every flag and every
// withdrawal takes one, so the list's changes are ordered.
func nextSeq(ctx context.Context, tx *store.Tx) (int64, error) {
	var seq int64
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM fraud_entities`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("next cursor: %w", err)
	}
	return seq, nil
}

// Dismiss closes entity id's cluster as no scam: it raises no alert
// again (an allow-list entry: the exchange's own deposit address, a
// popular site). A flagged entity, or one dismissed already, is a Conflict.
func (s *Service) Dismiss(ctx context.Context, id int64, reason string, agentID int64) error {
	reason, err := s.checkReason(reason)
	if err != nil {
		return err
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		row, err := loadEntity(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.dismiss(ctx, tx, row, reason, agentID, "fraud.cluster_dismissed")
	})
	if err != nil {
		return fmt.Errorf("dismiss entity %d: %w", id, err)
	}
	return nil
}

func (s *Service) dismiss(ctx context.Context, tx *store.Tx, row entityRow, reason string, agentID int64, action string) error {
	switch row.State {
	case StateFlagged:
		return errs.E(errs.Conflict, "%s %s is flagged: it is on the exchange's list, not a cluster to dismiss", kindNames[row.Kind], row.Value)
	case StateDismissed:
		return errs.E(errs.Conflict, "%s %s is already dismissed (allowed)", kindNames[row.Kind], row.Value)
	}
	if _, err := tx.Exec(ctx, `UPDATE fraud_entities SET state = ?, reason = ?, decided_by = ?, decided_at = ? WHERE id = ?`,
		StateDismissed, reason, agentID, tx.Now(), row.ID); err != nil {
		return fmt.Errorf("dismiss: %w", err)
	}
	if err := s.audit.Record(ctx, action, "fraud_entity", strconv.FormatInt(row.ID, 10),
		map[string]any{"kind": row.Kind, "value": row.Value, "reason": reason}); err != nil {
		return err
	}
	return ClusterDismissed.Emit(ctx, tx, ClusterDismissedEvent{EntityID: row.ID, AgentID: agentID})
}

// Allow puts what text names (one address, TxID, site, phone number or
// account, read as the index reads messages) on the allow-list before
// anyone reports it: the exchange's own hot wallet, a well-known site.
// It is a dismissed entity from then on, and never raises an alert.
func (s *Service) Allow(ctx context.Context, text, reason string, agentID int64) (Cluster, error) {
	reason, err := s.checkReason(reason)
	if err != nil {
		return Cluster{}, err
	}
	es := Extract(text, s.chain)
	if len(es) != 1 || len(text) > 300 {
		return Cluster{}, errs.Field("value", "enter one address, transaction ID, site, phone number (+ and country code) or Telegram or X account")
	}
	var id int64
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		row, err := upsertEntity(ctx, tx, found{Entity: es[0]}, tx.Now())
		if err != nil {
			return err
		}
		id = row.ID
		return s.dismiss(ctx, tx, row, reason, agentID, "fraud.entity_allowed")
	})
	if err != nil {
		return Cluster{}, fmt.Errorf("allow %s: %w", es[0].Kind, err)
	}
	d, err := s.Entity(ctx, id)
	return d.Cluster, err
}

func loadEntity(ctx context.Context, tx *store.Tx, id int64) (entityRow, error) {
	row := entityRow{ID: id}
	var alerted sql.NullInt64
	err := tx.QueryRow(ctx, `SELECT kind, value, imitates, state, reason, alerted_at FROM fraud_entities WHERE id = ?`, id).
		Scan(&row.Kind, &row.Value, &row.Imitates, &row.State, &row.Reason, &alerted)
	if errors.Is(err, sql.ErrNoRows) {
		return row, errs.E(errs.NotFound, "no entity %d", id)
	}
	if err != nil {
		return row, fmt.Errorf("read entity %d: %w", id, err)
	}
	row.alerted = alerted.Valid
	return row, nil
}

// Flagged is one entry of the flagged list: what the exchange and every
// agent may read (no ticket, no customer). State is "flagged", or
// "unflagged" for a removal: the flag was withdrawn (Reason says why) and
// the reader drops the entity.
type Flagged struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	Value       string     `json:"value"`
	State       string     `json:"state"`
	Reason      string     `json:"reason"`
	Imitates    string     `json:"imitates,omitempty"`
	FlaggedAt   *time.Time `json:"flagged_at,omitempty"`   // for a flagged entry
	UnflaggedAt *time.Time `json:"unflagged_at,omitempty"` // for a removal
	Cursor      int64      `json:"cursor"`
}

// MaxPage is the most entries one read of a list returns.
const MaxPage = 500

// FlaggedList returns up to limit flagged entities after cursor, oldest
// flag first: what is on the list now (the pages' view).
func (s *Service) FlaggedList(ctx context.Context, after int64, limit int) ([]Flagged, error) {
	return s.flagged(ctx, after, limit, false)
}

// FlaggedChanges returns up to limit changes of the flagged list after
// cursor, in cursor order: an entity flagged, or one whose flag was
// withdrawn (State "unflagged"), each at the cursor of its latest change. A
// reader keeps the last cursor and asks for what changed since. From
// cursor 0 (a first, full read) removals are left out: the reader has
// nothing to remove.
func (s *Service) FlaggedChanges(ctx context.Context, after int64, limit int) ([]Flagged, error) {
	return s.flagged(ctx, after, limit, after > 0)
}

func (s *Service) flagged(ctx context.Context, after int64, limit int, removals bool) ([]Flagged, error) {
	if limit <= 0 || limit > MaxPage {
		limit = MaxPage
	}
	// seq > 0 is every entity ever flagged: one unflagged and later
	// dismissed keeps its cursor, and reads as a removal still.
	where := `state = 'flagged'`
	if removals {
		where = `seq > 0`
	}
	rows, err := s.db.Query(ctx, `SELECT id, kind, value, state, reason, imitates, decided_at, seq FROM fraud_entities
		WHERE `+where+` AND seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("flagged list: %w", err)
	}
	defer rows.Close()
	out := []Flagged{}
	for rows.Next() {
		var f Flagged
		var at int64
		if err := rows.Scan(&f.ID, &f.Kind, &f.Value, &f.State, &f.Reason, &f.Imitates, &at, &f.Cursor); err != nil {
			return nil, fmt.Errorf("flagged list: %w", err)
		}
		t := store.Time(at)
		if f.State == StateFlagged {
			f.FlaggedAt = &t
		} else {
			f.State, f.UnflaggedAt = StateUnflagged, &t
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("flagged list: %w", err)
	}
	return out, nil
}

// ListVersion is a tag of the flagged list's state: it changes whenever an
// entity is flagged or unflagged (each takes a new, higher cursor), for
// ETags.
func (s *Service) ListVersion(ctx context.Context) (string, error) {
	var n, last int64
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM fraud_entities WHERE seq > 0`).Scan(&n, &last); err != nil {
		return "", fmt.Errorf("flagged list version: %w", err)
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d/%d", n, last)))
	return hex.EncodeToString(sum[:8]), nil
}

// Cluster is an entity several customers reported, as a specialist sees it.
type Cluster struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	Value     string     `json:"value"`
	Imitates  string     `json:"imitates,omitempty"`
	State     string     `json:"state"`
	Reason    string     `json:"reason,omitempty"`
	Customers int        `json:"customers"`
	Tickets   int        `json:"tickets"`
	LastSeen  time.Time  `json:"last_seen"`
	AlertedAt *time.Time `json:"alerted_at,omitempty"`
}

// Clusters lists the undecided entities reported by at least two distinct
// customers (or alerted), alerted first, then by reports.
func (s *Service) Clusters(ctx context.Context, limit int) ([]Cluster, error) {
	if limit <= 0 || limit > MaxPage {
		limit = MaxPage
	}
	rows, err := s.db.Query(ctx, `SELECT e.id, e.kind, e.value, e.imitates, e.state, e.reason, e.alerted_at,
			COUNT(DISTINCT m.customer_id), COUNT(DISTINCT m.ticket_id), MAX(m.created_at)
		FROM fraud_entities e JOIN fraud_mentions m ON m.entity_id = e.id
		WHERE e.state = ?
		GROUP BY e.id, e.kind, e.value, e.imitates, e.state, e.reason, e.alerted_at
		HAVING COUNT(DISTINCT m.customer_id) >= 2 OR e.alerted_at IS NOT NULL
		ORDER BY CASE WHEN e.alerted_at IS NULL THEN 1 ELSE 0 END, COUNT(DISTINCT m.customer_id) DESC, e.id DESC LIMIT ?`, StateOpen, limit)
	if err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	defer rows.Close()
	out := []Cluster{}
	for rows.Next() {
		c, err := scanCluster(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	return out, nil
}

func scanCluster(row interface{ Scan(...any) error }) (Cluster, error) {
	var c Cluster
	var alerted, last sql.NullInt64
	if err := row.Scan(&c.ID, &c.Kind, &c.Value, &c.Imitates, &c.State, &c.Reason, &alerted, &c.Customers, &c.Tickets, &last); err != nil {
		return c, fmt.Errorf("clusters: %w", err)
	}
	if alerted.Valid {
		t := store.Time(alerted.Int64)
		c.AlertedAt = &t
	}
	if last.Valid {
		c.LastSeen = store.Time(last.Int64)
	}
	return c, nil
}

// Mention is one report of an entity: cluster detail, for fraud.investigate.
type Mention struct {
	TicketID   int64     `json:"ticket_id"`
	CustomerID int64     `json:"customer_id"`
	MessageID  int64     `json:"message_id"`
	Source     string    `json:"source"`
	At         time.Time `json:"at"`
}

// Detail is an entity with its reports.
type Detail struct {
	Cluster
	Mentions []Mention `json:"mentions"`
}

// maxMentions bounds the reports one detail shows (a popular address can
// be in thousands of tickets).
const maxMentions = 200

// Entity returns entity id with its latest reports.
func (s *Service) Entity(ctx context.Context, id int64) (Detail, error) {
	row := s.db.QueryRow(ctx, `SELECT e.id, e.kind, e.value, e.imitates, e.state, e.reason, e.alerted_at,
			COUNT(DISTINCT m.customer_id), COUNT(DISTINCT m.ticket_id), MAX(m.created_at)
		FROM fraud_entities e LEFT JOIN fraud_mentions m ON m.entity_id = e.id WHERE e.id = ?
		GROUP BY e.id, e.kind, e.value, e.imitates, e.state, e.reason, e.alerted_at`, id)
	c, err := scanCluster(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Detail{}, errs.E(errs.NotFound, "no entity %d", id)
	}
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Cluster: c, Mentions: []Mention{}}
	rows, err := s.db.Query(ctx, `SELECT ticket_id, customer_id, message_id, source, created_at FROM fraud_mentions
		WHERE entity_id = ? ORDER BY created_at DESC, message_id DESC LIMIT ?`, id, maxMentions)
	if err != nil {
		return Detail{}, fmt.Errorf("entity %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var m Mention
		var at int64
		if err := rows.Scan(&m.TicketID, &m.CustomerID, &m.MessageID, &m.Source, &at); err != nil {
			return Detail{}, fmt.Errorf("entity %d: %w", id, err)
		}
		m.At = store.Time(at)
		d.Mentions = append(d.Mentions, m)
	}
	if err := rows.Err(); err != nil {
		return Detail{}, fmt.Errorf("entity %d: %w", id, err)
	}
	return d, nil
}
