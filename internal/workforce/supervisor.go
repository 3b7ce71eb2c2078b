package workforce

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/store"
)

// RiskHorizon is how soon a target must fall due to count as at risk.
const RiskHorizon = 30 * time.Minute

// Load is an agent's availability and open work against their limits.
type Load struct {
	AgentID      int64                `json:"agent_id"`
	Name         string               `json:"name"`
	Availability routing.Availability `json:"availability"`
	Chats        int                  `json:"open_chats"`
	MaxChats     int                  `json:"max_chats"`
	Tickets      int                  `json:"open_tickets"`
	MaxTickets   int                  `json:"max_tickets"`
}

func loadOf(p routing.Profile) Load {
	return Load{AgentID: p.AgentID, Name: p.Name, Availability: p.Availability, Chats: p.Chats, MaxChats: p.MaxChats,
		Tickets: p.Tickets, MaxTickets: p.MaxTickets}
}

// AgentLoad is an agent as the supervisor view shows them.
type AgentLoad struct {
	Load
	RestingUntil *time.Time `json:"resting_until,omitempty"`
	Queues       []int64    `json:"queues"` // the queues their skills fit
	Skills       string     `json:"skills"` // languages, areas and tiers in a line
}

// QueueView is one queue's live state.
type QueueView struct {
	ID          int64       `json:"id"`
	Name        string      `json:"name"`
	Rule        string      `json:"rule"`
	Waiting     int         `json:"waiting"`
	OldestAt    *time.Time  `json:"oldest_waiting_at"`
	OldestWait  int64       `json:"oldest_wait_seconds"`
	Unstaffed   int         `json:"unstaffed"`
	Assigned    int         `json:"assigned"`
	AtRisk      int         `json:"sla_at_risk"`
	Breached    int         `json:"sla_breached"`
	Online      []AgentLoad `json:"agents_online"`
	queueFilter agentFilter
}

// RiskRow is a ticket whose SLA target is at risk or breached.
type RiskRow struct {
	TicketID int64     `json:"ticket_id"`
	Subject  string    `json:"subject"`
	QueueID  int64     `json:"queue_id"`
	Target   string    `json:"target"`
	DueAt    time.Time `json:"due_at"`
	Breached bool      `json:"breached"`
}

// Snapshot is the supervisor view at one moment.
type Snapshot struct {
	At               time.Time   `json:"at"`
	Surge            bool        `json:"surge"`
	BreathingMinutes int         `json:"breathing_minutes"`
	Queues           []QueueView `json:"queues"`
	Agents           []AgentLoad `json:"agents"`
	Risks            []RiskRow   `json:"sla_risks"`
}

// agentFilter is what a queue's rule asks of an agent's skills: the
// values of its language, area, tier and specialist conditions (nil: no
// condition).
type agentFilter struct {
	languages, areas, specialists []string
	tiers                         []int
	catchAll                      bool
}

func filterOf(q routing.Queue) agentFilter {
	f := agentFilter{catchAll: q.CatchAll}
	r, err := routing.ParseRule(q.Rule)
	if err != nil {
		return f
	}
	for _, c := range r.Conds {
		switch c.Field {
		case routing.FieldLanguage:
			f.languages = append(f.languages, c.Values...)
		case routing.FieldArea:
			f.areas = append(f.areas, c.Values...)
		case routing.FieldSpecialist:
			f.specialists = append(f.specialists, c.Values...)
		case routing.FieldTier:
			for _, v := range c.Values {
				n, _ := strconv.Atoi(v)
				if c.AtLeast {
					for t := n; t <= 3; t++ {
						f.tiers = append(f.tiers, t)
					}
				} else {
					f.tiers = append(f.tiers, n)
				}
			}
		}
	}
	return f
}

func overlaps[T comparable](a, b []T) bool {
	for _, v := range a {
		if slices.Contains(b, v) {
			return true
		}
	}
	return false
}

