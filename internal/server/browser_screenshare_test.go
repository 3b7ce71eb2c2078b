package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// fakeDisplayMedia stands in for the screen picker: headless Chromium has
// no screen to capture, so getDisplayMedia returns a canvas that changes
// 20 times a second, as a real capture would when the screen changes.
const fakeDisplayMedia = `(() => {
  const w = doc.defaultView;
  w.navigator.mediaDevices.getDisplayMedia = async () => {
    const c = doc.createElement("canvas");
    c.width = 640; c.height = 360;
    const g = c.getContext("2d");
    let i = 0;
    w.setInterval(() => {
      i++;
      g.fillStyle = "hsl(" + (i * 7 % 360) + ",60%,45%)";
      g.fillRect(0, 0, 640, 360);
      g.fillStyle = "#fff";
      g.font = "32px sans-serif";
      g.fillText("Customer's screen, frame " + i, 40, 190);
    }, 50);
    const s = c.captureStream(20);
    w.__fakeStream = s; // for a test to see whether capture still runs
    return s;
  };
  return true;
})()`

// TestBrowserScreenShare: in the widget the customer is warned to close
// wallets and recovery phrases, confirms, and their screen (a canvas
// standing in for the capture) streams over WebRTC to the ticket page of
// the assigned agent, in another browser context: the agent's <video>
// has a size and its time advances. One click in the widget stops it, and
// the agent sees it stop.
// startBrowserShare opens Maria's widget conversation, assigns it to
// Priya (tier2), opens Priya's ticket page and has Maria share her screen
// (a canvas standing in for the capture) through the warning.
func startBrowserShare(t *testing.T) (*testApp, *browser, *browser, ticket.Ticket) {
	ta := newTestApp(t, store.SQLite, true)
	cust := newBrowser(t, ta.URL)
	cust.open("/demo/exchange?as=" + sandbox.UserMaria + "&lang=en")
	cust.openWidget()
	cust.typeInWidget("The withdrawal page shows an error, can I show you?")
	cust.waitInFrame("the message acknowledged", `[...doc.querySelectorAll("li.mine")].some(li => li.dataset.seq)`)
	tk := cust.widgetTicket(ta, sandbox.UserMaria)

	if resp := ta.do("PATCH", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", map[string]any{"assignee_id": demoAgentID(t, ta, "tier2")}, nil); resp.StatusCode != 200 {
		t.Fatalf("assign: %d", resp.StatusCode)
	}
	agent := newBrowser(t, ta.URL)
	agent.open("/login")
	agent.signIn("tier2@demo.groundcrew.local", DemoPassword+"-2026")
	agent.open(fmt.Sprintf("/tickets/%d", tk.ID))
	agent.waitFor("the screen viewer", `document.getElementById("screen-view") !== null && document.querySelector("#live-state.on") !== null`, 10*time.Second)

	// The customer asks to share: the warning comes first.
	cust.waitInFrame("the share button", `!doc.getElementById("screen-share").hidden`)
	if !inFrame[bool](cust, fakeDisplayMedia) {
		t.Fatal("could not stand in for getDisplayMedia")
	}
	cust.do("click Share screen", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s; doc.getElementById("screen-share").click(); })()`, frameDoc)))
	cust.waitInFrame("the warning", `!doc.getElementById("screen-consent").hidden`)
	if warn := inFrame[string](cust, `doc.getElementById("screen-consent").textContent`); !strings.Contains(warn, "recovery (seed) phrase") || !strings.Contains(warn, "wallet") {
		t.Errorf("the warning says %q, want it to name wallets and the recovery phrase", warn)
	}
	if inFrame[bool](cust, `!doc.getElementById("screen-record-row").hidden`) {
		t.Error("the recording choice shows though the installation does not allow recording")
	}
	cust.screenshot("screenshare-consent")
	cust.do("confirm", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s; doc.getElementById("screen-go").click(); })()`, frameDoc)))
	cust.waitInFrame("the sharing bar", `!doc.getElementById("screen-on").hidden`)
	return ta, cust, agent, tk
}

