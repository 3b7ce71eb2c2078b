package risk

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/email"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
)

// screen is the real guard as the server wires it, so the security
// ticket goes through the same inbound redaction as any customer text.
var screen = sync.OnceValue(func() ticketguard.Screen { return ticketguard.New() })

// t0 is the tests' clock start.
var t0 = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

const testKeyID = "exchange-1"

var testSecret = bytes.Repeat([]byte("s"), 32)

type env struct {
	t       testing.TB
	ctx     context.Context
	db      *store.DB
	clock   *store.FakeClock
	x       *sandbox.Exchange
	tickets *ticket.Store
	svc     *Service
	mail    *email.Service
	box     *email.DemoMailbox
	tg      *fakeTelegram
}

// fakeTelegram records what would go to linked chats; Telegram's own
// outbox is tested in internal/telegram.
type fakeTelegram struct {
	mu     sync.Mutex
	linked map[string]bool
	sent   map[string][]string
}

func (f *fakeTelegram) NotifyCustomer(ctx context.Context, id, text string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.linked[id] {
		return false, nil
	}
	f.sent[id] = append(f.sent[id], text)
	return true, nil
}

// newEnv is the service over db with the sandbox exchange, the real
// ticket store (guard and sealing), the real e-mail channel relaying to
// the demo mailbox, and a fake Telegram.
func newEnv(t testing.TB, db *store.DB) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), db: db, clock: store.NewFakeClock(t0)}
	db.SetClock(e.clock.Now)
	e.x = sandbox.New(e.clock.Now)
	keys, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	if e.tickets, err = ticket.NewStore(db, audit.New(db), screen(), keys); err != nil {
		t.Fatal(err)
	}
	if e.box, err = email.StartDemoMailbox(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.box.Close() })
	if e.mail, err = email.New(email.Config{DB: db, Tickets: e.tickets, Sealer: keys, TokenKey: bytes.Repeat([]byte("t"), 32),
		From: "Example Support <support@example.com>", Relay: email.Relay{Addr: e.box.Addr()}}); err != nil {
		t.Fatal(err)
	}
	e.tg = &fakeTelegram{linked: map[string]bool{}, sent: map[string][]string{}}
	e.svc = New(Config{DB: db, Exchange: e.x, Tickets: e.tickets, Mailer: e.mail, Telegram: e.tg,
		Keys: map[string][]byte{testKeyID: testSecret}, LinkKey: bytes.Repeat([]byte("l"), 32), PublicURL: "https://support.example",
		MaySee: func(r *http.Request, user string) error {
			p, _ := auth.PrincipalFrom(r.Context())
			v := ticket.Viewer{AgentID: p.Agent.ID, AllTeams: p.Can(auth.PermTicketReadAll), Teams: p.Agent.Teams}
			return e.tickets.SeesCustomer(r.Context(), v, user)
		}})
	return e
}

// event builds a valid event of kind for user at the clock's time.
func (e *env) event(id string, kind exchange.RiskKind, user string) exchange.RiskEvent {
	ev := exchange.RiskEvent{ID: id, Kind: kind, UserID: user, At: e.clock.Now()}
	switch kind {
	case exchange.RiskLargeWithdrawal, exchange.RiskFlaggedWithdrawal:
		ev.Network, ev.Asset, ev.Amount, ev.Address = "tron", "USDT", "5000", "TXYZ1234567890abcdefghijklmnopqrs"
	case exchange.RiskWithdrawalAddress:
		ev.Network, ev.Address = "tron", "TXYZ1234567890abcdefghijklmnopqrs"
	case exchange.RiskNewDeviceSignIn:
		ev.Device, ev.Country, ev.IP = "Windows 10, Chrome", "NG", "102.89.34.17"
	}
	return ev
}

// count runs a COUNT(*) query.
func (e *env) count(q string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.db.QueryRow(e.ctx, q, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// deliverPending runs the outreach consumer over the outbox, as the bus
// would (tests do not start NATS).
func (e *env) deliverPending() {
	e.t.Helper()
	evs, err := pendingEvents(e.ctx, e.db)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, ev := range evs {
		if err := e.svc.HandleEvent(e.ctx, ev); err != nil {
			e.t.Fatal(err)
		}
	}
}

// mails sends what is queued to the demo mailbox and returns its mails to
// addr.
func (e *env) mails(addr string) []email.DemoMail {
	e.t.Helper()
	if _, err := e.mail.SendQueued(e.ctx); err != nil {
		e.t.Fatal(err)
	}
	var out []email.DemoMail
	for _, m := range e.box.Mails() {
		if strings.EqualFold(m.To, addr) || strings.Contains(strings.ToLower(m.To), strings.ToLower(addr)) {
			out = append(out, m)
		}
	}
	return out
}

func pendingEvents(ctx context.Context, db *store.DB) ([]store.Event, error) {
	return bus.Pending(ctx, db, 10_000)
}

// team makes a team and returns its id.
func (e *env) team(name string) int64 {
	e.t.Helper()
	var id int64
	err := e.db.Tx(e.ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO teams (name, created_at) VALUES (?, ?)`, name, tx.Now())
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// ticketFor opens a ticket of the exchange user in team (nil: none).
func (e *env) ticketFor(user string, team *int64) {
	e.t.Helper()
	if _, err := e.tickets.CreateForCustomer(e.ctx, ticket.NewTicket{Subject: "Withdrawal", Message: "Did my withdrawal go out?",
		Channel: "api", TeamID: team, Customer: ticket.NewCustomer{ExternalID: user}}); err != nil {
		e.t.Fatal(err)
	}
}
