package chat_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/server"
	"github.com/groundcrew/groundcrew/internal/store"
)

// agentScreen is an agent's screen socket of one ticket, as the ticket
// page opens it (here with the admin's API token instead of a session).
type agentScreen struct {
	t  *testing.T
	ws *websocket.Conn
}

func (n *node) dialScreen(t *testing.T, ticketID int64) *agentScreen {
	t.Helper()
	ctx, cancel := timeout()
	defer cancel()
	u := strings.Replace(n.URL, "http://", "ws://", 1) + fmt.Sprintf("/live/tickets/%d/screen", ticketID)
	ws, _, err := websocket.Dial(ctx, u, &websocket.DialOptions{Subprotocols: []string{chat.ScreenSubprotocol},
		HTTPHeader: http.Header{"Authorization": {"Bearer " + adminToken}}})
	if err != nil {
		t.Fatalf("dial the agent's screen socket: %v", err)
	}
	t.Cleanup(func() { _ = ws.CloseNow() })
	return &agentScreen{t: t, ws: ws}
}

func (a *agentScreen) write(in any) {
	a.t.Helper()
	ctx, cancel := timeout()
	defer cancel()
	raw, _ := json.Marshal(in)
	if err := a.ws.Write(ctx, websocket.MessageText, raw); err != nil {
		a.t.Fatal(err)
	}
}

func (a *agentScreen) next() chat.Frame {
	a.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), eventWait)
	defer cancel()
	_, raw, err := a.ws.Read(ctx)
	if err != nil {
		a.t.Fatalf("agent screen socket: %v", err)
	}
	var f chat.Frame
	if err := json.Unmarshal(raw, &f); err != nil {
		a.t.Fatal(err)
	}
	f.Raw = raw
	return f
}

// eventWait bounds a wait for a frame that a bus event brings (the
// reassignment's stop goes through the outbox, the relay and the bus):
// on a machine at load 20+ under -race that took longer than next's
// 10 s. The wait ends as soon as the frame comes.
const eventWait = time.Minute

// expectScreen reads the customer's frames up to one of type typ, passing
// over the conversation's other traffic (messages, queue, status).
func expectScreen(t *testing.T, c *chat.Client, typ string) chat.Frame {
	t.Helper()
	for {
		ctx, cancel := context.WithTimeout(context.Background(), eventWait)
		f, err := c.Next(ctx)
		cancel()
		if err != nil {
			t.Fatalf("waiting for %s: %v", typ, err)
		}
		if f.Type == "queue" {
			continue
		}
		if f.Type == typ {
			return f
		}
		if f.Type == "error" || strings.HasPrefix(f.Type, "screen_") && f.Type != "screen_ready" {
			t.Fatalf("waiting for %s: got %s", typ, f.Raw)
		}
	}
}

func write(t *testing.T, c *chat.Client, in chat.In) {
	t.Helper()
	ctx, cancel := timeout()
	defer cancel()
	if err := c.Write(ctx, in); err != nil {
		t.Fatal(err)
	}
}

const testSDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"

func (n *node) assign(ticketID, agentID int64) {
	n.t.Helper()
	if code := n.api("PATCH", fmt.Sprintf("/api/v1/tickets/%d", ticketID), map[string]any{"assignee_id": agentID}, nil); code != 200 {
		n.t.Fatalf("assign ticket %d to %d: HTTP %d", ticketID, agentID, code)
	}
}

// otherAgent creates a tier-1 agent besides the admin and returns its id.
func (n *node) otherAgent() int64 {
	n.t.Helper()
	var other struct {
		ID int64 `json:"id"`
	}
	if code := n.api("POST", "/api/v1/agents", map[string]any{"email": "other@example.com", "name": "Other", "role": "tier1", "password": "a-long-enough-password"}, &other); code != 201 {
		n.t.Fatalf("create agent: HTTP %d", code)
	}
	return other.ID
}

func (n *node) adminID() int64 {
	var me struct {
		Agent struct {
			ID int64 `json:"id"`
		} `json:"agent"`
	}
	if code := n.api("GET", "/api/v1/me", nil, &me); code != 200 || me.Agent.ID == 0 {
		n.t.Fatalf("GET /api/v1/me: HTTP %d", code)
	}
	return me.Agent.ID
}

type auditEntry struct {
	ActorKind string          `json:"actor_kind"`
	ActorID   string          `json:"actor_id"`
	Action    string          `json:"action"`
	Detail    json.RawMessage `json:"detail"`
}

