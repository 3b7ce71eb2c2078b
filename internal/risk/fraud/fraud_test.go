package fraud

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

const scamAddress = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"

// TestScamAddressStory: three customers reporting the same scam address
// raise exactly one alert; a specialist flags it; it is on the exchange's
// list; a fourth customer who mentions it is warned in their language, and
// the agent sees the reason in a note.
func TestScamAddressStory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		texts := []string{
			"Someone on Telegram promised to double my BTC if I sent it to " + scamAddress + ", nothing came back",
			"I sent 0.2 BTC to " + strings.ToUpper(scamAddress) + " for an airdrop, is this a scam?",
			"giveaway address was " + scamAddress + ". please help",
		}
		var first int64
		for i, text := range texts {
			tk := e.customerTicket(fmt.Sprintf("victim%d", i), text, "en")
			if i == 0 {
				first = tk.ID
			}
			e.clock.Advance(time.Hour)
			e.consume()
			if got := len(e.alerts()); i < 2 && got != 0 {
				t.Fatalf("after %d reports: %d alerts, want none yet", i+1, got)
			}
		}
		// The same customer again, and a redelivered event: still one alert.
		e.customerTicket("victim0", "me again about "+scamAddress, "en")
		e.consume()
		e.seen = 0
		e.consume()
		alerts := e.alerts()
		if len(alerts) != 1 {
			t.Fatalf("%d alerts, want exactly 1: %+v", len(alerts), alerts)
		}
		if a := alerts[0]; a.Audience != AlertAudience || !strings.Contains(a.Message, scamAddress) || !strings.Contains(a.Message, "3 customers") {
			t.Errorf("alert = %+v", a)
		}
		id := e.entityID(KindAddress, scamAddress)
		d, err := e.svc.Entity(e.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Customers != 3 || d.Tickets != 4 || d.Mentions[len(d.Mentions)-1].TicketID != first {
			t.Errorf("cluster = %+v", d)
		}
		cs, err := e.svc.Clusters(e.ctx, 10)
		if err != nil || len(cs) != 1 || cs[0].ID != id || cs[0].AlertedAt == nil {
			t.Fatalf("clusters = %+v, %v", cs, err)
		}

		f, err := e.svc.Flag(e.ctx, id, "Fake giveaway: doubles nothing.\nVictims: 3 so far", 7)
		if err != nil {
			t.Fatal(err)
		}
		if evs := e.events(EntityFlagged.Type()); len(evs) != 1 {
			t.Fatalf("%d fraud.entity_flagged events", len(evs))
		} else if ev, _, err := EntityFlagged.Decode(evs[0]); err != nil || ev.Value != scamAddress || ev.EntityID != id || ev.Cursor != f.Cursor {
			t.Errorf("event = %+v, %v", ev, err)
		}
		list, err := e.svc.FlaggedList(e.ctx, 0, 10)
		if err != nil || len(list) != 1 || list[0].Value != scamAddress || list[0].Kind != KindAddress {
			t.Fatalf("flagged list = %+v, %v", list, err)
		}
		if later, err := e.svc.FlaggedList(e.ctx, list[0].Cursor, 10); err != nil || len(later) != 0 {
			t.Errorf("after the cursor: %+v, %v", later, err)
		}
		if _, err := e.svc.Flag(e.ctx, id, "again", 7); !errs.Is(err, errs.Conflict) {
			t.Errorf("flagging twice: %v, want a conflict", err)
		}

		fourth := e.customerTicket("victim3", "Quero enviar para "+scamAddress+" hoje, é seguro?", "pt")
		e.consume()
		warned := e.messages(fourth.ID, "system", false)
		if len(warned) != 1 || warned[0] != CustomerWarning("pt") {
			t.Fatalf("customer messages = %q, want the Portuguese warning", warned)
		}
		notes := e.messages(fourth.ID, "bot", true)
		if !contains(notes, "flagged: Fake giveaway: doubles nothing.") || contains(notes, "Victims") {
			t.Errorf("agent's note = %q, want the reason's summary", notes)
		}
		// Once per ticket.
		if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ExternalID: "u-victim3"}, fourth.ID, "so "+scamAddress+" is bad?"); err != nil {
			t.Fatal(err)
		}
		e.consume()
		if got := e.messages(fourth.ID, "system", false); len(got) != 1 {
			t.Errorf("warned %d times on one ticket", len(got))
		}
		if len(e.alerts()) != 1 {
			t.Errorf("a flagged entity raised another alert")
		}
	})
}

