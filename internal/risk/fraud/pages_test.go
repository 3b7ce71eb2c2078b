package fraud

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/groundcrew/groundcrew/internal/web/webtest"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// pageServer serves the pages as internal/server does (its session check
// reduced to a principal per request, with the same Content-Security-Policy).
func pageServer(t *testing.T, p *Pages, who func() *auth.Principal) *httptest.Server {
	t.Helper()
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", assets)
	for _, rt := range p.PageRoutes() {
		mux.HandleFunc(rt.Pattern(), func(w http.ResponseWriter, r *http.Request) {
			pr := who()
			if !pr.Can(rt.Perm) {
				http.Error(w, "not for your role", http.StatusForbidden)
				return
			}
			rt.Handler(w, r.WithContext(auth.Acting(r.Context(), *pr)))
		})
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestSecurityPagesInBrowser: a security specialist sees the cluster three
// customers made, opens it, flags it with a reason and finds it on the
// flagged list. A tier 1 agent gets no cluster page and reads the flagged
// list with the reason's summary and no ticket.
func TestSecurityPagesInBrowser(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite))
	for i := range 3 {
		e.customerTicket(fmt.Sprintf("v%d", i), "paid "+scamAddress+" for a fake airdrop; also the site groundcrew-airdrop.io", "en")
	}
	e.consume()
	pages, err := NewPages(e.svc, mustAssets(t))
	if err != nil {
		t.Fatal(err)
	}
	security := &auth.Principal{Agent: auth.Agent{ID: 5, Name: "Sam Security", Role: auth.Security, Active: true}, CSRF: "csrf"}
	tier1 := &auth.Principal{Agent: auth.Agent{ID: 6, Name: "Tia One", Role: auth.Tier1, Active: true}, CSRF: "csrf"}
	who := security
	srv := pageServer(t, pages, func() *auth.Principal { return who })

	ctx := webtest.Chromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/security/fraud")); err != nil {
		t.Fatal(err)
	}
	clusters := webtest.Text(t, ctx, "#fraud-clusters")
	if !strings.Contains(clusters, scamAddress) || !strings.Contains(clusters, "groundcrew-airdrop.io") || !strings.Contains(clusters, "raised") {
		t.Fatalf("clusters table:\n%s", clusters)
	}
	webtest.Shoot(t, ctx, "fraud-clusters")
	id := e.entityID(KindAddress, scamAddress)
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/security/fraud/entities/%d", srv.URL, id))); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#entity-mentions"); strings.Count(got, "customer's message") != 3 {
		t.Errorf("reports:\n%s", got)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const f = document.querySelector("#flag-form");
		f.querySelector("[name=reason]").value = "Fake airdrop: takes deposits, pays nothing";
		f.submit();
	})()`)); err != nil {
		t.Fatal(err)
	}
	ok := false
	for range 100 {
		if strings.Contains(webtest.Text(t, ctx, ".ok"), "Flagged") {
			ok = true
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !ok {
		t.Fatalf("no confirmation after flagging: %s", webtest.Text(t, ctx, "main"))
	}
	if got := webtest.Text(t, ctx, "#fraud-flagged"); !strings.Contains(got, scamAddress) || !strings.Contains(got, "Fake airdrop") {
		t.Errorf("flagged table:\n%s", got)
	}
	if got := webtest.Text(t, ctx, "#fraud-clusters"); strings.Contains(got, scamAddress) {
		t.Errorf("a flagged entity is still a cluster to decide:\n%s", got)
	}
	webtest.Shoot(t, ctx, "fraud-flagged")

	// Flagging again from a stale page: refused on the page, nothing changes.
	resp, err := http.PostForm(fmt.Sprintf("%s/security/fraud/entities/%d/flag", srv.URL, id), url.Values{"reason": {"again"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusConflict || !strings.Contains(string(body), "already flagged") {
		t.Errorf("flag twice: %d %s", resp.StatusCode, body)
	}

	// The allow-list form: a value that names nothing is refused on the page,
	// with what was typed; a good one is listed as allowed.
	resp, err = http.PostForm(srv.URL+"/security/fraud/allowed", url.Values{"value": {"hello there"}, "reason": {"our site"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "enter one address") || !strings.Contains(string(body), `value="hello there"`) {
		t.Errorf("allow nothing: %d %s", resp.StatusCode, body)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/security/fraud"), chromedp.Evaluate[chromedp.Void](`(() => {
		const f = document.querySelector("#fraud-allow form");
		f.querySelector("[name=value]").value = "https://groundcrew-airdrop.io/";
		f.querySelector("[name=reason]").value = "Our partner's real airdrop site";
		f.submit();
	})()`)); err != nil {
		t.Fatal(err)
	}
	ok = false
	for range 100 {
		if strings.Contains(webtest.Text(t, ctx, ".ok"), "Allowed") {
			ok = true
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := webtest.Text(t, ctx, "#fraud-clusters"); !ok || strings.Contains(got, "groundcrew-airdrop.io") {
		t.Errorf("after allowing: ok=%v, clusters:\n%s", ok, got)
	}

	who = tier1
	if resp, err := http.Get(srv.URL + "/security/fraud"); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("tier 1 opens the security page: %v %v", resp.StatusCode, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/flagged")); err != nil {
		t.Fatal(err)
	}
	list := webtest.Text(t, ctx, "main")
	if !strings.Contains(list, "flagged: Fake airdrop: takes deposits, pays nothing") || strings.Contains(list, "/tickets/") || strings.Contains(list, "Clusters and reports") {
		t.Errorf("tier 1's flagged list:\n%s", list)
	}
	webtest.Shoot(t, ctx, "fraud-agent-list")

	// The flag was wrong: the specialist withdraws it from the entity page;
	// an empty reason is refused by the server with nothing changed.
	who = security
	resp, err = http.PostForm(fmt.Sprintf("%s/security/fraud/entities/%d/unflag", srv.URL, id), url.Values{"reason": {" "}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unflag without a reason: %d", resp.StatusCode)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/security/fraud/entities/%d", srv.URL, id))); err != nil {
		t.Fatal(err)
	}
	webtest.Shoot(t, ctx, "fraud-entity-flagged")
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const f = document.querySelector("#unflag-form");
		f.querySelector("[name=reason]").value = "Our partner's real airdrop, not a scam";
		f.submit();
	})()`)); err != nil {
		t.Fatal(err)
	}
	ok = false
	for range 100 {
		if strings.Contains(webtest.Text(t, ctx, ".ok"), "Flag withdrawn") {
			ok = true
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := webtest.Text(t, ctx, "main"); !ok || strings.Contains(webtest.Text(t, ctx, "#fraud-flagged"), scamAddress) {
		t.Errorf("after unflagging: ok=%v, page:\n%s", ok, got)
	}
	webtest.Shoot(t, ctx, "fraud-unflagged")
	if n := len(e.events(EntityUnflagged.Type())); n != 1 {
		t.Errorf("%d fraud.entity_unflagged events, want 1", n)
	}
}

func mustAssets(t *testing.T) *web.Assets {
	t.Helper()
	a, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	return a
}
