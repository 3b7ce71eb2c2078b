package telegram_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/metrics"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/telegram"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// surveyEnv is env with metrics' surveys behind the bot's buttons.
type surveyEnv struct {
	*env
	surveys *metrics.Service
}

func newSurveyEnv(t *testing.T, db *store.DB) *surveyEnv {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := &surveyEnv{env: newEnv(t, db)}
	e.surveys = metrics.New(db, sla.New(db, nil, nil, nil, log), [][]byte{[]byte("test survey key, 32 bytes long!!")}, log)
	detector := guard.NewDetector()
	telegram.UseSurveysForTest(e.bot, e.surveys, func(s string) string { return detector.ScanText(s).Redacted })
	return e
}

// pump runs metrics' consumer, the bot's two consumers and the sender
// over what the outbox holds, as the running server does.
func (e *surveyEnv) pump() {
	e.t.Helper()
	ctx := context.Background()
	evs, err := bus.Pending(ctx, e.db, 1000)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.surveys.HandleEvents(ctx, evs); err != nil {
		e.t.Fatal(err)
	}
	if evs, err = bus.Pending(ctx, e.db, 1000); err != nil {
		e.t.Fatal(err)
	}
	for _, ev := range evs {
		if err := telegram.HandleEventForTest(e.bot, ctx, ev); err != nil {
			e.t.Fatal(err)
		}
		if err := telegram.HandleSurveyForTest(e.bot, ctx, ev); err != nil {
			e.t.Fatal(err)
		}
	}
	if _, err := e.bot.SendDue(ctx); err != nil {
		e.t.Fatal(err)
	}
}

func (e *surveyEnv) setStatus(id int64, s ticket.Status) {
	e.t.Helper()
	if _, err := e.tickets.UpdateTicket(context.Background(), ticket.Viewer{AgentID: e.agent, AllTeams: true}, id, ticket.Update{Status: &s}); err != nil {
		e.t.Fatal(err)
	}
	e.pump()
}

// survey is the chat's last message with buttons.
func (e *surveyEnv) survey(chat int64) (text string, buttons []string) {
	e.t.Helper()
	for _, m := range e.fake.Messages() {
		if m.ChatID == chat && len(m.Buttons) > 0 {
			text, buttons = m.Text, m.Buttons
		}
	}
	return text, buttons
}

// shows says a message in chat still carries a button with data.
func (e *surveyEnv) shows(chat int64, data string) bool {
	for _, m := range e.fake.Messages() {
		if m.ChatID == chat && slices.Contains(m.Buttons, data) {
			return true
		}
	}
	return false
}

