package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestBrowserSLA: an admin adds a policy and a calendar on the SLA page
// (a mistyped target is refused beside its field), and the ticket page's
// SLA panel shows the due times of a new ticket.
func TestBrowserSLA(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			ta, b := adminSignedIn(t, engine)
			b.open("/admin/sla")
			b.fill(map[string]string{`#edit-policy input[name=name]`: "Card <disputes>", `#edit-policy select[name=product_area]`: "card",
				`#edit-policy input[name=first_response]`: "4x", `#edit-policy input[name=resolution]`: "2d"})
			if st := b.submit("#edit-policy form"); st != 400 {
				t.Errorf("a mistyped target: status %d, want 400", st)
			}
			if got := b.text("#edit-policy .field-error"); !strings.Contains(got, "4x") {
				t.Errorf("field error %q, want it to name the typed value", got)
			}
			b.fill(map[string]string{`#edit-policy input[name=first_response]`: "2h"})
			if st := b.submit("#edit-policy form"); st != 200 {
				t.Fatalf("add policy: status %d", st)
			}
			row := eval[string](b, `[...document.querySelectorAll('#policy-list tr[data-id]')].find(r => r.innerText.includes('Card <disputes>'))?.innerText ?? ''`)
			if !strings.Contains(row, "2h") || !strings.Contains(row, "2d") {
				t.Errorf("policy row %q", row)
			}
			b.fill(map[string]string{`#edit-calendar input[name=name]`: "Berlin office", `#edit-calendar input[name=time_zone]`: "Europe/Berlin",
				`#edit-calendar textarea[name=hours]`: "mon-fri 09:00-17:00", `#edit-calendar textarea[name=holidays]`: "2026-12-24 2026-12-25"})
			if st := b.submit("#edit-calendar form"); st != 200 {
				t.Fatalf("add calendar: status %d", st)
			}
			if got := b.text("#calendar-list"); !strings.Contains(got, "Berlin office") || !strings.Contains(got, "Europe/Berlin") {
				t.Errorf("calendar list %q", got)
			}
			b.screenshot("admin-sla-" + string(engine))

			body := newTicketBody("sla-panel")
			body["channel"] = "chat"
			var tk ticket.Ticket
			ta.do("POST", "/api/v1/tickets", "", body, &tk)
			var view sla.TicketSLA
			waitFor(t, func() bool {
				ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d/sla", tk.ID), "", nil, &view)
				return len(view.Timers) == 2
			})
			b.open(fmt.Sprintf("/tickets/%d", tk.ID))
			panel := b.text("#sla-panel")
			if !strings.Contains(panel, "First response") || !strings.Contains(panel, "Resolution") || !strings.Contains(panel, "Policy: Chat") {
				t.Errorf("SLA panel %q", panel)
			}
			if got := b.text("#sla-promise"); !strings.Contains(got, "promised an answer by") {
				t.Errorf("promise %q", got)
			}
			b.screenshot("ticket-sla-" + string(engine))

			// Past the chat's five minutes, the node's scheduler breaches it:
			// the panel says so and the escalation names who made it.
			clock := store.NewFakeClock(time.Now().Add(6 * time.Minute))
			ta.DB().SetClock(clock.Now)
			ta.sla.Service.Wake()
			waitFor(t, func() bool {
				var got ticket.Ticket
				ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", nil, &got)
				return got.Tier == 2
			})
			b.open(fmt.Sprintf("/tickets/%d", tk.ID))
			if got := b.text(`#sla-targets tr[data-target="first_response"]`); !strings.Contains(got, "breached") || !strings.Contains(got, "over") {
				t.Errorf("breached first response row %q", got)
			}
			if got := b.text("#escalations"); !strings.Contains(got, "by the SLA scheduler") || !strings.Contains(got, "SLA breached: the first response was due") {
				t.Errorf("escalations %q", got)
			}
			b.screenshot("ticket-sla-breached-" + string(engine))
			b.checkConsole("sla pages", pageRefusal)
		})
	}
}
