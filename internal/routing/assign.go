package routing

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// errLost rolls back an assignment another node (or a full agent) won.
var errLost = errors.New("assignment lost")

// preempts: an urgent security ticket goes first in every queue order and
// may take a chat slot beyond the agent's limit by one.
func preempts(priority ticket.Priority, area, specialist string) bool {
	return priority == "urgent" && (area == "account_security" || specialist == "security")
}

// waitingOrder is the order waiting tickets (alias t) are served in:
// urgent security first, then by priority, then oldest first.
var waitingOrder = orderOf("t")

// orderOf is waitingOrder's key of the ticket aliased a.
func orderOf(a string) string {
	return `CASE WHEN ` + a + `.priority = 'urgent' AND ` + a + `.product_area = 'account_security' THEN 0 ELSE 1 END,
	CASE ` + a + `.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, ` + a + `.id`
}

const waitingWhere = `t.queue_id IS NOT NULL AND t.assignee_id IS NULL AND t.status NOT IN ('solved', 'closed')`

// assign gives ticket id to agentID if the agent is online and has room,
// and the ticket has no assignee: the agent's routing row is locked by a
// conditional UPDATE first, so two nodes filling the same agent count
// each other's assignments, and the ticket's assignee is set by a
// conditional UPDATE, so only one of two nodes can win it.
func (s *Service) assign(ctx context.Context, id, agentID int64, need Need, preempt bool, queueID, createdAt int64, via string) (bool, error) {
	if err := s.clear(ctx, agentID, need); err != nil {
		return false, err
	}
	now := s.db.Now()
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE agent_routing SET last_assigned_at = ? WHERE agent_id = ? AND availability = 'online'`, now, agentID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errLost
		}
		var maxChats, maxTickets, chats, tickets int
		if err := tx.QueryRow(ctx, `SELECT max_chats, max_tickets FROM agent_routing WHERE agent_id = ?`, agentID).Scan(&maxChats, &maxTickets); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(CASE WHEN channel = 'chat' THEN 1 ELSE 0 END), 0), COUNT(*) FROM tickets WHERE assignee_id = ? AND `+openStatus, agentID).
			Scan(&chats, &tickets); err != nil {
			return err
		}
		extra := 0
		if preempt {
			extra = 1
		}
		if tickets >= maxTickets+extra || need.Chat && chats >= maxChats+extra {
			return errLost
		}
		ok, err := s.tickets.Claim(ctx, id, agentID)
		if err != nil {
			return err
		}
		if !ok {
			return errLost
		}
		if _, err := tx.Exec(ctx, `DELETE FROM routing_offers WHERE ticket_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO routing_waits (ticket_id, queue_id, queued_at, assigned_at) VALUES (?, ?, ?, ?)`, id, queueID, createdAt, now); err != nil {
			return err
		}
		return TicketAssigned.Emit(ctx, tx, TicketAssignedEvent{TicketID: id, AgentID: agentID, QueueID: queueID, Via: via})
	})
	if errors.Is(err, errLost) {
		_ = s.refreshAgent(ctx, agentID)
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("assign ticket %d to agent %d: %w", id, agentID, err)
	}
	s.index.Assigned(agentID, need.Chat, now)
	s.notify(fmt.Sprintf("routing.agent.%d", agentID), map[string]any{"assigned": id})
	s.notify(fmt.Sprintf("live.queue.%d", id), nil)
	s.signalQueue(ctx, queueID, nil)
	return true, nil
}

// Offer is a chat offered to an agent.
type Offer struct {
	TicketID  int64  `json:"ticket_id"`
	AgentID   int64  `json:"agent_id"`
	ExpiresAt int64  `json:"expires_at"` // Unix ms
	Subject   string `json:"subject,omitempty"`
	Queue     string `json:"queue,omitempty"`
}

type offerRow struct {
	agentID   int64
	expiresAt int64
	passed    []int64
}

func (s *Service) offerOf(ctx context.Context, id int64) (offerRow, bool, error) {
	var o offerRow
	var passed string
	err := s.db.QueryRow(ctx, `SELECT agent_id, expires_at, passed FROM routing_offers WHERE ticket_id = ?`, id).Scan(&o.agentID, &o.expiresAt, &passed)
	if errors.Is(err, sql.ErrNoRows) {
		return o, false, nil
	}
	if err != nil {
		return o, false, fmt.Errorf("offer of ticket %d: %w", id, err)
	}
	for _, p := range splitList(passed) {
		if n, err := strconv.ParseInt(p, 10, 64); err == nil {
			o.passed = append(o.passed, n)
		}
	}
	return o, true, nil
}

