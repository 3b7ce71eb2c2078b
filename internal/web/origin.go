package web

import (
	"net/http"
	"net/url"
	"strings"
)

// Secure reports whether r came over TLS, or through a proxy that says it
// did; cookies set in answer to it get the Secure attribute.
func Secure(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// FromOurSite reports whether r, if a browser sent it, came from one of our
// own pages (publicURL's origin, or the host r was sent to). The browser's
// Sec-Fetch-Site decides when present; otherwise Origin, otherwise Referer.
// A request with none of them (curl, an integration) is not a browser's and
// passes: login CSRF needs a browser.
func FromOurSite(r *http.Request, publicURL string) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none": // "none": the user's own navigation, not a page's
		return true
	case "":
	default: // cross-site, same-site
		return false
	}
	if o := r.Header.Get("Origin"); o != "" {
		return ourOrigin(r, publicURL, o)
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		u, err := url.Parse(ref)
		return err == nil && ourOrigin(r, publicURL, u.Scheme+"://"+u.Host)
	}
	return true
}

// ourOrigin: publicURL's origin, or the host the request was sent to with
// the scheme it came over.
func ourOrigin(r *http.Request, publicURL, origin string) bool {
	origin = strings.ToLower(strings.TrimSuffix(origin, "/"))
	if origin == "" || origin == "null" {
		return false
	}
	if u, err := url.Parse(publicURL); err == nil && origin == strings.ToLower(u.Scheme+"://"+u.Host) {
		return true
	}
	scheme := "http"
	if Secure(r) {
		scheme = "https"
	}
	return origin == scheme+"://"+strings.ToLower(r.Host)
}