func (n *node) screenAudit(ticketID int64) []auditEntry {
	var out struct {
		Items []auditEntry `json:"items"`
	}
	n.api("GET", fmt.Sprintf("/api/v1/audit?target_kind=ticket&target_id=%d&limit=100", ticketID), nil, &out)
	var screen []auditEntry
	for i := len(out.Items) - 1; i >= 0; i-- { // oldest first
		if strings.HasPrefix(out.Items[i].Action, "screen.") {
			screen = append(screen, out.Items[i])
		}
	}
	return screen
}

// TestScreenShareSignalling: only the customer starts a share; it reaches
// the conversation's assigned agent and nobody else; the agent's answer
// and ICE candidates reach the customer; the customer stops it with one
// frame, and the audit log says who started, viewed and stopped it.
func TestScreenShareSignalling(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		cust := n.dial(chat.In{})
		if cust.Welcome.ScreenInfo == nil || cust.Welcome.ScreenInfo.Recording {
			t.Fatalf("welcome should announce screen sharing, recording off: %s", cust.Welcome.Raw)
		}
		// No conversation yet: nobody to share with.
		write(t, cust, chat.In{Type: "screen_offer", Screen: "s-0", SDP: testSDP})
		if f := expectScreen(t, cust, "error"); f.Code != chat.CodeNoAgent {
			t.Fatalf("offer without a conversation: %s", f.Raw)
		}
		conv := n.send(cust, "my withdrawal is stuck, can I show you?").Conv()
		other := n.otherAgent()
		n.assign(conv, other)
		admin := n.dialScreen(t, conv)

		// Assigned to someone else: the admin's answer is refused, and the
		// customer's offer went to the other agent, not to the admin.
		write(t, cust, chat.In{Type: "screen_offer", Screen: "s-1", SDP: testSDP})
		admin.write(chat.In{Type: "screen_answer", Screen: "s-1", SDP: testSDP})
		if f := admin.next(); f.Type != "error" || f.Code != chat.CodeConversationNotYours {
			t.Fatalf("answer of an agent not in the conversation: %s", f.Raw)
		}

		me := n.adminID()
		n.assign(conv, me)
		// The share went to the other agent: it ends with their turn.
		if f := expectScreen(t, cust, "screen_stop"); f.Screen != "s-1" || stopReason(f) != "reassigned" {
			t.Fatalf("s-1 after the reassignment: %s", f.Raw)
		}
		write(t, cust, chat.In{Type: "screen_offer", Screen: "s-2", SDP: testSDP + "a=x:2\r\n", Record: true})
		offer := admin.next()
		if offer.Type != "screen_offer" || offer.Screen != "s-2" || !strings.HasSuffix(offer.SDP, "a=x:2\r\n") || offer.Conv() != conv {
			t.Fatalf("the assigned agent should get the second share's offer first: %s", offer.Raw)
		}
		// The agent cannot start one; the customer cannot answer one.
		admin.write(chat.In{Type: "screen_offer", Screen: "a-1", SDP: testSDP})
		if f := admin.next(); f.Type != "error" || f.Code != chat.CodeNotAllowed {
			t.Fatalf("agent's offer: %s", f.Raw)
		}
		write(t, cust, chat.In{Type: "screen_answer", Screen: "s-2", SDP: testSDP})
		if f := expectScreen(t, cust, "error"); f.Code != chat.CodeNotAllowed {
			t.Fatalf("customer's answer: %s", f.Raw)
		}

		admin.write(chat.In{Type: "screen_answer", Screen: "s-2", SDP: testSDP + "a=answer\r\n"})
		if f := expectScreen(t, cust, "screen_answer"); f.Screen != "s-2" || !strings.Contains(f.SDP, "a=answer") {
			t.Fatalf("answer at the customer: %s", f.Raw)
		}
		// The customer agreed to a recording, but the installation does not allow one.
		if offer.Record {
			t.Fatalf("an offer may be recorded only where the installation allows it: %s", offer.Raw)
		}
		admin.write(chat.In{Type: "screen_record", Screen: "s-2"})
		if f := admin.next(); f.Type != "error" || f.Code != chat.CodeNotAllowed {
			t.Fatalf("recording a share the installation does not let be recorded: %s", f.Raw)
		}
		zero := 0
		cand := &chat.ICECandidate{Candidate: "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", SDPMid: "0", SDPMLineIndex: &zero}
		write(t, cust, chat.In{Type: "screen_ice", Screen: "s-2", Candidate: cand})
		if f := admin.next(); f.Type != "screen_ice" || f.Candidate == nil || f.Candidate.Candidate != cand.Candidate {
			t.Fatalf("customer's candidate at the agent: %s", f.Raw)
		}
		admin.write(chat.In{Type: "screen_ice", Screen: "s-2", Candidate: cand})
		if f := expectScreen(t, cust, "screen_ice"); f.Candidate == nil || f.Candidate.SDPMid != "0" {
			t.Fatalf("agent's candidate at the customer: %s", f.Raw)
		}
		write(t, cust, chat.In{Type: "screen_stop", Screen: "s-2"})
		if f := admin.next(); f.Type != "screen_stop" || f.Screen != "s-2" || f.By != "customer" {
			t.Fatalf("stop at the agent: %s", f.Raw)
		}

		got := n.screenAudit(conv)
		var lines []string
		for _, e := range got {
			var d struct {
				Screen string `json:"screen"`
				By     string `json:"by"`
			}
			_ = json.Unmarshal(e.Detail, &d)
			lines = append(lines, e.Action+" "+e.ActorKind+" "+d.Screen+" "+d.By)
		}
		want := []string{
			"screen.started customer s-1 ",
			"screen.stopped customer s-1 server", // the conversation went to the admin
			"screen.started customer s-2 ",
			"screen.viewed agent s-2 ",
			"screen.stopped customer s-2 customer",
		}
		if strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Fatalf("audit:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
		for _, e := range got {
			if e.Action == "screen.viewed" && e.ActorID != strconv.FormatInt(me, 10) {
				t.Fatalf("viewed by %s, want the admin %d", e.ActorID, me)
			}
		}
	})
}

