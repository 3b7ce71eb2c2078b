package automation

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

type env struct {
	t       *testing.T
	ctx     context.Context
	db      *store.DB
	clock   *store.FakeClock
	tickets *ticket.Store
	routing *routing.Service
	auto    *Service
	agent   ticket.Viewer
	queues  map[string]int64
}

var start = time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)

func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), db: db, clock: store.NewFakeClock(start), queues: map[string]int64{}}
	db.SetClock(e.clock.Now)
	keys, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	log := audit.New(db)
	if e.tickets, err = ticket.NewStore(db, log, passThrough{}, keys); err != nil {
		t.Fatal(err)
	}
	e.routing = routing.New(db, e.tickets, nil, nil)
	if err := e.routing.EnsureCatchAll(e.ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []routing.QueueInput{{Name: DemoSecurityQueue, Rule: "specialist=security"}, {Name: "English", Rule: "language=en"}} {
		saved, err := e.routing.SaveQueue(e.ctx, 0, 0, q)
		if err != nil {
			t.Fatal(err)
		}
		e.queues[q.Name] = saved.ID
	}
	e.auto = New(db, log, keys, e.tickets, e.routing, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var agentID int64
	err = db.Tx(e.ctx, func(ctx context.Context, tx *store.Tx) error {
		agentID, err = tx.InsertID(ctx, `INSERT INTO agents (email, name, role, active, created_at, updated_at) VALUES ('a@example.com', 'A', 'admin', 1, ?, ?)`, tx.Now(), tx.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	e.agent = ticket.Viewer{AgentID: agentID, AllTeams: true, Notes: true, CanAssign: true}
	return e
}

type passThrough struct{}

func (passThrough) Inbound(state []byte, _ int64, text string) ticket.Screened {
	return ticket.Screened{Text: text, State: state}
}

// Outbound refuses a message asking for a seed phrase, as the guard does.
func (passThrough) Outbound(_ []string, text string) string {
	if strings.Contains(strings.ToLower(text), "seed phrase") {
		return "asks for a secret"
	}
	return ""
}
func (passThrough) Warning(string, []string) string { return "" }

// pump hands every committed event to the automation consumer, as the bus
// would, until the rules' own changes stop producing new ones; it returns
// every event seen.
func (e *env) pump() []store.Event {
	e.t.Helper()
	var all []store.Event
	for range 50 {
		evs, err := bus.Pending(e.ctx, e.db, 100000)
		if err != nil {
			e.t.Fatal(err)
		}
		before := len(all)
		for _, ev := range evs {
			if !slices.ContainsFunc(all, func(x store.Event) bool { return x.ID == ev.ID }) {
				all = append(all, ev)
			}
		}
		if len(all) == before {
			return all
		}
		if err := e.auto.HandleEvents(e.ctx, evs); err != nil {
			e.t.Fatal(err)
		}
	}
	return all
}

func (e *env) create(text string) ticket.Ticket {
	e.t.Helper()
	tk, err := e.tickets.CreateForCustomer(e.ctx, ticket.NewTicket{Subject: "Help", Message: text, Channel: "email",
		Customer: ticket.NewCustomer{ExternalID: "u-1", Name: "Ana"}})
	if err != nil {
		e.t.Fatal(err)
	}
	return tk
}

func (e *env) get(id int64) ticket.Ticket {
	e.t.Helper()
	tk, err := e.tickets.Get(e.ctx, e.agent, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return tk
}

func (e *env) queueOf(id int64) int64 {
	e.t.Helper()
	var q *int64
	if err := e.db.QueryRow(e.ctx, `SELECT queue_id FROM tickets WHERE id = ?`, id).Scan(&q); err != nil {
		e.t.Fatal(err)
	}
	if q == nil {
		return 0
	}
	return *q
}

func (e *env) seed() {
	e.t.Helper()
	if err := e.auto.SeedDemo(e.ctx); err != nil {
		e.t.Fatal(err)
	}
}

// The shipped security rule: a message about a hack or stolen funds in
// any of the 17 languages makes the ticket urgent, moves it to the
// security queue and notifies security's on-call; others are left alone.
func TestDemoSecurityRule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.seed()
		hacked := map[string]string{
			"en": "My account was HACKED and my BTC is gone",
			"zh": "我的账户被盗了，USDT全没了",
			"es": "Me hackearon la cuenta",
			"pt": "Minha conta foi hackeada ontem",
			"ru": "Мой аккаунт взломали, помогите",
			"tr": "Hesabım hacklendi, param yok",
			"vi": "Tài khoản của tôi bị hack rồi",
			"fr": "Mon compte a été piraté",
			"de": "Mein Konto wurde gehackt",
			"it": "Il mio account è stato hackerato",
			"id": "Akun saya diretas tadi malam",
			"ar": "تم اختراق حسابي",
			"uk": "Мій акаунт зламали",
			"pl": "Moje konto zostało zhakowane",
			"ja": "アカウントが乗っ取られました",
			"ko": "계정이 해킹당했어요",
			"th": "บัญชีของฉันโดนแฮก",
		}
		if len(hacked) != 17 {
			t.Fatalf("%d languages", len(hacked))
		}
		ids := map[string]int64{}
		for lang, text := range hacked {
			ids[lang] = e.create(text).ID
		}
		calm := e.create("My deposit has not arrived yet, TxID 0xabc")
		evs := e.pump()
		for lang, id := range ids {
			tk := e.get(id)
			if tk.Priority != ticket.Priority("urgent") || !slices.Contains(tk.Tags, "security-incident") || e.queueOf(id) != e.queues[DemoSecurityQueue] {
				t.Errorf("%s: priority %s, tags %v, queue %d; want urgent, security-incident, the security queue", lang, tk.Priority, tk.Tags, e.queueOf(id))
			}
		}
		if tk := e.get(calm.ID); tk.Priority == ticket.Priority("urgent") || slices.Contains(tk.Tags, "security-incident") {
			t.Errorf("a deposit question was treated as a hack: %+v", tk)
		}
		notified := 0
		for _, ev := range evs {
			if n, ok, err := Notified.Decode(ev); ok && err == nil && n.Audience == DemoOnCall {
				notified++
			}
			if a, ok, err := auth.AlertRaised.Decode(ev); ok && err == nil && a.Audience == DemoOnCall && !strings.Contains(a.Message, "rule") {
				t.Errorf("alert without the rule: %q", a.Message)
			}
		}
		if notified != 17 {
			t.Errorf("on-call notified %d times, want 17", notified)
		}
		// Each ticket's events name automation as the actor.
		var actor string
		if err := db.QueryRow(e.ctx, `SELECT actor FROM audit_log WHERE action = 'ticket.system_updated' ORDER BY seq LIMIT 1`).Scan(&actor); err == nil && actor == "" {
			t.Error("no actor on the audit record")
		}
	})
}

func (e *env) setStatus(id int64, st ticket.Status) {
	e.t.Helper()
	if _, err := e.tickets.UpdateTicket(e.ctx, e.agent, id, ticket.Update{Status: &st}); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) tick() int {
	e.t.Helper()
	n, err := e.auto.Tick(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	e.pump()
	return n
}

func (e *env) dueRows() int {
	return storetest.Scalar[int](e.t, e.db, `SELECT COUNT(*) FROM automation_due`)
}

// No customer reply for 48 h on a pending ticket: a reminder through the
// ticket store, then 48 h later solved; a customer reply stops both.
func TestNoReplyRemindThenSolve(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.seed()
		quiet := e.create("Where is my withdrawal?")
		answers := e.create("Where is my deposit?")
		e.pump()
		e.setStatus(quiet.ID, ticket.StatusPendingCustomer)
		e.setStatus(answers.ID, ticket.StatusPendingCustomer)
		e.pump()
		if n := e.dueRows(); n != 4 {
			t.Fatalf("%d due rows, want 2 rules x 2 tickets", n)
		}
		e.clock.Advance(47 * time.Hour)
		if n := e.tick(); n != 0 {
			t.Fatalf("%d rules ran before 48 h", n)
		}
		if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ExternalID: "u-1"}, answers.ID, "Here it is: TxID 0x123"); err != nil {
			t.Fatal(err)
		}
		e.pump()
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM automation_due WHERE ticket_id = ?`, answers.ID); n != 0 {
			t.Fatalf("a customer reply left %d due rows", n)
		}
		e.clock.Advance(time.Hour + time.Minute)
		e.tick()
		tk := e.get(quiet.ID)
		last := tk.Messages[len(tk.Messages)-1]
		if last.AuthorKind != "system" || !strings.Contains(last.Body, "still here to help") || !slices.Contains(tk.Tags, "reminded") || tk.Status != ticket.StatusPendingCustomer {
			t.Fatalf("after 48 h: status %s, tags %v, last message %s %q", tk.Status, tk.Tags, last.AuthorKind, last.Body)
		}
		e.clock.Advance(47 * time.Hour)
		e.tick()
		if tk := e.get(quiet.ID); tk.Status != ticket.StatusPendingCustomer {
			t.Fatalf("solved early: %s", tk.Status)
		}
		e.clock.Advance(2 * time.Hour)
		e.tick()
		if tk := e.get(quiet.ID); tk.Status != ticket.StatusSolved || !slices.Contains(tk.Tags, "auto-solved") {
			t.Fatalf("after 96 h: %s %v, want solved", tk.Status, tk.Tags)
		}
		if tk := e.get(answers.ID); tk.Status == ticket.StatusSolved || slices.Contains(tk.Tags, "reminded") {
			t.Fatalf("the ticket that was answered was touched: %s %v", tk.Status, tk.Tags)
		}
		if n := e.dueRows(); n != 0 {
			t.Fatalf("%d due rows left", n)
		}
	})
}

func mustParse(t *testing.T, js string) Rule {
	t.Helper()
	r, err := Parse([]byte(js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return r
}

// Loops and conflicts are refused at save time with the cycle shown;
// rules whose own change ends them, or whose conditions exclude each
// other, are accepted.
func TestSaveRefusesLoopsAndConflicts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		save := func(js string) error {
			_, err := e.auto.Save(e.ctx, mustParse(t, js))
			return err
		}
		if err := save(`{"name":"A reopen","enabled":true,"when":{"event":"ticket.updated"},"if":[{"field":"priority","op":"is","values":["high"]}],"then":[{"type":"set_status","value":"open"}]}`); err != nil {
			t.Fatal(err)
		}
		err := save(`{"name":"B raise","enabled":true,"when":{"event":"status.changed"},"then":[{"type":"set_priority","value":"high"}]}`)
		if err == nil || !strings.Contains(err.Error(), `"A reopen" sets status, which triggers "B raise"`) || !strings.Contains(err.Error(), `"B raise" sets priority, which triggers "A reopen"`) {
			t.Fatalf("loop not refused with its cycle: %v", err)
		}
		// The same rule raising to urgent does not start A (which needs high).
		if err := save(`{"name":"B urgent","enabled":true,"when":{"event":"status.changed"},"then":[{"type":"set_priority","value":"urgent"}]}`); err != nil {
			t.Fatalf("no loop refused: %v", err)
		}
		// A rule that sets what it tests for ends itself.
		if err := save(`{"name":"self","enabled":true,"when":{"event":"ticket.updated"},"if":[{"field":"priority","op":"is_not","values":["urgent"]},{"field":"tags","op":"contains","values":["vip"]}],"then":[{"type":"set_priority","value":"urgent"}]}`); err != nil {
			t.Fatalf("self-ending rule refused: %v", err)
		}
		err = save(`{"name":"tag loop","enabled":true,"when":{"event":"ticket.updated"},"then":[{"type":"set_field","field":"x","value":"1"}]}`)
		if err == nil || !strings.Contains(err.Error(), "rules loop") {
			t.Fatalf("self loop not refused: %v", err)
		}
		if err := save(`{"name":"C low","enabled":true,"when":{"event":"message.customer"},"if":[{"field":"language","op":"is","values":["en"]}],"then":[{"type":"set_priority","value":"low"}]}`); err != nil {
			t.Fatal(err)
		}
		err = save(`{"name":"D high","enabled":true,"when":{"event":"message.customer"},"then":[{"type":"set_priority","value":"high"}]}`)
		if err == nil || !strings.Contains(err.Error(), "conflict") || !strings.Contains(err.Error(), "C low") {
			t.Fatalf("conflict not refused: %v", err)
		}
		if err := save(`{"name":"D high","enabled":true,"when":{"event":"message.customer"},"if":[{"field":"language","op":"is","values":["tr"]}],"then":[{"type":"set_priority","value":"high"}]}`); err != nil {
			t.Fatalf("exclusive rules refused: %v", err)
		}
		// A disabled rule does not count.
		if err := save(`{"name":"E off","enabled":false,"when":{"event":"message.customer"},"then":[{"type":"set_priority","value":"normal"}]}`); err != nil {
			t.Fatalf("disabled rule refused: %v", err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM automation_rules`); n != 6 {
			t.Fatalf("%d rules stored, want 6", n)
		}
	})
}

