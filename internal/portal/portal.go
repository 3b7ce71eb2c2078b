// Package portal is the help center's "My requests": a signed-in customer
// (the exchange's identity token, as the chat widget uses) sees their
// tickets across channels, each one's public conversation, and answers on
// it. Reads are the customer's own tickets only; another customer's is
// "not found". Replies go through ticket.Intake, so the guard and sealing
// apply as on every channel.
package portal

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Cookie holds the signed-in customer's identity token. It is the same
// cookie the deposit check and step-up pages set, so one sign-in serves all.
const Cookie = "gc_customer"

// MaxRequests bounds the list: the newest ones first.
const MaxRequests = 200

// Verifier checks the exchange's identity tokens (auth.IdentitySigner).
type Verifier interface {
	Verify(token string) (auth.CustomerIdentity, error)
}

// Linker signs a customer in from a link's token: short-lived, used once,
// and swapped for a page token of Groundcrew's own that the cookie keeps
// (auth.Verifications.SignInLink).
type Linker interface {
	SignInLink(ctx context.Context, token string) (string, auth.CustomerIdentity, error)
}

// Promiser says when a ticket's customer is promised an answer
// (sla.Service.PromisedBy); nil when none is owed.
type Promiser interface {
	PromisedBy(ctx context.Context, ticketID int64) (*time.Time, error)
}

// Portal serves the My requests pages.
type Portal struct {
	DB       *store.DB
	Tickets  *ticket.Store
	Identity Verifier
	Links    Linker
	SLA      Promiser // may be nil: the status alone is shown
	Log      *slog.Logger
}

// Routes lists the pages under /help/{lang}/.
func (p *Portal) Routes() []web.PageRoute {
	return []web.PageRoute{
		web.Get("/help/{lang}/signin", web.Public, p.signIn),
		web.Get("/help/{lang}/requests", web.Public, p.list),
		web.Get("/help/{lang}/requests/{id}", web.Public, p.show),
		web.Post("/help/{lang}/requests/{id}", web.Public, p.reply),
	}
}

//go:embed templates/*.html
var templateFS embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"when": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
}).ParseFS(templateFS, "templates/*.html"))

// Request is one line of the list.
type Request struct {
	ID       int64
	Subject  string
	Channel  string
	Status   ticket.Status
	Updated  time.Time
	Promised *time.Time
}

// view is what the templates get.
type view struct {
	Lang, Dir string
	T         words
	Title     string
	Error     string
	Requests  []Request
	Request   *Request
	Messages  []ticket.Message
	Draft     string
	CSRF      string
	Closed    string // the note that replaces the reply box
}

func language(r *http.Request) (string, bool) {
	l := r.PathValue("lang")
	return l, slices.Contains(ticket.Languages, l)
}

// customer returns the signed-in customer and their token.
func (p *Portal) customer(r *http.Request) (auth.CustomerIdentity, string, bool) {
	c, err := r.Cookie(Cookie)
	if err != nil {
		return auth.CustomerIdentity{}, "", false
	}
	id, err := p.Identity.Verify(c.Value)
	return id, c.Value, err == nil
}