// dispatch offers a waiting chat to the best available agent who has not
// let it pass yet (when all have, the round starts again). E-mail and API
// tickets wait to be pulled with Next.
func (s *Service) dispatch(ctx context.Context, id int64) error {
	f, err := s.tickets.RouteFacts(ctx, id)
	if err != nil {
		return err
	}
	if f.Channel != "chat" || f.AssigneeID != nil || f.QueueID == nil || f.Status == ticket.StatusSolved || f.Status == ticket.StatusClosed {
		return nil
	}
	if s.BotHolds != nil {
		held, err := s.BotHolds(ctx, id)
		if err != nil {
			return fmt.Errorf("is the bot handling ticket %d: %w", id, err)
		}
		if held {
			return nil // the bot answers; its hand-off routes the chat again
		}
	}
	o, exists, err := s.offerOf(ctx, id)
	if err != nil {
		return err
	}
	now := s.db.Now()
	if exists && o.expiresAt > now {
		return nil // a live offer stands
	}
	need := needOf(f)
	pre := preempts(f.Priority, f.ProductArea, f.Specialist)
	pick := func(skip func(int64) bool) (int64, bool) {
		if pre {
			return s.index.pickPreempt(need, skip)
		}
		return s.index.Pick(need, skip)
	}
	refused := map[int64]bool{} // skilled but not certified for it
	resting := func(a int64) bool { return s.Resting != nil && s.Resting(a) || refused[a] }
	// The gate reads the database, so it is asked outside the index's
	// lock, of the agent picked; a refused agent is skipped and the next
	// one picked.
	pickCleared := func(skip func(int64) bool) (int64, bool, error) {
		for {
			agent, ok := pick(skip)
			if !ok {
				return 0, false, nil
			}
			err := s.clear(ctx, agent, need)
			if err == nil {
				return agent, true, nil
			}
			if !errs.Is(err, errs.Forbidden) {
				return 0, false, err
			}
			refused[agent] = true
		}
	}
	agent, ok, err := pickCleared(func(a int64) bool { return slices.Contains(o.passed, a) || resting(a) })
	if err != nil {
		return err
	}
	if !ok && len(o.passed) > 0 {
		o.passed = nil // everyone had it once: start a new round
		if agent, ok, err = pickCleared(resting); err != nil {
			return err
		}
	}
	if !ok {
		return nil // waits; the queue list shows it, and supervisors were alerted when it was queued
	}
	expires := now + s.OfferTimeout.Milliseconds()
	passed := joinIDs(o.passed)
	offered := false
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var res sql.Result
		var err error
		if exists {
			res, err = tx.Exec(ctx, `UPDATE routing_offers SET agent_id = ?, offered_at = ?, expires_at = ?, passed = ? WHERE ticket_id = ? AND expires_at = ?`,
				agent, now, expires, passed, id, o.expiresAt)
		} else {
			res, err = tx.Exec(ctx, `INSERT INTO routing_offers (ticket_id, agent_id, offered_at, expires_at, passed) VALUES (?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING`,
				id, agent, now, expires, passed)
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil // another node offered it first
		}
		offered = true
		return TicketOffered.Emit(ctx, tx, TicketOfferedEvent{TicketID: id, AgentID: agent, ExpiresAt: expires})
	})
	if err != nil {
		return fmt.Errorf("offer ticket %d: %w", id, err)
	}
	if offered {
		s.notify(fmt.Sprintf("routing.agent.%d", agent), map[string]any{"offer": id, "expires_at": expires})
	}
	return nil
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

