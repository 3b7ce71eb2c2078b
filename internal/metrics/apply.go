package metrics

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// batch is one transaction's work: the tickets' states, the increments,
// and what the SLA policies and calendars say.
type batch struct {
	s        *Service
	tx       *store.Tx
	states   map[int64]*ticketState
	loaded   map[int64]ticketState // states as read, to write back only those that changed
	d        delta
	slaEnv   *slaEnv
	settings Settings
	touched  map[int64]bool
	offers   []*ticketState // solved tickets to offer surveys for
	hours    map[int64]bool // hours with new tickets, for the spike check
	parsed   []parsedEvent
}

// parsedEvent is an event decoded once, with the ticket it is about.
type parsedEvent struct {
	ticketID int64
	at       int64
	payload  any
}

func decodeEvent(ev store.Event) (parsedEvent, error) {
	p := parsedEvent{at: ev.At.UnixMilli()}
	var err error
	var ok bool
	switch ev.Type {
	case ticket.TicketCreated.Type():
		var e ticket.TicketCreatedEvent
		e, ok, err = ticket.TicketCreated.Decode(ev)
		p.ticketID, p.payload = e.TicketID, e
	case ticket.TicketUpdated.Type():
		var e ticket.TicketUpdatedEvent
		e, ok, err = ticket.TicketUpdated.Decode(ev)
		p.ticketID, p.payload = e.TicketID, e
	case ticket.StatusChanged.Type():
		var e ticket.StatusChangedEvent
		e, ok, err = ticket.StatusChanged.Decode(ev)
		p.ticketID, p.payload = e.TicketID, e
	case ticket.TicketEscalated.Type():
		var e ticket.TicketEscalatedEvent
		e, ok, err = ticket.TicketEscalated.Decode(ev)
		p.ticketID, p.payload = e.TicketID, e
	case ticket.MessageCreated.Type():
		var e ticket.MessageCreatedEvent
		e, ok, err = ticket.MessageCreated.Decode(ev)
		p.ticketID, p.payload = e.TicketID, e
	case ticket.CustomerAttached.Type():
		var e ticket.CustomerAttachedEvent
		e, ok, err = ticket.CustomerAttached.Decode(ev)
		p.ticketID, p.payload = e.TicketID, e
	case routing.TicketQueued.Type():
		var e routing.TicketQueuedEvent
		e, ok, err = routing.TicketQueued.Decode(ev)
		p.ticketID, p.payload = e.TicketID, e
	case routing.TicketAssigned.Type():
		var e routing.TicketAssignedEvent
		e, ok, err = routing.TicketAssigned.Decode(ev)
		p.ticketID, p.payload = e.TicketID, e
	case sla.BreachedTopic.Type():
		var e sla.BreachedEvent
		e, ok, err = sla.BreachedTopic.Decode(ev)
		p.ticketID, p.payload = e.TicketID, e
	case SurveyAnswered.Type():
		var e SurveyAnsweredEvent
		e, ok, err = SurveyAnswered.Decode(ev)
		p.ticketID, p.payload = e.TicketID, e
	}
	if err == nil && !ok {
		err = fmt.Errorf("event type %s is not one metrics reads", ev.Type)
	}
	return p, err
}

func (s *Service) newBatch(ctx context.Context, tx *store.Tx, evs []store.Event) (*batch, error) {
	b := &batch{s: s, tx: tx, d: delta{}, touched: map[int64]bool{}, hours: map[int64]bool{}}
	ids := map[int64]bool{}
	for _, ev := range evs {
		p, err := decodeEvent(ev)
		if err != nil {
			s.log.Warn("metrics: undecodable event skipped", "event", ev.ID, "type", ev.Type, "err", err)
			continue
		}
		b.parsed = append(b.parsed, p)
		ids[p.ticketID] = true
	}
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
	var err error
	if b.states, err = loadStates(ctx, tx, list); err != nil {
		return nil, err
	}
	b.loaded = make(map[int64]ticketState, len(b.states))
	for id, t := range b.states {
		b.loaded[id] = *t
	}
	if b.settings, err = s.settingsTx(ctx, tx); err != nil {
		return nil, err
	}
	return b, nil
}