// TestSurveyOnTelegram: a solved Telegram conversation gets one CSAT
// question with buttons 1-5 in the chat's language; a press answers it
// once and takes its buttons away, the next text is its comment, and
// presses from another chat, on a reopened ticket or a second time are
// refused.
func TestSurveyOnTelegram(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSurveyEnv(t, db)
		ctx := context.Background()
		e.take(e.fake.Text(42, "de", "Meine Einzahlung ist nicht angekommen"))
		tk := e.ticketOf(42)
		if _, err := e.tickets.AddMessage(ctx, ticket.Viewer{AgentID: e.agent, AllTeams: true}, tk.ID, ticket.NewMessage{Body: "Sie ist jetzt gutgeschrieben."}); err != nil {
			t.Fatal(err)
		}
		e.setStatus(tk.ID, ticket.StatusSolved)
		e.pump() // a redelivery sends nothing more

		text, buttons := e.survey(42)
		if !strings.Contains(text, "Wie bewerten Sie") || strings.Join(buttons, " ") != "sv:1:1 sv:1:2 sv:1:3 sv:1:4 sv:1:5" {
			t.Fatalf("survey message %q with buttons %v", text, buttons)
		}
		asked := 0
		for _, m := range e.fake.Messages() {
			if len(m.Buttons) > 0 {
				asked++
			}
		}
		if asked != 1 {
			t.Fatalf("%d survey messages, want 1 (no NPS on Telegram, no repeats)", asked)
		}

		// Another chat presses the button (a forwarded message): refused.
		e.take(e.fake.Press(77, "en", "sv:1:1"))
		// Garbage data: answered, nothing else.
		e.take(e.fake.Press(42, "de", "sv:1:99"))
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM surveys WHERE answered_at > 0`); n != 0 {
			t.Fatalf("%d surveys answered by refused presses", n)
		}

		// Reopened: the press is refused and the survey waits.
		e.take(e.fake.Text(42, "de", "Doch nicht, es fehlt noch etwas"))
		e.pump()
		e.take(e.fake.Press(42, "de", "sv:1:2"))
		e.setStatus(tk.ID, ticket.StatusSolved)
		_, buttons = e.survey(42)
		if len(buttons) != 5 || buttons[0] == "sv:1:1" {
			t.Fatalf("after the second solve, buttons %v: want the new survey's", buttons)
		}
		newer := buttons[3] // score 4

		if !e.shows(42, "sv:1:1") {
			t.Fatal("the reopened ticket's survey lost its buttons: it waits for the next solve")
		}
		e.take(e.fake.Press(42, "de", newer))
		e.pump()
		if e.shows(42, newer) {
			t.Fatal("the answered survey's buttons are still under the question")
		}
		// A new question typed (not a reply to the prompt) is no comment:
		// it reaches the ticket.
		e.take(e.fake.Text(42, "de", "Noch eine Frage: wie lange dauert eine Auszahlung?"))
		seed := "abandon ability able about above absent absorb abstract absurd abuse access accident"
		e.take(e.fake.Reply(42, "de", "Schnell und freundlich "+seed))
		e.take(e.fake.Press(42, "de", newer)) // a second press
		e.pump()

		answers := e.fake.Answers()
		// The other chat's refusal is in the presser's language.
		want := []string{"This survey was sent to someone else.", "", "Dieses Gespräch wurde wieder geöffnet. Wir fragen erneut, wenn es gelöst ist.",
			"Danke für Ihr Feedback!", "Sie haben diese Umfrage bereits beantwortet. Danke!"}
		if len(answers) != len(want) {
			t.Fatalf("callback answers %+v, want %d", answers, len(want))

		}
		for i, w := range want {
			if answers[i].Text != w {
				t.Errorf("answer %d: %q, want %q", i, answers[i].Text, w)
			}
		}
		score := storetest.Scalar[int64](t, db, `SELECT score FROM surveys WHERE id = 3`)
		comment := storetest.Scalar[string](t, db, `SELECT comment FROM surveys WHERE id = 3`)
		if score != 4 || !strings.HasPrefix(comment, "Schnell und freundlich") || strings.Contains(comment, "absorb") {
			t.Errorf("survey 3: score %d comment %q", score, comment)
		}
		var prompts, thanks int
		for _, m := range e.fake.Messages() {
			switch {
			case m.ChatID == 42 && m.Text == "Danke für Ihr Feedback!\nMöchten Sie noch etwas ergänzen? (optional)":
				prompts++
			case m.ChatID == 42 && m.Text == "Danke für Ihr Feedback!":
				thanks++
			}
		}
		if prompts != 1 || thanks != 1 {
			t.Errorf("%d comment prompts and %d thanks for the comment, want 1 and 1", prompts, thanks)
		}
		tk = e.ticketOf(42)
		asked2 := false
		for _, m := range tk.Messages {
			if strings.Contains(m.Body, "Schnell und freundlich") {
				t.Errorf("the comment became a ticket message: %q", m.Body)
			}
			asked2 = asked2 || strings.Contains(m.Body, "wie lange dauert eine Auszahlung")
		}
		if !asked2 {
			t.Error("a question typed after the score (no reply to the prompt) did not reach the ticket")
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM surveys WHERE answered_at > 0`); n != 1 {
			t.Errorf("%d surveys answered, want 1", n)
		}
	})
}