// csrfToken binds a form to the customer's identity token, which the page's
// scripts and other sites cannot read (HttpOnly, SameSite=Lax).
func csrfToken(identity string) string {
	m := hmac.New(sha256.New, []byte(identity))
	m.Write([]byte("groundcrew portal form"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// signIn: GET /help/{lang}/signin?token=JWT is the exchange's handoff: a
// short-lived token, used once, as the other customer pages' links. It
// sets the customer cookie (a page token of Groundcrew's own, for
// auth.CustomerPageLife) and sends them on to their requests.
func (p *Portal) signIn(w http.ResponseWriter, r *http.Request) {
	lang, ok := language(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	page, id, err := p.Links.SignInLink(r.Context(), r.URL.Query().Get("token"))
	if err != nil {
		v := p.view(lang)
		v.Error = v.T.BadToken
		if errors.Is(err, auth.ErrIdentityExpired) || errors.Is(err, auth.ErrIdentityReplayed) {
			// A used link is spent: the customer's way on is the same.
			v.Error = v.T.Expired
		} else if !errs.Is(err, errs.Unauthorized) {
			p.Log.Error("portal sign-in", "err", err)
			v.Error = v.T.Failed
		}
		p.render(w, web.Status(err), "signin", v)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: Cookie, Value: page, Path: "/", Expires: id.Expires, HttpOnly: true,
		Secure: auth.CookieSecure(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/help/"+lang+"/requests", http.StatusSeeOther)
}

// list: GET /help/{lang}/requests.
func (p *Portal) list(w http.ResponseWriter, r *http.Request) {
	lang, ok := language(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	v := p.view(lang)
	id, _, ok := p.customer(r)
	if !ok {
		v.Error = v.T.SignIn
		p.render(w, http.StatusUnauthorized, "signin", v)
		return
	}
	reqs, err := p.Requests(r.Context(), id.UserID)
	if err != nil {
		p.fail(w, r, v, err)
		return
	}
	v.Requests = reqs
	p.render(w, http.StatusOK, "list", v)
}

// show: GET /help/{lang}/requests/{id}.
func (p *Portal) show(w http.ResponseWriter, r *http.Request) {
	p.conversation(w, r, http.StatusOK, "", "")
}

// reply: POST /help/{lang}/requests/{id} adds the customer's message.
func (p *Portal) reply(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, ticket.MaxBody+8<<10)
	lang, ok := language(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	t := uiWords(lang)
	id, tok, ok := p.customer(r)
	if !ok {
		v := p.view(lang)
		v.Error = t.SignIn
		p.render(w, http.StatusUnauthorized, "signin", v)
		return
	}
	if err := r.ParseForm(); err != nil {
		p.conversation(w, r, http.StatusRequestEntityTooLarge, t.TooLong, "")
		return
	}
	if !hmac.Equal([]byte(r.PostFormValue("csrf")), []byte(csrfToken(tok))) {
		p.conversation(w, r, http.StatusForbidden, t.Stale, r.PostFormValue("body"))
		return
	}
	body := r.PostFormValue("body")
	switch {
	case strings.TrimSpace(body) == "":
		p.conversation(w, r, http.StatusBadRequest, t.EmptyReply, "")
		return
	case len(body) > ticket.MaxBody:
		p.conversation(w, r, http.StatusRequestEntityTooLarge, t.TooLong, "")
		return
	}
	ticketID, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || ticketID <= 0 {
		http.NotFound(w, r)
		return
	}
	m, err := p.Tickets.AppendAsCustomer(r.Context(), ticket.CustomerRef{ExternalID: id.UserID}, ticketID, body)
	if err != nil {
		if errs.Is(err, errs.NotFound) {
			http.NotFound(w, r)
			return
		}
		p.Log.Warn("portal reply", "ticket", ticketID, "err", err)
		p.conversation(w, r, statusOf(err), t.Failed, body)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/help/%s/requests/%d#m%d", lang, ticketID, m.ID), http.StatusSeeOther)
}

// conversation renders one request with an optional error and draft.
func (p *Portal) conversation(w http.ResponseWriter, r *http.Request, status int, problem, draft string) {
	lang, ok := language(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	v := p.view(lang)
	id, tok, ok := p.customer(r)
	if !ok {
		v.Error = v.T.SignIn
		p.render(w, http.StatusUnauthorized, "signin", v)
		return
	}
	ticketID, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || ticketID <= 0 {
		http.NotFound(w, r)
		return
	}
	req, msgs, err := p.Conversation(r.Context(), id.UserID, ticketID)
	if errs.Is(err, errs.NotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		p.fail(w, r, v, err)
		return
	}
	v.Request, v.Messages, v.Error, v.Draft, v.CSRF = &req, msgs, problem, draft, csrfToken(tok)
	v.Title = req.Subject
	if req.Status == ticket.StatusClosed {
		v.Closed = closedNote[lang]
	}
	p.render(w, status, "show", v)
}

// Requests lists the tickets of the exchange user userID, on every
// channel, the most recently changed first. Merged tickets live on in the
// ticket they were merged into.
func (p *Portal) Requests(ctx context.Context, userID string) ([]Request, error) {
	rows, err := p.DB.Query(ctx, `SELECT t.id, t.subject, t.channel, t.status, t.updated_at FROM tickets t
		JOIN customers c ON c.id = t.customer_id WHERE c.external_id = ? AND c.external_id <> '' AND t.merged_into IS NULL
		ORDER BY t.updated_at DESC, t.id DESC LIMIT ?`, userID, MaxRequests)
	if err != nil {
		return nil, fmt.Errorf("my requests: %w", err)
	}
	defer rows.Close()
	var out []Request
	for rows.Next() {
		var q Request
		var updated int64
		if err := rows.Scan(&q.ID, &q.Subject, &q.Channel, &q.Status, &updated); err != nil {
			return nil, fmt.Errorf("my requests: %w", err)
		}
		q.Updated = store.Time(updated)
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("my requests: %w", err)
	}
	for i := range out {
		if err := p.promise(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Conversation returns the customer's ticket and its public messages (the
// newest ticket.MaxCustomerPage); another customer's ticket is NotFound.
func (p *Portal) Conversation(ctx context.Context, userID string, ticketID int64) (Request, []ticket.Message, error) {
	ref := ticket.CustomerRef{ExternalID: userID}
	msgs, _, err := p.Tickets.CustomerMessages(ctx, ref, ticketID, 0, math.MaxInt64, ticket.MaxCustomerPage)
	if err != nil {
		return Request{}, nil, err
	}
	var q Request
	var updated int64
	err = p.DB.QueryRow(ctx, `SELECT t.id, t.subject, t.channel, t.status, t.updated_at FROM tickets t
		JOIN customers c ON c.id = t.customer_id WHERE t.id = ? AND c.external_id = ? AND c.external_id <> ''`, ticketID, userID).
		Scan(&q.ID, &q.Subject, &q.Channel, &q.Status, &updated)
	if err != nil {
		return Request{}, nil, fmt.Errorf("my request %d: %w", ticketID, err)
	}
	q.Updated = store.Time(updated)
	return q, msgs, p.promise(ctx, &q)
}

func (p *Portal) promise(ctx context.Context, q *Request) error {
	if p.SLA == nil || q.Status == ticket.StatusSolved || q.Status == ticket.StatusClosed {
		return nil
	}
	at, err := p.SLA.PromisedBy(ctx, q.ID)
	if err != nil {
		return fmt.Errorf("my request %d: promised time: %w", q.ID, err)
	}
	q.Promised = at
	return nil
}

func (p *Portal) view(lang string) view {
	v := view{Lang: lang, Dir: "ltr", T: uiWords(lang)}
	if lang == "ar" {
		v.Dir = "rtl"
	}
	v.Title = v.T.Title
	return v
}

func statusOf(err error) int {
	switch {
	case errs.Is(err, errs.Invalid):
		return http.StatusBadRequest
	case errs.Is(err, errs.Conflict):
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

func (p *Portal) fail(w http.ResponseWriter, r *http.Request, v view, err error) {
	p.Log.Error("portal page", "path", r.URL.Path, "err", err)
	v.Error = v.T.Failed
	p.render(w, http.StatusInternalServerError, "signin", v)
}

func (p *Portal) render(w http.ResponseWriter, status int, name string, v view) {
	var buf strings.Builder
	if err := pages.ExecuteTemplate(&buf, name, v); err != nil {
		p.Log.Error("portal render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer") // the sign-in URL carries a token
	w.WriteHeader(status)
	_, _ = w.Write([]byte(buf.String()))
}
