package academy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
)

// Holding states, as the matrix and My training show them.
const (
	StateCurrent   = "current"   // passed, not expired, this version
	StateExpiring  = "expiring"  // current, and expires within ExpiringWithin
	StateExpired   = "expired"   // the validity period ran out
	StateRecertify = "recertify" // passed an older version: the policy changed
	StateNone      = "none"      // never passed
)

// ExpiringWithin is how soon before its expiry a holding shows as expiring.
const ExpiringWithin = 30 * 24 * time.Hour

// Holding is an agent's standing on one certification.
type Holding struct {
	Certification Certification `json:"certification"`
	State         string        `json:"state"`
	Version       int           `json:"version,omitempty"` // the version passed
	PassedAt      *time.Time    `json:"passed_at,omitempty"`
	ExpiresAt     *time.Time    `json:"expires_at,omitempty"`
}

// Valid reports whether the holding lets its holder through the gate.
func (h Holding) Valid() bool { return h.State == StateCurrent || h.State == StateExpiring }

func stateOf(c Certification, version int, expires, now time.Time) string {
	switch {
	case version < c.Version:
		return StateRecertify
	case !now.Before(expires):
		return StateExpired
	case expires.Sub(now) <= ExpiringWithin:
		return StateExpiring
	}
	return StateCurrent
}

// holdings returns agentID's standing on every certification in certs.
func (s *Service) holdings(ctx context.Context, agentIDs []int64, certs []Certification) (map[int64]map[int64]Holding, error) {
	out := map[int64]map[int64]Holding{}
	for _, id := range agentIDs {
		out[id] = map[int64]Holding{}
		for _, c := range certs {
			out[id][c.ID] = Holding{Certification: c, State: StateNone}
		}
	}
	rows, err := s.db.Query(ctx, `SELECT agent_id, certification_id, version, passed_at, expires_at FROM academy_holdings`)
	if err != nil {
		return nil, fmt.Errorf("holdings: %w", err)
	}
	defer rows.Close()
	now := s.now()
	for rows.Next() {
		var agent, cert, passed, expires int64
		var version int
		if err := rows.Scan(&agent, &cert, &version, &passed, &expires); err != nil {
			return nil, fmt.Errorf("holdings: %w", err)
		}
		byCert, ok := out[agent]
		if !ok {
			continue
		}
		h, ok := byCert[cert]
		if !ok {
			continue
		}
		p, e := ms(passed), ms(expires)
		h.Version, h.PassedAt, h.ExpiresAt = version, &p, &e
		h.State = stateOf(h.Certification, version, e, now)
		byCert[cert] = h
	}
	return out, rows.Err()
}

func (s *Service) holding(ctx context.Context, agentID int64, c Certification) (Holding, error) {
	h := Holding{Certification: c, State: StateNone}
	var passed, expires int64
	err := s.db.QueryRow(ctx, `SELECT version, passed_at, expires_at FROM academy_holdings WHERE agent_id = ? AND certification_id = ?`, agentID, c.ID).
		Scan(&h.Version, &passed, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return h, nil
	}
	if err != nil {
		return h, fmt.Errorf("holding of agent %d: %w", agentID, err)
	}
	p, e := ms(passed), ms(expires)
	h.PassedAt, h.ExpiresAt, h.State = &p, &e, stateOf(c, h.Version, e, s.now())
	return h, nil
}

// Clear is the gate: nil when agentID may use gate (a queue or a tool),
// which is when no certification gates it or the agent holds a current
// one that does; otherwise a Forbidden error that says which
// certification to pass and why the agent's does not count.
func (s *Service) Clear(ctx context.Context, agentID int64, gate string) error {
	certs, err := s.Certifications(ctx)
	if err != nil {
		return err
	}
	var need []Holding
	for _, c := range certs {
		if !slices.Contains(c.Gates, gate) {
			continue
		}
		h, err := s.holding(ctx, agentID, c)
		if err != nil {
			return err
		}
		if h.Valid() {
			return nil
		}
		need = append(need, h)
	}
	if len(need) == 0 {
		return nil
	}
	var why []string
	for _, h := range need {
		why = append(why, fmt.Sprintf("%q (%s)", h.Certification.Name, h.reason()))
	}
	return errs.E(errs.Forbidden, "%s needs a current certification: %s; pass its quiz under My training (/training)",
		GateLabel(gate), strings.Join(why, " or "))
}

