package exchangehttp

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
)

// signed builds a request to ts signed with key and secret at when, then
// lets tamper change it after signing.
func signed(t *testing.T, ts *httptest.Server, method, target, body, key string, secret []byte, when time.Time, tamper func(*http.Request)) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	Sign(req, key, secret, []byte(body), when)
	if tamper != nil {
		tamper(req)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestSignatureRefusals(t *testing.T) {
	sb, _, ts := serve(t)
	const target = "/v1/users/" + sandbox.UserMaria + "/freeze"
	const body = `{"reason":"attacker"}`
	now := time.Now()
	other := []byte(strings.Repeat("x", MinSecret))
	for _, tc := range []struct {
		name   string
		key    string
		secret []byte
		when   time.Time
		tamper func(*http.Request)
	}{
		{"wrong secret", "groundcrew-1", other, now, nil},
		{"unknown key id", "groundcrew-2", testSecret, now, nil},
		{"stale timestamp", "groundcrew-1", testSecret, now.Add(-ReplayWindow - 2*time.Second), nil},
		{"future timestamp", "groundcrew-1", testSecret, now.Add(ReplayWindow + 2*time.Second), nil},
		{"no signature", "groundcrew-1", testSecret, now, func(r *http.Request) { r.Header.Del(HeaderSignature) }},
		{"no key id", "groundcrew-1", testSecret, now, func(r *http.Request) { r.Header.Del(HeaderKeyID) }},
		{"timestamp changed", "groundcrew-1", testSecret, now, func(r *http.Request) {
			r.Header.Set(HeaderTimestamp, strconv.FormatInt(now.Unix()+1, 10))
		}},
		{"two signatures", "groundcrew-1", testSecret, now, func(r *http.Request) { r.Header.Add(HeaderSignature, strings.Repeat("0", 64)) }},
		{"path changed", "groundcrew-1", testSecret, now, func(r *http.Request) {
			r.URL.Path = "/v1/users/" + sandbox.UserOlena + "/freeze"
		}},
		{"query added", "groundcrew-1", testSecret, now, func(r *http.Request) { r.URL.RawQuery = "x=1" }},
		{"method changed", "groundcrew-1", testSecret, now, func(r *http.Request) { r.Method = http.MethodPut }},
		{"body changed", "groundcrew-1", testSecret, now, func(r *http.Request) {
			b := `{"reason":"attackeR"}`
			r.Body, r.ContentLength = ioNop(b), int64(len(b))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := signed(t, ts, http.MethodPost, target, body, tc.key, tc.secret, tc.when, tc.tamper)
			if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
				t.Fatalf("status %d, want 401 with WWW-Authenticate", resp.StatusCode)
			}
			var p problem
			if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || p.Status != 401 || p.Detail == "" {
				t.Fatalf("problem body %+v, %v", p, err)
			}
		})
	}
	// Nothing changed: Maria is active, and the first action gets the first id.
	u, _ := sb.User(context.Background(), sandbox.UserMaria)
	if u.State != exchange.StateActive {
		t.Fatalf("a refused request froze the account: %+v", u)
	}
	res, err := sb.FreezeAccount(context.Background(), sandbox.UserMaria, "check")
	if err != nil || res.ID != "a-0001" || res.Replayed {
		t.Fatalf("first real action = %+v, %v", res, err)
	}
}

func ioNop(s string) *readCloser { return &readCloser{bytes.NewReader([]byte(s))} }

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

