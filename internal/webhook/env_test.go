package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

var start = time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)

type env struct {
	t       testing.TB
	ctx     context.Context
	db      *store.DB
	clock   *store.FakeClock
	keys    *seal.Keyring
	tickets *ticket.Store
	svc     *Service
	seen    int64 // the last outbox event handed to the consumer
}

// guardScreen is the real inbound guard, as the server wires it.
type guardScreen struct{ d *guard.Detector }

func (g guardScreen) Inbound(state []byte, previous int64, text string) ticket.Screened {
	c := guard.DecodeConversation(state)
	c.Bind(previous)
	res := g.d.ScanNext(&c, text)
	out := ticket.Screened{Text: res.Redacted, Kinds: res.Kinds, State: c.Encode(), Held: c.HoldsLatest()}
	for _, k := range res.Cuts {
		out.Earlier = append(out.Earlier, ticket.Cut{Ref: k.Ref, Start: k.Start, End: k.End, Marker: k.Marker, First: k.First, Last: k.Last})
	}
	return out
}

func (g guardScreen) Outbound(previous []string, text string) string {
	if vs := guard.CheckOutboundConversation(previous, text, nil); len(vs) > 0 {
		return vs[0].Detail
	}
	return ""
}

func (g guardScreen) Warning(language string, kinds []string) string {
	return guard.Warning(language, kinds)
}

var detector = sync.OnceValue(func() *guard.Detector { return guard.NewDetector() })

// newEnv is the service over db with the real ticket store (guard and
// sealing on), a fake clock and 127.0.0.1 allowed as a target. change
// adjusts the config.
func newEnv(t testing.TB, db *store.DB, change func(*Config)) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), db: db, clock: store.NewFakeClock(start)}
	db.SetClock(e.clock.Now)
	var err error
	if e.keys, err = seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)}); err != nil {
		t.Fatal(err)
	}
	if e.tickets, err = ticket.NewStore(db, audit.New(db), guardScreen{detector()}, e.keys); err != nil {
		t.Fatal(err)
	}
	cat, err := NewCatalogue(Standard(e.tickets)...)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{DB: db, Sealer: e.keys, Audit: audit.New(db), Catalogue: cat, Policy: Policy{AllowPrivate: true},
		Timeout: 300 * time.Millisecond, BackoffBase: 10 * time.Second, BackoffMax: 10 * time.Minute,
		Jitter: func() float64 { return 0.5 }, MaxFailures: 3, FailurePeriod: time.Hour}
	if change != nil {
		change(&cfg)
	}
	if e.svc, err = New(cfg); err != nil {
		t.Fatal(err)
	}
	return e
}

// pump hands every new outbox event to the consumer, as the bus would.
func (e *env) pump() {
	e.t.Helper()
	evs, err := bus.Pending(e.ctx, e.db, 100000)
	if err != nil {
		e.t.Fatal(err)
	}
	var fresh []store.Event
	for _, ev := range evs {
		if ev.ID > e.seen {
			fresh = append(fresh, ev)
			e.seen = ev.ID
		}
	}
	if err := e.svc.HandleEvents(e.ctx, fresh); err != nil {
		e.t.Fatalf("handle events: %v", err)
	}
}

func (e *env) deliver() int {
	e.t.Helper()
	n, err := e.svc.DeliverDue(e.ctx)
	if err != nil {
		e.t.Fatalf("deliver: %v", err)
	}
	return n
}

func (e *env) subscribe(url string, scope Scope, events ...string) Created {
	e.t.Helper()
	name := "CRM"
	c, err := e.svc.Create(e.ctx, Input{Name: &name, URL: &url, Events: &events, Scope: &scope}, "admin@test")
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func (e *env) customerTicket(ref, message string) ticket.Ticket {
	e.t.Helper()
	tk, err := e.tickets.CreateForCustomer(e.ctx, ticket.NewTicket{Subject: "Deposit missing", Message: message, Channel: "chat",
		Customer: ticket.NewCustomer{ExternalID: ref, Name: "Customer", Language: "en"}, Language: "en"})
	if err != nil {
		e.t.Fatal(err)
	}
	return tk
}

// receiver is a local webhook endpoint whose behaviour a test switches.
type receiver struct {
	*httptest.Server
	mu   sync.Mutex
	mode string // "ok", "fail" (HTTP 500), "slow" (answers after the sender's timeout)
	got  []received
}

type received struct {
	header http.Header
	body   []byte
	env    Envelope
}

func newReceiver(t testing.TB, mode string) *receiver {
	r := &receiver{mode: mode}
	release := make(chan struct{})
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		mode := r.mode
		r.mu.Unlock()
		switch mode {
		case "fail":
			http.Error(w, "receiver down for maintenance", http.StatusInternalServerError)
			return
		case "slow":
			select { // longer than the sender waits; released at cleanup
			case <-release:
			case <-req.Context().Done():
			}
			return
		}
		var env Envelope
		_ = json.Unmarshal(body, &env)
		r.mu.Lock()
		r.got = append(r.got, received{header: req.Header.Clone(), body: body, env: env})
		r.mu.Unlock()
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	t.Cleanup(func() { close(release); r.Close() })
	return r
}

func (r *receiver) set(mode string) {
	r.mu.Lock()
	r.mode = mode
	r.mu.Unlock()
}

func (r *receiver) received() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.got...)
}
