package risk

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Severities, lowest first.
var Severities = []string{"info", "warning", "critical"}

// Rule is what one kind of event does.
type Rule struct {
	Kind      exchange.RiskKind `json:"kind"`
	Notify    bool              `json:"notify"`   // alert the customer (widget always)
	Email     bool              `json:"email"`    // also by e-mail
	Telegram  bool              `json:"telegram"` // also on Telegram, if linked
	Severity  string            `json:"severity"`
	UpdatedAt *time.Time        `json:"updated_at,omitempty"`
	UpdatedBy string            `json:"updated_by,omitempty"`
}

// Event is a stored risk event.
type Event struct {
	exchange.RiskEvent `json:"event"`
	ReceivedAt         time.Time `json:"received_at"`
	OutreachID         int64     `json:"outreach_id,omitempty"`
	// IPWithheld says the event had an IP address that the reader may not
	// see (no customer.reveal).
	IPWithheld bool `json:"ip_withheld,omitempty"`
}

// Masked is e without the personal data an agent without customer.reveal
// may not see: the IP address. The device (a model and browser, "iPhone
// 15, Safari") and the country stay, as on the ticket page: they are what
// the agent asks the customer about, and identify no one.
func (e Event) Masked() Event {
	if e.IP != "" {
		e.IP, e.IPWithheld = "", true
	}
	return e
}

// Accepted is what one batch did.
type Accepted struct {
	Accepted int     `json:"accepted"`
	Opened   []int64 `json:"opened"` // new alerts
	Joined   []int64 `json:"joined"` // alerts that gathered events
}

// Rules lists the rules in exchange.RiskKinds order.
func (s *Service) Rules(ctx context.Context) ([]Rule, error) {
	return rules(ctx, s.cfg.DB.Query)
}

type querier func(ctx context.Context, q string, args ...any) (*sql.Rows, error)

