package status

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Open opens an incident, or schedules maintenance, with its first update,
// audits it and emits status.incident_opened.
func (s *Service) Open(ctx context.Context, in NewIncident) (Incident, error) {
	now := s.now()
	if err := in.validate(s.KnownComponent, now); err != nil {
		return Incident{}, err
	}
	if err := s.check(ctx, "", texts(map[string]map[string]string{"titles": in.Titles, "bodies": in.Bodies})); err != nil {
		return Incident{}, err
	}
	if in.Source == "" {
		in.Source = SourceOperator
	}
	state := Open
	if in.Kind == KindMaintenance && in.StartsAt.After(now) {
		state = Scheduled
	}
	var id int64
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		titles, _ := json.Marshal(in.Titles)
		var ends int64
		if !in.EndsAt.IsZero() {
			ends = in.EndsAt.UnixMilli()
		}
		var err error
		var firstTicket, firstMessage int64
		if err := tx.QueryRow(ctx, `SELECT (SELECT COALESCE(MAX(id), 0) + 1 FROM tickets), (SELECT COALESCE(MAX(id), 0) + 1 FROM messages)`).Scan(&firstTicket, &firstMessage); err != nil {
			return err
		}
		id, err = tx.InsertID(ctx, `INSERT INTO status_incidents (kind, state, impact, source, asset, titles, starts_at, ends_at, first_ticket, first_message, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			in.Kind, state, string(in.Impact), in.Source, in.Asset, string(titles), in.StartsAt.UnixMilli(), ends, firstTicket, firstMessage, in.Author, tx.Now())
		if err != nil {
			return err
		}
		for _, c := range in.Components {
			if _, err := tx.Exec(ctx, `INSERT INTO status_incident_components (incident_id, component) VALUES (?, ?)`, id, c); err != nil {
				return err
			}
		}
		if err := insertUpdate(ctx, tx, id, state, in.Bodies, in.Author); err != nil {
			return err
		}
		if err := s.audit.Record(ctx, "status.incident_opened", "incident", strconv.FormatInt(id, 10),
			map[string]any{"kind": in.Kind, "impact": in.Impact, "source": in.Source, "components": in.Components, "title": in.Titles[SourceLang]}); err != nil {
			return err
		}
		return IncidentOpenedTopic.Emit(ctx, tx, IncidentChanged{IncidentID: id, Kind: in.Kind, State: state, Impact: in.Impact, Source: in.Source, Components: in.Components})
	})
	if err != nil {
		return Incident{}, fmt.Errorf("open incident: %w", err)
	}
	s.Refresh(ctx)
	return s.Incident(ctx, id)
}

// check screens an incident's texts (id "" for a new one) before they
// are saved; the screen audits a refusal itself.
func (s *Service) check(ctx context.Context, id string, fields map[string]string) error {
	if s.screen == nil {
		return nil
	}
	return s.screen.Check(ctx, "incident", id, fields)
}

// texts names each language's text of each field as the API's input
// does: "titles.en", "bodies.de".
func texts(byField map[string]map[string]string) map[string]string {
	out := map[string]string{}
	for field, byLang := range byField {
		for lang, t := range byLang {
			out[field+"."+lang] = t
		}
	}
	return out
}

func insertUpdate(ctx context.Context, tx *store.Tx, id int64, state string, bodies map[string]string, author string) error {
	b, _ := json.Marshal(bodies)
	_, err := tx.Exec(ctx, `INSERT INTO status_updates (incident_id, state, bodies, author, created_at) VALUES (?, ?, ?, ?, ?)`,
		id, state, string(b), author, tx.Now())
	return err
}

// PostUpdate adds an update to an open or scheduled incident.
func (s *Service) PostUpdate(ctx context.Context, id int64, u NewUpdate) (Incident, error) {
	bodies, err := checkTexts("bodies", u.Bodies, MaxBody)
	if err != nil {
		return Incident{}, err
	}
	if err := s.check(ctx, strconv.FormatInt(id, 10), texts(map[string]map[string]string{"bodies": bodies})); err != nil {
		return Incident{}, err
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		h, err := head(ctx, tx, id)
		if err != nil {
			return err
		}
		if h.State == Resolved {
			return errs.E(errs.Conflict, "incident %d is resolved", id)
		}
		if err := insertUpdate(ctx, tx, id, h.State, bodies, u.Author); err != nil {
			return err
		}
		if err := s.audit.Record(ctx, "status.incident_updated", "incident", strconv.FormatInt(id, 10), map[string]any{"text": bodies[SourceLang]}); err != nil {
			return err
		}
		return IncidentUpdatedTopic.Emit(ctx, tx, h.changed())
	})
	if err != nil {
		return Incident{}, fmt.Errorf("update incident %d: %w", id, err)
	}
	s.Refresh(ctx)
	return s.Incident(ctx, id)
}

// Resolve ends an incident or maintenance with a closing update. The
// customers of its linked tickets are told by the durable consumer that
// reads status.incident_resolved.
func (s *Service) Resolve(ctx context.Context, id int64, u NewUpdate) (Incident, error) {
	bodies, err := checkTexts("bodies", u.Bodies, MaxBody)
	if err != nil {
		return Incident{}, err
	}
	if err := s.check(ctx, strconv.FormatInt(id, 10), texts(map[string]map[string]string{"bodies": bodies})); err != nil {
		return Incident{}, err
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		return s.resolve(ctx, tx, id, bodies, u.Author)
	})
	if err != nil {
		return Incident{}, fmt.Errorf("resolve incident %d: %w", id, err)
	}
	s.Refresh(ctx)
	return s.Incident(ctx, id)
}

func (s *Service) resolve(ctx context.Context, tx *store.Tx, id int64, bodies map[string]string, author string) error {
	h, err := head(ctx, tx, id)
	if err != nil {
		return err
	}
	if h.State == Resolved {
		return errs.E(errs.Conflict, "incident %d is already resolved", id)
	}
	if _, err := tx.Exec(ctx, `UPDATE status_incidents SET state = ?, resolved_at = ? WHERE id = ?`, Resolved, tx.Now(), id); err != nil {
		return err
	}
	if err := insertUpdate(ctx, tx, id, Resolved, bodies, author); err != nil {
		return err
	}
	if err := s.audit.Record(ctx, "status.incident_resolved", "incident", strconv.FormatInt(id, 10), map[string]any{"text": bodies[SourceLang]}); err != nil {
		return err
	}
	h.State = Resolved
	return IncidentResolvedTopic.Emit(ctx, tx, h.changed())
}

// incidentHead is an incident's row without its updates.
type incidentHead struct {
	ID               int64
	Kind, State      string
	Impact           State
	Source           string
	Components       []string
	StartsAt, EndsAt int64
	Reminded         int
}

func (h incidentHead) changed() IncidentChanged {
	return IncidentChanged{IncidentID: h.ID, Kind: h.Kind, State: h.State, Impact: h.Impact, Source: h.Source, Components: h.Components}
}

func head(ctx context.Context, tx *store.Tx, id int64) (incidentHead, error) {
	h := incidentHead{ID: id}
	var impact string
	err := tx.QueryRow(ctx, `SELECT kind, state, impact, source, starts_at, ends_at, reminded FROM status_incidents WHERE id = ?`, id).
		Scan(&h.Kind, &h.State, &impact, &h.Source, &h.StartsAt, &h.EndsAt, &h.Reminded)
	if errors.Is(err, sql.ErrNoRows) {
		return h, errs.E(errs.NotFound, "no incident %d", id)
	}
	if err != nil {
		return h, err
	}
	h.Impact = State(impact)
	rows, err := tx.Query(ctx, `SELECT component FROM status_incident_components WHERE incident_id = ? ORDER BY component`, id)
	if err != nil {
		return h, err
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return h, err
		}
		h.Components = append(h.Components, c)
	}
	return h, rows.Err()
}

// Incident reads one incident with its updates and its ticket count.
func (s *Service) Incident(ctx context.Context, id int64) (Incident, error) {
	list, err := s.incidents(ctx, `i.id = ?`, id)
	if err != nil {
		return Incident{}, fmt.Errorf("incident %d: %w", id, err)
	}
	if len(list) == 0 {
		return Incident{}, errs.E(errs.NotFound, "no incident %d", id)
	}
	return list[0], nil
}

// List lists incidents and maintenance, newest first: those not resolved,
// and up to limit resolved ones.
func (s *Service) List(ctx context.Context, limit int) ([]Incident, error) {
	open, err := s.incidents(ctx, `i.state <> 'resolved'`)
	if err != nil {
		return nil, fmt.Errorf("list incidents: %w", err)
	}
	done, err := s.incidents(ctx, `i.id IN (SELECT id FROM status_incidents WHERE state = 'resolved' ORDER BY resolved_at DESC, id DESC LIMIT `+strconv.Itoa(max(limit, 0))+`)`)
	if err != nil {
		return nil, fmt.Errorf("list incidents: %w", err)
	}
	return append(open, done...), nil
}

// incidents loads the incidents matching where (on alias i), newest first.
func (s *Service) incidents(ctx context.Context, where string, args ...any) ([]Incident, error) {
	rows, err := s.db.Query(ctx, `SELECT i.id, i.kind, i.state, i.impact, i.source, i.asset, i.titles, i.starts_at, i.ends_at, i.created_at, i.resolved_at, i.first_ticket, i.first_message,
		(SELECT COUNT(*) FROM status_incident_tickets t WHERE t.incident_id = i.id)
		FROM status_incidents i WHERE `+where+` ORDER BY i.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	var out []Incident
	byID := map[int64]int{}
	for rows.Next() {
		var in Incident
		var impact, titles string
		var starts, ends, created, resolved int64
		if err := rows.Scan(&in.ID, &in.Kind, &in.State, &impact, &in.Source, &in.Asset, &titles, &starts, &ends, &created, &resolved, &in.firstTicket, &in.firstMessage, &in.Tickets); err != nil {
			rows.Close()
			return nil, err
		}
		in.Impact = State(impact)
		if err := json.Unmarshal([]byte(titles), &in.Titles); err != nil {
			rows.Close()
			return nil, fmt.Errorf("incident %d titles: %w", in.ID, err)
		}
		in.StartsAt, in.CreatedAt = store.Time(starts), store.Time(created)
		if ends > 0 {
			t := store.Time(ends)
			in.EndsAt = &t
		}
		if resolved > 0 {
			t := store.Time(resolved)
			in.ResolvedAt = &t
		}
		byID[in.ID] = len(out)
		out = append(out, in)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	ids := make([]string, 0, len(out))
	for _, in := range out {
		ids = append(ids, strconv.FormatInt(in.ID, 10))
	}
	in := strings.Join(ids, ",") // integers from the database, not input
	if err := s.fillComponents(ctx, in, out, byID); err != nil {
		return nil, err
	}
	return out, s.fillUpdates(ctx, in, out, byID)
}

func (s *Service) fillComponents(ctx context.Context, in string, out []Incident, byID map[int64]int) error {
	rows, err := s.db.Query(ctx, `SELECT incident_id, component FROM status_incident_components WHERE incident_id IN (`+in+`) ORDER BY component`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c string
		if err := rows.Scan(&id, &c); err != nil {
			return err
		}
		out[byID[id]].Components = append(out[byID[id]].Components, c)
	}
	return rows.Err()
}

func (s *Service) fillUpdates(ctx context.Context, in string, out []Incident, byID map[int64]int) error {
	rows, err := s.db.Query(ctx, `SELECT id, incident_id, state, bodies, author, created_at FROM status_updates WHERE incident_id IN (`+in+`) ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var u Update
		var incident, at int64
		var bodies string
		if err := rows.Scan(&u.ID, &incident, &u.State, &bodies, &u.Author, &at); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(bodies), &u.Bodies); err != nil {
			return fmt.Errorf("update %d bodies: %w", u.ID, err)
		}
		u.At = store.Time(at)
		out[byID[incident]].Updates = append(out[byID[incident]].Updates, u)
	}
	return rows.Err()
}
