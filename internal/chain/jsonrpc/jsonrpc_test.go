package jsonrpc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// TestDeadNode: a closed port and a node that accepts and never answers are
// both Unavailable, named, and the second within the timeout; the caller's
// own deadline is not an outage.
func TestDeadNode(t *testing.T) {
	ctx := context.Background()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	c := &Client{URL: "http://" + closed, Version: "2.0", Timeout: time.Second, Node: "the Test node at " + closed, Prefix: "test"}
	err = c.Call(ctx, "ping", nil)
	if !errs.Is(err, errs.Unavailable) || !strings.Contains(err.Error(), "can't reach the Test node at "+closed) {
		t.Errorf("closed port: %v; want Unavailable naming the node", err)
	}

	// Only the client's Timeout can end this call early: the caller's own
	// deadline is a minute away and gives a different error, so a client
	// that ignored its Timeout fails here instead of passing slowly.
	hang := hangingListener(t)
	c = &Client{URL: "http://" + hang, Version: "1.0", Timeout: 200 * time.Millisecond, Node: "the Test node at " + hang, Prefix: "test"}
	caller, cancelCaller := context.WithTimeout(ctx, time.Minute)
	defer cancelCaller()
	err = c.Call(caller, "ping", nil)
	if !errs.Is(err, errs.Unavailable) || !errors.Is(err, context.DeadlineExceeded) || caller.Err() != nil ||
		!strings.Contains(err.Error(), "the Test node at "+hang+" did not answer ping within 200ms") {
		t.Errorf("hanging node: %v; want Unavailable from the client's own timeout, naming the node", err)
	}

	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	err = c.Batch(short, []*BatchCall{{Method: "a"}, {Method: "b"}})
	if err == nil || errs.Is(err, errs.Unavailable) || !strings.HasPrefix(err.Error(), "test a: ") {
		t.Errorf("caller's deadline: %v; want a plain context error", err)
	}
}

// hangingListener accepts connections and never answers them.
func hangingListener(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done); l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				io.Copy(io.Discard, conn) // read and never write
				<-done
			}()
		}
	}()
	return l.Addr().String()
}

