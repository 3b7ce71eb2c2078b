package exchangehttp

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/web"
)

// openAPI is the contract; TestOpenAPIMatchesRoutes keeps it true to routes.
//
//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the contract document (OpenAPI 3.1, JSON).
func OpenAPI() []byte { return bytes.Clone(openAPI) }

// MaxRequestBody bounds request bodies; actions are small.
const MaxRequestBody = 64 << 10

// Problem codes, an RFC 9457 extension member that says more than the status.
const (
	CodeSharedAddress = "shared_address" // 404: see exchange.ErrSharedAddress
	CodeNoRoute       = "no_route"       // 404: the path is not part of the contract
)

// problem is web.Problem with the code extension.
type problem struct {
	web.Problem
	Code string `json:"code,omitempty"`
}

// ServerConfig configures a Server.
type ServerConfig struct {
	Keys map[string][]byte // key id → shared secret (at least MinSecret bytes); several allow rotation
	Now  func() time.Time  // nil: time.Now
	Log  *slog.Logger      // nil: slog.Default()
}

// Server serves an exchange.Exchange over the contract, refusing any
// request that is not signed with a known key.
type Server struct {
	ex   exchange.Exchange
	keys map[string][]byte
	now  func() time.Time
	log  *slog.Logger
	mux  *http.ServeMux
}

// route is one operation of the contract.
type route struct {
	method, pattern string
	handle          func(s *Server, w http.ResponseWriter, r *http.Request) error
}

// routes is the whole contract; openapi.json documents exactly these.
var routes = []route{
	{"GET", "/v1/users/{id}", (*Server).user},
	{"GET", "/v1/users/{id}/deposit-addresses", (*Server).depositAddresses},
	{"GET", "/v1/deposit-addresses/lookup", (*Server).lookupAddress},
	{"GET", "/v1/users/{id}/deposits", (*Server).deposits},
	{"GET", "/v1/deposits/by-txid", (*Server).depositByTxID},
	{"GET", "/v1/users/{id}/withdrawals", (*Server).withdrawals},
	{"GET", "/v1/users/{id}/login-events", (*Server).loginEvents},
	{"GET", "/v1/assets", (*Server).assets},
	{"POST", "/v1/users/{id}/two-factor-reset", (*Server).twoFactorReset},
	{"POST", "/v1/users/{id}/withdrawals/unlock", (*Server).unlockWithdrawals},
	{"POST", "/v1/users/{id}/freeze", (*Server).freeze},
	{"POST", "/v1/deposits/credit", (*Server).credit},
	{"POST", "/v1/deposits/return", (*Server).returnDeposit},
}

// openAPIPath is served without a signature: the contract is public.
const openAPIPath = "/v1/openapi.json"

// NewServer builds a Server for ex. Every secret must be at least MinSecret bytes.
func NewServer(ex exchange.Exchange, cfg ServerConfig) (*Server, error) {
	if len(cfg.Keys) == 0 {
		return nil, errors.New("exchangehttp: the server needs at least one key")
	}
	keys := map[string][]byte{}
	for id, secret := range cfg.Keys {
		if !validKeyID(id) {
			return nil, fmt.Errorf("exchangehttp: key id %q must be 1 to %d letters, digits, '.', '_' or '-'", id, MaxKeyID)
		}
		if len(secret) < MinSecret {
			return nil, fmt.Errorf("exchangehttp: the secret of key %q is shorter than %d bytes", id, MinSecret)
		}
		keys[id] = bytes.Clone(secret)
	}
	s := &Server{ex: ex, keys: keys, now: cfg.Now, log: cfg.Log, mux: http.NewServeMux()}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	for _, rt := range routes {
		s.mux.Handle(rt.method+" "+rt.pattern, s.serve(func(w http.ResponseWriter, r *http.Request) error { return rt.handle(s, w, r) }))
	}
	// A path of the contract with another method is 405; anything else is
	// no_route, which clients tell apart from an unknown user.
	paths, seen := http.NewServeMux(), map[string]bool{}
	for _, rt := range routes {
		if !seen[rt.pattern] {
			seen[rt.pattern] = true
			paths.Handle(rt.pattern, http.NotFoundHandler())
		}
	}
	s.mux.Handle("/", s.serve(func(w http.ResponseWriter, r *http.Request) error {
		if _, p := paths.Handler(r); p != "" {
			w.Header().Set("Allow", allowed(p))
			return errWrongMethod
		}
		return errNoRoute
	}))
	return s, nil
}

// allowed lists the methods of pattern, for the Allow header.
func allowed(pattern string) string {
	var out []string
	for _, rt := range routes {
		if rt.pattern == pattern {
			out = append(out, rt.method)
		}
	}
	return strings.Join(out, ", ")
}

var errWrongMethod = errs.E(errs.Invalid, "this method is not allowed here; see the Allow header")

var errNoRoute = errs.E(errs.NotFound, "this path is not part of the exchange contract v1")