// Offers lists the live offers made to agentID.
func (s *Service) Offers(ctx context.Context, agentID int64) ([]Offer, error) {
	rows, err := s.db.Query(ctx, `SELECT o.ticket_id, o.expires_at, t.subject, COALESCE(q.name, '') FROM routing_offers o
		JOIN tickets t ON t.id = o.ticket_id LEFT JOIN routing_queues q ON q.id = t.queue_id
		WHERE o.agent_id = ? AND o.expires_at > ? ORDER BY o.expires_at`, agentID, s.db.Now())
	if err != nil {
		return nil, fmt.Errorf("offers of agent %d: %w", agentID, err)
	}
	defer rows.Close()
	out := []Offer{}
	for rows.Next() {
		o := Offer{AgentID: agentID}
		if err := rows.Scan(&o.TicketID, &o.ExpiresAt, &o.Subject, &o.Queue); err != nil {
			return nil, fmt.Errorf("offers of agent %d: %w", agentID, err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Accept assigns the chat offered to agentID.
func (s *Service) Accept(ctx context.Context, agentID, id int64) error {
	o, exists, err := s.offerOf(ctx, id)
	if err != nil {
		return err
	}
	if !exists || o.agentID != agentID || o.expiresAt <= s.db.Now() {
		return errs.E(errs.Conflict, "ticket %d is not offered to you (the offer may have timed out and gone to the next agent)", id)
	}
	f, err := s.tickets.RouteFacts(ctx, id)
	if err != nil {
		return err
	}
	ok, err := s.assign(ctx, id, agentID, needOf(f), preempts(f.Priority, f.ProductArea, f.Specialist), *f.QueueID, f.CreatedAt, "offer")
	if err != nil {
		return err
	}
	if !ok {
		return errs.E(errs.Conflict, "ticket %d could not be assigned to you: you are not online, at your limit, or it was taken", id)
	}
	return s.endOffer(ctx, id, agentID, "accepted")
}

// Decline lets the offer pass to the next agent.
func (s *Service) Decline(ctx context.Context, agentID, id int64) error {
	o, exists, err := s.offerOf(ctx, id)
	if err != nil {
		return err
	}
	if !exists || o.agentID != agentID || o.expiresAt <= s.db.Now() {
		return errs.E(errs.Conflict, "ticket %d is not offered to you", id)
	}
	return s.passOn(ctx, id, o, "declined")
}

// passOn ends the live offer o of ticket id (if it is still that offer)
// and offers the ticket to the next agent.
func (s *Service) passOn(ctx context.Context, id int64, o offerRow, outcome string) error {
	won := false
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		passed := joinIDs(append(o.passed, o.agentID))
		res, err := tx.Exec(ctx, `UPDATE routing_offers SET expires_at = 0, passed = ? WHERE ticket_id = ? AND agent_id = ? AND expires_at = ?`,
			passed, id, o.agentID, o.expiresAt)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil
		}
		won = true
		return OfferEnded.Emit(ctx, tx, OfferEndedEvent{TicketID: id, AgentID: o.agentID, Outcome: outcome})
	})
	if err != nil {
		return fmt.Errorf("pass on ticket %d: %w", id, err)
	}
	if !won {
		return nil
	}
	s.notify(fmt.Sprintf("routing.agent.%d", o.agentID), map[string]any{"offer_ended": id})
	return s.dispatch(ctx, id)
}

// endOffer records how an offer ended that assign has already removed.
func (s *Service) endOffer(ctx context.Context, id, agentID int64, outcome string) error {
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		return OfferEnded.Emit(ctx, tx, OfferEndedEvent{TicketID: id, AgentID: agentID, Outcome: outcome})
	})
	s.notify(fmt.Sprintf("routing.agent.%d", agentID), map[string]any{"offer_ended": id})
	return err
}

// ExpireOffers passes on every offer whose time ran out; each node may
// run it, and each expired offer is passed on by one of them.
func (s *Service) ExpireOffers(ctx context.Context) error {
	rows, err := s.db.Query(ctx, `SELECT ticket_id FROM routing_offers WHERE expires_at > 0 AND expires_at <= ? ORDER BY expires_at LIMIT 500`, s.db.Now())
	if err != nil {
		return fmt.Errorf("expired offers: %w", err)
	}
	ids, err := store.ScanIDs(rows)
	if err != nil {
		return fmt.Errorf("expired offers: %w", err)
	}
	for _, id := range ids {
		o, exists, err := s.offerOf(ctx, id)
		if err != nil {
			return err
		}
		if exists && o.expiresAt > 0 && o.expiresAt <= s.db.Now() {
			if err := s.passOn(ctx, id, o, "expired"); err != nil {
				return err
			}
		}
	}
	return nil
}

// withdrawOffers passes on the live offers made to agentID (who went away).
func (s *Service) withdrawOffers(ctx context.Context, agentID int64, outcome string) error {
	rows, err := s.db.Query(ctx, `SELECT ticket_id FROM routing_offers WHERE agent_id = ? AND expires_at > 0`, agentID)
	if err != nil {
		return fmt.Errorf("offers of agent %d: %w", agentID, err)
	}
	ids, err := store.ScanIDs(rows)
	if err != nil {
		return err
	}
	for _, id := range ids {
		o, exists, err := s.offerOf(ctx, id)
		if err != nil {
			return err
		}
		if exists && o.agentID == agentID && o.expiresAt > 0 {
			if err := s.passOn(ctx, id, o, outcome); err != nil {
				return err
			}
		}
	}
	return nil
}

