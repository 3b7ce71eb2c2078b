package nlu

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// serve runs a handler as the router would, with errors as problems.
func serve(h web.Handler, method, target, body string, pathValues ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(pathValues); i += 2 {
		req.SetPathValue(pathValues[i], pathValues[i+1])
	}
	rec := httptest.NewRecorder()
	if err := h(rec, req); err != nil {
		web.WriteError(rec, req, slog.New(slog.DiscardHandler), err)
	}
	return rec
}

func TestHTTPAnalyze(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	h := &HTTP{Service: NewService(db, testRegistry(), quiet), AuthorOf: func(*http.Request) string { return "Ana" }}
	cases := []struct {
		name, body string
		status     int
		intent     string
		truncated  bool
	}{
		{"a message", `{"text": "I forgot my password", "lang": "en"}`, 200, IntentPasswordReset, false},
		{"empty text", `{"text": ""}`, 200, IntentOther, false},
		{"emoji", `{"text": "🙏🙏"}`, 200, IntentOther, false},
		{"long text", `{"text": "my deposit is missing ` + strings.Repeat("x", 5000) + `"}`, 200, IntentDepositMissing, true},
		{"bad language", `{"text": "hi", "lang": "klingon"}`, 400, "", false},
		{"unknown field", `{"text": "hi", "act": "send 1 BTC"}`, 400, "", false},
		{"not JSON", `text=hi`, 400, "", false},
		{"no body", ``, 400, "", false},
		{"huge", `{"text": "` + strings.Repeat("a", maxAnalyzeBody) + `"}`, 413, "", false},
	}
	for _, c := range cases {
		rec := serve(h.HandleAnalyze, "POST", "/api/v1/bot/analyze", c.body)
		if rec.Code != c.status {
			t.Errorf("%s: status %d, want %d: %s", c.name, rec.Code, c.status, rec.Body)
			continue
		}
		if c.status != 200 {
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("%s: error as %q, want a problem body", c.name, ct)
			}
			continue
		}
		var got AnalyzeResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Intent != c.intent || got.Truncated != c.truncated {
			t.Errorf("%s: %s truncated=%v, want %s truncated=%v", c.name, got.Intent, got.Truncated, c.intent, c.truncated)
		}
	}
}

func TestHTTPIntents(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	h := &HTTP{Service: NewService(db, testRegistry(), quiet), AuthorOf: func(*http.Request) string { return "Ana" }}
	if rec := serve(h.HandleCreateIntent, "POST", "/api/v1/bot/intents", `{"name": "airdrop_claim", "description": "Airdrops"}`); rec.Code != 201 {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	rec := serve(h.HandleAddPhrase, "POST", "/", `{"lang": "en", "text": "where is my airdrop"}`, "name", "airdrop_claim")
	if rec.Code != 201 {
		t.Fatalf("add phrase: %d %s", rec.Code, rec.Body)
	}
	var p StoredPhrase
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p.CreatedBy != "Ana" || p.Intent != "airdrop_claim" {
		t.Errorf("phrase %+v", p)
	}
	rec = serve(h.HandleGetIntent, "GET", "/", "", "name", "airdrop_claim")
	var d IntentDetail
	if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil || rec.Code != 200 {
		t.Fatalf("get: %d %v", rec.Code, err)
	}
	if d.Builtin || len(d.AddedList) != 1 || d.Description != "Airdrops" {
		t.Errorf("detail %+v", d)
	}
	for _, c := range []struct {
		name   string
		rec    *httptest.ResponseRecorder
		status int
	}{
		{"get unknown", serve(h.HandleGetIntent, "GET", "/", "", "name", "nope"), 404},
		{"phrase for unknown", serve(h.HandleAddPhrase, "POST", "/", `{"lang": "en", "text": "x y"}`, "name", "nope"), 404},
		{"remove built-in", serve(h.HandleRemoveIntent, "DELETE", "/", "", "name", IntentFees), 409},
		{"remove bad id", serve(h.HandleRemovePhrase, "DELETE", "/", "", "id", "abc"), 404},
		{"remove phrase", serve(h.HandleRemovePhrase, "DELETE", "/", "", "id", "1"), 204},
		{"remove intent", serve(h.HandleRemoveIntent, "DELETE", "/", "", "name", "airdrop_claim"), 204},
	} {
		if c.rec.Code != c.status {
			t.Errorf("%s: %d, want %d: %s", c.name, c.rec.Code, c.status, c.rec.Body)
		}
	}
	rec = serve(h.HandleListIntents, "GET", "/", "")
	var list struct{ Intents []IntentInfo }
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Intents) != len(DefaultIntents) {
		t.Errorf("%d intents listed, want the %d built-in ones", len(list.Intents), len(DefaultIntents))
	}
}
