package chat_test

import (
	"context"
	"encoding/json"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/groundcrew/groundcrew/internal/chat"
)

// TestIdleSocketsHoldOneGoroutine: an open socket with nothing to write
// costs the server one goroutine (its reader): no idle writer, and not
// net/http's connection goroutine, which would keep the connection's
// buffers and the request. Each client here holds one goroutine too.
func TestIdleSocketsHoldOneGoroutine(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		const sockets = 40
		// The first socket starts what every socket shares.
		n.send(n.dial(chat.In{}), "warm up")
		before := settledGoroutines()
		for range sockets {
			n.dial(chat.In{})
		}
		after := settledGoroutines()
		if per := float64(after-before) / sockets; per > 2.25 {
			t.Fatalf("%d sockets added %d goroutines (%.2f each, client's included): want 2 each", sockets, after-before, per)
		}
	})
}

// settledGoroutines counts goroutines once short-lived ones have ended.
func settledGoroutines() int {
	n := runtime.NumGoroutine()
	for range 20 {
		time.Sleep(50 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m == n {
			break
		}
		n = m
	}
	return n
}

// TestHeartbeatFindsAClientThatStopsReading: the server pings on every
// heartbeat, not once; a client that answers keeps its socket, and one
// that stops reading later is dropped within a write timeout.
func TestHeartbeatFindsAClientThatStopsReading(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		n.Chat().TimersForTest(30*time.Millisecond, 300*time.Millisecond)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(n.socketURL(), "http"), &websocket.DialOptions{Subprotocols: []string{chat.Subprotocol}})
		if err != nil {
			t.Fatalf("dial: %v", err)
		}
		defer ws.CloseNow()
		write := func(in chat.In) {
			t.Helper()
			data, err := json.Marshal(in)
			if err != nil {
				t.Fatal(err)
			}
			if err := ws.Write(ctx, websocket.MessageText, data); err != nil {
				t.Fatalf("write %s: %v", in.Type, err)
			}
		}
		write(chat.In{Type: "hello", V: chat.Version})
		// Reading answers the server's pings (the library does, inside
		// Read); the client stops reading after the protocol's pong.
		gone := make(chan error, 1)
		go func() {
			for {
				_, data, err := ws.Read(ctx)
				if err != nil {
					gone <- err
					return
				}
				if strings.Contains(string(data), `"pong"`) {
					return
				}
			}
		}()
		time.Sleep(600 * time.Millisecond) // about 20 heartbeats
		select {
		case err := <-gone:
			t.Fatalf("the socket ended while its client answered pings: %v", err)
		default:
		}
		if got := n.Chat().Sockets(); got != 1 {
			t.Fatalf("%d sockets open while the client reads, want 1", got)
		}
		write(chat.In{Type: "ping", ID: "stop-reading"})
		deadline := time.Now().Add(10 * time.Second)
		for n.Chat().Sockets() != 0 {
			if time.Now().After(deadline) {
				t.Fatalf("a client that stopped reading still has its socket after 10 s")
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}
