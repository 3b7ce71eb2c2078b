package server

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/phone"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/telegram/telegramtest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// A Telegram chat and phone calls end to end through the whole node: the
// fake Bot API server plays Telegram, signed requests play the provider.
func TestTelegramAndPhoneStory(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			fake := telegramtest.New(t, "42:story")
			const secret = "phone-secret-0123456789"
			ta := newTestApp(t, engine, false, func(c *Config) {
				c.TelegramToken, c.TelegramAPI, c.TelegramBot, c.PhoneSecret = "42:story", fake.URL, "@StoryExchangeBot", secret
			})
			// /verify knows the bot.
			if code, v := ta.verify("@StoryExchangeBot"); code != 200 || !v.Official {
				t.Fatalf("verify the bot: %d %+v", code, v)
			}
			// A Telegram message becomes a ticket; the agent's reply goes out.
			fake.Queue(fake.Text(501, "es", "No me llegó el depósito"))
			var tid int64
			eventually(t, func() bool {
				tid = int64(ta.count(`SELECT COALESCE(MAX(ticket_id), 0) FROM telegram_tickets WHERE chat_id = 501`))
				return tid != 0
			})
			var tk ticket.Ticket
			ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tid), "", nil, &tk)
			if tk.Channel != "telegram" || tk.Language != "es" {
				t.Fatalf("ticket %+v", tk)
			}
			if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/messages", tid), "", map[string]string{"body": "Lo revisamos ahora."}, nil); resp.StatusCode != 201 {
				t.Fatalf("reply: %d", resp.StatusCode)
			}
			eventually(t, func() bool {
				for _, m := range fake.Messages() {
					if m.ChatID == 501 && m.Text == "Lo revisamos ahora." {
						return true
					}
				}
				return false
			})
			// Solved: the CSAT question comes with buttons 1-5; a press
			// answers it through the bot's updates.
			if resp := ta.do("PATCH", fmt.Sprintf("/api/v1/tickets/%d", tid), "", map[string]string{"status": "solved"}, nil); resp.StatusCode != 200 {
				t.Fatalf("solve: %d", resp.StatusCode)
			}
			var buttons []string
			eventually(t, func() bool {
				for _, m := range fake.Messages() {
					if m.ChatID == 501 && len(m.Buttons) == 5 && strings.HasPrefix(m.Text, "¿Cómo valorarías") {
						buttons = m.Buttons
					}
				}
				return buttons != nil
			})
			fake.Queue(fake.Press(501, "es", buttons[4]))
			eventually(t, func() bool {
				return ta.count(fmt.Sprintf(`SELECT COUNT(*) FROM surveys WHERE ticket_id = %d AND kind = 'csat' AND score = 5`, tid)) == 1
			})

			// A signed call that is answered, then one that is missed.
			post := func(e map[string]any) (int, phone.Outcome) {
				raw, _ := json.Marshal(e)
				ts := strconv.FormatInt(time.Now().Unix(), 10)
				sig := phone.Sign([]byte(secret), time.Now().Unix(), raw)
				var out phone.Outcome
				resp := ta.do("POST", phoneEventsPath, "-", string(raw), &out, phone.TimestampHeader, ts, phone.SignatureHeader, sig)
				return resp.StatusCode, out
			}
			now := time.Now().UTC()
			call := func(id, typ string) map[string]any {
				return map[string]any{"id": id, "call_id": "call-1", "type": typ, "at": now, "from": "+1 415 555 0100", "agent": "ana", "duration_seconds": 61}
			}
			for _, typ := range []string{"ringing", "answered", "ended"} {
				if code, _ := post(call("a-"+typ, typ)); code != 200 {
					t.Fatalf("%s: %d", typ, code)
				}
			}
			if code, out := post(call("a-ended", "ended")); code != 200 || !out.Duplicate {
				t.Fatalf("replayed event: %d %+v", code, out)
			}
			raw, _ := json.Marshal(call("forged", "ended"))
			if resp := ta.do("POST", phoneEventsPath, "-", string(raw), nil, phone.TimestampHeader, strconv.FormatInt(now.Unix(), 10), phone.SignatureHeader, "v1=00"); resp.StatusCode != 401 {
				t.Fatalf("forged event: %d", resp.StatusCode)
			}
			var calls struct{ Calls []phone.Call }
			_, out := post(map[string]any{"id": "m-1", "call_id": "call-2", "type": "ended", "at": now, "from": "+1 415 555 0100"})
			if !out.Missed || out.Callback == 0 {
				t.Fatalf("missed call: %+v", out)
			}
			ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d/calls", out.TicketID), "", nil, &calls)
			if len(calls.Calls) != 2 || calls.Calls[0].Number != "+14 ••• ••• 00" {
				t.Fatalf("call log %+v", calls)
			}
			var cbs struct{ Callbacks []phone.Callback }
			ta.do("GET", "/api/v1/phone/callbacks", "", nil, &cbs)
			if len(cbs.Callbacks) != 1 || cbs.Callbacks[0].Source != "missed" {
				t.Fatalf("callbacks %+v", cbs)
			}
			// The phone ticket is routed to a queue like any other.
			eventually(t, func() bool {
				return ta.count(`SELECT COUNT(*) FROM tickets WHERE id = ? AND queue_id IS NOT NULL`, out.TicketID) == 1
			})
			// The workspace shows both channels and the call log.
			code, body := ta.page(testAdminToken, "/")
			if code != 200 || !strings.Contains(body, `title="Telegram"`) || !strings.Contains(body, `title="Phone"`) {
				t.Fatalf("inbox %d lacks the channel marks", code)
			}
			code, body = ta.page(testAdminToken, fmt.Sprintf("/tickets/%d", out.TicketID))
			if code != 200 || !strings.Contains(body, `id="call-log"`) || !strings.Contains(body, "missed") || strings.Contains(body, "555 0100") {
				t.Fatalf("ticket page %d: call log missing or the number unmasked", code)
			}
			if code, body = ta.page(testAdminToken, "/callbacks"); code != 200 || !strings.Contains(body, "Missed call") {
				t.Fatalf("callbacks page %d", code)
			}
			if engine == storetest.Engines()[0] {
				browseChannels(t, ta, out.TicketID)
			}
		})
	}
}

