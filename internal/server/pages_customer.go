package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// customerCtx makes the signed-in customer the actor of audit records.
func customerCtx(r *http.Request, userID string) *http.Request {
	return r.WithContext(audit.WithActor(r.Context(), audit.Actor{Kind: audit.ActorCustomer, ID: userID, IP: audit.ActorFrom(r.Context()).IP}))
}

// setCustomerCookie is the one place a page signs a customer in, so the
// cookie is Secure whenever the agents' session cookie is (behind a TLS
// proxy too).
func setCustomerCookie(w http.ResponseWriter, r *http.Request, token string, id auth.CustomerIdentity) {
	http.SetCookie(w, &http.Cookie{Name: CustomerCookie, Value: token, Path: "/", Expires: id.Expires, HttpOnly: true,
		Secure: auth.CookieSecure(r), SameSite: http.SameSiteLaxMode})
}

// stepUp: GET /step-up, where a customer confirms it is them when support
// asks. With ?identity=TOKEN it signs the customer in (an L1 token from the
// exchange, short-lived and used once, as the deposit pages' links) or completes the step-up request whose nonce the exchange's
// fresh L2 token carries (once), then redirects to a clean URL.
func (p *pages) stepUp(w http.ResponseWriter, r *http.Request) {
	tok := r.URL.Query().Get("identity")
	if tok == "" {
		data := map[string]any{}
		if r.URL.Query().Get("done") == "1" {
			data["Done"] = true
		}
		p.renderStepUp(w, r, http.StatusOK, data)
		return
	}
	id, err := p.app.identity.Verify(tok)
	if err == nil && !id.AuthTime.IsZero() {
		// The exchange's answer to a step-up: only a fresh one counts.
		id, err = p.app.identity.VerifyStepUp(tok)
	}
	if err != nil {
		p.renderStepUp(w, r, web.Status(err), map[string]any{"Error": p.r.PageError(err)})
		return
	}
	r = customerCtx(r, id.UserID)
	c, err := p.app.tickets.Store.CustomerByExternalID(r.Context(), id.UserID)
	if err != nil && !errs.Is(err, errs.NotFound) {
		p.renderStepUp(w, r, web.Status(err), map[string]any{"Error": p.r.PageError(err)})
		return
	}
	if id.Level < auth.L2 {
		// A sign-in, as from the deposit pages' links: short-lived, once.
		if serr := p.signInFromLink(w, r, tok); serr != nil {
			p.renderStepUp(w, r, web.Status(serr), map[string]any{"Error": p.r.PageError(serr)})
			return
		}
		if err == nil { // a customer with tickets: the sign-in proves L1 for them
			if err := p.app.levels.RecordSignIn(r.Context(), c.ID, id); err != nil {
				p.renderStepUp(w, r, web.Status(err), map[string]any{"Error": p.r.PageError(err)})
				return
			}
		}
		http.Redirect(w, r, "/step-up", http.StatusSeeOther)
		return
	}
	if err != nil {
		p.renderStepUp(w, r, http.StatusConflict, map[string]any{"Error": "Support has not asked you to confirm anything: you have no support conversation yet."})
		return
	}
	if _, err := p.app.levels.CompleteStepUp(r.Context(), c.ID, id); err != nil {
		// A replayed or lapsed confirmation: the cookie stays as it was.
		p.renderStepUp(w, r, web.Status(err), map[string]any{"Error": p.r.PageError(err)})
		return
	}
	setCustomerCookie(w, r, tok, id)
	http.Redirect(w, r, "/step-up?done=1", http.StatusSeeOther)
}

// stepUpStart: POST /step-up sends the signed-in customer to the
// exchange's step-up page for one pending request (form field request, the
// step-up id; default the newest), with that request's new nonce. The
// exchange returns them here with a fresh token that carries the nonce.
func (p *pages) stepUpStart(w http.ResponseWriter, r *http.Request) {
	id, ok := p.customerForm(w, r, 4<<10, p.renderStepUp)
	if !ok {
		return
	}
	target := p.app.stepUpURL()
	if target == "" {
		p.renderStepUp(w, r, http.StatusServiceUnavailable, map[string]any{"Error": "Confirming on the exchange is not set up on this server; tell the support agent."})
		return
	}
	var request int64
	if v := r.PostFormValue("request"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			p.renderStepUp(w, r, http.StatusBadRequest, map[string]any{"Error": "Choose one of the requests below."})
			return
		}
		request = n
	}
	c, err := p.app.tickets.Store.CustomerByExternalID(r.Context(), id.UserID)
	if err != nil {
		if errs.Is(err, errs.NotFound) {
			err = errs.E(errs.Conflict, "Support has not asked you to confirm anything: you have no support conversation yet.")
		}
		p.renderStepUp(w, r, web.Status(err), map[string]any{"Error": p.r.PageError(err)})
		return
	}
	_, nonce, err := p.app.levels.BeginStepUp(customerCtx(r, id.UserID).Context(), c.ID, request)
	if err != nil {
		p.renderStepUp(w, r, web.Status(err), map[string]any{"Error": p.r.PageError(err)})
		return
	}
	back := "/step-up"
	if u, err := url.Parse(target); err == nil && u.IsAbs() {
		back = strings.TrimSuffix(p.app.cfg.PublicURL, "/") + back
	}
	sep := "?"
	if strings.Contains(target, "?") {
		sep = "&"
	}
	http.Redirect(w, r, target+sep+"return_to="+url.QueryEscape(back)+"&nonce="+url.QueryEscape(nonce), http.StatusSeeOther)
}

