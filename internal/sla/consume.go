package sla

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// consumerName is the durable consumer that keeps timers current.
const consumerName = "sla-timers"

// WakeSignal tells every node's scheduler that due times changed.
const WakeSignal = "sla.wake"

// Bus is what the service needs of internal/bus to run.
type Bus interface {
	ConsumeBatch(ctx context.Context, durable, filter string, max int, h bus.BatchHandler) error
	OnSignal(ctx context.Context, filter string, h func(subject string, data []byte)) error
}

// Start consumes ticket events (one node handles each, in batches) to keep
// timers current, and listens for other nodes' wake-ups. Run the scheduler
// with Run.
func (s *Service) Start(ctx context.Context, b Bus) error {
	// Events from before this version existed, which the stream may
	// replay to a new consumer, start no timers: tickets opened then would
	// all breach (and escalate) at once on the upgrade. Their next customer
	// message starts a next-response clock.
	if err := s.db.QueryRow(ctx, `SELECT applied_at FROM schema_migrations WHERE version = 18`).Scan(&s.since); err != nil {
		return fmt.Errorf("sla: when migration 0018 was applied: %w", err)
	}
	if err := b.OnSignal(ctx, WakeSignal, func(string, []byte) { s.Wake() }); err != nil {
		return err
	}
	return b.ConsumeBatch(ctx, consumerName, bus.SubjectPrefix+">", bus.DefaultBatch, s.HandleEvents)
}

// HandleEvents applies a batch of events to the timers of their tickets,
// once each, in one transaction; events of other kinds are skipped.
func (s *Service) HandleEvents(ctx context.Context, evs []store.Event) error {
	// Only the kinds that move timers are claimed, so that the consumer
	// adds no consumed_events row for the rest of the traffic.
	relevant := evs[:0:0]
	for _, ev := range evs {
		if watched[ev.Type] {
			relevant = append(relevant, ev)
		}
	}
	if len(relevant) == 0 {
		return nil
	}
	evs = relevant
	var promised map[int64]bool
	err := bus.OnceBatch(ctx, s.db, consumerName, evs, func(ctx context.Context, tx *store.Tx, fresh []store.Event) error {
		var err error
		promised, err = s.apply(ctx, tx, fresh)
		return err
	})
	if err != nil {
		return fmt.Errorf("sla: apply events: %w", err)
	}
	s.Wake()
	if s.signal != nil {
		_ = s.signal.Signal(WakeSignal, nil)
		for _, id := range sortedIDs(promised) {
			// Open chat widgets of the ticket show the new promise.
			_ = s.signal.Signal("live.queue."+strconv.FormatInt(id, 10), nil)
		}
	}
	return nil
}

// watched are the event types that move timers.
var watched = map[string]bool{ticket.TicketCreated.Type(): true, ticket.MessageCreated.Type(): true, ticket.StatusChanged.Type(): true,
	ticket.TicketUpdated.Type(): true, ticket.TicketEscalated.Type(): true}

// change is one event as the timers see it.
type change struct {
	at       int64
	created  bool
	agent    bool          // an agent's public message
	customer bool          // the customer's message
	status   ticket.Status // the new status, when it changed
	from     ticket.Status
	rematch  bool // priority, product area, tags or tier changed by someone other than the scheduler
}

func decodeChange(ev store.Event) (int64, change, bool, error) {
	c := change{at: ev.At.UnixMilli()}
	if e, ok, err := ticket.TicketCreated.Decode(ev); ok || err != nil {
		c.created = true
		return e.TicketID, c, true, err
	}
	if e, ok, err := ticket.MessageCreated.Decode(ev); ok || err != nil {
		c.agent = e.AuthorKind == "agent" && !e.Internal
		c.customer = e.AuthorKind == "customer"
		return e.TicketID, c, c.agent || c.customer, err
	}
	if e, ok, err := ticket.StatusChanged.Decode(ev); ok || err != nil {
		c.status, c.from = e.To, e.From
		return e.TicketID, c, true, err
	}
	if e, ok, err := ticket.TicketUpdated.Decode(ev); ok || err != nil {
		_, p := e.Changes["priority"]
		_, a := e.Changes["product_area"]
		_, g := e.Changes["tags"]
		_, tm := e.Changes["team_id"]
		c.rematch = e.Actor != Actor && (p || a || g || tm)
		return e.TicketID, c, c.rematch, err
	}
	if e, ok, err := ticket.TicketEscalated.Decode(ev); ok || err != nil {
		c.rematch = e.Actor != Actor
		return e.TicketID, c, c.rematch, err
	}
	return 0, c, false, nil
}

