package workspace

import (
	"context"
	"strconv"
	"sync"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// renderKeep is how many rendered messages a node keeps: enough for every
// page of a ticket to find a message there after the first page rendered
// it, even with a thousand others arriving meanwhile; a few MB at most.
const renderKeep = 1024

// renders holds the messages this node rendered from their events, so that
// the pages showing a ticket share one opening of the sealed body, one
// read of the ticket's files and one look-up of the author's name per
// message, however many pages are open. What an agent may see is decided
// per page (see ticketStream.fromEvent), never here.
type renders struct {
	mu    sync.Mutex
	byID  map[int64]*rendering
	order []int64 // oldest first, for eviction
}

// rendering is one message's render, done once; ready closes when it is.
type rendering struct {
	ready chan struct{}
	msg   LiveMessage
	err   error
}

// get returns message e rendered, rendering it on the first call for it;
// concurrent callers for the same message wait for that one render.
func (rs *renders) get(ctx context.Context, e ticket.MessageCreatedEvent, render func(context.Context, ticket.MessageCreatedEvent) (LiveMessage, error)) (LiveMessage, error) {
	rs.mu.Lock()
	if rs.byID == nil {
		rs.byID = map[int64]*rendering{}
	}
	r, ok := rs.byID[e.MessageID]
	if !ok {
		r = &rendering{ready: make(chan struct{})}
		rs.byID[e.MessageID] = r
		rs.order = append(rs.order, e.MessageID)
		if len(rs.order) > renderKeep {
			delete(rs.byID, rs.order[0])
			rs.order = rs.order[1:]
		}
	}
	rs.mu.Unlock()
	if !ok {
		r.msg, r.err = render(ctx, e)
		if r.err != nil {
			rs.forget(e.MessageID, r) // the next page tries again
		}
		close(r.ready)
	}
	select {
	case <-r.ready:
		return r.msg, r.err
	case <-ctx.Done():
		return LiveMessage{}, ctx.Err()
	}
}

func (rs *renders) forget(id int64, r *rendering) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.byID[id] == r {
		delete(rs.byID, id)
	}
}

// render builds the live page's message from its event: the body opened
// from the event (or, for one the guard may still cut, read as stored),
// the author's name and the file a customer's message announces.
func (h *LiveHTTP) render(ctx context.Context, e ticket.MessageCreatedEvent) (LiveMessage, error) {
	body, err := h.Tickets.OpenEventBody(ctx, e)
	if err != nil {
		return LiveMessage{}, err
	}
	m := ticket.Message{ID: e.MessageID, TicketID: e.TicketID, AuthorKind: e.AuthorKind, AuthorID: e.AuthorID,
		Internal: e.Internal, Body: body, CreatedAt: e.At}
	out := LiveMessage{Message: m, Author: authorLabel(m, nil)}
	if m.AuthorKind == "agent" && m.AuthorID != nil && h.AgentName != nil {
		if name, err := h.AgentName(ctx, *m.AuthorID); err == nil && name != "" {
			out.Author = name
		}
	}
	if m.AuthorKind == "customer" && h.Files != nil {
		as, err := h.Files.List(ctx, e.TicketID)
		if err != nil {
			return LiveMessage{}, err
		}
		for _, a := range as {
			if a.MessageID != nil && *a.MessageID == m.ID {
				out.File = liveFile(a)
			}
		}
	}
	return out, nil
}

// fromEvent shows a message or note event on the page from the node's
// shared render. The page's own rules decide: a note only for an agent
// who may read notes, and only while the ticket, as the event saw it, is
// one the agent may see; otherwise (and when the render fails, or the
// event's count shows a message the page never got) the page reads from
// the database as before, which also ends it if the ticket is no longer
// visible.
func (st *ticketStream) fromEvent(ctx context.Context, ev store.Event) error {
	topic := ticket.MessageCreated
	if ev.Type == ticket.NoteCreated.Type() {
		topic = ticket.NoteCreated
	}
	e, _, err := topic.Decode(ev)
	if err != nil || e.MessageID == 0 || e.Count == 0 {
		return st.newMessages(ctx) // not an event this page can place
	}
	switch {
	case e.Count <= st.count:
		return nil // counted when the page last read the ticket: sent then
	case e.Count > st.count+1:
		st.count = e.Count
		return st.newMessages(ctx) // a message in between never came
	}
	st.count = e.Count
	if e.MessageID <= st.after {
		return nil // the catch-up read sent it
	}
	if e.Internal && !st.a.Viewer.Notes {
		return nil
	}
	if !st.a.Viewer.CanSee(ticket.Ticket{TeamID: e.TeamID, AssigneeID: e.AssigneeID}) {
		return st.newMessages(ctx)
	}
	m, err := st.h.renders.get(ctx, e, st.h.render)
	if err != nil {
		st.h.Log.Warn("live: render a message from its event", "ticket", e.TicketID, "message", e.MessageID, "err", err)
		return st.newMessages(ctx)
	}
	if err := st.s.send("message", strconv.FormatInt(m.ID, 10), m); err != nil {
		return err
	}
	st.after = m.ID
	return nil
}
