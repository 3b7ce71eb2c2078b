package workforce

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// passThrough screens nothing: these tests are about the workforce.
type passThrough struct{}

func (passThrough) Inbound(state []byte, _ int64, text string) ticket.Screened {
	return ticket.Screened{Text: text, State: state}
}
func (passThrough) Outbound([]string, string) string { return "" }
func (passThrough) Warning(string, []string) string  { return "" }

type env struct {
	t       *testing.T
	db      *store.DB
	tickets *ticket.Store
	routing *routing.Service
	people  *auth.Service
	sla     *sla.Service
	svc     *Service
	clock   *store.FakeClock
	queues  map[string]int64
	team    int64
	seq     int
}

func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{t: t, db: db, clock: store.NewFakeClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)), queues: map[string]int64{}}
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
	e.people = auth.NewService(db, log, keys)
	e.sla = sla.New(db, log, e.tickets, nil, nil)
	e.svc = New(db, e.routing, e.sla, e.tickets, e.people, nil)
	e.routing.Resting = e.svc.Resting
	if err := e.routing.EnsureCatchAll(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []routing.QueueInput{
		{Name: "Futures · Turkish · Tier 1", Rule: "area=futures language=tr tier=1"},
		{Name: "Card · Turkish · Tier 1", Rule: "area=card language=tr tier=1"},
		{Name: "Security", Rule: "specialist=security"},
	} {
		saved, err := e.routing.SaveQueue(ctx, 0, 0, q)
		if err != nil {
			t.Fatal(err)
		}
		e.queues[q.Name] = saved.ID
	}
	team, err := e.people.CreateTeam(ctx, auth.NewTeam{Name: "Turkish desk"})
	if err != nil {
		t.Fatal(err)
	}
	e.team = team.ID
	return e
}

// agent adds an active agent of role in the team with these skills, online.
func (e *env) agent(name string, role auth.Role, k routing.Skills) int64 {
	e.t.Helper()
	ctx := context.Background()
	e.seq++
	a, err := e.people.CreateAgent(ctx, auth.NewAgent{Email: fmt.Sprintf("w%d@example.com", e.seq), Name: name, Role: role,
		Password: "correct horse battery staple 42", Teams: []int64{e.team}})
	if err != nil {
		e.t.Fatal(err)
	}
	if k.MaxChats == 0 {
		k.MaxChats, k.MaxTickets = 3, 25
	}
	if _, err := e.routing.SetSkills(ctx, a.ID, k); err != nil {
		e.t.Fatal(err)
	}
	if err := e.routing.SetAvailability(ctx, a.ID, routing.Online); err != nil {
		e.t.Fatal(err)
	}
	return a.ID
}

// chat opens a chat as its customer would and routes it.
func (e *env) chat(lang, subject, message string) int64 {
	return e.chatIn("futures", lang, subject, message)
}

// chatIn is chat with the product area the widget names.
func (e *env) chatIn(area, lang, subject, message string) int64 {
	e.t.Helper()
	ctx := context.Background()
	e.seq++
	tk, err := e.tickets.CreateForCustomer(ctx, ticket.NewTicket{Subject: subject, Message: message, Channel: "chat", Language: lang, ProductArea: area,
		Customer: ticket.NewCustomer{ExternalID: fmt.Sprintf("c%d", e.seq), Language: lang}})
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.routing.Route(ctx, tk.ID); err != nil {
		e.t.Fatal(err)
	}
	return tk.ID
}