// fits reports whether an agent with profile p can take the queue's
// tickets; under surge a Tier 1 agent fits a Tier 1 queue of any area.
func (f agentFilter) fits(p routing.Profile, surge bool) bool {
	if f.languages != nil && !overlaps(p.Languages, f.languages) {
		return false
	}
	if f.tiers != nil && !overlaps(p.Tiers, f.tiers) {
		return false
	}
	if f.specialists != nil && !overlaps(p.Certifications, f.specialists) {
		return false
	}
	widened := surge && f.specialists == nil && slices.Contains(p.Tiers, 1) && (f.tiers == nil || slices.Contains(f.tiers, 1))
	if f.areas != nil && len(p.Areas) > 0 && !overlaps(p.Areas, f.areas) && !widened {
		return false
	}
	return true
}

// Snapshot reads the supervisor view: each queue's size, oldest waiting
// ticket, online agents with their load and SLA targets at risk; every
// agent; the tickets at risk.
func (s *Service) Snapshot(ctx context.Context) (Snapshot, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return Snapshot{}, err
	}
	qs, err := s.routing.Queues(ctx)
	if err != nil {
		return Snapshot{}, err
	}
	stats, err := s.routing.QueueStats(ctx)
	if err != nil {
		return Snapshot{}, err
	}
	ps, err := s.routing.Profiles(ctx)
	if err != nil {
		return Snapshot{}, err
	}
	now := s.now()
	snap := Snapshot{At: store.Time(now), Surge: st.Surge, BreathingMinutes: st.BreathingMinutes, Queues: make([]QueueView, len(qs)), Agents: []AgentLoad{}, Risks: []RiskRow{}}
	byID := map[int64]int{}
	for i, q := range qs {
		qst := stats[q.ID]
		v := QueueView{ID: q.ID, Name: q.Name, Rule: q.Rule, Waiting: qst.Waiting, Unstaffed: qst.Unstaffed, Assigned: qst.Assigned, Online: []AgentLoad{}, queueFilter: filterOf(q)}
		if qst.OldestAt > 0 {
			t := store.Time(qst.OldestAt)
			v.OldestAt, v.OldestWait = &t, max(0, (now-qst.OldestAt)/1000)
		}
		snap.Queues[i], byID[q.ID] = v, i
	}
	for _, p := range ps {
		a := AgentLoad{Load: loadOf(p), Queues: []int64{}, Skills: skillsLine(p)}
		if u := s.RestingUntil(p.AgentID); !u.IsZero() {
			a.RestingUntil = &u
		}
		for i := range snap.Queues {
			if snap.Queues[i].queueFilter.fits(p, st.Surge) {
				a.Queues = append(a.Queues, snap.Queues[i].ID)
			}
		}
		snap.Agents = append(snap.Agents, a)
		if p.Availability != routing.Online {
			continue
		}
		for _, qid := range a.Queues {
			q := &snap.Queues[byID[qid]]
			q.Online = append(q.Online, a)
		}
	}
	if err := s.addRisks(ctx, &snap, byID); err != nil {
		return Snapshot{}, err
	}
	return snap, nil
}

func skillsLine(p routing.Profile) string {
	var parts []string
	if len(p.Languages) > 0 {
		parts = append(parts, strings.Join(p.Languages, " "))
	}
	if len(p.Areas) > 0 {
		parts = append(parts, strings.Join(p.Areas, " "))
	} else {
		parts = append(parts, "every area")
	}
	tiers := make([]string, len(p.Tiers))
	for i, t := range p.Tiers {
		tiers[i] = "T" + strconv.Itoa(t)
	}
	parts = append(parts, strings.Join(tiers, " "))
	if len(p.Certifications) > 0 {
		parts = append(parts, strings.Join(p.Certifications, " "))
	}
	return strings.Join(parts, " · ")
}

// maxRisks bounds the at-risk list the view reads.
const maxRisks = 200

