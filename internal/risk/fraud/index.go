package fraud

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// consumerName is the index's durable consumer.
const consumerName = "fraud"

// Consumer is the durable part of the bus the index needs.
type Consumer interface {
	Consume(ctx context.Context, durable, filter string, h bus.Handler) error
}

// StartIndex starts the durable consumer that indexes customers' messages
// and agents' notes.
func (s *Service) StartIndex(ctx context.Context, b Consumer) error {
	return b.Consume(ctx, consumerName, bus.SubjectPrefix+">", s.HandleEvent)
}

// everyTicket sees every ticket: the index works for the system.
var everyTicket = ticket.Viewer{AllTeams: true, CanAssign: true}

// HandleEvent indexes a customer's public message or an agent's note (what
// an agent writes down of a phone call, say). The bot's, the system's and
// this package's own messages are skipped. Everything it writes is
// idempotent, so a redelivered event changes nothing.
func (s *Service) HandleEvent(ctx context.Context, ev store.Event) error {
	var source string
	switch ev.Type {
	case ticket.MessageCreated.Type():
		source = "message"
	case ticket.NoteCreated.Type():
		source = "note"
	default:
		return nil
	}
	e, _, err := ticket.MessageCreated.Decode(store.Event{Type: ticket.MessageCreated.Type(), Data: ev.Data})
	if err != nil {
		s.log.Warn("fraud: unreadable message event skipped", "event", ev.ID, "err", err)
		return nil
	}
	if source == "message" && (e.AuthorKind != "customer" || e.Internal) || source == "note" && e.AuthorKind != "agent" {
		return nil
	}
	// The body as stored: the guard's redaction is already applied.
	body, err := s.tickets.OpenEventBody(ctx, e)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("fraud index: %w", err)
	}
	return s.Record(ctx, Report{TicketID: e.TicketID, MessageID: e.MessageID, CustomerID: e.CustomerID, Source: source, Text: body})
}

// Report is one text to index.
type Report struct {
	TicketID, MessageID, CustomerID int64
	Source                          string // "message" (the customer's) or "note" (an agent's)
	Text                            string
}

// found is an entity of a report with what the registry says of it.
type found struct {
	Entity
	imitates string
}

