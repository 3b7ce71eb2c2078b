package status

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Incident mode: while an incident is active, new tickets that match it
// are tagged incident-<id> and linked to it; when it is resolved, each
// linked ticket's customer is told in their language, and an operator can
// update or solve all of them with one action.

// consumerName is the durable consumer of incident mode.
const consumerName = "status"

// Actor names incident mode in ticket events and audits.
const Actor = "status"

// TagFor is the tag incident mode puts on the tickets an incident brought.
func TagFor(id int64) string { return "incident-" + strconv.FormatInt(id, 10) }

// Consumer is the durable part of the bus that incident mode needs.
type Consumer interface {
	Consume(ctx context.Context, durable, filter string, h bus.Handler) error
}

// StartIncidentMode starts the durable consumer that links new tickets,
// tells linked customers of a resolution and notifies subscribers.
func (s *Service) StartIncidentMode(ctx context.Context, b Consumer) error {
	return b.Consume(ctx, consumerName, bus.SubjectPrefix+">", s.HandleEvent)
}

// HandleEvent handles one event of the durable consumer. Ticket events
// need no claim (linking is idempotent) and cost nothing while no incident
// is open; the resolution and the subscribers' mails are handled once
// (bus.Once), and telling a ticket is idempotent besides.
func (s *Service) HandleEvent(ctx context.Context, ev store.Event) error {
	switch ev.Type {
	case ticket.TicketCreated.Type():
		e, _, err := ticket.TicketCreated.Decode(ev)
		if err != nil || s.tickets == nil || len(s.Current(ctx).Active) == 0 {
			return err
		}
		return s.matchTicket(ctx, e.TicketID, "", 0)
	case ticket.MessageCreated.Type():
		e, _, err := ticket.MessageCreated.Decode(ev)
		if err != nil || s.tickets == nil || e.AuthorKind != "customer" || e.Internal || len(s.Current(ctx).Active) == 0 {
			return err
		}
		return s.matchMessage(ctx, e)
	case IncidentResolvedTopic.Type():
		e, _, err := IncidentResolvedTopic.Decode(ev)
		if err != nil {
			return err
		}
		return bus.Once(ctx, s.db, consumerName, ev.ID, func(ctx context.Context, tx *store.Tx) error { return s.tellLinked(ctx, e.IncidentID) })
	case IncidentOpenedTopic.Type(), MaintenanceReminderTopic.Type():
		e, _, err := IncidentOpenedTopic.Decode(store.Event{Type: IncidentOpenedTopic.Type(), Data: ev.Data})
		if err != nil {
			return err
		}
		return bus.Once(ctx, s.db, consumerName, ev.ID, func(ctx context.Context, tx *store.Tx) error {
			in, err := s.Incident(ctx, e.IncidentID)
			if err != nil {
				return err
			}
			return s.notifySubscribers(ctx, in)
		})
	}
	return nil
}

// everyTicket sees every ticket: incident mode works for the system.
var everyTicket = ticket.Viewer{AllTeams: true, CanAssign: true}

// matchTicket links ticket id to the active incidents it matches; extra is
// a new message's text (messageID its id), or "" for a new ticket.
func (s *Service) matchTicket(ctx context.Context, id int64, extra string, messageID int64) error {
	active := s.Current(ctx).Active
	if len(active) == 0 {
		return nil
	}
	t, err := s.tickets.Get(ctx, everyTicket, id)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	text := t.Subject + " " + extra
	for _, m := range t.Messages {
		if m.AuthorKind == "customer" && !m.Internal {
			text += " " + m.Body
		}
	}
	for _, in := range active {
		if slices.Contains(t.Tags, TagFor(in.ID)) {
			continue
		}
		// A ticket opened before the incident joins it only by a new
		// message that names it; a new ticket by anything it says.
		old := t.ID < in.firstTicket
		if old && (extra == "" || messageID < in.firstMessage || !s.matches(in, ticket.Ticket{}, extra)) {
			continue
		}
		if old || s.matches(in, t, text) {
			if err := s.link(ctx, in.ID, t); err != nil {
				return err
			}
		}
	}
	return nil
}

// matchMessage links a customer message's ticket to the incidents the
// message names; the ticket's own fields were read when it was opened, so
// it is read again only when the message names one.
func (s *Service) matchMessage(ctx context.Context, e ticket.MessageCreatedEvent) error {
	body, err := s.tickets.OpenEventBody(ctx, e)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	named := false
	for _, in := range s.Current(ctx).Active {
		named = named || s.matches(in, ticket.Ticket{}, body)
	}
	if !named {
		return nil
	}
	return s.matchTicket(ctx, e.TicketID, body, e.MessageID)
}

// matches: the ticket names an affected product area, or an affected
// network (in its network field or its text) and, for an incident on one
// asset, that asset or none.
func (s *Service) matches(in Incident, t ticket.Ticket, text string) bool {
	if t.ProductArea != "" && in.Affects(ProductPrefix+t.ProductArea) {
		return true
	}
	asset := t.CustomFields["asset"]
	if n := t.CustomFields["network"]; n != "" && in.Affects(NetworkPrefix+n) &&
		(in.Asset == "" || asset == "" || strings.EqualFold(asset, in.Asset)) {
		return true
	}
	words := " " + normalize(text) + " "
	for _, c := range in.Components {
		id, ok := strings.CutPrefix(c, NetworkPrefix)
		if !ok || !s.named(words, id) {
			continue
		}
		if in.Asset == "" || strings.Contains(words, " "+strings.ToLower(in.Asset)+" ") {
			return true
		}
	}
	return false
}

