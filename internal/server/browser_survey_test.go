package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestBrowserWidgetSurvey: Karim's chat is solved while the widget is
// open; the widget asks how it went (CSAT 1–5 in his language), and asks
// again when he comes back to the page; he picks 4
// with a comment and sends it; the ticket page's satisfaction card shows
// the answer to the agent. A second answer through the same link is
// refused.
func TestBrowserWidgetSurvey(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	karim := newBrowser(t, ta.URL)
	karim.open("/demo/exchange?as=" + sandbox.UserKarim + "&lang=en")
	karim.openWidget()
	karim.typeInWidget("Is my withdrawal through yet?")
	karim.waitInFrame("the message acknowledged", `[...doc.querySelectorAll("li.mine")].some(li => li.dataset.seq)`)
	tk := karim.widgetTicket(ta, sandbox.UserKarim)

	solved := ticket.StatusSolved
	if _, err := ta.tickets.Store.SystemUpdate(context.Background(), tk.ID, ticket.Update{Status: &solved}, "test", "answered"); err != nil {
		t.Fatal(err)
	}
	karim.waitInFrame("the CSAT survey", `doc.querySelector('li.survey[data-kind="csat"] .survey-score')`)
	// He leaves and comes back: the resumed conversation asks again.
	karim.open("/demo/exchange?as=" + sandbox.UserKarim + "&lang=en")
	karim.openWidget()
	karim.waitInFrame("the CSAT survey after a resume", `doc.querySelectorAll('li.survey[data-kind="csat"]').length === 1 && doc.querySelector('li.survey[data-kind="csat"] .survey-score')`)
	if q := inFrame[string](karim, `doc.querySelector('li.survey[data-kind="csat"] .survey-q').textContent`); q == "" {
		t.Error("the survey has no question")
	}
	if n := inFrame[int](karim, `doc.querySelectorAll('li.survey[data-kind="csat"] .survey-score').length`); n != 5 {
		t.Errorf("the CSAT scale has %d buttons, want 5", n)
	}
	karim.do("answer 4 with a comment", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s; const li = doc.querySelector('li.survey[data-kind="csat"]');
		li.querySelector('.survey-score[data-score="4"]').click(); li.querySelector('.survey-comment').value = "Quick, thanks"; })()`, frameDoc)))
	karim.do("settle", chromedp.Sleep(200*time.Millisecond))
	karim.viewportShot("widget-survey")
	karim.do("send", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`%s.querySelector('li.survey[data-kind="csat"] .survey-send').click()`, frameDoc)))
	karim.waitInFrame("the thanks", `doc.querySelector('li.survey[data-kind="csat"] .survey-thanks')`)
	if got := storetest.Scalar[int64](t, ta.db, `SELECT COALESCE(MAX(score), 0) FROM surveys WHERE ticket_id = ? AND kind = 'csat' AND answered_at > 0`, tk.ID); got != 4 {
		t.Fatalf("stored CSAT %d, want 4", got)
	}
	// The survey is no longer offered, and its link answered again (a
	// second tab, a replay) is refused with a problem body.
	if offers, err := ta.dash.PendingSurveys(context.Background(), tk.ID); err != nil {
		t.Fatal(err)
	} else {
		for _, o := range offers {
			if o.Kind == "csat" {
				t.Errorf("the answered CSAT survey is still offered")
			}
		}
	}
	sid := storetest.Scalar[int64](t, ta.db, `SELECT id FROM surveys WHERE ticket_id = ? AND kind = 'csat'`, tk.ID)
	resp, err := http.Post(ta.URL+"/api/v1/surveys/"+ta.dash.Token(sid, tk.Customer.ID), "application/json", strings.NewReader(`{"score": 1}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 409 || !strings.Contains(string(body), `"status":409`) {
		t.Errorf("a second answer: %d %s", resp.StatusCode, body)
	}
	if got := storetest.Scalar[int64](t, ta.db, `SELECT score FROM surveys WHERE id = ?`, sid); got != 4 {
		t.Errorf("after a refused second answer the score is %d", got)
	}

	mei := newBrowser(t, ta.URL)
	mei.open("/login")
	mei.signIn("supervisor@demo.groundcrew.local", DemoPassword+"-2026")
	if status := mei.open(fmt.Sprintf("/tickets/%d", tk.ID)); status != 200 {
		t.Fatalf("ticket page: %d", status)
	}
	if got := mei.text(`#survey-panel li[data-kind="csat"]`); !strings.Contains(got, "4/5") || !strings.Contains(got, "Quick, thanks") {
		t.Errorf("the satisfaction card says %q", got)
	}
	mei.do("show the card", chromedp.Evaluate[chromedp.Void](`document.getElementById("survey-panel").scrollIntoView({block: "center"})`))
	mei.viewportShot("ticket-survey-panel")
	karim.checkConsole("widget survey", func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") })
}
