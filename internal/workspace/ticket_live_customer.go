package workspace

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// The chat channel signals "live.typing.<ticket>" while a customer types
// in the widget (see chat.LiveSignal). Pages of the ticket show it among
// the viewers, as the customer, for typingTTL after the last signal.
const customerTypingSubject = "live.typing"

// customerTypingSignal is the part of chat's signal the workspace reads.
type customerTypingSignal struct {
	TicketID int64  `json:"ticket_id"`
	Author   string `json:"author"`
	On       bool   `json:"on"`
}

func (l *Live) onCustomerTyping(subject string, data []byte) {
	id, err := strconv.ParseInt(strings.TrimPrefix(subject, customerTypingSubject+"."), 10, 64)
	var sig customerTypingSignal
	if err != nil || json.Unmarshal(data, &sig) != nil || sig.Author != "customer" || sig.TicketID != id {
		return
	}
	if !l.board.customerTyping(id, sig.On, l.clock()) {
		return
	}
	l.pokePresence(id)
}

// customerTyping records that the customer of ticketID types (or stopped)
// and reports whether that changes what pages show.
func (b *presenceBoard) customerTyping(ticketID int64, on bool, now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	was := b.customer[ticketID].After(now)
	if on {
		b.customer[ticketID] = now.Add(typingTTL)
	} else {
		delete(b.customer, ticketID)
	}
	return was != on
}

// customerViewer is the customer in a presence list, while they type.
func (b *presenceBoard) customerViewer(ticketID int64, now time.Time) (Viewer, bool) {
	until, ok := b.customer[ticketID]
	if !ok {
		return Viewer{}, false
	}
	if !until.After(now) {
		delete(b.customer, ticketID)
		return Viewer{}, false
	}
	return Viewer{Name: "The customer", Typing: true, Customer: true}, true
}
