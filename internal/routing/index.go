package routing

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Index is the in-memory view of agents that assignment decisions read:
// skills as bit sets, capacity, availability and load. Each node keeps its
// own, refreshed from events (Start); the database stays the truth, and a
// stale entry costs a retry, never a wrong assignment (assign.go checks
// availability and capacity again under a row lock).
type Index struct {
	mu     sync.RWMutex
	agents map[int64]*candidate
	list   []*candidate // the same, for scanning
}

type candidate struct {
	id           int64
	languages    uint32 // bit i: ticket.Languages[i]
	areas        uint16 // bit i: ticket.ProductAreas[i]; 0: every area
	tiers        uint8  // bit t: tier t
	specialists  uint8  // bit i: Specialists[i]
	online       bool
	maxChats     int
	maxTickets   int
	chats        int
	tickets      int
	lastAssigned int64
}

// Need is what a ticket asks of its agent.
type Need struct {
	Language   string
	Area       string
	Tier       int
	Specialist string
	Chat       bool // counts against concurrent chats (else open tickets)
}

// NewIndex returns an empty index.
func NewIndex() *Index { return &Index{agents: map[int64]*candidate{}} }

func bit[T comparable](list []T, v T) uint32 {
	if i := slices.Index(list, v); i >= 0 {
		return 1 << i
	}
	return 0
}

func toCandidate(p Profile) *candidate {
	c := &candidate{id: p.AgentID, online: p.Availability == Online, maxChats: p.MaxChats, maxTickets: p.MaxTickets,
		chats: p.Chats, tickets: p.Tickets, lastAssigned: p.LastAssignedAt}
	for _, l := range p.Languages {
		c.languages |= bit(ticket.Languages, l)
	}
	for _, a := range p.Areas {
		c.areas |= uint16(bit(ticket.ProductAreas, a))
	}
	for _, t := range p.Tiers {
		c.tiers |= 1 << t
	}
	for _, cert := range p.Certifications {
		c.specialists |= uint8(bit(Specialists, cert))
	}
	return c
}

// Put adds or replaces an agent's entry.
func (ix *Index) Put(p Profile) {
	c := toCandidate(p)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if old, ok := ix.agents[p.AgentID]; ok {
		*old = *c
		return
	}
	ix.agents[p.AgentID] = c
	ix.list = append(ix.list, c)
}

// SetLoad updates an agent's open chats and tickets.
func (ix *Index) SetLoad(agentID int64, chats, tickets int) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if c, ok := ix.agents[agentID]; ok {
		c.chats, c.tickets = chats, tickets
	}
}

// Assigned records an assignment this node made, before the event of it
// comes back.
func (ix *Index) Assigned(agentID int64, chat bool, at int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if c, ok := ix.agents[agentID]; ok {
		c.tickets++
		if chat {
			c.chats++
		}
		c.lastAssigned = at
	}
}

func (c *candidate) eligible(n Need, lang, area uint32, spec uint8) bool {
	if c.languages&lang == 0 || c.tiers&(1<<n.Tier) == 0 {
		return false
	}
	if c.areas != 0 && uint32(c.areas)&area == 0 {
		return false
	}
	return spec == 0 || c.specialists&spec != 0
}

func (c *candidate) free(chat bool, slack int) int {
	if c.tickets >= c.maxTickets+slack {
		return 0
	}
	if chat {
		return c.maxChats + slack - c.chats
	}
	return c.maxTickets - c.tickets
}

func (n Need) bits() (uint32, uint32, uint8, bool) {
	lang, area, spec := bit(ticket.Languages, n.Language), bit(ticket.ProductAreas, n.Area), uint8(bit(Specialists, n.Specialist))
	ok := lang != 0 && n.Tier >= 1 && n.Tier <= 3 && (n.Specialist == "" || spec != 0)
	return lang, area, spec, ok
}

// Pick returns the best online agent for n with room for it, skipping the
// agents skip names: skill match first, then the least loaded (open chats
// for a chat, open tickets otherwise), then the longest since their last
// assignment, so work spreads fairly over time.
func (ix *Index) Pick(n Need, skip func(int64) bool) (int64, bool) { return ix.pick(n, skip, 0) }

func (ix *Index) pick(n Need, skip func(int64) bool, slack int) (int64, bool) {
	lang, area, spec, ok := n.bits()
	if !ok {
		return 0, false
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var best *candidate
	bestLoad := 0
	for _, c := range ix.list {
		if !c.online || !c.eligible(n, lang, area, spec) || c.free(n.Chat, slack) <= 0 {
			continue
		}
		load := c.tickets
		if n.Chat {
			load = c.chats
		}
		if best == nil || load < bestLoad || load == bestLoad && (c.lastAssigned < best.lastAssigned || c.lastAssigned == best.lastAssigned && c.id < best.id) {
			if skip != nil && skip(c.id) {
				continue
			}
			best, bestLoad = c, load
		}
	}
	if best == nil {
		return 0, false
	}
	return best.id, true
}

// Eligible counts the online agents whose skills fit n, whatever their load.
func (ix *Index) Eligible(n Need) int {
	lang, area, spec, ok := n.bits()
	if !ok {
		return 0
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	count := 0
	for _, c := range ix.list {
		if c.online && c.eligible(n, lang, area, spec) {
			count++
		}
	}
	return count
}

// Fits reports whether agentID's skills fit n (online or not).
func (ix *Index) Fits(agentID int64, n Need) bool {
	lang, area, spec, ok := n.bits()
	if !ok {
		return false
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	c, found := ix.agents[agentID]
	return found && c.eligible(n, lang, area, spec)
}

// Load fills the index from the database.
func (s *Service) Load(ctx context.Context) error {
	ps, err := s.Profiles(ctx)
	if err != nil {
		return fmt.Errorf("load routing index: %w", err)
	}
	for _, p := range ps {
		s.index.Put(p)
	}
	return nil
}

// refreshAgent reads one agent again into the index.
func (s *Service) refreshAgent(ctx context.Context, agentID int64) error {
	p, err := s.Profile(ctx, agentID)
	if err != nil {
		return err
	}
	s.index.Put(p)
	return nil
}

func needOf(f ticket.RouteFacts) Need {
	return Need{Language: f.Language, Area: f.ProductArea, Tier: f.Tier, Specialist: f.Specialist, Chat: f.Channel == "chat"}
}
