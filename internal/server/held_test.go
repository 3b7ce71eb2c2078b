package server

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// heldText is a reply the real guard holds for review: its rules refuse
// it (a photo of the recovery sheet), its learned reader does not
// (ticketguard's TestScreenReview pins the same sentence).
const heldText = "Internal: customer posted a photo of their recovery sheet in chat. Attachment deleted, advised a fresh wallet and moving funds."

// TestHeldReplyAPI: an agent's held reply answers 409 with the held
// problem and the reply's URL; the author asks for review, a supervisor
// (not a tier-1 agent) finds it in the queue and releases it, and it is
// the author's message on the ticket.
func TestHeldReplyAPI(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("held"), &tk)
		writerID, writer := ta.agentToken(auth.Tier1)
		_, boss := ta.agentToken(auth.Supervisor)
		base := fmt.Sprintf("/api/v1/tickets/%d", tk.ID)

		var p web.Problem
		if resp := ta.do("POST", base+"/messages", writer, map[string]any{"body": heldText}, &p); resp.StatusCode != 409 ||
			p.Type != "https://groundcrew.dev/problems/held" || !strings.HasPrefix(p.Instance, "/api/v1/held-replies/") || p.Detail == "" {
			t.Fatalf("held reply: %d %+v", resp.StatusCode, p)
		}
		heldURL := p.Instance
		var list web.List[ticket.HeldReply]
		ta.do("GET", base+"/held-replies", writer, nil, &list)
		if len(list.Items) != 1 || heldURL != "/api/v1/held-replies/"+strconv.FormatInt(list.Items[0].ID, 10) || list.Items[0].AuthorID != writerID {
			t.Fatalf("held replies %+v (problem instance %s)", list.Items, heldURL)
		}
		if resp := ta.do("GET", "/api/v1/held-replies", writer, nil, nil); resp.StatusCode != 403 {
			t.Errorf("a tier-1 agent read the review queue: %d", resp.StatusCode)
		}
		if resp := ta.do("POST", heldURL+"/review", boss, nil, nil); resp.StatusCode != 403 {
			t.Errorf("someone else asked for review: %d", resp.StatusCode)
		}
		// The writer has the ticket open: each decision is a notification there.
		events := ta.stream(fmt.Sprintf("/live/tickets/%d?after=0", tk.ID), writer, "")
		next(t, events, "hello", nil)
		held := func(e sseEvent) bool { return strings.Contains(e.Data, `"kind":"held"`) }
		var hr ticket.HeldReply
		if resp := ta.do("POST", heldURL+"/review", writer, nil, &hr); resp.StatusCode != 200 || hr.Status != ticket.HeldReview {
			t.Fatalf("ask review: %d %+v", resp.StatusCode, hr)
		}
		ta.do("GET", "/api/v1/held-replies", boss, nil, &list)
		if len(list.Items) != 1 || list.Items[0].Status != ticket.HeldReview {
			t.Fatalf("queue %+v", list.Items)
		}
		if resp := ta.do("POST", heldURL+"/release", boss, `{"note":"fine","extra":1}`, nil); resp.StatusCode != 400 {
			t.Errorf("unknown field: %d, want 400", resp.StatusCode)
		}
		if resp := ta.do("POST", heldURL+"/release", boss, map[string]any{"note": "an internal remark, nothing asked"}, &hr); resp.StatusCode != 200 ||
			hr.Status != ticket.HeldReleased || hr.MessageID == nil {
			t.Fatalf("release: %d %+v", resp.StatusCode, hr)
		}
		if n := next(t, events, "notify", held); !strings.Contains(n.Data, "released and sent") || !strings.Contains(n.Data, "an internal remark, nothing asked") {
			t.Errorf("release notification = %s", n.Data)
		}
		var got ticket.Ticket
		ta.do("GET", base, writer, nil, &got)
		last := got.Messages[len(got.Messages)-1]
		if last.ID != *hr.MessageID || last.Body != heldText || last.AuthorID == nil || *last.AuthorID != writerID {
			t.Fatalf("released message %+v", last)
		}
		if resp := ta.do("POST", heldURL+"/reject", boss, map[string]any{"note": "late"}, nil); resp.StatusCode != 409 {
			t.Errorf("reject after release: %d, want 409", resp.StatusCode)
		}
		// A rejected reply stays on its ticket with the reason.
		var tk2 ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("held-2"), &tk2)
		base = fmt.Sprintf("/api/v1/tickets/%d", tk2.ID)
		p = web.Problem{}
		if resp := ta.do("POST", base+"/messages", writer, map[string]any{"body": heldText}, &p); resp.StatusCode != 409 {
			t.Fatalf("second held reply: %d %+v", resp.StatusCode, p)
		}
		if resp := ta.do("POST", p.Instance+"/reject", boss, map[string]any{"note": "say it as a warning instead"}, &hr); resp.StatusCode != 200 || hr.Status != ticket.HeldRejected {
			t.Fatalf("reject: %d %+v", resp.StatusCode, hr)
		}
		// Notified on the other ticket's page, with the supervisor's reason.
		if n := next(t, events, "notify", held); !strings.Contains(n.Data, fmt.Sprintf(`"ticket_id":%d`, tk2.ID)) ||
			!strings.Contains(n.Data, "rejected") || !strings.Contains(n.Data, "say it as a warning instead") {
			t.Errorf("rejection notification = %s", n.Data)
		}
		ta.do("GET", base+"/held-replies", writer, nil, &list)
		if len(list.Items) != 1 || list.Items[0].Status != ticket.HeldRejected || list.Items[0].Note != "say it as a warning instead" {
			t.Fatalf("after rejection the ticket lists %+v", list.Items)
		}
	})
}

