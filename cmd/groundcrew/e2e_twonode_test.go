//go:build unix

package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// envNATS names the real nats-server that scripts/test.sh starts
// (scripts/nats-test-server.sh).
const envNATS = "GROUNDCREW_TEST_NATS"

// testNATS returns the URL of the test nats-server, with a stream of its
// own: the GROUNDCREW stream left by an earlier run is deleted, since its
// duplicate window would drop this run's events (the outbox ids of a fresh
// database start again at 1). It skips t without a server, or fails it
// under CI.
func testNATS(t *testing.T) string {
	t.Helper()
	url := os.Getenv(envNATS)
	if url == "" {
		if os.Getenv(storetest.EnvCI) != "" {
			t.Fatalf("%s is not set and CI is: the multi-node tests must run (scripts/test.sh starts a nats-server)", envNATS)
		}
		t.Skipf("multi-node test skipped: %s is not set (scripts/test.sh starts a nats-server)", envNATS)
	}
	nc, err := nats.Connect(url, nats.Timeout(5*time.Second))
	if err != nil {
		t.Fatalf("connect to the test nats-server %s: %v", url, err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatalf("jetstream: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := js.DeleteStream(ctx, bus.StreamName); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
		t.Fatalf("delete the stream left by an earlier run: %v", err)
	}
	return url
}

// natsWatch counts the message.created events every node's live
// subscription would see: a plain NATS subscriber on the subject the relay
// publishes to.
type natsWatch struct {
	mu   sync.Mutex
	seen map[int64]int // message id → times seen
	wake chan struct{}
}

func watchMessages(t *testing.T, url string) *natsWatch {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatalf("connect the watcher: %v", err)
	}
	t.Cleanup(nc.Close)
	w := &natsWatch{seen: map[int64]int{}, wake: make(chan struct{}, 1)}
	_, err = nc.Subscribe(bus.SubjectPrefix+"message.created", func(m *nats.Msg) {
		ev, err := bus.DecodeMsg(m)
		if err != nil {
			return
		}
		var msg struct {
			MessageID int64 `json:"message_id"`
		}
		if json.Unmarshal(ev.Data, &msg) != nil || msg.MessageID == 0 {
			return
		}
		w.mu.Lock()
		w.seen[msg.MessageID]++
		w.mu.Unlock()
		select {
		case w.wake <- struct{}{}:
		default:
		}
	})
	if err != nil {
		t.Fatalf("subscribe the watcher: %v", err)
	}
	return w
}

// missing returns the ids of want not seen yet, waiting up to timeout for
// them.
func (w *natsWatch) missing(want []int64, timeout time.Duration) []int64 {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		var out []int64
		w.mu.Lock()
		for _, id := range want {
			if w.seen[id] == 0 {
				out = append(out, id)
			}
		}
		w.mu.Unlock()
		if len(out) == 0 {
			return nil
		}
		select {
		case <-w.wake:
		case <-deadline.C:
			return out
		}
	}
}

func randomKeys(t *testing.T) string {
	t.Helper()
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		t.Fatal(err)
	}
	return "k1:" + base64.StdEncoding.EncodeToString(k)
}

// twoNodeEnv is what every node of one installation shares: the database,
// the NATS server, the message-body keys and the widget identity secret (the
// first admin's token only so the test can call the API). Each node keeps
// its own data folder.
func twoNodeEnv(t *testing.T, dsn, natsURL string) []string {
	return childEnv(
		"GROUNDCREW_DATABASE="+dsn,
		"GROUNDCREW_NATS="+natsURL,
		"GROUNDCREW_ENCRYPTION_KEYS="+randomKeys(t),
		"GROUNDCREW_IDENTITY_SECRET=two-node-identity-secret-0123456789",
		"GROUNDCREW_ADMIN_TOKEN="+testToken,
		"GROUNDCREW_LOG_LEVEL=info",
	)
}

type msgJSON struct {
	ID         int64  `json:"id"`
	Body       string `json:"body"`
	AuthorKind string `json:"author_kind"`
}