func rules(ctx context.Context, query querier) ([]Rule, error) {
	rows, err := query(ctx, `SELECT kind, notify, email, telegram, severity, updated_at, updated_by FROM risk_rules`)
	if err != nil {
		return nil, fmt.Errorf("risk rules: %w", err)
	}
	defer rows.Close()
	var out []Rule
	for rows.Next() {
		var r Rule
		var notify, mail, tg int
		var at int64
		if err := rows.Scan(&r.Kind, &notify, &mail, &tg, &r.Severity, &at, &r.UpdatedBy); err != nil {
			return nil, fmt.Errorf("risk rules: %w", err)
		}
		r.Notify, r.Email, r.Telegram = notify == 1, mail == 1, tg == 1
		if at > 0 {
			t := store.Time(at)
			r.UpdatedAt = &t
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("risk rules: %w", err)
	}
	slices.SortFunc(out, func(a, b Rule) int {
		return slices.Index(exchange.RiskKinds, a.Kind) - slices.Index(exchange.RiskKinds, b.Kind)
	})
	return out, nil
}

// SetRule changes the rule of r.Kind.
func (s *Service) SetRule(ctx context.Context, r Rule, by string) (Rule, error) {
	if !slices.Contains(exchange.RiskKinds, r.Kind) {
		return Rule{}, errs.Field("kind", "kind must be one of %v", exchange.RiskKinds)
	}
	if !slices.Contains(Severities, r.Severity) {
		return Rule{}, errs.Field("severity", "severity must be one of %v", Severities)
	}
	if !r.Notify && (r.Email || r.Telegram) {
		return Rule{}, errs.Field("notify", "e-mail and Telegram need the rule to alert the customer")
	}
	at := s.now().UTC().Truncate(time.Millisecond)
	r.UpdatedAt, r.UpdatedBy = &at, by
	_, err := s.cfg.DB.Exec(ctx, `UPDATE risk_rules SET notify = ?, email = ?, telegram = ?, severity = ?, updated_at = ?, updated_by = ? WHERE kind = ?`,
		b2i(r.Notify), b2i(r.Email), b2i(r.Telegram), r.Severity, at.UnixMilli(), by, r.Kind)
	if err != nil {
		return Rule{}, fmt.Errorf("set risk rule %s: %w", r.Kind, err)
	}
	return r, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Accept stores a parsed batch (ParseEvents) and decides the outreach, in
// one transaction: an event id already stored refuses the whole batch
// (errs.Conflict) and nothing is stored.
func (s *Service) Accept(ctx context.Context, evs []exchange.RiskEvent) (Accepted, error) {
	var res Accepted
	err := s.cfg.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res = Accepted{Opened: []int64{}, Joined: []int64{}}
		rs, err := rules(ctx, tx.Query)
		if err != nil {
			return err
		}
		ruleOf := map[exchange.RiskKind]Rule{}
		for _, r := range rs {
			ruleOf[r.Kind] = r
		}
		now := tx.Now()
		ids := make([]int64, len(evs))
		for i, e := range evs {
			detail, err := json.Marshal(e)
			if err != nil {
				return fmt.Errorf("risk event %s: %w", e.ID, err)
			}
			// No row back: the id was stored before (a replay).
			ids[i], err = tx.InsertID(ctx, `INSERT INTO risk_events (event_id, user_id, kind, occurred_at, received_at, detail) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (event_id) DO NOTHING`, e.ID, e.UserID, string(e.Kind), e.At.UnixMilli(), now, string(detail))
			if errors.Is(err, sql.ErrNoRows) {
				return errs.E(errs.Conflict, "event %q was already received: each event id is accepted once", e.ID)
			}
			if err != nil {
				return fmt.Errorf("risk event %s: %w", e.ID, err)
			}
		}
		// Per customer, in the order they first appear.
		var users []string
		byUser := map[string][]int{}
		for i, e := range evs {
			if _, ok := byUser[e.UserID]; !ok {
				users = append(users, e.UserID)
			}
			byUser[e.UserID] = append(byUser[e.UserID], i)
		}
		for _, u := range users {
			var notify []int
			for _, i := range byUser[u] {
				if ruleOf[evs[i].Kind].Notify {
					notify = append(notify, i)
				}
			}
			if len(notify) == 0 {
				continue
			}
			id, opened, err := s.outreachFor(ctx, tx, u, evs, notify, ruleOf)
			if err != nil {
				return err
			}
			if id == 0 {
				continue
			}
			if opened {
				res.Opened = append(res.Opened, id)
			} else {
				res.Joined = append(res.Joined, id)
			}
			for _, i := range byUser[u] {
				if _, err := tx.Exec(ctx, `UPDATE risk_events SET outreach_id = ? WHERE id = ?`, id, ids[i]); err != nil {
					return fmt.Errorf("risk event %s: %w", evs[i].ID, err)
				}
			}
		}
		res.Accepted = len(evs)
		return nil
	})
	return res, err
}

