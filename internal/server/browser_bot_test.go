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

// The bot in the widget, as issue 10's done-when story tells it: a Russian
// customer's missing deposit is diagnosed in Russian; "I got hacked!!"
// offers the freeze, the button freezes the account, and the ticket is in
// the security queue as urgent.
func TestBrowserBotStory(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true, func(c *Config) { c.Bot = true })
	b := newBrowser(t, ta.URL)

	b.open("/demo/exchange?as=" + sandbox.UserLiWei + "&lang=ru")
	b.openWidget()
	b.waitInFrame("the toolbar", `doc.querySelectorAll("#toolbar button").length === 8 && doc.querySelector("#toolbar button").textContent === "Проверить депозит"`)
	b.typeInWidget("мой депозит USDT не пришёл " + sandbox.TxWrongNetwork)
	b.waitInFrame("the bot's diagnosis in Russian", `[...doc.querySelectorAll("li.bot .bubble")].some(e => e.textContent.includes("Что делать дальше:"))`)
	b.do("settle", chromedp.Sleep(300*time.Millisecond))
	b.viewportShot("widget-bot")

	b.open("/demo/exchange?as=" + sandbox.UserMaria + "&lang=en")
	b.openWidget()
	b.typeInWidget("I got hacked!!")
	b.waitInFrame("the freeze offered", `!!doc.querySelector('#choices button[data-choice="freeze"]')`)
	b.viewportShot("widget-bot-freeze")
	b.do("freeze", chromedp.Evaluate[chromedp.Void](frameDoc+`.querySelector('#choices button[data-choice="freeze"]').click()`))
	b.waitInFrame("the account frozen", `[...doc.querySelectorAll("li.bot .bubble")].some(e => e.textContent.startsWith("Your account is frozen"))`)

	tk := b.widgetTicket(ta, sandbox.UserMaria)
	var route struct {
		QueueName string `json:"queue_name"`
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var got ticket.Ticket
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", nil, &got)
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d/route", tk.ID), "", nil, &route)
		if got.Priority == "urgent" && route.QueueName == "Security · Tier 3" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("ticket %d: priority %s, queue %q; want urgent in the security queue", tk.ID, got.Priority, route.QueueName)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var acct struct {
		State string `json:"state"`
	}
	ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d/account", tk.ID), "", nil, &acct)
	if acct.State != "frozen" {
		t.Errorf("account state %q, want frozen", acct.State)
	}
	if texts := b.widgetTexts("li.bot"); !strings.Contains(strings.Join(texts, "\n"), "bot, not a person") {
		t.Errorf("the bot did not say it is a bot: %q", texts)
	}
	b.checkConsole("bot story", func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") })
}
