package ticket

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// An agent's reply that the outbound guard holds for review (it names a
// customer's secret beside an act of handing it over, with no warning, or
// its rules and its learned reader disagree) is neither sent nor refused
// outright: it is kept, the agent is told why and rephrases, or asks a
// supervisor, who releases it (it is sent as the agent's message) or
// rejects it. Every step is audited. A supervisor never releases their
// own reply.

// Reviewer is what a Screen may also offer: a reason to refuse text and,
// apart from it, a reason to hold it for review ("" for none). A Screen
// without it never holds.
type Reviewer interface {
	Review(previous []string, text string) (refuse, hold string)
}

// HeldStatus is where a held reply stands.
type HeldStatus string

const (
	HeldWaiting  HeldStatus = "held"     // the agent may rephrase or ask a supervisor
	HeldReview   HeldStatus = "review"   // a supervisor was asked
	HeldReleased HeldStatus = "released" // sent as the agent's message
	HeldRejected HeldStatus = "rejected" // never sent
	// HeldWithdrawn: its author sent another reply on the ticket since
	// (the rephrasing), so it no longer waits; never sent.
	HeldWithdrawn HeldStatus = "withdrawn"
)

// HeldReply is one held reply. Body is what would be sent (secrets the
// agent pasted are already cut out).
type HeldReply struct {
	ID        int64      `json:"id"`
	TicketID  int64      `json:"ticket_id"`
	AuthorID  int64      `json:"author_id"`
	Body      string     `json:"body"`
	Reason    string     `json:"reason"`
	Status    HeldStatus `json:"status"`
	Note      string     `json:"note,omitempty"`
	DecidedBy *int64     `json:"decided_by,omitempty"`
	MessageID *int64     `json:"message_id,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// HeldError is the error of a reply that was held: Reply says which and why.
type HeldError struct{ Reply HeldReply }

func (e *HeldError) Error() string { return "held for review: " + e.Reply.Reason }

// holdMode says what a hold does to a message being added.
type holdMode int

const (
	holdKeep    holdMode = iota // keep it as a held reply (an agent's reply)
	holdRefuse                  // refuse it like a refusal (a new ticket's first message: rephrase it)
	holdRelease                 // a supervisor released it: send it
)

// outboundVerdict asks the guard about a message an agent or the bot is
// about to send, with the ticket's earlier agent and bot messages: why it
// must not be sent, and why it should wait for review.
func (s *Store) outboundVerdict(ctx context.Context, tx *store.Tx, ticketID int64, body string) (refuse, hold string, err error) {
	previous, err := s.earlierOutbound(ctx, tx, ticketID)
	if err != nil {
		return "", "", err
	}
	if r, ok := s.screen.(Reviewer); ok {
		refuse, hold = r.Review(previous, body)
		return refuse, hold, nil
	}
	return s.screen.Outbound(previous, body), "", nil
}

// holdReply keeps in as a held reply on the ticket h heads, audited.
func (s *Store) holdReply(ctx context.Context, tx *store.Tx, h ticketHead, in NewMessage, reason string) (HeldReply, error) {
	if in.AuthorID == nil {
		return HeldReply{}, errors.New("hold reply: no author")
	}
	now := tx.Now()
	body := s.redact(in.Body)
	sealed, err := s.sealBody(h.probe.ID, body)
	if err != nil {
		return HeldReply{}, err
	}
	hr := HeldReply{TicketID: h.probe.ID, AuthorID: *in.AuthorID, Body: body, Reason: reason, Status: HeldWaiting,
		CreatedAt: store.Time(now), UpdatedAt: store.Time(now)}
	if err := tx.QueryRow(ctx, `INSERT INTO held_replies (ticket_id, author_id, body, reason, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, hr.TicketID, hr.AuthorID, sealed, reason, string(HeldWaiting), now, now).Scan(&hr.ID); err != nil {
		return HeldReply{}, fmt.Errorf("hold reply: %w", err)
	}
	return hr, s.auditHeld(ctx, "guard.outbound_held", hr, map[string]any{"text": s.blockedExcerpt(body)})
}

