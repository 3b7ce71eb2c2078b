package status

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
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

var start = time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)

// testNetworks are a few registry networks as the server passes them.
var testNetworks = []Network{
	{ID: "bitcoin", Name: "Bitcoin", Symbol: "BTC"},
	{ID: "ethereum", Name: "Ethereum", Symbol: "ETH", Aliases: []string{"ERC-20"}},
	{ID: "tron", Name: "Tron", Symbol: "TRX", Aliases: []string{"TRC-20"}},
}

type env struct {
	t       testing.TB
	ctx     context.Context
	db      *store.DB
	clock   *store.FakeClock
	tickets *ticket.Store
	svc     *Service
	mail    *recordingNotifier
	seen    int64 // the last outbox event handed to the consumer
}

func newEnv(t testing.TB, db *store.DB) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), db: db, clock: store.NewFakeClock(start), mail: &recordingNotifier{}}
	db.SetClock(e.clock.Now)
	keys, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	if e.tickets, err = ticket.NewStore(db, audit.New(db), passThrough{}, keys); err != nil {
		t.Fatal(err)
	}
	e.svc = New(Config{DB: db, Audit: audit.New(db), Tickets: e.tickets, Networks: testNetworks, Notifier: e.mail,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), PublicURL: "https://support.example"})
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

// events lists the types of the outbox's events of topic type typ.
func (e *env) count(typ string) int {
	e.t.Helper()
	evs, err := bus.Pending(e.ctx, e.db, 10000)
	if err != nil {
		e.t.Fatal(err)
	}
	n := 0
	for _, ev := range evs {
		if ev.Type == typ {
			n++
		}
	}
	return n
}

func (e *env) open(in NewIncident) Incident {
	e.t.Helper()
	got, err := e.svc.Open(e.ctx, in)
	if err != nil {
		e.t.Fatal(err)
	}
	return got
}

func (e *env) customerTicket(subject, message, lang string, fields map[string]string, area string) ticket.Ticket {
	e.t.Helper()
	tk, err := e.tickets.CreateForCustomer(e.ctx, ticket.NewTicket{Subject: subject, Message: message, Channel: "chat",
		Customer: ticket.NewCustomer{ExternalID: "u-" + subject, Name: "Customer", Language: lang}, Language: lang,
		ProductArea: area, CustomFields: fields})
	if err != nil {
		e.t.Fatal(err)
	}
	return tk
}

func en(s string) map[string]string { return map[string]string{"en": s} }

type passThrough struct{}

func (passThrough) Inbound(state []byte, _ int64, text string) ticket.Screened {
	return ticket.Screened{Text: text, State: state}
}

func (passThrough) Outbound(_ []string, text string) string {
	if strings.Contains(strings.ToLower(text), "seed phrase") {
		return "asks for a secret"
	}
	return ""
}

// recordingNotifier keeps what would be mailed.
type recordingNotifier struct {
	mu       sync.Mutex
	confirms []string // links
	notified []string // "to incident-id"
	unsubs   []string
}

func (n *recordingNotifier) Confirm(ctx context.Context, to, lang, network, link string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.confirms = append(n.confirms, link)
	return nil
}

func (n *recordingNotifier) Notify(ctx context.Context, to, lang string, in Incident, unsubscribe string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.notified = append(n.notified, to+" "+TagFor(in.ID))
	n.unsubs = append(n.unsubs, unsubscribe)
	return nil
}

func (passThrough) Warning(string, []string) string { return "" }
