package ticket

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// ErrBlocked marks a message the outbound guard refused. The refusal is
// audited and committed; the message is not stored.
var ErrBlocked = errors.New("blocked by the outbound guard")

func (s *Store) add(ctx context.Context, may gate, ticketID int64, in NewMessage, internal bool) (Message, error) {
	if err := in.Validate(); err != nil {
		return Message{}, err
	}
	var m Message
	var stop stopped
	in.atCommit = s.db.Dialect == store.Postgres && s.db.Ends(ctx)
	err := s.db.TxRetry(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		m, stop, err = s.addMessage(ctx, tx, may, ticketID, in, internal)
		if err == nil && !stop.any() && internal && in.Author == "agent" {
			m.Mentions, err = s.recordMentions(ctx, tx, m)
		}
		return err
	})
	if err != nil {
		return Message{}, fmt.Errorf("add message to ticket %d: %w", ticketID, err)
	}
	if stop.reason != "" {
		return Message{}, &errs.Error{Kind: errs.Forbidden, Msg: "This message was not sent: " + stop.reason, Err: ErrBlocked}
	}
	if stop.held != nil {
		return Message{}, &errs.Error{Kind: errs.Conflict, Msg: "This message was held for review, not sent: " + stop.held.Reason, Err: &HeldError{Reply: *stop.held}}
	}
	return m, nil
}

// stopped is why addMessageTo stored no message: the guard refused it
// (reason, audited) or held it for review (held).
type stopped struct {
	reason string
	held   *HeldReply
}

func (s stopped) any() bool { return s.reason != "" || s.held != nil }

// ticketHead is what adding a message needs to know of its ticket.
type ticketHead struct {
	status   Status
	language string
	probe    Ticket // id, team, assignee and customer, for who may write
	snoozed  int    // 1: snoozed; a customer's message ends it
	// nextID, when not 0, is an id for the new message taken from its
	// sequence after the ticket's lock (PostgreSQL, loadHeadState's
	// withID), so that the message can be written with the commit.
	nextID int64
	count  int64 // messages so far, read under the ticket's lock
}

// gate decides whether a writer may add to the ticket h heads: an agent
// who can see it (Viewer.gate), or the customer it belongs to
// (CustomerRef.gate, ownerIs).
type gate func(h ticketHead) error

// gate lets agent v write on the tickets v may see.
func (v Viewer) gate() gate {
	return func(h ticketHead) error {
		if !v.CanSee(h.probe) {
			return errs.E(errs.Forbidden, "ticket %d belongs to a team you are not in", h.probe.ID)
		}
		return nil
	}
}

// ownerIs lets the customer customerID write on their own tickets only.
func ownerIs(customerID int64) gate {
	return func(h ticketHead) error {
		if h.probe.Customer.ID != customerID {
			return errs.E(errs.NotFound, "no ticket %d", h.probe.ID)
		}
		return nil
	}
}

// maxMergeHops bounds how far a write follows merged tickets (B merged
// into A, later A into C).
const maxMergeHops = 8

// loadHead reads the head of ticket ticketID for a write and checks that
// the writer may. A write to a ticket merged into another goes to that one:
// a customer answering in the merged conversation still reaches the agent.
func loadHead(ctx context.Context, tx *store.Tx, may gate, ticketID int64) (ticketHead, error) {
	h, _, err := loadHeadState(ctx, tx, may, ticketID, false, false)
	return h, err
}

// headColumns are what loadHeadState scans into a ticketHead.
const headColumns = `t.status, t.language, t.team_id, t.assignee_id, t.merged_into, c.id, c.external_id, c.email, t.snoozed, t.message_count`

