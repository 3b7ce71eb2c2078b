package exchangehttp

import (
	"bytes"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
)

// FuzzParseAuth: any header values parse or are refused as Unauthorized,
// never panic, and what parses is well formed.
func FuzzParseAuth(f *testing.F) {
	f.Add("groundcrew-1", "1773480600", strings.Repeat("ab", 32))
	f.Add("", "", "")
	f.Add("a b", "-1", "zz")
	f.Add("k", "0000000000001", strings.Repeat("AB", 32))
	f.Add(strings.Repeat("k", 65), "１２３", strings.Repeat("0", 63))
	f.Fuzz(func(t *testing.T, key, ts, sig string) {
		h := http.Header{}
		h.Set(HeaderKeyID, key)
		h.Set(HeaderTimestamp, ts)
		h.Set(HeaderSignature, sig)
		a, err := ParseAuth(h)
		if err != nil {
			if !errs.Is(err, errs.Unauthorized) {
				t.Fatalf("refusal of kind %s: %v", errs.KindOf(err), err)
			}
			return
		}
		if !validKeyID(a.KeyID) || len(a.Signature) != 32 || !digits(a.Timestamp, 12) || a.Unix < 0 {
			t.Fatalf("accepted %+v", a)
		}
		if !strings.EqualFold(hex.EncodeToString(a.Signature), sig) {
			t.Fatalf("signature %x from %q", a.Signature, sig)
		}
		// A parsed header verifies only with the right signature.
		now := time.Unix(a.Unix, 0)
		want := Signature(testSecret, a.Timestamp, "GET", "/v1/assets", nil)
		if err := a.Verify(testSecret, "GET", "/v1/assets", nil, now); (err == nil) != strings.EqualFold(want, sig) {
			t.Fatalf("verify = %v for signature %s, want %s", err, sig, want)
		}
	})
}

// FuzzDecodeResponse: any status and body give a value or an error of the
// kind the status calls for, with text safe to show; never a panic.
func FuzzDecodeResponse(f *testing.F) {
	f.Add(200, []byte(`{"id":"u-1","locks":[{"kind":"settings_lock","until":"2026-03-15T00:00:00Z","reason":"x"}]}`))
	f.Add(200, []byte(`null`))
	f.Add(200, []byte(`{"created_at":"yesterday"}`))
	f.Add(404, []byte(`{"detail":"no user","code":"shared_address"}`))
	f.Add(404, []byte(`{"code":"no_route"}`))
	f.Add(409, []byte("{\"detail\":\"locked\\u0000\\n\xff\"}"))
	f.Add(400, []byte(`{"detail":"bad","field":"network"}`))
	f.Add(503, []byte(`<html>`))
	f.Add(302, []byte(``))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		var u exchange.User
		err := decodeResponse(status, body, &u)
		if status >= 200 && status < 300 {
			if err != nil && !errs.Is(err, errs.Internal) {
				t.Fatalf("bad 2xx body gave %s: %v", errs.KindOf(err), err)
			}
			return
		}
		if err == nil {
			t.Fatalf("status %d decoded without error", status)
		}
		want := map[int]errs.Kind{400: errs.Invalid, 404: errs.NotFound, 409: errs.Conflict, 429: errs.RateLimited}[status]
		kind := errs.KindOf(err)
		switch {
		case status >= 500 && status < 600:
			want = errs.Unavailable
		case status == 404 && kind == errs.Internal:
			want = errs.Internal // code no_route
		}
		if kind != want {
			t.Fatalf("status %d gave %s, want %s", status, kind, want)
		}
		e, _ := errs.As(err)
		if !utf8.ValidString(e.Msg) || strings.ContainsAny(e.Msg, "\x00\n\r") || len([]rune(e.Msg)) > 700 {
			t.Fatalf("unsafe message %q", e.Msg)
		}
	})
}

// FuzzSignedActionBody: a correctly signed request with any body is
// answered with a 2xx or a 4xx problem, never a 5xx.
func FuzzSignedActionBody(f *testing.F) {
	f.Add("/v1/deposits/credit", []byte(`{"network":"xrp","txid":"`+sandbox.TxMissingTag+`","user_id":"u-1003","asset":"XRP","amount":"1","ticket_ref":"T","idempotency_key":"k"}`))
	f.Add("/v1/users/u-1001/withdrawals/unlock", []byte(`{"ticket_ref":"T-1"}`))
	f.Add("/v1/users/u-1003/freeze", []byte(`{"reason":""}`))
	f.Add("/v1/users/u-1005/two-factor-reset", []byte(`{"ticket_ref":1}`))
	f.Add("/v1/deposits/credit", []byte(`{"amount":"1e400"} x`))
	sb := sandbox.New(sandboxNow)
	srv, err := NewServer(sb, ServerConfig{Keys: map[string][]byte{"k": testSecret}, Log: quietLog})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, path string, body []byte) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \t\r\n#?%") {
			return
		}
		req, err := http.NewRequest(http.MethodPost, "http://exchange.test"+path, bytes.NewReader(body))
		if err != nil {
			return
		}
		Sign(req, "k", testSecret, body, time.Now())
		req.RequestURI = req.URL.RequestURI()
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("POST %s %q: %d %s", path, body, rec.Code, rec.Body)
		}
	})
}
