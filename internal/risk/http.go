package risk

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/exchangehttp"
	"github.com/groundcrew/groundcrew/internal/web"
)

// EventsPath is the exchange's endpoint for risk events (the contract is
// in internal/exchange/exchangehttp/openapi.json).
const EventsPath = "/exchange/v1/risk-events"

// HandleEvents: POST /exchange/v1/risk-events, signed by the exchange as
// its adapter's requests are (exchangehttp.Sign). Refused, with nothing
// stored: a missing or wrong signature or a timestamp outside the replay
// window (401), a malformed, stale or future event (400), an event id
// received before (409).
func (s *Service) HandleEvents(w http.ResponseWriter, r *http.Request) error {
	a, err := exchangehttp.ParseAuth(r.Header)
	if err != nil {
		return err
	}
	body, err := web.ReadBody(r, MaxBody)
	if err != nil {
		return err
	}
	secret, ok := s.cfg.Keys[a.KeyID]
	if !ok {
		// The same answer as a wrong signature, so key ids cannot be probed.
		return errs.E(errs.Unauthorized, "unknown key id or wrong signature")
	}
	now := s.now()
	if err := a.Verify(secret, r.Method, r.URL.RequestURI(), body, now); err != nil {
		return err
	}
	evs, err := ParseEvents(body, now)
	if err != nil {
		return err
	}
	res, err := s.Accept(r.Context(), evs)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusAccepted, res)
}

// HandleCustomerEvents: GET /api/v1/risk/customers/{user}/events, a
// customer's newest risk events (the customer panel). The route needs only
// ticket.read, so as on the page the IP addresses are withheld unless the
// caller may reveal personal data (customer.reveal), and only an agent who
// may see one of the customer's tickets reads them (Config.MaySee).
func (s *Service) HandleCustomerEvents(w http.ResponseWriter, r *http.Request) error {
	user := r.PathValue("user")
	if err := exchange.CheckText("user", user, exchange.MaxID); err != nil {
		return err
	}
	if s.cfg.MaySee == nil {
		return errs.E(errs.Forbidden, "customer risk events are not served here")
	}
	if err := s.cfg.MaySee(r, user); err != nil {
		return err
	}
	evs, err := s.Recent(r.Context(), user, 50)
	if err != nil {
		return err
	}
	if p, _ := auth.PrincipalFrom(r.Context()); !p.Can(auth.PermCustomerReveal) {
		for i := range evs {
			evs[i] = evs[i].Masked()
		}
	}
	return web.JSON(w, http.StatusOK, map[string]any{"events": evs})
}

// HandleCases: GET /api/v1/risk/cases, the security queue's proactive cases.
func (s *Service) HandleCases(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.Cases(r.Context(), 100)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"cases": cs})
}

// HandleRules: GET /api/v1/risk/rules.
func (s *Service) HandleRules(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.Rules(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"rules": rs})
}

// HandleSetRule: PUT /api/v1/risk/rules/{kind}; by names the admin.
func (s *Service) HandleSetRule(by func(*http.Request) string) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		var rule Rule
		if _, err := web.Decode(r, 4<<10, &rule); err != nil {
			return err
		}
		rule.Kind = exchange.RiskKind(r.PathValue("kind"))
		got, err := s.SetRule(r.Context(), rule, by(r))
		if err != nil {
			return err
		}
		return web.JSON(w, http.StatusOK, got)
	}
}

//go:embed templates
var files embed.FS

var disablePage = template.Must(template.ParseFS(files, "templates/disable.html"))

// Routes are the customer's pages: the disable page (GET shows what
// happened and one button; POST does it, so that a mail scanner that
// opens links freezes nothing).
func (s *Service) Routes() []web.PageRoute {
	return []web.PageRoute{
		web.Get(DisablePath, web.Public, s.serveDisable),
		web.Post(DisablePath, web.Public, s.serveDisable),
	}
}

func (s *Service) serveDisable(w http.ResponseWriter, r *http.Request) {
	tok := r.URL.Query().Get("t")
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
		tok = r.PostFormValue("t")
	}
	lang := langOr(r.URL.Query().Get("lang"))
	d := map[string]any{"Action": DisablePath, "Token": tok}
	code := http.StatusOK
	id, _, err := s.CheckToken(tok)
	if err == nil {
		// The page speaks the customer's language, as the alert did.
		if o, oerr := s.Outreach(r.Context(), id); oerr == nil {
			if u, uerr := s.cfg.Exchange.User(r.Context(), o.UserID); uerr == nil {
				lang = langOr(u.Language)
			}
		}
	}
	t := textsFor(lang)
	d["Lang"], d["Dir"], d["T"] = lang, dir(lang), t
	switch {
	case errors.Is(err, ErrLinkExpired):
		code, d["Problem"] = http.StatusGone, t.Expired
	case err != nil:
		code, d["Problem"] = http.StatusBadRequest, t.Invalid
	case r.Method == http.MethodPost:
		res, err := s.WasntMe(r.Context(), tok)
		var used *ErrUsed
		switch {
		case errors.As(err, &used):
			code, d["Problem"] = http.StatusConflict, fmt.Sprintf(t.Used, used.At.UTC().Format("2006-01-02 15:04 UTC"))
		case err != nil:
			s.log.Error("risk: this wasn't me", "err", err)
			code, d["Problem"] = http.StatusServiceUnavailable, t.Invalid
		default:
			d["Done"] = fmt.Sprintf(t.Done, res.TicketID)
		}
	default:
		at, used, err := s.usedAt(r.Context(), id)
		switch {
		case err != nil:
			code, d["Problem"] = http.StatusBadRequest, t.Invalid
		case used:
			code, d["Problem"] = http.StatusConflict, fmt.Sprintf(t.Used, at.UTC().Format("2006-01-02 15:04 UTC"))
		default:
			evs, err := s.OutreachEvents(r.Context(), id)
			if err != nil {
				s.log.Error("risk: disable page", "err", err)
			}
			var lines []string
			for _, e := range evs {
				lines = append(lines, eventLine(t, e.RiskEvent))
			}
			d["Lines"] = lines
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer") // the token is in the URL
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	w.WriteHeader(code)
	if err := disablePage.Execute(w, d); err != nil {
		s.log.Warn("risk: disable page", "err", err)
	}
}

func dir(lang string) string {
	if lang == "ar" {
		return "rtl"
	}
	return "ltr"
}