// loadHeadState is loadHead that, with withState, also reads the screen
// state of the ticket's customer in the same statement (one round trip
// fewer for every customer message). The state is nil when the customer
// has no state row yet; loadScreenState then decides. withID (PostgreSQL,
// with withState) also takes the new message's id (ticketHead.nextID).
func loadHeadState(ctx context.Context, tx *store.Tx, may gate, ticketID int64, withState, withID bool) (ticketHead, *storedState, error) {
	h := ticketHead{probe: Ticket{ID: ticketID}}
	var team, assignee, merged sql.NullInt64
	c := &h.probe.Customer
	var st storedState
	// On PostgreSQL the ticket's row is locked first, so that its messages
	// commit in the order of their ids: a live view that resumes after the
	// highest id it has seen (chat's replay) then misses none. SQLite has
	// one writer at a time anyway. The state's row is locked with it: under
	// READ COMMITTED a lock that waited re-reads the rows it locks, and only
	// those, so an unlocked state would be the one before the commit waited
	// for. Every writer of a state holds the lock of the ticket it writes
	// to first (OF t, s locks in that order); one that writes to several
	// tickets of a customer (a group commit's batch) can still deadlock with
	// another node's, and add runs it again (store.TxRetry). NO KEY: the
	// lock writers take, not the one that also waits for inserts holding
	// the ticket's key (an SLA timer's row, say): a transaction that has
	// updated the ticket and then adds a message (an escalation telling
	// the customer what happens next) would otherwise wait for such an
	// insert whose transaction waits to update the ticket, a deadlock.
	lock, lockState := "", ""
	if tx.Dialect() == store.Postgres {
		lock, lockState = " FOR NO KEY UPDATE OF t", " FOR NO KEY UPDATE OF t, s"
	}
	for hop := 0; ; hop++ {
		h.nextID = 0 // an id taken under another ticket's lock (a merge's hop) is not used
		cols := []any{&h.status, &h.language, &team, &assignee, &merged, &c.ID, &c.ExternalID, &c.Email, &h.snoozed, &h.count}
		var err error
		if withState {
			q := `SELECT ` + headColumns + `, s.state, s.warn, s.warn_ticket, s.last_ref
			FROM tickets t JOIN customers c ON c.id = t.customer_id JOIN customer_screen_state s ON s.customer_id = c.id WHERE t.id = ?` + lockState
			dest := append(cols, &st.state, &st.warn, &st.warnTicket, &st.last)
			if withID && tx.Dialect() == store.Postgres {
				// The id is taken once the rows are locked (the CTE is
				// read first), so ids still follow the ticket's commits.
				q = `WITH h AS MATERIALIZED (` + q + `) SELECT h.*, nextval('messages_id_seq') FROM h`
				dest = append(dest, &h.nextID)
			}
			// ScanRow: as a transaction's first statement, it carries BEGIN.
			err = tx.ScanRow(ctx, dest, q, h.probe.ID)
			if errors.Is(err, sql.ErrNoRows) {
				withState = false // no ticket, or no state: ask again without it
				hop--
				continue
			}
		} else {
			err = tx.ScanRow(ctx, cols, `SELECT `+headColumns+`
			FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`+lock, h.probe.ID)
		}
		if errors.Is(err, sql.ErrNoRows) {
			return h, nil, errs.E(errs.NotFound, "no ticket %d", ticketID)
		}
		if err != nil {
			return h, nil, err
		}
		if !merged.Valid || hop == maxMergeHops {
			break
		}
		h.probe.ID = merged.Int64
	}
	if team.Valid {
		h.probe.TeamID = &team.Int64
	}
	if assignee.Valid {
		h.probe.AssigneeID = &assignee.Int64
	}
	if err := may(h); err != nil {
		return h, nil, err
	}
	if !withState {
		return h, nil, nil
	}
	return h, &st, nil
}

// addMessage stores one message in tx. It says why instead when the
// outbound guard refuses or holds it; either is audited in tx.
func (s *Store) addMessage(ctx context.Context, tx *store.Tx, may gate, ticketID int64, in NewMessage, internal bool) (Message, stopped, error) {
	// A customer's public message continues the screen state: read it
	// with the head.
	customer := in.Author == "customer" && !internal
	h, st, err := loadHeadState(ctx, tx, may, ticketID, customer, customer && in.atCommit)
	if err != nil {
		return Message{}, stopped{}, err
	}
	var conv *conversation
	if st != nil {
		conv = s.openScreenState(h.probe.Customer.ID, *st)
	}
	m, stop, _, err := s.addMessageTo(ctx, tx, h, conv, in, internal)
	return m, stop, err
}

