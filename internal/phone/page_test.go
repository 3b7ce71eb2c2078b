package phone_test

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/phone"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

func TestCallbackPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newService(t, db)
		assets, err := web.NewAssets(phone.Static)
		if err != nil {
			t.Fatal(err)
		}
		// The widget's callback messages, as the server passes them in.
		texts := map[string]string{"de/callback_bad_number": "Geben Sie Ihre Nummer mit Ländervorwahl ein.", "de/callback_bad_window": "Wählen Sie eine der angebotenen Zeiten."}
		p, err := phone.NewPage(nil, assets, phone.Page{Service: s, Text: func(lang, key string) string { return texts[lang+"/"+key] }})
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
		// A wrong number or window is explained in the page's language, and
		// the form keeps what was typed.
		for field, c := range map[string]struct{ value, want string }{
			"number": {"12ab", texts["de/callback_bad_number"]},
			"to":     {"13:00", texts["de/callback_bad_window"]},
		} {
			bad := url.Values{}
			for k, v := range form {
				bad[k] = v
			}
			bad.Set(field, c.value)
			code, body := get(http.PostForm(srv.URL+"/callback", bad))
			if code != 400 || !strings.Contains(body, c.want) || strings.Contains(body, "the number must") || !strings.Contains(body, `value="`+c.value+`"`) {
				t.Errorf("bad %s: %d, want %q in\n%s", field, code, c.want, body)
			}
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

// TestCallbackSignInFailedInEveryLanguage: a sign-in link that no longer
// signs in (expired or used) is explained in the page's language, on the
// link itself and on a form that still posts the token. It was English in
// every language.
func TestCallbackSignInFailedInEveryLanguage(t *testing.T) {
	t.Parallel()
	assets, err := web.NewAssets(phone.Static)
	if err != nil {
		t.Fatal(err)
	}
	refused := func(http.ResponseWriter, *http.Request, string) (phone.SignedUser, string, error) {
		return phone.SignedUser{}, "", errs.E(errs.Unauthorized, "the link was used already")
	}
	p, err := phone.NewPage(nil, assets, phone.Page{SignIn: refused})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /callback", p.HandleForm)
	mux.HandleFunc("POST /callback", p.HandleSubmit)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	const english = "This sign-in link has expired or was used already"
	want := map[string]string{
		"en": english,
		"de": "Dieser Anmeldelink ist abgelaufen",
		"ja": "このサインインリンクは期限切れ",
		"ar": "انتهت صلاحية رابط الدخول",
		"th": "ลิงก์เข้าสู่ระบบนี้หมดอายุ",
	}
	seen := map[string]string{}
	for _, lang := range ticket.Languages {
		form := url.Values{"lang": {lang}, "number": {"+49 30 1234567"}, "day": {"2026-12-05"}, "from": {"14:00"}, "to": {"16:00"}, "identity": {"used"}}
		for _, how := range []string{"link", "form"} {
			var resp *http.Response
			var err error
			if how == "link" {
				resp, err = http.Get(srv.URL + "/callback?lang=" + lang + "&identity=used")
			} else {
				resp, err = http.PostForm(srv.URL+"/callback", form)
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			msg := alertText(string(b))
			switch {
			case resp.StatusCode < 400:
				t.Errorf("%s %s: status %d, want a refusal", lang, how, resp.StatusCode)
			case msg == "":
				t.Errorf("%s %s: no message on the page", lang, how)
			case lang != "en" && strings.Contains(msg, english):
				t.Errorf("%s %s: the message is English: %q", lang, how, msg)
			case want[lang] != "" && !strings.Contains(msg, want[lang]):
				t.Errorf("%s %s: %q, want it to say %q", lang, how, msg, want[lang])
			}
			if other, ok := seen[msg]; ok && other != lang {
				t.Errorf("%s and %s say the same: %q", lang, other, msg)
			}
			seen[msg] = lang
		}
	}
}

// alertText is the text of the page's error paragraph.
func alertText(page string) string {
	_, rest, ok := strings.Cut(page, `role="alert">`)
	if !ok {
		return ""
	}
	msg, _, _ := strings.Cut(rest, "</p>")
	return html.UnescapeString(msg)
}
