package widget

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

func newTestWidget(t *testing.T, cfg Config) http.Handler {
	t.Helper()
	cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	w, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	mux := http.NewServeMux()
	for _, r := range w.Routes() {
		mux.Handle(r.Pattern(), r.Handler)
	}
	return mux
}

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
	return rec
}

func TestEveryLanguageHasEveryKey(t *testing.T) {
	m, err := loadStrings()
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 17 || len(ticket.Languages) != 17 {
		t.Fatalf("%d languages of strings, %d customer languages; want 17", len(m), len(ticket.Languages))
	}
	en := m["en"]
	for _, lang := range ticket.Languages {
		got := m[lang]
		if missing := missingKeys(en, got); len(missing) > 0 {
			t.Errorf("%s lacks %v", lang, missing)
		}
		for k := range got {
			if _, ok := en[k]; !ok {
				t.Errorf("%s has %q, which English lacks", lang, k)
			}
		}
		if lang == "en" {
			continue
		}
		// A real translation, not an English copy: most texts differ from
		// English (a few, like "Assistant", may coincide).
		same := 0
		for k, v := range got {
			if v == en[k] {
				same++
			}
			// Placeholders survive translation.
			for _, ph := range []string{"{name}", "{message}"} {
				if strings.Contains(en[k], ph) != strings.Contains(v, ph) {
					t.Errorf("%s %s: placeholder %s in English %q but not in %q (or the reverse)", lang, k, ph, en[k], v)
				}
			}
		}
		if same > 4 {
			t.Errorf("%s: %d of %d texts are the English ones", lang, same, len(got))
		}
	}
}

func TestLanguage(t *testing.T) {
	for _, c := range []struct{ tag, want, dir string }{
		{"pt-BR", "pt", "ltr"}, {"zh_Hans", "zh", "ltr"}, {"AR", "ar", "rtl"}, {"ar-EG", "ar", "rtl"},
		{"", "en", "ltr"}, {"xx", "en", "ltr"}, {"he", "en", "ltr"}, {" de ", "de", "ltr"}, {"<script>", "en", "ltr"},
	} {
		if got := Language(c.tag); got != c.want || Dir(got) != c.dir {
			t.Errorf("Language(%q) = %q (%s), want %q (%s)", c.tag, got, Dir(got), c.want, c.dir)
		}
	}
}

func TestOriginPatterns(t *testing.T) {
	for _, c := range []struct {
		pattern, source string
		allow, deny     []string
	}{
		{"exchange.example", "exchange.example",
			[]string{"https://exchange.example", "http://exchange.example", "https://EXCHANGE.example"},
			[]string{"https://www.exchange.example", "https://exchange.example:8443", "https://exchange.example.evil", "https://evilexchange.example"}},
		{"*.exchange.example", "*.exchange.example",
			[]string{"https://www.exchange.example", "https://a.b.exchange.example"},
			[]string{"https://exchange.example", "https://xexchange.example", "https://exchange.example.evil"}},
		{"https://exchange.example:8443/", "https://exchange.example:8443",
			[]string{"https://exchange.example:8443"},
			[]string{"http://exchange.example:8443", "https://exchange.example"}},
		{"http://localhost:3000", "http://localhost:3000", []string{"http://localhost:3000"}, []string{"http://localhost:3001", "https://localhost:3000"}},
	} {
		p, source, err := parseOriginPattern(c.pattern)
		if err != nil {
			t.Errorf("%q: %v", c.pattern, err)
			continue
		}
		if source != c.source {
			t.Errorf("%q: CSP source %q, want %q", c.pattern, source, c.source)
		}
		for _, o := range c.allow {
			if u, err := parseOrigin(o); err != nil || !p.matches(u) {
				t.Errorf("%q refuses %s (%v)", c.pattern, o, err)
			}
		}
		for _, o := range c.deny {
			if u, err := parseOrigin(o); err == nil && p.matches(u) {
				t.Errorf("%q allows %s", c.pattern, o)
			}
		}
	}
	for _, bad := range []string{"", "*", "*.com.", "ftp://exchange.example", "exchange.example/path", "exchange.example; script-src *",
		"'self'", "exchange.example 'unsafe-inline'", "https://*", "ex*ample.com", "exchange.example:99999x", "javascript:alert(1)"} {
		if _, _, err := parseOriginPattern(bad); err == nil {
			t.Errorf("parseOriginPattern(%q) accepted", bad)
		}
	}
}