// addMessageTo is addMessage on the ticket h heads, which the caller has
// read or (a new ticket, in its own transaction) knows; conv, if not nil,
// is the customer's screen state, so that it is not read back. It also
// returns the kinds of secret redacted (nil when none).
func (s *Store) addMessageTo(ctx context.Context, tx *store.Tx, h ticketHead, conv *conversation, in NewMessage, internal bool) (Message, stopped, []string, error) {
	ticketID := h.probe.ID
	if h.status == StatusClosed && !internal {
		return Message{}, stopped{}, nil, errs.E(errs.Conflict, "ticket %d is closed; open a new ticket instead", ticketID)
	}
	// Every author but the customer passes the outbound guard. Only an
	// agent's reply is held: the bot's templates are checked when written.
	if !internal && in.Author != "customer" {
		reason, hold, err := s.outboundVerdict(ctx, tx, ticketID, in.Body)
		if err != nil {
			return Message{}, stopped{}, nil, err
		}
		if reason == "" && hold != "" && in.Author == "agent" && in.hold == holdRefuse {
			reason = hold
		}
		if reason != "" {
			return Message{}, stopped{reason: reason}, nil, s.recordBlocked(ctx, tx, ticketID, in, reason)
		}
		if hold != "" && in.Author == "agent" && in.hold == holdKeep {
			hr, err := s.holdReply(ctx, tx, h, in, hold)
			return Message{}, stopped{held: &hr}, nil, err
		}
	}
	sc, err := s.screenInbound(ctx, tx, h, conv, in, internal)
	if err != nil {
		return Message{}, stopped{}, nil, err
	}
	if len(sc.kinds) > 0 {
		h.nextID = 0 // afterRedaction writes the ticket again, and reads the message
	}
	// The state ends with this message: it is stored with the message's id.
	var next *sealedState
	if sc.conversation {
		if next, err = s.sealScreenState(h.probe.Customer.ID, sc.state, sc.warn, sc.warnTicket); err != nil {
			return Message{}, stopped{}, nil, err
		}
	}
	m, err := s.writeMessage(ctx, tx, h, in.Author, in.AuthorID, internal, sc.text, sc.held, next)
	if err != nil {
		return Message{}, stopped{}, nil, err
	}
	if in.Author == "agent" && !internal && in.hold == holdKeep {
		if err := s.withdrawHeld(ctx, tx, ticketID, in.AuthorID); err != nil {
			return Message{}, stopped{}, nil, err
		}
	}
	if in.Author == "agent" && !internal {
		if err := recordMacros(ctx, tx, m.ID, in.Macros); err != nil {
			return Message{}, stopped{}, nil, err
		}
	}
	kinds := sc.kinds
	if len(kinds) > 0 {
		if err := s.afterRedaction(ctx, tx, h, m, kinds); err != nil {
			return Message{}, stopped{}, nil, err
		}
	}
	return m, stopped{}, kinds, nil
}

// screened is what screenInbound found: the text to store, the kinds of
// secret removed, and for a customer's public message the conversation's
// next state, which the caller saves with the stored message's id, and
// the warning still owed in another ticket (see conversation.warn).
type screened struct {
	text         string
	kinds        []string
	conversation bool
	held         bool // the guard may still cut words of this text
	state        []byte
	warn         []string
	warnTicket   int64
}

// screenInbound cuts secrets out of a message. A customer's public message
// continues the customer's screen state: a secret it completes (a phrase
// sent a few words at a time, begun in the subject, or begun in another
// of the customer's tickets) is cut from the earlier texts too.
func (s *Store) screenInbound(ctx context.Context, tx *store.Tx, h ticketHead, conv *conversation, in NewMessage, internal bool) (screened, error) {
	if in.Author != "customer" || internal {
		res := s.screen.Inbound(nil, 0, in.Body)
		return screened{text: res.Text, kinds: res.Kinds}, nil
	}
	if conv == nil {
		var err error
		if conv, err = s.loadScreenState(ctx, tx, h.probe.Customer.ID); err != nil {
			return screened{}, err
		}
	}
	warn, keep, keepTicket := conv.warnFor(h.probe.ID)
	res := s.screen.Inbound(conv.state, conv.previous, in.Body)
	if len(res.Earlier) > 0 {
		if err := s.cutEarlier(ctx, tx, h.probe.Customer.ID, res.Earlier, res.Kinds); err != nil {
			return screened{}, err
		}
	}
	// Secrets cut from the subject or form fields of a new ticket are
	// named in the warning after its first message.
	return screened{text: res.Text, kinds: mergeKinds(slices.Clone(res.Kinds), warn), conversation: true, state: res.State, held: res.Held,
		warn: keep, warnTicket: keepTicket}, nil
}

// insertMessage stores a message and emits its event. held: the guard may
// still cut words of body (see Screened.Held), so the event leaves it out.
func (s *Store) insertMessage(ctx context.Context, tx *store.Tx, h ticketHead, author AuthorKind, authorID *int64, internal bool, body string, held bool) (Message, error) {
	return s.writeMessage(ctx, tx, h, author, authorID, internal, body, held, nil)
}

