package server

import (
	"bytes"
	"encoding/base64"
	"errors"
	"html/template"
	"image/png"
	"net/http"
	"net/url"
	"strings"

	"github.com/pquerna/otp"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Signing in from a browser: the form, the TOTP enrolment step for agents
// whose role requires it, and signing out.

// errCrossSite refuses a sign-in posted from another site (login CSRF: a
// page elsewhere signing the victim's browser in to the attacker's account).
var errCrossSite = errs.E(errs.Forbidden, "sign-in must be sent from this site's own sign-in page; a request from another site was refused")

// fromOurSite reports whether r, if a browser sent it, came from one of our
// own pages. The browser's Sec-Fetch-Site decides when present; otherwise
// Origin, otherwise Referer. A request with none of them (curl, an
// integration) is not a browser's and passes: login CSRF needs a browser.
func (a *App) fromOurSite(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none": // "none": the user's own navigation, not a page's
		return true
	case "":
	default: // cross-site, same-site
		return false
	}
	if o := r.Header.Get("Origin"); o != "" {
		return a.ourOrigin(r, o)
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		u, err := url.Parse(ref)
		return err == nil && a.ourOrigin(r, u.Scheme+"://"+u.Host)
	}
	return true
}

// ourOrigin: PublicURL's origin, or the host the request was sent to with
// the scheme it came over.
func (a *App) ourOrigin(r *http.Request, origin string) bool {
	origin = strings.ToLower(strings.TrimSuffix(origin, "/"))
	if origin == "" || origin == "null" {
		return false
	}
	if u, err := url.Parse(a.cfg.PublicURL); err == nil && origin == strings.ToLower(u.Scheme+"://"+u.Host) {
		return true
	}
	scheme := "http"
	if auth.CookieSecure(r) {
		scheme = "https"
	}
	return origin == scheme+"://"+strings.ToLower(r.Host)
}

// sameOriginOnly refuses cross-site requests to a public sign-in route.
func (a *App) sameOriginOnly(next web.Handler) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !a.fromOurSite(r) {
			return errCrossSite
		}
		return next(w, r)
	}
}

func (p *pages) loginForm(w http.ResponseWriter, r *http.Request) {
	p.render(w, http.StatusOK, "login", map[string]any{"Title": "Sign in"})
}

// readSignInForm parses a sign-in step's form of at most limit bytes, sent
// from our own site (login CSRF), or answers with the sign-in page and false.
func (p *pages) readSignInForm(w http.ResponseWriter, r *http.Request, limit int64) bool {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if !p.app.fromOurSite(r) {
		p.render(w, http.StatusForbidden, "login", map[string]any{"Title": "Sign in", "Error": pageError(p, errCrossSite)})
		return false
	}
	if err := r.ParseForm(); err != nil {
		p.render(w, http.StatusBadRequest, "login", map[string]any{"Title": "Sign in", "Error": "The form could not be read."})
		return false
	}
	return true
}