// TestRedactedAndOfficial: a seed phrase is cut before indexing (never an
// entity); the exchange's own site and Telegram are not entities; a
// look-alike site is, with what it imitates.
func TestRedactedAndOfficial(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		seed := "abandon ability able about above absent absorb abstract absurd abuse access accident"
		e.customerTicket("a", "my seed is "+seed+" and support at groundcrew-exchange.support asked for it, also see https://groundcrew.exchange/help and t.me/GroundcrewExchangeSupport", "en")
		e.consume()
		rows := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM fraud_entities`)
		var kind, value, imitates string
		if err := db.QueryRow(e.ctx, `SELECT kind, value, imitates FROM fraud_entities`).Scan(&kind, &value, &imitates); err != nil {
			t.Fatal(err)
		}
		if rows != 1 || kind != KindDomain || value != "groundcrew-exchange.support" || imitates == "" {
			t.Errorf("%d entities; first %s %s imitates %q", rows, kind, value, imitates)
		}
		for _, w := range strings.Fields(seed) {
			if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM fraud_entities WHERE value LIKE ?`, "%"+w+"%"); n != 0 {
				t.Errorf("a seed word %q is in an entity", w)
			}
		}
	})
}

// TestDecisionsRefused: unknown entities, empty reasons, dismissing twice
// or a flagged entity are refused and change nothing.
func TestDecisionsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.customerTicket("a", "paid +44 20 7946 0958 who said they were support", "en")
		e.consume()
		id := e.entityID(KindPhone, "+442079460958")
		cases := []struct {
			name string
			err  error
			kind errs.Kind
		}{
			{"unknown", func() error { _, err := e.svc.Flag(e.ctx, id+100, "scam", 1); return err }(), errs.NotFound},
			{"no reason", func() error { _, err := e.svc.Flag(e.ctx, id, "  ", 1); return err }(), errs.Invalid},
			{"long reason", func() error { _, err := e.svc.Flag(e.ctx, id, strings.Repeat("x", 1001), 1); return err }(), errs.Invalid},
			{"dismiss", e.svc.Dismiss(e.ctx, id, "our own call centre", 1), 0},
			{"dismiss twice", e.svc.Dismiss(e.ctx, id, "again", 1), errs.Conflict},
			{"unknown dismiss", e.svc.Dismiss(e.ctx, id+100, "x", 1), errs.NotFound},
		}
		for _, c := range cases {
			if c.kind == 0 {
				if c.err != nil {
					t.Errorf("%s: %v", c.name, c.err)
				}
				continue
			}
			if !errs.Is(c.err, c.kind) {
				t.Errorf("%s: %v, want %v", c.name, c.err, c.kind)
			}
		}
		if n := len(e.events(EntityFlagged.Type())); n != 0 {
			t.Errorf("%d flagged events after refusals", n)
		}
		if err := e.svc.SaveSettings(e.ctx, Settings{Threshold: 1, WindowHours: 5}); !errs.Is(err, errs.Invalid) {
			t.Errorf("threshold 1: %v", err)
		}
		if err := e.svc.SaveSettings(e.ctx, Settings{Threshold: 2, WindowHours: 1}); err != nil {
			t.Fatal(err)
		}
		if st, err := e.svc.Settings(e.ctx); err != nil || st.Threshold != 2 || st.WindowHours != 1 {
			t.Errorf("settings = %+v, %v", st, err)
		}
	})
}

// TestWindow: reports further apart than the window do not make a cluster.
func TestWindow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		if err := e.svc.SaveSettings(e.ctx, Settings{Threshold: 2, WindowHours: 24}); err != nil {
			t.Fatal(err)
		}
		e.customerTicket("a", "scam site groundcrew-bonus.net took my money", "en")
		e.consume()
		e.clock.Advance(25 * time.Hour)
		e.customerTicket("b", "groundcrew-bonus.net is fake", "en")
		e.consume()
		if n := len(e.alerts()); n != 0 {
			t.Fatalf("%d alerts for reports 25 h apart with a 24 h window", n)
		}
		e.clock.Advance(time.Hour)
		e.customerTicket("c", "was groundcrew-bonus.net you?", "en")
		e.consume()
		if n := len(e.alerts()); n != 1 {
			t.Fatalf("%d alerts, want 1", n)
		}
	})
}