// writeMessage is insertMessage that also stores the ticket's next screen
// state, when state is not nil, as ending with the new message. On
// PostgreSQL the message, the ticket's counters, its place in the inbox's
// activity order and the state are one statement: three round trips fewer
// for every customer message.
func (s *Store) writeMessage(ctx context.Context, tx *store.Tx, h ticketHead, author AuthorKind, authorID *int64, internal bool, body string, held bool, state *sealedState) (Message, error) {
	ticketID := h.probe.ID
	now := store.Now()
	m := Message{TicketID: ticketID, AuthorKind: author, AuthorID: authorID, Internal: internal, Body: body, CreatedAt: store.Time(now)}
	stored, err := s.sealBody(ticketID, body)
	if err != nil {
		return Message{}, err
	}
	next := h.status
	if author == "customer" && !internal {
		next = reopened(h.status)
	}
	const insert = `INSERT INTO messages (ticket_id, author_kind, author_id, internal, body, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`
	insertArgs := []any{ticketID, string(author), authorID, boolInt(internal), stored, now}
	awaiting, awaitArgs := awaitingAfter(author, internal, now)
	update := `UPDATE tickets SET message_count = message_count + 1, last_message_at = ?, updated_at = ?, status = ?, awaiting_since = ` + awaiting + ` WHERE id = ?`
	// The count goes with the event: a live view that sees it skip knows
	// it missed a message.
	const returningCount = ` RETURNING message_count`
	updateArgs := append([]any{now, now, string(next)}, append(awaitArgs, ticketID)...)
	var count int
	if state != nil && h.nextID != 0 && h.snoozed == 0 {
		// Nothing later in the transaction reads these rows (Store.add,
		// DB.Ends): they go with the outbox's INSERT and the COMMIT, one
		// round trip fewer. Four writes of distinct rows, as AtCommit
		// requires. A snoozed ticket is updated again (endSnooze). The
		// count is the one read under the ticket's lock, plus this one.
		m.ID = h.nextID
		count = int(h.count) + 1
		tx.AtCommit(`INSERT INTO messages (id, ticket_id, author_kind, author_id, internal, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			append([]any{m.ID}, insertArgs...)...)
		tx.AtCommit(update, updateArgs...)
		tx.AtCommit(touchSQL, ticketID, now)
		tx.AtCommit(upsertState(`VALUES (?, ?, ?, ?, ?, ?)`), h.probe.Customer.ID, state.stored, state.warn, state.warnTicket, m.ID, tx.Now())
	} else if tx.Dialect() == store.Postgres {
		q := `WITH m AS (` + insert + `), u AS (` + update + returningCount + `), a AS (` + touchSQL + `)`
		args := append(append(insertArgs, updateArgs...), ticketID, now)
		if state != nil {
			q += `, s AS (` + upsertState(`SELECT ?, ?, ?, ?, m.id, ? FROM m`) + `)`
			args = append(args, h.probe.Customer.ID, state.stored, state.warn, state.warnTicket, tx.Now())
		}
		if err := tx.QueryRow(ctx, q+` SELECT m.id, u.message_count FROM m, u`, args...).Scan(&m.ID, &count); err != nil {
			return Message{}, err
		}
	} else {
		if err := tx.QueryRow(ctx, insert, insertArgs...).Scan(&m.ID); err != nil {
			return Message{}, err
		}
		if err := tx.QueryRow(ctx, update+returningCount, updateArgs...).Scan(&count); err != nil {
			return Message{}, err
		}
		if err := touch(ctx, tx, ticketID, now); err != nil {
			return Message{}, err
		}
		if state != nil {
			if err := s.writeScreenState(ctx, tx, h.probe.Customer.ID, *state, m.ID); err != nil {
				return Message{}, err
			}
		}
	}
	if err := s.indexMessage(ctx, tx, ticketID, author, internal, body); err != nil {
		return Message{}, err
	}
	topic := MessageCreated
	if internal {
		topic = NoteCreated
	}
	// The body travels sealed, as stored: event_log keeps events at rest.
	// One the guard may still cut stays out: the cut reaches the messages
	// table, never the copies in event_log and the stream.
	ev := MessageCreatedEvent{TicketID: ticketID, MessageID: m.ID, CustomerID: h.probe.Customer.ID, TeamID: h.probe.TeamID,
		AssigneeID: h.probe.AssigneeID, AuthorKind: author, AuthorID: authorID, Internal: internal, Sealed: stored, At: m.CreatedAt, Count: count}
	if held {
		ev.Sealed, ev.Withheld = "", true
	}
	if err := topic.Emit(ctx, tx, ev); err != nil {
		return Message{}, err
	}
	if author == "customer" && !internal && h.snoozed != 0 {
		if err := endSnooze(ctx, tx, ticketID, SnoozeEndedReply); err != nil {
			return Message{}, err
		}
	}
	if next != h.status {
		return m, StatusChanged.Emit(ctx, tx, StatusChangedEvent{TicketID: ticketID, From: h.status, To: next})
	}
	return m, nil
}

// reopened is the status after a customer writes: a ticket that was waiting
// on them, or solved, opens again.
func reopened(s Status) Status {
	if s == StatusPendingCustomer || s == StatusSolved {
		return StatusOpen
	}
	return s
}

// afterRedaction audits a removed secret (its kind, never its text) and, for
// a customer, adds the system message that tells them why, in their language.
func (s *Store) afterRedaction(ctx context.Context, tx *store.Tx, h ticketHead, m Message, kinds []string) error {
	detail := map[string]any{"ticket_id": m.TicketID, "message_id": m.ID, "author_kind": m.AuthorKind, "kinds": kinds}
	if err := s.audit.Record(ctx, "guard.secret_redacted", "message", fmt.Sprint(m.ID), detail); err != nil {
		return err
	}
	if err := SecretRedacted.Emit(ctx, tx, SecretRedactedEvent{TicketID: m.TicketID, MessageID: m.ID, AuthorKind: m.AuthorKind, Kinds: kinds}); err != nil {
		return err
	}
	if m.AuthorKind != "customer" || m.Internal {
		return nil
	}
	h.status = reopened(h.status) // as the customer's message has just left it
	if warning := s.screen.Warning(h.language, kinds); warning != "" {
		_, err := s.insertMessage(ctx, tx, h, "system", nil, false, warning, false)
		return err
	}
	return nil
}

// recordBlocked audits an outbound message the guard refused, so that
// supervisors can see the attempt; the message itself is not stored, and
// the audit keeps only a redacted excerpt of it. ticketID is 0 for the first
// message of a ticket that was therefore not opened.
func (s *Store) recordBlocked(ctx context.Context, tx *store.Tx, ticketID int64, in NewMessage, reason string) error {
	var tid *int64
	target := ""
	if ticketID != 0 {
		tid, target = &ticketID, fmt.Sprint(ticketID)
	}
	detail := map[string]any{"ticket_id": tid, "author_kind": in.Author, "author_id": in.AuthorID, "reason": reason, "text": s.blockedExcerpt(in.Body)}
	if err := s.audit.Record(ctx, "guard.outbound_blocked", "ticket", target, detail); err != nil {
		return err
	}
	return OutboundBlocked.Emit(ctx, tx, OutboundBlockedEvent{TicketID: tid, AuthorID: in.AuthorID})
}

// redact is text with the secrets the guard finds cut out, screened as a
// text of its own: for what an agent or supervisor types that is not a
// message (notes on decisions, reasons, summaries), where they may quote
// the customer.
func (s *Store) redact(text string) string {
	if text == "" {
		return text
	}
	return s.screen.Inbound(nil, 0, text).Text
}

// redactPlain is redact for a field typed as plain text (a customer's
// name): markup in it is text to keep, not HTML to reduce.
func (s *Store) redactPlain(text string) string {
	if text == "" {
		return text
	}
	return s.inboundPlain(nil, 0, text).Text
}

// maxBlockedExcerpt bounds the excerpt of a refused message in its audit record.
const maxBlockedExcerpt = 500

// blockedExcerpt is what the audit keeps of a refused message: the agent may
// have pasted a secret into it (a customer's seed phrase, to "check" it), so
// the whole text is redacted first, then cut on a character boundary.
func (s *Store) blockedExcerpt(body string) string {
	text := s.redact(body)
	if len(text) <= maxBlockedExcerpt {
		return text
	}
	cut := maxBlockedExcerpt
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + "…"
}

// touchSQL records activity on a ticket (ticket_id, at) for the inbox's
// activity order. It lives in ticket_activity rather than in an index on
// tickets.updated_at so that a message's UPDATE of its ticket changes no
// indexed column and is heap-only on PostgreSQL (migration 0050). An upsert:
// a ticket's first message creates its row.
const touchSQL = `INSERT INTO ticket_activity (ticket_id, at) VALUES (?, ?) ON CONFLICT (ticket_id) DO UPDATE SET at = excluded.at`

// touch moves ticket id to at in the activity order. Every write that sets
// a ticket's updated_at calls it with the same time.
func touch(ctx context.Context, tx *store.Tx, id, at int64) error {
	if _, err := tx.Exec(ctx, touchSQL, id, at); err != nil {
		return fmt.Errorf("ticket %d activity: %w", id, err)
	}
	return nil
}
