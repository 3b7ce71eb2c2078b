package workspace

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"image/png"
	"net/http"
	"strings"

	"github.com/pquerna/otp"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The account page: an agent's own password, e-mail, two-factor sign-in,
// API tokens and verification code. Each form does what the /api/v1/me
// route of the same name does, through the same auth.Service method, with
// the same re-authentication.

// accountFields are the inputs an error can name.
var accountFields = []string{"current_password", "new_password", "email", "totp", "code", "name"}

// account: GET /account.
func (ws *Workspace) account(w http.ResponseWriter, r *http.Request) {
	ws.renderAccount(w, r, http.StatusOK, map[string]any{"Notice": notice(r)})
}

// renderAccount shows the account page with extra (errors, a new token, a
// pending TOTP secret) on top of the agent's current state.
func (ws *Workspace) renderAccount(w http.ResponseWriter, r *http.Request, status int, extra map[string]any) {
	pr := principal(r)
	data := agentPage(pr, "Your account")
	me, err := ws.Admin.People.Agent(r.Context(), pr.Agent.ID)
	if err == nil {
		data["Me"] = me
		data["Tokens"], err = ws.Admin.People.Tokens(r.Context(), pr.Agent.ID)
	}
	if err != nil {
		status = ws.failed(data, err)
	}
	data["ViaSession"] = pr.Via == "session"
	if ws.Live != nil && ws.Live.Notify != nil && err == nil {
		data["Notify"], err = ws.Live.Notify.Get(r.Context(), pr.Agent.ID)
		if err != nil {
			status = ws.failed(data, err)
		}
	}
	data["FormErr"], data["Errors"] = map[string]any{}, map[string]string{}
	for k, v := range extra {
		data[k] = v
	}
	ws.render(w, status, "account", data)
}

// reauth reads the re-authentication fields of a form.
func reauth(r *http.Request) auth.Reauth {
	return auth.Reauth{Password: r.PostFormValue("current_password"), TOTP: strings.TrimSpace(r.PostFormValue("totp"))}
}

// accountFailed shows the account page with err, in the form named form.
func (ws *Workspace) accountFailed(w http.ResponseWriter, r *http.Request, form string, err error, extra map[string]any) {
	if extra == nil {
		extra = map[string]any{}
	}
	data := map[string]any{}
	status := ws.failed(data, err, accountFields...)
	extra["FormErr"] = map[string]any{form: data["Error"]}
	if fe, ok := data["Errors"]; ok {
		extra["Errors"] = fe
	}
	ws.renderAccount(w, r, status, extra)
}

// changePassword: POST /account/password. Every other session ends, and
// tokens sessions minted are revoked unless the agent keeps them.
func (ws *Workspace) changePassword(w http.ResponseWriter, r *http.Request) {
	pr := principal(r)
	next := r.PostFormValue("new_password")
	if next != r.PostFormValue("confirm_password") {
		ws.accountFailed(w, r, "password", errs.Field("new_password", "the two new passwords differ"), nil)
		return
	}
	c := auth.PasswordChange{Password: next, KeepTokens: r.PostFormValue("keep_api_tokens") == "1"}
	if ck, err := r.Cookie(auth.SessionCookie); err == nil && pr.Via == "session" {
		c.KeepSession = ck.Value
	}
	if _, err := ws.Admin.People.ChangeOwnPassword(r.Context(), pr.Agent.ID, r.PostFormValue("current_password"), c); err != nil {
		ws.accountFailed(w, r, "password", err, nil)
		return
	}
	done(w, r, "/account", "password")
}

// changeEmail: POST /account/email.
func (ws *Workspace) changeEmail(w http.ResponseWriter, r *http.Request) {
	if _, err := ws.Admin.People.ChangeEmail(r.Context(), principal(r).Agent.ID, r.PostFormValue("email"), reauth(r)); err != nil {
		ws.accountFailed(w, r, "email", err, map[string]any{"EmailDraft": r.PostFormValue("email")})
		return
	}
	done(w, r, "/account", "email")
}