func (e *env) offeredTo(id int64) int64 {
	e.t.Helper()
	r, err := e.routing.TicketRoute(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	if r.Offer == nil {
		return 0
	}
	return r.Offer.AgentID
}

const liquidationTR = "Merhaba, futures pozisyonum neden tasfiye oldu? Hesabımda teminat vardı."

var turkishFutures = routing.Skills{Languages: []string{"tr"}, Areas: []string{"futures"}, Tiers: []int{1}}

func TestBreathingRoomAfterAFlagHoldsOffNewChats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		ayse := e.agent("Ayşe", auth.Tier1, turkishFutures)
		mehmet := e.agent("Mehmet", auth.Tier1, turkishFutures)
		first := e.chat("tr", "Tasfiye", liquidationTR)
		if got := e.offeredTo(first); got != ayse {
			t.Fatalf("first chat offered to %d, want %d", got, ayse)
		}
		if err := e.routing.Accept(ctx, ayse, first); err != nil {
			t.Fatal(err)
		}
		// Ayşe flags the conversation abusive: no chat is offered to her
		// for the configured minutes, though she is the least idle choice
		// only after Mehmet (who gets it either way); so load Mehmet first.
		second := e.chat("tr", "Tasfiye 2", liquidationTR)
		if err := e.routing.Accept(ctx, e.offeredTo(second), second); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.SetBreathingMinutes(ctx, 3); err != nil {
			t.Fatal(err)
		}
		f, err := e.svc.FlagTicket(ctx, first, "abusive", &ayse)
		if err != nil {
			t.Fatal(err)
		}
		if f.RestingUntil == nil || !f.RestingUntil.Equal(e.clock.Now().Add(3*time.Minute)) {
			t.Fatalf("resting until %v, want three minutes from now", f.RestingUntil)
		}
		// Both have one chat; Ayşe was assigned longer ago, so she would be
		// next, but she is resting.
		third := e.chat("tr", "Tasfiye 3", liquidationTR)
		if got := e.offeredTo(third); got != mehmet {
			t.Fatalf("chat during breathing room offered to %d, want %d (not the resting agent %d)", got, mehmet, ayse)
		}
		if err := e.routing.Decline(ctx, mehmet, third); err != nil {
			t.Fatal(err)
		}
		// Declined by the only other agent: it waits rather than going to her.
		if got := e.offeredTo(third); got == ayse {
			t.Fatalf("declined chat offered to the resting agent")
		}
		// After the breathing room, she is offered chats again.
		e.clock.Advance(3*time.Minute + time.Second)
		if err := e.routing.Redispatch(ctx); err != nil {
			t.Fatal(err)
		}
		if got := e.offeredTo(third); got != ayse {
			t.Errorf("after the breathing room, offered to %d, want %d", got, ayse)
		}
		flags, err := e.svc.Flags(ctx, first)
		if err != nil || len(flags) != 1 || flags[0].Source != SourceAgent || flags[0].Kind != "abusive" {
			t.Errorf("flags %+v, %v", flags, err)
		}
		if _, err := e.svc.FlagTicket(ctx, first, "rude", &ayse); errs.KindOf(err) != errs.Invalid {
			t.Errorf("unknown kind: %v", err)
		}
		if err := e.svc.SetBreathingMinutes(ctx, 0); errs.KindOf(err) != errs.Invalid {
			t.Errorf("zero minutes: %v", err)
		}
	})
}

