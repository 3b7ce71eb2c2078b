package server

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

func init() {
	openAPITypes["SnoozeRequest"] = ticket.SnoozeRequest{}
	openAPITypes["EscalationRequest"] = routing.Escalation{}
	openAPIResponseTypes["DueInfo"] = ticket.DueInfo{}
	openAPIResponseTypes["Snooze"] = ticket.Snooze{}
	openAPIResponseTypes["InboxPage"] = web.List[ticket.Ticket]{}
}

// TestInboxAPISnooze: the inbox API's sort and views, and snoozing through
// the API; bad input is refused and changes nothing.
func TestInboxAPISnooze(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("snooze"), &tk)
		path := fmt.Sprintf("/api/v1/tickets/%d/snooze", tk.ID)
		inView := func(view string) bool {
			t.Helper()
			var page web.List[ticket.Ticket]
			if resp := ta.do("GET", "/api/v1/inbox?sort=due&view="+view, "", nil, &page); resp.StatusCode != http.StatusOK {
				t.Fatalf("inbox %s: %d", view, resp.StatusCode)
			}
			for _, x := range page.Items {
				if x.ID == tk.ID {
					return true
				}
			}
			return false
		}
		for _, bad := range []struct{ path, body string }{
			{"/api/v1/inbox?sort=oldest", ""},
			{"/api/v1/inbox?view=mentions", ""},
			{"/api/v1/inbox?cursor=x", ""},
			{path, `{}`},
			{path, `{"until":"2001-01-01T00:00:00Z"}`},
			{path, `{"until_reply":true,"extra":1}`},
		} {
			method := "GET"
			var body any
			if bad.body != "" {
				method, body = "POST", bad.body
			}
			if resp := ta.do(method, bad.path, "", body, nil); resp.StatusCode != http.StatusBadRequest {
				t.Errorf("%s %s %s: %d, want 400", method, bad.path, bad.body, resp.StatusCode)
			}
		}
		if !inView("unassigned") || inView("snoozed") {
			t.Fatal("before the snooze the ticket is not where it should be")
		}
		var got ticket.Ticket
		until := time.Now().Add(3 * time.Hour).UTC().Truncate(time.Second)
		if resp := ta.do("POST", path, "", map[string]any{"until": until, "until_reply": true}, &got); resp.StatusCode != http.StatusOK {
			t.Fatalf("snooze: %d", resp.StatusCode)
		}
		if got.Snooze == nil || got.Snooze.Until == nil || !got.Snooze.Until.Equal(until) || !got.Snooze.UntilReply || got.Status != ticket.StatusPendingCustomer {
			t.Fatalf("snoozed ticket: status %s, snooze %+v", got.Status, got.Snooze)
		}
		if inView("unassigned") || !inView("snoozed") {
			t.Fatal("the snoozed ticket is still in the unassigned view, or not in the snoozed one")
		}
		if resp := ta.do("DELETE", path, "", nil, nil); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("unsnooze: %d", resp.StatusCode)
		}
		if !inView("unassigned") {
			t.Fatal("after waking it the ticket is not back")
		}
	})
}
