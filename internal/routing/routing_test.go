package routing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// passThrough screens nothing: these tests are about routing, not secrets.
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
	svc     *Service
	clock   *store.FakeClock
	sig     *signals
	queues  map[string]int64
}

// signals records what the service signalled.
type signals struct{ subjects []string }

func (s *signals) Signal(subject string, _ any) error {
	s.subjects = append(s.subjects, subject)
	return nil
}

func tickets(t *testing.T, db *store.DB) *ticket.Store {
	t.Helper()
	keys, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := ticket.NewStore(db, audit.New(db), passThrough{}, keys)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// newEnv is routing over db with the demo's queues, on a test clock.
func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	e := &env{t: t, db: db, tickets: tickets(t, db), clock: store.NewFakeClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)), sig: &signals{}}
	db.SetClock(e.clock.Now)
	e.svc = New(db, e.tickets, e.sig, nil)
	ctx := context.Background()
	if err := e.svc.EnsureCatchAll(ctx); err != nil {
		t.Fatal(err)
	}
	e.queues = map[string]int64{}
	for _, q := range []QueueInput{
		{Name: "Security · Tier 3", Rule: "specialist=security"},
		{Name: "Futures · Turkish · Tier 1", Rule: "area=futures language=tr tier=1"},
		{Name: "General · English · Tier 1", Rule: "language=en tier=1"},
	} {
		saved, err := e.svc.SaveQueue(ctx, 0, 0, q)
		if err != nil {
			t.Fatal(err)
		}
		e.queues[q.Name] = saved.ID
	}
	qs, err := e.svc.Queues(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e.queues[CatchAllName] = qs[len(qs)-1].ID
	return e
}

var agentSeq int

