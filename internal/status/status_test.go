package status

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

func TestIncidentLifecycleAndPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		if st := e.svc.Current(e.ctx).Overall(); st != Operational {
			t.Fatalf("empty page overall = %s", st)
		}
		in := e.open(NewIncident{Impact: DepositsDelayed, Asset: "usdt", Components: []string{"network:tron"},
			Titles: map[string]string{"en": "USDT on Tron is delayed", "de": "USDT auf Tron verzögert"},
			Bodies: map[string]string{"en": "We are investigating <b>slow</b> deposits."}})
		if in.State != Open || in.Asset != "USDT" || len(in.Updates) != 1 {
			t.Fatalf("opened = %+v", in)
		}
		sn := e.svc.Current(e.ctx)
		if got := componentState(sn, "network:tron"); got != DepositsDelayed {
			t.Fatalf("tron = %s, want deposits_delayed", got)
		}
		if got := componentState(sn, "network:bitcoin"); got != Operational {
			t.Fatalf("bitcoin = %s", got)
		}
		if in.Title("de") != "USDT auf Tron verzögert" || in.Title("ja") != "USDT on Tron is delayed" {
			t.Fatalf("titles de %q ja %q", in.Title("de"), in.Title("ja"))
		}
		if _, ok := e.svc.OpenIncidentFor("tron", "USDT", ""); !ok {
			t.Fatal("no open incident for USDT on tron")
		}
		if _, ok := e.svc.OpenIncidentFor("tron", "TRX", ""); ok {
			t.Fatal("an incident on USDT concerns TRX")
		}
		if _, ok := e.svc.OpenIncidentFor("tron", "", ""); !ok {
			t.Fatal("a question naming no asset is not answered")
		}
		if _, err := e.svc.PostUpdate(e.ctx, in.ID, NewUpdate{Bodies: en("A fix is rolling out.")}); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(time.Hour)
		res, err := e.svc.Resolve(e.ctx, in.ID, NewUpdate{Bodies: en("Deposits are credited again.")})
		if err != nil {
			t.Fatal(err)
		}
		if res.State != Resolved || res.ResolvedAt == nil || len(res.Updates) != 3 {
			t.Fatalf("resolved = %+v", res)
		}
		if _, err := e.svc.Resolve(e.ctx, in.ID, NewUpdate{Bodies: en("again")}); !errs.Is(err, errs.Conflict) {
			t.Fatalf("resolving twice: %v, want conflict", err)
		}
		if _, err := e.svc.PostUpdate(e.ctx, in.ID, NewUpdate{Bodies: en("late")}); !errs.Is(err, errs.Conflict) {
			t.Fatalf("update after resolve: %v, want conflict", err)
		}
		sn = e.svc.Current(e.ctx)
		if len(sn.Active) != 0 || len(sn.Recent) != 1 || sn.Overall() != Operational {
			t.Fatalf("after resolve: %d active, %d recent, overall %s", len(sn.Active), len(sn.Recent), sn.Overall())
		}
		for _, typ := range []string{"status.incident_opened", "status.incident_updated", "status.incident_resolved"} {
			if e.count(typ) != 1 {
				t.Errorf("%d %s events, want 1", e.count(typ), typ)
			}
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM audit_log WHERE action LIKE 'status.%'`); n != 3 {
			t.Errorf("%d status audit entries, want 3", n)
		}
	})
}

func componentState(sn *Snapshot, key string) State {
	for _, c := range sn.Components {
		if c.Key == key {
			return c.State
		}
	}
	return ""
}

func TestBadIncidentInputChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ok := NewIncident{Titles: en("t"), Bodies: en("b"), Components: []string{"network:tron"}}
		cases := []struct {
			name  string
			edit  func(*NewIncident)
			field string
		}{
			{"no English title", func(n *NewIncident) { n.Titles = map[string]string{"de": "x"} }, "titles"},
			{"unknown language", func(n *NewIncident) { n.Bodies = map[string]string{"en": "b", "xx": "y"} }, "bodies"},
			{"long title", func(n *NewIncident) { n.Titles = en(strings.Repeat("a", MaxTitle+1)) }, "titles"},
			{"no component", func(n *NewIncident) { n.Components = nil }, "components"},
			{"unknown component", func(n *NewIncident) { n.Components = []string{"network:dogechain"} }, "components"},
			{"product other", func(n *NewIncident) { n.Components = []string{"product:other"} }, "components"},
			{"bad impact", func(n *NewIncident) { n.Impact = "on_fire" }, "impact"},
			{"bad kind", func(n *NewIncident) { n.Kind = "outage" }, "kind"},
			{"asset with markup", func(n *NewIncident) { n.Asset = "<script>" }, "asset"},
			{"maintenance without window", func(n *NewIncident) { n.Kind = KindMaintenance }, "ends_at"},
		}
		for _, c := range cases {
			in := ok
			in.Titles, in.Bodies, in.Components = clone(ok.Titles), clone(ok.Bodies), slices.Clone(ok.Components)
			c.edit(&in)
			_, err := e.svc.Open(e.ctx, in)
			if fe, isField := errs.As(err); !isField || fe.Kind != errs.Invalid || fe.Field != c.field {
				t.Errorf("%s: %v, want invalid %s", c.name, err, c.field)
			}
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM status_incidents`); n != 0 {
			t.Fatalf("%d incidents stored from bad input", n)
		}
		if _, err := e.svc.PostUpdate(e.ctx, 999, NewUpdate{Bodies: en("x")}); !errs.Is(err, errs.NotFound) {
			t.Fatalf("update of a missing incident: %v", err)
		}
	})
}

