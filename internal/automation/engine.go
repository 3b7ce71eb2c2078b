package automation

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// consumerName is the durable consumer: one node handles each event.
const consumerName = "automation"

// Bus is what Start needs of internal/bus.
type Bus interface {
	ConsumeBatch(ctx context.Context, durable, filter string, max int, h bus.BatchHandler) error
}

// Start runs rules on ticket and SLA events from the durable consumer
// (batched, acknowledged after the batch's transaction commits). Run the
// scheduler (time rules and webhooks) with Run.
func (s *Service) Start(ctx context.Context, b Bus) error {
	return b.ConsumeBatch(ctx, consumerName, bus.SubjectPrefix+">", bus.DefaultBatch, s.HandleEvents)
}

// happening is one event as rules see it.
type happening struct {
	ticketID int64
	trigger  string
	text     func(ctx context.Context) (string, error)
	status   *ticket.StatusChangedEvent
}

func decode(s *Service, ev store.Event) (happening, bool, error) {
	if e, ok, err := ticket.TicketCreated.Decode(ev); ok || err != nil {
		return happening{ticketID: e.TicketID, trigger: OnTicketCreated}, ok, err
	}
	if e, ok, err := ticket.MessageCreated.Decode(ev); ok || err != nil {
		h := happening{ticketID: e.TicketID, text: func(ctx context.Context) (string, error) { return s.tickets.OpenEventBody(ctx, e) }}
		switch {
		case e.AuthorKind == "customer" && !e.Internal:
			h.trigger = OnCustomerMessage
		case e.AuthorKind == "agent" && !e.Internal:
			h.trigger = OnAgentReply
		default:
			return h, false, err
		}
		return h, ok, err
	}
	if e, ok, err := ticket.StatusChanged.Decode(ev); ok || err != nil {
		return happening{ticketID: e.TicketID, trigger: OnStatusChanged, status: &e}, ok, err
	}
	if e, ok, err := ticket.TicketUpdated.Decode(ev); ok || err != nil {
		for field := range e.Changes {
			if field != "status" && field != "assignee_id" {
				return happening{ticketID: e.TicketID, trigger: OnFieldsChanged}, ok, err
			}
		}
		return happening{}, false, err
	}
	if e, ok, err := ticket.SnoozeEnded.Decode(ev); ok || err != nil {
		return happening{ticketID: e.TicketID, trigger: OnSnoozeEnded}, ok, err
	}
	if e, ok, err := sla.WarningTopic.Decode(ev); ok || err != nil {
		return happening{ticketID: e.TicketID, trigger: OnSLAWarning}, ok, err
	}
	if e, ok, err := sla.BreachedTopic.Decode(ev); ok || err != nil {
		return happening{ticketID: e.TicketID, trigger: OnSLABreached}, ok, err
	}
	return happening{}, false, nil
}

// after is work for after the commit (routing's dispatch).
type after []func(ctx context.Context) error

// HandleEvents runs the rules on a batch of events, once each, in one
// transaction; a payload that does not decode is skipped (it never will).
// Only events that a rule or a wait for the customer's reply can act on
// are claimed: the rest would be recorded as handled (a consumed_events
// row each, most of the traffic when no rule runs on messages) only to
// change nothing.
func (s *Service) HandleEvents(ctx context.Context, evs []store.Event) error {
	var relevant []store.Event
	// Each payload is decoded once: the batch's transaction (which may run
	// again) reads the happenings decoded here.
	happenings := make(map[int64]happening)
	for _, ev := range evs {
		if h, ok, err := decode(s, ev); ok && err == nil {
			relevant = append(relevant, ev)
			happenings[ev.ID] = h
		}
	}
	if len(relevant) == 0 {
		return nil
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		return fmt.Errorf("automation: handle events: %w", err)
	}
	relevant = slices.DeleteFunc(relevant, func(ev store.Event) bool { return !acts(rules, happenings[ev.ID]) })
	if len(relevant) == 0 {
		return nil
	}
	ctx = audit.WithActor(ctx, audit.Actor{Kind: audit.ActorSystem, ID: Actor})
	var todo after
	err = bus.OnceBatch(ctx, s.db, consumerName, relevant, func(ctx context.Context, tx *store.Tx, fresh []store.Event) error {
		todo = nil
		// Read again in the transaction: see track.
		rules, err := s.Rules(ctx)
		if err != nil {
			return err
		}
		timed := slices.ContainsFunc(rules, isTimeRule)
		var ends []int64
		for _, ev := range fresh {
			h := happenings[ev.ID]
			if err := s.track(ctx, tx, timed, rules, h, &ends); err != nil {
				return err
			}
			if err := s.runAll(ctx, tx, rules, h, &todo); err != nil {
				return err
			}
		}
		return endWaiting(ctx, tx, &ends)
	})
	if err != nil {
		return fmt.Errorf("automation: handle events: %w", err)
	}
	s.finish(ctx, todo)
	return nil
}