// agent adds an active agent with these skills, online.
func (e *env) agent(name string, k Skills) int64 {
	e.t.Helper()
	agentSeq++
	ctx := context.Background()
	var id int64
	err := e.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO agents (email, name, role, created_at, updated_at) VALUES (?, ?, 'tier1', 0, 0)`,
			fmt.Sprintf("a%d-%s@example.com", agentSeq, strings.ToLower(name)), name)
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	if k.MaxChats == 0 {
		k.MaxChats = 3
	}
	if k.MaxTickets == 0 {
		k.MaxTickets = 25
	}
	if _, err := e.svc.SetSkills(ctx, id, k); err != nil {
		e.t.Fatal(err)
	}
	if err := e.svc.SetAvailability(ctx, id, Online); err != nil {
		e.t.Fatal(err)
	}
	return id
}

var turkishFutures = Skills{Languages: []string{"tr", "en"}, Areas: []string{"futures"}, Tiers: []int{1}}

// ticket opens a ticket as its customer would and routes it, as the
// consumer does on ticket.created.
func (e *env) ticket(channel, lang, subject, message string) int64 {
	e.t.Helper()
	ctx := context.Background()
	agentSeq++
	tk, err := e.tickets.CreateForCustomer(ctx, ticket.NewTicket{Subject: subject, Message: message, Channel: channel, Language: lang,
		Customer: ticket.NewCustomer{ExternalID: fmt.Sprintf("u%d", agentSeq), Language: lang}})
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.svc.Route(ctx, tk.ID); err != nil {
		e.t.Fatal(err)
	}
	return tk.ID
}

func (e *env) route(id int64) TicketRoute {
	e.t.Helper()
	r, err := e.svc.TicketRoute(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

func (e *env) assignee(id int64) int64 {
	e.t.Helper()
	return storetest.Scalar[int64](e.t, e.db, `SELECT COALESCE(assignee_id, 0) FROM tickets WHERE id = ?`, id)
}

func (e *env) events(typ string) int {
	return storetest.Scalar[int](e.t, e.db, `SELECT COUNT(*) FROM outbox WHERE type = ?`, typ)
}

const liquidationTR = "Merhaba, futures pozisyonum neden tasfiye oldu? Hesabımda teminat vardı."

func TestRouteFirstMatchingRuleWithReason(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		// The widget's page was in English; the text is Turkish.
		tr := e.ticket("chat", "en", "Pozisyon tasfiye", liquidationTR)
		en := e.ticket("email", "en", "Password help", "I forgot my password, how do I reset it?")
		de := e.ticket("email", "de", "Konto", "Ich habe eine Frage zu meinem Konto.")
		cases := []struct {
			id     int64
			queue  string
			reason []string
		}{
			{tr, "Futures · Turkish · Tier 1", []string{"rule 2 (Futures · Turkish · Tier 1) matched: area futures, language tr, tier 1", "language tr detected from text", "product area Futures inferred from"}},
			{en, "General · English · Tier 1", []string{"rule 3 (General · English · Tier 1) matched: language en, tier 1"}},
			{de, CatchAllName, []string{`no rule matched: catch-all queue "General"`}},
		}
		for _, c := range cases {
			r := e.route(c.id)
			if r.QueueName != c.queue || r.QueueID == nil || *r.QueueID != e.queues[c.queue] {
				t.Errorf("ticket %d in queue %q (%v), want %q", c.id, r.QueueName, r.QueueID, c.queue)
			}
			for _, want := range c.reason {
				if !strings.Contains(r.Reason, want) {
					t.Errorf("ticket %d's reason %q lacks %q", c.id, r.Reason, want)
				}
			}
		}
		f, err := e.tickets.RouteFacts(context.Background(), tr)
		if err != nil {
			t.Fatal(err)
		}
		if f.Language != "tr" || f.ProductArea != "futures" {
			t.Errorf("detected fields not stored: language %q, area %q", f.Language, f.ProductArea)
		}
		// Routing again (a redelivered event) changes nothing.
		before := e.events(TicketQueued.Type())
		p, err := e.svc.Route(context.Background(), tr)
		if err != nil || p.Changed || e.events(TicketQueued.Type()) != before {
			t.Errorf("second routing: %+v, %v, %d queued events (was %d)", p, err, e.events(TicketQueued.Type()), before)
		}
		// An agent's field change re-routes.
		area := "spot"
		if _, err := e.tickets.UpdateTicket(context.Background(), ticket.Viewer{AllTeams: true}, tr, ticket.Update{ProductArea: &area}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Route(context.Background(), tr); err != nil {
			t.Fatal(err)
		}
		if r := e.route(tr); r.QueueName != CatchAllName {
			t.Errorf("after area spot, queue %q, want the catch-all", r.QueueName)
		}
	})
}

func TestQueueAdminAndOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		// A rule put first wins over the ones below it.
		vip, err := e.svc.SaveQueue(ctx, 1, 0, QueueInput{Name: "VIP", Rule: "vip>=2", Position: 1})
		if err != nil {
			t.Fatal(err)
		}
		qs, err := e.svc.Queues(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, q := range qs {
			names = append(names, q.Name)
		}
		want := "VIP|Security · Tier 3|Futures · Turkish · Tier 1|General · English · Tier 1|General"
		if strings.Join(names, "|") != want {
			t.Errorf("order %v, want %s", names, want)
		}
		id := e.ticket("email", "en", "Hi", "Where is my deposit?")
		if _, err := db.Exec(ctx, `UPDATE customers SET vip_level = 3 WHERE id = (SELECT customer_id FROM tickets WHERE id = ?)`, id); err != nil {
			t.Fatal(err)
		}
		f, err := e.tickets.RouteFacts(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		p, err := e.svc.Decide(ctx, f, false)
		if err != nil || p.QueueID != vip.ID || !strings.Contains(p.Reason, "vip 3 ≥ 2") {
			t.Errorf("dry run: %+v, %v", p, err)
		}
		// Bad input changes nothing.
		for _, in := range []QueueInput{{Name: "", Rule: "tier=1"}, {Name: "X", Rule: ""}, {Name: "X", Rule: "area=moon"}, {Name: "VIP", Rule: "tier=2"}} {
			if _, err := e.svc.SaveQueue(ctx, 1, 0, in); errs.KindOf(err) != errs.Invalid {
				t.Errorf("SaveQueue(%+v) = %v, want invalid", in, err)
			}
		}
		if err := e.svc.RemoveQueue(ctx, 1, e.queues[CatchAllName]); errs.KindOf(err) != errs.Conflict {
			t.Errorf("removing the catch-all: %v", err)
		}
		// Removing a queue re-routes its tickets.
		if err := e.svc.RemoveQueue(ctx, 1, vip.ID); err != nil {
			t.Fatal(err)
		}
		if r := e.route(id); r.QueueName != "General · English · Tier 1" {
			t.Errorf("after removal, queue %q", r.QueueName)
		}
	})
}

func TestChatOfferGoesToLeastLoadedAndMovesOn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		busy := e.agent("Busy", turkishFutures)
		free := e.agent("Free", turkishFutures)
		third := e.agent("Third", turkishFutures)
		e.agent("English", Skills{Languages: []string{"en"}, Tiers: []int{1}}) // no Turkish: never offered
		// Busy has one chat already.
		first := e.ticket("chat", "tr", "Tasfiye", liquidationTR)
		if r := e.route(first); r.Offer == nil {
			t.Fatal("no offer for the first chat")
		}
		offered := e.route(first).Offer.AgentID
		if err := e.svc.Accept(ctx, offered, first); err != nil {
			t.Fatal(err)
		}
		if offered != busy {
			// Ties go to the longest idle; all three started idle, lowest id first.
			t.Errorf("first offer to %d, want %d", offered, busy)
		}
		id := e.ticket("chat", "tr", "Tasfiye 2", liquidationTR)
		r := e.route(id)
		if r.Offer == nil || r.Offer.AgentID != free {
			t.Fatalf("offer %+v, want agent %d (least loaded, then longest idle)", r.Offer, free)
		}
		if !r.Waiting || r.Position != 1 {
			t.Errorf("waiting %v position %d", r.Waiting, r.Position)
		}
		// Someone else cannot accept it.
		if err := e.svc.Accept(ctx, third, id); errs.KindOf(err) != errs.Conflict {
			t.Errorf("accept by another agent: %v", err)
		}
		// Declined: the next agent gets it.
		if err := e.svc.Decline(ctx, free, id); err != nil {
			t.Fatal(err)
		}
		if r := e.route(id); r.Offer == nil || r.Offer.AgentID != third {
			t.Fatalf("after decline, offer %+v, want agent %d", r.Offer, third)
		}
		// Timed out: on to the next who has not had it (busy).
		e.clock.Advance(DefaultOfferTimeout + time.Second)
		if err := e.svc.ExpireOffers(ctx); err != nil {
			t.Fatal(err)
		}
		if r := e.route(id); r.Offer == nil || r.Offer.AgentID != busy {
			t.Fatalf("after timeout, offer %+v, want agent %d", r.Offer, busy)
		}
		// The agent goes away mid-offer: offered again, never orphaned.
		if err := e.svc.SetAvailability(ctx, busy, Away); err != nil {
			t.Fatal(err)
		}
		r = e.route(id)
		if r.Offer == nil || r.Offer.AgentID == busy {
			t.Fatalf("after going away, offer %+v", r.Offer)
		}
		if err := e.svc.Accept(ctx, r.Offer.AgentID, id); err != nil {
			t.Fatal(err)
		}
		if got := e.assignee(id); got != r.Offer.AgentID {
			t.Errorf("assignee %d, want %d", got, r.Offer.AgentID)
		}
		if r := e.route(id); r.Waiting || r.Offer != nil {
			t.Errorf("assigned ticket still waiting: %+v", r)
		}
		if n := e.events(OfferEnded.Type()); n < 4 {
			t.Errorf("%d offer_ended events, want accepted, declined, expired, withdrawn", n)
		}
	})
}

func TestOfflineAgentsChatsGoBackToTheQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		a := e.agent("A", turkishFutures)
		id := e.ticket("chat", "tr", "Tasfiye", liquidationTR)
		if err := e.svc.Accept(ctx, a, id); err != nil {
			t.Fatal(err)
		}
		b := e.agent("B", turkishFutures)
		if err := e.svc.SetAvailability(ctx, a, Offline); err != nil {
			t.Fatal(err)
		}
		if got := e.assignee(id); got != 0 {
			t.Errorf("assignee %d after going offline, want none", got)
		}
		if r := e.route(id); r.Offer == nil || r.Offer.AgentID != b {
			t.Errorf("offer %+v, want agent %d", r.Offer, b)
		}
	})
}

func TestNextTicketPullsUrgentSecurityFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		a := e.agent("A", Skills{Languages: []string{"en"}, Tiers: []int{1}, MaxTickets: 2})
		old := e.ticket("email", "en", "Deposit", "My deposit has not arrived.")
		urgent := e.ticket("email", "en", "Hacked", "Someone stole funds from my account")
		if _, err := db.Exec(ctx, `UPDATE tickets SET priority = 'urgent', product_area = 'account_security' WHERE id = ?`, urgent); err != nil {
			t.Fatal(err)
		}
		got, err := e.svc.Next(ctx, a)
		if err != nil || got != urgent {
			t.Fatalf("Next = %d, %v; want the urgent security ticket %d", got, err, urgent)
		}
		if got, err = e.svc.Next(ctx, a); err != nil || got != old {
			t.Fatalf("Next = %d, %v; want %d", got, err, old)
		}
		e.ticket("email", "en", "More", "Another question")
		if _, err := e.svc.Next(ctx, a); errs.KindOf(err) != errs.Conflict && errs.KindOf(err) != errs.NotFound {
			t.Errorf("Next past capacity: %v", err)
		}
		if e.assignee(old) != a || e.assignee(urgent) != a {
			t.Error("assignments not stored")
		}
		if err := e.svc.SetAvailability(ctx, a, OnBreak); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Next(ctx, a); errs.KindOf(err) != errs.Conflict {
			t.Errorf("Next on break: %v", err)
		}
	})
}

func TestUnstaffedQueueWaitsVisiblyAndAlerts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		id := e.ticket("chat", "tr", "Tasfiye", liquidationTR)
		r := e.route(id)
		if !r.Waiting || !r.Unstaffed || r.Offer != nil || r.Position != 1 {
			t.Errorf("route %+v: want waiting, unstaffed, no offer", r)
		}
		if e.events(QueueUnstaffed.Type()) != 1 || e.events("alert.raised") != 1 {
			t.Errorf("unstaffed events %d, alerts %d", e.events(QueueUnstaffed.Type()), e.events("alert.raised"))
		}
		// The supervisors' sentence names the skills as the pages do.
		if data := storetest.Scalar[string](t, db, `SELECT data FROM outbox WHERE type = 'alert.raised'`); !strings.Contains(data, "(Turkish, Futures, Tier 1)") {
			t.Errorf("unstaffed alert %s, want the skills in words", data)
		}
		stats, err := e.svc.QueueStats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		st := stats[e.queues["Futures · Turkish · Tier 1"]]
		if st.Waiting != 1 || st.Unstaffed != 1 {
			t.Errorf("queue stats %+v", st)
		}
		// An agent comes online: the waiting chat is offered.
		a := e.agent("A", turkishFutures)
		if err := e.svc.Redispatch(context.Background()); err != nil {
			t.Fatal(err)
		}
		if r := e.route(id); r.Offer == nil || r.Offer.AgentID != a {
			t.Errorf("after the agent came online, offer %+v", r.Offer)
		}
	})
}

func TestQueueInfoPositionsAndWait(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		var ids []int64
		for i := 0; i < 3; i++ {
			ids = append(ids, e.ticket("email", "tr", "Tasfiye", liquidationTR))
		}
		for i, id := range ids {
			pos, wait, ok, err := e.svc.QueueInfo(ctx, id)
			if err != nil || !ok || pos != i+1 || wait != 0 {
				t.Errorf("ticket %d: position %d wait %v ok %v err %v; want %d, no estimate (nobody online)", id, pos, wait, ok, err, i+1)
			}
		}
		e.agent("A", turkishFutures)
		e.agent("B", turkishFutures)
		pos, wait, ok, err := e.svc.QueueInfo(ctx, ids[2])
		if err != nil || !ok || pos != 3 || wait != 3*fallbackPerPlace/2 {
			t.Errorf("position %d wait %v ok %v err %v; want 3, %v", pos, wait, ok, err, 3*fallbackPerPlace/2)
		}
		if _, err := db.Exec(ctx, `UPDATE tickets SET priority = 'high' WHERE id = ?`, ids[2]); err != nil {
			t.Fatal(err)
		}
		if pos, _, _, _ := e.svc.QueueInfo(ctx, ids[2]); pos != 1 {
			t.Errorf("a high-priority ticket is at %d, want 1", pos)
		}
		// Taken or solved: no longer waiting, and those behind move up.
		if _, err := db.Exec(ctx, `UPDATE tickets SET assignee_id = (SELECT MIN(id) FROM agents) WHERE id = ?`, ids[2]); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `UPDATE tickets SET status = 'solved' WHERE id = ?`, ids[0]); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			id      int64
			pos     int
			waiting bool
		}{{ids[0], 0, false}, {ids[1], 1, true}, {ids[2], 0, false}} {
			if pos, _, ok, err := e.svc.QueueInfo(ctx, c.id); err != nil || ok != c.waiting || pos != c.pos {
				t.Errorf("ticket %d: position %d, waiting %v (%v); want %d, %v", c.id, pos, ok, err, c.pos, c.waiting)
			}
		}
		if _, _, _, err := e.svc.QueueInfo(ctx, ids[2]+1000); !errs.Is(err, errs.NotFound) {
			t.Errorf("no such ticket: %v, want not found", err)
		}
	})
}

func TestEscalateWithSummaryTellsTheCustomer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		v := ticket.Viewer{AgentID: e.agent("A", turkishFutures), AllTeams: true}
		id := e.ticket("email", "tr", "Tasfiye", liquidationTR)
		for _, bad := range []Escalation{{ToTier: 2, Summary: "x"}, {ToTier: 2, Reason: "needs investigation"}, {Specialist: "wizards", Reason: "x", Summary: "y"}, {ToTier: 5, Reason: "x", Summary: "y"}} {
			if _, err := e.svc.Escalate(ctx, v, id, bad); errs.KindOf(err) != errs.Invalid {
				t.Errorf("Escalate(%+v) = %v, want invalid", bad, err)
			}
		}
		if _, err := e.svc.Escalate(ctx, v, id, Escalation{Specialist: "security", Reason: "account takeover suspected", Summary: "2FA changed yesterday from a new device"}); err != nil {
			t.Fatal(err)
		}
		r := e.route(id)
		if r.QueueName != "Security · Tier 3" || len(r.HandOffs) != 1 || r.HandOffs[0].Summary != "2FA changed yesterday from a new device" || r.HandOffs[0].Specialist != "security" || r.HandOffs[0].ToTier != 3 {
			t.Errorf("after escalation: %+v", r)
		}
		got, err := e.tickets.Get(ctx, v, id)
		if err != nil {
			t.Fatal(err)
		}
		last := got.Messages[len(got.Messages)-1]
		if last.AuthorKind != "system" || last.Internal || last.Body != NextStep("tr", 1, 3, "security") || !strings.Contains(last.Body, "güvenlik ekibimize") {
			t.Errorf("customer told %+v", last)
		}
		// De-escalation needs a reason, not a summary.
		if _, err := e.svc.Escalate(ctx, v, id, Escalation{ToTier: 1, Reason: "not a takeover: the customer changed 2FA"}); err != nil {
			t.Fatal(err)
		}
		if r := e.route(id); r.QueueName != "Futures · Turkish · Tier 1" {
			t.Errorf("after de-escalation, queue %q", r.QueueName)
		}
	})
}

func TestNextStepsInEveryLanguage(t *testing.T) {
	for _, lang := range ticket.Languages {
		for _, kind := range []string{"up", "down", "security", "recovery"} {
			if nextSteps[lang][kind] == "" {
				t.Errorf("no %s message in %s", kind, lang)
			}
		}
	}
	if NextStep("xx", 1, 2, "") != nextSteps["en"]["up"] {
		t.Error("an unknown language does not fall back to English")
	}
}

func TestAwayWhenTheLastWorkspaceConnectionCloses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		a := e.agent("A", turkishFutures)
		other := New(db, e.tickets, nil, nil) // a second node
		other.Node = "node-b"
		e.svc.Node = "node-a"
		for _, s := range []*Service{e.svc, other} {
			if err := s.Connected(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		id := e.ticket("chat", "tr", "Tasfiye", liquidationTR)
		availability := func() Availability {
			p, err := e.svc.Profile(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			return p.Availability
		}
		// One node's page closes: the other still has one open.
		if err := e.svc.Disconnected(ctx, a); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(PresenceGrace + time.Second)
		if err := e.svc.SweepPresence(ctx); err != nil {
			t.Fatal(err)
		}
		if got := availability(); got != Online {
			t.Fatalf("with a page open on node b: %s", got)
		}
		// The last one closes; within the grace a reload would keep them online.
		if err := other.Disconnected(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.SweepPresence(ctx); err != nil || availability() != Online {
			t.Fatalf("within the grace: %s, %v", availability(), err)
		}
		e.clock.Advance(PresenceGrace + time.Second)
		if err := e.svc.SweepPresence(ctx); err != nil {
			t.Fatal(err)
		}
		if got := availability(); got != Away {
			t.Errorf("after the last page closed: %s, want away", got)
		}
		if r := e.route(id); r.Offer != nil {
			t.Errorf("offer still with the away agent: %+v", r.Offer)
		}
	})
}

func TestSkillsInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		a := e.agent("A", turkishFutures)
		for _, bad := range []Skills{{Languages: []string{"xx"}, Tiers: []int{1}}, {Tiers: nil}, {Tiers: []int{4}}, {Tiers: []int{1}, MaxChats: -1},
			{Tiers: []int{1}, Certifications: []string{"a b"}}, {Areas: []string{"moon"}, Tiers: []int{1}}} {
			if _, err := e.svc.SetSkills(ctx, a, bad); errs.KindOf(err) != errs.Invalid {
				t.Errorf("SetSkills(%+v) = %v, want invalid", bad, err)
			}
		}
		if _, err := e.svc.SetSkills(ctx, 99999, turkishFutures); errs.KindOf(err) != errs.NotFound {
			t.Errorf("unknown agent: %v", err)
		}
		if err := e.svc.SetAvailability(ctx, a, "asleep"); errs.KindOf(err) != errs.Invalid {
			t.Errorf("bad availability: %v", err)
		}
		p, err := e.svc.Profile(ctx, a)
		if err != nil || strings.Join(p.Languages, ",") != "en,tr" || p.Availability != Online {
			t.Errorf("profile %+v, %v", p, err)
		}
	})
}

// SetSkills stores the skills normalised but leaves the caller's slices as
// they were: the demo seeds one package-level set into several apps at once.
func TestSetSkillsLeavesTheCallersSlices(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		a := e.agent("A", turkishFutures)
		in := Skills{Languages: []string{"tr", "en", "tr"}, Tiers: []int{2, 1}, Certifications: []string{" Futures "}}
		p, err := e.svc.SetSkills(context.Background(), a, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(p.Languages, ","); got != "en,tr" || !slices.Equal(p.Tiers, []int{1, 2}) || !slices.Equal(p.Certifications, []string{"futures"}) {
			t.Errorf("stored %v %v %v; want [en tr] [1 2] [futures]", p.Languages, p.Tiers, p.Certifications)
		}
		if !slices.Equal(in.Languages, []string{"tr", "en", "tr"}) || !slices.Equal(in.Tiers, []int{2, 1}) || !slices.Equal(in.Certifications, []string{" Futures "}) {
			t.Errorf("the caller's skills changed to %v %v %v", in.Languages, in.Tiers, in.Certifications)
		}
	})
}

var _ = errors.New

// TestQueueInfosAsQueueInfo: QueueInfos tells every ticket what QueueInfo
// tells it alone (places per queue, priorities first, taken and solved
// tickets and unknown ids out), reading each queue's order once: one
// statement for the places and one per queue for the wait estimate.
func TestQueueInfosAsQueueInfo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		var ids []int64
		for range 4 {
			ids = append(ids, e.ticket("chat", "tr", "Tasfiye", liquidationTR))
		}
		ids = append(ids,
			e.ticket("email", "en", "Password help", "I forgot my password, how do I reset it?"),
			e.ticket("email", "de", "Konto", "Ich habe eine Frage zu meinem Konto."),
			e.ticket("email", "en", "Reset", "I forgot my password again, how do I reset it?"))
		e.agent("A", turkishFutures)
		if _, err := db.Exec(ctx, `UPDATE tickets SET priority = 'high' WHERE id = ?`, ids[3]); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `UPDATE tickets SET assignee_id = (SELECT MIN(id) FROM agents) WHERE id = ?`, ids[1]); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `UPDATE tickets SET status = 'solved' WHERE id = ?`, ids[5]); err != nil {
			t.Fatal(err)
		}
		asked := append(slices.Clone(ids), ids[len(ids)-1]+1000, ids[len(ids)-1]+1001) // 9: padded to 16
		before := db.RoundTrips()
		got, err := e.svc.QueueInfos(ctx, asked)
		if err != nil {
			t.Fatal(err)
		}
		if trips := db.RoundTrips() - before; trips > 1+3 {
			t.Errorf("%d statements for %d tickets in at most 3 queues, want at most 4", trips, len(asked))
		}
		waiting := 0
		for _, id := range asked {
			pos, wait, ok, err := e.svc.QueueInfo(ctx, id)
			if errs.Is(err, errs.NotFound) {
				err = nil
			}
			if err != nil {
				t.Fatal(err)
			}
			p, has := got[id]
			if has != ok || p.Position != pos || p.Wait != wait {
				t.Errorf("ticket %d: QueueInfos %+v (%v), QueueInfo %d %v (%v)", id, p, has, pos, wait, ok)
			}
			if ok {
				waiting++
			}
		}
		if waiting != 5 || got[ids[3]].Position != 1 || got[ids[2]].Position != 3 {
			t.Errorf("%d waiting (want 5), the high-priority chat at %d (want 1), the last chat at %d (want 3): %+v",
				waiting, got[ids[3]].Position, got[ids[2]].Position, got)
		}
	})
}

// TestRouteReasonNamesInferredAreaInWords: the reason the ticket page
// shows names an area it inferred as the pages do ("Wallet deposits"),
// never by its code.
func TestRouteReasonNamesInferredAreaInWords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		id := e.ticket("chat", "en", "Live chat", "Hello, my deposit of 250 USDT is missing")
		r := e.route(id)
		for _, c := range []struct {
			text string
			want bool
		}{{"product area Wallet deposits inferred from", true}, {"wallet_deposits", false}} {
			if strings.Contains(r.Reason, c.text) != c.want {
				t.Errorf("reason %q: contains %q is %v, want %v", r.Reason, c.text, !c.want, c.want)
			}
		}
	})
}
