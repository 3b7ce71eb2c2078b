package guard

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/web"
)

// serve runs a handler the way the server does: errors become problem bodies.
func serve(h web.Handler, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/api/v1/guard/x", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	if err := h(w, r); err != nil {
		web.WriteError(w, r, slog.New(slog.NewTextHandler(io.Discard, nil)), err)
	}
	return w
}

func TestHandleScan(t *testing.T) {
	d := sharedDetector
	body, _ := json.Marshal(map[string]string{"text": "words: " + english12 + " help", "lang": "de"})
	w := serve(d.HandleScan, string(body))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if strings.Contains(w.Body.String(), "abandon") {
		t.Fatalf("response holds the secret: %s", w.Body)
	}
	var got map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"redacted": "words: [seed phrase removed] help",
		"kinds":    []any{"seed_phrase"},
		"findings": []any{map[string]any{"kind": "seed_phrase", "start": float64(7), "end": float64(7 + len(english12)), "confidence": "high"}},
		"warning":  Warning("de", []string{KindSeedPhrase}),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("response (-want +got):\n%s", diff)
	}

	// Nothing found: empty arrays, not null.
	w = serve(d.HandleScan, `{"text":"hello"}`)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"kinds":[]`) || !strings.Contains(w.Body.String(), `"findings":[]`) {
		t.Fatalf("clean text: %d %s", w.Code, w.Body)
	}

	for name, c := range map[string]struct {
		body   string
		status int
	}{
		"not json":      {`{"text":`, http.StatusBadRequest},
		"unknown field": {`{"text":"a","secret":1}`, http.StatusBadRequest},
		"wrong type":    {`{"text":12}`, http.StatusBadRequest},
		"empty":         {``, http.StatusBadRequest},
		"too large":     {`{"text":"` + strings.Repeat("a", 70000) + `"}`, http.StatusRequestEntityTooLarge},
	} {
		if w := serve(d.HandleScan, c.body); w.Code != c.status || !strings.Contains(w.Header().Get("Content-Type"), "problem+json") {
			t.Errorf("%s: status %d (%s), want %d problem", name, w.Code, w.Body, c.status)
		}
	}
}

func TestHandleCheckOutbound(t *testing.T) {
	d := NewDetector(WithAllowedDomains("example.com"))
	w := serve(d.HandleCheckOutbound, `{"text":"See https://example.com/help"}`)
	if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != `{"allowed":true,"violations":[]}` {
		t.Fatalf("allowed message: %d %s", w.Code, w.Body)
	}
	w = serve(d.HandleCheckOutbound, `{"text":"Please send your seed phrase to https://evil.io","allowed_domains":["example.com"]}`)
	var got struct {
		Allowed    bool        `json:"allowed"`
		Violations []Violation `json:"violations"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || w.Code != http.StatusOK {
		t.Fatalf("%d %s %v", w.Code, w.Body, err)
	}
	if got.Allowed || len(got.Violations) != 2 || got.Violations[0].Kind != ViolationAsksForSecret || got.Violations[1].Kind != ViolationLinkNotAllowed {
		t.Fatalf("violations %+v", got)
	}
	// An explicit empty list allows no links, overriding the default.
	w = serve(d.HandleCheckOutbound, `{"text":"https://example.com","allowed_domains":[]}`)
	if !strings.Contains(w.Body.String(), `"allowed":false`) {
		t.Fatalf("empty allow-list: %s", w.Body)
	}
	if w := serve(d.HandleCheckOutbound, `{"text":"x","allowed_domains":[""]}`); w.Code != http.StatusBadRequest {
		t.Fatalf("empty domain: %d %s", w.Code, w.Body)
	}
	// The conversation: the second word asked for after the first.
	w = serve(d.HandleCheckOutbound, `{"text":"And the second one?","previous":["What is the first word of your recovery phrase?"]}`)
	if !strings.Contains(w.Body.String(), `"allowed":false`) || !strings.Contains(w.Body.String(), "one at a time") {
		t.Fatalf("word by word: %d %s", w.Code, w.Body)
	}
	w = serve(d.HandleCheckOutbound, `{"text":"And the second one?"}`)
	if !strings.Contains(w.Body.String(), `"allowed":true`) {
		t.Fatalf("alone: %d %s", w.Code, w.Body)
	}
	for _, body := range []string{
		`{"text":"x","previous":"not an array"}`,
		`{"text":"x","previous":[1]}`,
		`{"text":"x","previous":[` + strings.Repeat(`"a",`, maxPreviousItems) + `"a"]}`,
	} {
		if w := serve(d.HandleCheckOutbound, body); w.Code != http.StatusBadRequest {
			t.Errorf("%q: %d %s", body, w.Code, w.Body)
		}
	}
}
