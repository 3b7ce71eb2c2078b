package chain

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/web"
)

// serve runs a handler the way the server's router does: errors become
// problem bodies in one place.
func serve(h web.Handler, method, body string, contentType string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "/api/v1/chain/x", strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	if err := h(w, req); err != nil {
		web.WriteError(w, req, slog.New(slog.NewTextHandler(io.Discard, nil)), err)
	}
	return w
}

func TestHandleIdentify(t *testing.T) {
	r := testRegistry(t)
	w := serve(r.HandleIdentify, http.MethodPost, `{"text": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}`, "application/json")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var id Identification
	if err := json.Unmarshal(w.Body.Bytes(), &id); err != nil || len(id.Addresses) != 1 || id.Addresses[0].Network != "tron" {
		t.Errorf("body %s (%v)", w.Body, err)
	}

	for _, tc := range []struct {
		name, body, ct string
		status         int
		detail         string
	}{
		{"empty text", `{"text": "  "}`, "application/json", 400, "text is required"},
		{"missing text", `{}`, "", 400, "text is required"},
		{"unknown field", `{"txt": "x"}`, "application/json", 400, `unknown field "txt"`},
		{"wrong type", `{"text": 5}`, "application/json", 400, "must be a string"},
		{"not json", `text=abc`, "application/json", 400, "malformed JSON"},
		{"form post", `{"text": "x"}`, "application/x-www-form-urlencoded", 400, "Content-Type"},
		{"too large", `{"text": "` + strings.Repeat("a", 5000) + `"}`, "application/json", 413, "larger than 4096"},
	} {
		w := serve(r.HandleIdentify, http.MethodPost, tc.body, tc.ct)
		var p web.Problem
		json.Unmarshal(w.Body.Bytes(), &p)
		if w.Code != tc.status || !strings.Contains(p.Detail, tc.detail) {
			t.Errorf("%s: %d %q, want %d %q", tc.name, w.Code, p.Detail, tc.status, tc.detail)
		}
	}
}

func TestHandleNetworks(t *testing.T) {
	w := serve(testRegistry(t).HandleNetworks, http.MethodGet, "", "")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	var list web.List[Network]
	if err := json.Unmarshal(w.Body.Bytes(), &list); err != nil || len(list.Items) != 18 {
		t.Fatalf("body %.200s (%v)", w.Body, err)
	}
	xrp := list.Items[10]
	if xrp.ID != "xrp" || xrp.Memo.Requirement != MemoRequired || xrp.Memo.Kinds[0].Kind != "uint32" {
		t.Errorf("xrp = %+v", xrp)
	}
}
