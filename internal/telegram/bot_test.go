package telegram_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/telegram"
	"github.com/groundcrew/groundcrew/internal/telegram/telegramtest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
	"github.com/groundcrew/groundcrew/internal/web"
)

const botToken = "123456:TEST-token"

type env struct {
	t       testing.TB
	db      *store.DB
	tickets *ticket.Store
	bot     *telegram.Bot
	links   *telegram.Links
	fake    *telegramtest.Server
	clock   *store.FakeClock
	agent   int64
	signer  auth.IdentitySigner
}

func newEnv(t testing.TB, db *store.DB) *env {
	t.Helper()
	e := &env{t: t, db: db, clock: store.NewFakeClock(time.Now()), signer: auth.IdentitySigner{Secret: []byte("identity-secret-identity-secret!")}}
	db.SetClock(e.clock.Now)
	keys, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	log := audit.New(db)
	if e.tickets, err = ticket.NewStore(db, log, ticketguard.New(), keys); err != nil {
		t.Fatal(err)
	}
	e.tickets.WithIdentity(auth.NewVerifications(db, log, e.signer))
	ag, err := auth.NewService(db, log, keys).CreateAgent(context.Background(), auth.NewAgent{Email: "ana@x.example", Name: "Ana Agent", Role: auth.Tier1, Password: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	e.agent = ag.ID
	e.fake = telegramtest.New(t, botToken)
	e.links = telegram.NewLinks(db, []byte("link-key"))
	e.bot, err = telegram.New(telegram.Config{DB: db, Tickets: e.tickets, Links: e.links,
		Client: &telegram.Client{Base: e.fake.URL, Token: botToken},
		Mint:   func(u string) string { return e.signer.Sign(u, time.Minute) },
		Bot:    "@GroundcrewExchangeSupport", Site: "https://groundcrew.example", Secret: "s3cret_Token-1"})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) take(raw json.RawMessage) {
	e.t.Helper()
	if err := e.bot.HandleUpdate(context.Background(), raw); err != nil {
		e.t.Fatal(err)
	}
}

// deliver runs the durable consumer over what the outbox holds and sends
// what is due, as the running server does.
func (e *env) deliver() {
	e.t.Helper()
	ctx := context.Background()
	evs, err := bus.Pending(ctx, e.db, 1000)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, ev := range evs {
		if err := telegram.HandleEventForTest(e.bot, ctx, ev); err != nil {
			e.t.Fatal(err)
		}
	}
	if _, err := e.bot.SendDue(ctx); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) ticketOf(chat int64) ticket.Ticket {
	e.t.Helper()
	id := storetest.Scalar[int64](e.t, e.db, `SELECT MAX(ticket_id) FROM telegram_tickets WHERE chat_id = ?`, chat)
	tk, err := e.tickets.Get(context.Background(), ticket.Viewer{AgentID: e.agent, AllTeams: true, Notes: true}, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return tk
}

func TestConversation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		first := e.fake.Text(42, "de-DE", "Meine Einzahlung ist nicht angekommen")
		e.take(first)
		e.take(first) // Telegram delivers again: stored once
		tk := e.ticketOf(42)
		if tk.Channel != "telegram" || tk.Language != "de" || len(tk.Messages) != 1 || tk.Messages[0].Body != "Meine Einzahlung ist nicht angekommen" {
			t.Fatalf("ticket: %+v", tk)
		}
		e.deliver()
		sent := e.fake.Messages()
		if len(sent) != 1 || sent[0].ChatID != 42 || !strings.Contains(sent[0].Text, "offizielle Support-Bot") || !strings.Contains(sent[0].Text, "@GroundcrewExchangeSupport") {
			t.Fatalf("welcome: %+v", sent)
		}

		// A pasted seed phrase is cut before it is stored; the warning goes back.
		seed := "abandon ability able about above absent absorb abstract absurd abuse access accident"
		e.take(e.fake.Text(42, "de", "meine wörter: "+seed))
		tk = e.ticketOf(42)
		last := tk.Messages[1]
		if strings.Contains(last.Body, "absorb") || last.AuthorKind != "customer" {
			t.Fatalf("seed phrase stored: %q", last.Body)
		}
		// The agent answers; the reply goes out once, even when the consumer
		// sees the event twice.
		if _, err := e.tickets.AddMessage(context.Background(), ticket.Viewer{AgentID: e.agent, AllTeams: true}, tk.ID, ticket.NewMessage{Body: "Wir prüfen Ihre Einzahlung."}); err != nil {
			t.Fatal(err)
		}
		e.deliver()
		e.deliver()
		var replies, warnings int
		for _, m := range e.fake.Messages()[1:] {
			switch {
			case m.Text == "Wir prüfen Ihre Einzahlung.":
				replies++
			case m.ChatID == 42:
				warnings++
			}
		}
		if replies != 1 || warnings != 1 {
			t.Fatalf("replies %d warnings %d: %+v", replies, warnings, e.fake.Messages())
		}
	})
}