func (s *Service) finish(ctx context.Context, todo after) {
	for _, f := range todo {
		if err := f(ctx); err != nil {
			s.log.Warn("automation: after commit", "err", err)
		}
	}
	s.Wake()
}

// acts reports whether rules can act on h: a rule of its trigger is
// enabled, or a time rule is and h starts or ends a wait for the
// customer's reply. A rule saved after this check misses h as it would
// had h come a moment earlier.
func acts(rules []Rule, h happening) bool {
	for _, r := range rules {
		if r.Enabled && r.When.Event == h.trigger || isTimeRule(r) && (endsWaiting(h) || startsWaiting(h)) {
			return true
		}
	}
	return false
}

// runAll runs every enabled rule of h's trigger, in position order.
func (s *Service) runAll(ctx context.Context, tx *store.Tx, rules []Rule, h happening, todo *after) error {
	var text string
	for i := range rules {
		r := &rules[i]
		if !r.Enabled || r.When.Event != h.trigger {
			continue
		}
		if text == "" && h.text != nil {
			var err error
			if text, err = h.text(ctx); err != nil {
				return err
			}
		}
		if err := s.run(ctx, tx, r, h.ticketID, h.trigger, text, todo); err != nil {
			return err
		}
	}
	return nil
}

// run checks r's conditions on the ticket as it is now and runs its
// actions, unless the guard stopped the ticket or stops it now.
func (s *Service) run(ctx context.Context, tx *store.Tx, r *Rule, id int64, trigger, text string, todo *after) error {
	t, err := s.tickets.Get(ctx, system, id)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !r.Matches(Facts{Ticket: t, Text: text}) {
		return nil
	}
	if ok, err := s.guard(ctx, tx, id, r.ID); err != nil || !ok {
		return err
	}
	failed, err := s.act(ctx, tx, r, t, todo)
	if err != nil {
		return err
	}
	return RuleFired.Emit(ctx, tx, RuleFiredEvent{TicketID: id, RuleID: r.ID, RuleName: r.Name, Trigger: trigger, Failed: failed})
}

// guard counts automation's runs on the ticket in the last minute; at
// MaxPerMinute it stops the ticket, flags it and alerts supervisors.
func (s *Service) guard(ctx context.Context, tx *store.Tx, id, rule int64) (bool, error) {
	if stopped, err := s.Stopped(ctx, id); err != nil || stopped {
		return false, err
	}
	now := tx.Now()
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM automation_runs WHERE ticket_id = ? AND at > ?`, id, now-60_000).Scan(&n); err != nil {
		return false, fmt.Errorf("automation guard: %w", err)
	}
	if n < s.MaxPerMinute {
		_, err := tx.Exec(ctx, `INSERT INTO automation_runs (ticket_id, rule_id, at) VALUES (?, ?, ?)`, id, rule, now)
		return err == nil, err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO automation_stopped (ticket_id, rule_id, at) VALUES (?, ?, ?)`, id, rule, now); err != nil {
		return false, err
	}
	if err := s.audit.Record(ctx, "automation.stopped", "ticket", fmt.Sprint(id), map[string]any{"rule_id": rule, "changes_last_minute": n}); err != nil {
		return false, err
	}
	if err := Stopped.Emit(ctx, tx, StoppedEvent{TicketID: id, RuleID: rule, Changes: n}); err != nil {
		return false, err
	}
	msg := fmt.Sprintf("Automation changed ticket #%d %d times in a minute and was stopped on it (rule %d); look for rules that undo each other.", id, n, rule)
	return false, auth.AlertRaised.Emit(ctx, tx, auth.AlertRaisedEvent{Alert: "automation.stopped", Severity: "warning", Audience: string(auth.Supervisor), Message: msg})
}

// act runs r's actions on t: field changes as one update, then escalation,
// queue, message, notifications and webhooks. An action the ticket store
// refuses (the outbound guard, a queue that is gone) is named in failed;
// the others still run.
func (s *Service) act(ctx context.Context, tx *store.Tx, r *Rule, t ticket.Ticket, todo *after) (failed []string, err error) {
	reason := fmt.Sprintf("automation rule %q", r.Name)
	u, changed := update(r, t)
	if changed {
		if _, err := s.tickets.SystemUpdate(ctx, t.ID, u, Actor, reason); err != nil {
			return nil, err
		}
	}
	queued := false
	for _, a := range r.Then {
		var aerr error
		switch a.Type {
		case Escalate:
			if t.Tier < a.Tier {
				_, aerr = s.tickets.SystemEscalate(ctx, t.ID, a.Tier, Actor, reason)
			}
		case ToQueue:
			if s.queues == nil {
				aerr = errs.E(errs.Conflict, "no routing")
				break
			}
			if aerr = s.queues.PlaceInQueue(ctx, t.ID, a.Value, reason); aerr == nil {
				queued = true
				id := t.ID
				*todo = append(*todo, func(ctx context.Context) error { return s.queues.Dispatch(ctx, id) })
			}
		case SendMacro:
			_, aerr = s.tickets.SystemReply(ctx, t.ID, a.Value)
		case Notify:
			aerr = s.notify(ctx, tx, r, t, a.Value)
		case Webhook:
			aerr = s.enqueueWebhook(ctx, tx, r, t, a)
		}
		if aerr != nil {
			if errs.KindOf(aerr) == errs.Internal {
				return nil, aerr
			}
			failed = append(failed, fmt.Sprintf("%s: %v", a.Type, aerr))
		}
	}
	if escalates(r) && !queued && s.queues != nil {
		// Routing leaves automation's escalations alone; the rule named no
		// queue, so route the ticket by the queues' rules at its new tier.
		id := t.ID
		*todo = append(*todo, func(ctx context.Context) error { return s.queues.RouteTicket(ctx, id) })
	}
	return failed, nil
}

func escalates(r *Rule) bool {
	return slices.ContainsFunc(r.Then, func(a Action) bool { return a.Type == Escalate })
}

// update gathers r's field changes; changed is false when the ticket
// already is as r would set it, so a repeated event changes nothing.
func update(r *Rule, t ticket.Ticket) (ticket.Update, bool) {
	var u ticket.Update
	changed := false
	fields := maps(t.CustomFields)
	tags := slices.Clone(t.Tags)
	for _, a := range r.Then {
		switch a.Type {
		case SetStatus:
			if st := ticket.Status(a.Value); st != t.Status {
				u.Status, changed = &st, true
			}
		case SetPriority:
			if p := ticket.Priority(a.Value); p != t.Priority {
				u.Priority, changed = &p, true
			}
		case SetArea:
			if v := a.Value; v != t.ProductArea {
				u.ProductArea, changed = &v, true
			}
		case SetField:
			if fields[a.Field] != a.Value {
				fields[a.Field] = a.Value
				u.CustomFields, changed = &fields, true
			}
		case AddTags:
			for _, tag := range a.Values {
				tag = strings.ToLower(strings.TrimSpace(tag))
				if !slices.Contains(tags, tag) {
					tags = append(tags, tag)
					u.Tags, changed = &tags, true
				}
			}
		}
	}
	return u, changed
}

func maps(m map[string]string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (s *Service) notify(ctx context.Context, tx *store.Tx, r *Rule, t ticket.Ticket, audience string) error {
	msg := fmt.Sprintf("Ticket #%d (%s priority, %s): rule %q asks for you.", t.ID, t.Priority, ticket.AreaLabel(t.ProductArea), r.Name)
	if err := Notified.Emit(ctx, tx, NotifiedEvent{TicketID: t.ID, RuleID: r.ID, Audience: audience, Message: msg}); err != nil {
		return err
	}
	return auth.AlertRaised.Emit(ctx, tx, auth.AlertRaisedEvent{Alert: "automation.notify", Severity: "urgent", Audience: audience, Message: msg, TicketID: t.ID})
}