// demoAgentID is the id of the demo agent whose e-mail starts with local.
func demoAgentID(t *testing.T, ta *testApp, local string) int64 {
	t.Helper()
	var id int64
	if err := ta.db.QueryRow(t.Context(), `SELECT id FROM agents WHERE email = ?`, local+"@demo.groundcrew.local").Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestBrowserScreenShareEndsOnReassign: the share is for the agent who
// has the conversation. When a supervisor moves it to someone else, the
// customer's widget stops sending (the bar goes) and the first agent's
// page says the share ended, with its video gone.
func TestBrowserScreenShareEndsOnReassign(t *testing.T) {
	t.Parallel()
	ta, cust, agent, tk := startBrowserShare(t)
	agent.waitFor("video frames", `(() => { const v = document.getElementById("screen-video"); return v.videoWidth > 0 && v.currentTime > 0; })()`, 20*time.Second)

	if resp := ta.do("PATCH", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", map[string]any{"assignee_id": demoAgentID(t, ta, "security")}, nil); resp.StatusCode != 200 {
		t.Fatalf("reassign: %d", resp.StatusCode)
	}
	cust.waitInFrame("the sharing bar gone", `doc.getElementById("screen-on").hidden`)
	agent.waitFor("the end of the share", `document.getElementById("screen-text").textContent.includes("went to someone else") && document.getElementById("screen-live").hidden`, 10*time.Second)
	if live := inFrame[bool](cust, `(() => { const s = doc.defaultView.__fakeStream; return !!s && s.getTracks().some(t => t.readyState === "live"); })()`); live {
		t.Error("the customer's capture is still live after the conversation moved")
	}
	agent.screenshot("screenshare-reassigned")
	cust.checkConsole("screen share reassigned", func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") })
	agent.checkConsole("screen share reassigned", nil)
}

func TestBrowserScreenShare(t *testing.T) {
	t.Parallel()
	ta, cust, agent, tk := startBrowserShare(t)

	// The agent's video plays what the customer's canvas draws.
	agent.waitFor("video frames", `(() => { const v = document.getElementById("screen-video"); return v.videoWidth > 0 && v.currentTime > 0; })()`, 20*time.Second)
	t0 := eval[float64](agent, `document.getElementById("screen-video").currentTime`)
	agent.waitFor("the video's time advancing", fmt.Sprintf(`document.getElementById("screen-video").currentTime > %f + 0.3`, t0), 10*time.Second)
	if w := eval[int](agent, `document.getElementById("screen-video").videoWidth`); w != 640 {
		t.Errorf("the agent's video is %d pixels wide, want the shared 640", w)
	}
	agent.waitFor("the sharing notice", `document.getElementById("screen-text").textContent.includes("is sharing their screen")`, 10*time.Second)
	cust.screenshot("screenshare-customer")
	agent.screenshot("screenshare-agent")

	// One click stops it; the agent sees it stop.
	cust.do("stop sharing", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s; doc.getElementById("screen-stop").click(); })()`, frameDoc)))
	cust.waitInFrame("the bar gone", `doc.getElementById("screen-on").hidden`)
	agent.waitFor("the stop", `document.getElementById("screen-text").textContent.includes("The customer stopped sharing") && document.getElementById("screen-live").hidden`, 10*time.Second)

	var actions []string
	rows, err := ta.db.Query(t.Context(), `SELECT action, actor_kind FROM audit_log WHERE target_kind = 'ticket' AND target_id = ? AND action LIKE 'screen.%' ORDER BY seq`, fmt.Sprint(tk.ID))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, k string
		if err := rows.Scan(&a, &k); err != nil {
			t.Fatal(err)
		}
		actions = append(actions, a+" "+k)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(actions, ", "), "screen.started customer, screen.viewed agent, screen.stopped customer"; got != want {
		t.Errorf("audit %q, want %q", got, want)
	}
	cust.checkConsole("screen share", func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") })
	agent.checkConsole("screen share", nil)
}
