package bot_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
)

// demoConversation is a scripted demo chat: a customer, the widget's
// language, what they write or press, and whether a person must take it
// (high stakes, distress, asking for one).
type demoConversation struct {
	name, user, lang string
	steps            []demoStep
	needsHuman       bool
}

// demoStep is a message, or a button (flow or choice) with its label.
type demoStep struct {
	text, button, id string
	stepUp           bool // confirm a fresh code before this step
}

func say(text string) demoStep              { return demoStep{text: text} }
func press(kind, id, label string) demoStep { return demoStep{text: label, button: kind, id: id} }
func pressAfterStepUp(id, label string) demoStep {
	return demoStep{text: label, button: "choice", id: id, stepUp: true}
}

var demoConversations = []demoConversation{
	{name: "deposit on the wrong network (ru)", user: sandbox.UserLiWei, lang: "ru", steps: []demoStep{say("мой депозит USDT не пришёл " + sandbox.TxWrongNetwork)}},
	{name: "deposit waiting for confirmations (vi)", user: sandbox.UserAn, lang: "vi", steps: []demoStep{say("tiền nạp BTC của tôi chưa về " + sandbox.TxAwaitingConfirmations)}},
	{name: "credited deposit (en)", user: sandbox.UserMaria, lang: "en", steps: []demoStep{say("my USDT deposit is missing " + sandbox.TxCredited)}},
	{name: "deposit below the minimum (uk)", user: sandbox.UserOlena, lang: "uk", steps: []demoStep{say("мій депозит BTC не зарахували " + sandbox.TxBelowMinimum)}},
	{name: "XRP without the tag (en)", user: sandbox.UserJordan, lang: "en", steps: []demoStep{say("I sent XRP but it never arrived " + sandbox.TxMissingTag)}},
	{name: "unlisted token (tr)", user: sandbox.UserAyse, lang: "tr", steps: []demoStep{say("SHIB yatırdım ama hesabımda görünmüyor " + sandbox.TxUnlistedToken)}},
	{name: "deposit check from the toolbar, TxID after (zh)", user: sandbox.UserLiWei, lang: "zh", steps: []demoStep{press("flow", "deposit_check", "查询充值"), say("TxID " + sandbox.TxWrongNetwork)}},
	{name: "withdrawal status from the toolbar (uk)", user: sandbox.UserOlena, lang: "uk", steps: []demoStep{press("flow", "withdrawal_check", "Перевірити виведення")}},
	{name: "where is my withdrawal (en)", user: sandbox.UserLiWei, lang: "en", steps: []demoStep{say("where is my withdrawal? it has been processing for 30 minutes")}},
	{name: "identity verification from the toolbar (vi)", user: sandbox.UserAn, lang: "vi", steps: []demoStep{press("flow", "kyc_resume", "Tiếp tục xác minh")}},
	{name: "unlock withdrawals with a step-up (pt)", user: sandbox.UserMaria, lang: "pt", steps: []demoStep{press("flow", "unlock_withdrawals", "Desbloquear saques"),
		pressAfterStepUp("confirm", "Sim, continuar")}},
	{name: "password reset question (en)", user: sandbox.UserJordan, lang: "en", steps: []demoStep{say("how do I reset my password?")}},
	{name: "network fees question (en)", user: sandbox.UserJordan, lang: "en", steps: []demoStep{say("why is the withdrawal fee so high on ethereum?")}},
	{name: "how to verify an agent (en)", user: sandbox.UserKarim, lang: "en", steps: []demoStep{say("how can I check that a support agent is real?")}},
	{name: "API keys (en)", user: sandbox.UserAyse, lang: "en", steps: []demoStep{say("how do I create an API key for my trading bot?")}},
	{name: "confirmations question (en)", user: sandbox.UserAn, lang: "en", steps: []demoStep{say("how long do bitcoin confirmations take?")}},
	{name: "hacked account (en)", user: sandbox.UserMaria, lang: "en", needsHuman: true, steps: []demoStep{say("I got hacked!!")}},
	{name: "asks for a person (en)", user: sandbox.UserOlena, lang: "en", needsHuman: true, steps: []demoStep{say("I want to talk to a human")}},
	{name: "funds stolen, desperate (en)", user: sandbox.UserAn, lang: "en", needsHuman: true, steps: []demoStep{say("someone stole all my funds from my account, I'm desperate, please help")}},
	{name: "scam in progress (en)", user: sandbox.UserJordan, lang: "en", needsHuman: true, steps: []demoStep{say("a guy on telegram says he is support and wants my seed phrase to fix my account, is that you?")}},
}

// TestDemoConversationsResolved measures the share of the scripted demo
// conversations the bot resolves without a person (BENCHMARKS.md), and
// checks that every one that needs a person gets one. It takes ~10 s:
// set GROUNDCREW_BOT_MEASURE=1 to run it.
func TestDemoConversationsResolved(t *testing.T) {
	if os.Getenv("GROUNDCREW_BOT_MEASURE") == "" {
		t.Skip("set GROUNDCREW_BOT_MEASURE=1 to measure the demo conversations")
	}
	n := newNode(t, store.SQLite)
	resolved, humans := 0, 0
	for _, dc := range demoConversations {
		c := n.customer(dc.user, dc.lang)
		var last string
		for _, s := range dc.steps {
			if s.stepUp {
				n.stepUp(dc.user)
				c.bot() // the flow moves on to its confirmation by itself
			}
			if s.button != "" {
				c.send(s.text, s.button, s.id)
			} else {
				c.send(s.text)
			}
			last = c.bot()
		}
		seq := c.seq
		n.eventually("the bot's turn is saved", func() bool {
			return n.scalar(`SELECT COUNT(*) FROM bot_conversations WHERE ticket_id = ? AND last_message >= ?`, c.conv, seq) == 1
		})
		human := n.scalar(`SELECT COUNT(*) FROM bot_conversations WHERE ticket_id = ? AND mode <> 'bot'`, c.conv) == 1
		if human {
			humans++
		} else {
			resolved++
		}
		if dc.needsHuman && !human {
			t.Errorf("%s: not handed to a person; the bot said %q", dc.name, last)
		}
		t.Logf("%-50s %-6s %s", dc.name, map[bool]string{true: "person", false: "bot"}[human], firstLine(last))
		if code := n.api("PATCH", fmt.Sprintf("/api/v1/tickets/%d", c.conv), map[string]any{"status": "closed"}, nil); code != 200 {
			t.Fatalf("close ticket %d: %d", c.conv, code)
		}
		_ = c.ws.CloseNow()
	}
	need := 0
	for _, dc := range demoConversations {
		if dc.needsHuman {
			need++
		}
	}
	t.Logf("resolved without a person: %d of %d (%.0f%%); handed to a person: %d (%d need one); of those that can be resolved: %d of %d (%.0f%%)",
		resolved, len(demoConversations), 100*float64(resolved)/float64(len(demoConversations)), humans, need,
		resolved, len(demoConversations)-need, 100*float64(resolved)/float64(len(demoConversations)-need))
}

func firstLine(s string) string {
	if i := strings.LastIndex(s, "\n\n"); i >= 0 {
		s = s[i+2:]
	}
	if len(s) > 70 {
		s = s[:70] + "…"
	}
	return strings.ReplaceAll(s, "\n", " ")
}