// releaseChats hands agentID's open chats back to their queues (the agent
// went offline) and offers them to others.
func (s *Service) releaseChats(ctx context.Context, agentID int64) error {
	rows, err := s.db.Query(ctx, `SELECT id FROM tickets WHERE assignee_id = ? AND channel = 'chat' AND `+openStatus, agentID)
	if err != nil {
		return fmt.Errorf("chats of agent %d: %w", agentID, err)
	}
	ids, err := store.ScanIDs(rows)
	if err != nil {
		return err
	}
	for _, id := range ids {
		ok, err := s.tickets.Release(ctx, id, agentID, 0)
		if err != nil {
			return err
		}
		if ok {
			if _, err := s.Route(ctx, id); err != nil {
				return err
			}
		}
	}
	if len(ids) > 0 {
		return s.refreshAgent(ctx, agentID)
	}
	return nil
}

// Redispatch offers every waiting chat without a live offer, urgent
// security first: after an agent comes online or frees room, and
// periodically, so nothing waits forgotten. A chat no online agent has
// room and skills for is passed over here, from the same query, rather
// than read ticket by ticket by dispatch to find the same: every status
// change pokes this, and with a long queue and nobody free that was four
// reads per waiting chat per poke.
func (s *Service) Redispatch(ctx context.Context) error {
	rows, err := s.db.Query(ctx, `SELECT t.id, t.language, t.product_area, t.tier, t.priority,
		COALESCE((SELECT e.specialist FROM escalations e WHERE e.ticket_id = t.id ORDER BY e.id DESC LIMIT 1), '')
		FROM tickets t LEFT JOIN routing_offers o ON o.ticket_id = t.id AND o.expires_at > ?
		WHERE `+waitingWhere+` AND t.channel = 'chat' AND o.ticket_id IS NULL ORDER BY `+waitingOrder+` LIMIT 500`, s.db.Now())
	if err != nil {
		return fmt.Errorf("redispatch: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		var prio ticket.Priority
		n := Need{Chat: true}
		if err := rows.Scan(&id, &n.Language, &n.Area, &n.Tier, &prio, &n.Specialist); err != nil {
			rows.Close()
			return fmt.Errorf("redispatch: %w", err)
		}
		if s.index.canTake(n, preempts(prio, n.Area, n.Specialist)) {
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("redispatch: %w", err)
	}
	for _, id := range ids {
		if err := s.dispatch(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// Next gives agentID the first waiting e-mail or API ticket their skills
// fit (urgent security first, then priority, then oldest): the pull side.
func (s *Service) Next(ctx context.Context, agentID int64) (int64, error) {
	p, err := s.Profile(ctx, agentID)
	if err != nil {
		return 0, err
	}
	if p.Availability != Online {
		return 0, errs.E(errs.Conflict, "set yourself online to take the next ticket")
	}
	s.index.Put(p)
	rows, err := s.db.Query(ctx, `SELECT t.id, t.language, t.product_area, t.tier, t.priority, t.queue_id, t.created_at,
		COALESCE((SELECT e.specialist FROM escalations e WHERE e.ticket_id = t.id ORDER BY e.id DESC LIMIT 1), '')
		FROM tickets t WHERE `+waitingWhere+` AND t.channel <> 'chat' ORDER BY `+waitingOrder+` LIMIT 500`)
	if err != nil {
		return 0, fmt.Errorf("next ticket: %w", err)
	}
	type cand struct {
		id, queue, created int64
		need               Need
		pre                bool
	}
	var cands []cand
	for rows.Next() {
		var c cand
		var prio ticket.Priority
		if err := rows.Scan(&c.id, &c.need.Language, &c.need.Area, &c.need.Tier, &prio, &c.queue, &c.created, &c.need.Specialist); err != nil {
			rows.Close()
			return 0, fmt.Errorf("next ticket: %w", err)
		}
		c.pre = preempts(prio, c.need.Area, c.need.Specialist)
		if s.index.Fits(agentID, c.need) {
			cands = append(cands, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("next ticket: %w", err)
	}
	var refusal error // why a ticket the agent's skills fit was not theirs to take
	cleared := cands[:0]
	for _, c := range cands {
		err := s.clear(ctx, agentID, c.need)
		switch {
		case err == nil:
			cleared = append(cleared, c)
		case errs.Is(err, errs.Forbidden):
			if refusal == nil {
				refusal = err
			}
		default:
			return 0, err
		}
	}
	cands = cleared
	for _, c := range cands {
		ok, err := s.assign(ctx, c.id, agentID, c.need, c.pre, c.queue, c.created, "next")
		if err != nil {
			return 0, err
		}
		if ok {
			return c.id, nil
		}
		if p, err = s.Profile(ctx, agentID); err != nil {
			return 0, err
		}
		if p.Availability != Online || p.Tickets >= p.MaxTickets {
			return 0, errs.E(errs.Conflict, "you are no longer online, or at your limit of %d open tickets", p.MaxTickets)
		}
	}
	if e, ok := errs.As(refusal); ok {
		return 0, errs.E(errs.Forbidden, "no waiting ticket you may take: %s", e.Msg)
	}
	return 0, errs.E(errs.NotFound, "no waiting ticket fits your skills")
}

// Gates lists what a ticket's need asks the gate: its tier's queue above
// Tier 1, and its specialist team's.
func Gates(n Need) []string {
	var out []string
	if n.Tier >= 2 {
		out = append(out, fmt.Sprintf("queue:tier%d", n.Tier))
	}
	if n.Specialist != "" {
		out = append(out, "queue:"+n.Specialist)
	}
	return out
}

// MayTake refuses giving ticket id to agentID when the gate does (for
// ticket.Store's assignment check: a supervisor assigning by hand).
func (s *Service) MayTake(ctx context.Context, agentID, id int64) error {
	if s.Gate == nil {
		return nil
	}
	f, err := s.tickets.RouteFacts(ctx, id)
	if err != nil {
		return err
	}
	return s.clear(ctx, agentID, needOf(f))
}

// clear asks the gate whether agentID may take a ticket that needs n.
func (s *Service) clear(ctx context.Context, agentID int64, n Need) error {
	if s.Gate == nil {
		return nil
	}
	for _, g := range Gates(n) {
		if err := s.Gate.Clear(ctx, agentID, g); err != nil {
			return err
		}
	}
	return nil
}

// alertIfUnstaffed tells supervisors that ticket id waits in a queue no
// online agent can take.
func (s *Service) alertIfUnstaffed(ctx context.Context, id int64, p Placement) error {
	f, err := s.tickets.RouteFacts(ctx, id)
	if err != nil {
		return err
	}
	if f.AssigneeID != nil || s.index.Eligible(needOf(f)) > 0 {
		return nil
	}
	msg := fmt.Sprintf("Ticket #%d waits in queue %q: no agent with its skills (%s, %s, Tier %d) is online.",
		id, p.QueueName, ticket.LanguageName(f.Language), ticket.AreaLabel(f.ProductArea), f.Tier)
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := QueueUnstaffed.Emit(ctx, tx, QueueUnstaffedEvent{TicketID: id, QueueID: p.QueueID, QueueName: p.QueueName}); err != nil {
			return err
		}
		return auth.AlertRaised.Emit(ctx, tx, auth.AlertRaisedEvent{Alert: "routing.queue_unstaffed", Severity: "warning", Audience: string(auth.Supervisor), Message: msg})
	})
	if err != nil {
		return fmt.Errorf("alert unstaffed ticket %d: %w", id, err)
	}
	// Supervisors' open workspace pages show it at once (routing.js).
	s.notify(AlertSignal, Alert{TicketID: id, QueueName: p.QueueName, Message: msg})
	return nil
}

// AlertSignal is the signal supervisors' pages listen to for routing alerts.
const AlertSignal = "routing.alert"

// Alert is what AlertSignal carries.
type Alert struct {
	TicketID  int64  `json:"ticket_id"`
	QueueName string `json:"queue_name"`
	Message   string `json:"message"`
}

// pickPreempt is Pick allowing one chat beyond the agent's limit.
func (ix *Index) pickPreempt(n Need, skip func(int64) bool) (int64, bool) { return ix.pick(n, skip, 1) }

// canTake reports whether some online agent has the skills and the room
// for n now (slack for an urgent security ticket, as pickPreempt gives),
// ignoring who let it pass: when it is false, dispatch finds nobody.
func (ix *Index) canTake(n Need, preempt bool) bool {
	slack := 0
	if preempt {
		slack = 1
	}
	_, ok := ix.pick(n, nil, slack)
	return ok
}
