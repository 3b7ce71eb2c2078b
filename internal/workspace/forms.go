package workspace

import (
	"net/http"
	"net/url"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The admin and account pages share one way of answering a form: on
// success a redirect to the page with ?done=<what>, which the page shows as
// a notice; on failure the page again, with the message beside the field at
// fault (Errors[field]) or at the top (Error), and what was typed.

// failed adds err to data: beside its field when it names one the page has
// (fields), else at the top. It returns the status to answer with.
func (ws *Workspace) failed(data map[string]any, err error, fields ...string) int {
	msg := ws.pageError(err)
	if e, ok := errs.As(err); ok && e.Field != "" {
		for _, f := range fields {
			if f == e.Field {
				data["Errors"] = map[string]string{f: msg}
				data["Error"] = "Please correct the field marked below."
				return web.Status(err)
			}
		}
	}
	data["Error"] = msg
	return web.Status(err)
}

// done redirects to path with a notice of what was done.
func done(w http.ResponseWriter, r *http.Request, path, what string) {
	http.Redirect(w, r, path+"?done="+url.QueryEscape(what), http.StatusSeeOther)
}

// notices are what ?done= shows, by key; an unknown key shows nothing, so a
// crafted link cannot put words on the page.
var notices = map[string]string{
	"password":    "Your password is changed. Your other sessions have ended.",
	"email":       "Your e-mail address is changed.",
	"totp-on":     "Two-factor sign-in is on.",
	"totp-off":    "Two-factor sign-in is off.",
	"revoked":     "The token is revoked.",
	"code":        "You have a new verification code. Customers who check the old one are told it is not valid.",
	"agent":       "The agent is saved.",
	"policy":      "The two-factor policy is saved. It applies at each agent's next sign-in.",
	"team":        "The team is created.",
	"channel":     "The channel is added.",
	"channel-off": "The channel is removed.",
	"field":       "The field is saved.",
	"field-off":   "The field is removed.",
	"macro":       "The macro is saved.",
	"macro-off":   "The macro is removed.",
	"notify":      "Your notification settings are saved.",
}

// notice is the page's ?done= notice, or "".
func notice(r *http.Request) string { return notices[r.URL.Query().Get("done")] }

// formMax bounds the admin and account forms' bodies.
const formMax = 64 << 10