func (p *pages) renderStepUp(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	data["Title"] = "Confirm it's you"
	data["StepUpURL"] = p.app.stepUpURL()
	if u, err := url.Parse(p.app.stepUpURL()); err == nil && u.IsAbs() {
		// The form posts here and is redirected on to the exchange, which
		// form-action must allow.
		csp := w.Header().Get("Content-Security-Policy")
		w.Header().Set("Content-Security-Policy", strings.Replace(csp, "form-action 'self'", "form-action 'self' "+u.Scheme+"://"+u.Host, 1))
	}
	if id, ok := p.customer(r); ok {
		data["Customer"], data["Level"] = id.UserID, id.Level.String()
		if c, err := p.app.tickets.Store.CustomerByExternalID(r.Context(), id.UserID); err == nil {
			if pending, err := p.app.levels.Pending(r.Context(), c.ID); err == nil {
				data["Pending"] = pending
			}
		}
		if !id.AuthTime.IsZero() && id.Level == auth.L2 {
			data["Until"] = id.AuthTime.Add(auth.StepUpWindow).UTC().Format("15:04 UTC")
		}
	}
	if p.app.sandbox != nil && p.app.cfg.Demo {
		var demo []map[string]string
		for _, u := range p.app.sandbox.Users() {
			demo = append(demo, map[string]string{"ID": u.ID, "Name": u.Name,
				"URL": "/step-up?identity=" + url.QueryEscape(p.app.identity.Sign(u.ID, p.app.identity.SignInLife()))})
		}
		data["Demo"] = demo
	}
	p.render(w, status, "stepup", data)
}

// sandboxStepUp: GET /sandbox/step-up is the sandbox exchange's own step-up
// page, for the demo: it shows the signed-in user's current code.
func (p *pages) sandboxStepUp(w http.ResponseWriter, r *http.Request) {
	p.renderSandboxStepUp(w, r, http.StatusOK, map[string]any{"Nonce": r.URL.Query().Get("nonce")})
}

// sandboxStepUpPost: POST /sandbox/step-up checks the code and sends the
// customer back to /step-up with a fresh L2 identity token that carries the
// request's nonce, as a real exchange must.
func (p *pages) sandboxStepUpPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if p.app.sandbox == nil {
		http.NotFound(w, r)
		return
	}
	if !sameOrigin(r) {
		p.renderSandboxStepUp(w, r, http.StatusForbidden, map[string]any{"Error": "This form must be sent from this site."})
		return
	}
	id, ok := p.customer(r)
	if !ok {
		p.renderSandboxStepUp(w, r, http.StatusUnauthorized, map[string]any{})
		return
	}
	nonce := r.PostFormValue("nonce")
	if nonce == "" || len(nonce) > auth.MaxNonce {
		p.renderSandboxStepUp(w, r, http.StatusBadRequest, map[string]any{"Error": "Open this page from the step-up page of your support conversation."})
		return
	}
	code := strings.Join(strings.Fields(r.PostFormValue("code")), "")
	at, err := p.app.sandbox.CheckStepUpCode(id.UserID, code)
	if err != nil {
		p.renderSandboxStepUp(w, r, web.Status(err), map[string]any{"Error": p.r.PageError(err), "Nonce": nonce})
		return
	}
	tok := p.app.identity.SignStepUp(id.UserID, at, time.Hour, nonce)
	http.Redirect(w, r, "/step-up?identity="+url.QueryEscape(tok), http.StatusSeeOther)
}

func (p *pages) renderSandboxStepUp(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	if p.app.sandbox == nil {
		http.NotFound(w, r)
		return
	}
	data["Title"] = "Sandbox exchange: confirm it's you"
	id, ok := p.customer(r)
	if !ok {
		if status == http.StatusOK {
			status = http.StatusUnauthorized
		}
		data["Error"] = "Sign in first: open /step-up from the link support sent you."
		p.render(w, status, "sandbox-stepup", data)
		return
	}
	data["User"] = id.UserID
	code, method, err := p.app.sandbox.DemoStepUpCode(id.UserID)
	if err != nil {
		data["Error"] = p.r.PageError(err)
		p.render(w, web.Status(err), "sandbox-stepup", data)
		return
	}
	data["Code"], data["Method"] = code[:3]+" "+code[3:], method
	p.render(w, status, "sandbox-stepup", data)
}
