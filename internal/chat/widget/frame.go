package widget

import (
	"net/http"
	"regexp"
	"strings"
)

// installPattern is what an installation id from data-install may look like.
var installPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

type frameData struct {
	Lang, Dir  string
	Strings    map[string]string
	Languages  []languageOption
	Install    string
	Origin     string // the embedding page's origin, where the frame posts its messages
	Error      string
	WSPath     string
	VerifyPath string
	HelpURL    string  // the bot's article links must start here
	Banner     *Banner // an open incident
}

// serveFrame: GET /chat/v1/frame?install=ID&lang=TAG&origin=ORIGIN, the
// widget itself, opened by widget.js in an iframe. origin is the embedding
// page's origin: it must be an allowed one, and the frame only talks to it.
func (w *Widget) serveFrame(rw http.ResponseWriter, r *http.Request) {
	w.setFrameHeaders(rw)
	q := r.URL.Query()
	lang := Language(q.Get("lang"))
	d := frameData{Lang: lang, Dir: Dir(lang), Strings: w.strings[lang], Languages: languageOptions(lang),
		Install: q.Get("install"), WSPath: "/chat/v1/socket", VerifyPath: "/verify", HelpURL: w.cfg.HelpURL}
	origin := q.Get("origin")
	switch {
	case !installPattern.MatchString(d.Install):
		d.Error = "This chat needs the data-install attribute of its script tag (letters, digits, - and _)."
		w.render(rw, http.StatusBadRequest, "frame", d)
		return
	case !w.embedderAllowed(r, origin):
		d.Error = "This site is not allowed to embed the chat. The exchange's administrator adds it to GROUNDCREW_CHAT_ORIGINS."
		w.render(rw, http.StatusForbidden, "frame", d)
		return
	}
	u, _ := parseOrigin(origin)
	d.Origin = u.Scheme + "://" + strings.ToLower(u.Host)
	if w.cfg.Banner != nil {
		if b, ok := w.cfg.Banner(lang); ok {
			d.Banner = &b
		}
	}
	w.render(rw, http.StatusOK, "frame", d)
}