// TestBrowserHeldReply: the agent sees why the reply was held, keeps the
// text to rephrase and asks a supervisor; the admin releases it from the
// queue page and it appears in the conversation as the agent's.
func TestBrowserHeldReply(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			ta := newTestApp(t, engine, true)
			b := newBrowser(t, ta.URL)
			var created struct {
				ID int64 `json:"id"`
			}
			ta.do("POST", "/api/v1/tickets", testAdminToken, map[string]any{"subject": "Wallet drained", "message": "Someone emptied my wallet after I posted a photo.",
				"channel": "email", "customer": map[string]any{"external_id": "u-held-1"}}, &created)
			if _, err := ta.auth.CreateAgent(t.Context(), auth.NewAgent{Email: "tina@example.com", Name: "Tina Tier", Role: auth.Tier1, Password: "a-long-enough-password"}); err != nil {
				t.Fatal(err)
			}
			page := "/tickets/" + strconv.FormatInt(created.ID, 10)
			b.open("/login")
			if st := b.signIn("tina@example.com", "a-long-enough-password"); st != 200 {
				t.Fatalf("sign in: %d", st)
			}
			b.open(page)
			b.fill(map[string]string{"#reply-body": heldText})
			if st := b.navigate("send", chromedp.Click(chromedp.CSS(`#reply-send`))); st != 202 {
				t.Fatalf("send a held reply: %d, want 202", st)
			}
			if got := b.text("#held-replies .held-now .held-why"); !strings.Contains(got, "held, not sent") || !strings.Contains(got, "review") {
				t.Errorf("why %q", got)
			}
			if got := eval[string](b, `document.querySelector('#reply-body').value`); got != heldText {
				t.Errorf("the draft to rephrase is %q", got)
			}
			if n := eval[int](b, `[...document.querySelectorAll('#messages .body')].filter(e => e.textContent.includes('recovery sheet')).length`); n != 0 {
				t.Errorf("the held reply shows as sent")
			}
			b.screenshot("held-reply-agent-" + string(engine))
			if st := b.navigate("ask a supervisor", chromedp.Click(chromedp.CSS(`#held-replies button[id^="ask-review-"]`))); st != 200 {
				t.Fatalf("ask a supervisor: %d", st)
			}
			if got := b.text("#held-replies .held-state"); !strings.Contains(got, "supervisor is asked") {
				t.Errorf("state after asking %q", got)
			}
			b.checkConsole("held reply, agent", pageRefusal)
			b.navigate("sign out", chromedp.Click(chromedp.CSS(`header form[action="/logout"] button[type="submit"]`)))

			b.open("/login")
			if st := b.signIn("admin@groundcrew.local", "test-admin-password"); st != 200 {
				t.Fatalf("admin sign in: %d", st)
			}
			b.open("/held-replies")
			if got := b.text("#held-list"); !strings.Contains(got, "recovery sheet") || !strings.Contains(got, "Tina Tier") || !strings.Contains(got, "Ticket #") {
				t.Errorf("queue %q", got)
			}
			b.screenshot("held-replies-queue-" + string(engine))
			if st := b.submit(`#held-list form[action$="/release"]`); st != 200 {
				t.Fatalf("release: %d", st)
			}
			if got := b.text(".ok"); !strings.Contains(got, "Released") {
				t.Errorf("notice %q", got)
			}
			if got := b.text("#held-empty"); !strings.Contains(got, "No replies wait") {
				t.Errorf("queue after release %q", got)
			}
			b.open(page)
			authors := eval[[]string](b, `[...document.querySelectorAll('#messages .author')].map(e => e.textContent)`)
			bodies := eval[[]string](b, `[...document.querySelectorAll('#messages .body')].map(e => e.textContent)`)
			if len(bodies) == 0 || bodies[len(bodies)-1] != heldText || authors[len(authors)-1] != "Tina Tier" {
				t.Errorf("conversation after release: %q by %q", bodies, authors)
			}
			if n := eval[int](b, `document.querySelectorAll('#held-replies').length`); n != 0 {
				t.Error("the released reply still shows as held")
			}
			b.checkConsole("held reply, supervisor", pageRefusal)
		})
	}
}
