package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzFromOurSite: no Origin, Referer or Sec-Fetch-Site value makes a
// request count as ours unless it names our own origin.
func FuzzFromOurSite(f *testing.F) {
	for _, seed := range [][3]string{
		{"", "https://support.example.com", ""},
		{"", "https://support.example.com.evil.example", ""},
		{"", "null", ""},
		{"", "", "https://support.example.com/login"},
		{"", "", "https://evil.example/?https://support.example.com"},
		{"cross-site", "https://support.example.com", ""},
		{"same-origin", "", ""},
		{"", "HTTPS://SUPPORT.EXAMPLE.COM", ""},
		{"", "https://support.example.com@evil.example", ""},
		{"", "http://127.0.0.1:8080", "%zz"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, site, origin, referer string) {
		r := httptest.NewRequest("POST", "http://127.0.0.1:8080/login", nil)
		set := func(k, v string) {
			if v != "" {
				r.Header.Set(k, v)
			}
		}
		set("Sec-Fetch-Site", site)
		set("Origin", origin)
		set("Referer", referer)
		if !FromOurSite(r, "https://support.example.com") {
			return
		}
		switch r.Header.Get("Sec-Fetch-Site") {
		case "same-origin", "none":
			return // the browser's own word
		}
		ours := func(o string) bool {
			o = strings.ToLower(strings.TrimSuffix(o, "/"))
			return o == "https://support.example.com" || o == "http://127.0.0.1:8080"
		}
		o := r.Header.Get("Origin")
		if o == "" && r.Header.Get("Referer") != "" {
			u, err := url.Parse(r.Header.Get("Referer"))
			if err != nil {
				t.Fatalf("an unparsable Referer %q passed", r.Header.Get("Referer"))
			}
			o = u.Scheme + "://" + u.Host
		}
		if o != "" && !ours(o) {
			t.Fatalf("Sec-Fetch-Site %q, Origin %q, Referer %q passed as ours", site, origin, referer)
		}
	})
}
