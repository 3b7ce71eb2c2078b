package chat

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Self-service flows (docs/chat-protocol.md, "Flows"): the widget shows a
// toolbar of flows (check a deposit, freeze my account, ...) and, while one
// runs, the choices of its current step as buttons. A button press is a
// send frame whose text is the button's label and whose flow or choice
// field names it: the label is stored as the customer's message like any
// other, and the flow provider (the bot) is told, in the same transaction,
// what the message chose. The provider acts on it in message order, and
// signals FlowSubject when the flow moves, so every node's sockets of the
// conversation get its new state; a socket that (re)connects gets it after
// synced, which makes flows resumable.

// FlowChoice is one button: a toolbar flow or a choice of the current step.
type FlowChoice struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// FlowFrame is where the conversation's flow stands. Flow "" means none is
// running: the widget hides the choices.
type FlowFrame struct {
	Type         string       `json:"type"`
	Conversation int64        `json:"conversation"`
	Flow         string       `json:"flow,omitempty"`
	Step         string       `json:"step,omitempty"`
	Prompt       string       `json:"prompt,omitempty"`
	Choices      []FlowChoice `json:"choices"`
}

// ToolbarFrame lists the flows the widget offers, in the socket's language.
type ToolbarFrame struct {
	Type  string       `json:"type"`
	Flows []FlowChoice `json:"flows"`
}

// Flows is the flow provider (internal/bot implements it).
type Flows interface {
	// Mark records, in the transaction ctx carries, that the customer's
	// message messageID of ticketID starts flow, or answers the current
	// step with choice (one of them is set); lang is the widget's language,
	// the one the button was labelled in.
	Mark(ctx context.Context, ticketID, messageID int64, flow, choice, lang string) error
	// Toolbar lists the flows offered, labelled in lang.
	Toolbar(lang string) []FlowChoice
	// State is the conversation's flow now; ok false: the provider knows
	// nothing of it (no frame is sent).
	State(ctx context.Context, ticketID int64) (frame FlowFrame, ok bool, err error)
}

type flowsBox struct{ f Flows }

// WithFlows makes the widget offer f's flows.
func WithFlows(f Flows) Option {
	return func(s *Service) {
		if f != nil {
			s.flows.Store(&flowsBox{f})
		}
	}
}

const flowPrefix = "live.flow."

// FlowSubject is the signal that ticketID's flow moved.
func FlowSubject(ticketID int64) string { return flowPrefix + strconv.FormatInt(ticketID, 10) }

// flowName: empty, or 1 to 40 of a-z, 0-9 and _.
func flowName(s string) bool {
	if len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// markFlow tells the provider what a button's message chose, inside the
// message's transaction; a plain message (or no provider) marks nothing.
func (c *conn) markFlow(ctx context.Context, ticketID, messageID int64, in In) error {
	b := c.s.flows.Load()
	if b == nil || in.Flow == "" && in.Choice == "" {
		return nil
	}
	return b.f.Mark(ctx, ticketID, messageID, in.Flow, in.Choice, c.lang)
}

// sendToolbar queues the toolbar frame, when flows are offered.
func (c *conn) sendToolbar() error {
	b := c.s.flows.Load()
	if b == nil {
		return nil
	}
	return c.write(ToolbarFrame{Type: "toolbar", Flows: b.f.Toolbar(c.lang)})
}

// flowFrame asks the provider where ticketID's flow stands.
func (s *Service) flowFrame(ctx context.Context, ticketID int64) ([]byte, bool) {
	b := s.flows.Load()
	if b == nil {
		return nil, false
	}
	f, ok, err := b.f.State(ctx, ticketID)
	if err != nil {
		s.log.Warn("chat: flow state", "ticket", ticketID, "err", err)
		return nil, false
	}
	if !ok {
		return nil, false
	}
	f.Type, f.Conversation = "flow", ticketID
	if f.Choices == nil {
		f.Choices = []FlowChoice{}
	}
	data, _ := json.Marshal(f)
	return data, true
}

// sendFlow queues the conversation's flow frame (after synced).
func (c *conn) sendFlow(ctx context.Context, ticketID int64) error {
	data, ok := c.s.flowFrame(ctx, ticketID)
	if !ok {
		return nil
	}
	return c.push(outFrame{data: data})
}

// onFlow passes a flow's move to this node's sockets of the ticket.
func (s *Service) onFlow(subject string) {
	id, err := strconv.ParseInt(strings.TrimPrefix(subject, flowPrefix), 10, 64)
	if err != nil || id <= 0 || s.flows.Load() == nil || !s.hub.has(id) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if data, ok := s.flowFrame(ctx, id); ok {
		s.hub.deliver(id, 0, data)
	}
}