// Rules that undo each other (saved before the check, e.g. by an older
// version) are stopped at runtime: more than MaxPerMinute changes in a
// minute stops automation on the ticket, flags it and alerts supervisors.
func TestRuntimeGuardStopsALoop(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.auto.MaxPerMinute = 4
		for _, js := range []string{
			`{"name":"up","enabled":true,"when":{"event":"ticket.updated"},"if":[{"field":"priority","op":"is","values":["high"]}],"then":[{"type":"set_priority","value":"urgent"}]}`,
			`{"name":"down","enabled":true,"when":{"event":"ticket.updated"},"if":[{"field":"priority","op":"is","values":["urgent"]}],"then":[{"type":"set_priority","value":"high"}]}`,
		} {
			r := mustParse(t, js)
			if err := db.Tx(e.ctx, func(ctx context.Context, tx *store.Tx) error { return e.auto.write(ctx, tx, &r) }); err != nil {
				t.Fatal(err)
			}
		}
		tk := e.create("hello")
		high := ticket.Priority("high")
		if _, err := e.tickets.UpdateTicket(e.ctx, e.agent, tk.ID, ticket.Update{Priority: &high}); err != nil {
			t.Fatal(err)
		}
		evs := e.pump()
		stopped, err := e.auto.Stopped(e.ctx, tk.ID)
		if err != nil || !stopped {
			t.Fatalf("ticket not stopped: %v %v", stopped, err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM automation_runs WHERE ticket_id = ?`, tk.ID); n != 4 {
			t.Fatalf("%d runs, want 4", n)
		}
		var sawStop, sawAlert bool
		for _, ev := range evs {
			_, ok, _ := Stopped.Decode(ev)
			sawStop = sawStop || ok
			if a, ok, _ := auth.AlertRaised.Decode(ev); ok && a.Alert == "automation.stopped" {
				sawAlert = true
			}
		}
		if !sawStop || !sawAlert {
			t.Fatalf("stop event %v, alert %v", sawStop, sawAlert)
		}
	})
}

// A macro the outbound guard refuses is not sent; the rule's other
// actions still run and the refusal is in rule_fired.
func TestMacroPassesTheOutboundGuard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		if _, err := e.auto.Save(e.ctx, mustParse(t, `{"name":"bad macro","enabled":true,"when":{"event":"message.customer"},
			"then":[{"type":"macro","value":"Please send us your seed phrase"},{"type":"add_tags","values":["asked"]}]}`)); err != nil {
			t.Fatal(err)
		}
		tk := e.create("hi")
		evs := e.pump()
		got := e.get(tk.ID)
		for _, m := range got.Messages {
			if strings.Contains(m.Body, "seed phrase") {
				t.Fatal("the guard's refusal was bypassed")
			}
		}
		if !slices.Contains(got.Tags, "asked") {
			t.Fatalf("tags %v", got.Tags)
		}
		failed := false
		for _, ev := range evs {
			if f, ok, _ := RuleFired.Decode(ev); ok && len(f.Failed) == 1 && strings.Contains(f.Failed[0], "outbound guard") {
				failed = true
			}
		}
		if !failed {
			t.Fatal("rule_fired does not name the refused macro")
		}
	})
}

// The dry run lists the recent tickets a rule would have matched, and
// changes nothing.
func TestDryRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		old := e.create("my account was hacked last year")
		// The ticket store stamps tickets with the wall clock, not the
		// database's test clock, so the old ticket is made old here.
		if _, err := db.Exec(e.ctx, `UPDATE tickets SET created_at = ? WHERE id = ?`, db.Now()-10*24*3600*1000, old.ID); err != nil {
			t.Fatal(err)
		}
		hit := e.create("Мой аккаунт взломали")
		miss := e.create("How do I change my e-mail?")
		rows, err := e.auto.DryRun(e.ctx, DemoRules()[0], 7)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].TicketID != hit.ID || !strings.HasPrefix(rows[0].MatchedOn, "message ") {
			t.Fatalf("dry run %+v; want only ticket %d (not %d or %d)", rows, hit.ID, old.ID, miss.ID)
		}
		if tk := e.get(hit.ID); tk.Priority == ticket.Priority("urgent") {
			t.Fatal("the dry run changed the ticket")
		}
		if _, err := e.auto.DryRun(e.ctx, DemoRules()[0], 0); err == nil {
			t.Fatal("0 days accepted")
		}
	})
}

// A rule counted in business hours (an SLA calendar, Mon-Fri 09-17 UTC)
// falls due after that many open hours, skipping the night and weekend.
func TestNoReplyInBusinessHours(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		cals := sla.New(db, audit.New(db), e.tickets, nil, slog.New(slog.DiscardHandler))
		cal, err := cals.SaveCalendar(e.ctx, sla.Calendar{Name: "Office", TimeZone: "UTC", Hours: "mon-fri 09:00-17:00"})
		if err != nil {
			t.Fatal(err)
		}
		e.auto.calendars = cals
		if _, err := e.auto.Save(e.ctx, Rule{Name: "nudge", Enabled: true, When: When{Event: OnNoCustomerReply, Hours: 8, CalendarID: cal.ID},
			Then: []Action{{Type: AddTags, Values: []string{"nudged"}}}}); err != nil {
			t.Fatal(err)
		}
		// Friday 16:00: one open hour on Friday, seven on Monday, so due
		// Monday 16:00 UTC.
		e.clock.Set(time.Date(2026, 3, 6, 16, 0, 0, 0, time.UTC))
		tk := e.create("where is it?")
		e.pump()
		e.setStatus(tk.ID, ticket.StatusPendingCustomer)
		e.pump()
		want := time.Date(2026, 3, 9, 16, 0, 0, 0, time.UTC).UnixMilli()
		if got := storetest.Scalar[int64](t, db, `SELECT due_at FROM automation_due WHERE ticket_id = ?`, tk.ID); got != want {
			t.Fatalf("due %s, want %s", store.Time(got), store.Time(want))
		}
		e.clock.Set(time.Date(2026, 3, 9, 15, 59, 0, 0, time.UTC))
		e.tick()
		if slices.Contains(e.get(tk.ID).Tags, "nudged") {
			t.Fatal("ran before its business hours had passed")
		}
		e.clock.Set(time.Date(2026, 3, 9, 16, 0, 0, 0, time.UTC))
		e.tick()
		if !slices.Contains(e.get(tk.ID).Tags, "nudged") {
			t.Fatal("did not run when due")
		}
	})
}

// Automation records as handled (a consumed_events row) only the events a
// rule can act on: without rules a ticket and its messages add none, a
// rule on customer messages claims those, and a "no customer reply" rule
// claims the customer's messages, which end its wait.
func TestClaimsOnlyWhatRulesCanActOn(t *testing.T) {
	cases := []struct {
		name   string
		rule   string
		want   map[string]int // event type → claimed rows
		tagged bool           // the rule tagged the ticket "seen"
	}{
		{"no rules", "", map[string]int{}, false},
		{"customer messages", `{"name":"tag","enabled":true,"when":{"event":"message.customer"},"then":[{"type":"add_tags","values":["seen"]}]}`,
			map[string]int{"message.created": 2}, true},
		{"disabled", `{"name":"tag","enabled":false,"when":{"event":"message.customer"},"then":[{"type":"add_tags","values":["seen"]}]}`,
			map[string]int{}, false},
		{"no customer reply", `{"name":"nudge","enabled":true,"when":{"event":"time.no_customer_reply","hours":48},"then":[{"type":"add_tags","values":["seen"]}]}`,
			map[string]int{"message.created": 2}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				e := newEnv(t, db)
				if c.rule != "" {
					if _, err := e.auto.Save(e.ctx, mustParse(t, c.rule)); err != nil {
						t.Fatal(err)
					}
				}
				tk := e.create("Where is my deposit?")
				if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ExternalID: "u-1"}, tk.ID, "Any news?"); err != nil {
					t.Fatal(err)
				}
				e.pump()
				rows, err := db.Query(e.ctx, `SELECT o.type, COUNT(*) FROM consumed_events c JOIN outbox o ON o.id = c.event_id
					WHERE c.consumer = ? GROUP BY o.type`, consumerName)
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				got := map[string]int{}
				for rows.Next() {
					var typ string
					var n int
					if err := rows.Scan(&typ, &n); err != nil {
						t.Fatal(err)
					}
					got[typ] = n
				}
				if err := rows.Err(); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(c.want, got); diff != "" {
					t.Fatalf("claimed rows by event type (-want +got):\n%s", diff)
				}
				if tags := e.get(tk.ID).Tags; slices.Contains(tags, "seen") != c.tagged {
					t.Fatalf("tags %v, want \"seen\" %v", tags, c.tagged)
				}
			})
		})
	}
}
