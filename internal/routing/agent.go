package routing

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Availability is whether an agent takes work now.
type Availability string

// Availabilities: online takes new work; away and on break keep what they
// have but get no offers; offline hands open chats back to the queue.
const (
	Online  Availability = "online"
	Away    Availability = "away"
	Offline Availability = "offline"
	OnBreak Availability = "break"
)

// Availabilities lists every availability.
var Availabilities = []Availability{Online, Away, OnBreak, Offline}

// Profile is an agent's skills, capacity and availability.
type Profile struct {
	AgentID        int64        `json:"agent_id"`
	Name           string       `json:"name,omitempty"`
	Languages      []string     `json:"languages"`
	Areas          []string     `json:"product_areas"` // empty: every area
	Tiers          []int        `json:"tiers"`
	Certifications []string     `json:"certifications"`
	MaxChats       int          `json:"max_chats"`
	MaxTickets     int          `json:"max_tickets"`
	Availability   Availability `json:"availability"`
	Chats          int          `json:"open_chats"`
	Tickets        int          `json:"open_tickets"`
	LastAssignedAt int64        `json:"last_assigned_at"` // Unix ms
}

// Skills is what an admin sets.
type Skills struct {
	Languages      []string `json:"languages"`
	Areas          []string `json:"product_areas"`
	Tiers          []int    `json:"tiers"`
	Certifications []string `json:"certifications"`
	MaxChats       int      `json:"max_chats"`
	MaxTickets     int      `json:"max_tickets"`
}