// ServeHTTP checks the signature before anything else, so that an unsigned
// request learns nothing and changes nothing.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && r.URL.Path == openAPIPath {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openAPI)
		return
	}
	if err := s.authenticate(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// authenticate verifies the signature over the body, then puts the body
// back for the handler.
func (s *Server) authenticate(r *http.Request) error {
	a, err := ParseAuth(r.Header)
	if err != nil {
		return err
	}
	body, err := web.ReadBody(r, MaxRequestBody)
	if err != nil {
		return err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	secret, ok := s.keys[a.KeyID]
	if !ok {
		return errUnknownKey
	}
	target := r.RequestURI // the request target as sent, which is what was signed
	if !strings.HasPrefix(target, "/") {
		target = r.URL.RequestURI() // absolute-form (through a proxy) or a handler test
	}
	return a.Verify(secret, r.Method, target, body, s.now())
}

func (s *Server) serve(h web.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// writeError is web.WriteError plus the code extension.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := web.Status(err)
	if errors.Is(err, errWrongMethod) {
		status = http.StatusMethodNotAllowed // errs has no kind for it; this is its one place
	}
	p := problem{Problem: web.Problem{
		Type: "https://groundcrew.dev/problems/" + errs.KindOf(err).String(), Title: http.StatusText(status),
		Status: status, Instance: r.URL.Path,
	}}
	if e, ok := errs.As(err); ok && e.Kind != errs.Internal {
		p.Detail, p.Field = e.Msg, e.Field
	} else {
		s.log.ErrorContext(r.Context(), "exchange request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		p.Detail = "An internal error occurred; it has been logged."
	}
	switch {
	case errors.Is(err, exchange.ErrSharedAddress):
		p.Code = CodeSharedAddress
	case errors.Is(err, errNoRoute):
		p.Code = CodeNoRoute
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `HMAC-SHA256 realm="groundcrew-exchange"`)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// list is the envelope of every list response.
type list[T any] struct {
	Items []T `json:"items"`
}

// items wraps v, never as null: clients may rely on an array.
func items[T any](v []T) list[T] {
	if v == nil {
		v = []T{}
	}
	return list[T]{v}
}

func (s *Server) user(w http.ResponseWriter, r *http.Request) error {
	u, err := s.ex.User(r.Context(), r.PathValue("id"))
	return respond(w, u, err)
}

func (s *Server) depositAddresses(w http.ResponseWriter, r *http.Request) error {
	v, err := s.ex.DepositAddresses(r.Context(), r.PathValue("id"))
	return respond(w, items(v), err)
}

func (s *Server) lookupAddress(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	a, err := s.ex.FindDepositAddress(r.Context(), q.Get("network"), q.Get("address"), q.Get("memo"))
	return respond(w, a, err)
}

func (s *Server) deposits(w http.ResponseWriter, r *http.Request) error {
	v, err := s.ex.Deposits(r.Context(), r.PathValue("id"))
	return respond(w, items(v), err)
}

func (s *Server) depositByTxID(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d, err := s.ex.DepositByTxID(r.Context(), q.Get("network"), q.Get("txid"))
	return respond(w, d, err)
}

func (s *Server) withdrawals(w http.ResponseWriter, r *http.Request) error {
	v, err := s.ex.Withdrawals(r.Context(), r.PathValue("id"))
	return respond(w, items(v), err)
}

func (s *Server) loginEvents(w http.ResponseWriter, r *http.Request) error {
	limit := 0
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return errs.Field("limit", "limit must be a whole number")
		}
		limit = n
	}
	v, err := s.ex.LoginEvents(r.Context(), r.PathValue("id"), limit)
	return respond(w, items(v), err)
}

func (s *Server) assets(w http.ResponseWriter, r *http.Request) error {
	v, err := s.ex.Assets(r.Context())
	return respond(w, items(v), err)
}

// ticketRequest is the body of two-factor-reset and withdrawals/unlock.
type ticketRequest struct {
	TicketRef string `json:"ticket_ref"`
}

// freezeRequest is the body of freeze.
type freezeRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) twoFactorReset(w http.ResponseWriter, r *http.Request) error {
	var in ticketRequest
	if _, err := web.Decode(r, MaxRequestBody, &in); err != nil {
		return err
	}
	res, err := s.ex.RequestTwoFactorReset(r.Context(), r.PathValue("id"), in.TicketRef)
	return respond(w, res, err)
}

func (s *Server) unlockWithdrawals(w http.ResponseWriter, r *http.Request) error {
	var in ticketRequest
	if _, err := web.Decode(r, MaxRequestBody, &in); err != nil {
		return err
	}
	res, err := s.ex.UnlockWithdrawals(r.Context(), r.PathValue("id"), in.TicketRef)
	return respond(w, res, err)
}

func (s *Server) freeze(w http.ResponseWriter, r *http.Request) error {
	var in freezeRequest
	if _, err := web.Decode(r, MaxRequestBody, &in); err != nil {
		return err
	}
	res, err := s.ex.FreezeAccount(r.Context(), r.PathValue("id"), in.Reason)
	return respond(w, res, err)
}

func (s *Server) credit(w http.ResponseWriter, r *http.Request) error {
	var in exchange.CreditRequest
	if _, err := web.Decode(r, MaxRequestBody, &in); err != nil {
		return err
	}
	res, err := s.ex.CreditDeposit(r.Context(), in)
	return respond(w, res, err)
}

func (s *Server) returnDeposit(w http.ResponseWriter, r *http.Request) error {
	var in exchange.ReturnRequest
	if _, err := web.Decode(r, MaxRequestBody, &in); err != nil {
		return err
	}
	res, err := s.ex.ReturnDeposit(r.Context(), in)
	return respond(w, res, err)
}

// respond writes v, or returns err for writeError.
func respond(w http.ResponseWriter, v any, err error) error {
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, v)
}