// Record indexes the entities of r: each is linked to r's ticket and
// customer; one that completes a cluster raises the security team's alert
// (once per entity); a flagged one mentioned by the customer gets the
// customer and the agent warned (once per ticket).
func (s *Service) Record(ctx context.Context, r Report) error {
	var entities []found
	for _, e := range Extract(r.Text, s.chain) {
		if r.Source == "note" && e.Kind == KindHandle {
			continue // "@jordan" in a note mentions a colleague (ticket.ParseMentions)
		}
		f, keep, err := s.classify(ctx, e)
		if err != nil {
			return err
		}
		if keep {
			entities = append(entities, f)
		}
	}
	if len(entities) == 0 {
		return nil
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	var warn []entityRow
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		warn = warn[:0]
		now := tx.Now()
		for _, f := range entities {
			row, err := upsertEntity(ctx, tx, f, now)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO fraud_mentions (entity_id, message_id, ticket_id, customer_id, source, created_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, row.ID, r.MessageID, r.TicketID, r.CustomerID, r.Source, now); err != nil {
				return fmt.Errorf("record mention: %w", err)
			}
			switch {
			case row.State == StateOpen && !row.alerted:
				if err := s.maybeAlert(ctx, tx, row, r.TicketID, st, now); err != nil {
					return err
				}
			case row.State == StateFlagged && r.Source == "message":
				res, err := tx.Exec(ctx, `INSERT INTO fraud_warnings (entity_id, ticket_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, row.ID, r.TicketID, now)
				if err != nil {
					return fmt.Errorf("record warning: %w", err)
				}
				if n, _ := res.RowsAffected(); n == 1 {
					warn = append(warn, row)
				}
			}
		}
		if len(warn) > 0 {
			return s.warn(ctx, r.TicketID, warn)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("fraud index of message %d: %w", r.MessageID, err)
	}
	return nil
}

// classify drops what is one of the exchange's official channels and notes
// what imitates one.
func (s *Service) classify(ctx context.Context, e Entity) (found, bool, error) {
	f := found{Entity: e}
	if s.official == nil {
		return f, true, nil
	}
	var input string
	switch e.Kind {
	case KindDomain:
		input = e.Value
	case KindPhone:
		input = e.Value
	case KindTelegram:
		input = "https://t.me/" + e.Value
	case KindXHandle:
		input = "https://x.com/" + e.Value
	case KindHandle:
		input = "@" + e.Value
	default:
		return f, true, nil
	}
	verdict, imitates, err := s.official.Classify(ctx, input)
	if err != nil {
		return f, false, fmt.Errorf("fraud index: %w", err)
	}
	switch verdict {
	case "official":
		return f, false, nil
	case "lookalike":
		f.imitates = imitates
		if f.imitates == "" {
			f.imitates = "our name"
		}
	}
	return f, true, nil
}

// entityRow is an entity as the index reads it back.
type entityRow struct {
	ID       int64
	Kind     string
	Value    string
	Imitates string
	State    string
	Reason   string
	alerted  bool
}

func upsertEntity(ctx context.Context, tx *store.Tx, f found, now int64) (entityRow, error) {
	if _, err := tx.Exec(ctx, `INSERT INTO fraud_entities (kind, value, imitates, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, value) DO NOTHING`,
		f.Kind, f.Value, f.imitates, now); err != nil {
		return entityRow{}, fmt.Errorf("record entity: %w", err)
	}
	row := entityRow{Kind: f.Kind, Value: f.Value}
	var alerted sql.NullInt64
	err := tx.QueryRow(ctx, `SELECT id, imitates, state, reason, alerted_at FROM fraud_entities WHERE kind = ? AND value = ?`, f.Kind, f.Value).
		Scan(&row.ID, &row.Imitates, &row.State, &row.Reason, &alerted)
	if err != nil {
		return entityRow{}, fmt.Errorf("read entity: %w", err)
	}
	row.alerted = alerted.Valid
	if f.imitates != "" && row.Imitates == "" { // the registry learnt of the official channel since
		if _, err := tx.Exec(ctx, `UPDATE fraud_entities SET imitates = ? WHERE id = ?`, f.imitates, row.ID); err != nil {
			return entityRow{}, fmt.Errorf("record entity: %w", err)
		}
		row.Imitates = f.imitates
	}
	return row, nil
}

// maybeAlert raises the cluster's alert when enough distinct customers
// reported the entity within the window. Setting alerted_at only where it
// is unset makes the alert one per cluster, whichever message (or node)
// completes it.
func (s *Service) maybeAlert(ctx context.Context, tx *store.Tx, row entityRow, ticketID int64, st Settings, now int64) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(DISTINCT customer_id) FROM fraud_mentions WHERE entity_id = ? AND created_at >= ?`,
		row.ID, now-st.Window().Milliseconds()).Scan(&n); err != nil {
		return fmt.Errorf("count reports: %w", err)
	}
	if n < st.Threshold {
		return nil
	}
	res, err := tx.Exec(ctx, `UPDATE fraud_entities SET alerted_at = ? WHERE id = ? AND alerted_at IS NULL`, now, row.ID)
	if err != nil {
		return fmt.Errorf("mark alerted: %w", err)
	}
	if k, _ := res.RowsAffected(); k != 1 {
		return nil
	}
	msg := fmt.Sprintf("Possible scam: %d customers reported the same %s %s within %s. Open /security/fraud/entities/%d to flag it or dismiss the cluster.",
		n, kindNames[row.Kind], row.Value, windowText(st.Window()), row.ID)
	return auth.AlertRaised.Emit(ctx, tx, auth.AlertRaisedEvent{Alert: "fraud.cluster", Severity: "urgent", Audience: AlertAudience,
		Message: msg, TicketID: ticketID})
}

// warn tells the agent (a note with the reason in summary) and the
// customer (in their language, through the outbound guard) that the
// ticket names flagged entities. A customer message the ticket cannot
// take (closed, or refused by the guard) is logged and left out: the
// agent's note still says it.
func (s *Service) warn(ctx context.Context, ticketID int64, rows []entityRow) error {
	t, err := s.tickets.Head(ctx, everyTicket, ticketID)
	if err != nil {
		return fmt.Errorf("warn on ticket %d: %w", ticketID, err)
	}
	note := "Warning: the customer mentioned flagged entities. Do not help them send funds there."
	for _, r := range rows {
		note += "\n- " + kindNames[r.Kind] + " " + r.Value + ": flagged: " + Summary(r.Reason)
	}
	if _, err := s.tickets.BotNote(ctx, ticketID, note); err != nil {
		return fmt.Errorf("warn agent on ticket %d: %w", ticketID, err)
	}
	if _, err := s.tickets.SystemReply(ctx, ticketID, CustomerWarning(t.Language)); err != nil {
		if errs.Is(err, errs.Conflict) {
			s.log.Warn("fraud: customer not warned", "ticket", ticketID, "err", err)
			return nil
		}
		return fmt.Errorf("warn customer on ticket %d: %w", ticketID, err)
	}
	return nil
}

// kindNames are the kinds as an agent reads them.
var kindNames = map[string]string{KindAddress: "address", KindTxID: "transaction", KindDomain: "site", KindPhone: "phone number",
	KindTelegram: "Telegram account", KindXHandle: "X account", KindHandle: "account"}

// Summary is a reason cut to what an agent needs: its first line, at most
// 140 characters.
func Summary(reason string) string {
	line := reason
	for i, c := range reason {
		if c == '\n' || c == '\r' {
			line = reason[:i]
			break
		}
	}
	if r := []rune(line); len(r) > 140 {
		line = string(r[:139]) + "…"
	}
	return line
}

func windowText(d time.Duration) string {
	h := int(d.Hours())
	if h%24 == 0 {
		if h == 24 {
			return "1 day"
		}
		return strconv.Itoa(h/24) + " days"
	}
	if h == 1 {
		return "1 hour"
	}
	return strconv.Itoa(h) + " hours"
}
