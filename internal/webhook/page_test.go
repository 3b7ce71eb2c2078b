package webhook

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/groundcrew/groundcrew/internal/web/webtest"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/workspace"
)

// pageServer serves the pages as internal/server does (same CSP), signed
// in as pr.
func pageServer(t *testing.T, p *Pages, assets *web.Assets, pr auth.Principal) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("GET /static/", assets)
	for _, rt := range p.PageRoutes() {
		mux.HandleFunc(rt.Pattern(), func(w http.ResponseWriter, r *http.Request) {
			if !pr.Can(rt.Perm) {
				http.Error(w, "not for your role", http.StatusForbidden)
				return
			}
			rt.Handler(w, r.WithContext(auth.Acting(r.Context(), pr)))
		})
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestAdminPageInBrowser: an admin adds a webhook with the form and sees
// its secret once; a receiver that failed and recovered shows in the
// delivery log; Resend queues the delivery again; a private target is
// refused with a message when the installation does not allow it; the
// form fits a phone.
func TestAdminPageInBrowser(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite), nil)
	assets, err := web.NewAssets(workspace.Static)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := NewPages(e.svc, assets, workspace.AdminNav)
	if err != nil {
		t.Fatal(err)
	}
	pr := auth.Principal{Agent: auth.Agent{ID: 1, Name: "Ada Admin", Email: "ada@exchange.test", Role: auth.Admin, Active: true}, CSRF: "csrf"}
	srv := pageServer(t, pages, assets, pr)
	rcv := newReceiver(t, "fail")
	ctx := webtest.Chromium(t)

	err = chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/admin/webhooks"),
		chromedp.SetValue(`input[name=name]`, "Data warehouse"),
		chromedp.SetValue(`input[name=url]`, rcv.URL+"/hook"),
		chromedp.Click(`input[value="ticket.created"]`),
		chromedp.Click(`input[value="message.created"]`),
		chromedp.Click(`#new-webhook button[type=submit]`),
		chromedp.WaitVisible(`#webhook-secret`))
	if err != nil {
		t.Fatal(err)
	}
	secret := webtest.Text(t, ctx, "#webhook-secret code")
	if !strings.HasPrefix(secret, "whsec_") {
		t.Fatalf("secret shown: %q", secret)
	}
	if got := webtest.Text(t, ctx, "#webhook-list"); !strings.Contains(got, "Data warehouse") || !strings.Contains(got, "ticket.created") {
		t.Errorf("list: %s", got)
	}

	e.customerTicket("u-page", "Where is my USDT deposit?")
	e.pump()
	e.deliver()
	rcv.set("ok")
	e.clock.Advance(time.Hour)
	e.deliver()
	subs, err := e.svc.List(e.ctx)
	if err != nil || len(subs) != 1 {
		t.Fatalf("subscriptions: %v %v", subs, err)
	}
	err = chromedp.Do(ctx, chromedp.Click(`#webhook-list a`), chromedp.WaitVisible(`#delivery-log`))
	if err != nil {
		t.Fatal(err)
	}
	log := webtest.Text(t, ctx, "#delivery-log")
	for _, want := range []string{"ticket.created", "message.created", "Delivered", "200", `{"ok":true}`} {
		if !strings.Contains(log, want) {
			t.Errorf("delivery log lacks %q:\n%s", want, log)
		}
	}
	if got := len(rcv.received()); got != 2 {
		t.Fatalf("%d deliveries before resend", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#delivery-log tbody tr:last-child summary`)); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#delivery-log tbody tr:last-child details"); !strings.Contains(got, "HTTP 500") || !strings.Contains(got, "receiver down") {
		t.Errorf("attempt history: %s", got)
	}
	webtest.Shoot(t, ctx, "webhook-detail")
	err = chromedp.Do(ctx, chromedp.Click(`#delivery-log tbody tr:last-child button`), chromedp.WaitVisible(`.notice`))
	if err != nil {
		t.Fatal(err)
	}
	e.deliver()
	if got := rcv.received(); len(got) != 3 || got[2].env.Type != "ticket.created" {
		t.Errorf("after resend: %d deliveries", len(got))
	}

	e.svc.cfg.Policy.AllowPrivate = false
	err = chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/admin/webhooks"),
		chromedp.SetValue(`input[name=name]`, "Internal"),
		chromedp.SetValue(`input[name=url]`, "https://10.0.0.8/hook"),
		chromedp.Click(`input[value="sla.breached"]`),
		chromedp.Click(`#new-webhook button[type=submit]`),
		chromedp.WaitVisible(`#webhook-error`))
	if err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#webhook-error"); !strings.Contains(got, "not a public address") {
		t.Errorf("private target: %q", got)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("input[name=url]").value`)); got != "https://10.0.0.8/hook" {
		t.Errorf("the form lost what was typed: %q", got)
	}
	webtest.Shoot(t, ctx, "webhook-list")

	// On a phone the form's fields stay inside their card: the scope's long
	// options once stretched them past its edge.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+"/admin/webhooks")); err != nil {
		t.Fatal(err)
	}
	if m := webtest.Misfits(t, ctx); len(m) > 0 {
		t.Errorf("at 390 px: %v", m)
	}
	webtest.Shoot(t, ctx, "webhook-list-390")
}