// answering is a node that answers every request with status and body.
func answering(t *testing.T, status int, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestAnswers: what each kind of answer becomes, with the body deciding
// (as for Bitcoin Core) and with StatusErrors (as for Ethereum providers).
func TestAnswers(t *testing.T) {
	tests := []struct {
		status             int
		body               string
		bodyWant, httpWant string // error text; "" for success
	}{
		{200, `{"result":7,"error":null,"id":1}`, "", ""},
		{200, `{"jsonrpc":"2.0","id":99,"result":7}`, "", ""}, // a single call's id is not checked
		{401, `<html>no</html>`, "the Test node rejected the RPC credentials (HTTP 401)", "the Test node rejected our credentials (HTTP 401)"},
		{403, `{}`, "rejected the RPC credentials (HTTP 403)", "rejected our credentials (HTTP 403)"},
		{429, `<html>slow down</html>`, "the Test node gave an unreadable answer to m (HTTP 429)", "the Test node is rate limiting us (HTTP 429)"},
		{502, `<html>502 Bad Gateway</html>`, "the Test node gave an unreadable answer to m (HTTP 502)", "the Test node answered m with HTTP 502"},
		{500, `{"result":null,"error":{"code":-5,"message":"No such tx"},"id":1}`, "RPC error -5: No such tx", "RPC error -5: No such tx"},
		{404, `{"result":null,"error":{"code":-32601,"message":"Method not found"},"id":1}`, "RPC error -32601", "RPC error -32601"},
		{200, `not json`, "the Test node gave an unreadable answer to m (HTTP 200)", "the Test node gave an unreadable answer to m: decode response"},
		{200, `{"id":1}`, "neither result nor error", "neither result nor error"},
		{200, `[{"id":1,"result":7}]`, "a batch answer to a single call", "a batch answer to a single call"},
		{200, `{"result":"seven","id":1}`, "the Test node gave an unexpected answer to m", "the Test node gave an unexpected answer to m"},
	}
	for _, tt := range tests {
		url := answering(t, tt.status, tt.body)
		for _, statusErrors := range []bool{false, true} {
			c := &Client{URL: url, Version: "2.0", Node: "the Test node", Prefix: "test", StatusErrors: statusErrors}
			want := tt.httpWant
			if !statusErrors {
				c.Credentials = "the RPC credentials"
				want = tt.bodyWant
			}
			var n int
			err := c.Call(context.Background(), "m", &n)
			switch {
			case want == "":
				if err != nil || n != 7 {
					t.Errorf("HTTP %d %s (StatusErrors %v): %d, %v; want 7", tt.status, tt.body, statusErrors, n, err)
				}
			case err == nil || !strings.Contains(err.Error(), want):
				t.Errorf("HTTP %d %s (StatusErrors %v): %v; want %q", tt.status, tt.body, statusErrors, err, want)
			case strings.HasPrefix(want, "RPC error"):
				if _, ok := err.(*Error); !ok {
					t.Errorf("HTTP %d %s: %T; want the node's *Error", tt.status, tt.body, err)
				}
			case !errs.Is(err, errs.Unavailable):
				t.Errorf("HTTP %d %s (StatusErrors %v): %v; want Unavailable", tt.status, tt.body, statusErrors, err)
			}
		}
	}
}

// TestRequest: what goes on the wire.
func TestRequest(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		user, pass, ok := r.BasicAuth()
		got = append(got, fmt.Sprintf("%s %s %s:%s:%v %s", r.Method, r.Header.Get("Content-Type"), user, pass, ok, body))
		io.WriteString(w, `{"result":null,"error":null,"id":1}`)
	}))
	defer srv.Close()
	ctx := context.Background()
	c := &Client{URL: srv.URL, Version: "1.0", User: "u", Password: "p", Node: "n"}
	if err := c.Call(ctx, "getblockcount", nil); err != nil {
		t.Fatal(err)
	}
	c = &Client{URL: srv.URL, Version: "2.0", Node: "n"}
	if err := c.Call(ctx, "eth_getLogs", nil, map[string]any{"x": 1}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`POST application/json u:p:true {"jsonrpc":"1.0","id":1,"method":"getblockcount","params":[]}`,
		`POST application/json ::false {"jsonrpc":"2.0","id":1,"method":"eth_getLogs","params":[{"x":1}]}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBatch: answers matched by id in any order, an error for one call
// alone, null results, a missing answer, and a server without batches.
func TestBatch(t *testing.T) {
	ctx := context.Background()
	batches := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if body[0] == '[' && !batches {
			io.WriteString(w, `{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"batch requests are not supported"}}`)
			return
		}
		var reqs []struct {
			ID     uint64
			Method string
		}
		if json.Unmarshal(body, &reqs) != nil {
			var one struct {
				ID     uint64
				Method string
			}
			json.Unmarshal(body, &one)
			reqs = append(reqs, one)
		}
		var parts []string
		for i := len(reqs) - 1; i >= 0; i-- { // in reverse order
			switch req := reqs[i]; req.Method {
			case "number":
				parts = append(parts, fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"result":%d}`, req.ID, req.ID))
			case "null":
				parts = append(parts, fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"result":null}`, req.ID))
			case "refused":
				parts = append(parts, fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"error":{"code":-32000,"message":"no"}}`, req.ID))
			}
		}
		answer := strings.Join(parts, ",")
		if body[0] == '[' {
			answer = "[" + answer + "]"
		}
		io.WriteString(w, answer)
	}))
	defer srv.Close()
	c := &Client{URL: srv.URL, Version: "2.0", Node: "the Test node", Prefix: "test", StatusErrors: true}

	for _, batches = range []bool{true, false} {
		a, b, kept := 0, 0, 5
		calls := []*BatchCall{
			{Method: "number", Out: &a},
			{Method: "refused"},
			{Method: "null", Out: &kept},
			{Method: "number", Out: &b},
		}
		if err := c.Batch(ctx, calls); err != nil {
			t.Fatalf("batches %v: %v", batches, err)
		}
		if a == 0 || b != a+3 || kept != 5 || !IsError(calls[1].Err, -32000) || calls[0].Err != nil || calls[2].Err != nil {
			t.Errorf("batches %v: a %d, b %d, kept %d, errors %v %v %v", batches, a, b, kept, calls[0].Err, calls[1].Err, calls[2].Err)
		}
	}

	batches = true
	if err := c.Batch(ctx, []*BatchCall{{Method: "number"}, {Method: "unknown"}}); !errs.Is(err, errs.Unavailable) ||
		!strings.Contains(err.Error(), "the Test node left unknown unanswered in a batch") {
		t.Errorf("missing answer: %v", err)
	}
	one := &BatchCall{Method: "refused"}
	if err := c.Batch(ctx, []*BatchCall{one}); err != nil || !IsError(one.Err, -32000) {
		t.Errorf("a batch of one refused: %v, %v", err, one.Err)
	}
	if err := c.Batch(ctx, nil); err != nil {
		t.Errorf("empty batch: %v", err)
	}
}

func TestParseEndpoint(t *testing.T) {
	known := map[string]Network{"bitcoin": {"Bitcoin", "BTC"}}
	ep, err := ParseEndpoint("bitcoin", "", "u:secret@127.0.0.1:8332", known, "http://host:port")
	if err != nil || ep.Name != "Bitcoin" || ep.Symbol != "BTC" || ep.URL.Scheme != "http" || ep.Node() != "the Bitcoin node at 127.0.0.1:8332" {
		t.Errorf("ParseEndpoint = %+v, %v", ep, err)
	}
	ep, err = ParseEndpoint("zcash", "ZEC", "https://rpc.example/KEY", known, "http://host:port")
	if err != nil || ep.Node() != "the zcash node at rpc.example" {
		t.Errorf("unknown network: %+v, %v", ep, err)
	}
	for _, tc := range []struct{ network, symbol, url, field, want string }{
		{"", "", "http://127.0.0.1", "network", "network is required"},
		{"zcash", "", "http://127.0.0.1", "symbol", `symbol is required for network "zcash"`},
		{"bitcoin", "", "", "url", "the Bitcoin node's URL is required"},
		{"bitcoin", "", "ftp://127.0.0.1", "url", "the Bitcoin node's URL must be http://host:port"},
		{"bitcoin", "", "http://", "url", "the Bitcoin node's URL must be http://host:port"},
	} {
		_, err := ParseEndpoint(tc.network, tc.symbol, tc.url, known, "http://host:port")
		var e *errs.Error
		if !errs.Is(err, errs.Invalid) || !strings.Contains(err.Error(), tc.want) || !errors.As(err, &e) || e.Field != tc.field {
			t.Errorf("ParseEndpoint(%q, %q, %q) = %v; want Invalid %s: %s", tc.network, tc.symbol, tc.url, err, tc.field, tc.want)
		}
	}
}
