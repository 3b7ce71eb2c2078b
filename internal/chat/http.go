package chat

import (
	"context"
	"net/http"
	"time"

	"github.com/coder/websocket"
)

// Path is the widget socket's route.
const Path = "/chat/v1/socket"

// HandleSocket is GET /chat/v1/socket: it upgrades to a WebSocket (the
// Origin must be this server or one of the allowed widget origins) and
// serves the chat protocol on it until it closes.
func (s *Service) HandleSocket(w http.ResponseWriter, r *http.Request) {
	// http.Server's read and write timeouts are deadlines on the
	// connection that outlive the upgrade: cleared, the socket lives on,
	// with a deadline per frame (WriteTimeout) and pings instead.
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{})
	_ = rc.SetWriteDeadline(time.Time{})
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{
		Subprotocols:   []string{Subprotocol},
		OriginPatterns: s.cfg.Origins,
	})
	if err != nil {
		return // Accept has answered (403 for a foreign origin, 426, ...)
	}
	// The socket outlives the request's context only as long as the
	// server runs: Shutdown does not wait for hijacked connections.
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(s.stopped(), cancel)
	defer stop()
	s.newConn(ctx, ws).run()
}