func TestDetectedAbuseGivesTheAssigneeBreathingRoomOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		ayse := e.agent("Ayşe", auth.Tier1, turkishFutures)
		id := e.chat("tr", "Tasfiye", liquidationTR)
		if err := e.routing.Accept(ctx, ayse, id); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.detectAbuse(ctx, id, "Param nerede, lütfen yardım edin"); err != nil {
			t.Fatal(err)
		}
		if e.svc.Resting(ayse) {
			t.Fatal("an honest message started breathing room")
		}
		for _, msg := range []string{"salak mısın sen", "siktir git"} {
			if err := e.svc.detectAbuse(ctx, id, msg); err != nil {
				t.Fatal(err)
			}
		}
		if !e.svc.Resting(ayse) {
			t.Fatal("abuse did not start breathing room for the assignee")
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM ticket_flags WHERE ticket_id = ? AND source = 'detected'`, id); n != 1 {
			t.Errorf("%d detected flags for a tirade, want 1", n)
		}
		// Another node learns of it from the event.
		other := New(db, e.routing, nil, e.tickets, e.people, nil)
		if err := other.loadResting(ctx); err != nil || !other.Resting(ayse) {
			t.Errorf("a starting node does not see the breathing room: %v", err)
		}
	})
}

func TestSurgeWidensTier1AndTellsWaitingCustomers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		sup := e.agent("Sup", auth.Supervisor, routing.Skills{Languages: []string{"en"}, Tiers: []int{3}})
		if err := e.routing.SetAvailability(ctx, sup, routing.Offline); err != nil {
			t.Fatal(err)
		}
		cardOnly := e.agent("Kart", auth.Tier1, routing.Skills{Languages: []string{"tr"}, Areas: []string{"card"}, Tiers: []int{1}})
		id := e.chat("tr", "Tasfiye", liquidationTR)
		if got := e.offeredTo(id); got != 0 {
			t.Fatalf("futures chat offered to a card agent %d without surge", got)
		}
		told, err := e.svc.SetSurge(ctx, true, sup)
		if err != nil {
			t.Fatal(err)
		}
		if told != 1 {
			t.Errorf("told %d waiting customers, want 1", told)
		}
		if err := e.routing.Redispatch(ctx); err != nil {
			t.Fatal(err)
		}
		if got := e.offeredTo(id); got != cardOnly {
			t.Errorf("under surge offered to %d, want the Tier 1 card agent %d", got, cardOnly)
		}
		var body string
		msgs, err := e.tickets.MessagesAfter(ctx, ticket.Viewer{AgentID: sup, AllTeams: true}, id, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.AuthorKind == "system" {
				body = m.Body
			}
		}
		if !strings.Contains(body, "Şu anda her zamankinden yoğunuz") || !strings.Contains(body, "1. sıradasınız") {
			t.Errorf("the customer was told %q, want the Turkish notice with their place", body)
		}
		snap, err := e.svc.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !snap.Surge {
			t.Error("snapshot does not show surge")
		}
		// Switching it on again tells nobody twice; off narrows again.
		if told, err := e.svc.SetSurge(ctx, true, sup); err != nil || told != 0 {
			t.Errorf("second switch on: told %d, %v", told, err)
		}
		if _, err := e.svc.SetSurge(ctx, false, sup); err != nil {
			t.Fatal(err)
		}
		if e.routing.Index().Fits(cardOnly, routing.Need{Language: "tr", Area: "futures", Tier: 1, Chat: true}) {
			t.Error("surge off still lets the card agent take futures")
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM outbox WHERE type = ?`, SurgeChanged.Type()); n != 2 {
			t.Errorf("%d surge events, want 2", n)
		}
	})
}