// outreachFor joins the customer's open alert or opens one (opened true),
// under the customer's window row so that two nodes decide one at a time.
// id is 0 when the daily cap is reached and there is no alert to join.
func (s *Service) outreachFor(ctx context.Context, tx *store.Tx, user string, evs []exchange.RiskEvent, notify []int, ruleOf map[exchange.RiskKind]Rule) (id int64, opened bool, err error) {
	now := tx.Now()
	if _, err := tx.Exec(ctx, `INSERT INTO risk_windows (user_id) VALUES (?) ON CONFLICT DO NOTHING`, user); err != nil {
		return 0, false, fmt.Errorf("risk window %q: %w", user, err)
	}
	// The UPDATE takes the row's lock before it is read.
	if _, err := tx.Exec(ctx, `UPDATE risk_windows SET day_count = day_count WHERE user_id = ?`, user); err != nil {
		return 0, false, fmt.Errorf("risk window %q: %w", user, err)
	}
	var until, dayStart int64
	var dayCount int
	if err := tx.QueryRow(ctx, `SELECT outreach_id, window_until, day_start, day_count FROM risk_windows WHERE user_id = ?`, user).
		Scan(&id, &until, &dayStart, &dayCount); err != nil {
		return 0, false, fmt.Errorf("risk window %q: %w", user, err)
	}
	severity, mail, tg := "info", false, false
	var last int64
	for _, i := range notify {
		r := ruleOf[evs[i].Kind]
		if slices.Index(Severities, r.Severity) > slices.Index(Severities, severity) {
			severity = r.Severity
		}
		mail, tg = mail || r.Email, tg || r.Telegram
		last = max(last, evs[i].At.UnixMilli())
	}
	if now-dayStart >= (24 * time.Hour).Milliseconds() {
		dayStart, dayCount = now, 0
	}
	used := false
	if id != 0 {
		var usedAt sql.NullInt64
		if err := tx.QueryRow(ctx, `SELECT used_at FROM risk_outreach WHERE id = ?`, id).Scan(&usedAt); err != nil {
			return 0, false, fmt.Errorf("risk outreach %d: %w", id, err)
		}
		used = usedAt.Valid
	}
	join := id != 0 && !used && (until > now || dayCount >= DailyCap)
	if join {
		if _, err := tx.Exec(ctx, `UPDATE risk_outreach SET events = events + ?, last_event_at = CASE WHEN last_event_at > ? THEN last_event_at ELSE ? END,
			severity = CASE WHEN severity = 'critical' OR ? = 'info' THEN severity ELSE ? END WHERE id = ?`,
			len(notify), last, last, severity, severity, id); err != nil {
			return 0, false, fmt.Errorf("risk outreach %d: %w", id, err)
		}
		return id, false, nil
	}
	if dayCount >= DailyCap {
		// Capped, and the last alert was already used: record only.
		return 0, false, nil
	}
	id, err = tx.InsertID(ctx, `INSERT INTO risk_outreach (user_id, severity, email, telegram, opened_at, last_event_at, events) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		user, severity, b2i(mail), b2i(tg), now, last, len(notify))
	if err != nil {
		return 0, false, fmt.Errorf("risk outreach for %q: %w", user, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE risk_windows SET outreach_id = ?, window_until = ?, day_start = ?, day_count = ? WHERE user_id = ?`,
		id, now+Window.Milliseconds(), dayStart, dayCount+1, user); err != nil {
		return 0, false, fmt.Errorf("risk window %q: %w", user, err)
	}
	if err := OutreachOpenedTopic.Emit(ctx, tx, OutreachOpened{OutreachID: id, UserID: user, Severity: severity}); err != nil {
		return 0, false, err
	}
	return id, true, nil
}

// Recent lists a customer's newest risk events (at most limit).
func (s *Service) Recent(ctx context.Context, userID string, limit int) ([]Event, error) {
	return s.events(ctx, `WHERE user_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?`, userID, limit)
}

// OutreachEvents lists an alert's events, oldest first.
func (s *Service) OutreachEvents(ctx context.Context, id int64) ([]Event, error) {
	return s.events(ctx, `WHERE outreach_id = ? ORDER BY occurred_at, id LIMIT 200`, id)
}

func (s *Service) events(ctx context.Context, where string, args ...any) ([]Event, error) {
	rows, err := s.cfg.DB.Query(ctx, `SELECT detail, received_at, outreach_id FROM risk_events `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("risk events: %w", err)
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var detail string
		var received int64
		var oid sql.NullInt64
		if err := rows.Scan(&detail, &received, &oid); err != nil {
			return nil, fmt.Errorf("risk events: %w", err)
		}
		var e Event
		if err := json.Unmarshal([]byte(detail), &e.RiskEvent); err != nil {
			return nil, fmt.Errorf("risk events: %w", err)
		}
		e.ReceivedAt, e.OutreachID = store.Time(received), oid.Int64
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("risk events: %w", err)
	}
	return out, nil
}

// Outreach is one alert to a customer.
type Outreach struct {
	ID           int64      `json:"id"`
	UserID       string     `json:"user_id"`
	Severity     string     `json:"severity"`
	Email        bool       `json:"email"`
	Telegram     bool       `json:"telegram"`
	OpenedAt     time.Time  `json:"opened_at"`
	LastEventAt  time.Time  `json:"last_event_at"`
	Events       int        `json:"events"`
	Mailed       bool       `json:"mailed"`
	Telegrammed  bool       `json:"telegrammed"`
	UsedAt       *time.Time `json:"used_at,omitempty"`
	UsedVia      string     `json:"used_via,omitempty"`
	TicketID     int64      `json:"ticket_id,omitempty"`
	FreezeResult string     `json:"freeze_result,omitempty"`
}