// addRisks counts each queue's SLA targets at risk and lists the tickets.
func (s *Service) addRisks(ctx context.Context, snap *Snapshot, byID map[int64]int) error {
	if s.sla == nil {
		return nil
	}
	risks, err := s.sla.AtRisk(ctx, RiskHorizon, maxRisks)
	if err != nil {
		return err
	}
	if len(risks) == 0 {
		return nil
	}
	ids := make([]string, 0, len(risks))
	for _, r := range risks {
		ids = append(ids, strconv.FormatInt(r.TicketID, 10))
	}
	// The ids are numbers formatted here, not text from outside.
	rows, err := s.db.Query(ctx, `SELECT id, COALESCE(queue_id, 0), subject FROM tickets WHERE id IN (`+strings.Join(ids, ",")+`)`)
	if err != nil {
		return fmt.Errorf("sla risks: %w", err)
	}
	defer rows.Close()
	type info struct {
		queue   int64
		subject string
	}
	tickets := map[int64]info{}
	for rows.Next() {
		var id int64
		var in info
		if err := rows.Scan(&id, &in.queue, &in.subject); err != nil {
			return fmt.Errorf("sla risks: %w", err)
		}
		tickets[id] = in
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sla risks: %w", err)
	}
	for _, r := range risks {
		in := tickets[r.TicketID]
		snap.Risks = append(snap.Risks, RiskRow{TicketID: r.TicketID, Subject: in.subject, QueueID: in.queue, Target: string(r.Target), DueAt: r.DueAt, Breached: r.Breached})
		if i, ok := byID[in.queue]; ok {
			if r.Breached {
				snap.Queues[i].Breached++
			} else {
				snap.Queues[i].AtRisk++
			}
		}
	}
	return nil
}

// MoveAgent moves agentID from queue from (0: from none, just add) to
// queue to by changing their skills: for each of language, product area
// and tier that the target queue's rule names, the source queue's values
// are dropped and the target's added; a specialist queue adds its
// certification. The agent keeps at least one language and tier.
func (s *Service) MoveAgent(ctx context.Context, agentID, from, to int64) (routing.Profile, error) {
	qs, err := s.routing.Queues(ctx)
	if err != nil {
		return routing.Profile{}, err
	}
	var src, dst *routing.Queue
	for i := range qs {
		if qs[i].ID == from {
			src = &qs[i]
		}
		if qs[i].ID == to {
			dst = &qs[i]
		}
	}
	if dst == nil {
		return routing.Profile{}, errs.Field("to_queue_id", "no queue %d", to)
	}
	if from != 0 && src == nil {
		return routing.Profile{}, errs.Field("from_queue_id", "no queue %d", from)
	}
	if from == to {
		return routing.Profile{}, errs.Field("to_queue_id", "the agent is moved to the queue they are moved from")
	}
	p, err := s.routing.Profile(ctx, agentID)
	if err != nil {
		return routing.Profile{}, err
	}
	var sf agentFilter
	if src != nil {
		sf = filterOf(*src)
	}
	df := filterOf(*dst)
	k := routing.Skills{Languages: move(p.Languages, sf.languages, df.languages), Tiers: move(p.Tiers, sf.tiers, df.tiers),
		Certifications: p.Certifications, MaxChats: p.MaxChats, MaxTickets: p.MaxTickets}
	if df.areas != nil {
		k.Areas = move(p.Areas, sf.areas, df.areas)
		if len(p.Areas) == 0 {
			k.Areas = df.areas // every area before: focused on the target's now
		}
	} else {
		k.Areas = p.Areas
	}
	for _, sp := range df.specialists {
		if !slices.Contains(k.Certifications, sp) {
			k.Certifications = append(slices.Clone(k.Certifications), sp)
		}
	}
	return s.routing.SetSkills(ctx, agentID, k)
}

// move drops from's values from have and adds to's, when to names any;
// if nothing would be left, the target's are added to what was had.
func move[T comparable](have, from, to []T) []T {
	if to == nil {
		return slices.Clone(have)
	}
	var out []T
	for _, v := range have {
		if !slices.Contains(from, v) || slices.Contains(to, v) {
			out = append(out, v)
		}
	}
	for _, v := range to {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
