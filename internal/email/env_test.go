package email

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/groundcrew/groundcrew/internal/attach"
	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
)

var screen = sync.OnceValue(func() ticketguard.Screen { return ticketguard.New() })

type env struct {
	t       testing.TB
	ctx     context.Context
	db      *store.DB
	keys    *seal.Keyring
	tickets *ticket.Store
	files   *attach.Store
	svc     *Service
	sink    *sink
}

// newEnv is the channel over db with the real guard and sealing, the
// sandbox exchange's phrases, and a relay that is an SMTP sink of the test.
func newEnv(t testing.TB, db *store.DB) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), db: db}
	var err error
	if e.keys, err = seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)}); err != nil {
		t.Fatal(err)
	}
	log := audit.New(db)
	if e.tickets, err = ticket.NewStore(db, log, screen(), e.keys); err != nil {
		t.Fatal(err)
	}
	if e.files, err = attach.NewStore(db, nil, e.keys, log); err != nil {
		t.Fatal(err)
	}
	e.sink = startSink(t)
	ex := sandbox.New(time.Now)
	e.svc, err = New(Config{
		DB: db, Tickets: e.tickets, Files: e.files, Sealer: e.keys, Screen: screen(),
		From: "Example Support <support@exchange.test>", TokenKey: bytes.Repeat([]byte("t"), 32),
		TrustedAuthServIDs: []string{"mx.exchange.test"},
		Relay:              Relay{Addr: e.sink.addr},
		Phrase: KnownCustomerPhrase(db, func(ctx context.Context, id string) (string, string, error) {
			u, err := ex.User(ctx, id)
			return u.AntiPhishingPhrase, u.Language, err
		}),
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// listen serves the channel's SMTP listener on a free port.
func (e *env) listen() string {
	e.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		e.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.svc.ServeSMTP(ctx, ln) }()
	e.t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			e.t.Errorf("smtp listener: %v", err)
		}
	})
	return ln.Addr().String()
}

// pump hands the committed events to the outbound consumer, as the bus
// would, and sends what it queued.
func (e *env) pump() int {
	e.t.Helper()
	evs, err := bus.Pending(e.ctx, e.db, 100000)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.svc.HandleEvents(e.ctx, evs); err != nil {
		e.t.Fatal(err)
	}
	n, err := e.svc.SendQueued(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *env) messages(ticketID int64) []ticket.Message {
	e.t.Helper()
	tk, err := e.tickets.Get(e.ctx, agentViewer, ticketID)
	if err != nil {
		e.t.Fatal(err)
	}
	return tk.Messages
}

// sink is a local SMTP server standing for the relay: it keeps every mail.
type sink struct {
	addr string
	mu   sync.Mutex
	got  []sunk
	fail error // refuse every DATA with this, when set
}

type sunk struct {
	from string
	to   []string
	raw  []byte
}

func startSink(t testing.TB) *sink {
	t.Helper()
	k := &sink{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{k: k}, nil }))
	srv.Domain = "relay.test"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	k.addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return k
}

func (k *sink) mails() []sunk {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]sunk(nil), k.got...)
}

type sinkSession struct {
	k    *sink
	from string
	to   []string
}

func (s *sinkSession) Reset()        { s.from, s.to = "", nil }
func (s *sinkSession) Logout() error { return nil }
func (s *sinkSession) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}
func (s *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}
func (s *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.k.mu.Lock()
	defer s.k.mu.Unlock()
	if s.k.fail != nil {
		return s.k.fail
	}
	s.k.got = append(s.k.got, sunk{from: s.from, to: s.to, raw: b})
	return nil
}

// pngBytes is a small real PNG, as a customer's screenshot.
func pngBytes(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// crlf turns a test's mail text into wire form.
func crlf(s string) []byte {
	return []byte(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n"))
}

var agentViewer = ticket.Viewer{AgentID: 1, AllTeams: true}

func (k *sink) setFail(err error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.fail = err
}