func TestSignedRequestsAndRotation(t *testing.T) {
	sb := sandbox.New(sandboxNow)
	second := []byte(strings.Repeat("k", 40))
	srv, err := NewServer(sb, ServerConfig{Keys: map[string][]byte{"old": testSecret, "new": second}, Log: quietLog})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for key, secret := range map[string][]byte{"old": testSecret, "new": second} {
		resp := signed(t, ts, http.MethodGet, "/v1/assets", "", key, secret, time.Now().Add(-4*time.Minute), nil)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("key %s: status %d", key, resp.StatusCode)
		}
	}
	// The contract is public; unknown paths are told apart from unknown users.
	resp, err := ts.Client().Get(ts.URL + "/v1/openapi.json")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("openapi: %v %v", resp, err)
	}
	resp = signed(t, ts, http.MethodGet, "/v2/users/u-1", "", "old", testSecret, time.Now(), nil)
	var p problem
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		t.Fatalf("unknown path: %d, problem body: %v", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusNotFound || p.Code != CodeNoRoute {
		t.Fatalf("unknown path: %d %+v", resp.StatusCode, p)
	}
	resp = signed(t, ts, http.MethodPost, "/v1/deposits/credit", `{"network":"xrp","extra":1}`, "old", testSecret, time.Now(), nil)
	p = problem{}
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		t.Fatalf("unknown field: %d, problem body: %v", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusBadRequest || p.Field != "extra" {
		t.Fatalf("unknown field: %d %+v", resp.StatusCode, p)
	}
}

func TestConfigChecks(t *testing.T) {
	sb := sandbox.New(sandboxNow)
	for name, keys := range map[string]map[string][]byte{
		"none": {}, "short secret": {"k": []byte("short")}, "bad key id": {"a b": testSecret},
	} {
		if _, err := NewServer(sb, ServerConfig{Keys: keys}); err == nil {
			t.Errorf("server with %s keys accepted", name)
		}
	}
	for name, cfg := range map[string]Config{
		"no scheme":    {BaseURL: "exchange.example", KeyID: "k", Secret: testSecret},
		"query":        {BaseURL: "https://exchange.example/?a=1", KeyID: "k", Secret: testSecret},
		"short secret": {BaseURL: "https://exchange.example", KeyID: "k", Secret: []byte("x")},
		"bad key id":   {BaseURL: "https://exchange.example", KeyID: "", Secret: testSecret},
	} {
		if _, err := NewClient(cfg); err == nil {
			t.Errorf("client with %s accepted", name)
		}
	}
}

// canned serves one fixed answer, or sleeps past the client's timeout.
func canned(t *testing.T, status int, body string, sleep time.Duration) *Client {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if sleep > 0 {
			select {
			case <-time.After(sleep):
			case <-r.Context().Done():
			}
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	c, err := NewClient(Config{BaseURL: ts.URL + "/prefix/", KeyID: "k", Secret: testSecret, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClientMapsFailures(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		status int
		body   string
		sleep  time.Duration
		kind   errs.Kind
	}{
		{"404", 404, `{"status":404,"detail":"no user"}`, 0, errs.NotFound},
		{"404 no route", 404, `{"status":404,"code":"no_route"}`, 0, errs.Internal},
		{"409", 409, `{"detail":"locked"}`, 0, errs.Conflict},
		{"400", 400, `{"detail":"bad","field":"network"}`, 0, errs.Invalid},
		{"401", 401, `{}`, 0, errs.Internal},
		{"429", 429, ``, 0, errs.RateLimited},
		{"500", 500, `<html>oops</html>`, 0, errs.Unavailable},
		{"502", 502, ``, 0, errs.Unavailable},
		{"200 not JSON", 200, `<html>`, 0, errs.Internal},
		{"200 null", 200, `null`, 0, errs.Internal},
		{"200 wrong type", 200, `{"kyc_level":"high"}`, 0, errs.Internal},
		{"timeout", 200, `{}`, 2 * time.Second, errs.Unavailable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := canned(t, tc.status, tc.body, tc.sleep).User(ctx, "u-1")
			if errs.KindOf(err) != tc.kind {
				t.Fatalf("err = %v (%s), want %s", err, errs.KindOf(err), tc.kind)
			}
		})
	}
	c := canned(t, 200, `{"items":null}`, 0)
	if _, err := c.Assets(ctx); !errs.Is(err, errs.Internal) {
		t.Errorf("null items: %v", err)
	}
	down, _ := NewClient(Config{BaseURL: "http://127.0.0.1:1", KeyID: "k", Secret: testSecret})
	if _, err := down.Assets(ctx); !errs.Is(err, errs.Unavailable) {
		t.Errorf("unreachable: %v", err)
	}
}

func TestWrongMethod(t *testing.T) {
	_, _, ts := serve(t)
	resp := signed(t, ts, http.MethodGet, "/v1/deposits/credit", "", "groundcrew-1", testSecret, time.Now(), nil)
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Fatalf("GET on a POST route: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}
