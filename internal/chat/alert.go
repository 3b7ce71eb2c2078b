package chat

import (
	"context"
	"encoding/json"
	"sync"
)

// AlertFrame pushes a security alert to a widget that is already open;
// welcome carries the one open at connect.
type AlertFrame struct {
	Type  string `json:"type"` // "alert"
	Alert Alert  `json:"alert"`
}

// users is this node's signed-in sockets by exchange user id, with the
// language each speaks, so that an alert reaches the widgets open now.
type users struct {
	mu     sync.Mutex
	byUser map[string]map[*conn]string
	byConn map[*conn]string
}

func (u *users) add(userID string, c *conn, lang string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.byUser == nil {
		u.byUser, u.byConn = map[string]map[*conn]string{}, map[*conn]string{}
	}
	u.removeLocked(c) // a socket that signs in again may be someone else
	if u.byUser[userID] == nil {
		u.byUser[userID] = map[*conn]string{}
	}
	u.byUser[userID][c], u.byConn[c] = lang, userID
}

func (u *users) remove(c *conn) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.removeLocked(c)
}

func (u *users) removeLocked(c *conn) {
	id, ok := u.byConn[c]
	if !ok {
		return
	}
	delete(u.byConn, c)
	delete(u.byUser[id], c)
	if len(u.byUser[id]) == 0 {
		delete(u.byUser, id)
	}
}

// of returns userID's sockets and their languages.
func (u *users) of(userID string) map[*conn]string {
	u.mu.Lock()
	defer u.mu.Unlock()
	out := make(map[*conn]string, len(u.byUser[userID]))
	for c, lang := range u.byUser[userID] {
		out[c] = lang
	}
	return out
}

// PushAlert sends userID's open security alert (Config.Alert) to their
// widgets open on this node, each in its language, and says to how many.
// Every node calls it for the event (a per-node subscription); a node
// without the customer's sockets does nothing.
func (s *Service) PushAlert(ctx context.Context, userID string) int {
	if s.cfg.Alert == nil {
		return 0
	}
	n := 0
	for c, lang := range s.users.of(userID) {
		a, ok, err := s.cfg.Alert(ctx, userID, lang)
		if err != nil {
			s.log.Warn("chat: security alert look-up failed", "err", err)
			return n
		}
		if !ok {
			continue
		}
		data, err := json.Marshal(AlertFrame{Type: "alert", Alert: a})
		if err != nil {
			return n
		}
		c.offerAny(data)
		n++
	}
	return n
}

// offerAny queues a frame that belongs to no conversation (its socket shows
// whichever); as offer, a socket whose buffer is full is dropped.
func (c *conn) offerAny(data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dead {
		return
	}
	f := outFrame{data: data}
	if c.replaying {
		if len(c.held) >= c.s.cfg.SendBuffer {
			c.drop()
			return
		}
		c.held = append(c.held, f)
		return
	}
	c.offerLocked(f)
}