func TestLinkMakesL1(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		e.take(e.fake.Text(7, "en", "hi, where is my withdrawal?"))
		token, _, err := telegram.IssueForTest(e.links, ctx, "user-77")
		if err != nil {
			t.Fatal(err)
		}
		if len(token) > 64 || strings.Trim(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") != "" {
			t.Fatalf("token %q is not a valid /start parameter", token)
		}
		e.take(e.fake.Text(7, "en", "/start "+token))
		tk := e.ticketOf(7)
		if tk.Customer.ExternalID != "user-77" {
			t.Fatalf("ticket customer %q", tk.Customer.ExternalID)
		}
		lv, err := auth.NewVerifications(db, audit.New(db), e.signer).Status(ctx, tk.Customer.ID, tk.ID, tk.CreatedAt)
		if err != nil || lv.Level != auth.L1 {
			t.Fatalf("level %v %v", lv.Level, err)
		}
		// The same link in another chat is refused; that chat stays anonymous.
		e.take(e.fake.Text(8, "en", "/start "+token))
		e.take(e.fake.Text(8, "en", "hello"))
		if got := e.ticketOf(8).Customer.ExternalID; got != "telegram:8" {
			t.Fatalf("replayed link linked chat 8 to %q", got)
		}
		// A linked chat's next ticket starts at L1 too.
		if _, err := db.Exec(ctx, `UPDATE tickets SET status = 'closed' WHERE id = ?`, tk.ID); err != nil {
			t.Fatal(err)
		}
		e.take(e.fake.Text(7, "en", "another question"))
		tk2 := e.ticketOf(7)
		lv, err = auth.NewVerifications(db, audit.New(db), e.signer).Status(ctx, tk2.Customer.ID, tk2.ID, tk2.CreatedAt)
		if tk2.ID == tk.ID || tk2.Customer.ExternalID != "user-77" || err != nil || lv.Level != auth.L1 {
			t.Fatalf("second ticket %d %q %v %v", tk2.ID, tk2.Customer.ExternalID, lv.Level, err)
		}
		e.deliver()
		var refused bool
		for _, m := range e.fake.Messages() {
			refused = refused || m.ChatID == 8 && strings.Contains(m.Text, "used already")
		}
		if !refused {
			t.Fatalf("chat 8 was not told the link is used: %+v", e.fake.Messages())
		}
	})
}

// TestLinkedChatKeepsItsAccount: a /start link is a URL anyone can send.
// A chat linked to one exchange account that opens a link issued for
// another (someone sends the customer "link your account here") must not
// move the customer's open conversation, and the chat, to that other
// account, whose owner would then read it under their requests.
func TestLinkedChatKeepsItsAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		e.take(e.fake.Text(7, "en", "my withdrawal to my new address is stuck"))
		mine, _, err := telegram.IssueForTest(e.links, ctx, "user-77")
		if err != nil {
			t.Fatal(err)
		}
		e.take(e.fake.Text(7, "en", "/start "+mine))
		theirs, _, err := telegram.IssueForTest(e.links, ctx, "user-66")
		if err != nil {
			t.Fatal(err)
		}
		e.take(e.fake.Text(7, "en", "/start "+theirs))
		e.take(e.fake.Text(7, "en", "here is my account e-mail"))
		if got := e.ticketOf(7).Customer.ExternalID; got != "user-77" {
			t.Fatalf("the linked chat's conversation moved to %q", got)
		}
		if ref := storetest.Scalar[string](t, db, `SELECT customer_ref FROM telegram_chats WHERE chat_id = 7`); ref != "user-77" {
			t.Fatalf("the linked chat now belongs to %q", ref)
		}
		e.deliver()
		told := false
		for _, m := range e.fake.Messages() {
			told = told || m.ChatID == 7 && strings.Contains(m.Text, "another exchange account")
		}
		if !told {
			t.Fatalf("chat 7 was not told why the link was refused: %+v", e.fake.Messages())
		}
	})
}

func TestLinkTokenRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		token, _, err := telegram.IssueForTest(e.links, ctx, "user-1")
		if err != nil {
			t.Fatal(err)
		}
		forged := []byte(token)
		forged[len(forged)-1] ^= 1
		other := telegram.NewLinks(db, []byte("another key"))
		otherToken, _, err := telegram.IssueForTest(other, ctx, "user-1")
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"", "x", string(forged), otherToken, strings.Repeat("A", 44)} {
			err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				_, err := e.links.Redeem(ctx, tx, bad, 1)
				return err
			})
			if err == nil || !strings.Contains(err.Error(), "not valid") {
				t.Errorf("token %q: %v", bad, err)
			}
		}
		e.clock.Advance(telegram.LinkTTL + time.Second)
		err = db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			_, err := e.links.Redeem(ctx, tx, token, 1)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "expired") {
			t.Fatalf("expired token: %v", err)
		}
	})
}

func TestWebhook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		mux := http.NewServeMux()
		mux.HandleFunc("POST /telegram", func(w http.ResponseWriter, r *http.Request) {
			if err := e.bot.HandleWebhook(w, r); err != nil {
				web.WriteError(w, r, nil, err)
			}
		})
		srv := httptest.NewServer(mux)
		defer srv.Close()
		if err := e.bot.SetWebhook(context.Background(), srv.URL+"/telegram"); err != nil {
			t.Fatal(err)
		}
		if url, secret := e.fake.Webhook(); url != srv.URL+"/telegram" || secret != "s3cret_Token-1" {
			t.Fatalf("webhook %q %q", url, secret)
		}
		post := func(secret string, body []byte) int {
			req, _ := http.NewRequest("POST", srv.URL+"/telegram", bytes.NewReader(body))
			if secret != "" {
				req.Header.Set(telegram.SecretHeader, secret)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		update := e.fake.Text(5, "en", "hello via webhook")
		huge := e.fake.Text(5, "en", strings.Repeat("a", telegram.MaxUpdate))
		for _, c := range []struct {
			secret string
			body   []byte
			want   int
		}{
			{"", update, 401},
			{"wrong", update, 401},
			{"s3cret_Token-", update, 401},
			{"s3cret_Token-1", []byte(`{"update_id":`), 400},
			{"s3cret_Token-1", []byte(`{"message":{"text":"no id"}}`), 400},
			{"s3cret_Token-1", huge, 413},
		} {
			if got := post(c.secret, c.body); got != c.want {
				t.Errorf("secret %q body %.30q: status %d, want %d", c.secret, c.body, got, c.want)
			}
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM telegram_updates`); n != 0 {
			t.Fatalf("refused updates were stored: %d", n)
		}
		if code, err := e.fake.Deliver(update); err != nil || code != 200 {
			t.Fatalf("deliver: %d %v", code, err)
		}
		if code, err := e.fake.Deliver(update); err != nil || code != 200 {
			t.Fatalf("replay: %d %v", code, err)
		}
		if tk := e.ticketOf(5); len(tk.Messages) != 1 {
			t.Fatalf("messages after a replay: %d", len(tk.Messages))
		}
		// Telegram texts are at most 4096 characters; a forged longer one is
		// answered, not stored.
		e.take(e.fake.Text(5, "en", strings.Repeat("b", ticket.MaxBody+1)))
		if tk := e.ticketOf(5); len(tk.Messages) != 1 {
			t.Fatalf("an oversized text was stored")
		}
	})
}

func TestPollingAndRetries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { e.bot.Poll(ctx, time.Second); close(done) }()
		defer func() { cancel(); <-done }()
		e.fake.Queue(e.fake.Text(9, "ja", "入金が反映されません"))
		var n int64
		for i := 0; i < 200 && n == 0; i++ {
			time.Sleep(20 * time.Millisecond)
			n = storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM telegram_tickets WHERE chat_id = 9`)
		}
		if n != 1 {
			t.Fatalf("polled update made %d tickets", n)
		}
		// The welcome fails twice (a server error, then rate limited), then goes.
		e.fake.FailNext(500, 429)
		e.deliver()
		e.clock.Advance(3 * time.Second)
		e.deliver()
		if len(e.fake.Messages()) != 0 {
			t.Fatalf("sent before retry_after: %+v", e.fake.Messages())
		}
		e.clock.Advance(2 * time.Second)
		e.deliver()
		e.deliver()
		if sent := e.fake.Messages(); len(sent) != 1 || !strings.Contains(sent[0].Text, "公式サポートボット") {
			t.Fatalf("after retries: %+v", sent)
		}
		// A customer who blocked the bot (403): given up, not retried forever.
		e.take(e.fake.Text(10, "en", "hi"))
		e.fake.FailNext(403)
		e.deliver()
		if got := storetest.Scalar[string](t, db, `SELECT status FROM telegram_outbox WHERE chat_id = 10`); got != "failed" {
			t.Fatalf("status after 403: %s", got)
		}
	})
}

