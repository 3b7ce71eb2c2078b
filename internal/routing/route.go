package routing

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/routing/detect"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Detection thresholds: below them the channel's value stands.
const (
	minLanguageConfidence = 0.8
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
	text := strings.TrimSpace(f.Subject + "\n" + f.FirstMessage)
	if detectFields {
		lang := detect.DetectLanguage(text, detect.Priors{Page: f.Language, Customer: f.CustomerLanguage, Channel: f.Channel})
		switch {
		case lang.Code != "" && lang.Code != f.Language && lang.Confidence >= minLanguageConfidence && slices.Contains(ticket.Languages, lang.Code):
			p.Language = lang.Code
			notes = append(notes, fmt.Sprintf("language %s detected from text, confidence %.2f (the channel said %s)", lang.Code, lang.Confidence, f.Language))
		case lang.Code == f.Language && lang.Confidence >= minLanguageConfidence:
			notes = append(notes, fmt.Sprintf("language %s detected from text, confidence %.2f", lang.Code, lang.Confidence))
		default:
			notes = append(notes, fmt.Sprintf("language %s from the channel", f.Language))
		}
		if f.ProductArea == "other" {
			if a := detect.DetectArea(text); a.Name != "" && a.Name != "other" && a.Confidence >= minAreaConfidence && slices.Contains(ticket.ProductAreas, a.Name) {
				p.Area = a.Name
				notes = append(notes, fmt.Sprintf("product area %s inferred from %s", a.Name, quoteAll(a.Matched)))
			}
		}
	}
	facts := Facts{Area: p.Area, Language: p.Language, Tier: f.Tier, Channel: f.Channel, VIP: f.VIPLevel,
		Verification: f.Verification, Specialist: f.Specialist, Text: text}
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
// is changes nothing, so redelivered events are harmless.
func (s *Service) Route(ctx context.Context, id int64) (Placement, error) {
	f, err := s.tickets.RouteFacts(ctx, id)
	if err != nil {
		return Placement{}, fmt.Errorf("route ticket %d: %w", id, err)
	}
	if f.Status == ticket.StatusSolved || f.Status == ticket.StatusClosed {
		return Placement{TicketID: id}, nil
	}
	p, err := s.Decide(ctx, f, f.QueueID == nil)
	if err != nil {
		return Placement{}, fmt.Errorf("route ticket %d: %w", id, err)
	}
	if p.QueueID == 0 {
		return Placement{}, fmt.Errorf("route ticket %d: no queue matched and there is no catch-all queue", id)
	}
	if f.QueueID != nil && *f.QueueID == p.QueueID {
		return p, s.dispatch(ctx, id)
	}
	lang, area := "", ""
	if p.Language != f.Language {
		lang = p.Language
	}
	if p.Area != f.ProductArea {
		area = p.Area
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := s.tickets.SetQueue(ctx, id, p.QueueID, p.Reason, lang, area); err != nil {
			return err
		}
		return TicketQueued.Emit(ctx, tx, TicketQueuedEvent{TicketID: id, QueueID: p.QueueID, FromQueue: f.QueueID, Reason: p.Reason})
	})
	if err != nil {
		return Placement{}, fmt.Errorf("route ticket %d: %w", id, err)
	}
	p.Changed = true
	s.signalQueue(ctx, p.QueueID)
	if f.QueueID != nil {
		s.signalQueue(ctx, *f.QueueID)
	}
	if err := s.dispatch(ctx, id); err != nil {
		return p, err
	}
	return p, s.alertIfUnstaffed(ctx, id, p)
}

// RouteTicket is Route for callers that need only the error (the consumer).
func (s *Service) RouteTicket(ctx context.Context, id int64) error {
	_, err := s.Route(ctx, id)
	return err
}