// TestScreenShareBadFrames: malformed, oversized and out-of-place screen
// frames get an error frame and change nothing; a flood is rate limited.
func TestScreenShareBadFrames(t *testing.T) {
	n := newNode(t, store.SQLite)
	cust := n.dial(chat.In{})
	conv := n.send(cust, "I want to show you an error").Conv()
	n.assign(conv, n.adminID())
	admin := n.dialScreen(t, conv)
	for _, tc := range []struct {
		frame string
		code  string
	}{
		{`{"type":"screen_offer","screen":"s-1","sdp":"hello"}`, chat.CodeBadFrame},
		{`{"type":"screen_offer","sdp":"v=0"}`, chat.CodeBadFrame},
		{`{"type":"screen_offer","screen":"s 1","sdp":"v=0"}`, chat.CodeBadFrame},
		{`{"type":"screen_offer","screen":"s-1","sdp":"v=0` + strings.Repeat("a", chat.MaxSDP) + `"}`, chat.CodeTooLarge},
		{`{"type":"screen_ice","screen":"s-1"}`, chat.CodeBadFrame},
		{`{"type":"screen_ice","screen":"s-1","candidate":{"candidate":"x","sdpMLineIndex":-1}}`, chat.CodeBadFrame},
		{`{"type":"screen_ice","screen":"s-9","candidate":{"candidate":"candidate:1"}}`, chat.CodeBadFrame}, // no such share
		{`{"type":"screen_offer","screen":"s-1","sdp":7}`, chat.CodeBadFrame},
	} {
		ctx, cancel := timeout()
		if err := cust.WriteRaw(ctx, []byte(tc.frame)); err != nil {
			t.Fatal(err)
		}
		cancel()
		if f := expectScreen(t, cust, "error"); f.Code != tc.code || f.Fatal {
			t.Fatalf("%s: got %s, want a %s error", tc.frame, f.Raw, tc.code)
		}
		admin.write(json.RawMessage(tc.frame))
		if strings.Contains(tc.frame, "s-9") {
			// Well-formed from the agent: relayed to the customer, no
			// answer. Wait for it, or it lands among the next case's frames.
			expectScreen(t, cust, "screen_ice")
			continue
		}
		if f := admin.next(); f.Type != "error" || f.Code != tc.code {
			t.Fatalf("agent %s: got %s, want a %s error", tc.frame, f.Raw, tc.code)
		}
	}
	// Frames that have no business on the agent's socket.
	admin.write(chat.In{Type: "send", ID: "m-1", Text: "hi"})
	if f := admin.next(); f.Type != "error" || f.Code != chat.CodeBadFrame {
		t.Fatalf("send on the screen socket: %s", f.Raw)
	}
	ctx, cancel := timeout()
	defer cancel()
	if err := admin.ws.Write(ctx, websocket.MessageBinary, []byte{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	if f := admin.next(); f.Type != "error" || f.Code != chat.CodeBadFrame {
		t.Fatalf("binary frame: %s", f.Raw)
	}
	// A flood of candidates from the agent is cut off with rate_limited.
	zero := 0
	for i := range 100 {
		admin.write(chat.In{Type: "screen_ice", Screen: fmt.Sprintf("x-%d", i), Candidate: &chat.ICECandidate{Candidate: "candidate:1", SDPMLineIndex: &zero}})
	}
	for {
		f := admin.next()
		if f.Type == "error" && f.Code == chat.CodeRateLimited && f.RetryAfterMS > 0 {
			break
		}
		if f.Type != "error" {
			t.Fatalf("flood: got %s", f.Raw)
		}
	}
	// None of it was audited.
	if got := n.screenAudit(conv); len(got) != 0 {
		t.Fatalf("bad frames were audited: %+v", got)
	}
}

// TestScreenShareLateAgentAndRecording: a share started before the agent
// opened the ticket reaches them when they do; with recording allowed and
// agreed, the agent may record (audited); the agent leaving stops the share
// for the customer.
func TestScreenShareLateAgentAndRecording(t *testing.T) {
	n := newNode(t, store.SQLite, func(c *server.Config) { c.ScreenRecording = true })
	cust := n.dial(chat.In{})
	if cust.Welcome.ScreenInfo == nil || !cust.Welcome.ScreenInfo.Recording {
		t.Fatalf("welcome should say recording is allowed: %s", cust.Welcome.Raw)
	}
	conv := n.send(cust, "let me show you").Conv()
	n.assign(conv, n.adminID())
	write(t, cust, chat.In{Type: "screen_offer", Screen: "s-1", SDP: testSDP, Record: true})
	admin := n.dialScreen(t, conv)
	expectScreen(t, cust, "screen_ready")
	write(t, cust, chat.In{Type: "screen_offer", Screen: "s-1", SDP: testSDP + "a=again\r\n", Record: true})
	for {
		// The first offer may reach the page too, if the bus delivered it
		// after the page joined: the page ignores an offer it has had.
		f := admin.next()
		if f.Type != "screen_offer" || f.Screen != "s-1" || !f.Record {
			t.Fatalf("the late agent's offer: %s", f.Raw)
		}
		if strings.HasSuffix(f.SDP, "a=again\r\n") {
			break
		}
	}
	admin.write(chat.In{Type: "screen_record", Screen: "s-1"})
	if f := admin.next(); f.Type != "error" || f.Code != chat.CodeNotAllowed {
		t.Fatalf("recording before answering: %s", f.Raw)
	}
	admin.write(chat.In{Type: "screen_answer", Screen: "s-1", SDP: testSDP})
	admin.write(chat.In{Type: "screen_record", Screen: "s-1"})
	if f := admin.next(); f.Type != "screen_record" || f.Screen != "s-1" {
		t.Fatalf("the go-ahead to record: %s", f.Raw)
	}
	expectScreen(t, cust, "screen_answer")
	_ = admin.ws.Close(websocket.StatusNormalClosure, "")
	if f := expectScreen(t, cust, "screen_stop"); f.Screen != "s-1" || f.By != "agent" {
		t.Fatalf("the agent left: %s", f.Raw)
	}
	var got []string
	for _, e := range n.screenAudit(conv) {
		got = append(got, e.Action+" "+e.ActorKind)
	}
	// The share was offered twice (before and after the agent's page
	// opened) but started once.
	want := "screen.started customer, screen.viewed agent, screen.recorded agent, screen.stopped agent"
	if strings.Join(got, ", ") != want {
		t.Fatalf("audit %q, want %q", strings.Join(got, ", "), want)
	}
}

// TestScreenShareEndsWhenReassigned: a share goes to the conversation's
// assigned agent only, so when the conversation moves to another agent
// (or to nobody) the running share ends: the first agent is told to stop
// watching, the customer's widget to stop sending, and the audit says why.
// Before, the picture kept flowing to the agent who no longer had the
// conversation.
func TestScreenShareEndsWhenReassigned(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		cust := n.dial(chat.In{})
		conv := n.send(cust, "can I show you my screen?").Conv()
		me := n.adminID()
		n.assign(conv, me)
		admin := n.dialScreen(t, conv)
		write(t, cust, chat.In{Type: "screen_offer", Screen: "s-1", SDP: testSDP})
		if f := admin.next(); f.Type != "screen_offer" || f.Screen != "s-1" {
			t.Fatalf("offer at the assigned agent: %s", f.Raw)
		}
		admin.write(chat.In{Type: "screen_answer", Screen: "s-1", SDP: testSDP})
		expectScreen(t, cust, "screen_answer")

		other := n.otherAgent()
		n.assign(conv, other)
		if f := admin.next(); f.Type != "screen_stop" || f.Screen != "s-1" || stopReason(f) != "reassigned" {
			t.Fatalf("the agent who lost the conversation should be told to stop watching: %s", f.Raw)
		}
		if f := expectScreen(t, cust, "screen_stop"); f.Screen != "s-1" || stopReason(f) != "reassigned" {
			t.Fatalf("the customer's widget should be told the share ended: %s", f.Raw)
		}
		var stopped []string
		for _, e := range n.screenAudit(conv) {
			var d struct {
				Reason string `json:"reason"`
			}
			_ = json.Unmarshal(e.Detail, &d)
			if e.Action == "screen.stopped" {
				stopped = append(stopped, d.Reason)
			}
		}
		if strings.Join(stopped, ",") != "reassigned" {
			t.Fatalf("screen.stopped reasons %v, want [reassigned]", stopped)
		}
		// The customer's ICE for the ended share is refused: nothing goes on.
		write(t, cust, chat.In{Type: "screen_ice", Screen: "s-1", Candidate: &chat.ICECandidate{Candidate: "candidate:1 1 udp 1 127.0.0.1 5 typ host"}})
		if f := expectScreen(t, cust, "error"); f.Code == "" {
			t.Fatalf("ICE after the share ended: %s", f.Raw)
		}
	})
}