func TestWelcomeInEveryLanguage(t *testing.T) {
	for _, l := range ticket.Languages {
		w := telegram.Welcome(l, "@Bot", "https://x.example")
		if !strings.Contains(w, "@Bot") || !strings.Contains(w, "https://x.example/verify") {
			t.Errorf("%s welcome lacks the bot or the verify link: %s", l, w)
		}
		if l != "en" && w == telegram.Welcome("en", "@Bot", "https://x.example") {
			t.Errorf("%s welcome is English", l)
		}
	}
}

// newVerifyEnv is newEnv with a bot that answers /verify from an official
// channels list holding the bot's own handle.
func newVerifyEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	e := newEnv(t, db)
	off := guard.NewOfficial(db, audit.New(db), nil, "")
	if _, err := off.AddChannel(context.Background(), guard.NewChannel{Kind: guard.ChannelTelegram, Value: "@GroundcrewExchangeSupport", Label: "Official Telegram support bot"}); err != nil {
		t.Fatal(err)
	}
	bot, err := telegram.New(telegram.Config{DB: db, Tickets: e.tickets, Links: e.links, Client: &telegram.Client{Base: e.fake.URL, Token: botToken},
		Verifier: off, Bot: "@GroundcrewExchangeSupport", Site: "https://groundcrew.example"})
	if err != nil {
		t.Fatal(err)
	}
	e.bot = bot
	return e
}

func TestVerifyCommandAndLongReplies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newVerifyEnv(t, db)
		ctx := context.Background()
		e.take(e.fake.Text(3, "en", "/verify @GroundcrewExchangeSupport"))
		e.take(e.fake.Text(3, "en", "/verify @GroundcrewExchangeSupp0rt"))
		e.take(e.fake.Text(3, "en", "   "))
		e.deliver()
		sent := e.fake.Messages()
		if len(sent) != 3 || !strings.Contains(strings.ToLower(sent[1].Text), "official") || sent[1].Text == sent[2].Text {
			t.Fatalf("verify answers: %+v", sent)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM telegram_tickets`); n != 0 {
			t.Fatalf("commands and blank texts opened %d tickets", n)
		}
		// A long agent reply goes out in parts Telegram accepts.
		e.take(e.fake.Text(3, "en", "help me please"))
		tk := e.ticketOf(3)
		long := strings.Repeat("Please check the memo tag of your deposit.\n", 250)
		if _, err := e.tickets.AddMessage(ctx, ticket.Viewer{AgentID: e.agent, AllTeams: true}, tk.ID, ticket.NewMessage{Body: long}); err != nil {
			t.Fatal(err)
		}
		e.deliver()
		var joined string
		for _, m := range e.fake.Messages()[3:] {
			if len([]rune(m.Text)) > 4096 {
				t.Fatalf("part of %d characters", len([]rune(m.Text)))
			}
			joined += m.Text
		}
		if joined != long {
			t.Fatalf("the parts do not add up to the reply (%d of %d bytes)", len(joined), len(long))
		}
	})
}

// TestPhotoCaptionIsRead: a caption is the customer's text. It is stored
// (screened like any message), and the customer is told that the picture
// itself was not kept; a picture without a caption asks for text.
func TestPhotoCaptionIsRead(t *testing.T) {
	seed := "abandon ability able about above absent absorb abstract absurd abuse access accident"
	tests := []struct {
		name, kind, caption string
		stored, notStored   string // in the ticket's last message ("" = no message)
	}{
		{"photo with a question", "photo", "my deposit is missing, screenshot of the tx attached", "my deposit is missing", ""},
		{"document with a question", "document", "the withdrawal page shows this error", "shows this error", ""},
		{"photo with a seed phrase", "photo", "my wallet words: " + seed, "my wallet words", "absorb"},
		{"photo without a caption", "photo", "", "", ""},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		for i, tt := range tests {
			chat := int64(500 + i)
			e.take(e.fake.Photo(chat, "en", tt.kind, tt.caption))
			e.deliver()
			var notices []string
			for _, m := range e.fake.Messages() {
				if m.ChatID == chat && !strings.Contains(m.Text, "official support bot") {
					notices = append(notices, m.Text)
				}
			}
			stored := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM telegram_tickets WHERE chat_id = ?`, chat)
			if tt.stored == "" {
				if stored != 0 || len(notices) != 1 || !strings.Contains(notices[0], "as text") {
					t.Fatalf("%s: %d tickets, notices %q", tt.name, stored, notices)
				}
				continue
			}
			if stored != 1 {
				t.Fatalf("%s: caption not stored (%d tickets), notices %q", tt.name, stored, notices)
			}
			var body string
			for _, m := range e.ticketOf(chat).Messages {
				if m.AuthorKind == "customer" {
					body = m.Body
				}
			}
			if !strings.Contains(body, tt.stored) || tt.notStored != "" && strings.Contains(body, tt.notStored) {
				t.Fatalf("%s: stored %q", tt.name, body)
			}
			told := false
			for _, n := range notices {
				told = told || strings.Contains(n, "only the text")
			}
			if !told {
				t.Fatalf("%s: customer not told the picture was not kept: %q", tt.name, notices)
			}
		}
	})
}

