package risk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/exchangehttp"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// server mounts the event endpoint and the disable page as the server does.
func (e *env) server() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+EventsPath, func(w http.ResponseWriter, r *http.Request) {
		if err := e.svc.HandleEvents(w, r); err != nil {
			web.WriteError(w, r, e.svc.log, err)
		}
	})
	for _, p := range e.svc.Routes() {
		mux.Handle(p.Pattern(), p.Handler)
	}
	srv := httptest.NewServer(mux)
	e.t.Cleanup(srv.Close)
	return srv
}

// post sends body to the event endpoint, signed by key at the clock's time
// unless sign is false.
func (e *env) post(srv *httptest.Server, body []byte, secret []byte, at time.Time) (*http.Response, []byte) {
	e.t.Helper()
	req, err := http.NewRequest("POST", srv.URL+EventsPath, bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != nil {
		exchangehttp.Sign(req, testKeyID, secret, body, at)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return res, b
}

func batch(t testing.TB, evs []exchange.RiskEvent) []byte {
	b, err := json.Marshal(Batch{Events: evs})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestEndToEnd is the demo: the sandbox fires a new-device sign-in
// and a large withdrawal for Maria; she gets the alert in the widget and by
// mail with her phrase, uses "This wasn't me", is frozen and has an urgent
// security ticket, and the link cannot be used twice.
func TestEndToEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		srv := e.server()
		maria := sandbox.UserMaria
		e.tg.linked[maria] = true

		evs, err := e.x.RiskEvents(e.ctx, maria)
		if err != nil {
			t.Fatal(err)
		}
		res, body := e.post(srv, batch(t, evs), testSecret, e.clock.Now())
		if res.StatusCode != http.StatusAccepted {
			t.Fatalf("signed events: %d %s", res.StatusCode, body)
		}
		var acc Accepted
		if err := json.Unmarshal(body, &acc); err != nil {
			t.Fatal(err)
		}
		if acc.Accepted != 2 || len(acc.Opened) != 1 {
			t.Fatalf("accepted %s, want 2 events and one alert", body)
		}
		e.deliverPending()
		e.deliverPending() // the bus delivers at least once: no second mail or message

		// The widget notice, in her language.
		n, ok, err := e.svc.NoticeFor(e.ctx, maria, "pt")
		if err != nil || !ok {
			t.Fatalf("widget notice: %v %v", ok, err)
		}
		if n.Title != "Alerta de segurança na sua conta" || !strings.Contains(n.Text, "Saque de valor alto") || !strings.Contains(n.Text, "Login de um novo dispositivo") {
			t.Errorf("widget notice: %+v", n)
		}

		// The mail, with her anti-phishing phrase and the disable link.
		mails := e.mails("maria.santos@example.com")
		if len(mails) != 1 {
			t.Fatalf("%d mails to Maria, want 1", len(mails))
		}
		m := mails[0]
		if !strings.Contains(m.Text, "lua azul") || !strings.Contains(m.Text, "Não fui eu") || !m.HasHTML {
			t.Errorf("mail without the phrase or the button:\n%s", m.Text)
		}
		link := ""
		for _, l := range strings.Fields(m.Text) {
			if strings.HasPrefix(l, "https://support.example"+DisablePath) {
				link = l
			}
		}
		if link == "" {
			t.Fatalf("no disable link in the mail:\n%s", m.Text)
		}
		if got := e.tg.sent[maria]; len(got) != 1 || !strings.Contains(got[0], "Não fui eu") {
			t.Errorf("telegram: %q, want one alert", got)
		}

		// The disable page: GET shows the events and one button, changes nothing.
		u, err := url.Parse(link)
		if err != nil {
			t.Fatal(err)
		}
		tok := u.Query().Get("t")
		page := get(t, srv.URL+DisablePath+"?t="+url.QueryEscape(tok))
		if page.code != 200 || !strings.Contains(page.body, `id="disable"`) || !strings.Contains(page.body, "9850 USDT") {
			t.Fatalf("disable page: %d\n%s", page.code, page.body)
		}
		if user, _ := e.x.User(e.ctx, maria); user.State == exchange.StateFrozen {
			t.Fatal("opening the link froze the account; only the button may")
		}

		// One press: frozen, and an urgent security ticket with the events.
		done := postForm(t, srv.URL+DisablePath, tok)
		if done.code != 200 || !strings.Contains(done.body, "Sua conta está congelada") {
			t.Fatalf("this wasn't me: %d\n%s", done.code, done.body)
		}
		user, err := e.x.User(e.ctx, maria)
		if err != nil {
			t.Fatal(err)
		}
		if user.State != exchange.StateFrozen {
			t.Errorf("sandbox account is %s, want frozen", user.State)
		}
		o, err := e.svc.Outreach(e.ctx, acc.Opened[0])
		if err != nil {
			t.Fatal(err)
		}
		if o.TicketID == 0 || o.UsedAt == nil || o.UsedVia != "email" {
			t.Fatalf("alert after use: %+v", o)
		}
		tk, err := e.tickets.Get(e.ctx, ticket.Viewer{AllTeams: true, Notes: true}, o.TicketID)
		if err != nil {
			t.Fatal(err)
		}
		if tk.Priority != "urgent" || tk.ProductArea != "account_security" || tk.Customer.ExternalID != maria {
			t.Errorf("security ticket: %+v", tk)
		}
		msgs, err := e.tickets.MessagesAfter(e.ctx, ticket.Viewer{AllTeams: true, Notes: true}, tk.ID, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) == 0 || !strings.Contains(msgs[0].Body, "large_withdrawal") || !strings.Contains(msgs[0].Body, "new_device_sign_in") {
			t.Errorf("ticket is not pre-filled with the events: %+v", msgs)
		}
		if _, ok, _ := e.svc.NoticeFor(e.ctx, maria, "pt"); ok {
			t.Error("the widget still shows an alert that was answered")
		}

		// Twice: the link was used; so was the widget's button of that alert.
		again := postForm(t, srv.URL+DisablePath, tok)
		if again.code != http.StatusConflict || !strings.Contains(again.body, "já foi usado") {
			t.Errorf("second use: %d\n%s", again.code, again.body)
		}
		widgetTok := e.svc.Token(o.ID, "widget", e.clock.Now().Add(time.Hour))
		if r := postForm(t, srv.URL+DisablePath, widgetTok); r.code != http.StatusConflict {
			t.Errorf("widget button after the mail link: %d", r.code)
		}
		if n := e.count(`SELECT COUNT(*) FROM tickets WHERE customer_id = (SELECT id FROM customers WHERE external_id = ?)`, maria); n != 1 {
			t.Errorf("%d tickets for Maria, want 1", n)
		}

		// Forged and expired links.
		forged := strings.Replace(tok, "email", "phone", 1)
		if r := postForm(t, srv.URL+DisablePath, forged); r.code != http.StatusBadRequest {
			t.Errorf("forged link: %d", r.code)
		}
		old := e.svc.Token(o.ID, "email", e.clock.Now().Add(-time.Minute))
		if r := get(t, srv.URL+DisablePath+"?t="+url.QueryEscape(old)); r.code != http.StatusGone {
			t.Errorf("expired link: %d", r.code)
		}
	})
}

