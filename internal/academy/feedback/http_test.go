package feedback

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/groundcrew/groundcrew/internal/web/webtest"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// testServer serves the API and pages as internal/server does; the
// X-As header (or the "as" cookie) picks the agent.
func testServer(t *testing.T, w *world, hidden int64) (*HTTP, *httptest.Server) {
	t.Helper()
	assets, err := web.NewAssets(Static)
	if err != nil {
		t.Fatal(err)
	}
	see := func(r *http.Request, id int64) error {
		if id == hidden {
			return errs.E(errs.Forbidden, "ticket %d belongs to a team you are not in", id)
		}
		return nil
	}
	h, err := NewHTTP(w.svc, assets, see, w.clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	agents := map[string]auth.Principal{
		"ada": {Agent: auth.Agent{ID: w.agent, Name: "Ada", Role: auth.Tier1, Active: true}, CSRF: "csrf"},
		"max": {Agent: auth.Agent{ID: w.agent, Name: "Max Manager", Role: auth.Supervisor, Active: true}, CSRF: "csrf"},
	}
	as := func(r *http.Request) (auth.Principal, bool) {
		name := r.Header.Get("X-As")
		if c, err := r.Cookie("as"); err == nil && name == "" {
			name = c.Value
		}
		p, ok := agents[name]
		return p, ok
	}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", assets)
	api := map[string]struct {
		perm auth.Perm
		h    web.Handler
	}{
		"POST /api/v1/tickets/{id}/feedback": {auth.PermFeedbackTag, h.HandleTag},
		"GET /api/v1/tickets/{id}/feedback":  {auth.PermTicketRead, h.HandleList},
		"GET /api/v1/feedback/report":        {auth.PermFeedbackReport, h.HandleReport},
		"GET /api/v1/feedback/export/{area}": {auth.PermFeedbackReport, h.HandleExport},
	}
	for pattern, rt := range api {
		mux.HandleFunc(pattern, func(wr http.ResponseWriter, r *http.Request) {
			pr, ok := as(r)
			if !ok || !pr.Can(rt.perm) {
				http.Error(wr, "not for your role", http.StatusForbidden)
				return
			}
			if err := rt.h(wr, r.WithContext(auth.Acting(r.Context(), pr))); err != nil {
				web.WriteError(wr, r, h.log, err)
			}
		})
	}
	for _, rt := range h.PageRoutes() {
		mux.HandleFunc(rt.Pattern(), func(wr http.ResponseWriter, r *http.Request) {
			pr, ok := as(r)
			if !ok || !pr.Can(rt.Perm) {
				http.Error(wr, "not for your role", http.StatusForbidden)
				return
			}
			rt.Handler(wr, r.WithContext(auth.Acting(r.Context(), pr)))
		})
	}
	// The ticket page's panel, as the workspace embeds it.
	mux.HandleFunc("GET /tickets/{id}", func(wr http.ResponseWriter, r *http.Request) {
		pr, _ := as(r)
		id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
		wr.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(wr, string(h.Panel(r.WithContext(auth.Acting(r.Context(), pr)), ticket.Ticket{ID: id, ProductArea: "spot"})))
	})
	srv := httptest.NewServer(http.HandlerFunc(func(wr http.ResponseWriter, r *http.Request) {
		wr.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		mux.ServeHTTP(wr, r)
	}))
	t.Cleanup(srv.Close)
	return h, srv
}

func call(t *testing.T, srv *httptest.Server, as, method, path, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-As", as)
	if strings.HasPrefix(body, "{") {
		req.Header.Set("Content-Type", "application/json")
	} else if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(raw)
}

func TestHTTP(t *testing.T) {
	w := newWorld(t, storetest.Open(t, store.SQLite))
	tk, hidden := w.ticket("spot"), w.ticket("kyc")
	_, srv := testServer(t, w, hidden)
	tags := "/api/v1/tickets/" + strconv.FormatInt(tk, 10) + "/feedback"
	cases := []struct {
		name, as, method, path, body string
		status                       int
		detail                       string
	}{
		{"unknown kind", "ada", "POST", tags, `{"kind":"praise"}`, 400, "kind \"praise\" is not one of"},
		{"unknown area", "ada", "POST", tags, `{"kind":"bug","product_area":"moon"}`, 400, "product area \"moon\""},
		{"a ticket the agent cannot see", "ada", "POST", "/api/v1/tickets/" + strconv.FormatInt(hidden, 10) + "/feedback", `{"kind":"bug"}`, 403, "not in"},
		{"tagged", "ada", "POST", tags, `{"kind":"listing_request","note":"wants XYZ"}`, 201, ""},
		{"tagged twice", "ada", "POST", tags, `{"kind":"listing_request"}`, 409, "already tagged"},
		{"report over years", "max", "GET", "/api/v1/feedback/report?from=2020-01-01&to=2026-12-01", "", 400, "at most 366 days"},
		{"CSV over years", "max", "GET", "/api/v1/feedback/export/all?from=2020-01-01&to=2026-12-01", "", 400, "at most 366 days"},
		{"CSV with a bad date", "max", "GET", "/api/v1/feedback/export/all?from=yesterday", "", 400, "not a date"},
		{"CSV of an unknown area", "max", "GET", "/api/v1/feedback/export/moon", "", 404, "no product area"},
		{"CSV ending before it starts", "max", "GET", "/api/v1/feedback/export/spot?from=2026-12-01&to=2026-11-01", "", 400, "must end after"},
	}
	for _, c := range cases {
		resp, body := call(t, srv, c.as, c.method, c.path, c.body)
		var p map[string]any
		_ = json.Unmarshal([]byte(body), &p)
		detail, _ := p["detail"].(string)
		if resp.StatusCode != c.status || !strings.Contains(detail, c.detail) {
			t.Errorf("%s: %d %s, want %d with %q", c.name, resp.StatusCode, body, c.status, c.detail)
		}
	}
	if _, body := call(t, srv, "max", "GET", "/api/v1/feedback/export/kyc", ""); strings.Contains(body, "spot") {
		t.Errorf("the KYC CSV has a spot tag:\n%s", body)
	}
	resp, body := call(t, srv, "max", "GET", "/api/v1/feedback/export/spot", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(body, ",spot,listing_request,chat,en,wants XYZ") {
		t.Errorf("CSV: %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	// The notes quote customers: no cache keeps the file.
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("CSV Cache-Control %q, want no-store", cc)
	}
	var rep Report
	if resp, body := call(t, srv, "max", "GET", "/api/v1/feedback/report", ""); resp.StatusCode != 200 || json.Unmarshal([]byte(body), &rep) != nil || rep.Total != 1 {
		t.Errorf("report: %d %s", resp.StatusCode, body)
	}
	// The ticket page's form: a bad kind says so; a good one goes back to
	// the ticket.
	form := url.Values{"csrf_token": {"csrf"}, "kind": {"praise"}}
	if resp, body := call(t, srv, "ada", "POST", "/tickets/"+strconv.FormatInt(tk, 10)+"/feedback", form.Encode()); resp.StatusCode != 400 || !strings.Contains(body, "is not one of") {
		t.Errorf("bad form: %d\n%s", resp.StatusCode, body)
	}
	form.Set("kind", "fee_complaint")
	if resp, _ := call(t, srv, "ada", "POST", "/tickets/"+strconv.FormatInt(tk, 10)+"/feedback", form.Encode()); resp.StatusCode != 303 {
		t.Errorf("form: %d", resp.StatusCode)
	}
	if _, body := call(t, srv, "ada", "GET", "/tickets/"+strconv.FormatInt(tk, 10), ""); !strings.Contains(body, "Fee complaint") || !strings.Contains(body, `action="/tickets/`+strconv.FormatInt(tk, 10)+`/feedback"`) {
		t.Errorf("panel:\n%s", body)
	}
	if resp, _ := call(t, srv, "ada", "GET", "/voice", ""); resp.StatusCode != 403 {
		t.Errorf("voice page for tier 1: %d, want 403", resp.StatusCode)
	}
}

// TestVoicePageInBrowser looks at the voice-of-the-customer page in
// Chromium; GROUNDCREW_SCREENSHOTS=dir keeps the screenshot.
func TestVoicePageInBrowser(t *testing.T) {
	w := newWorld(t, storetest.Open(t, store.SQLite))
	areas := []string{"wallet_deposits", "wallet_deposits", "wallet_deposits", "withdrawals", "withdrawals", "spot", "kyc"}
	kinds := []Kind{ConfusingUI, MissingFeature, Bug, FeeComplaint, Bug, ListingRequest, Bug}
	for i, a := range areas {
		tk := w.ticket(a)
		w.tag(tk, day0.AddDate(0, 0, -7*(i%3)), kinds[i], "", "note "+strconv.Itoa(i))
	}
	w.svc.Conversations = convs{1: {Subject: "Deposit not credited", CustomerName: "Jordan Lee", CustomerEmail: "jordan.lee@example.org",
		Lines: []Line{{"customer", "I sent USDT but forgot the memo, I'm Jordan Lee"}, {"agent", "Thanks Jordan, let me check the network and memo."}}}}
	_, srv := testServer(t, w, 0)
	ctx := webtest.Chromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/static/none")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie = "as=max; path=/"`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/voice")); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#voice-total"); got != "7" {
		t.Errorf("total %q, want 7", got)
	}
	if got := webtest.Text(t, ctx, "#area-wallet_deposits h2"); !strings.HasPrefix(got, "Deposits 3") {
		t.Errorf("deposits heading %q", got)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#area-wallet_deposits details").open = true`)); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#area-wallet_deposits"); strings.Contains(got, "Jordan") || !strings.Contains(got, "J***") {
		t.Errorf("sample not masked:\n%s", got)
	}
	webtest.Shoot(t, ctx, "voice-of-the-customer")
}