// TestVerifyAnswersInTheUsersLanguage: /verify answers in the language
// Telegram reports for the user; without one (or one of none of the 17),
// in the language of the chat's conversation; else in English. The same
// holds for the hint after a bare /verify and for input it cannot read.
func TestVerifyAnswersInTheUsersLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newVerifyEnv(t, db)
		ctx := context.Background()
		// A Russian conversation whose sender's app reports no language:
		// routing has set the ticket's language from its text.
		e.take(e.fake.Text(8, "", "Здравствуйте, мой депозит не пришёл"))
		if _, err := db.Exec(ctx, `UPDATE tickets SET language = 'ru' WHERE id = ?`, e.ticketOf(8).ID); err != nil {
			t.Fatal(err)
		}
		e.deliver()
		before := len(e.fake.Messages())
		cases := []struct {
			chat       int64
			lang, text string
			want       string
		}{
			{7, "es", "/verify @GroundcrewExchangeSupport", "es nuestro"},
			{7, "es", "/verify @GroundcrewExchangeSupp0rt", "NO somos nosotros"},
			{7, "es", "/verify", "¿Alguien dice ser nuestro soporte?"},
			{8, "", "/verify @GroundcrewExchangeSupport", "это мы"},
			{9, "xx", "/verify @GroundcrewExchangeSupport", "is ours"},
			// Input the checker cannot read is explained in the same language.
			{7, "es", "/verify mailto:", "No podemos leer esta dirección de correo"},
			{7, "es", "/verify ftp://files.example", "Solo se pueden comprobar enlaces web"},
			{8, "", "/verify @soporte-oficial", "В имени аккаунта после @"},
			{9, "xx", "/verify https://", "We cannot read this web address"},
		}
		for _, c := range cases {
			e.take(e.fake.Text(c.chat, c.lang, c.text))
		}
		e.deliver()
		var answers []string
		for _, m := range e.fake.Messages()[before:] {
			if !strings.HasPrefix(m.Text, "Hello!") && !strings.HasPrefix(m.Text, "¡Hola!") { // the welcome on first contact
				answers = append(answers, m.Text)
			}
		}
		if len(answers) != len(cases) {
			t.Fatalf("%d answers to %d commands: %q", len(answers), len(cases), answers)
		}
		for i, c := range cases {
			if !strings.Contains(answers[i], c.want) {
				t.Errorf("%s (%q): answer %q, want it to say %q", c.text, c.lang, answers[i], c.want)
			}
		}
	})
}