func TestSnapshotAndMovingAnAgentBetweenQueues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		ayse := e.agent("Ayşe", auth.Tier1, turkishFutures)
		away := e.agent("Away", auth.Tier1, turkishFutures)
		if err := e.routing.SetAvailability(ctx, away, routing.Away); err != nil {
			t.Fatal(err)
		}
		e.chat("tr", "Tasfiye", liquidationTR)
		waiting := e.chatIn("card", "tr", "Kart", "Kartım neden reddedildi? Kart ödemesi olmadı.")
		snap, err := e.svc.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		q := func(name string) QueueView {
			for _, v := range snap.Queues {
				if v.ID == e.queues[name] {
					return v
				}
			}
			t.Fatalf("no queue %q in the snapshot", name)
			return QueueView{}
		}
		fut, card := q("Futures · Turkish · Tier 1"), q("Card · Turkish · Tier 1")
		if len(fut.Online) != 1 || fut.Online[0].AgentID != ayse {
			t.Errorf("futures queue's online agents %+v, want only Ayşe (the other is away)", fut.Online)
		}
		created := storetest.Scalar[int64](t, db, `SELECT created_at FROM tickets WHERE id = ?`, waiting)
		if card.Waiting != 1 || card.Unstaffed != 1 || card.OldestAt == nil || card.OldestAt.UnixMilli() != created || len(card.Online) != 0 {
			t.Errorf("card queue %+v, want one unstaffed ticket waiting since %d", card, created)
		}
		// Move Ayşe from futures to card: her areas change, the card chat is
		// offered to her.
		p, err := e.svc.MoveAgent(ctx, ayse, e.queues["Futures · Turkish · Tier 1"], e.queues["Card · Turkish · Tier 1"])
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(p.Areas, ",") != "card" || strings.Join(p.Languages, ",") != "tr" {
			t.Errorf("after the move: areas %v, languages %v", p.Areas, p.Languages)
		}
		if err := e.routing.Redispatch(ctx); err != nil {
			t.Fatal(err)
		}
		if got := e.offeredTo(waiting); got != ayse {
			t.Errorf("card chat offered to %d after the move, want %d", got, ayse)
		}
		for _, c := range []struct {
			from, to int64
			field    string
		}{{0, 9999, "to_queue_id"}, {9999, e.queues["Security"], "from_queue_id"}, {e.queues["Security"], e.queues["Security"], "to_queue_id"}} {
			_, err := e.svc.MoveAgent(ctx, ayse, c.from, c.to)
			if fe, ok := errs.As(err); !ok || fe.Field != c.field {
				t.Errorf("move %d→%d: %v, want a %s error", c.from, c.to, err, c.field)
			}
		}
		// Moving to the security queue adds the certification.
		p, err = e.svc.MoveAgent(ctx, ayse, 0, e.queues["Security"])
		if err != nil || !strings.Contains(strings.Join(p.Certifications, ","), "security") {
			t.Errorf("move to security: %+v, %v", p.Certifications, err)
		}
	})
}

func TestCoverageGapsAndShiftInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		a := e.agent("Ayşe", auth.Tier1, turkishFutures)
		b := e.agent("Mehmet", auth.Tier1, turkishFutures)
		week := WeekStart(e.clock.Now())
		if week.Weekday() != time.Monday || week.Hour() != 0 {
			t.Fatalf("week starts %v", week)
		}
		at := func(day, hour int) time.Time { return week.Add(time.Duration(day*24+hour) * time.Hour) }
		for _, sh := range []Shift{
			{TeamID: e.team, AgentID: a, Kind: KindShift, StartsAt: at(0, 0), EndsAt: at(0, 12)},
			{TeamID: e.team, AgentID: b, Kind: KindShift, StartsAt: at(0, 12), EndsAt: at(0, 23)},
			{TeamID: e.team, AgentID: b, Kind: KindOnCall, StartsAt: at(1, 0), EndsAt: at(1, 8)},
		} {
			if _, err := e.svc.AddShift(ctx, sh, a); err != nil {
				t.Fatal(err)
			}
		}
		cov, err := e.svc.Coverage(ctx, e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if len(cov) != 1 {
			t.Fatalf("%d teams' coverage", len(cov))
		}
		c := cov[0]
		if c.Days[0][11].OnShift != 1 || c.Days[0][12].OnShift != 1 || !c.Days[0][23].Gap() || c.Days[1][3].OnCall != 1 || !c.Days[1][3].Gap() {
			t.Errorf("Monday 11h %+v, 12h %+v, 23h %+v, Tuesday 3h %+v", c.Days[0][11], c.Days[0][12], c.Days[0][23], c.Days[1][3])
		}
		if c.GapHours != 168-23 || c.NoOnCall != 168-8 {
			t.Errorf("gap hours %d, hours without on-call %d", c.GapHours, c.NoOnCall)
		}
		outsider, err := e.people.CreateAgent(ctx, auth.NewAgent{Email: "out@example.com", Name: "Out", Role: auth.Tier1, Password: "correct horse battery staple 42"})
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []struct {
			sh    Shift
			field string
			kind  errs.Kind
		}{
			{Shift{TeamID: e.team, AgentID: a, Kind: "nap", StartsAt: at(2, 0), EndsAt: at(2, 1)}, "kind", errs.Invalid},
			{Shift{TeamID: e.team, AgentID: a, Kind: KindShift, StartsAt: at(2, 5), EndsAt: at(2, 1)}, "ends_at", errs.Invalid},
			{Shift{TeamID: e.team, AgentID: a, Kind: KindShift, StartsAt: at(2, 0), EndsAt: at(3, 1)}, "ends_at", errs.Invalid},
			{Shift{TeamID: e.team, AgentID: outsider.ID, Kind: KindShift, StartsAt: at(2, 0), EndsAt: at(2, 1)}, "agent_id", errs.Invalid},
			{Shift{TeamID: e.team, AgentID: a, Kind: KindShift, StartsAt: at(0, 11), EndsAt: at(0, 13)}, "", errs.Conflict},
		} {
			_, err := e.svc.AddShift(ctx, bad.sh, a)
			fe, _ := errs.As(err)
			if errs.KindOf(err) != bad.kind || fe.Field != bad.field {
				t.Errorf("shift %+v: %v, want %v on %q", bad.sh, err, bad.kind, bad.field)
			}
		}
		shifts, err := e.svc.Shifts(ctx, week, week.AddDate(0, 0, 7), e.team, 0)
		if err != nil || len(shifts) != 3 {
			t.Fatalf("%d shifts, %v", len(shifts), err)
		}
		if err := e.svc.RemoveShift(ctx, shifts[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.RemoveShift(ctx, shifts[0].ID); errs.KindOf(err) != errs.NotFound {
			t.Errorf("removing twice: %v", err)
		}
	})
}

