package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestOnlyTheChatFrameMayBeFramed: the frame allows exactly the configured
// widget origins; every other page, the demo exchange included, keeps
// frame-ancestors 'none' and X-Frame-Options DENY.
func TestOnlyTheChatFrameMayBeFramed(t *testing.T) {
	t.Parallel()
	cfg := Config{DataDir: t.TempDir(), Database: storetest.DSN(t, store.SQLite), AdminPassword: "test-admin-password",
		Demo: true, WidgetOrigins: []string{"exchange.example", "*.exchange.example"}}
	app, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.Close() })
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(srv.Close)

	get := func(path string) *http.Response {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	q := url.Values{"install": {"main"}, "origin": {"https://www.exchange.example"}}
	resp := get("/chat/v1/frame?" + q.Encode())
	csp := resp.Header.Get("Content-Security-Policy")
	if resp.StatusCode != 200 || !strings.Contains(csp, "frame-ancestors 'self' exchange.example *.exchange.example;") || resp.Header.Get("X-Frame-Options") != "" {
		t.Errorf("frame: status %d, CSP %q, X-Frame-Options %q", resp.StatusCode, csp, resp.Header.Get("X-Frame-Options"))
	}
	for _, path := range []string{"/login", "/demo/exchange", "/chat/v1/widget.js", "/verify", "/chat/v1/strings/en"} {
		resp := get(path)
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || resp.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s (status %d): CSP %q, X-Frame-Options %q; want it unframeable", path, resp.StatusCode, csp, resp.Header.Get("X-Frame-Options"))
		}
	}
	if resp := get("/chat/v1/frame?install=main&origin=https%3A%2F%2Fevil.example"); resp.StatusCode != 403 {
		t.Errorf("frame for another site: status %d, want 403", resp.StatusCode)
	}

	cfg.Demo, cfg.DataDir, cfg.Database = false, t.TempDir(), storetest.DSN(t, store.SQLite)
	cfg.WidgetOrigins = []string{"exchange.example/path; script-src *"}
	if app, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
		app.Close()
		t.Errorf("a widget origin that would inject into the CSP header was accepted")
	}
}
