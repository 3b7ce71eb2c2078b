package ticket

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// MaxRequest bounds ticket and message request bodies: a maximal message
// plus room for JSON escaping and the other fields.
const MaxRequest = 4*MaxBody + 16<<10

// HTTP serves the ticket API. ViewerOf tells who is asking; the server
// builds it from the authenticated principal.
type HTTP struct {
	Store    *Store
	ViewerOf func(r *http.Request) Viewer
	// MacroLanguage is macro id's language (errs.NotFound for none), for
	// the macros a reply names; nil refuses macro_ids.
	MacroLanguage func(ctx context.Context, id int64) (string, error)
	// SignInToken checks an API intake's customer.identity as a sign-in
	// token (short-lived); the store then records the level it proves.
	// nil leaves that to the store.
	SignInToken func(token string) error
}

// macroLanguages fills in the language of each macro a reply names.
func (h *HTTP) macroLanguages(ctx context.Context, uses []MacroUse) error {
	for i, u := range uses {
		if h.MacroLanguage == nil {
			return errs.Field("macro_ids", "this server does not record macros")
		}
		lang, err := h.MacroLanguage(ctx, u.MacroID)
		if errs.Is(err, errs.NotFound) {
			return errs.Field("macro_ids", "no macro %d", u.MacroID)
		}
		if err != nil {
			return err
		}
		uses[i].Language = lang
	}
	return nil
}

// HandleCreate: POST /api/v1/tickets.
func (h *HTTP) HandleCreate(w http.ResponseWriter, r *http.Request) error {
	var in NewTicket
	if _, err := web.Decode(r, MaxRequest, &in); err != nil {
		return err
	}
	sent := in.Customer
	if tok := in.Customer.Identity; tok != "" && len(tok) <= MaxIdentityToken && h.SignInToken != nil {
		if err := h.SignInToken(tok); err != nil {
			msg := "customer.identity is not a valid identity token signed by the exchange"
			if e, ok := errs.As(err); ok {
				msg = "customer.identity: " + e.Msg
			}
			return &errs.Error{Kind: errs.Invalid, Field: "customer.identity", Msg: msg, Err: err}
		}
	}
	v := h.ViewerOf(r)
	var t Ticket
	var err error
	if v.AsCustomer {
		t, err = h.Store.CreateForCustomer(r.Context(), in)
	} else {
		t, err = h.Store.CreateAsAgent(r.Context(), v, in)
	}
	if errors.Is(err, ErrBlocked) {
		writeBlocked(w, r, err, "message")
		return nil
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/tickets/"+strconv.FormatInt(t.ID, 10))
	return web.JSON(w, http.StatusCreated, createdView(t, sent))
}

// HandleGet: GET /api/v1/tickets/{id}.
func (h *HTTP) HandleGet(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	t, err := h.Store.Get(r.Context(), h.ViewerOf(r), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, t.MaskPII())
}

// HandleList: GET /api/v1/tickets.
func (h *HTTP) HandleList(w http.ResponseWriter, r *http.Request) error {
	page, err := web.PageFrom(r, 50, 200)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := Filter{Status: Status(q.Get("status")), Priority: Priority(q.Get("priority")), Tag: q.Get("tag")}
	for name, dst := range map[string]*int64{"team_id": &f.TeamID, "assignee_id": &f.AssigneeID, "customer_id": &f.CustomerID} {
		if s := q.Get(name); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n <= 0 {
				return errs.Field(name, "%s must be a positive whole number", name)
			}
			*dst = n
		}
	}
	ts, next, err := h.Store.List(r.Context(), h.ViewerOf(r), f, page)
	if err != nil {
		return err
	}
	for i := range ts {
		ts[i] = ts[i].MaskPII()
	}
	out := web.List[Ticket]{Items: ts}
	if next > 0 {
		out.NextCursor = strconv.FormatInt(next, 10)
	}
	return web.JSON(w, http.StatusOK, out)
}

// HandleUpdate: PATCH /api/v1/tickets/{id}.
func (h *HTTP) HandleUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var u Update
	if _, err := web.Decode(r, 64<<10, &u); err != nil {
		return err
	}
	v := h.ViewerOf(r)
	if u.AssigneeID != nil && *u.AssigneeID != v.AgentID && !v.CanAssign {
		return errs.E(errs.Forbidden, "your role may assign tickets only to yourself")
	}
	t, err := h.Store.UpdateTicket(r.Context(), v, id, u)
	if errors.Is(err, ErrBlocked) {
		writeBlocked(w, r, err, "subject")
		return nil
	}
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, t.MaskPII())
}

// HandleAddMessage: POST /api/v1/tickets/{id}/messages.
func (h *HTTP) HandleAddMessage(w http.ResponseWriter, r *http.Request) error {
	return h.add(w, r, false)
}

// HandleAddNote: POST /api/v1/tickets/{id}/notes.
func (h *HTTP) HandleAddNote(w http.ResponseWriter, r *http.Request) error {
	return h.add(w, r, true)
}

// HandleAddCustomerMessage: POST /api/v1/tickets/{id}/customer-messages,
// for channel integrations: a message as the customer the body names, on
// one of that customer's tickets.
func (h *HTTP) HandleAddCustomerMessage(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	body, err := web.ReadBody(r, MaxRequest)
	if err != nil {
		return err
	}
	in, err := DecodeCustomerMessage(body)
	if err != nil {
		return err
	}
	m, err := h.Store.AppendAsCustomer(r.Context(), in.Customer, id, in.Body)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, m)
}

