package fraud

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
)

var start = time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)

var (
	registryOnce sync.Once
	registry     *chain.Registry
	registryErr  error
)

// testRegistry is the chain registry (the built-in networks), loaded once.
func testRegistry(t testing.TB) *chain.Registry {
	t.Helper()
	registryOnce.Do(func() { registry, registryErr = chain.LoadRegistry("") })
	if registryErr != nil {
		t.Fatal(registryErr)
	}
	return registry
}

// screen is the real guard, as the server builds the ticket store with it.
var screen = sync.OnceValue(func() ticketguard.Screen { return ticketguard.New() })

type env struct {
	t       testing.TB
	ctx     context.Context
	db      *store.DB
	clock   *store.FakeClock
	tickets *ticket.Store
	svc     *Service
	seen    int64 // the last outbox event handed to the consumer
}

func newEnv(t testing.TB, db *store.DB) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), db: db, clock: store.NewFakeClock(start)}
	db.SetClock(e.clock.Now)
	keys, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	log := audit.New(db)
	if e.tickets, err = ticket.NewStore(db, log, screen(), keys); err != nil {
		t.Fatal(err)
	}
	official := guard.NewOfficial(db, log, nil, "")
	for _, c := range []guard.NewChannel{
		{Kind: guard.ChannelURLDomain, Value: "groundcrew.exchange", Label: "Website"},
		{Kind: guard.ChannelTelegram, Value: "@GroundcrewExchangeSupport", Label: "Telegram"},
	} {
		if _, err := official.AddChannel(e.ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	e.svc = New(Config{DB: db, Audit: log, Tickets: e.tickets, Chain: testRegistry(t), Official: official,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return e
}

// consume hands every new outbox event to the durable consumer's handler,
// as the bus would, until no new ones come.
func (e *env) consume() {
	e.t.Helper()
	for {
		evs, err := bus.Pending(e.ctx, e.db, 1000)
		if err != nil {
			e.t.Fatal(err)
		}
		handled := false
		for _, ev := range evs {
			if ev.ID <= e.seen {
				continue
			}
			e.seen, handled = ev.ID, true
			if err := e.svc.HandleEvent(e.ctx, ev); err != nil {
				e.t.Fatalf("handle %s: %v", ev.Type, err)
			}
		}
		if !handled {
			return
		}
	}
}

// events returns the outbox's events of one type.
func (e *env) events(typ string) []store.Event {
	e.t.Helper()
	evs, err := bus.Pending(e.ctx, e.db, 10000)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []store.Event
	for _, ev := range evs {
		if ev.Type == typ {
			out = append(out, ev)
		}
	}
	return out
}

// alerts are the fraud alerts raised so far.
func (e *env) alerts() []auth.AlertRaisedEvent {
	e.t.Helper()
	var out []auth.AlertRaisedEvent
	for _, ev := range e.events(auth.AlertRaised.Type()) {
		a, _, err := auth.AlertRaised.Decode(ev)
		if err != nil {
			e.t.Fatal(err)
		}
		if a.Alert == "fraud.cluster" {
			out = append(out, a)
		}
	}
	return out
}

// customerTicket opens a ticket for customer who (a new customer per name).
func (e *env) customerTicket(who, message, lang string) ticket.Ticket {
	e.t.Helper()
	tk, err := e.tickets.CreateForCustomer(e.ctx, ticket.NewTicket{Subject: "Help", Message: message, Channel: "chat",
		Customer: ticket.NewCustomer{ExternalID: "u-" + who, Name: who, Language: lang}, Language: lang})
	if err != nil {
		e.t.Fatal(err)
	}
	return tk
}

// entityID finds an entity's id by value.
func (e *env) entityID(kind, value string) int64 {
	e.t.Helper()
	var id int64
	if err := e.db.QueryRow(e.ctx, `SELECT id FROM fraud_entities WHERE kind = ? AND value = ?`, kind, value).Scan(&id); err != nil {
		e.t.Fatalf("entity %s %s: %v", kind, value, err)
	}
	return id
}

// messages are ticket id's messages by author kind ("system", "bot").
func (e *env) messages(id int64, author ticket.AuthorKind, internal bool) []string {
	e.t.Helper()
	tk, err := e.tickets.Get(e.ctx, ticket.Viewer{AllTeams: true, Notes: true}, id)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, m := range tk.Messages {
		if m.AuthorKind == author && m.Internal == internal {
			out = append(out, m.Body)
		}
	}
	return out
}

func contains(list []string, part string) bool {
	for _, s := range list {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}
