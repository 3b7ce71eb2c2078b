package server

import (
	"bytes"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// clientIP is the caller's address: the peer, or, when the peer is a trusted
// proxy, the last address in X-Forwarded-For that is not a trusted proxy.
func clientIP(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil || host == "" {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	isTrusted := func(a netip.Addr) bool {
		for _, p := range trusted {
			if p.Contains(a.Unmap()) {
				return true
			}
		}
		return false
	}
	if !isTrusted(peer) {
		return peer.Unmap().String()
	}
	hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a forged or broken entry: stop at the last address we can trust
		}
		if !isTrusted(a) {
			return a.Unmap().String()
		}
		peer = a
	}
	return peer.Unmap().String()
}

// statusWriter remembers the status code for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

type httpMetrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) *httpMetrics {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "groundcrew_http_requests_total", Help: "HTTP requests by route and status."}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "groundcrew_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// observe wraps every route: security headers, the audit actor's IP, a
// recovered panic, an access log line and metrics labelled by route pattern.
func (a *App) observe(pattern string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		ip := clientIP(r, a.cfg.TrustedProxies)
		ctx := audit.WithActor(r.Context(), audit.Actor{Kind: audit.ActorAPI, ID: "anonymous", IP: ip})
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				a.log.Error("panic in handler", "route", pattern, "panic", p)
				if sw.status == 0 {
					web.WriteError(sw, r, a.log, errors.New("panic"))
				}
			}
			elapsed := time.Since(start)
			a.metrics.requests.WithLabelValues(pattern, strconv.Itoa(sw.status)).Inc()
			a.metrics.duration.WithLabelValues(pattern).Observe(elapsed.Seconds())
			if a.log.Enabled(ctx, slog.LevelDebug) || sw.status >= 500 {
				a.log.Log(ctx, levelFor(sw.status), "http", "method", r.Method, "route", pattern, "status", sw.status, "ms", elapsed.Milliseconds(), "ip", ip)
			}
		}()
		next.ServeHTTP(sw, r.WithContext(ctx))
	})
}

func levelFor(status int) slog.Level {
	if status >= 500 {
		return slog.LevelError
	}
	return slog.LevelDebug
}

// guard authenticates the request and checks perm: deny by default, and
// the only permission check handlers go through.
func (a *App) guard(perm auth.Perm, next web.Handler) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := a.auth.Authenticate(r)
		if err != nil {
			return err
		}
		if err := a.limits.principal(p); err != nil {
			return err
		}
		if !p.Can(perm) {
			return errs.E(errs.Forbidden, "your role (%s) lacks the %s permission", p.Agent.Role, perm)
		}
		return next(w, r.WithContext(auth.Acting(r.Context(), p)))
	}
}

// recorder captures a response so an idempotent create can store and replay it.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (rec *recorder) Header() http.Header { return rec.header }
func (rec *recorder) WriteHeader(code int) {
	if rec.status == 0 {
		rec.status = code
	}
}
func (rec *recorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	return rec.body.Write(b)
}

// MaxIdempotencyKey bounds the Idempotency-Key header.
const MaxIdempotencyKey = 200

// idempotent makes a create safe to retry: with an Idempotency-Key header,
// a retry with the same key and body gets the stored response, a different
// body a 422, and a retry while the first request still runs waits for it
// (idempotency.go). With atCommit the key is stored with the commit
// instead of claimed first: only for handlers that write nothing outside
// the request's transaction.
func (a *App) idempotent(next web.Handler, atCommit bool) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			return next(w, r)
		}
		if len(key) > MaxIdempotencyKey {
			return errs.E(errs.Invalid, "Idempotency-Key is longer than %d characters", MaxIdempotencyKey)
		}
		return a.runIdempotent(next, w, r, key, atCommit)
	}
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }
