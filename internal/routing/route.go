package routing

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/routing/detect"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Detection thresholds: below them the channel's value stands.
const (
	minLanguageConfidence = detect.SureLanguage
	minAreaConfidence     = 0.5
)

// Placement is where routing put a ticket and why.
type Placement struct {
	TicketID  int64  `json:"ticket_id"`
	QueueID   int64  `json:"queue_id"`
	QueueName string `json:"queue_name"`
	Reason    string `json:"reason"`
	Language  string `json:"language"`
	Area      string `json:"product_area"`
	Changed   bool   `json:"changed"` // the ticket moved (or entered its first queue)
}

// Decide works out the queue for ticket facts f without writing anything:
// the dry run of the queues page, and Route's first half. detectFields
// runs language and area detection (a ticket's first routing only: later,
// what agents set stands).
func (s *Service) Decide(ctx context.Context, f ticket.RouteFacts, detectFields bool) (Placement, error) {
	qs, err := s.ruleOrder(ctx)
	if err != nil {
		return Placement{}, err
	}
	return decide(qs, f, detectFields), nil
}

func decide(qs []Queue, f ticket.RouteFacts, detectFields bool) Placement {
	p := Placement{TicketID: f.ID, Language: f.Language, Area: f.ProductArea}
	var notes []string
	if detectFields {
		p.Language, p.Area, notes = detectFacts(f)
	}
	facts := Facts{Area: p.Area, Language: p.Language, Tier: f.Tier, Channel: f.Channel, VIP: f.VIPLevel,
		Verification: f.Verification, Specialist: f.Specialist, Text: routeText(f)}
	for i, q := range qs {
		ok, why := q.parsed.Match(facts)
		if !ok {
			continue
		}
		p.QueueID, p.QueueName = q.ID, q.Name
		if q.CatchAll {
			p.Reason = fmt.Sprintf("no rule matched: catch-all queue %q", q.Name)
		} else {
			p.Reason = fmt.Sprintf("rule %d (%s) matched: %s", i+1, q.Name, strings.Join(why, ", "))
		}
		break
	}
	if len(notes) > 0 {
		p.Reason += "; " + strings.Join(notes, "; ")
	}
	return p
}

func routeText(f ticket.RouteFacts) string {
	return strings.TrimSpace(f.Subject + "\n" + f.FirstMessage)
}

// detectFacts is a ticket's first routing's reading of its text: the
// language (the channel's unless detection is confident; an agent's
// choice always stands) and, when the channel did not say, the product
// area, with notes for the reason.
func detectFacts(f ticket.RouteFacts) (lang, area string, notes []string) {
	lang, area = f.Language, f.ProductArea
	text := routeText(f)
	if f.LanguageByAgent {
		notes = append(notes, fmt.Sprintf("language %s set by an agent", f.Language))
	} else {
		var note string
		lang, note = detectLanguage(text, f)
		notes = append(notes, note)
	}
	if f.ProductArea == "other" {
		if a := detect.DetectArea(text); a.Name != "" && a.Name != "other" && a.Confidence >= minAreaConfidence && slices.Contains(ticket.ProductAreas, a.Name) {
			area = a.Name
			// The reason is shown on the ticket page: the area in the words
			// the page uses, not its code.
			notes = append(notes, fmt.Sprintf("product area %s inferred from %s", ticket.AreaLabel(a.Name), quoteAll(a.Matched)))
		}
	}
	return lang, area, notes
}

// detectLanguage is the language of ticket f's text when detection is
// confident, the channel's otherwise, with the note saying which.
func detectLanguage(text string, f ticket.RouteFacts) (lang, note string) {
	d := detect.DetectLanguage(text, detect.Priors{Page: f.Language, Customer: f.CustomerLanguage, Channel: f.Channel})
	switch {
	case d.Code != "" && d.Code != f.Language && d.Confidence >= minLanguageConfidence && slices.Contains(ticket.Languages, d.Code):
		return d.Code, fmt.Sprintf("language %s detected from text, confidence %.2f (the channel said %s)", d.Code, d.Confidence, f.Language)
	case d.Code == f.Language && d.Confidence >= minLanguageConfidence:
		return f.Language, fmt.Sprintf("language %s detected from text, confidence %.2f", d.Code, d.Confidence)
	}
	return f.Language, fmt.Sprintf("language %s from the channel", f.Language)
}