// stopReason is a screen_stop frame's reason.
func stopReason(f chat.Frame) string {
	var r struct {
		Reason string `json:"reason"`
	}
	_ = json.Unmarshal(f.Raw, &r)
	return r.Reason
}

// TestScreenShareStartedDuringReassignment: a reassignment that commits
// while the customer's share is starting, and is handled before the share
// is visible, still ends the share: the customer gets screen_stop, and
// the audit log has it started and stopped once. The share used to go on
// with the agent who no longer had the conversation, and the widget waited
// for a stop that never came (TestScreenShareSignalling under load).
func TestScreenShareStartedDuringReassignment(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		starting := make(chan struct{}, 1)
		release := make(chan struct{})
		handled := make(chan int64, 64) // the assignee each handled reassignment read
		n.Chat().ScreenRaceForTest(func(int64) {
			starting <- struct{}{}
			select { // the share stays invisible until the test lets it go on
			case <-release:
			case <-time.After(eventWait):
			}
		}, func(_, agent int64) {
			select {
			case handled <- agent:
			default:
			}
		})
		awaitHandled := func(agent int64) {
			t.Helper()
			deadline := time.After(eventWait)
			for {
				select {
				case got := <-handled:
					if got == agent {
						return
					}
				case <-deadline:
					t.Fatalf("the reassignment to agent %d was not handled", agent)
				}
			}
		}

		cust := n.dial(chat.In{})
		conv := n.send(cust, "can I show you my screen?").Conv()
		other := n.otherAgent()
		n.assign(conv, other)
		awaitHandled(other)

		write(t, cust, chat.In{Type: "screen_offer", Screen: "s-1", SDP: testSDP})
		select {
		case <-starting:
		case <-time.After(eventWait):
			t.Fatal("the share did not start")
		}
		me := n.adminID()
		n.assign(conv, me)
		awaitHandled(me) // it found no share to end
		close(release)

		// The stop, if any, is queued before the pong.
		write(t, cust, chat.In{Type: "ping", ID: "after"})
		stopped := false
		for {
			ctx, cancel := context.WithTimeout(context.Background(), eventWait)
			f, err := cust.Next(ctx)
			cancel()
			if err != nil {
				t.Fatalf("waiting for the pong: %v", err)
			}
			if f.Type == "screen_stop" {
				if f.Screen != "s-1" || stopReason(f) != "reassigned" || stopped {
					t.Fatalf("stop: %s", f.Raw)
				}
				stopped = true
			}
			if f.Type == "pong" {
				break
			}
		}
		if !stopped {
			t.Fatal("the share with the agent who lost the conversation goes on: no screen_stop before the pong")
		}
		var lines []string
		for _, e := range n.screenAudit(conv) {
			lines = append(lines, e.Action+" "+e.ActorKind)
		}
		if want := []string{"screen.started customer", "screen.stopped customer"}; strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Fatalf("audit:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
	})
}
