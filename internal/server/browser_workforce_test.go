package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/workforce"
)

// TestBrowserSupervisorAndCoverage: the supervisor view updates live when
// a chat arrives, the surge switch turns on with one click, a shift added
// on the rota page fills its hours of the coverage grid (the rest stay
// gaps), and on the ticket page abusive customer text collapses with one
// click and the agent can flag the conversation.
func TestBrowserSupervisorAndCoverage(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			ta, b := adminSignedIn(t, engine)
			if st := b.open("/supervisor"); st != 200 {
				t.Fatalf("supervisor view: %d", st)
			}
			if n := eval[int](b, `document.querySelectorAll('#queue-board tr[data-queue]').length`); n < 2 {
				t.Fatalf("%d queues on the board, want the demo's", n)
			}
			before := eval[int](b, `[...document.querySelectorAll('#queue-board [data-k=waiting]')].reduce((n, e) => n + parseInt(e.textContent), 0)`)
			b.waitFor("the live stream's first push", `!!document.getElementById('supervisor').dataset.updated`, 10*time.Second)
			body := newTicketBody("browser-live")
			body["channel"], body["message"] = "chat", "Bonjour, mon retrait de USDT est bloqué depuis hier"
			var tk ticket.Ticket
			ta.do("POST", "/api/v1/tickets", "", body, &tk)
			b.waitFor("the new chat on the board without a reload", fmt.Sprintf(
				`[...document.querySelectorAll('#queue-board [data-k=waiting]')].reduce((n, e) => n + parseInt(e.textContent), 0) === %d`, before+1), 15*time.Second)

			if st := b.submit("form.surge-form"); st != 200 {
				t.Fatalf("surge switch: %d", st)
			}
			if got := b.text("#surge-state"); !strings.Contains(got, "Surge is on") {
				t.Errorf("after the switch: %q", got)
			}
			if got := b.text(".notice"); !strings.Contains(got, "waiting chat customers were told") {
				t.Errorf("notice %q", got)
			}
			b.screenshot("supervisor-" + string(engine))

			// The rota page: a shift on the first team, Monday 09-17 UTC.
			if st := b.open("/workforce/shifts?week=2026-03-04"); st != 200 {
				t.Fatalf("shifts page: %d", st)
			}
			b.fill(map[string]string{`#add-shift input[name=starts_at]`: "2026-03-03T09:00", `#add-shift input[name=ends_at]`: "2026-03-03T08:00"})
			if st := b.submit("#add-shift form"); st != 400 {
				t.Errorf("a shift ending before it starts: %d, want 400", st)
			}
			if got := b.text("#add-shift .field-error"); !strings.Contains(got, "ends after it starts") {
				t.Errorf("field error %q", got)
			}
			teams, err := ta.auth.Teams(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			var team, member int64
			for _, tm := range teams {
				if len(tm.Members) > 0 {
					team, member = tm.ID, tm.Members[0]
					break
				}
			}
			if team == 0 {
				t.Fatal("the demo has no team with members")
			}
			b.fill(map[string]string{`#add-shift select[name=team_id]`: fmt.Sprint(team), `#add-shift select[name=agent_id]`: fmt.Sprint(member),
				`#add-shift select[name=kind]`: "shift", `#add-shift input[name=starts_at]`: "2026-03-03T09:00", `#add-shift input[name=ends_at]`: "2026-03-03T17:00"})
			if st := b.submit("#add-shift form"); st != 200 {
				t.Fatalf("add shift: %d: %s", st, b.text("#shifts"))
			}
			if got := b.text("#shift-list"); !strings.Contains(got, "Tue 3 Mar 09:00") {
				t.Errorf("shift list %q", got)
			}
			covered := eval[int](b, fmt.Sprintf(`document.querySelectorAll('.coverage[data-team="%d"] td.covered').length`, team))
			gaps := eval[int](b, fmt.Sprintf(`document.querySelectorAll('.coverage[data-team="%d"] td.gap').length`, team))
			if covered != 8 || gaps != 160 {
				t.Errorf("coverage: %d covered hours and %d gaps, want 8 and 160", covered, gaps)
			}
			if n := eval[int](b, `document.querySelectorAll('#manager-rota tr[data-agent]').length`); n == 0 {
				t.Error("the manager rota lists no managers (the demo's admin is one)")
			}
			b.screenshot("coverage-" + string(engine))

			// Abusive text collapses with one click; the agent flags it.
			body = newTicketBody("browser-abuse")
			body["message"] = "You are useless idiots, give me my money back"
			ta.do("POST", "/api/v1/tickets", "", body, &tk)
			b.open(fmt.Sprintf("/tickets/%d", tk.ID))
			if n := eval[int](b, `document.querySelectorAll('#messages li.msg.abusive').length`); n != 1 {
				t.Fatalf("%d messages marked abusive, want 1", n)
			}
			b.do("collapse", chromedp.Click(chromedp.CSS("#collapse-abuse")))
			b.waitFor("abusive text hidden", `getComputedStyle(document.querySelector('#messages li.msg.abusive .body')).display === 'none'`, 5*time.Second)
			if st := b.navigate("flag", chromedp.Click(chromedp.CSS(`#flag-form button[value=abusive]`))); st != 200 {
				t.Fatalf("flag: %d", st)
			}
			if got := b.text("#flagged-notice"); !strings.Contains(got, "few minutes without new chats") {
				t.Errorf("flag notice %q", got)
			}
			var w workforce.Workload
			ta.do("GET", "/api/v1/agents/1/workload", "", nil, &w)
			if w.RestingUntil == nil {
				t.Errorf("the flagging admin is not resting: %+v", w)
			}
			b.checkConsole("supervisor and coverage", pageRefusal)
		})
	}
}