func (p *pages) login(w http.ResponseWriter, r *http.Request) {
	if !p.readSignInForm(w, r, 16<<10) {
		return
	}
	c := auth.Credentials{Email: r.PostForm.Get("email"), Password: r.PostForm.Get("password"), TOTP: r.PostForm.Get("totp")}
	if err := p.app.limits.signIn(requestIP(r), c.Email); err != nil {
		msg, _ := pageLimited(w, err)
		p.render(w, http.StatusTooManyRequests, "login", map[string]any{"Title": "Sign in", "Error": msg, "Email": c.Email})
		return
	}
	sess, err := p.app.auth.SignIn(r.Context(), c)
	var enrol *auth.EnrolmentRequired
	if errors.As(err, &enrol) {
		p.renderEnrol(w, r, http.StatusOK, enrol.Token, "")
		return
	}
	if err != nil {
		p.signInFailed(w, err, c.Email)
		return
	}
	auth.SetSessionCookie(w, r, sess)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (p *pages) signInFailed(w http.ResponseWriter, err error, email string) {
	pageLimited(w, err) // slowed down: Retry-After says for how long
	msg := "Something went wrong; try again."
	if e, ok := errs.As(err); ok && e.Kind != errs.Internal {
		msg = e.Msg
	} else {
		p.app.log.Error("sign in", "err", err)
	}
	p.render(w, web.Status(err), "login", map[string]any{"Title": "Sign in", "Error": msg, "Email": email})
}

// renderEnrol shows the enrolment step of signing in: the secret as a QR
// code and as text, and a field for the app's first code.
func (p *pages) renderEnrol(w http.ResponseWriter, r *http.Request, status int, token, errMsg string) {
	enr, role, err := p.app.auth.PendingEnrolment(r.Context(), token)
	if err != nil {
		p.signInFailed(w, err, "")
		return
	}
	qr, err := qrDataURL(enr.URL)
	if err != nil {
		p.signInFailed(w, err, "")
		return
	}
	p.render(w, status, "enrol", map[string]any{"Title": "Set up two-factor sign-in", "Error": errMsg, "Role": role,
		"QR": qr, "Secret": enr.Secret, "Token": token, "Minutes": int(auth.EnrolmentLifetime.Minutes())})
}

// qrDataURL renders an otpauth URL as a PNG QR code in a data: URL, which
// the page's CSP allows for images.
func qrDataURL(otpauth string) (template.URL, error) {
	key, err := otp.NewKeyFromURL(otpauth)
	if err != nil {
		return "", err
	}
	img, err := key.Image(200, 200)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", err
	}
	// The URL is ours (base64 of a PNG we just made), so it is safe to
	// mark as such for html/template.
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())), nil
}

// loginEnrol: POST /login/totp, the enrolment step's form.
func (p *pages) loginEnrol(w http.ResponseWriter, r *http.Request) {
	if !p.readSignInForm(w, r, 4<<10) {
		return
	}
	if err := p.app.limits.signIn(requestIP(r), ""); err != nil {
		msg, _ := pageLimited(w, err)
		p.render(w, http.StatusTooManyRequests, "login", map[string]any{"Title": "Sign in", "Error": msg})
		return
	}
	token := r.PostForm.Get("enrolment_token")
	sess, err := p.app.auth.CompleteEnrolment(r.Context(), token, r.PostForm.Get("code"))
	if errs.Is(err, errs.Invalid) || errs.Is(err, errs.RateLimited) {
		pageLimited(w, err)
		p.renderEnrol(w, r, web.Status(err), token, pageError(p, err))
		return
	}
	if err != nil {
		p.signInFailed(w, err, "")
		return
	}
	auth.SetSessionCookie(w, r, sess)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// logout: POST /logout. With a live session and its CSRF token, the session
// ends on the server and the cookie goes. With a live session but no valid
// CSRF token (a forged cross-site post, or a stale form), nothing changes:
// 403, and the session and its cookie both stay, so the browser never
// believes it signed out while the session lives on. With no live session
// there is nothing to end, and the stale cookie is cleared.
func (p *pages) logout(w http.ResponseWriter, r *http.Request) {
	_, err := p.app.auth.Authenticate(r)
	switch {
	case err == nil:
		if c, cerr := r.Cookie(auth.SessionCookie); cerr == nil {
			if err := p.app.auth.SignOut(r.Context(), c.Value); err != nil {
				p.app.log.Error("sign out", "err", err)
				http.Error(w, "Signing out failed; you are still signed in. Try again.", http.StatusInternalServerError)
				return
			}
		}
	case errs.Is(err, errs.Forbidden):
		http.Error(w, "Sign-out needs this site's own sign-out button (the form's CSRF token was missing or wrong). You are still signed in; go back and use the Sign out button.", http.StatusForbidden)
		return
	case !errs.Is(err, errs.Unauthorized):
		p.app.log.Error("sign out", "err", err)
		http.Error(w, "Signing out failed; try again.", http.StatusInternalServerError)
		return
	}
	auth.ClearSessionCookie(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