func TestManagerRotaShowsWhoHasDoneTheirs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		done := e.agent("Done", auth.Supervisor, turkishFutures)
		dayOnly := e.agent("DayOnly", auth.Admin, turkishFutures)
		planned := e.agent("Planned", auth.Supervisor, turkishFutures)
		e.agent("Agent", auth.Tier1, turkishFutures) // not a manager: not in the rota
		jan := time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)
		for _, sh := range []Shift{
			{AgentID: done, StartsAt: jan.Add(8 * time.Hour), EndsAt: jan.Add(17 * time.Hour)},
			{AgentID: done, StartsAt: jan.AddDate(0, 0, 7).Add(9 * time.Hour), EndsAt: jan.AddDate(0, 0, 7).Add(12 * time.Hour)},
			{AgentID: dayOnly, StartsAt: jan.Add(8 * time.Hour), EndsAt: jan.Add(16 * time.Hour)},
			{AgentID: dayOnly, StartsAt: jan.AddDate(0, 0, 1).Add(9 * time.Hour), EndsAt: jan.AddDate(0, 0, 1).Add(10 * time.Hour)},
			{AgentID: planned, StartsAt: time.Date(2026, 3, 20, 8, 0, 0, 0, time.UTC), EndsAt: time.Date(2026, 3, 20, 17, 0, 0, 0, time.UTC)},
			// Last quarter's shift does not count.
			{AgentID: planned, StartsAt: time.Date(2025, 12, 1, 8, 0, 0, 0, time.UTC), EndsAt: time.Date(2025, 12, 1, 17, 0, 0, 0, time.UTC)},
		} {
			sh.TeamID, sh.Kind = e.team, KindManager
			if _, err := e.svc.AddShift(ctx, sh, done); err != nil {
				t.Fatal(err)
			}
		}
		rota, err := e.svc.ManagerRota(ctx, e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]ManagerDuty{}
		for _, d := range rota {
			got[d.Name] = d
		}
		if len(got) != 3 {
			t.Fatalf("rota %+v, want the three managers", rota)
		}
		if d := got["Done"]; !d.Done || !d.FullDay || d.ExtraHours != 3 {
			t.Errorf("Done: %+v", d)
		}
		if d := got["DayOnly"]; d.Done || !d.FullDay || d.ExtraHours != 1 {
			t.Errorf("DayOnly: %+v (a day and one hour is not enough)", d)
		}
		if d := got["Planned"]; d.Done || d.FullDay || d.Planned != 1 {
			t.Errorf("Planned: %+v", d)
		}
		if QuarterName(e.clock.Now()) != "2026 Q1" {
			t.Errorf("quarter %q", QuarterName(e.clock.Now()))
		}
	})
}

