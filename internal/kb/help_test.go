package kb

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/ratelimit"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func helpServer(t *testing.T) (*httptest.Server, *Store) {
	t.Helper()
	s, st := seededSearch(t)
	h := &Help{Store: st, Search: s, Log: s.Log, ClientIP: func(*http.Request) string { return "198.51.100.7" },
		Feedback: ratelimit.New(ratelimit.Rule{Rate: 1.0 / 3600, Burst: 2}, time.Now, 100)}
	mux := http.NewServeMux()
	for _, rt := range h.Routes() {
		mux.Handle(rt.Pattern(), rt.Handler)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, st
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func TestHelpCenterPages(t *testing.T) {
	srv, _ := helpServer(t)
	cases := []struct {
		path   string
		status int
		want   []string
	}{
		{"/help/en/", 200, []string{`<html lang="en" dir="ltr">`, `hreflang="ar"`, `hreflang="x-default"`, "My deposit has not arrived", "Withdrawals"}},
		{"/help/ar/", 200, []string{`<html lang="ar" dir="rtl">`, "مركز المساعدة"}},
		{"/help/en/deposits", 200, []string{"I deposited on the wrong network"}},
		{"/help/en/articles/pending-confirmations", 200, []string{"<h1>Why is my deposit waiting", "Was this article helpful?", "Related articles"}},
		// No Vietnamese text of this one: English with a notice.
		{"/help/vi/articles/futures-liquidation", 200, []string{"Bài viết này chưa có", `lang="en" dir="ltr"`, "liquidated"}},
		{"/help/en/search?q=" + url.QueryEscape(`<script>alert(1)</script> deposit`), 200, []string{"&lt;script&gt;"}},
		{"/help/en/search?q=" + url.QueryEscape(`/(a+)+$/ AND OR ~`), 200, nil},
		{"/help/xx/", 404, nil},
		{"/help/en/nosuchcategory", 404, nil},
		{"/help/en/articles/no-such-article", 404, nil},
	}
	for _, c := range cases {
		status, body := get(t, srv.URL+c.path)
		if status != c.status {
			t.Errorf("%s: status %d, want %d", c.path, status, c.status)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: no %q in the page", c.path, w)
			}
		}
		if strings.Contains(body, "<script>alert") {
			t.Errorf("%s: the query is not escaped", c.path)
		}
	}
}

func TestHelpRootFollowsAcceptLanguage(t *testing.T) {
	srv, _ := helpServer(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for header, want := range map[string]string{"de-DE,de;q=0.9,en;q=0.8": "/help/de/", "xx, ja;q=0.5": "/help/ja/", "": "/help/en/"} {
		req, _ := http.NewRequest("GET", srv.URL+"/help/", nil)
		req.Header.Set("Accept-Language", header)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Location"); got != want {
			t.Errorf("Accept-Language %q: to %q, want %q", header, got, want)
		}
	}
}

func TestHelpFeedbackIsStoredAndRateLimited(t *testing.T) {
	srv, st := helpServer(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(slug, answer string) (int, string) {
		resp, err := client.PostForm(srv.URL+"/help/en/articles/"+slug+"/feedback", url.Values{"helpful": {answer}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header.Get("Location")
	}
	if s, _ := post("reset-2fa", "maybe"); s != 404 {
		t.Fatalf("a bad answer: %d", s)
	}
	if s, _ := post("no-such", "yes"); s != 404 {
		t.Fatalf("an unknown article: %d", s)
	}
	for _, want := range []string{"thanks", "thanks", "limited"} {
		if s, loc := post("reset-2fa", "yes"); s != 303 || !strings.HasSuffix(loc, "feedback="+want) {
			t.Fatalf("feedback: %d to %s, want %s", s, loc, want)
		}
	}
	if n := storetest.Scalar[int](t, st.DB, `SELECT COUNT(*) FROM kb_feedback`); n != 2 {
		t.Fatalf("%d answers stored, want 2 (the third was over the limit)", n)
	}
}