const outreachCols = `id, user_id, severity, email, telegram, opened_at, last_event_at, events, mailed, telegrammed, used_at, used_via, ticket_id, freeze_result`

func scanOutreach(sc interface{ Scan(...any) error }) (Outreach, error) {
	var o Outreach
	var mail, tg, mailed, tgd int
	var opened, last int64
	var used, tid sql.NullInt64
	if err := sc.Scan(&o.ID, &o.UserID, &o.Severity, &mail, &tg, &opened, &last, &o.Events, &mailed, &tgd, &used, &o.UsedVia, &tid, &o.FreezeResult); err != nil {
		return Outreach{}, err
	}
	o.Email, o.Telegram, o.Mailed, o.Telegrammed = mail == 1, tg == 1, mailed == 1, tgd == 1
	o.OpenedAt, o.LastEventAt, o.TicketID = store.Time(opened), store.Time(last), tid.Int64
	if used.Valid {
		t := store.Time(used.Int64)
		o.UsedAt = &t
	}
	return o, nil
}

// Outreach reads one alert.
func (s *Service) Outreach(ctx context.Context, id int64) (Outreach, error) {
	o, err := scanOutreach(s.cfg.DB.QueryRow(ctx, `SELECT `+outreachCols+` FROM risk_outreach WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Outreach{}, errs.E(errs.NotFound, "no alert %d", id)
	}
	if err != nil {
		return Outreach{}, fmt.Errorf("risk outreach %d: %w", id, err)
	}
	return o, nil
}

// Cases lists the proactive cases for the security queue, newest first:
// alerts the customer answered with "This wasn't me" (each with its
// ticket) and critical alerts of the last week nobody answered.
func (s *Service) Cases(ctx context.Context, limit int) ([]Outreach, error) {
	since := s.now().Add(-7 * 24 * time.Hour).UnixMilli()
	rows, err := s.cfg.DB.Query(ctx, `SELECT `+outreachCols+` FROM risk_outreach
		WHERE used_at IS NOT NULL OR (severity = 'critical' AND opened_at >= ?) ORDER BY opened_at DESC, id DESC LIMIT ?`, since, limit)
	if err != nil {
		return nil, fmt.Errorf("risk cases: %w", err)
	}
	defer rows.Close()
	out := []Outreach{}
	for rows.Next() {
		o, err := scanOutreach(rows)
		if err != nil {
			return nil, fmt.Errorf("risk cases: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("risk cases: %w", err)
	}
	return out, nil
}

// latestOpen is the customer's newest alert within NoticeTTL that was not
// used, for the widget.
func (s *Service) latestOpen(ctx context.Context, userID string) (Outreach, bool, error) {
	since := s.now().Add(-NoticeTTL).UnixMilli()
	o, err := scanOutreach(s.cfg.DB.QueryRow(ctx, `SELECT `+outreachCols+` FROM risk_outreach
		WHERE user_id = ? AND used_at IS NULL AND opened_at >= ? ORDER BY opened_at DESC, id DESC LIMIT 1`, userID, since))
	if errors.Is(err, sql.ErrNoRows) {
		return Outreach{}, false, nil
	}
	if err != nil {
		return Outreach{}, false, fmt.Errorf("risk notice for %q: %w", userID, err)
	}
	return o, true, nil
}

// AcceptEvents checks evs as the endpoint checks a request's body and
// accepts them: the demo's sandbox events take the same path.
func (s *Service) AcceptEvents(ctx context.Context, evs []exchange.RiskEvent) (Accepted, error) {
	body, err := json.Marshal(Batch{Events: evs})
	if err != nil {
		return Accepted{}, fmt.Errorf("risk events: %w", err)
	}
	parsed, err := ParseEvents(body, s.now())
	if err != nil {
		return Accepted{}, err
	}
	return s.Accept(ctx, parsed)
}