// reason says why a holding does not let its holder through.
func (h Holding) reason() string {
	switch h.State {
	case StateExpired:
		return "yours expired on " + h.ExpiresAt.Format("2006-01-02")
	case StateRecertify:
		note := ""
		if h.Certification.VersionNote != "" {
			note = ": " + h.Certification.VersionNote
		}
		return fmt.Sprintf("the policy changed to version %d%s; recertify", h.Certification.Version, note)
	}
	return "you do not hold it"
}

// MatrixRow is one agent's standing on every certification.
type MatrixRow struct {
	Agent    auth.Agent `json:"agent"`
	Holdings []Holding  `json:"holdings"` // in the matrix's certification order
}

// Matrix is who is certified for what, and until when.
type Matrix struct {
	Certifications []Certification `json:"certifications"`
	Rows           []MatrixRow     `json:"rows"`
}

// Matrix returns every active agent's standing on every certification.
func (s *Service) Matrix(ctx context.Context) (Matrix, error) {
	certs, err := s.Certifications(ctx)
	if err != nil {
		return Matrix{}, err
	}
	agents, err := s.agents.Agents(ctx)
	if err != nil {
		return Matrix{}, fmt.Errorf("matrix: %w", err)
	}
	var ids []int64
	var people []auth.Agent
	for _, a := range agents {
		if a.Active && a.Role != auth.Integration {
			ids = append(ids, a.ID)
			people = append(people, a)
		}
	}
	hs, err := s.holdings(ctx, ids, certs)
	if err != nil {
		return Matrix{}, err
	}
	m := Matrix{Certifications: certs, Rows: []MatrixRow{}}
	for _, a := range people {
		row := MatrixRow{Agent: a}
		for _, c := range certs {
			row.Holdings = append(row.Holdings, hs[a.ID][c.ID])
		}
		m.Rows = append(m.Rows, row)
	}
	return m, nil
}

// PathStep is one course of the learning path and what it leads to.
type PathStep struct {
	Course  Course `json:"course"`
	Passed  bool   `json:"passed"`
	Current bool   `json:"current"` // the first step not yet passed
}

// Training is an agent's own view: the learning path, their standing on
// every certification, and their attempts.
type Training struct {
	Path     []PathStep `json:"path"`
	NextStop string     `json:"next_stop,omitempty"` // the queue the path leads to now
	Holdings []Holding  `json:"holdings"`
	Courses  []Course   `json:"courses"`
	Attempts []Attempt  `json:"attempts"`
}

// TrainingOf is agentID's training page.
func (s *Service) TrainingOf(ctx context.Context, agentID int64) (Training, error) {
	var t Training
	var err error
	if t.Courses, err = s.Courses(ctx); err != nil {
		return t, err
	}
	if t.Attempts, err = s.Attempts(ctx, agentID); err != nil {
		return t, err
	}
	passed := map[int64]bool{}
	rows, err := s.db.Query(ctx, `SELECT DISTINCT course_id FROM academy_attempts WHERE agent_id = ? AND passed = 1`, agentID)
	if err != nil {
		return t, fmt.Errorf("training of agent %d: %w", agentID, err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return t, fmt.Errorf("training of agent %d: %w", agentID, err)
		}
		passed[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return t, fmt.Errorf("training of agent %d: %w", agentID, err)
	}
	t.Path = []PathStep{}
	current := false
	for _, c := range t.Courses {
		if c.PathPosition == 0 {
			continue
		}
		st := PathStep{Course: c, Passed: passed[c.ID]}
		if st.Passed && !current && c.PathUnlocks != "" {
			t.NextStop = c.PathUnlocks
		}
		if !st.Passed && !current {
			st.Current, current = true, true
		}
		t.Path = append(t.Path, st)
	}
	certs, err := s.Certifications(ctx)
	if err != nil {
		return t, err
	}
	hs, err := s.holdings(ctx, []int64{agentID}, certs)
	if err != nil {
		return t, err
	}
	t.Holdings = []Holding{}
	for _, c := range certs {
		t.Holdings = append(t.Holdings, hs[agentID][c.ID])
	}
	return t, nil
}
