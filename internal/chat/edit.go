package chat

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// EditFrame tells the widget that an earlier message's text changed: the
// guard cut a secret out of it when a later message completed it.
type EditFrame struct {
	Type         string `json:"type"`
	Conversation int64  `json:"conversation"`
	Seq          int64  `json:"seq"`
	Text         string `json:"text"`
	Redacted     bool   `json:"redacted"`
}

// onRedacted sends the new text of an earlier message the guard rewrote
// to this node's sockets of its ticket. Internal notes are never sent.
func (s *Service) onRedacted(ev store.Event) {
	e, ok, err := ticket.SecretRedacted.Decode(ev)
	if err != nil || !ok || !e.Earlier || e.MessageID == 0 || !s.hub.has(e.TicketID) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	text, err := s.publicBody(ctx, e.TicketID, e.MessageID)
	if errors.Is(err, errNotPublic) {
		return
	}
	if err != nil {
		s.log.Error("chat: cannot read a redacted message", "ticket", e.TicketID, "message", e.MessageID, "err", err)
		return
	}
	data, _ := json.Marshal(EditFrame{Type: "edit", Conversation: e.TicketID, Seq: e.MessageID, Text: text, Redacted: true})
	s.hub.deliver(e.TicketID, 0, data)
}

var errNotPublic = errors.New("chat: not a message the customer sees")

// publicBody is the stored text of a message the customer sees.
func (s *Service) publicBody(ctx context.Context, ticketID, messageID int64) (string, error) {
	var internal bool
	err := s.cfg.DB.QueryRow(ctx, `SELECT internal FROM messages WHERE id = ? AND ticket_id = ?`, messageID, ticketID).Scan(&internal)
	if errors.Is(err, sql.ErrNoRows) || err == nil && internal {
		return "", errNotPublic
	}
	if err != nil {
		return "", err
	}
	return s.cfg.Conversations.OpenEventBody(ctx, ticket.MessageCreatedEvent{TicketID: ticketID, MessageID: messageID, Withheld: true})
}
