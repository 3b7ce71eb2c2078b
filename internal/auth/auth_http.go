package auth

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// SessionCookie is the name of the browser session cookie.
const SessionCookie = "gc_session"

// Authenticate finds the principal of a request from its bearer token or
// session cookie. Cookie-authenticated requests that change state must carry
// the session's CSRF token (header X-CSRF-Token or form field csrf_token).
func (s *Service) Authenticate(r *http.Request) (Principal, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, token, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
			return Principal{}, errs.E(errs.Unauthorized, "the Authorization header must be \"Bearer <token>\"")
		}
		return s.FromToken(r.Context(), strings.TrimSpace(token))
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return Principal{}, errs.E(errs.Unauthorized, "sign in, or send an API token as \"Authorization: Bearer <token>\"")
	}
	p, err := s.FromSession(r.Context(), c.Value)
	if err != nil {
		return Principal{}, err
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions {
		sent := r.Header.Get("X-CSRF-Token")
		if sent == "" && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
			sent = r.PostFormValue("csrf_token")
		}
		if subtle.ConstantTimeCompare([]byte(sent), []byte(p.CSRF)) != 1 {
			return Principal{}, errs.E(errs.Forbidden, "missing or wrong CSRF token")
		}
	}
	return p, nil
}

// CookieSecure reports whether cookies set in answer to r get the Secure
// attribute: when r came over TLS, or through a proxy that says it did.
// The session cookie and the customer cookie both ask here.
func CookieSecure(r *http.Request) bool {
	return web.Secure(r)
}

// SetSessionCookie puts a new session's token in the browser.
func SetSessionCookie(w http.ResponseWriter, r *http.Request, sess Session) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: sess.Token, Path: "/", Expires: sess.ExpiresAt,
		HttpOnly: true, Secure: CookieSecure(r), SameSite: http.SameSiteLaxMode,
	})
}

// ClearSessionCookie removes the session cookie.
func ClearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0), HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

func mustPrincipal(r *http.Request) Principal {
	p, _ := PrincipalFrom(r.Context())
	return p
}

// EnrolmentProblem is the answer to a sign-in that needs TOTP enrolment
// first: a problem body with what the agent needs to enrol.
type EnrolmentProblem struct {
	web.Problem
	Enrolment *EnrolmentRequired `json:"enrolment"`
	Next      string             `json:"next"`
}

// ProblemEnrolmentRequired is the problem type of that answer.
const ProblemEnrolmentRequired = "https://groundcrew.dev/problems/totp_enrolment_required"

// HandleSignIn: POST /api/v1/sessions.
func (s *Service) HandleSignIn(w http.ResponseWriter, r *http.Request) error {
	var c Credentials
	if _, err := web.Decode(r, 16<<10, &c); err != nil {
		return err
	}
	sess, err := s.SignIn(r.Context(), c)
	var enrol *EnrolmentRequired
	if errors.As(err, &enrol) {
		p := EnrolmentProblem{
			Problem: web.Problem{Type: ProblemEnrolmentRequired, Title: "Two-factor enrolment required", Status: http.StatusForbidden,
				Detail: enrol.Error(), Instance: r.URL.Path},
			Enrolment: enrol,
			Next:      "POST /api/v1/sessions/totp-enrolment with enrolment_token and code (the app's current code)",
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusForbidden)
		return json.NewEncoder(w).Encode(p)
	}
	if err != nil {
		return err
	}
	SetSessionCookie(w, r, sess)
	return web.JSON(w, http.StatusCreated, sess)
}

// HandleCompleteEnrolment: POST /api/v1/sessions/totp-enrolment.
func (s *Service) HandleCompleteEnrolment(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Token string `json:"enrolment_token"`
		Code  string `json:"code"`
	}
	if _, err := web.Decode(r, 4<<10, &in); err != nil {
		return err
	}
	sess, err := s.CompleteEnrolment(r.Context(), in.Token, in.Code)
	if err != nil {
		return err
	}
	SetSessionCookie(w, r, sess)
	return web.JSON(w, http.StatusCreated, sess)
}

// HandleSignOut: DELETE /api/v1/sessions/current. The guard has checked
// the session's CSRF token; a caller with an API token has no session to end.
func (s *Service) HandleSignOut(w http.ResponseWriter, r *http.Request) error {
	if mustPrincipal(r).Via != "session" {
		return errs.E(errs.Conflict, "this request is signed with an API token, not a session; revoke the token with DELETE /api/v1/me/tokens/{id}")
	}
	if c, err := r.Cookie(SessionCookie); err == nil {
		if err := s.SignOut(r.Context(), c.Value); err != nil {
			return err
		}
	}
	ClearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleMe: GET /api/v1/me.
func (s *Service) HandleMe(w http.ResponseWriter, r *http.Request) error {
	p := mustPrincipal(r)
	return web.JSON(w, http.StatusOK, map[string]any{"agent": p.Agent, "permissions": p.Agent.Role.Perms(), "via": p.Via,
		"verification_code": p.Agent.VerificationCode})
}

// HandleChangePassword: POST /api/v1/me/password. Every other session of
// the agent ends; API tokens minted by sessions are revoked unless
// keep_api_tokens is true.
func (s *Service) HandleChangePassword(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Current    string `json:"current_password"`
		New        string `json:"new_password"`
		KeepTokens bool   `json:"keep_api_tokens"`
	}
	if _, err := web.Decode(r, 16<<10, &in); err != nil {
		return err
	}
	p := mustPrincipal(r)
	c := PasswordChange{Password: in.New, KeepTokens: in.KeepTokens}
	if ck, err := r.Cookie(SessionCookie); err == nil && p.Via == "session" {
		c.KeepSession = ck.Value
	}
	out, err := s.ChangeOwnPassword(r.Context(), p.Agent.ID, in.Current, c)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, out)
}