func clone(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func TestIncidentModeLinksTellsAndSolves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		before := e.customerTicket("Old tron deposit", "My USDT on Tron is missing", "en", nil, "other")
		e.clock.Advance(time.Minute)
		in := e.open(NewIncident{Impact: DepositsDelayed, Asset: "USDT", Components: []string{"network:tron", "product:card"},
			Titles: map[string]string{"en": "USDT on Tron is delayed", "ru": "Задержка USDT в сети Tron"}, Bodies: en("Investigating.")})
		e.clock.Advance(time.Minute)
		byText := e.customerTicket("Deposit missing", "I sent USDT over TRC-20 an hour ago", "ru", nil, "other")
		byField := e.customerTicket("Where is it", "Please check", "en", map[string]string{"network": "tron", "asset": "USDT"}, "wallet_deposits")
		byArea := e.customerTicket("Card declined", "My card does not work", "en", nil, "card")
		otherAsset := e.customerTicket("TRX late", "My TRX on Tron is late", "en", nil, "other")
		unrelated := e.customerTicket("Bitcoin", "My BTC withdrawal", "en", nil, "other")
		later := e.customerTicket("Question", "Hello", "en", nil, "other")
		e.consume()
		if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ID: later.Customer.ID}, later.ID, "it is USDT on tron"); err != nil {
			t.Fatal(err)
		}
		// An older ticket joins by a new message that names the incident,
		// not by what it said before.
		if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ID: before.Customer.ID}, before.ID, "any news?"); err != nil {
			t.Fatal(err)
		}
		e.consume()
		linked, err := e.svc.LinkedTickets(e.ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []int64{byText.ID, byField.ID, byArea.ID, later.ID}
		if !slices.Equal(linked, want) {
			t.Fatalf("linked %v, want %v (not %d before, %d TRX, %d bitcoin)", linked, want, before.ID, otherAsset.ID, unrelated.ID)
		}
		got, err := e.tickets.Get(e.ctx, everyTicket, byText.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(got.Tags, TagFor(in.ID)) {
			t.Fatalf("tags %v, want %s", got.Tags, TagFor(in.ID))
		}
		if cur, _ := e.svc.Incident(e.ctx, in.ID); cur.Tickets != 4 {
			t.Fatalf("incident counts %d tickets, want 4", cur.Tickets)
		}
		if e.count("status.ticket_linked") != 4 {
			t.Fatalf("%d ticket_linked events", e.count("status.ticket_linked"))
		}

		if _, err := e.svc.Resolve(e.ctx, in.ID, NewUpdate{Bodies: map[string]string{"en": "Fixed.", "ru": "Исправлено."}}); err != nil {
			t.Fatal(err)
		}
		e.consume()
		e.consume() // a second delivery tells no one twice
		ru, err := e.tickets.Get(e.ctx, everyTicket, byText.ID)
		if err != nil {
			t.Fatal(err)
		}
		if last := ru.Messages[len(ru.Messages)-1]; last.AuthorKind != "system" || !strings.Contains(last.Body, "Задержка USDT в сети Tron") || !strings.Contains(last.Body, "Исправлено.") {
			t.Fatalf("Russian customer told %q (%s)", last.Body, last.AuthorKind)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM messages WHERE author_kind = 'system'`); n != 4 {
			t.Fatalf("%d system messages, want one per linked ticket", n)
		}
		n, err := e.svc.BulkStatus(e.ctx, in.ID, ticket.StatusSolved, "Operator")
		if err != nil || n != 4 {
			t.Fatalf("bulk solve: %d, %v", n, err)
		}
		for _, id := range want {
			tk, err := e.tickets.Get(e.ctx, everyTicket, id)
			if err != nil {
				t.Fatal(err)
			}
			if tk.Status != ticket.StatusSolved {
				t.Errorf("ticket %d is %s after bulk solve", id, tk.Status)
			}
		}
		if tk, _ := e.tickets.Get(e.ctx, everyTicket, unrelated.ID); tk.Status == ticket.StatusSolved {
			t.Error("bulk solve touched an unlinked ticket")
		}
		if _, err := e.svc.BulkStatus(e.ctx, in.ID, ticket.StatusClosed, "Operator"); !errs.Is(err, errs.Invalid) {
			t.Fatalf("bulk close: %v, want invalid", err)
		}
	})
}