type page struct {
	code int
	body string
}

func get(t *testing.T, u string) page {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return page{res.StatusCode, string(b)}
}

func postForm(t *testing.T, u, tok string) page {
	t.Helper()
	res, err := http.PostForm(u, url.Values{"t": {tok}})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return page{res.StatusCode, string(b)}
}

type failingTickets struct{}

func (failingTickets) CreateForCustomer(context.Context, ticket.NewTicket) (ticket.Ticket, error) {
	return ticket.Ticket{}, errors.New("ticket store down")
}

// TestWasntMeRetries: when the security ticket cannot be opened, the
// alert is not spent, so the customer's next press opens it.
func TestWasntMeRetries(t *testing.T) {
	e := newEnv(t, storetestOpen(t))
	res, err := e.svc.Accept(e.ctx, []exchange.RiskEvent{e.event("r1", exchange.RiskTwoFactorDisabled, sandbox.UserAn)})
	if err != nil {
		t.Fatal(err)
	}
	tok := e.svc.Token(res.Opened[0], "widget", e.clock.Now().Add(time.Hour))
	working := e.svc.cfg.Tickets
	e.svc.cfg.Tickets = failingTickets{}
	if _, err := e.svc.WasntMe(e.ctx, tok); err == nil {
		t.Fatal("no error with the ticket store down")
	}
	e.svc.cfg.Tickets = working
	d, err := e.svc.WasntMe(e.ctx, tok)
	if err != nil || d.TicketID == 0 {
		t.Fatalf("retry: %+v %v", d, err)
	}
	if u, _ := e.x.User(e.ctx, sandbox.UserAn); u.State != exchange.StateFrozen {
		t.Errorf("account %s after the retry", u.State)
	}
}
