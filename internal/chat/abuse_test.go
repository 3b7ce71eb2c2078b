package chat_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/server"
)

// TestFlood: a socket that sends far more than its limits is throttled:
// what is over the limit is refused with rate_limited errors (not one per
// frame), nothing over it is stored, and the socket stays open.
func TestFlood(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		c := n.dial(chat.In{})
		conv := n.send(c, "first").Conv()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		const flood = 20
		start := time.Now()
		go func() {
			for i := range flood {
				if c.Send(ctx, fmt.Sprintf("f-%d", i), "spam") != nil {
					return
				}
			}
		}()
		acks, limited := map[string]bool{}, 0
		for done := false; !done; {
			fctx, fcancel := context.WithTimeout(ctx, 2500*time.Millisecond)
			f, err := c.Next(fctx)
			fcancel()
			switch {
			case err != nil:
				done = true // quiet for a while: the flood is handled
			case f.Type == "ack":
				acks[f.ID] = true
			case f.Type == "error" && f.Code == chat.CodeRateLimited:
				limited++
				if f.Fatal || f.RetryAfterMS <= 0 {
					t.Fatalf("rate limit error %s", f.Raw)
				}
			case f.Type == "error":
				t.Fatalf("unexpected error %s", f.Raw)
			}
		}
		elapsed := time.Since(start) - 2500*time.Millisecond
		// Burst of 10 (one used by "first") and one a second after it.
		most := 10 + int(elapsed/time.Second) + 1
		if len(acks) == 0 || len(acks) > most || limited == 0 || limited > int(elapsed/time.Second)+2 {
			t.Fatalf("in %v: %d acks (at most %d), %d rate-limit errors", elapsed, len(acks), most, limited)
		}
		stored := 0
		for _, m := range n.ticket(conv).Messages {
			if m.Body == "spam" {
				stored++
			}
		}
		if stored != len(acks) {
			t.Fatalf("%d flood messages stored, %d acknowledged", stored, len(acks))
		}
		if err := c.Write(ctx, chat.In{Type: "ping", ID: "alive"}); err != nil {
			t.Fatal(err)
		}
		if f, err := c.Await(ctx, "pong"); err != nil || f.ID != "alive" {
			t.Fatalf("after the flood: %v %s", err, f.Raw)
		}
	})
}