func quoteAll(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	if len(q) == 0 {
		return "the text"
	}
	return strings.Join(q, ", ")
}

// Route puts ticket id in its queue (detecting its language and product
// area on its first routing), records why, and dispatches it: a chat is
// offered to the best available agent, and a queue without an eligible
// agent online alerts supervisors. Routing a ticket again where it already
// is changes nothing, so redelivered events are harmless. Route is for
// changes that should re-route (escalation, a field rules read, a released
// chat); a new ticket goes through routeNew.
func (s *Service) Route(ctx context.Context, id int64) (Placement, error) {
	return s.route(ctx, id, false)
}

// routeNew is the first routing of ticket id (its ticket.created event).
// Other nodes may have placed the ticket before this event is handled:
// automation's rule on its first message, an agent's escalation, routing
// on another trigger. Such a placement is newer than the ticket's
// creation, so it stands: routeNew places only a ticket in no queue, and
// its write is conditional on that, so a placement between its read and
// its write stands too.
func (s *Service) routeNew(ctx context.Context, id int64) (Placement, error) {
	return s.route(ctx, id, true)
}

func (s *Service) route(ctx context.Context, id int64, isNew bool) (Placement, error) {
	// Two reads at most: a routing that loses the first placement to
	// another, or to an agent setting the language it detected, reads the
	// ticket again (routeNew then keeps a placement it finds; otherwise
	// the ticket is placed from there).
	for attempt := 0; ; attempt++ {
		f, err := s.tickets.RouteFacts(ctx, id)
		if err != nil {
			return Placement{}, fmt.Errorf("route ticket %d: %w", id, err)
		}
		if f.Status == ticket.StatusSolved || f.Status == ticket.StatusClosed {
			return Placement{TicketID: id}, nil
		}
		if isNew && f.QueueID != nil {
			return Placement{TicketID: id, QueueID: *f.QueueID, Reason: f.QueueReason, Language: f.Language, Area: f.ProductArea}, s.dispatch(ctx, id)
		}
		p, placed, err := s.place(ctx, f)
		if err != nil {
			return Placement{}, fmt.Errorf("route ticket %d: %w", id, err)
		}
		if !placed && attempt == 0 {
			continue
		}
		if err := s.dispatch(ctx, id); err != nil || !p.Changed {
			return p, err
		}
		return p, s.alertIfUnstaffed(ctx, id, p)
	}
}

var errNoQueue = errors.New("no queue matched and there is no catch-all queue")

// place decides ticket f's queue and writes it. placed is false when f
// was in no queue and another placement came first (nothing written).
func (s *Service) place(ctx context.Context, f ticket.RouteFacts) (p Placement, placed bool, err error) {
	first := f.QueueID == nil
	p, err = s.Decide(ctx, f, first)
	if err != nil {
		return p, false, err
	}
	if p.QueueID == 0 {
		return p, false, errNoQueue
	}
	if !first && *f.QueueID == p.QueueID {
		return p, true, nil
	}
	lang, area := "", ""
	if p.Language != f.Language {
		lang = p.Language
	}
	if p.Area != f.ProductArea {
		area = p.Area
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if first {
			if placed, err = s.tickets.SetFirstQueue(ctx, f.ID, p.QueueID, p.Reason, lang, area); err != nil || !placed {
				return err
			}
		} else if err := s.tickets.SetQueue(ctx, f.ID, p.QueueID, p.Reason, lang, area); err != nil {
			return err
		}
		placed = true
		return TicketQueued.Emit(ctx, tx, TicketQueuedEvent{TicketID: f.ID, QueueID: p.QueueID, FromQueue: f.QueueID, Reason: p.Reason})
	})
	if err != nil || !placed {
		return p, placed, err
	}
	p.Changed = true
	s.signalQueue(ctx, p.QueueID, keyOf(f.ID, f.Priority, p.Area))
	if f.QueueID != nil {
		s.signalQueue(ctx, *f.QueueID, keyOf(f.ID, f.Priority, f.ProductArea))
	}
	return p, true, nil
}

// RouteTicket is Route for callers that need only the error (the consumer).
func (s *Service) RouteTicket(ctx context.Context, id int64) error {
	_, err := s.Route(ctx, id)
	return err
}
