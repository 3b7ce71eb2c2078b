package status

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

func (e *env) server() *httptest.Server {
	mux := http.NewServeMux()
	for _, rt := range (&Pages{Status: e.svc}).Routes() {
		mux.Handle(rt.Pattern(), rt.Handler)
	}
	srv := httptest.NewServer(mux)
	e.t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, u string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp, b.String()
}

func TestPublicPagesEscapeTranslateAndCache(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		srv := e.server()
		first, body := get(t, srv.URL+"/status?lang=en")
		if !first.Uncompressed {
			t.Error("the page was not sent gzipped to a client that takes gzip")
		}
		if !strings.Contains(body, "All systems operational") || !strings.Contains(body, "Tron") || !strings.Contains(body, "Withdrawals") {
			t.Fatalf("empty page: %s", body)
		}
		in := e.open(NewIncident{Impact: DepositsDelayed, Asset: "USDT", Components: []string{"network:tron"},
			Titles: map[string]string{"en": "USDT <script>alert(1)</script> delayed", "ar": "تأخر إيداعات USDT"},
			Bodies: en(`We are on it & "investigating" <img src=x onerror=alert(1)>`)})
		resp, body := get(t, srv.URL+"/status", "Accept-Language", "ar-SA,ar;q=0.9,en;q=0.5")
		if !strings.Contains(body, `dir="rtl"`) || !strings.Contains(body, "تأخر إيداعات USDT") || !strings.Contains(body, "تأخر الإيداعات") {
			t.Fatalf("Arabic page lacks rtl, title or state: %s", body)
		}
		if strings.Contains(body, "<img src=x") {
			t.Fatal("update body not escaped")
		}
		// The footer's link to the help center is in the page's language too.
		for _, lang := range ticket.Languages {
			_, page := get(t, srv.URL+"/status?lang="+lang)
			if lang != SourceLang && strings.Contains(page, ">Help</a>") {
				t.Errorf("%s: the footer's help link is in English", lang)
			}
		}
		if !strings.Contains(body, `<a href="/help/ar/">مركز المساعدة</a>`) {
			t.Error("the Arabic footer does not name the help center in Arabic")
		}
		etag := resp.Header.Get("ETag")
		if resp.Header.Get("Content-Security-Policy") == "" || etag == "" {
			t.Fatalf("headers %v", resp.Header)
		}
		if again, _ := get(t, srv.URL+"/status", "Accept-Language", "ar", "If-None-Match", etag); again.StatusCode != http.StatusNotModified {
			t.Fatalf("If-None-Match: %d", again.StatusCode)
		}
		_, enBody := get(t, srv.URL+"/status?lang=en")
		if strings.Contains(enBody, "<script>alert") || !strings.Contains(enBody, "USDT &lt;script&gt;") {
			t.Fatal("title not escaped")
		}

		resp, js := get(t, srv.URL+"/status.json")
		var doc struct {
			Overall    State       `json:"overall"`
			Components []Component `json:"components"`
			Active     []Incident  `json:"active"`
		}
		if err := json.Unmarshal([]byte(js), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Overall != DepositsDelayed || len(doc.Active) != 1 || doc.Active[0].ID != in.ID || resp.Header.Get("Content-Type") != "application/json" {
			t.Fatalf("json: %+v", doc)
		}

		_, atom := get(t, srv.URL+"/status/feed.atom?lang=ar")
		var feed atomFeed
		if err := xml.Unmarshal([]byte(atom), &feed); err != nil {
			t.Fatalf("feed: %v\n%s", err, atom)
		}
		if len(feed.Entries) != 1 || !strings.Contains(feed.Entries[0].Title, "تأخر إيداعات USDT") || !strings.Contains(feed.Entries[0].Content.Text, `<img src=x`) {
			t.Fatalf("feed entries %+v", feed.Entries)
		}

		// Resolving replaces the cached page.
		if _, err := e.svc.Resolve(e.ctx, in.ID, NewUpdate{Bodies: en("Fixed.")}); err != nil {
			t.Fatal(err)
		}
		if again, body := get(t, srv.URL+"/status", "Accept-Language", "ar", "If-None-Match", etag); again.StatusCode != http.StatusOK || !strings.Contains(body, "جميع الأنظمة تعمل") {
			t.Fatalf("after resolve: %d", again.StatusCode)
		}
	})
}

func TestSubscribeFormRefusesBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		srv := e.server()
		post := func(form url.Values, origin string) (int, string) {
			req, _ := http.NewRequest("POST", srv.URL+"/status/subscribe", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", origin)
			resp, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			buf := make([]byte, 64<<10)
			n, _ := resp.Body.Read(buf)
			return resp.StatusCode, string(buf[:n])
		}
		code, body := post(url.Values{"email": {"not an address<b>"}, "network": {"tron"}, "lang": {"de"}}, srv.URL)
		if code != http.StatusBadRequest || !strings.Contains(body, "gültige E-Mail-Adresse") || strings.Contains(body, "address<b>") {
			t.Fatalf("bad address: %d", code)
		}
		if code, _ := post(url.Values{"email": {"a@example.com"}, "network": {"tron"}}, "https://evil.example"); code != http.StatusForbidden {
			t.Fatalf("cross-site: %d", code)
		}
		if code, _ := post(url.Values{"email": {"a@example.com"}, "network": {"nope"}}, srv.URL); code != http.StatusBadRequest {
			t.Fatalf("unknown network: %d", code)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM status_subscriptions`); n != 0 {
			t.Fatalf("%d subscriptions from bad input", n)
		}
		if code, _ := post(url.Values{"email": {"a@example.com"}, "network": {"tron"}, "lang": {"ja"}}, srv.URL); code != http.StatusSeeOther {
			t.Fatalf("good subscription: %d", code)
		}
		link := e.mail.confirms[0]
		resp, body := get(t, srv.URL+link[strings.Index(link, "/status/confirm"):])
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "登録しました。") {
			t.Fatalf("confirm: %d", resp.StatusCode)
		}
		if resp, _ := get(t, srv.URL+"/status/confirm?token=forged-forged-forged-forged"); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("forged confirm: %d", resp.StatusCode)
		}
	})
}
