package phone_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/phone"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

func TestCallbackPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newService(t, db)
		assets, err := web.NewAssets(phone.Static)
		if err != nil {
			t.Fatal(err)
		}
		p, err := phone.NewPage(nil, assets, phone.Page{Service: s})
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		mux.HandleFunc("GET /callback", p.HandleForm)
		mux.HandleFunc("POST /callback", p.HandleSubmit)
		srv := httptest.NewServer(mux)
		defer srv.Close()
		get := func(resp *http.Response, err error) (int, string) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b)
		}
		for lang, want := range map[string]string{"de": "Rückruf anfordern", "ja": "折り返し電話を依頼", "xx": "Ask us to call you back"} {
			if code, body := get(http.Get(srv.URL + "/callback?lang=" + lang + "&source=widget")); code != 200 || !strings.Contains(body, want) || !strings.Contains(body, `value="widget"`) {
				t.Errorf("%s: %d", lang, code)
			}
		}
		form := url.Values{"lang": {"de"}, "source": {"help"}, "number": {"+49 30 1234567"}, "day": {"2026-12-05"}, "from": {"14:00"}, "to": {"16:00"}, "tz": {"60"}}
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("number", "<script>alert(1)</script>")
		code, body := get(http.PostForm(srv.URL+"/callback", bad))
		if code != 400 || strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;") {
			t.Fatalf("bad number: %d", code)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM phone_callbacks`); n != 0 {
			t.Fatalf("a refused form stored %d callbacks", n)
		}
		code, body = get(http.PostForm(srv.URL+"/callback", form))
		if code != 200 || !strings.Contains(body, "Erledigt") {
			t.Fatalf("submit: %d %s", code, body)
		}
		// 14:00-16:00 at UTC+1 is 13:00-15:00 UTC.
		if ws := storetest.Scalar[int64](t, db, `SELECT window_start FROM phone_callbacks`); store.Time(ws).Hour() != 13 {
			t.Fatalf("window starts %v", store.Time(ws))
		}
	})
}
