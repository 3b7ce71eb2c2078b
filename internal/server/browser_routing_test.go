package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/store"
)

// The story through the workspace: a Turkish message about a
// futures liquidation arrives on the chat channel with the page in
// English, is detected as Turkish, lands in Futures · Turkish · Tier 1 with
// the reason shown, is offered to the least-loaded Turkish futures agent,
// who accepts it from the offer box, sees the queue and reason on the
// ticket, and hands it to Tier 2 with a summary; the customer is told what
// happens next in Turkish. Then the queues and skills pages.
func TestBrowserRoutingStory(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	var created struct {
		ID int64 `json:"id"`
	}
	ta.do("POST", "/api/v1/tickets", "", map[string]any{
		"subject": "Pozisyonum tasfiye edildi", "channel": "chat", "language": "en",
		"message":  "Merhaba, futures pozisyonum neden tasfiye oldu? Hesabımda teminat vardı.",
		"customer": map[string]any{"external_id": "story-tr-1"},
	}, &created)
	if created.ID == 0 {
		t.Fatal("ticket not created")
	}
	var route routing.TicketRoute
	for deadline := time.Now().Add(15 * time.Second); ; {
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d/route", created.ID), "", nil, &route)
		// The offer and the queue's name may show in separate reads.
		if route.Offer != nil && route.QueueName != "" || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if route.QueueName != "Futures · Turkish · Tier 1" || route.Offer == nil {
		t.Fatalf("route %+v: want the Turkish futures queue and an offer", route)
	}
	var agent struct {
		Email string `json:"email"`
	}
	ta.do("GET", fmt.Sprintf("/api/v1/agents/%d", route.Offer.AgentID), "", nil, &agent)
	if agent.Email != "ayse@demo.groundcrew.local" {
		t.Errorf("offered to %s, want Ayşe (Turkish futures, least loaded, longest idle)", agent.Email)
	}

	b := newBrowser(t, ta.URL)
	b.open("/login")
	if status := b.signIn(agent.Email, DemoPassword+"-2026"); status != 200 {
		t.Fatalf("sign in: status %d", status)
	}
	b.waitFor("the offer box", fmt.Sprintf(`document.querySelector('#offers .offer[data-ticket="%d"]') !== null`, created.ID), 10*time.Second)
	if got := eval[string](b, `document.getElementById("availability").value`); got != "online" {
		t.Errorf("availability switch shows %q", got)
	}
	if !strings.Contains(b.text("#offers .offer"), "Pozisyonum tasfiye edildi") {
		t.Errorf("offer box: %q", b.text("#offers .offer"))
	}
	b.screenshot("routing-offer")
	b.navigate("accept", chromedp.Click(chromedp.CSS(`#offers .offer button[type="submit"]`)))
	b.wantPath(fmt.Sprintf("/tickets/%d", created.ID))
	if got := b.text("#route-queue"); !strings.Contains(got, "Futures · Turkish · Tier 1") {
		t.Errorf("queue shown: %q", got)
	}
	if got := b.text("#route-reason"); !strings.Contains(got, "language tr detected from text") || !strings.Contains(got, "area futures") {
		t.Errorf("reason shown: %q", got)
	}
	b.screenshot("routing-ticket")

	// The one escalation control: up without a summary is refused and
	// changes nothing.
	b.fill(map[string]string{`#escalate-to`: "tier:2", `#escalate-form textarea[name="reason"]`: "Needs an investigation of the liquidation"})
	if status := b.submit("#escalate-form"); status != 400 {
		t.Errorf("hand-off without summary: status %d, want 400", status)
	}
	b.open(fmt.Sprintf("/tickets/%d", created.ID))
	b.fill(map[string]string{
		`#escalate-to`:                            "tier:2",
		`#escalate-form textarea[name="reason"]`:  "Needs an investigation of the liquidation",
		`#escalate-form textarea[name="summary"]`: "Customer says margin was enough; <b>check</b> the mark price at 14:02 UTC.",
	})
	if status := b.submit("#escalate-form"); status != 200 {
		t.Fatalf("hand-off: status %d", status)
	}
	// The summary is read like a note (secrets cut, HTML read as its
	// text): the words stay, the markup is neither kept nor run.
	if got := b.text("#escalations"); !strings.Contains(got, "check the mark price") || strings.Contains(got, "<b>") || !strings.Contains(got, "Tier 1 → Tier 2") {
		t.Errorf("escalation history with its summary as text: %q", got)
	}
	if n := eval[int](b, `document.querySelectorAll("#escalations b").length`); n != 0 {
		t.Errorf("%d <b> elements in the escalation history: the summary's markup ran", n)
	}
	if got := b.text("#route-queue"); !strings.Contains(got, "Futures · Turkish · Tier 2") {
		t.Errorf("after hand-off, queue %q", got)
	}
	b.waitFor("the customer's notice in Turkish", `document.body.textContent.includes("uzman ekibe iletildi")`, 5*time.Second)
	b.screenshot("routing-handoff")

	// The availability switch in the header.
	b.fill(map[string]string{"#availability": "break"})
	if status := b.navigate("take a break", chromedp.Submit(chromedp.CSS("#availability-form"))); status != 200 {
		t.Errorf("availability switch: status %d", status)
	}
	b.wantPath(fmt.Sprintf("/tickets/%d?done=escalated", created.ID))
	b.waitFor("the switch after the break", `document.getElementById("availability").value === "break"`, 10*time.Second)
	b.checkConsole("agent pages", func(e consoleEntry) bool { return strings.Contains(e.text, "400") })
	// The inbox by SLA due time, with its due column.
	b.open("/?sort=due")
	if got := b.text("table.tickets thead"); !strings.Contains(got, "SLA due") {
		t.Errorf("inbox columns: %q", got)
	}
	b.screenshot("inbox-due")

	// The supervisor's pages.
	mei := newBrowser(t, ta.URL)
	mei.open("/login")
	mei.signIn("supervisor@demo.groundcrew.local", DemoPassword+"-2026")
	// A ticket nobody online can take: the supervisor's inbox says so at once.
	mei.waitFor("the routing stream", `document.getElementById("availability").value === "offline"`, 10*time.Second)
	time.Sleep(300 * time.Millisecond) // the stream's signal subscription is in place once its first event came
	ta.do("POST", "/api/v1/tickets", "", map[string]any{
		"subject": "บัญชีถูกล็อก", "channel": "email", "language": "th", "product_area": "kyc",
		"message": "บัญชีของฉันถูกล็อก ช่วยด้วย", "customer": map[string]any{"external_id": "story-th-1", "language": "th"},
	}, nil)
	mei.waitFor("the unstaffed alert", `[...document.querySelectorAll("#routing-alerts .routing-alert")].some(a => a.textContent.includes("waits in queue"))`, 15*time.Second)
	mei.screenshot("routing-alert")
	mei.open("/admin/queues")
	if n := eval[int](mei, `document.querySelectorAll("#queue-list tbody tr").length`); n != 8 {
		t.Errorf("%d queues listed, want 8", n)
	}
	mei.fill(map[string]string{`#edit-queue input[name="name"]`: "Futures · all · Tier 1", `#edit-queue input[name="rule"]`: "area=futures", `#edit-queue input[name="position"]`: "1"})
	mei.navigate("dry run", chromedp.Click(chromedp.CSS(`#edit-queue button[name="try"]`)))
	if got := mei.text("#dry-list"); !strings.Contains(got, "Futures · all · Tier 1 (trying)") {
		t.Errorf("dry run does not show the tried queue: %q", got)
	}
	mei.screenshot("routing-queues")
	mei.fill(map[string]string{`#edit-queue input[name="rule"]`: "area=moon"})
	if status := mei.submit("#edit-queue"); status != 400 || !strings.Contains(mei.text("#edit-queue"), "not one of") {
		t.Errorf("bad rule: status %d, form %q", status, mei.text("#edit-queue"))
	}
	mei.open("/admin/skills")
	if got := mei.text("#skills"); !strings.Contains(got, "Ayşe Futures TR") || !strings.Contains(got, "break") {
		t.Errorf("skills page: %q", got)
	}
	mei.screenshot("routing-skills")
	mei.checkConsole("supervisor pages", func(e consoleEntry) bool { return strings.Contains(e.text, "400") })
}