// startTOTP: POST /account/totp, after the password: shows the new secret
// (as text and as a QR code) and asks for the app's first code. The secret
// is shown in this answer only; it is not in a URL or a redirect.
func (ws *Workspace) startTOTP(w http.ResponseWriter, r *http.Request) {
	e, err := ws.Admin.People.StartTOTP(r.Context(), principal(r).Agent.ID, reauth(r))
	if err != nil {
		ws.accountFailed(w, r, "totp", err, nil)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	ws.renderAccount(w, r, http.StatusOK, map[string]any{"Enrol": e, "QR": ws.qrCode(e.URL)})
}

// qrCode is the otpauth URL as a PNG data URL for an img, or "" when it
// cannot be drawn (the secret is shown as text too).
func (ws *Workspace) qrCode(otpauth string) template.URL {
	key, err := otp.NewKeyFromURL(otpauth)
	if err != nil {
		return ""
	}
	img, err := key.Image(220, 220)
	if err != nil {
		return ""
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return ""
	}
	// A data: URL of a PNG we drew ourselves; the CSP allows data: images.
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
}

// confirmTOTP: POST /account/totp/confirm.
func (ws *Workspace) confirmTOTP(w http.ResponseWriter, r *http.Request) {
	if err := ws.Admin.People.ConfirmTOTP(r.Context(), principal(r).Agent.ID, strings.TrimSpace(r.PostFormValue("code"))); err != nil {
		ws.accountFailed(w, r, "totp", err, nil)
		return
	}
	done(w, r, "/account", "totp-on")
}

// disableTOTP: POST /account/totp/disable.
func (ws *Workspace) disableTOTP(w http.ResponseWriter, r *http.Request) {
	if err := ws.Admin.People.DisableTOTP(r.Context(), principal(r).Agent.ID, reauth(r)); err != nil {
		ws.accountFailed(w, r, "totp", err, nil)
		return
	}
	done(w, r, "/account", "totp-off")
}

// createToken: POST /account/tokens. The token is shown in this answer,
// once; the list shows its name afterwards.
func (ws *Workspace) createToken(w http.ResponseWriter, r *http.Request) {
	t, err := ws.Admin.People.CreateOwnToken(r.Context(), principal(r).Agent.ID, r.PostFormValue("name"), reauth(r))
	if err != nil {
		ws.accountFailed(w, r, "token", err, map[string]any{"TokenName": r.PostFormValue("name")})
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	ws.renderAccount(w, r, http.StatusCreated, map[string]any{"NewToken": t})
}

// revokeToken: POST /account/tokens/{id}/revoke.
func (ws *Workspace) revokeToken(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Admin.People.RevokeToken(r.Context(), principal(r).Agent.ID, id)
	}
	if err != nil {
		ws.accountFailed(w, r, "token", err, nil)
		return
	}
	done(w, r, "/account", "revoked")
}

// rotateCode: POST /account/verification-code.
func (ws *Workspace) rotateCode(w http.ResponseWriter, r *http.Request) {
	if _, err := ws.Admin.People.RotateVerificationCode(r.Context(), principal(r).Agent.ID); err != nil {
		ws.accountFailed(w, r, "code", err, nil)
		return
	}
	done(w, r, "/account", "code")
}

// setNotifications: POST /account/notifications, which events this agent's
// browser notifies them of (as PUT /api/v1/me/notifications).
func (ws *Workspace) setNotifications(w http.ResponseWriter, r *http.Request) {
	if ws.Live == nil || ws.Live.Notify == nil {
		http.NotFound(w, r)
		return
	}
	n := NotifySettings{Assignments: r.PostFormValue("assignments") == "1", Mentions: r.PostFormValue("mentions") == "1",
		Replies: r.PostFormValue("replies") == "1"}
	if err := ws.Live.Notify.Set(r.Context(), principal(r).Agent.ID, n); err != nil {
		ws.accountFailed(w, r, "notify", err, nil)
		return
	}
	done(w, r, "/account", "notify")
}