// named reports whether words (normalized, space-padded) name network id.
func (s *Service) named(words, id string) bool {
	for _, n := range s.networks {
		if n.ID != id {
			continue
		}
		for _, name := range append([]string{n.ID, n.Name}, n.Aliases...) {
			if name != "" && strings.Contains(words, " "+normalize(name)+" ") {
				return true
			}
		}
	}
	return false
}

// normalize lower-cases s and turns everything but letters and digits
// into single spaces, so names match as whole words.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// link tags the ticket and records the link, in the consumer's transaction.
func (s *Service) link(ctx context.Context, incidentID int64, t ticket.Ticket) error {
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `INSERT INTO status_incident_tickets (incident_id, ticket_id, linked_at)
			SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM status_incident_tickets WHERE incident_id = ? AND ticket_id = ?)`,
			incidentID, t.ID, tx.Now(), incidentID, t.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		tags := append(slices.Clone(t.Tags), TagFor(incidentID))
		if _, err := s.tickets.SystemUpdate(ctx, t.ID, ticket.Update{Tags: &tags}, Actor, "matches incident "+strconv.FormatInt(incidentID, 10)); err != nil {
			return err
		}
		return TicketLinkedTopic.Emit(ctx, tx, TicketLinked{IncidentID: incidentID, TicketID: t.ID})
	})
}

// LinkedTickets lists the ids of the tickets an incident brought.
func (s *Service) LinkedTickets(ctx context.Context, incidentID int64) ([]int64, error) {
	rows, err := s.db.Query(ctx, `SELECT ticket_id FROM status_incident_tickets WHERE incident_id = ? ORDER BY ticket_id`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("linked tickets: %w", err)
	}
	return store.ScanIDs(rows)
}

// tellLinked sends each linked ticket's customer, once, the resolution in
// the ticket's language.
func (s *Service) tellLinked(ctx context.Context, incidentID int64) error {
	in, err := s.Incident(ctx, incidentID)
	if err != nil {
		return err
	}
	if err := s.notifySubscribers(ctx, in); err != nil {
		return err
	}
	rows, err := s.db.Query(ctx, `SELECT ticket_id FROM status_incident_tickets WHERE incident_id = ? AND notified_at = 0 ORDER BY ticket_id`, incidentID)
	if err != nil {
		return err
	}
	ids, err := store.ScanIDs(rows)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := s.tellOne(ctx, in, id); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) tellOne(ctx context.Context, in Incident, ticketID int64) error {
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		t, err := s.tickets.Get(ctx, everyTicket, ticketID)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		if err == nil && t.Status != ticket.StatusClosed {
			if _, err := s.tickets.SystemReply(ctx, ticketID, ResolvedMessage(in, t.Language)); err != nil {
				if !errs.Is(err, errs.Conflict) {
					return err
				}
				s.log.Warn("status: resolution message refused", "ticket", ticketID, "err", err)
			}
		}
		_, err = tx.Exec(ctx, `UPDATE status_incident_tickets SET notified_at = ? WHERE incident_id = ? AND ticket_id = ?`, tx.Now(), in.ID, ticketID)
		return err
	})
}

// ResolvedMessage is what a linked ticket's customer is told in lang: the
// incident's title and its closing update.
func ResolvedMessage(in Incident, lang string) string {
	lang = langOr(lang)
	msg := fmt.Sprintf(text(lang).Resolved, in.Title(lang))
	if u, ok := in.Latest(); ok && u.State == Resolved {
		msg += "\n\n" + u.Body(lang)
	}
	return msg
}

// BulkStatus sets every linked ticket that is not closed to status, as
// one operator action; it returns how many changed.
func (s *Service) BulkStatus(ctx context.Context, incidentID int64, to ticket.Status, author string) (int, error) {
	if !slices.Contains(ticket.Statuses, to) || to == ticket.StatusClosed || to == ticket.StatusNew {
		return 0, errs.Field("status", "status must be open, pending_customer, on_hold or solved")
	}
	if _, err := s.Incident(ctx, incidentID); err != nil {
		return 0, err
	}
	ids, err := s.LinkedTickets(ctx, incidentID)
	if err != nil {
		return 0, err
	}
	n := 0
	reason := fmt.Sprintf("incident %d: bulk action by %s", incidentID, author)
	for _, id := range ids {
		t, err := s.tickets.Get(ctx, everyTicket, id)
		if errs.Is(err, errs.NotFound) {
			continue
		}
		if err != nil {
			return n, err
		}
		if t.Status == to || t.Status == ticket.StatusClosed {
			continue
		}
		st := to
		if _, err := s.tickets.SystemUpdate(ctx, id, ticket.Update{Status: &st}, Actor, reason); err != nil {
			return n, fmt.Errorf("bulk status of ticket %d: %w", id, err)
		}
		n++
	}
	if err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		return s.audit.Record(ctx, "status.tickets_bulk_updated", "incident", strconv.FormatInt(incidentID, 10), map[string]any{"status": to, "changed": n})
	}); err != nil {
		return n, err
	}
	return n, nil
}