// TestSurveyCommentIsOnlyAReplyToThePrompt: every message in the chat is
// the bot's, so a customer who scores the survey and then replies to the
// agent's earlier answer ("it is still not there") is writing to support,
// not commenting: the text must reach the ticket (and reopen it), and the
// survey keeps no comment. Only a reply to the comment prompt is taken.
func TestSurveyCommentIsOnlyAReplyToThePrompt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSurveyEnv(t, db)
		ctx := context.Background()
		e.take(e.fake.Text(42, "de", "Meine Einzahlung ist nicht angekommen"))
		tk := e.ticketOf(42)
		answer := "Sie ist jetzt gutgeschrieben."
		if _, err := e.tickets.AddMessage(ctx, ticket.Viewer{AgentID: e.agent, AllTeams: true}, tk.ID, ticket.NewMessage{Body: answer}); err != nil {
			t.Fatal(err)
		}
		e.setStatus(tk.ID, ticket.StatusSolved)
		_, buttons := e.survey(42)
		if len(buttons) != 5 {
			t.Fatalf("survey buttons %v", buttons)
		}
		e.take(e.fake.Press(42, "de", buttons[1]))
		e.pump()

		late := "Nein, sie ist immer noch nicht da"
		e.take(e.fake.ReplyTo(42, "de", late, answer))
		e.pump()
		if c := storetest.Scalar[string](t, db, `SELECT comment FROM surveys WHERE id = 1`); c != "" {
			t.Errorf("a reply to the agent's answer became the survey's comment %q", c)
		}
		tk = e.ticketOf(42)
		reached := false
		for _, m := range tk.Messages {
			reached = reached || strings.Contains(m.Body, late)
		}
		if !reached {
			t.Errorf("the reply to the agent's answer did not reach the ticket (status %s)", tk.Status)
		}
		if tk.Status == ticket.StatusSolved {
			t.Errorf("the customer wrote again and the ticket stayed %s", tk.Status)
		}
	})
}

// TestSurveyCommentTooLongCanBeRetried: a comment over the limit is
// refused with the reason; the customer's shorter second try, a reply to
// the same prompt, is still the comment (the refusal closed the window,
// so the retry reopened the solved ticket as a message).
func TestSurveyCommentTooLongCanBeRetried(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSurveyEnv(t, db)
		ctx := context.Background()
		e.take(e.fake.Text(42, "en", "my deposit is missing"))
		tk := e.ticketOf(42)
		if _, err := e.tickets.AddMessage(ctx, ticket.Viewer{AgentID: e.agent, AllTeams: true}, tk.ID, ticket.NewMessage{Body: "It is credited now."}); err != nil {
			t.Fatal(err)
		}
		e.setStatus(tk.ID, ticket.StatusSolved)
		_, buttons := e.survey(42)
		if len(buttons) != 5 {
			t.Fatalf("survey buttons %v", buttons)
		}
		e.take(e.fake.Press(42, "en", buttons[4]))
		e.pump()
		var prompt string
		for _, m := range e.fake.Messages() {
			if m.ChatID == 42 {
				prompt = m.Text
			}
		}
		e.take(e.fake.ReplyTo(42, "en", strings.Repeat("great service ", 200), prompt))
		e.take(e.fake.ReplyTo(42, "en", "great service, thanks", prompt))
		e.pump()
		if c := storetest.Scalar[string](t, db, `SELECT comment FROM surveys WHERE id = 1`); c != "great service, thanks" {
			t.Errorf("comment %q, want the shorter retry", c)
		}
		if tk = e.ticketOf(42); tk.Status != ticket.StatusSolved {
			t.Errorf("the retried comment reopened the ticket (%s)", tk.Status)
		}
	})
}
