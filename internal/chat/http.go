package chat

import (
	"context"
	"net/http"
	"time"

	"github.com/coder/websocket"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Path is the widget socket's route.
const Path = "/chat/v1/socket"

// HandleSocket is GET /chat/v1/socket: it upgrades to a WebSocket (the
// Origin must be this server or one of the allowed widget origins) and
// serves the chat protocol on it until it closes. An address over its
// socket cap gets 429 before the upgrade.
func (s *Service) HandleSocket(w http.ResponseWriter, r *http.Request) {
	ip := r.RemoteAddr
	if s.cfg.ClientIP != nil {
		ip = s.cfg.ClientIP(r)
	}
	if !s.admit(ip) {
		web.WriteError(w, r, s.log, errs.Limited(10*time.Second, "too many chat sockets from your address; close some and try again"))
		return
	}
	defer s.release(ip)
	// http.Server's ReadTimeout and WriteTimeout do not cut the socket:
	// net/http clears the connection's deadlines when Accept hijacks it
	// (TestResumeReplaysMissedReplies holds a socket past them). Each frame
	// has a write deadline of its own instead, and pings find dead peers.
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