// validate checks k and normalises it in place: sorted, without
// duplicates, certifications in lower case. It first gives k slices of its
// own, so that the caller's stay as they were (the demo seeds the same
// package-level skills into several apps at once in tests).
func (k *Skills) validate() error {
	k.Languages, k.Areas = slices.Clone(k.Languages), slices.Clone(k.Areas)
	k.Tiers, k.Certifications = slices.Clone(k.Tiers), slices.Clone(k.Certifications)
	for _, l := range k.Languages {
		if !slices.Contains(ticket.Languages, l) {
			return errs.Field("languages", "language %q is not one of %v", l, ticket.Languages)
		}
	}
	for _, a := range k.Areas {
		if !slices.Contains(ticket.ProductAreas, a) {
			return errs.Field("product_areas", "product area %q is not one of %v", a, ticket.ProductAreas)
		}
	}
	if len(k.Tiers) == 0 {
		return errs.Field("tiers", "an agent works at one tier at least")
	}
	for _, t := range k.Tiers {
		if t < 1 || t > 3 {
			return errs.Field("tiers", "tiers are 1, 2 or 3")
		}
	}
	if len(k.Certifications) > 20 {
		return errs.Field("certifications", "at most 20 certifications")
	}
	for i, c := range k.Certifications {
		c = strings.ToLower(strings.TrimSpace(c))
		if c == "" || len(c) > 40 || strings.ContainsAny(c, ", \t\n\x00") {
			return errs.Field("certifications", "a certification is a word of 1 to 40 letters")
		}
		k.Certifications[i] = c
	}
	if k.MaxChats < 0 || k.MaxChats > 20 {
		return errs.Field("max_chats", "max_chats is 0 to 20")
	}
	if k.MaxTickets < 0 || k.MaxTickets > 500 {
		return errs.Field("max_tickets", "max_tickets is 0 to 500")
	}
	slices.Sort(k.Languages)
	k.Languages = slices.Compact(k.Languages)
	slices.Sort(k.Areas)
	k.Areas = slices.Compact(k.Areas)
	slices.Sort(k.Tiers)
	k.Tiers = slices.Compact(k.Tiers)
	return nil
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

func splitInts(s string) []int {
	var out []int
	for _, p := range splitList(s) {
		if n, err := strconv.Atoi(p); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// SetSkills sets agent agentID's skills and capacity.
func (s *Service) SetSkills(ctx context.Context, agentID int64, k Skills) (Profile, error) {
	if err := k.validate(); err != nil {
		return Profile{}, err
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := agentExists(ctx, tx, agentID); err != nil {
			return err
		}
		now := tx.Now()
		_, err := tx.Exec(ctx, `INSERT INTO agent_routing (agent_id, languages, areas, tiers, certifications, max_chats, max_tickets, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (agent_id) DO UPDATE SET languages = excluded.languages, areas = excluded.areas, tiers = excluded.tiers,
			certifications = excluded.certifications, max_chats = excluded.max_chats, max_tickets = excluded.max_tickets, updated_at = excluded.updated_at`,
			agentID, strings.Join(k.Languages, ","), strings.Join(k.Areas, ","), joinInts(k.Tiers), strings.Join(k.Certifications, ","),
			k.MaxChats, k.MaxTickets, now)
		if err != nil {
			return err
		}
		var av string
		if err := tx.QueryRow(ctx, `SELECT availability FROM agent_routing WHERE agent_id = ?`, agentID).Scan(&av); err != nil {
			return err
		}
		return AgentChanged.Emit(ctx, tx, AgentChangedEvent{AgentID: agentID, Availability: av})
	})
	if err != nil {
		return Profile{}, fmt.Errorf("set skills of agent %d: %w", agentID, err)
	}
	if err := s.refreshAgent(ctx, agentID); err != nil {
		return Profile{}, err
	}
	s.redispatchSoon(ctx)
	return s.Profile(ctx, agentID)
}

func agentExists(ctx context.Context, tx *store.Tx, id int64) error {
	var active int
	err := tx.QueryRow(ctx, `SELECT active FROM agents WHERE id = ?`, id).Scan(&active)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && active != 1) {
		return errs.E(errs.NotFound, "no active agent %d", id)
	}
	return err
}

const profileSelect = `SELECT a.id, a.name, COALESCE(r.languages, ''), COALESCE(r.areas, ''), COALESCE(r.tiers, '1'), COALESCE(r.certifications, ''),
	COALESCE(r.max_chats, 3), COALESCE(r.max_tickets, 25), COALESCE(r.availability, 'offline'), COALESCE(r.last_assigned_at, 0)
	FROM agents a LEFT JOIN agent_routing r ON r.agent_id = a.id`

func scanProfile(row interface{ Scan(...any) error }) (Profile, error) {
	var p Profile
	var langs, areas, tiers, certs, av string
	if err := row.Scan(&p.AgentID, &p.Name, &langs, &areas, &tiers, &certs, &p.MaxChats, &p.MaxTickets, &av, &p.LastAssignedAt); err != nil {
		return p, err
	}
	p.Languages, p.Areas, p.Tiers, p.Certifications, p.Availability = splitList(langs), splitList(areas), splitInts(tiers), splitList(certs), Availability(av)
	return p, nil
}

// Profile reads one agent's routing profile with their current load.
func (s *Service) Profile(ctx context.Context, agentID int64) (Profile, error) {
	p, err := scanProfile(s.db.QueryRow(ctx, profileSelect+` WHERE a.id = ?`, agentID))
	if errors.Is(err, sql.ErrNoRows) {
		return Profile{}, errs.E(errs.NotFound, "no agent %d", agentID)
	}
	if err != nil {
		return Profile{}, fmt.Errorf("profile of agent %d: %w", agentID, err)
	}
	if p.Chats, p.Tickets, err = s.load(ctx, agentID); err != nil {
		return Profile{}, err
	}
	return p, nil
}

// Profiles lists every active agent's profile with their load.
func (s *Service) Profiles(ctx context.Context) ([]Profile, error) {
	rows, err := s.db.Query(ctx, profileSelect+` WHERE a.active = 1 ORDER BY a.name, a.id`)
	if err != nil {
		return nil, fmt.Errorf("list profiles: %w", err)
	}
	var out []Profile
	for rows.Next() {
		p, err := scanProfile(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list profiles: %w", err)
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	loads, err := s.loads(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		l := loads[out[i].AgentID]
		out[i].Chats, out[i].Tickets = l[0], l[1]
	}
	return out, nil
}

const openStatus = `status NOT IN ('solved', 'closed')`

// load counts agentID's open chats and open tickets (chats included).
func (s *Service) load(ctx context.Context, agentID int64) (chats, tickets int, err error) {
	err = s.db.QueryRow(ctx, `SELECT COALESCE(SUM(CASE WHEN channel = 'chat' THEN 1 ELSE 0 END), 0), COUNT(*) FROM tickets WHERE assignee_id = ? AND `+openStatus, agentID).
		Scan(&chats, &tickets)
	if err != nil {
		return 0, 0, fmt.Errorf("load of agent %d: %w", agentID, err)
	}
	return chats, tickets, nil
}

func (s *Service) loads(ctx context.Context) (map[int64][2]int, error) {
	rows, err := s.db.Query(ctx, `SELECT assignee_id, COALESCE(SUM(CASE WHEN channel = 'chat' THEN 1 ELSE 0 END), 0), COUNT(*) FROM tickets
		WHERE assignee_id IS NOT NULL AND `+openStatus+` GROUP BY assignee_id`)
	if err != nil {
		return nil, fmt.Errorf("agent loads: %w", err)
	}
	defer rows.Close()
	out := map[int64][2]int{}
	for rows.Next() {
		var id int64
		var c, t int
		if err := rows.Scan(&id, &c, &t); err != nil {
			return nil, fmt.Errorf("agent loads: %w", err)
		}
		out[id] = [2]int{c, t}
	}
	return out, rows.Err()
}

// SetAvailability sets agentID's availability. Going away, on break or
// offline withdraws their offers (offered to the next agent); going
// offline also hands their open chats back to the queue. Coming online
// offers them waiting chats.
func (s *Service) SetAvailability(ctx context.Context, agentID int64, a Availability) error {
	if !slices.Contains(Availabilities, a) {
		return errs.Field("availability", "availability must be one of %v", Availabilities)
	}
	changed := false
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := agentExists(ctx, tx, agentID); err != nil {
			return err
		}
		var was string
		err := tx.QueryRow(ctx, `SELECT availability FROM agent_routing WHERE agent_id = ?`, agentID).Scan(&was)
		if errors.Is(err, sql.ErrNoRows) {
			was = string(Offline)
			_, err = tx.Exec(ctx, `INSERT INTO agent_routing (agent_id, updated_at) VALUES (?, ?)`, agentID, tx.Now())
		}
		if err != nil {
			return err
		}
		if was == string(a) {
			return nil
		}
		changed = true
		if _, err := tx.Exec(ctx, `UPDATE agent_routing SET availability = ?, availability_at = ? WHERE agent_id = ?`, string(a), tx.Now(), agentID); err != nil {
			return err
		}
		return AgentChanged.Emit(ctx, tx, AgentChangedEvent{AgentID: agentID, Availability: string(a)})
	})
	if err != nil {
		return fmt.Errorf("set availability of agent %d: %w", agentID, err)
	}
	if !changed {
		return nil
	}
	if err := s.refreshAgent(ctx, agentID); err != nil {
		return err
	}
	s.notify(fmt.Sprintf("routing.agent.%d", agentID), map[string]string{"availability": string(a)})
	if a != Online {
		if err := s.withdrawOffers(ctx, agentID, "withdrawn"); err != nil {
			return err
		}
	}
	if a == Offline {
		if err := s.releaseChats(ctx, agentID); err != nil {
			return err
		}
	}
	s.redispatchSoon(ctx)
	return nil
}