// HandleChangeEmail: POST /api/v1/me/email.
func (s *Service) HandleChangeEmail(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email string `json:"email"`
		Reauth
	}
	if _, err := web.Decode(r, 4<<10, &in); err != nil {
		return err
	}
	a, err := s.ChangeEmail(r.Context(), mustPrincipal(r).Agent.ID, in.Email, in.Reauth)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, a)
}

// HandleStartTOTP: POST /api/v1/me/totp.
func (s *Service) HandleStartTOTP(w http.ResponseWriter, r *http.Request) error {
	var in Reauth
	if _, err := web.Decode(r, 4<<10, &in); err != nil {
		return err
	}
	e, err := s.StartTOTP(r.Context(), mustPrincipal(r).Agent.ID, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, e)
}

// HandleConfirmTOTP: POST /api/v1/me/totp/confirm.
func (s *Service) HandleConfirmTOTP(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Code string `json:"code"`
	}
	if _, err := web.Decode(r, 4<<10, &in); err != nil {
		return err
	}
	if err := s.ConfirmTOTP(r.Context(), mustPrincipal(r).Agent.ID, in.Code); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleDisableTOTP: POST /api/v1/me/totp/disable.
func (s *Service) HandleDisableTOTP(w http.ResponseWriter, r *http.Request) error {
	var in Reauth
	if _, err := web.Decode(r, 4<<10, &in); err != nil {
		return err
	}
	if err := s.DisableTOTP(r.Context(), mustPrincipal(r).Agent.ID, in); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleGetTOTPPolicy: GET /api/v1/admin/totp-policy.
func (s *Service) HandleGetTOTPPolicy(w http.ResponseWriter, r *http.Request) error {
	p, err := s.TOTPPolicy(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, p)
}

// HandleSetTOTPPolicy: PUT /api/v1/admin/totp-policy.
func (s *Service) HandleSetTOTPPolicy(w http.ResponseWriter, r *http.Request) error {
	var in TOTPPolicy
	if _, err := web.Decode(r, 4<<10, &in); err != nil {
		return err
	}
	p, err := s.SetTOTPPolicy(r.Context(), in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, p)
}

// HandleListTokens: GET /api/v1/me/tokens.
func (s *Service) HandleListTokens(w http.ResponseWriter, r *http.Request) error {
	ts, err := s.Tokens(r.Context(), mustPrincipal(r).Agent.ID)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, web.List[APIToken]{Items: ts})
}

// HandleCreateToken: POST /api/v1/me/tokens.
func (s *Service) HandleCreateToken(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name string `json:"name"`
		Reauth
	}
	if _, err := web.Decode(r, 4<<10, &in); err != nil {
		return err
	}
	t, err := s.CreateOwnToken(r.Context(), mustPrincipal(r).Agent.ID, in.Name, in.Reauth)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, t)
}

// HandleRevokeToken: DELETE /api/v1/me/tokens/{id}.
func (s *Service) HandleRevokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.RevokeToken(r.Context(), mustPrincipal(r).Agent.ID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleListAgents: GET /api/v1/agents.
func (s *Service) HandleListAgents(w http.ResponseWriter, r *http.Request) error {
	as, err := s.Agents(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, web.List[Agent]{Items: as})
}

// HandleGetAgent: GET /api/v1/agents/{id}.
func (s *Service) HandleGetAgent(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	a, err := s.Agent(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, a)
}

// HandleCreateAgent: POST /api/v1/agents.
func (s *Service) HandleCreateAgent(w http.ResponseWriter, r *http.Request) error {
	var in NewAgent
	if _, err := web.Decode(r, 16<<10, &in); err != nil {
		return err
	}
	a, err := s.CreateAgent(r.Context(), in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, a)
}

// HandleUpdateAgent: PATCH /api/v1/agents/{id}.
func (s *Service) HandleUpdateAgent(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var u AgentUpdate
	if _, err := web.Decode(r, 16<<10, &u); err != nil {
		return err
	}
	if id == mustPrincipal(r).Agent.ID && (u.Role != nil || (u.Active != nil && !*u.Active)) {
		return errs.E(errs.Forbidden, "you cannot change your own role or deactivate yourself")
	}
	a, err := s.UpdateAgent(r.Context(), id, u)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, a)
}

// HandleListTeams: GET /api/v1/teams.
func (s *Service) HandleListTeams(w http.ResponseWriter, r *http.Request) error {
	ts, err := s.Teams(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, web.List[Team]{Items: ts})
}

// HandleGetTeam: GET /api/v1/teams/{id}.
func (s *Service) HandleGetTeam(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	t, err := s.Team(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, t)
}

// HandleCreateTeam: POST /api/v1/teams.
func (s *Service) HandleCreateTeam(w http.ResponseWriter, r *http.Request) error {
	var in NewTeam
	if _, err := web.Decode(r, 16<<10, &in); err != nil {
		return err
	}
	t, err := s.CreateTeam(r.Context(), in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, t)
}
