package server

import (
	"net/http"
	"net/url"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/recovery"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// CustomerCookie holds a signed-in customer's identity token.
const CustomerCookie = "gc_customer"

// DemoCustomer is a sandbox user the demo lets anyone sign in as.
type DemoCustomer struct {
	UserID, Name, Scenario, TxID, Address string
}

// customer returns the signed-in customer of a public page, if any.
func (p *pages) customer(r *http.Request) (auth.CustomerIdentity, bool) {
	id, _, ok := p.app.pageCustomer(r)
	return id, ok
}

// pageCustomer is the customer a public page's cookie signs in, and the
// cookie's token.
func (a *App) pageCustomer(r *http.Request) (auth.CustomerIdentity, string, bool) {
	c, err := r.Cookie(CustomerCookie)
	if err != nil {
		return auth.CustomerIdentity{}, "", false
	}
	id, err := a.identity.Verify(c.Value)
	return id, c.Value, err == nil
}

// signInFromLink signs in the customer of a link's ?identity= token
// (auth.Verifications.SignInLink: short-lived, used once); the page's
// cookie then holds Groundcrew's own token for auth.CustomerPageLife, so a
// page left open outlives the link's token.
func (p *pages) signInFromLink(w http.ResponseWriter, r *http.Request, tok string) error {
	_, _, err := p.app.signInLink(w, r, tok)
	return err
}

// signInLink is signInFromLink for pages outside this package (the
// callback form): it returns the identity and the page's token too.
func (a *App) signInLink(w http.ResponseWriter, r *http.Request, tok string) (auth.CustomerIdentity, string, error) {
	page, id, err := a.levels.SignInLink(r.Context(), tok)
	if err != nil {
		return auth.CustomerIdentity{}, "", err
	}
	setCustomerCookie(w, r, page, id)
	return id, page, nil
}

// depositCheck: GET /deposit-check. With ?identity=TOKEN (signed by the
// exchange) it signs the customer in and redirects to a clean URL.
func (p *pages) depositCheck(w http.ResponseWriter, r *http.Request) {
	lang := recoveryLanguage(r)
	if tok := r.URL.Query().Get("identity"); tok != "" {
		if err := p.signInFromLink(w, r, tok); err != nil {
			p.renderDeposit(w, r, http.StatusUnauthorized, map[string]any{"Error": p.customerError(w, r, err)})
			return
		}
		http.Redirect(w, r, "/deposit-check?lang="+url.QueryEscape(lang), http.StatusSeeOther)
		return
	}
	p.renderDeposit(w, r, http.StatusOK, map[string]any{})
}

// depositCheckPost: POST /deposit-check runs the diagnosis for the signed-in customer.
func (p *pages) depositCheckPost(w http.ResponseWriter, r *http.Request) {
	id, ok := p.customerForm(w, r, 8<<10, p.renderDeposit)
	if !ok {
		return
	}
	if err := p.app.limits.deposit(requestIP(r), id.UserID); err != nil {
		p.renderDeposit(w, r, http.StatusTooManyRequests, map[string]any{"Error": p.customerError(w, r, err), "TxID": r.PostFormValue("txid"), "Address": r.PostFormValue("address")})
		return
	}
	req := diagnose.Request{TxID: r.PostFormValue("txid"), Address: r.PostFormValue("address"), UserID: id.UserID, Language: recoveryLanguage(r)}
	ctx := audit.WithActor(r.Context(), audit.Actor{Kind: audit.ActorCustomer, ID: id.UserID, IP: audit.ActorFrom(r.Context()).IP})
	res, err := p.app.diagnose.Run(ctx, req)
	data := map[string]any{"TxID": req.TxID, "Address": req.Address}
	if err != nil {
		data["Error"] = p.customerError(w, r, err)
		p.renderDeposit(w, r, web.Status(err), data)
		return
	}
	data["Result"] = res
	if b, ok := p.app.depositIncident(res); ok {
		data["Incident"] = b
	}
	p.renderDeposit(w, r, http.StatusOK, data)
}

func (p *pages) renderDeposit(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	lang := recoveryLanguage(r)
	words := recovery.PageText(lang) // the deposit check and recovery share their words
	data["Title"], data["Lang"], data["Languages"], data["T"] = words["check_h"], lang, languageChoices(), words
	data["HTMLLang"], data["Dir"] = lang, textDirection(lang)
	if id, ok := p.customer(r); ok {
		data["Customer"] = id.UserID
		p.antiPhishing(r, lang, id.UserID, data)
	}
	if p.app.cfg.Demo {
		var demo []map[string]string
		for _, c := range p.app.demoCustomers {
			demo = append(demo, map[string]string{"Name": c.Name, "Scenario": c.Scenario, "TxID": c.TxID, "Address": c.Address,
				"URL": "/deposit-check?lang=" + lang + "&identity=" + url.QueryEscape(p.app.identity.Sign(c.UserID, p.app.identity.SignInLife()))})
		}
		data["Demo"] = demo
	}
	p.render(w, status, "deposit", data)
}

// customerForm checks a signed-in customer's form post (body size, origin,
// identity) and renders the refusal itself when one fails.
func (p *pages) customerForm(w http.ResponseWriter, r *http.Request, limit int64,
	render func(http.ResponseWriter, *http.Request, int, map[string]any)) (auth.CustomerIdentity, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if !sameOrigin(r) {
		msg, _ := recovery.ErrorText(recoveryLanguage(r), errs.E(errs.Forbidden, "a form from another site"))
		render(w, r, http.StatusForbidden, map[string]any{"Error": msg})
		return auth.CustomerIdentity{}, false
	}
	id, ok := p.customer(r)
	if !ok {
		render(w, r, http.StatusUnauthorized, map[string]any{"Error": recovery.PageText(recoveryLanguage(r))["sign_in"]})
	}
	return id, ok
}

// sameOrigin is the CSRF check for the customer form: browsers send Origin
// on POST; a request from another site is refused.
func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		origin = r.Header.Get("Referer")
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == r.Host
}

// languageChoice is one entry of a customer page's language switcher.
type languageChoice struct{ Code, Name string }

// languageChoices are the 17 languages, each named in itself: a customer
// looks for "العربية", not "ar".
func languageChoices() []languageChoice {
	out := make([]languageChoice, 0, len(ticket.Languages))
	for _, l := range ticket.Languages {
		out = append(out, languageChoice{l, ticket.Autonyms[l]})
	}
	return out
}