// withdrawHeld marks the author's replies that wait on the ticket as
// withdrawn once they sent a reply there: it was the rephrasing. Those
// already with a supervisor stay.
func (s *Store) withdrawHeld(ctx context.Context, tx *store.Tx, ticketID int64, authorID *int64) error {
	if authorID == nil {
		return nil
	}
	res, err := tx.Exec(ctx, `UPDATE held_replies SET status = ?, updated_at = ? WHERE ticket_id = ? AND author_id = ? AND status = ?`,
		string(HeldWithdrawn), tx.Now(), ticketID, *authorID, string(HeldWaiting))
	if err != nil {
		return fmt.Errorf("withdraw held replies: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	return s.audit.Record(ctx, "guard.held_withdrawn", "ticket", fmt.Sprint(ticketID), map[string]any{"ticket_id": ticketID, "author_id": *authorID})
}

func (s *Store) auditHeld(ctx context.Context, action string, hr HeldReply, extra map[string]any) error {
	detail := map[string]any{"ticket_id": hr.TicketID, "held_id": hr.ID, "author_id": hr.AuthorID, "reason": hr.Reason, "status": hr.Status}
	for k, v := range extra {
		detail[k] = v
	}
	return s.audit.Record(ctx, action, "ticket", fmt.Sprint(hr.TicketID), detail)
}

const heldColumns = `id, ticket_id, author_id, body, reason, status, note, decided_by, message_id, created_at, updated_at`

type rowScanner interface{ Scan(dest ...any) error }

func (s *Store) scanHeld(r rowScanner) (HeldReply, error) {
	var hr HeldReply
	var sealed, status string
	var decided, msg sql.NullInt64
	var created, updated int64
	if err := r.Scan(&hr.ID, &hr.TicketID, &hr.AuthorID, &sealed, &hr.Reason, &status, &hr.Note, &decided, &msg, &created, &updated); err != nil {
		return HeldReply{}, err
	}
	body, err := s.sealer.Open(sealed, bodyAAD(hr.TicketID))
	if err != nil {
		return HeldReply{}, fmt.Errorf("open held reply %d: %w", hr.ID, err)
	}
	hr.Body, hr.Status = body, HeldStatus(status)
	if decided.Valid {
		hr.DecidedBy = &decided.Int64
	}
	if msg.Valid {
		hr.MessageID = &msg.Int64
	}
	hr.CreatedAt, hr.UpdatedAt = store.Time(created), store.Time(updated)
	return hr, nil
}

// queryHeld reads the held replies a query selects.
func (s *Store) queryHeld(ctx context.Context, where string, args ...any) ([]HeldReply, error) {
	rows, err := s.db.Query(ctx, `SELECT `+heldColumns+` FROM held_replies WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []HeldReply{}
	for rows.Next() {
		hr, err := s.scanHeld(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, hr)
	}
	return out, rows.Err()
}

// HeldReplies lists the ticket's replies that wait (held or in review)
// and those a supervisor rejected (so that their author reads why),
// oldest first, for an agent who may see the ticket.
func (s *Store) HeldReplies(ctx context.Context, v Viewer, ticketID int64) ([]HeldReply, error) {
	if _, err := s.Visible(ctx, v, ticketID); err != nil {
		return nil, err
	}
	out, err := s.queryHeld(ctx, `ticket_id = ? AND status IN ('held', 'review', 'rejected') ORDER BY id`, ticketID)
	if err != nil {
		return nil, fmt.Errorf("held replies of ticket %d: %w", ticketID, err)
	}
	return out, nil
}

// ReviewQueue lists the replies agents asked a supervisor about, oldest
// first, on the tickets v may see.
func (s *Store) ReviewQueue(ctx context.Context, v Viewer) ([]HeldReply, error) {
	all, err := s.queryHeld(ctx, `status = 'review' ORDER BY id LIMIT 200`)
	if err != nil {
		return nil, fmt.Errorf("review queue: %w", err)
	}
	out := all[:0]
	for _, hr := range all {
		if _, err := s.Visible(ctx, v, hr.TicketID); err == nil {
			out = append(out, hr)
		}
	}
	return out, nil
}

// decideHeld moves held reply id from one of from to status to in tx,
// checking that v may see its ticket and that check allows it.
func (s *Store) decideHeld(ctx context.Context, tx *store.Tx, v Viewer, id int64, to HeldStatus, note string, check func(HeldReply) error, from ...HeldStatus) (HeldReply, ticketHead, error) {
	// The ticket's row is locked before the reply's, as every writer of
	// a ticket's held replies does (a reply sent withdraws them).
	var ticketID int64
	err := tx.QueryRow(ctx, `SELECT ticket_id FROM held_replies WHERE id = ?`, id).Scan(&ticketID)
	if errors.Is(err, sql.ErrNoRows) {
		return HeldReply{}, ticketHead{}, errs.E(errs.NotFound, "no held reply %d", id)
	}
	if err != nil {
		return HeldReply{}, ticketHead{}, err
	}
	h, err := loadHead(ctx, tx, v.gate(), ticketID)
	if err != nil {
		return HeldReply{}, ticketHead{}, err
	}
	lock := ""
	if tx.Dialect() == store.Postgres {
		lock = " FOR UPDATE"
	}
	hr, err := s.scanHeld(tx.QueryRow(ctx, `SELECT `+heldColumns+` FROM held_replies WHERE id = ?`+lock, id))
	if err != nil {
		return HeldReply{}, ticketHead{}, err
	}
	if !slices.Contains(from, hr.Status) {
		return HeldReply{}, ticketHead{}, errs.E(errs.Conflict, "held reply %d is %s", id, hr.Status)
	}
	if err := check(hr); err != nil {
		return HeldReply{}, ticketHead{}, err
	}
	hr.Status, hr.Note, hr.UpdatedAt = to, note, store.Time(tx.Now())
	var decided *int64
	if to == HeldReleased || to == HeldRejected {
		agent := v.AgentID
		decided, hr.DecidedBy = &agent, &agent
	}
	if _, err := tx.Exec(ctx, `UPDATE held_replies SET status = ?, note = ?, decided_by = ?, updated_at = ? WHERE id = ?`,
		string(to), note, decided, tx.Now(), id); err != nil {
		return HeldReply{}, ticketHead{}, err
	}
	return hr, h, nil
}

// RequestReview: the agent who wrote held reply id asks a supervisor.
func (s *Store) RequestReview(ctx context.Context, v Viewer, id int64) (HeldReply, error) {
	var hr HeldReply
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		own := func(hr HeldReply) error {
			if hr.AuthorID != v.AgentID {
				return errs.E(errs.Forbidden, "only the reply's author asks for its review")
			}
			return nil
		}
		if hr, _, err = s.decideHeld(ctx, tx, v, id, HeldReview, "", own, HeldWaiting); err != nil {
			return err
		}
		return s.auditHeld(ctx, "guard.held_review_requested", hr, nil)
	})
	if err != nil {
		return HeldReply{}, fmt.Errorf("ask review of held reply %d: %w", id, err)
	}
	return hr, nil
}

// notOwn refuses a supervisor's decision on their own reply.
func notOwn(v Viewer) func(HeldReply) error {
	return func(hr HeldReply) error {
		if hr.AuthorID == v.AgentID {
			return errs.E(errs.Forbidden, "another supervisor decides on your own held reply")
		}
		return nil
	}
}

// RejectHeld: a supervisor rejects held reply id, with a reason the
// agent sees.
func (s *Store) RejectHeld(ctx context.Context, v Viewer, id int64, note string) (HeldReply, error) {
	if err := checkText("note", note, 2000, true); err != nil {
		return HeldReply{}, err
	}
	note = s.redact(note) // the supervisor may quote the customer
	var hr HeldReply
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		if hr, _, err = s.decideHeld(ctx, tx, v, id, HeldRejected, note, notOwn(v), HeldWaiting, HeldReview); err != nil {
			return err
		}
		if err := s.auditHeld(ctx, "guard.held_rejected", hr, map[string]any{"supervisor_id": v.AgentID, "note": note}); err != nil {
			return err
		}
		return emitDecided(ctx, tx, hr, v.AgentID)
	})
	if err != nil {
		return HeldReply{}, fmt.Errorf("reject held reply %d: %w", id, err)
	}
	return hr, nil
}

// ReleaseHeld: a supervisor releases held reply id, which is sent as its
// author's message. The guard still refuses it if it now reads as a
// request (the conversation may have moved on): the reply is then
// rejected with the guard's reason, and the error wraps ErrBlocked.
func (s *Store) ReleaseHeld(ctx context.Context, v Viewer, id int64, note string) (HeldReply, error) {
	if err := checkText("note", note, 2000, false); err != nil {
		return HeldReply{}, err
	}
	note = s.redact(note) // the supervisor may quote the customer
	var hr HeldReply
	var blocked string
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		hr2, h, err := s.decideHeld(ctx, tx, v, id, HeldReleased, note, notOwn(v), HeldReview)
		if err != nil {
			return err
		}
		hr = hr2
		author := hr.AuthorID
		in := NewMessage{Body: hr.Body, Author: "agent", AuthorID: &author, hold: holdRelease}
		m, stop, _, err := s.addMessageTo(ctx, tx, h, nil, in, false)
		if err != nil {
			return err
		}
		if stop.reason != "" {
			blocked = stop.reason
			hr.Status, hr.Note = HeldRejected, "refused by the outbound guard: "+stop.reason
			if _, err := tx.Exec(ctx, `UPDATE held_replies SET status = ?, note = ? WHERE id = ?`, string(hr.Status), hr.Note, id); err != nil {
				return err
			}
			return emitDecided(ctx, tx, hr, v.AgentID)
		}
		hr.MessageID = &m.ID
		if _, err := tx.Exec(ctx, `UPDATE held_replies SET message_id = ? WHERE id = ?`, m.ID, id); err != nil {
			return err
		}
		if err := s.auditHeld(ctx, "guard.held_released", hr, map[string]any{"supervisor_id": v.AgentID, "note": note, "message_id": m.ID}); err != nil {
			return err
		}
		return emitDecided(ctx, tx, hr, v.AgentID)
	})
	if err != nil {
		return HeldReply{}, fmt.Errorf("release held reply %d: %w", id, err)
	}
	if blocked != "" {
		return hr, &errs.Error{Kind: errs.Forbidden, Msg: "This reply was not sent: " + blocked, Err: ErrBlocked}
	}
	return hr, nil
}

// emitDecided tells the reply's author (through the live views'
// notifications) what became of it, and why.
func emitDecided(ctx context.Context, tx *store.Tx, hr HeldReply, supervisor int64) error {
	return HeldDecided.Emit(ctx, tx, HeldDecidedEvent{TicketID: hr.TicketID, HeldID: hr.ID, AuthorID: hr.AuthorID,
		DecidedBy: supervisor, Status: string(hr.Status), Note: hr.Note, MessageID: hr.MessageID})
}
