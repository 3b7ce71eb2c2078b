package workspace

import (
	"bytes"
	"encoding/base64"
	"errors"
	"html/template"
	"image/png"
	"net/http"

	"github.com/pquerna/otp"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Signing in from a browser: the form, the TOTP enrolment step for agents
// whose role requires it, and signing out.

// ErrCrossSite refuses a sign-in posted from another site (login CSRF: a
// page elsewhere signing the victim's browser in to the attacker's account).
var ErrCrossSite = errs.E(errs.Forbidden, "sign-in must be sent from this site's own sign-in page; a request from another site was refused")

func (ws *Workspace) loginForm(w http.ResponseWriter, r *http.Request) {
	ws.render(w, http.StatusOK, "login", map[string]any{"Title": "Sign in"})
}

// signInLimit applies the sign-in rate limit to the request's client IP
// (which the server's middleware put in the audit actor) and email.
func (ws *Workspace) signInLimit(r *http.Request, email string) error {
	if ws.SignInLimit == nil {
		return nil
	}
	return ws.SignInLimit(audit.ActorFrom(r.Context()).IP, email)
}

// readSignInForm parses a sign-in step's form of at most limit bytes, sent
// from our own site (login CSRF), or answers with the sign-in page and false.
func (ws *Workspace) readSignInForm(w http.ResponseWriter, r *http.Request, limit int64) bool {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if !web.FromOurSite(r, ws.PublicURL) {
		ws.render(w, http.StatusForbidden, "login", map[string]any{"Title": "Sign in", "Error": ws.pageError(ErrCrossSite)})
		return false
	}
	if err := r.ParseForm(); err != nil {
		ws.render(w, http.StatusBadRequest, "login", map[string]any{"Title": "Sign in", "Error": "The form could not be read."})
		return false
	}
	return true
}

// login: POST /login, the sign-in form.
func (ws *Workspace) login(w http.ResponseWriter, r *http.Request) {
	if !ws.readSignInForm(w, r, 16<<10) {
		return
	}
	c := auth.Credentials{Email: r.PostForm.Get("email"), Password: r.PostForm.Get("password"), TOTP: r.PostForm.Get("totp")}
	if err := ws.signInLimit(r, c.Email); err != nil {
		msg, _ := web.LimitMessage(w, err)
		ws.render(w, http.StatusTooManyRequests, "login", map[string]any{"Title": "Sign in", "Error": msg, "Email": c.Email})
		return
	}
	sess, err := ws.Sessions.SignIn(r.Context(), c)
	var enrol *auth.EnrolmentRequired
	if errors.As(err, &enrol) {
		ws.renderEnrol(w, r, http.StatusOK, enrol.Token, "")
		return
	}
	if err != nil {
		ws.signInFailed(w, err, c.Email)
		return
	}
	auth.SetSessionCookie(w, r, sess)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (ws *Workspace) signInFailed(w http.ResponseWriter, err error, email string) {
	web.LimitMessage(w, err) // slowed down: Retry-After says for how long
	msg := "Something went wrong; try again."
	if e, ok := errs.As(err); ok && e.Kind != errs.Internal {
		msg = e.Msg
	} else {
		ws.Log.Error("sign in", "err", err)
	}
	ws.render(w, web.Status(err), "login", map[string]any{"Title": "Sign in", "Error": msg, "Email": email})
}

// renderEnrol shows the enrolment step of signing in: the secret as a QR
// code and as text, and a field for the app's first code.
func (ws *Workspace) renderEnrol(w http.ResponseWriter, r *http.Request, status int, token, errMsg string) {
	enr, role, err := ws.Sessions.PendingEnrolment(r.Context(), token)
	if err != nil {
		ws.signInFailed(w, err, "")
		return
	}
	qr, err := qrDataURL(enr.URL)
	if err != nil {
		ws.signInFailed(w, err, "")
		return
	}
	ws.render(w, status, "enrol", map[string]any{"Title": "Set up two-factor sign-in", "Error": errMsg, "Role": role,
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
func (ws *Workspace) loginEnrol(w http.ResponseWriter, r *http.Request) {
	if !ws.readSignInForm(w, r, 4<<10) {
		return
	}
	if err := ws.signInLimit(r, ""); err != nil {
		msg, _ := web.LimitMessage(w, err)
		ws.render(w, http.StatusTooManyRequests, "login", map[string]any{"Title": "Sign in", "Error": msg})
		return
	}
	token := r.PostForm.Get("enrolment_token")
	sess, err := ws.Sessions.CompleteEnrolment(r.Context(), token, r.PostForm.Get("code"))
	if errs.Is(err, errs.Invalid) || errs.Is(err, errs.RateLimited) {
		web.LimitMessage(w, err)
		ws.renderEnrol(w, r, web.Status(err), token, ws.pageError(err))
		return
	}
	if err != nil {
		ws.signInFailed(w, err, "")
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
func (ws *Workspace) logout(w http.ResponseWriter, r *http.Request) {
	_, err := ws.Sessions.Authenticate(r)
	switch {
	case err == nil:
		if c, cerr := r.Cookie(auth.SessionCookie); cerr == nil {
			if err := ws.Sessions.SignOut(r.Context(), c.Value); err != nil {
				ws.Log.Error("sign out", "err", err)
				http.Error(w, "Signing out failed; you are still signed in. Try again.", http.StatusInternalServerError)
				return
			}
		}
	case errs.Is(err, errs.Forbidden):
		http.Error(w, "Sign-out needs this site's own sign-out button (the form's CSRF token was missing or wrong). You are still signed in; go back and use the Sign out button.", http.StatusForbidden)
		return
	case !errs.Is(err, errs.Unauthorized):
		ws.Log.Error("sign out", "err", err)
		http.Error(w, "Signing out failed; try again.", http.StatusInternalServerError)
		return
	}
	auth.ClearSessionCookie(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