// TestCustomerWarningPassesGuard: the warning in every language passes
// the outbound guard, alone and after an agent's greeting.
func TestCustomerWarningPassesGuard(t *testing.T) {
	if len(customerWarnings) != len(Languages) {
		t.Fatalf("%d warnings for %d languages", len(customerWarnings), len(Languages))
	}
	for _, lang := range Languages {
		w, ok := customerWarnings[lang]
		if !ok {
			t.Errorf("no warning in %s", lang)
			continue
		}
		for _, prev := range [][]string{nil, {"Hello, I am looking into your ticket now."}} {
			if vs := guard.CheckOutboundConversation(prev, w, nil); len(vs) > 0 {
				t.Errorf("%s warning refused by the outbound guard: %s", lang, vs[0].Detail)
			}
		}
	}
	if CustomerWarning("xx") != customerWarnings["en"] {
		t.Error("an unknown language does not fall back to English")
	}
}

// BenchmarkRecord indexes a customer message naming an address, a site
// and a handle, each time from another customer (SQLite).
func BenchmarkRecord(b *testing.B) {
	e := newEnv(b, storetest.Open(b, store.SQLite))
	text := "a person called @Support_Desk_Help sent me to https://groundcrew-unlock.io/verify where I paid to " + scamAddress
	var i int64
	b.ReportAllocs()
	for b.Loop() {
		i++
		if err := e.svc.Record(e.ctx, Report{TicketID: i, MessageID: i, CustomerID: i, Source: "message", Text: text}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAllowList: the exchange's own hot wallet, allow-listed before anyone
// mentions it, stays quiet however many customers write it; a bad entry
// is refused and changes nothing.
func TestAllowList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		const hot = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
		for _, bad := range []struct{ value, reason string }{
			{"", "x"}, {"hello world", "x"}, {hot + " and example-scam.io", "x"}, {hot, ""},
		} {
			if _, err := e.svc.Allow(e.ctx, bad.value, bad.reason, 1); !errs.Is(err, errs.Invalid) {
				t.Errorf("Allow(%q, %q): %v, want invalid", bad.value, bad.reason, err)
			}
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM fraud_entities`); n != 0 {
			t.Fatalf("refused entries left %d entities", n)
		}
		c, err := e.svc.Allow(e.ctx, hot, "Our withdrawal hot wallet", 1)
		if err != nil {
			t.Fatal(err)
		}
		if c.State != StateDismissed || c.Value != strings.ToLower(hot) {
			t.Errorf("allowed = %+v", c)
		}
		if _, err := e.svc.Allow(e.ctx, strings.ToLower(hot), "again", 1); !errs.Is(err, errs.Conflict) {
			t.Errorf("allowing twice: %v", err)
		}
		for i := range 30 {
			e.customerTicket(fmt.Sprintf("c%d", i), "my withdrawal came from "+hot+", is it you?", "en")
		}
		e.consume()
		if n := len(e.alerts()); n != 0 {
			t.Errorf("%d alerts for an allowed address", n)
		}
		d, err := e.svc.Entity(e.ctx, c.ID)
		if err != nil || d.Customers != 30 || len(d.Mentions) != 30 {
			t.Errorf("entity = %d customers, %d mentions, %v", d.Customers, len(d.Mentions), err)
		}
		if cs, err := e.svc.Clusters(e.ctx, 10); err != nil || len(cs) != 0 {
			t.Errorf("clusters = %+v, %v", cs, err)
		}
	})
}

// TestNotes: an agent's note counts for the ticket's customer, but its
// "@name" mentions colleagues, not impersonators.
func TestNotes(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite))
	err := e.svc.Record(e.ctx, Report{TicketID: 1, MessageID: 1, CustomerID: 9, Source: "note",
		Text: "@jordan customer says on the phone the scammer was t.me/groundcrew_help_desk and @fake_support"})
	if err != nil {
		t.Fatal(err)
	}
	var kind, value string
	var customer int64
	if err := e.db.QueryRow(e.ctx, `SELECT e.kind, e.value, m.customer_id FROM fraud_entities e JOIN fraud_mentions m ON m.entity_id = e.id`).Scan(&kind, &value, &customer); err != nil {
		t.Fatal(err)
	}
	if n := storetest.Scalar[int](t, e.db, `SELECT COUNT(*) FROM fraud_entities`); n != 1 || kind != KindTelegram || value != "groundcrew_help_desk" || customer != 9 {
		t.Errorf("%d entities: %s %s of customer %d", n, kind, value, customer)
	}
}
