package bot_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// ticketView is what the tests read of a ticket through the API.
type ticketView struct {
	Priority string `json:"priority"`
	Tier     int    `json:"tier"`
}

type routeView struct {
	QueueName string `json:"queue_name"`
}

func (n *node) ticket(id int64) ticketView {
	n.t.Helper()
	var t ticketView
	if code := n.api("GET", fmt.Sprintf("/api/v1/tickets/%d", id), nil, &t); code != 200 {
		n.t.Fatalf("GET ticket %d: %d", id, code)
	}
	return t
}

func (n *node) queue(id int64) string {
	n.t.Helper()
	var r routeView
	n.api("GET", fmt.Sprintf("/api/v1/tickets/%d/route", id), nil, &r)
	return r.QueueName
}

func (n *node) accountState(id int64) string {
	n.t.Helper()
	var a struct {
		State string `json:"state"`
	}
	if code := n.api("GET", fmt.Sprintf("/api/v1/tickets/%d/account", id), nil, &a); code != 200 {
		n.t.Fatalf("GET account of ticket %d: %d", id, code)
	}
	return a.State
}

// The done-when story of issue 10: a Russian "my deposit did not arrive"
// with a TxID gets the diagnosis in Russian; "I got hacked!!" goes to the
// security queue as urgent and offers the freeze, which freezes the
// account.
func TestBotStory(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			n := newNode(t, engine)

			li := n.customer(sandbox.UserLiWei, "en")
			li.send("мой депозит USDT не пришёл " + sandbox.TxWrongNetwork)
			answer := li.bot()
			if !strings.Contains(li.intro, "бот") {
				t.Errorf("the bot did not first say it is a bot: %q", li.intro)
			}
			if !strings.Contains(answer, "Что делать дальше:") || !strings.Contains(answer, "сети") {
				t.Errorf("the answer is not the diagnosis in Russian with the next step: %q", answer)
			}
			if n.scalar(`SELECT COUNT(*) FROM audit_log WHERE action = 'bot.deposit_checked'`) != 1 {
				t.Error("the deposit check was not audited")
			}

			maria := n.customer(sandbox.UserMaria, "en")
			maria.send("I got hacked!!")
			if got := maria.bot(); !strings.Contains(got, "security team") {
				t.Errorf("the hand-off does not name the security team: %q", got)
			}
			if got := maria.bot(); !strings.Contains(got, "freeze") {
				t.Errorf("the freeze is not offered: %q", got)
			}
			if choices := maria.flow(); !slices.Equal(choices, []string{"freeze", "cancel"}) {
				t.Errorf("choices = %v, want freeze and cancel", choices)
			}
			n.eventually("the ticket is in the security queue as urgent", func() bool {
				tk := n.ticket(maria.conv)
				return tk.Priority == "urgent" && n.queue(maria.conv) == "Security · Tier 3"
			})
			if n.scalar(`SELECT COUNT(*) FROM messages WHERE ticket_id = ? AND author_kind = 'bot' AND internal = 1`, maria.conv) != 1 {
				t.Error("no hand-off summary for the agents")
			}
			maria.send("Freeze my account now", "choice", "freeze")
			if got := maria.bot(); !strings.Contains(got, "frozen") {
				t.Errorf("after the freeze the bot says %q", got)
			}
			if st := n.accountState(maria.conv); st != "frozen" {
				t.Errorf("account state = %q, want frozen", st)
			}
			if n.scalar(`SELECT COUNT(*) FROM audit_log WHERE action = 'bot.flow_action'`) != 1 {
				t.Error("the freeze was not audited once")
			}
		})
	}
}