func (h *HTTP) add(w http.ResponseWriter, r *http.Request, note bool) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	body, err := web.ReadBody(r, MaxRequest)
	if err != nil {
		return err
	}
	in, err := DecodeMessage(body)
	if err != nil {
		return err
	}
	if note && len(in.Macros) > 0 {
		return errs.Field("macro_ids", "a note records no macros: name them with the public reply")
	}
	if err := h.macroLanguages(r.Context(), in.Macros); err != nil {
		return err
	}
	v := h.ViewerOf(r)
	var m Message
	if note {
		m, err = h.Store.AddNote(r.Context(), v, id, in)
	} else {
		m, err = h.Store.AddMessage(r.Context(), v, id, in)
	}
	if errors.Is(err, ErrBlocked) {
		// Answer here rather than return the error: the audit record of the
		// attempt must commit even when an Idempotency-Key transaction wraps this.
		writeBlocked(w, r, err, "body")
		return nil
	}
	if he, ok := errors.AsType[*HeldError](err); ok {
		// Kept, not sent: the same reason to answer here.
		writeHeld(w, he.Reply)
		return nil
	}
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, m)
}

// HandleTags: GET /api/v1/tags.
func (h *HTTP) HandleTags(w http.ResponseWriter, r *http.Request) error {
	tags, err := h.Store.Tags(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, web.List[TagCount]{Items: tags})
}

// writeBlocked answers a refusal of the outbound guard: 422 naming the
// field the error names, or field.
func writeBlocked(w http.ResponseWriter, r *http.Request, err error, field string) {
	if e, ok := errs.As(err); ok {
		field = cmp.Or(e.Field, field)
	}
	web.WriteProblem(w, web.Problem{Type: "https://groundcrew.dev/problems/blocked", Title: "Blocked by the outbound guard",
		Status: http.StatusUnprocessableEntity, Detail: blockedDetail(err), Instance: r.URL.Path, Field: field})
}

func blockedDetail(err error) string {
	if e, ok := errs.As(err); ok {
		return e.Msg
	}
	return err.Error()
}

// authorFields are what a request might use to choose a message's author;
// they are refused with one clear answer rather than "unknown field".
type authorFields struct {
	Author     json.RawMessage `json:"author"`
	AuthorKind json.RawMessage `json:"author_kind"`
	AuthorID   json.RawMessage `json:"author_id"`
}

func (a authorFields) check() error {
	for name, v := range map[string]json.RawMessage{"author": a.Author, "author_kind": a.AuthorKind, "author_id": a.AuthorID} {
		if v != nil {
			return errs.Field(name, "%s cannot be set: authors are decided by the server (an agent's message is the agent's; "+
				"channel integrations write as a customer through POST /api/v1/tickets/{id}/customer-messages)", name)
		}
	}
	return nil
}

// DecodeMessage reads an agent's message or note request: the body only.
func DecodeMessage(body []byte) (NewMessage, error) {
	var req struct {
		MessageRequest
		authorFields
	}
	if err := web.Unmarshal(body, &req); err != nil {
		return NewMessage{}, err
	}
	if err := req.check(); err != nil {
		return NewMessage{}, err
	}
	if len(req.MacroIDs) > maxMacros {
		return NewMessage{}, errs.Field("macro_ids", "at most %d macros a message", maxMacros)
	}
	in := NewMessage{Body: req.Body}
	for _, id := range req.MacroIDs {
		if id <= 0 {
			return NewMessage{}, errs.Field("macro_ids", "macro_ids are macros' numbers, not %d", id)
		}
		in.Macros = append(in.Macros, MacroUse{MacroID: id}) // the language is the macro's, looked up by the handler
	}
	return in, nil
}

// MessageRequest is an agent's message or note as the API takes it.
type MessageRequest struct {
	Body string `json:"body"`
	// MacroIDs are the macros inserted into a public reply (see MacroUse).
	MacroIDs []int64 `json:"macro_ids,omitempty"`
}

// maxMacros bounds the macros one message names.
const maxMacros = 20

// CustomerMessage is a channel integration's message as a customer.
type CustomerMessage struct {
	Body     string      `json:"body"`
	Customer CustomerRef `json:"customer"`
}

// DecodeCustomerMessage reads a customer-message request and checks it.
func DecodeCustomerMessage(body []byte) (CustomerMessage, error) {
	var req struct {
		CustomerMessage
		authorFields
	}
	if err := web.Unmarshal(body, &req); err != nil {
		return CustomerMessage{}, err
	}
	if err := req.check(); err != nil {
		return CustomerMessage{}, err
	}
	if err := req.Customer.Validate(); err != nil {
		return CustomerMessage{}, err
	}
	return req.CustomerMessage, checkText("body", req.Body, MaxBody, true)
}

// createdView is the ticket a create answers with. Its customer may be one
// Groundcrew knew already, whose tickets belong to teams the caller cannot
// see: the answer names them only by what the request said (masked), and
// never shows stored details the caller did not send.
func createdView(t Ticket, sent NewCustomer) Ticket {
	c := t.Customer
	same := func(stored, given string) string {
		if strings.EqualFold(strings.TrimSpace(given), stored) {
			return stored
		}
		return ""
	}
	t.Customer = Customer{ID: c.ID, ExternalID: c.ExternalID, Email: same(c.Email, sent.Email), Name: same(c.Name, sent.Name),
		Language: same(c.Language, sent.Language)}
	return t.MaskPII()
}
