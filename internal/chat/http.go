package chat

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/coder/websocket"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Path is the widget socket's route.
const Path = "/chat/v1/socket"

// HandleSocket is GET /chat/v1/socket: it upgrades to a WebSocket (the
// Origin must be this server or one of the allowed widget origins) and
// serves the chat protocol on it, on a goroutine of its own, until it
// closes. An address over its
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
	// http.Server's ReadTimeout and WriteTimeout do not cut the socket:
	// net/http clears the connection's deadlines when Accept hijacks it
	// (TestResumeReplaysMissedReplies holds a socket past them). Each frame
	// has a write deadline of its own instead, and pings find dead peers.
	ws, err := websocket.Accept(smallBuffers{w}, r, &websocket.AcceptOptions{
		Subprotocols:   []string{Subprotocol},
		OriginPatterns: s.cfg.Origins,
	})
	if err != nil {
		s.release(ip)
		return // Accept has answered (403 for a foreign origin, 426, ...)
	}
	// The socket is served on a goroutine of its own and the handler
	// returns, so net/http's connection goroutine lets go of its buffers,
	// the request and its stack (about 20 KB a socket). The socket keeps
	// the request's values, not its end (which comes now), and outlives it
	// only as long as the server runs: Shutdown does not wait for hijacked
	// connections.
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	stop := context.AfterFunc(s.stopped(), cancel)
	go func() {
		defer s.release(ip)
		defer stop()
		defer cancel()
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("chat: panic in a socket", "panic", p, "stack", string(debug.Stack()))
				_ = ws.CloseNow()
			}
		}()
		s.newConn(ctx, ws).run()
	}()
}

// socketBuffer is the size of a socket's read and write buffers. Frames
// are small (a message is a few hundred bytes) and a larger one is read
// or written past the buffer, so 1 KiB each is enough; net/http's 4 KiB
// each cost 80 MB with 10,000 sockets open.
const socketBuffer = 1 << 10

// smallBuffers hands the WebSocket library a hijacked connection with
// socketBuffer-sized buffers instead of net/http's.
type smallBuffers struct{ http.ResponseWriter }

func (w smallBuffers) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w smallBuffers) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, brw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	// Bytes the client sent past the upgrade request wait in net/http's
	// reader: keep that one then (clients wait for the 101, so it is rare).
	if brw.Reader.Buffered() == 0 {
		brw.Reader = bufio.NewReaderSize(conn, socketBuffer)
	}
	if brw.Writer.Buffered() == 0 {
		brw.Writer = bufio.NewWriterSize(conn, socketBuffer)
	}
	return conn, brw, nil
}