func FuzzOriginPattern(f *testing.F) {
	for _, s := range []string{"exchange.example", "*.exchange.example", "https://a.example:8443", "a.example; frame-ancestors *", "'none'", "http://[::1]:80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// The frame's origin parameter: accepted only as a bare origin.
		if u, err := parseOrigin(s); err == nil && (u.Host == "" || u.RawQuery != "" || u.User != nil || (u.Scheme != "http" && u.Scheme != "https")) {
			t.Fatalf("parseOrigin(%q) accepted %#v", s, u)
		}
		_, source, err := parseOriginPattern(s)
		if err != nil {
			return
		}
		// Whatever passes goes into a CSP header: it must be one source.
		if strings.ContainsAny(source, " ;,'\"\r\n\t") || source == "" {
			t.Fatalf("pattern %q gives the CSP source %q", s, source)
		}
	})
}

func FuzzLanguage(f *testing.F) {
	for _, s := range []string{"pt-BR", "ar", "", "zh_Hant_TW", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Language(s)
		if _, ok := ticket.Autonyms[got]; !ok {
			t.Fatalf("Language(%q) = %q, not one of the 17", s, got)
		}
	})
}

func TestFrameHeaders(t *testing.T) {
	h := newTestWidget(t, Config{Origins: []string{"exchange.example", "*.exchange.example"}, HelpURL: "https://support.exchange.example/help/"})
	q := url.Values{"install": {"main"}, "origin": {"https://www.exchange.example"}, "lang": {"ar-EG"}}
	rec := get(t, h, "/chat/v1/frame?"+q.Encode())
	if rec.Code != 200 {
		t.Fatalf("frame: status %d: %s", rec.Code, rec.Body)
	}
	csp := rec.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors exchange.example *.exchange.example;") {
		t.Errorf("frame CSP %q does not allow exactly the configured origins", csp)
	}
	if strings.Contains(csp, "'self'") && strings.Contains(csp, "frame-ancestors 'self'") {
		t.Errorf("frame CSP %q lets this server frame the chat outside demo mode", csp)
	}
	body := rec.Body.String()
	for _, want := range []string{`lang="ar"`, `dir="rtl"`, `data-origin="https://www.exchange.example"`, `data-install="main"`, `data-help="https://support.exchange.example/help/"`, "الدعم"} {
		if !strings.Contains(body, want) {
			t.Errorf("frame lacks %s", want)
		}
	}

	// Another site, a bad install id, or no origin: refused, and the page says why.
	for _, c := range []struct {
		q    url.Values
		code int
	}{
		{url.Values{"install": {"main"}, "origin": {"https://evil.example"}}, 403},
		{url.Values{"install": {"main"}, "origin": {"https://exchange.example.evil.example"}}, 403},
		{url.Values{"install": {"main"}}, 403},
		{url.Values{"install": {"main"}, "origin": {"https://exchange.example/path"}}, 403},
		{url.Values{"install": {"<b>x</b>"}, "origin": {"https://exchange.example"}}, 400},
		{url.Values{"origin": {"https://exchange.example"}}, 400},
	} {
		rec := get(t, h, "/chat/v1/frame?"+c.q.Encode())
		if rec.Code != c.code {
			t.Errorf("frame?%s: status %d, want %d", c.q.Encode(), rec.Code, c.code)
		}
		if !strings.Contains(rec.Body.String(), `class="fatal"`) || strings.Contains(rec.Body.String(), "frame.") && strings.Contains(rec.Body.String(), ".js") {
			t.Errorf("frame?%s: want the error page without the chat script", c.q.Encode())
		}
		if strings.Contains(rec.Body.String(), "<b>x</b>") {
			t.Errorf("frame?%s echoes the install id unescaped", c.q.Encode())
		}
	}

	// Nothing configured and no demo: nobody may frame it.
	h = newTestWidget(t, Config{})
	rec = get(t, h, "/chat/v1/frame?install=main&origin=https%3A%2F%2Fexchange.example")
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || rec.Code != 403 {
		t.Errorf("unconfigured: status %d, CSP %q; want 403 and frame-ancestors 'none'", rec.Code, csp)
	}
	if rec := get(t, h, "/demo/exchange"); rec.Code != 404 {
		t.Errorf("/demo/exchange outside demo mode: status %d, want 404", rec.Code)
	}
}

