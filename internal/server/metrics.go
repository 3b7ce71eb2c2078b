package server

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"time"
)

// metricsGate serves /metrics to those allowed to read it. The figures
// tell an outsider about load, routes and errors, so they are not public:
// with MetricsToken set, a request must carry it as a bearer token; without
// it, /metrics on the main listener answers only a loopback peer that is
// not a proxy passing a request on, and on the metrics listener of its own
// (MetricsAddr, usually a private address) everyone who reaches it.
func (a *App) metricsGate(ownListener bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tok := a.cfg.MetricsToken; tok != "" {
			if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte("Bearer "+tok)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
				http.Error(w, "/metrics needs the bearer token (GROUNDCREW_METRICS_TOKEN)", http.StatusUnauthorized)
				return
			}
		} else if !ownListener && !localDirect(r) {
			http.Error(w, "/metrics is served to this machine only; set GROUNDCREW_METRICS_TOKEN or --metrics-addr to scrape it from elsewhere", http.StatusForbidden)
			return
		}
		a.metricsHandler.ServeHTTP(w, r)
	})
}

// localDirect reports whether r comes straight from this machine, not
// through a reverse proxy on it.
func localDirect(r *http.Request) bool {
	for _, h := range []string{"X-Forwarded-For", "Forwarded", "X-Real-Ip"} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	addr, err := netip.ParseAddr(host)
	return err == nil && addr.Unmap().IsLoopback()
}

// MetricsHandler is what the metrics listener of its own serves.
func (a *App) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.metricsGate(true))
	return mux
}

// listenMetrics opens the metrics listener of its own, or returns nil
// when MetricsAddr is empty. A bad address stops start-up.
func (a *App) listenMetrics() (net.Listener, error) {
	if a.cfg.MetricsAddr == "" {
		return nil, nil
	}
	ln, err := net.Listen("tcp", a.cfg.MetricsAddr)
	if err != nil {
		return nil, fmt.Errorf("metrics listener: %w", err)
	}
	return ln, nil
}

// serveMetrics serves /metrics on ln until ctx ends.
func (a *App) serveMetrics(ctx context.Context, ln net.Listener) {
	srv := &http.Server{Handler: a.MetricsHandler(), ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	a.log.Info("metrics listening", "addr", ln.Addr().String())
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		a.log.Error("metrics listener stopped", "err", err)
	}
}