// browseChannels looks at the pages in Chromium: the call log, the
// callbacks with a number revealed, the admin page, and a customer's
// callback request through the form (its script fills the time zone).
func browseChannels(t *testing.T, ta *testApp, phoneTicket int64) {
	b := newBrowser(t, ta.URL)
	b.open("/login")
	if status := b.signIn("admin@groundcrew.local", "test-admin-password"); status != 200 {
		t.Fatalf("sign in: %d", status)
	}
	b.open(fmt.Sprintf("/tickets/%d", phoneTicket))
	if got := b.text("#call-log"); !strings.Contains(got, "missed") || !strings.Contains(got, "+14 ••• ••• 00") {
		t.Fatalf("call log: %q", got)
	}
	b.screenshot("phone-ticket")
	b.open("/callbacks")
	b.do("reason", chromedp.SendKeys(chromedp.CSS(`#callback-list input[name="reason"]`), "calling back the missed call"))
	if status := b.submit(`#callback-list form[action$="/reveal"]`); status != 200 || !strings.Contains(b.text("#revealed"), "+14155550100") {
		t.Fatalf("reveal: %d %q", status, b.text("#revealed"))
	}
	b.screenshot("callbacks")
	b.open("/admin/telegram-phone")
	if got := b.text("#tg-bot"); got != "@StoryExchangeBot" {
		t.Fatalf("admin page bot %q", got)
	}
	b.screenshot("telegram-phone-admin")
	b.open("/callback?lang=pt&source=widget")
	b.do("fill", chromedp.SendKeys(chromedp.CSS(`input[name="number"]`), "+55 11 91234 5678"),
		chromedp.SetValue(chromedp.CSS(`input[name="day"]`), time.Now().Add(48*time.Hour).Format("2006-01-02")),
		chromedp.SetValue(chromedp.CSS(`input[name="from"]`), "10:00"), chromedp.SetValue(chromedp.CSS(`input[name="to"]`), "12:00"))
	if status := b.submit("#callback-form"); status != 200 || !strings.Contains(b.text("#callback"), "Pronto") {
		t.Fatalf("callback form: %d %q", status, b.text("#callback"))
	}
	b.screenshot("callback-form")
	b.checkConsole("channels", pageRefusal)
}

// eventually polls cond (see poll) for up to a minute.
func eventually(t *testing.T, cond func() bool) {
	t.Helper()
	if !poll(time.Minute, cond) {
		t.Fatal("condition not met in a minute")
	}
}
