package chat_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/server"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestWidgetCallback: with phone support configured, welcome offers the
// next callback windows; a callback_request books the callback on the
// conversation's ticket (the agents' callback list shows it, the ticket
// carries the confirmation in the customer's language) and answers
// callback_ok. No number, a window in the past, a wrong number and too
// many requests are error frames, and nothing is stored for them. The
// number booked is offered, masked, on the next welcome.
func TestWidgetCallback(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) { testWidgetCallback(t, newNode(t, engine, withPhone)) })
	}
}

func testWidgetCallback(t *testing.T, n *node) {
	{
		c := n.dial(chat.In{Token: userJWT(t, "u-callback", nil), Lang: "de"})
		var info struct {
			Slots  []struct{ Start, End string }
			Number string
		}
		if err := json.Unmarshal(c.Welcome.Callback, &info); err != nil || len(info.Slots) != 8 || info.Number != "" {
			t.Fatalf("welcome's callback offer %s: %v", c.Welcome.Raw, err)
		}
		conv := *n.send(c, "Bitte rufen Sie mich an").Conversation
		ctx, cancel := timeout()
		defer cancel()
		count := func() int {
			t.Helper()
			var k int
			if err := n.DB().QueryRow(ctx, `SELECT COUNT(*) FROM phone_callbacks`).Scan(&k); err != nil {
				t.Fatal(err)
			}
			return k
		}
		// answer skips the conversation's message frames (the confirmation).
		answer := func(in chat.In) chat.Frame {
			t.Helper()
			in.Type = "callback_request"
			if err := c.Write(ctx, in); err != nil {
				t.Fatal(err)
			}
			for {
				if f := next(t, c); f.Type == "callback_ok" || f.Type == "error" {
					return f
				}
			}
		}
		slot := chat.In{WindowStart: info.Slots[0].Start, WindowEnd: info.Slots[0].End}
		past := time.Now().Add(-3 * time.Hour).UTC()
		for _, bad := range []struct {
			in    chat.In
			field string
		}{
			{chat.In{WindowStart: slot.WindowStart, WindowEnd: slot.WindowEnd}, "number"},
			{chat.In{Number: "+49 30 1234 5678", WindowStart: past.Format(time.RFC3339), WindowEnd: past.Add(time.Hour).Format(time.RFC3339)}, "window_end"},
			{chat.In{Number: "12", WindowStart: slot.WindowStart, WindowEnd: slot.WindowEnd}, "number"},
			{chat.In{Number: "+49 30 1234 5678", WindowStart: "tomorrow", WindowEnd: slot.WindowEnd}, "window_start"},
		} {
			f := answer(bad.in)
			if f.Type != "error" || f.Code != chat.CodeInvalidField || f.Field != bad.field || f.Ref != "callback_request" || f.Fatal {
				t.Fatalf("request %+v: got %s, want invalid_field on %s", bad.in, f.Raw, bad.field)
			}
		}
		if k := count(); k != 0 {
			t.Fatalf("%d callbacks stored after refused requests", k)
		}

		ok := slot
		ok.ID, ok.Number = "cb-1", "+49 30 1234 5678"
		f := answer(ok)
		if f.Type != "callback_ok" || f.ID != "cb-1" || f.WindowStart != info.Slots[0].Start || !strings.Contains(f.Text, "Wir rufen Sie") || !strings.Contains(f.Text, "+49 ••• ••• 78") {
			t.Fatalf("booked: got %s", f.Raw)
		}
		var list struct {
			Callbacks []struct {
				TicketID int64  `json:"ticket_id"`
				Source   string `json:"source"`
				Number   string `json:"number"`
			} `json:"callbacks"`
		}
		if code := n.api("GET", "/api/v1/phone/callbacks", nil, &list); code != 200 || len(list.Callbacks) != 1 ||
			list.Callbacks[0].TicketID != conv || list.Callbacks[0].Source != "widget" || strings.Contains(list.Callbacks[0].Number, "1234") {
			t.Fatalf("agents' callbacks: HTTP %d %+v, want one widget callback on conversation %d, masked", code, list, conv)
		}
		confirmed := false
		for _, m := range n.ticket(conv).Messages {
			confirmed = confirmed || m.AuthorKind == "system" && !m.Internal && strings.Contains(m.Body, "Wir rufen Sie")
		}
		if !confirmed {
			t.Fatalf("no confirmation on ticket %d: %+v", conv, n.ticket(conv).Messages)
		}

		// The next socket is offered the number, masked, and may use it.
		c2 := n.dial(chat.In{Token: userJWT(t, "u-callback", nil), Lang: "de"})
		if err := json.Unmarshal(c2.Welcome.Callback, &info); err != nil || info.Number != "+49 ••• ••• 78" {
			t.Fatalf("second welcome's callback offer %s", c2.Welcome.Raw)
		}
		c = c2
		known := slot
		known.UseKnown = true
		// The limit is five an hour per customer: the refused window and
		// number counted, the booking too.
		for range 2 {
			if f := answer(known); f.Type != "callback_ok" {
				t.Fatalf("with the known number: got %s", f.Raw)
			}
		}
		if f := answer(known); f.Type != "error" || f.Code != chat.CodeRateLimited || f.Ref != "callback_request" {
			t.Fatalf("sixth request in the hour: got %s, want rate_limited", f.Raw)
		}
		if k := count(); k != 3 {
			t.Fatalf("%d callbacks stored, want 3", k)
		}
	}
}

func withPhone(c *server.Config) { c.PhoneSecret = "phone-test-secret-0123456789" }