// finish applies the parsed events, then writes states, rollups and
// survey offers.
func (b *batch) finish(ctx context.Context) error {
	for _, p := range b.parsed {
		if err := b.applyOne(ctx, p); err != nil {
			return err
		}
	}
	states := make([]*ticketState, 0, len(b.touched))
	for id := range b.touched {
		// An event that moved no field of a known ticket (an escalation
		// to the tier it has, a system message) costs no write.
		if t := b.states[id]; t.fresh || *t != b.loaded[id] {
			states = append(states, t)
		}
	}
	sort.Slice(states, func(i, j int) bool { return states[i].TicketID < states[j].TicketID })
	if err := saveStates(ctx, b.tx, states); err != nil {
		return err
	}
	if err := b.d.write(ctx, b.tx); err != nil {
		return err
	}
	for _, t := range b.offers {
		if err := b.s.offerSurveys(ctx, b.tx, t, b.settings); err != nil {
			return err
		}
	}
	return nil
}

func (b *batch) createdHours() []int64 {
	out := make([]int64, 0, len(b.hours))
	for h := range b.hours {
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// state is the ticket's state; an event about a ticket the consumer has
// not seen created (from before metrics existed) starts one at the event.
func (b *batch) state(id, at int64) *ticketState {
	t, ok := b.states[id]
	if !ok {
		t = &ticketState{TicketID: id, CreatedAt: at, Status: string(ticket.StatusNew), Open: true, Tier: 1, fresh: true}
		b.states[id] = t
	}
	b.touched[id] = true
	return t
}

func closedStatus(s ticket.Status) bool { return s == ticket.StatusSolved || s == ticket.StatusClosed }

func (b *batch) applyOne(ctx context.Context, p parsedEvent) error {
	switch e := p.payload.(type) {
	case ticket.TicketCreatedEvent:
		t, seen := b.states[e.TicketID]
		if seen && !t.fresh {
			return nil // created twice: the first one counted
		}
		t = b.state(e.TicketID, p.at)
		t.CreatedAt, t.CustomerID, t.Channel, t.Priority = p.at, e.CustomerID, e.Channel, string(e.Priority)
		t.ProductArea, t.Language, t.Tier = e.ProductArea, e.Language, e.Tier
		if e.TeamID != nil {
			t.TeamID = *e.TeamID
		}
		t.fresh = false
		b.d.add(t, 0, p.at, Created, 1)
		b.hours[hourOf(p.at)] = true
	case ticket.MessageCreatedEvent:
		if e.Internal {
			return nil
		}
		b.message(ctx, b.state(e.TicketID, p.at), e, p.at)
	case ticket.StatusChangedEvent:
		b.status(b.state(e.TicketID, p.at), e, p.at)
	case ticket.TicketUpdatedEvent:
		t := b.state(e.TicketID, p.at)
		for field, c := range e.Changes {
			setField(t, field, c.To)
		}
	case ticket.TicketEscalatedEvent:
		b.state(e.TicketID, p.at).Tier = e.ToTier
	case ticket.CustomerAttachedEvent:
		b.state(e.TicketID, p.at).CustomerID = e.ToCustomerID
	case routing.TicketQueuedEvent:
		b.queue(b.state(e.TicketID, p.at), e.QueueID)
	case routing.TicketAssignedEvent:
		t := b.state(e.TicketID, p.at)
		t.AgentID = e.AgentID
		b.queue(t, e.QueueID)
	case sla.BreachedEvent:
		t := b.state(e.TicketID, p.at)
		b.d.add(t, 0, p.at, Breaches, 1)
		t.setBreached(string(e.Target), true)
	case SurveyAnsweredEvent:
		b.survey(b.state(e.TicketID, p.at), e, p.at)
	}
	return nil
}

// queue places t in queue q (0: no change). Tickets are created before
// routing queues them, so the created event has no queue: the queue a
// ticket first lands in is credited with its creation, in the hour it
// was created, so that the queue's row counts the tickets that came to
// it. A ticket whose creation was not counted (first seen by a later
// event in this batch) is not credited either.
func (b *batch) queue(t *ticketState, q int64) {
	if q == 0 {
		return
	}
	if t.QueueID == 0 && !t.fresh {
		b.d.addKey(hourOf(t.CreatedAt), DimQueue, strconv.FormatInt(q, 10), Created, 1)
	}
	t.QueueID = q
}

// setField follows an agent's change of a ticket field that is a
// dimension; numbers arrive from JSON as float64, a cleared id as nil.
func setField(t *ticketState, field string, to any) {
	num := func() int64 {
		if f, ok := to.(float64); ok {
			return int64(f)
		}
		return 0
	}
	str, _ := to.(string)
	switch field {
	case "team_id":
		t.TeamID = num()
	case "assignee_id":
		t.AgentID = num()
	case "product_area":
		t.ProductArea = str
	case "language":
		t.Language = str
	case "priority":
		t.Priority = str
	case "intent":
		t.Intent = str
	case "tier":
		t.Tier = int(num())
	}
}

func (b *batch) message(ctx context.Context, t *ticketState, e ticket.MessageCreatedEvent, at int64) {
	if e.AssigneeID != nil {
		t.AgentID = *e.AssigneeID
	}
	switch e.AuthorKind {
	case "customer":
		if t.FirstReplyAt != 0 && t.WaitingSince == 0 {
			t.WaitingSince = at
		}
		t.LastTouch = at
	case "bot":
		if t.BotMessages == 0 {
			b.d.add(t, 0, at, BotTickets, 1)
		}
		t.BotMessages++
		t.LastTouch = at
	case "agent":
		agent := t.AgentID
		if e.AuthorID != nil {
			agent = *e.AuthorID
		}
		b.humanReply(ctx, t, agent, at)
	}
}

// humanReply counts an agent's public reply: the first response, or a
// next response to a customer who was waiting, and its handle time.
func (b *batch) humanReply(ctx context.Context, t *ticketState, agent, at int64) {
	b.d.add(t, agent, at, Replies, 1)
	env := b.env(ctx)
	policy, cal := env.policyFor(t)
	switch {
	case t.FirstReplyAt == 0:
		ms := cal.Between(store.Time(t.CreatedAt), store.Time(at)).Milliseconds() - t.PausedMS
		ms = max(ms, 0)
		b.d.add(t, agent, at, FRTN, 1)
		b.d.add(t, agent, at, FRTMS, ms)
		b.slaOutcome(t, agent, at, policy, sla.FirstResponse, ms, SLAFRTMet, SLAFRTBreach)
	case t.WaitingSince != 0:
		ms := cal.Between(store.Time(t.WaitingSince), store.Time(at)).Milliseconds()
		b.d.add(t, agent, at, NRTN, 1)
		b.d.add(t, agent, at, NRTMS, ms)
		b.slaOutcome(t, agent, at, policy, sla.NextResponse, ms, SLANRTMet, SLANRTBreach)
		t.setBreached(string(sla.NextResponse), false) // the next cycle starts clean
	}
	since := max(t.LastTouch, t.CreatedAt)
	handle := min(max(at-since, 0), b.s.HandleCap.Milliseconds())
	b.d.add(t, agent, at, HandleN, 1)
	b.d.add(t, agent, at, HandleMS, handle)
	if t.FirstReplyAt == 0 {
		t.FirstReplyAt = at
	}
	t.WaitingSince, t.LastTouch = 0, at
	t.HumanReplies++
	if t.AgentID == 0 {
		t.AgentID = agent
	}
}

// slaOutcome counts target met or breached when the policy sets it: a
// breach the scheduler announced, or a time over the budget.
func (b *batch) slaOutcome(t *ticketState, agent, at int64, p *sla.Policy, target sla.Target, ms int64, met, breached Measure) {
	if p == nil || p.Budget(target) == 0 {
		return
	}
	if t.breachedOn(string(target)) || ms > p.Budget(target).Milliseconds() {
		b.d.add(t, agent, at, breached, 1)
		return
	}
	b.d.add(t, agent, at, met, 1)
}

func (b *batch) status(t *ticketState, e ticket.StatusChangedEvent, at int64) {
	if e.From == ticket.StatusPendingCustomer && t.PendingSince != 0 {
		t.PausedMS += max(at-t.PendingSince, 0)
		t.PendingSince = 0
	}
	if e.To == ticket.StatusPendingCustomer {
		t.PendingSince = at
	}
	t.Status = string(e.To)
	switch {
	case closedStatus(e.To) && !closedStatus(e.From):
		t.Open = false
		b.solve(t, at)
	case closedStatus(e.From) && !closedStatus(e.To):
		t.Open = true
		b.reopen(t, at)
	}
}

func (b *batch) solve(t *ticketState, at int64) {
	b.d.add(t, 0, at, Solved, 1)
	t.Solves++
	if t.Solves == 1 {
		t.SolvedAt = at
		_, cal := b.env(context.Background()).policyFor(t)
		ms := max(cal.Between(store.Time(t.CreatedAt), store.Time(at)).Milliseconds()-t.PausedMS, 0)
		b.d.add(t, 0, at, FirstSolved, 1)
		b.d.add(t, 0, at, ResMS, ms)
		b.d.add(t, 0, at, FCR, 1) // taken back if it reopens within the window
		if t.HumanReplies == 0 {
			b.d.add(t, 0, at, AutoSolved, 1)
			if t.BotMessages > 0 {
				b.d.add(t, 0, at, BotSolved, 1)
			}
		}
		policy, _ := b.env(context.Background()).policyFor(t)
		b.slaOutcome(t, 0, at, policy, sla.Resolution, ms, SLAResMet, SLAResBreach)
	}
	b.offers = append(b.offers, t)
}

// reopen counts a first solve that did not hold, in the hour of that
// solve, so that the FCR and reopen rates of a period are about the
// tickets solved in it.
func (b *batch) reopen(t *ticketState, at int64) {
	t.Reopens++
	if t.Reopens != 1 || t.SolvedAt == 0 {
		return
	}
	b.d.add(t, 0, t.SolvedAt, Reopened, 1)
	if at-t.SolvedAt <= int64(b.settings.FCRWindowHours)*3_600_000 {
		b.d.add(t, 0, t.SolvedAt, FCR, -1)
	}
}

func (b *batch) survey(t *ticketState, e SurveyAnsweredEvent, at int64) {
	agent := e.AgentID
	switch e.Kind {
	case KindCSAT:
		b.d.add(t, agent, at, CSATN, 1)
		b.d.add(t, agent, at, CSATSum, int64(e.Score))
		if e.Score >= 4 {
			b.d.add(t, agent, at, CSATGood, 1)
		}
		if e.BotPart == BotResolved {
			b.d.add(t, agent, at, CSATBotN, 1)
			b.d.add(t, agent, at, CSATBotSum, int64(e.Score))
		}
	case KindNPS:
		b.d.add(t, agent, at, NPSN, 1)
		switch {
		case e.Score >= 9:
			b.d.add(t, agent, at, NPSPro, 1)
		case e.Score <= 6:
			b.d.add(t, agent, at, NPSDet, 1)
		}
	}
}

// env loads the SLA policies and calendars once per batch.
func (b *batch) env(ctx context.Context) *slaEnv {
	if b.slaEnv == nil {
		b.slaEnv = loadSLAEnv(ctx, b.s)
	}
	return b.slaEnv
}

// slaEnv is what the SLA says about a batch's tickets.
type slaEnv struct {
	policies []sla.Policy
	cals     map[int64]*sla.Calendar
	teamCal  map[int64]int64
}

func loadSLAEnv(ctx context.Context, s *Service) *slaEnv {
	env := &slaEnv{cals: map[int64]*sla.Calendar{}, teamCal: map[int64]int64{}}
	if s.sla == nil {
		return env
	}
	var err error
	if env.policies, err = s.sla.Policies(ctx); err != nil {
		s.log.Warn("metrics: SLA policies unreadable; counting in wall time without targets", "err", err)
	}
	cals, err := s.sla.Calendars(ctx)
	if err != nil {
		s.log.Warn("metrics: SLA calendars unreadable; counting in wall time", "err", err)
	}
	for i := range cals {
		c := cals[i]
		env.cals[c.ID] = &c
		for _, team := range c.Teams {
			env.teamCal[team] = c.ID
		}
	}
	return env
}

// policyFor is the policy matching the ticket now (nil for none) and the
// calendar its clocks run on, as the SLA scheduler picks them.
func (env *slaEnv) policyFor(t *ticketState) (*sla.Policy, *sla.Calendar) {
	subj := sla.Subject{Priority: t.Priority, ProductArea: t.ProductArea, Tier: t.Tier, Channel: t.Channel}
	if t.TeamID != 0 {
		team := t.TeamID
		subj.TeamID = &team
	}
	p, ok := sla.Match(env.policies, subj)
	if !ok {
		return nil, env.calendar(0, t.TeamID)
	}
	var id int64
	if p.CalendarID != nil {
		id = *p.CalendarID
	}
	return &p, env.calendar(id, t.TeamID)
}

func (env *slaEnv) calendar(id, team int64) *sla.Calendar {
	if id == 0 {
		id = env.teamCal[team]
	}
	if c, ok := env.cals[id]; ok {
		return c
	}
	return sla.AllDay
}
