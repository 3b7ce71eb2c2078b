package phone

import (
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Static holds the callback form's script, for web.NewAssets.
var Static = staticFiles

// Page is the customer's callback form (GET and POST /callback), linked
// from the chat widget (?source=widget) and the help center
// (?source=help), in the customer's language (?lang=).
type Page struct {
	Service *Service
	// SignIn signs in the customer of the exchange's link (?identity=):
	// a short-lived token, used once, swapped for a sign-in the page keeps
	// in its cookie. It returns the user and the page's own token.
	SignIn func(w http.ResponseWriter, r *http.Request, token string) (SignedUser, string, error)
	// Customer is the customer the page's cookie signs in, and its token.
	Customer func(r *http.Request) (SignedUser, string, bool)
	// Allow is the per-client rate limit; SameOrigin refuses cross-site posts.
	Allow      func(r *http.Request) error
	SameOrigin func(r *http.Request) bool
	// Text is the chat widget's text for a key in a language: the form says
	// what is wrong in the customer's language with the widget's callback
	// messages (callback_bad_number, ...). Without it the message is English.
	Text func(lang, key string) string
	r    *web.Renderer
}

// NewPage parses the form's template in the shared layout.
func NewPage(log *slog.Logger, assets *web.Assets, p Page) (*Page, error) {
	r, err := web.NewRenderer(log, assets, templateFiles, nil, "callback")
	if err != nil {
		return nil, err
	}
	p.r = r
	return &p, nil
}

func (p *Page) data(r *http.Request) map[string]any {
	t, lang := textsFor(r.FormValue("lang"))
	source := r.FormValue("source")
	if source != SourceWidget {
		source = SourceHelp
	}
	dir := "ltr"
	if lang == "ar" {
		dir = "rtl"
	}
	return map[string]any{"Title": t.Title, "T": t, "Lang": lang, "Dir": dir, "Source": source,
		"Scripts": []string{"callback.js"},
		"Number":  r.FormValue("number"), "Day": r.FormValue("day"), "From": r.FormValue("from"), "To": r.FormValue("to")}
}

// HandleForm: GET /callback. With ?identity= (the exchange's link for a
// signed-in customer) it signs the customer in and redirects to the
// same page without the token, as the other customer pages' links do.
func (p *Page) HandleForm(w http.ResponseWriter, r *http.Request) {
	data := p.data(r)
	if tok := r.URL.Query().Get("identity"); tok != "" && p.SignIn != nil {
		if _, _, err := p.SignIn(w, r, tok); err != nil {
			data["Error"] = data["T"].(pageText).SignInFailed
			p.r.Render(w, web.Status(err), "callback", data)
			return
		}
		q := url.Values{"lang": {data["Lang"].(string)}, "source": {data["Source"].(string)}}
		http.Redirect(w, r, "/callback?"+q.Encode(), http.StatusSeeOther)
		return
	}
	p.r.Render(w, http.StatusOK, "callback", data)
}

// signInError is the error of a form whose token did not sign in; the
// page itself says it in the customer's language (pageText.SignInFailed).
const signInError = "This sign-in link has expired or was used already; open this page again from the exchange."

// HandleSubmit: POST /callback.
func (p *Page) HandleSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	data := p.data(r)
	fail := func(status int, msg string) {
		data["Error"] = msg
		p.r.Render(w, status, "callback", data)
	}
	if p.SameOrigin != nil && !p.SameOrigin(r) {
		fail(http.StatusForbidden, "This form must be sent from this site.")
		return
	}
	if p.Allow != nil {
		if err := p.Allow(r); err != nil {
			msg, _ := web.LimitMessage(w, err)
			fail(http.StatusTooManyRequests, p.say(data, err, msg))
			return
		}
	}
	req, err := p.request(w, r, data)
	if err == nil {
		_, err = p.Service.RequestCallback(r.Context(), req)
	}
	if err != nil {
		fail(web.Status(err), p.say(data, err, p.r.PageError(err)))
		return
	}
	data["Done"] = true
	p.r.Render(w, http.StatusOK, "callback", data)
}

// say is what the form tells the customer about err: the widget's message
// for the same fault in the page's language, as the widget's own callback
// form chooses it (callback.js), or English msg for any other fault.
func (p *Page) say(data map[string]any, err error, msg string) string {
	var key string
	var e *errs.Error
	switch {
	case errors.As(err, &e) && e.Field == "identity":
		return data["T"].(pageText).SignInFailed
	case errs.KindOf(err) == errs.RateLimited:
		key = "callback_limited"
	case errors.As(err, &e) && e.Field == "number":
		key = "callback_bad_number"
	case errors.As(err, &e) && (e.Field == "window_start" || e.Field == "window_end"):
		key = "callback_bad_window"
	}
	if key == "" || p.Text == nil {
		return msg
	}
	if t := p.Text(data["Lang"].(string), key); t != "" {
		return t
	}
	return msg
}

// request reads the form: the window is day + from/to in the customer's
// own time zone, whose offset (minutes east of UTC) callback.js fills in.
func (p *Page) request(w http.ResponseWriter, r *http.Request, data map[string]any) (CallbackRequest, error) {
	req := CallbackRequest{Number: r.FormValue("number"), Language: data["Lang"].(string), Source: data["Source"].(string)}
	offset, err := strconv.Atoi(r.FormValue("tz"))
	if err != nil || offset < -14*60 || offset > 14*60 {
		offset = 0
	}
	zone := time.FixedZone("customer", offset*60)
	from, err1 := time.ParseInLocation("2006-01-02 15:04", r.FormValue("day")+" "+r.FormValue("from"), zone)
	to, err2 := time.ParseInLocation("2006-01-02 15:04", r.FormValue("day")+" "+r.FormValue("to"), zone)
	if err1 != nil || err2 != nil {
		return req, errs.Field("window_start", "choose a day and a time window")
	}
	req.WindowStart, req.WindowEnd = from, to
	user, tok, ok := p.signedIn(w, r)
	if tok != "" && !ok {
		return req, errs.Field("identity", signInError)
	}
	if ok {
		req.ExternalID, req.VouchedNumber, req.Identity = user.ID, user.Number, tok
	}
	return req, nil
}

// signedIn is the customer of the form: a form that carries the
// exchange's token (posted from a page served before the sign-in moved to
// the cookie, or by the exchange's own form) signs in as a link does;
// else the page's cookie says. tok is "" when neither names anyone.
func (p *Page) signedIn(w http.ResponseWriter, r *http.Request) (user SignedUser, tok string, ok bool) {
	if tok := r.PostFormValue("identity"); tok != "" {
		if p.SignIn == nil {
			return SignedUser{}, tok, false
		}
		user, page, err := p.SignIn(w, r, tok)
		if err != nil {
			return SignedUser{}, tok, false
		}
		return user, page, true
	}
	if p.Customer == nil {
		return SignedUser{}, "", false
	}
	user, page, ok := p.Customer(r)
	return user, page, ok
}