// TestSocketThatNeverReads: a socket whose client never reads is dropped
// once its send buffer fills; another socket of the same conversation gets
// every frame meanwhile, and the node keeps serving.
func TestSocketThatNeverReads(t *testing.T) {
	n := newNode(t, "sqlite")
	reader, err := n.tryDial(chat.In{}, &chat.DialOptions{Buffer: 8192})
	if err != nil {
		t.Fatal(err)
	}
	conv := n.send(reader, "hello").Conv()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	// The deaf client: hello, then never a read.
	deaf, _, err := websocket.Dial(ctx, n.socketURL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer deaf.CloseNow()
	hello, _ := json.Marshal(chat.In{Type: "hello", V: 1, Resume: reader.Welcome.Resume, Conversation: conv, LastSeq: 1 << 40})
	if err := deaf.Write(ctx, websocket.MessageText, hello); err != nil {
		t.Fatal(err)
	}
	for n.Chat().ShowingForTest(conv) != 2 {
		if ctx.Err() != nil {
			t.Fatal("the deaf socket never joined its conversation")
		}
		time.Sleep(10 * time.Millisecond)
	}
	frame, _ := json.Marshal(chat.Out{Type: "typing", Name: strings.Repeat("x", 16<<10)})
	const batch = 50
	sent := 0
	for round := 0; n.Chat().Sockets() == 2; round++ {
		if round == 400 {
			t.Fatalf("the deaf socket was not dropped after %d frames", sent)
		}
		for range batch {
			n.Chat().DeliverForTest(conv, frame)
		}
		sent += batch
		for range batch {
			if _, err := reader.Await(ctx, "typing"); err != nil {
				t.Fatalf("the reading socket after %d frames: %v", sent, err)
			}
		}
	}
	// The reading socket is still served.
	if ack := n.send(reader, "still here"); ack.Conv() != conv {
		t.Fatalf("ack %s", ack.Raw)
	}
}

// TestTypingAcrossNodes: the customer's typing and read receipts reach
// another connection to the bus (an agent's node), and an agent's typing
// and read receipt sent from there reach the customer's socket.
func TestTypingAcrossNodes(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		c := n.dial(chat.In{})
		ack := n.send(c, "anyone there?")
		conv := ack.Conv()
		got := make(chan string, 16)
		ctx, cancel := timeout()
		defer cancel()
		if err := n.bus.OnSignal(ctx, "live.>", func(subject string, data []byte) {
			if !strings.HasPrefix(subject, "live.queue.") { // routing and the SLA announce queue changes meanwhile
				got <- subject + " " + string(data)
			}
		}); err != nil {
			t.Fatal(err)
		}
		if err := n.bus.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := c.Typing(ctx, true); err != nil {
			t.Fatal(err)
		}
		if err := c.Read(ctx, ack.Seq); err != nil {
			t.Fatal(err)
		}
		want := []string{
			fmt.Sprintf(`live.typing.%d {"ticket_id":%d,"author":"customer","on":true}`, conv, conv),
			fmt.Sprintf(`live.read.%d {"ticket_id":%d,"author":"customer","on":false,"seq":%d}`, conv, conv, ack.Seq),
		}
		for _, w := range want {
			select {
			case s := <-got:
				if s != w {
					t.Fatalf("signal %s, want %s", s, w)
				}
			case <-ctx.Done():
				t.Fatalf("no signal %s", w)
			}
		}
		// The agent, on the other connection, types and reads.
		if err := n.bus.Signal(fmt.Sprintf("live.typing.%d", conv), map[string]any{"ticket_id": conv, "author": "agent", "agent_id": 1, "name": "Marta K.", "on": true}); err != nil {
			t.Fatal(err)
		}
		f := expect(t, c, "typing")
		if !f.On || f.Author != "agent" || f.Name != "Marta K." {
			t.Fatalf("typing %s", f.Raw)
		}
		if err := n.Chat().AgentRead(ctx, conv, 1, ack.Seq); err != nil {
			t.Fatal(err)
		}
		if f := expect(t, c, "read"); f.Seq != ack.Seq || f.By != "agent" {
			t.Fatalf("read %s", f.Raw)
		}
		// A signal for another ticket does not reach this socket.
		if err := n.bus.Signal(fmt.Sprintf("live.typing.%d", conv+1), map[string]any{"ticket_id": conv + 1, "author": "agent", "on": true}); err != nil {
			t.Fatal(err)
		}
		if err := c.Ping(ctx, "x"); err != nil {
			t.Fatal(err)
		}
		if f := next(t, c); f.Type != "pong" {
			t.Fatalf("got %s, want only the pong", f.Raw)
		}
		// A new socket learns how far the agent has read.
		if again := n.dial(chat.In{Resume: c.Welcome.Resume}); again.Welcome.AgentReadSeq != ack.Seq {
			t.Fatalf("welcome %s", again.Welcome.Raw)
		}
	})
}

// TestSocketsPerIP: one address holds at most its cap of sockets; the next
// gets 429 before the upgrade, and a closed socket makes room.
func TestSocketsPerIP(t *testing.T) {
	n := newNode(t, "sqlite", func(c *server.Config) { c.WidgetSocketsPerIP = 2 })
	a := n.dial(chat.In{})
	n.dial(chat.In{})
	_, err := n.tryDial(chat.In{}, nil)
	if err == nil || !strings.Contains(err.Error(), "429") {
		t.Fatalf("third socket: %v, want HTTP 429", err)
	}
	a.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := n.tryDial(chat.In{}, nil)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no room after a close: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRateLimitedSendNamesItsMessage: a send dropped by the limits is
// answered with an error whose ref is its id, every time, because the
// widget resends a pending message only on such an error (or a
// reconnect): a message dropped without one stayed "sending" for good.
func TestRateLimitedSendNamesItsMessage(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		c := n.dial(chat.In{})
		n.send(c, "first")
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		const burst = 14
		for i := range burst {
			if err := c.Send(ctx, fmt.Sprintf("q-%d", i), "quick"); err != nil {
				t.Fatal(err)
			}
		}
		answered := map[string]string{}
		for len(answered) < burst {
			f, err := c.Next(ctx)
			if err != nil {
				t.Fatalf("%d of %d sends answered (%v): %v", len(answered), burst, answered, err)
			}
			switch {
			case f.Type == "ack":
				answered[f.ID] = "ack"
			case f.Type == "error" && f.Code == chat.CodeRateLimited && f.Ref != "":
				answered[f.Ref] = "limited"
			case f.Type == "error" && f.Code == chat.CodeRateLimited:
				t.Fatalf("a rate_limited error names no message: %s", f.Raw)
			}
		}
		limited := 0
		for _, how := range answered {
			if how == "limited" {
				limited++
			}
		}
		if limited == 0 {
			t.Fatalf("no send of %d was over the limit: %v", burst, answered)
		}
	})
}