// waitMessage polls GET /tickets/{id} on a until it lists a message with
// body, and returns it.
func waitMessage(t *testing.T, a *api, ticket int64, body string, timeout time.Duration) msgJSON {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		var tk struct {
			Messages []msgJSON `json:"messages"`
		}
		code, errBody, err := a.do(context.Background(), "GET", fmt.Sprintf("/api/v1/tickets/%d", ticket), nil, &tk)
		if err == nil && code == http.StatusOK {
			for _, m := range tk.Messages {
				if m.Body == body {
					return m
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: ticket %d has no message %q after %s (last: %d %v %.200s)", a.base, ticket, body, timeout, code, err, errBody)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// relayNode returns which of the nodes says it is the active outbox relay.
func relayNode(t *testing.T, nodes ...*serverProc) *serverProc {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		for _, n := range nodes {
			if strings.Contains(n.stderr.String(), "outbox relay: active on this node") {
				return n
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("no node became the active outbox relay within 20s")
	return nil
}

// TestTwoNodes runs two `groundcrew serve` on one PostgreSQL and one real
// nats-server: a customer's message on node A reaches an agent on node B,
// the reply made on B reaches the customer on A, and when one node is
// killed the other keeps taking messages, its standby relay publishes what
// the dead one left, and nothing acknowledged is lost.
func TestTwoNodes(t *testing.T) {
	groundcrewBinary(t)
	dsn := storetest.DSN(t, store.Postgres) // skips (fails under CI) without GROUNDCREW_TEST_POSTGRES
	natsURL := testNATS(t)
	env := twoNodeEnv(t, dsn, natsURL)
	watch := watchMessages(t, natsURL)

	// A first: it migrates and creates the first admin; B then finds both.
	nodeA := startServe(t, "node A", env, t.TempDir())
	waitReady(t, nodeA, 60*time.Second)
	nodeB := startServe(t, "node B", env, t.TempDir())
	waitReady(t, nodeB, 60*time.Second)
	if nodeB.Created {
		t.Errorf("node B created a first admin of its own: %q", nodeB.AdminLine)
	}
	onA, onB := newAPI(nodeA.URL, testToken, 8), newAPI(nodeB.URL, testToken, 8)

	t.Run("customer on A, agent on B", func(t *testing.T) {
		ctx := context.Background()
		var tk ticketJSON
		if code, body, err := onA.do(ctx, "POST", "/api/v1/tickets", newTicketBody("two nodes", "hello from node A", 1), &tk); err != nil || code/100 != 2 {
			t.Fatalf("create on A: %d %v %.300s", code, err, body)
		}
		ask := "my USDT deposit is missing, asked on A"
		var m msgJSON
		if code, body, err := onA.do(ctx, "POST", fmt.Sprintf("/api/v1/tickets/%d/customer-messages", tk.ID),
			map[string]any{"body": ask, "customer": map[string]string{"external_id": "e2e-customer-1"}}, &m); err != nil || code/100 != 2 {
			t.Fatalf("customer message on A: %d %v %.300s", code, err, body)
		}
		if miss := watch.missing([]int64{m.ID}, 20*time.Second); miss != nil {
			t.Fatalf("message %d written on A was never published to NATS for the other node's live views", m.ID)
		}
		if got := waitMessage(t, onB, tk.ID, ask, 10*time.Second); got.ID != m.ID {
			t.Errorf("node B shows the customer's message as id %d, A acknowledged %d", got.ID, m.ID)
		}

		reply := "Agent on B here: please send the TxID"
		var r msgJSON
		if code, body, err := onB.do(ctx, "POST", fmt.Sprintf("/api/v1/tickets/%d/messages", tk.ID), map[string]any{"body": reply}, &r); err != nil || code/100 != 2 {
			t.Fatalf("agent reply on B: %d %v %.300s", code, err, body)
		}
		if miss := watch.missing([]int64{r.ID}, 20*time.Second); miss != nil {
			t.Fatalf("reply %d written on B was never published to NATS", r.ID)
		}
		if got := waitMessage(t, onA, tk.ID, reply, 10*time.Second); got.AuthorKind != "agent" {
			t.Errorf("node A shows the reply with author %q, want agent", got.AuthorKind)
		}
	})

	t.Run("widget on A, agents' live pages on B and A", func(t *testing.T) {
		testWidgetAcross(t, natsURL, nodeA, nodeB)
	})

	t.Run("one node killed", func(t *testing.T) {
		testNodeKilled(t, dsn, watch, nodeA, nodeB)
	})
}

// testNodeKilled writes through both nodes, SIGKILLs the active relay's node
// and keeps writing through the other.
func testNodeKilled(t *testing.T, dsn string, watch *natsWatch, nodes ...*serverProc) {
	victim := relayNode(t, nodes...)
	survivor := nodes[0]
	if survivor == victim {
		survivor = nodes[1]
	}
	t.Logf("active relay on %s; killing it, %s stays", victim.name, survivor.name)

	var (
		mu       sync.Mutex
		acked    []ackedMsg
		failures = map[string][]string{} // node name → failure details
		killed   atomic.Bool
		stop     atomic.Bool
		wg       sync.WaitGroup
		afterOn  atomic.Int64 // messages the survivor acknowledged after the kill
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	writer := func(n *serverProc, c int) {
		a := newAPI(n.URL, testToken, 1)
		var tk ticketJSON
		if code, body, err := a.do(ctx, "POST", "/api/v1/tickets", newTicketBody(fmt.Sprintf("failover %s %d", n.name, c), "first", 100+c), &tk); err != nil || code/100 != 2 {
			mu.Lock()
			failures[n.name] = append(failures[n.name], fmt.Sprintf("create: %d %v %.200s", code, err, body))
			mu.Unlock()
			return
		}
		for k := 0; !stop.Load(); k++ {
			if n == victim && killed.Load() {
				return
			}
			body := fmt.Sprintf("failover %s c%d m%d", n.name, c, k)
			var m msgJSON
			code, errBody, err := a.do(ctx, "POST", fmt.Sprintf("/api/v1/tickets/%d/customer-messages", tk.ID),
				map[string]any{"body": body, "customer": map[string]string{"external_id": fmt.Sprintf("e2e-customer-%d", 100+c)}}, &m)
			if err != nil || code/100 != 2 {
				if n != victim || !killed.Load() {
					mu.Lock()
					failures[n.name] = append(failures[n.name], fmt.Sprintf("%s: %d %v %.200s", body, code, err, errBody))
					mu.Unlock()
				}
				continue
			}
			mu.Lock()
			acked = append(acked, ackedMsg{Ticket: tk.ID, ID: m.ID, Body: body})
			mu.Unlock()
			if n == survivor && killed.Load() {
				afterOn.Add(1)
			}
		}
	}
	for _, n := range nodes {
		for c := range 4 {
			wg.Go(func() { writer(n, c+len(n.name)*10) })
		}
	}
	widget := widgetOn(t, victim)
	time.Sleep(1500 * time.Millisecond)
	widget.sendAll(t) // some may be stored, some lost with the node: the widget cannot know
	killed.Store(true)
	victim.signal(syscall.SIGKILL)
	victim.wait(10 * time.Second)
	widget.resumeOn(t, survivor)
	time.Sleep(1500 * time.Millisecond)
	stop.Store(true)
	wg.Wait()

	mu.Lock()
	defer mu.Unlock()
	t.Logf("%d messages acknowledged, %d of them by %s after the kill", len(acked), afterOn.Load(), survivor.name)
	if f := failures[survivor.name]; len(f) > 0 {
		t.Errorf("%s failed %d writes around the kill, e.g. %q", survivor.name, len(f), f[:min(3, len(f))])
	}
	if f := failures[victim.name]; len(f) > 0 {
		t.Errorf("%s failed %d writes before it was killed, e.g. %q", victim.name, len(f), f[:min(3, len(f))])
	}
	if afterOn.Load() == 0 {
		t.Fatalf("%s acknowledged nothing after the kill", survivor.name)
	}

	// The survivor's standby relay must take over and drain the outbox:
	// every acknowledged message is published and recorded exactly once.
	killedAt := time.Now()
	if !strings.Contains(survivor.stderr.String(), "outbox relay: active on this node") {
		deadline := time.Now().Add(30 * time.Second)
		for !strings.Contains(survivor.stderr.String(), "outbox relay: active on this node") {
			if time.Now().After(deadline) {
				t.Fatalf("%s's standby relay did not take over within 30s of the kill", survivor.name)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	t.Logf("%s's relay active %s after the writers stopped", survivor.name, time.Since(killedAt).Round(time.Millisecond))
	ids := make([]int64, len(acked))
	for i, m := range acked {
		ids[i] = m.ID
	}
	if miss := watch.missing(ids, 30*time.Second); len(miss) > 0 {
		t.Errorf("%d acknowledged messages never published to NATS, e.g. %v", len(miss), miss[:min(10, len(miss))])
	}
	t.Logf("all published %s after the writers stopped", time.Since(killedAt).Round(time.Millisecond))
	// The recorder is a durable consumer: events the dead node had taken
	// but not acknowledged come to the survivor once JetStream's ack wait
	// (30 s) has passed, so this waits that long.
	checkEventLog(t, dsn, t.TempDir(), acked)
	t.Logf("event log checked %s after the writers stopped", time.Since(killedAt).Round(time.Millisecond))

	// And all of them are there, read back through the survivor.
	byTicket := map[int64]map[int64]string{}
	for _, m := range acked {
		if byTicket[m.Ticket] == nil {
			byTicket[m.Ticket] = map[int64]string{}
		}
		byTicket[m.Ticket][m.ID] = m.Body
	}
	a := newAPI(survivor.URL, testToken, 1)
	lost := 0
	for id, want := range byTicket {
		var tk struct {
			Messages []msgJSON `json:"messages"`
		}
		if code, body, err := a.do(context.Background(), "GET", fmt.Sprintf("/api/v1/tickets/%d", id), nil, &tk); err != nil || code != http.StatusOK {
			t.Errorf("read ticket %d on %s: %d %v %.200s", id, survivor.name, code, err, body)
			lost += len(want)
			continue
		}
		have := map[int64]string{}
		for _, m := range tk.Messages {
			have[m.ID] = m.Body
		}
		for mid, body := range want {
			if have[mid] != body {
				lost++
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d acknowledged messages lost", lost, len(acked))
	}
}

// killWidget is a customer's widget on the node about to be killed.
type killWidget struct {
	c      *chat.Client
	conv   int64
	resume string
	texts  map[string]string // client id → text
	mu     sync.Mutex
	acked  map[string]int64 // client id → seq, from the killed node
	reader chan struct{}
}

const widgetBurst = 8

// widgetOn opens a widget on node s and starts its conversation.
func widgetOn(t *testing.T, s *serverProc) *killWidget {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := chat.Dial(ctx, s.URL+chat.Path, chat.In{Lang: "en"}, nil)
	if err != nil {
		t.Fatalf("widget on %s: %v", s.name, err)
	}
	w := &killWidget{c: c, resume: c.Welcome.Resume, texts: map[string]string{}, acked: map[string]int64{}, reader: make(chan struct{})}
	if err := c.Send(ctx, "kill-0", "failover widget: hello"); err != nil {
		t.Fatal(err)
	}
	ack, err := c.Await(ctx, "ack")
	if err != nil || ack.Err() != nil || ack.Conv() == 0 {
		t.Fatalf("widget's first ack on %s: %+v %v", s.name, ack, err)
	}
	w.conv, w.texts["kill-0"], w.acked["kill-0"] = ack.Conv(), "failover widget: hello", ack.Seq
	go func() {
		defer close(w.reader)
		for {
			f, err := c.Next(context.Background())
			if err != nil {
				return // the node was killed
			}
			if f.Type == "ack" && f.Err() == nil {
				w.mu.Lock()
				w.acked[f.ID] = f.Seq
				w.mu.Unlock()
			}
		}
	}()
	return w
}

// sendAll writes a burst without waiting for the acks.
func (w *killWidget) sendAll(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for i := 1; i <= widgetBurst; i++ {
		id := fmt.Sprintf("kill-%d", i)
		w.texts[id] = fmt.Sprintf("failover widget: message %d", i)
		if err := w.c.Send(ctx, id, w.texts[id]); err != nil {
			t.Fatalf("widget send %s: %v", id, err)
		}
	}
}

// resumeOn reconnects to node s with the resume token and the
// conversation, as the widget does after its node died, and resends every
// message (acknowledged ones too): each is stored once, under one seq.
func (w *killWidget) resumeOn(t *testing.T, s *serverProc) {
	t.Helper()
	<-w.reader
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := chat.Dial(ctx, s.URL+chat.Path, chat.In{Lang: "en", Resume: w.resume, Conversation: w.conv}, nil)
	if err != nil {
		t.Fatalf("widget resume on %s: %v", s.name, err)
	}
	defer c.Close()
	if c.Welcome.Conv() != w.conv {
		t.Fatalf("resumed on %s into conversation %d, want %d", s.name, c.Welcome.Conv(), w.conv)
	}
	w.mu.Lock()
	before := maps.Clone(w.acked)
	w.mu.Unlock()
	t.Logf("widget: %d of %d messages acknowledged by the killed node", len(before), len(w.texts))
	seqs := map[int64]string{}
	for i := 0; i <= widgetBurst; i++ {
		id := fmt.Sprintf("kill-%d", i)
		if err := c.Send(ctx, id, w.texts[id]); err != nil {
			t.Fatal(err)
		}
		ack, err := c.Await(ctx, "ack")
		if err != nil || ack.Err() != nil || ack.ID != id {
			t.Fatalf("resent %s on %s: %+v %v", id, s.name, ack, err)
		}
		if seq, ok := before[id]; ok && (ack.Seq != seq || !ack.Duplicate) {
			t.Errorf("%s was acknowledged as %d before the kill, and after it as %d (duplicate %v)", id, seq, ack.Seq, ack.Duplicate)
		}
		if other, dup := seqs[ack.Seq]; dup {
			t.Errorf("%s and %s acknowledged with the same seq %d", id, other, ack.Seq)
		}
		seqs[ack.Seq] = id
	}
	// Stored once each, and nothing else from this widget.
	var tk struct {
		Messages []msgJSON `json:"messages"`
	}
	a := newAPI(s.URL, testToken, 1)
	if code, body, err := a.do(ctx, "GET", fmt.Sprintf("/api/v1/tickets/%d", w.conv), nil, &tk); err != nil || code != http.StatusOK {
		t.Fatalf("read the widget's conversation on %s: %d %v %.200s", s.name, code, err, body)
	}
	count := map[string]int{}
	for _, m := range tk.Messages {
		count[m.Body]++
	}
	for id, text := range w.texts {
		if count[text] != 1 {
			t.Errorf("widget message %s stored %d times, want once", id, count[text])
		}
	}
}