func TestWorkloadAndHandleTime(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		ayse := e.agent("Ayşe", auth.Tier1, turkishFutures)
		var ids []int64
		for i := range 3 {
			id := e.chat("tr", fmt.Sprintf("Tasfiye %d", i), liquidationTR)
			if err := e.routing.Accept(ctx, ayse, id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		// The consumers' work, driven from the outbox as the bus would.
		feed := func() {
			evs, err := bus.Pending(ctx, db, 1000)
			if err != nil {
				t.Fatal(err)
			}
			for _, ev := range evs {
				for _, h := range []func(context.Context, store.Event) error{e.svc.onAssigned, e.svc.onStatus} {
					if err := h(ctx, ev); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		viewer := ticket.Viewer{AgentID: ayse, Teams: []int64{e.team}}
		solve := func(id int64, after time.Duration) {
			e.clock.Advance(after)
			solved := ticket.StatusSolved
			if _, err := e.tickets.UpdateTicket(ctx, viewer, id, ticket.Update{Status: &solved}); err != nil {
				t.Fatal(err)
			}
		}
		solve(ids[0], 10*time.Minute)
		solve(ids[1], 20*time.Minute)
		feed()
		feed() // redelivery changes nothing
		w, err := e.svc.Workload(ctx, ayse)
		if err != nil {
			t.Fatal(err)
		}
		if w.Assigned7d != 3 || w.Solved7d != 2 || w.Chats != 1 {
			t.Errorf("workload %+v, want 3 assigned, 2 solved, 1 open chat", w)
		}
		// Solved 10 and 30 minutes after assignment.
		if w.HandleMedian != 20*60 || w.HandleMean != 20*60 {
			t.Errorf("handle median %d s, mean %d s, want 1200 both", w.HandleMedian, w.HandleMean)
		}
	})
}

// TestEveryEventDecodesFromTheOutbox drives the package through every
// event it emits and decodes each outbox row with the catalogue's topic.
func TestEveryEventDecodesFromTheOutbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		a := e.agent("Ayşe", auth.Supervisor, turkishFutures)
		id := e.chat("tr", "Tasfiye", liquidationTR)
		if _, err := e.svc.FlagTicket(ctx, id, "distressing", &a); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.SetSurge(ctx, true, a); err != nil {
			t.Fatal(err)
		}
		start := WeekStart(e.clock.Now())
		sh, err := e.svc.AddShift(ctx, Shift{TeamID: e.team, AgentID: a, Kind: KindOnCall, StartsAt: start, EndsAt: start.Add(time.Hour)}, a)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.svc.RemoveShift(ctx, sh.ID); err != nil {
			t.Fatal(err)
		}
		byType := map[string]bus.Kind{}
		for _, k := range Topics() {
			byType[k.Type()] = k
		}
		evs, err := bus.Pending(ctx, db, 1000)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, ev := range evs {
			k, ok := byType[ev.Type]
			if !ok {
				continue // routing's and ticket's own
			}
			if _, ok, err := k.DecodeAny(ev); err != nil || !ok {
				t.Fatalf("decode %s %s: ok=%v err=%v", ev.Type, ev.Data, ok, err)
			}
			seen[ev.Type]++
		}
		for typ := range byType {
			if seen[typ] == 0 {
				t.Errorf("no %s event was emitted", typ)
			}
		}
	})
}
