package server

import (
	"net/http"
	"strings"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/web"
)

// verify: GET and POST /verify, the public "is it really us?" page. GET
// shows the form (and checks ?value=, so that a link can carry what to
// check); POST checks the form's value. Both count against the per-IP limit.
// The page, its verdict and its list of channels speak ?lang= or the
// browser's language.
func (p *pages) verify(w http.ResponseWriter, r *http.Request) {
	lang := recoveryLanguage(r)
	words := guard.VerifyPageText(lang)
	data := map[string]any{"Title": words["title"], "T": words, "Lang": lang, "HTMLLang": lang, "Dir": textDirection(lang), "Kinds": guard.KindNames(lang)}
	value := r.URL.Query().Get("value")
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
		if !sameOrigin(r) {
			p.renderVerify(w, r, http.StatusForbidden, data, words["other_site"])
			return
		}
		value = r.PostFormValue("value")
	}
	data["Value"] = value
	if strings.TrimSpace(value) == "" {
		msg := ""
		if r.Method == http.MethodPost {
			msg = words["paste_first"]
		}
		status := http.StatusOK
		if msg != "" {
			status = http.StatusBadRequest
		}
		p.renderVerify(w, r, status, data, msg)
		return
	}
	if err := p.app.limits.verify(requestIP(r)); err != nil {
		msg, _ := web.LimitMessage(w, err)
		p.renderVerify(w, r, http.StatusTooManyRequests, data, msg)
		return
	}
	res, err := p.app.official.VerifyIn(r.Context(), value, lang)
	if err != nil {
		p.renderVerify(w, r, web.Status(err), data, p.r.PageError(err))
		return
	}
	data["Result"] = res
	p.renderVerify(w, r, http.StatusOK, data, "")
}

func (p *pages) renderVerify(w http.ResponseWriter, r *http.Request, status int, data map[string]any, errMsg string) {
	if errMsg != "" {
		data["Error"] = errMsg
	}
	if chans, err := p.app.official.Channels(r.Context()); err == nil {
		var active []guard.Channel
		for _, c := range chans {
			if c.Active {
				active = append(active, c)
			}
		}
		data["Channels"] = active
		data["ReportAddress"] = p.app.official.ReportAddress(active)
	} else {
		p.app.log.Error("verify page: official channels", "err", err)
	}
	p.render(w, status, "verify", data)
}

// antiPhishing puts the signed-in customer's anti-phishing phrase, set at
// the exchange, on a page, so that they can tell it is genuine.
func (p *pages) antiPhishing(r *http.Request, lang, userID string, data map[string]any) {
	if p.app.exchange == nil {
		return
	}
	u, err := p.app.exchange.User(r.Context(), userID)
	if err != nil {
		p.app.log.Debug("anti-phishing phrase: exchange user", "err", err)
		return
	}
	if phrase := guard.CleanAntiPhishingPhrase(u.AntiPhishingPhrase); phrase != "" {
		data["AntiPhishing"] = phrase
		data["AntiPhishingLabel"] = guard.AntiPhishingLabel(lang)
	}
}
