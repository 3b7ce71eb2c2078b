package workspace

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// newTestWorkspace is a workspace on a real database whose sessions are
// the real auth service; the stores a test does not reach stay nil.
func newTestWorkspace(t *testing.T, db *store.DB) (*Workspace, http.Handler) {
	t.Helper()
	assets, err := web.NewAssets(Static)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := New(Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Assets: assets,
		Sessions: auth.NewService(db, audit.New(db), keyring(t))})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	for _, rt := range ws.Routes() {
		mux.Handle(rt.Pattern(), ws.Serve(rt))
	}
	return ws, mux
}

// TestRoutesNeedASession: every page but the sign-in ones sends a browser
// without a session to the sign-in page, and runs none of its handler.
func TestRoutesNeedASession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ws, h := newTestWorkspace(t, db)
		for _, rt := range ws.Routes() {
			if rt.Perm == web.Public {
				continue
			}
			path := strings.ReplaceAll(strings.ReplaceAll(rt.Path, "{id}", "1"), "{$}", "")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(rt.Method, path, strings.NewReader("body=x")))
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login" {
				t.Errorf("%s without a session: %d to %q, want 303 to /login", rt.Pattern(), rec.Code, rec.Header().Get("Location"))
			}
		}
	})
}

// TestSignInPageRenders: the public sign-in page renders in the layout
// with the shared stylesheet's hashed URL.
func TestSignInPageRenders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ws, h := newTestWorkspace(t, db)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/login", nil))
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, `name="password"`) {
			t.Fatalf("GET /login: %d\n%s", rec.Code, body)
		}
		if css := ws.Assets.URL("app.css"); css == "" || !strings.Contains(body, css) {
			t.Errorf("the page does not link the stylesheet %q", css)
		}
	})
}