func TestNewRefusesBadOrigins(t *testing.T) {
	if _, err := New(Config{Origins: []string{"exchange.example; script-src *"}}); err == nil {
		t.Fatal("New accepted an origin that would inject into the CSP header")
	}
}

func TestStringsAndLoader(t *testing.T) {
	h := newTestWidget(t, Config{})
	rec := get(t, h, "/chat/v1/strings/th")
	var m map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil || m["send"] != "ส่ง" {
		t.Errorf("strings/th: %v, send = %q", err, m["send"])
	}
	if rec := get(t, h, "/chat/v1/strings/xx"); rec.Code != 404 {
		t.Errorf("strings/xx: status %d, want 404", rec.Code)
	}
	rec = get(t, h, "/chat/v1/widget.js")
	js := rec.Body.String()
	if !strings.Contains(js, `"ja":"サポートとチャット"`) || strings.Contains(js, "/*LABELS*/") {
		t.Errorf("widget.js lacks the launcher labels")
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("widget.js Content-Type %q", ct)
	}
}

// TestWidgetSize keeps what a customer's browser downloads for the widget
// (loader, frame page, script, style, one language) under 60 KB gzipped.
func TestWidgetSize(t *testing.T) {
	h := newTestWidget(t, Config{Origins: []string{"exchange.example"}})
	frame := get(t, h, "/chat/v1/frame?install=main&origin=https%3A%2F%2Fexchange.example&lang=de")
	parts := map[string][]byte{"widget.js": get(t, h, "/chat/v1/widget.js").Body.Bytes(), "frame": frame.Body.Bytes()}
	for _, ext := range []string{"js", "css"} {
		link := regexp.MustCompile(regexp.QuoteMeta(AssetPrefix) + `frame\.[0-9a-f]{12}\.` + ext).Find(frame.Body.Bytes())
		if link == nil {
			t.Fatalf("frame does not link frame.%s", ext)
		}
		parts["frame."+ext] = get(t, h, string(link)).Body.Bytes()
		if len(parts["frame."+ext]) == 0 {
			t.Fatalf("%s is empty", link)
		}
	}
	// Every module frame.js imports counts, by its hashed name.
	imports := regexp.MustCompile(regexp.QuoteMeta(AssetPrefix) + `([a-z_]+)\.[0-9a-f]{12}\.js`)
	for _, name := range []string{"frame_util", "prechat", "upload", "messages"} {
		if !slices.ContainsFunc(imports.FindAllSubmatch(parts["frame.js"], -1), func(m [][]byte) bool { return string(m[1]) == name }) {
			t.Fatalf("frame.js does not import %s.js by its hashed name", name)
		}
	}
	for _, m := range imports.FindAllSubmatch(parts["frame.js"], -1) {
		if parts[string(m[1])+".js"] = get(t, h, string(m[0])).Body.Bytes(); len(parts[string(m[1])+".js"]) == 0 {
			t.Fatalf("%s is empty", m[0])
		}
	}
	total, raw := 0, 0
	for name, b := range parts {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if _, err := zw.Write(b); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		t.Logf("%-10s %6d bytes, %5d gzipped", name, len(b), buf.Len())
		total += buf.Len()
		raw += len(b)
	}
	t.Logf("total      %6d bytes, %5d gzipped", raw, total)
	if total > 60*1024 {
		t.Errorf("the widget is %d bytes gzipped, over 60 KB", total)
	}
}

func TestText(t *testing.T) {
	w, err := New(Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, key, want string }{
		{"th", "send", "ส่ง"},
		{"de-AT", "callback_bad_window", "Wählen Sie eine der angebotenen Zeiten."},
		{"xx", "send", "Send"},
		{"de", "no_such_key", ""},
	} {
		if got := w.Text(c.lang, c.key); got != c.want {
			t.Errorf("Text(%q, %q) = %q, want %q", c.lang, c.key, got, c.want)
		}
	}
}