// apply groups the events by ticket and updates each ticket's timers; it
// returns the tickets whose promised time changed.
func (s *Service) apply(ctx context.Context, tx *store.Tx, evs []store.Event) (map[int64]bool, error) {
	byTicket := map[int64][]change{}
	for _, ev := range evs {
		id, c, relevant, err := decodeChange(ev)
		if err != nil {
			s.log.Warn("sla: undecodable event skipped", "event", ev.ID, "type", ev.Type, "err", err)
			continue
		}
		if relevant && c.at >= s.since { // older ones are from before SLAs existed (see Start)
			byTicket[id] = append(byTicket[id], c)
		}
	}
	promised := map[int64]bool{}
	if len(byTicket) == 0 {
		return promised, nil
	}
	policies, err := s.Policies(ctx)
	if err != nil {
		return nil, err
	}
	cals, err := s.calendarSet(ctx)
	if err != nil {
		return nil, err
	}
	// One statement each for the batch's timers, the subjects and the
	// timers' writes, instead of each for every ticket.
	ids := sortedIDs(byTicket)
	timersOf, err := loadTimersOf(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	var moved []int64
	for _, id := range ids {
		// The customer wrote again while an answer is owed: no clock
		// moves, so there is nothing to read or write (most live-chat
		// messages are this).
		if !answerOwed(timersOf[id]) || !onlyCustomer(byTicket[id]) {
			moved = append(moved, id)
		}
	}
	subjects, err := subjectsOf(ctx, tx, moved)
	if err != nil {
		return nil, err
	}
	var save []*Timer
	var due []int64
	for _, id := range moved {
		subj, ok := subjects[id]
		if !ok {
			continue // deleted since; its timers went with it
		}
		changed, saved, err := s.applyTicket(ctx, tx, id, byTicket[id], timersOf[id], subj, policies, cals)
		if err != nil {
			return nil, err
		}
		if len(saved) > 0 {
			save = append(save, saved...)
			due = append(due, id)
		}
		if changed {
			promised[id] = true
		}
	}
	if err := saveTimers(ctx, tx, save); err != nil {
		return nil, err
	}
	// The due times go with the commit, so no ticket row stays locked
	// while the rest of the batch runs.
	for _, id := range due {
		queueDue(tx, id, timersOf[id])
	}
	return promised, nil
}

// subjectsOf reads what policies match on from the tickets as they are
// now; a ticket deleted since has no entry.
func subjectsOf(ctx context.Context, tx *store.Tx, ids []int64) (map[int64]Subject, error) {
	out := make(map[int64]Subject, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := store.PaddedIDs(ids)
	rows, err := tx.Query(ctx, `SELECT t.id, t.priority, t.product_area, t.tier, t.channel, t.team_id, c.vip_level
		FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id IN `+store.InList(len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("tickets' subjects: %w", err)
	}
	defer rows.Close()
	vip := map[int64]int{}
	for rows.Next() {
		var id int64
		var s Subject
		var team sql.NullInt64
		var level int
		if err := rows.Scan(&id, &s.Priority, &s.ProductArea, &s.Tier, &s.Channel, &team, &level); err != nil {
			return nil, fmt.Errorf("tickets' subjects: %w", err)
		}
		if team.Valid {
			s.TeamID = &team.Int64
		}
		out[id], vip[id] = s, level
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("tickets' subjects: %w", err)
	}
	tags, err := tagsOf(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	for id, s := range out {
		s.Segment = max(Segment(tags[id]), LevelSegment(vip[id]))
		out[id] = s
	}
	return out, nil
}

// tagsOf reads the tags of the tickets ids.
func tagsOf(ctx context.Context, tx *store.Tx, ids []int64) (map[int64][]string, error) {
	args := store.PaddedIDs(ids)
	rows, err := tx.Query(ctx, `SELECT ticket_id, tag FROM ticket_tags WHERE ticket_id IN `+store.InList(len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("tickets' tags: %w", err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return nil, fmt.Errorf("tickets' tags: %w", err)
		}
		out[id] = append(out[id], tag)
	}
	return out, rows.Err()
}

// calendarFor is the policy's calendar, else the ticket's team's, else
// 24/7 (id 0).
func calendarFor(ctx context.Context, tx *store.Tx, p Policy, s Subject) (int64, error) {
	if p.CalendarID != nil {
		return *p.CalendarID, nil
	}
	if s.TeamID == nil {
		return 0, nil
	}
	var id int64
	err := tx.QueryRow(ctx, `SELECT calendar_id FROM sla_team_calendars WHERE team_id = ?`, *s.TeamID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// applyTicket moves ticket id's timers (changed in place) for its changes
// and returns whether its promised time changed and the timers to save.
func (s *Service) applyTicket(ctx context.Context, tx *store.Tx, id int64, changes []change, timers map[Target]*Timer, subj Subject,
	policies []Policy, cals calendars) (bool, []*Timer, error) {
	before := promise(timers)
	was := make(map[Target]Timer, len(timers))
	for target, t := range timers {
		was[target] = *t
	}
	policy, _ := Match(policies, subj)
	calID, err := calendarFor(ctx, tx, policy, subj)
	if err != nil {
		return false, nil, err
	}
	cal := cals.of(calID)
	newTimer := func(target Target) *Timer {
		return &Timer{TicketID: id, Target: target, PolicyID: policy.ID, CalendarID: calID,
			BudgetMS: policy.Budget(target).Milliseconds(), WarnPercent: max(policy.WarnPercent, 1)}
	}
	for _, c := range changes {
		switch {
		case c.created:
			for _, target := range []Target{FirstResponse, Resolution} {
				if _, ok := timers[target]; !ok && policy.Budget(target) > 0 {
					t := newTimer(target)
					t.start(cal, c.at)
					timers[target] = t
				}
			}
		case c.agent:
			for _, target := range []Target{FirstResponse, NextResponse} {
				if t, ok := timers[target]; ok {
					t.end(Met, cals.of(t.CalendarID), c.at)
				}
			}
		case c.customer:
			first, ok := timers[FirstResponse]
			if ok && !first.Final() {
				break // the first answer is still owed
			}
			if next, ok := timers[NextResponse]; ok && !next.Final() {
				break // an answer is owed already; its clock keeps running
			}
			if policy.Budget(NextResponse) > 0 {
				t := newTimer(NextResponse)
				t.start(cal, c.at)
				timers[NextResponse] = t
			}
		case c.status != "":
			applyStatus(timers, c, cals, pausesOf(policies))
		case c.rematch:
			for _, t := range timers {
				if policy.Budget(t.Target) == 0 {
					t.end(Stopped, cals.of(t.CalendarID), c.at)
					continue
				}
				t.rebudget(policy, cals.of(t.CalendarID), cal, calID, c.at)
			}
		}
	}
	var saved []*Timer
	for _, target := range Targets {
		t, ok := timers[target]
		if old, had := was[target]; !ok || had && old == *t {
			continue // unchanged: its row and the ticket's due time stand
		}
		saved = append(saved, t)
	}
	after := promise(timers)
	return !sameTime(before, after), saved, nil
}

// answerOwed: a first or next answer is still owed (its clock runs or is
// paused), so a customer's further message changes nothing.
func answerOwed(timers map[Target]*Timer) bool {
	for _, target := range []Target{FirstResponse, NextResponse} {
		if t, ok := timers[target]; ok && !t.Final() {
			return true
		}
	}
	return false
}

func onlyCustomer(changes []change) bool {
	for _, c := range changes {
		if !c.customer {
			return false
		}
	}
	return true
}

// applyStatus pauses the clocks while the ticket waits on the customer,
// resumes them when it stops waiting, ends them when it is solved and
// restarts resolution when it reopens.
// A timer whose policy runs while pending (Policy.RunWhilePending) is left
// running.
func applyStatus(timers map[Target]*Timer, c change, cals calendars, pauses func(policyID int64) bool) {
	closed := func(s ticket.Status) bool { return s == ticket.StatusSolved || s == ticket.StatusClosed }
	for _, t := range timers {
		cal := cals.of(t.CalendarID)
		switch {
		case closed(c.status):
			if t.Target == Resolution {
				t.end(Met, cal, c.at)
			} else {
				t.end(Stopped, cal, c.at)
			}
		case closed(c.from) && t.Target == Resolution && t.State == Met:
			// Reopened: the resolution clock goes on from where it stopped.
			t.State = Paused
			t.resume(cal, c.at)
		case c.status == ticket.StatusPendingCustomer:
			if pauses(t.PolicyID) {
				t.pause(cal, c.at)
			}
		case c.from == ticket.StatusPendingCustomer:
			t.resume(cal, c.at)
		}
	}
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// pausesOf says whether a policy's clocks pause while the ticket waits on
// the customer; a policy deleted since pauses (the default).
func pausesOf(policies []Policy) func(int64) bool {
	run := map[int64]bool{}
	for _, p := range policies {
		run[p.ID] = p.RunWhilePending
	}
	return func(id int64) bool { return !run[id] }
}
