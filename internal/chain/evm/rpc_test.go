package evm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/chain/jsonrpc"
	"github.com/groundcrew/groundcrew/internal/errs"
)

func TestNewChecksConfig(t *testing.T) {
	for _, cfg := range []Config{
		{URL: "http://127.0.0.1:8545"},                    // no network
		{Network: "fantom", URL: "http://127.0.0.1:8545"}, // unknown network without a symbol
		{Network: "ethereum"},                             // no URL
		{Network: "ethereum", URL: "ws://127.0.0.1:8546"}, // not HTTP
		{Network: "ethereum", URL: "http://127.0.0.1:8545", Tokens: map[string]string{"usdt": "USDT"}},
	} {
		if _, err := New(cfg); !errs.Is(err, errs.Invalid) {
			t.Errorf("New(%+v) = %v; want Invalid", cfg, err)
		}
	}
	c, err := New(Config{Network: "polygon", URL: "https://rpc.example/v2/SECRETKEY"})
	if err != nil {
		t.Fatal(err)
	}
	if c.symbol != "POL" || c.rpc.Node != "the Polygon node at rpc.example" {
		t.Errorf("symbol %q, node %q", c.symbol, c.rpc.Node)
	}
}

func TestParseQuantity(t *testing.T) {
	for in, want := range map[string]string{"0x0": "0", "0x1bc16d674ec80000": "2000000000000000000", "0X10": "16",
		"0x" + strings.Repeat("f", 64): "115792089237316195423570985008687907853269984665640564039457584007913129639935"} {
		got, err := parseBig(in)
		if err != nil || got.String() != want {
			t.Errorf("parseBig(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "0x", "12", "0x-1", "0x+1", "0xg", "0x" + strings.Repeat("f", 65), "0x_1"} {
		if got, err := parseBig(bad); err == nil {
			t.Errorf("parseBig(%q) = %v; want an error", bad, got)
		}
	}
	if _, err := parseInt("0x8000000000000000"); err == nil {
		t.Error("parseInt accepted 2^63")
	}
}

func TestWindows(t *testing.T) {
	const top = int64(^uint64(0) >> 1) // math.MaxInt64
	tests := []struct {
		first, last, size int64
		want              string
	}{
		{0, 7, 3, "0-2 3-5 6-7"},
		{5, 5, 10, "5-5"},
		{6, 5, 10, ""},
		{top - 4, top, 2, fmt.Sprintf("%d-%d %d-%d %d-%d", top-4, top-3, top-2, top-1, top, top)},
	}
	for _, tt := range tests {
		var got []string
		for from, to := range windows(tt.first, tt.last, tt.size) {
			got = append(got, fmt.Sprintf("%d-%d", from, to))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("windows(%d, %d, %d) = %v; want %s", tt.first, tt.last, tt.size, got, tt.want)
		}
	}
}

// TestDeadNode: a node that cannot be reached is Unavailable and named.
// Package jsonrpc tests the timeouts and the caller's own deadline.
func TestDeadNode(t *testing.T) {
	dead := httptest.NewServer(nil)
	dead.Close()
	c, err := New(Config{Network: "base", URL: dead.URL, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if c.rpc.Timeout != time.Second {
		t.Errorf("timeout %v; want the configured 1s", c.rpc.Timeout)
	}
	_, err = c.Transaction(context.Background(), "0x"+strings.Repeat("0", 64))
	if !errs.Is(err, errs.Unavailable) || !strings.Contains(err.Error(), "can't reach the Base node at "+dead.Listener.Addr().String()) {
		t.Errorf("closed port: %v; want Unavailable naming the node", err)
	}
}

// TestUnhelpfulServers: proxies and providers that answer with HTTP errors,
// refuse batches, or refuse large log ranges.
func TestUnhelpfulServers(t *testing.T) {
	ctx := context.Background()
	hash := "0x" + strings.Repeat("0", 64)
	for status, want := range map[int]string{401: "credentials", 403: "credentials", 429: "rate limiting", 502: "HTTP 502"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			io.WriteString(w, "<html>no</html>")
		}))
		c, _ := New(Config{Network: "ethereum", URL: srv.URL})
		_, err := c.Transaction(ctx, hash)
		if !errs.Is(err, errs.Unavailable) || !strings.Contains(err.Error(), want) {
			t.Errorf("HTTP %d: %v; want Unavailable mentioning %q", status, err, want)
		}
		srv.Close()
	}

	// A node that takes no batches and no log range over 2 blocks.
	var logCalls []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if strings.HasPrefix(string(body), "[") {
			io.WriteString(w, `{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"batch requests are not supported"}}`)
			return
		}
		var req struct {
			ID     int
			Method string
			Params []json.RawMessage
		}
		json.Unmarshal(body, &req)
		answer := func(result string) { fmt.Fprintf(w, `{"jsonrpc":"2.0","id":%d,"result":%s}`, req.ID, result) }
		switch req.Method {
		case "eth_blockNumber":
			answer(`"0x7"`)
		case "eth_getBlockByNumber":
			var n string
			json.Unmarshal(req.Params[0], &n)
			answer(`{"number":"` + n + `","timestamp":"0x1","transactions":[]}`)
		case "eth_getLogs":
			var f struct{ FromBlock, ToBlock string }
			json.Unmarshal(req.Params[0], &f)
			logCalls = append(logCalls, f.FromBlock+"-"+f.ToBlock)
			from, _ := parseInt(f.FromBlock)
			to, _ := parseInt(f.ToBlock)
			if to-from >= 2 {
				fmt.Fprintf(w, `{"jsonrpc":"2.0","id":%d,"error":{"code":-32005,"message":"block range too large"}}`, req.ID)
				return
			}
			answer(`[]`)
		default:
			fmt.Fprintf(w, `{"jsonrpc":"2.0","id":%d,"error":{"code":-32601,"message":"no"}}`, req.ID)
		}
	}))
	defer srv.Close()
	c, err := New(Config{Network: "ethereum", URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.TransfersTo(ctx, "0x"+strings.Repeat("1", 40), 0)
	if err != nil || len(got) != 0 {
		t.Fatalf("TransfersTo = %+v, %v", got, err)
	}
	// 0-7 refused, then 0-3 refused, 0-1 ok, 2-3 ok, 4-7 refused, 4-5 ok, 6-7 ok.
	if want := "0x0-0x7 0x0-0x3 0x0-0x1 0x2-0x3 0x4-0x7 0x4-0x5 0x6-0x7"; strings.Join(logCalls, " ") != want {
		t.Errorf("eth_getLogs ranges %v; want %s", logCalls, want)
	}
}

// FuzzDecodeAnswer feeds arbitrary bytes through everything that reads a
// node's answer: none of it may panic.
func FuzzDecodeAnswer(f *testing.F) {
	f.Add([]byte(`{"jsonrpc":"2.0","id":1,"result":{"hash":"0xab","from":"0x01","to":null,"value":"0x10","blockNumber":"0x2","transactionIndex":"0x0"}}`))
	f.Add([]byte(`{"jsonrpc":"2.0","id":1,"result":{"status":"0x0","contractAddress":"0x02","logs":[{"address":"0x03","topics":["` + TransferTopic + `","0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266","0x0000000000000000000000000000000000000000000000000000000000000001"],"data":"0x0000000000000000000000000000000000000000000000000000000000003039","blockNumber":"0x3","transactionIndex":"0x0","logIndex":"0x0"}]}}`))
	f.Add([]byte(`[{"jsonrpc":"2.0","id":2,"result":{"number":"0x1","timestamp":"0x5","transactions":[{"to":"0x04","value":"0xff"}]}},{"id":3,"error":{"code":-32000,"message":"x"}}]`))
	f.Add([]byte(`{"jsonrpc":"2.0","id":1,"result":null}`))
	f.Add([]byte(`garbage`))
	c, err := New(Config{Network: "ethereum", URL: "http://127.0.0.1:1", Tokens: map[string]string{"0x" + strings.Repeat("0", 40): "Z"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		resps, _, err := jsonrpc.Decode(body)
		if err != nil {
			return
		}
		for _, r := range resps {
			var tx rpcTx
			if json.Unmarshal(r.Result, &tx) == nil {
				c.nativeTransfer(tx, tx.To)
				if tx.BlockNumber != nil && tx.TransactionIndex != nil {
					locate(tx.Hash, *tx.BlockNumber, *tx.TransactionIndex, "", chain.Transfer{})
				}
			}
			var rc receipt
			if json.Unmarshal(r.Result, &rc) == nil {
				for _, l := range rc.Logs {
					if tr, ok := c.tokenTransfer(l); ok {
						locate(l.TransactionHash, l.BlockNumber, l.TransactionIndex, l.LogIndex, tr)
					}
				}
			}
			var b block
			if json.Unmarshal(r.Result, &b) == nil {
				parseInt(b.Timestamp)
				for _, tx := range b.Transactions {
					c.nativeTransfer(tx, nil)
				}
			}
			var q string
			if json.Unmarshal(r.Result, &q) == nil {
				parseBig(q)
				parseData(q)
			}
		}
	})
}

// answerWith is an http.RoundTripper that answers every call in a request
// with result as its result when result is JSON, or with result itself
// as the whole body when it is not.
type answerWith []byte

func (a answerWith) RoundTrip(r *http.Request) (*http.Response, error) {
	body := []byte(a)
	if json.Valid(a) {
		reqBody, _ := io.ReadAll(r.Body)
		var reqs []struct{ ID uint64 }
		batch := json.Unmarshal(reqBody, &reqs) == nil
		if !batch {
			var one struct{ ID uint64 }
			json.Unmarshal(reqBody, &one)
			reqs = append(reqs, one)
		}
		var parts []string
		for _, req := range reqs {
			parts = append(parts, fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"result":%s}`, req.ID, a))
		}
		body = []byte(strings.Join(parts, ","))
		if batch {
			body = []byte("[" + string(body) + "]")
		}
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
}

// FuzzClient runs the whole client against a node that gives the same
// arbitrary result to every call: no panic, and any transfer it reports has
// a decimal amount.
func FuzzClient(f *testing.F) {
	f.Add([]byte(`{"hash":"0xab","from":"0x01","to":"0x1111111111111111111111111111111111111111","value":"0x10","blockNumber":"0x2","transactionIndex":"0x0","timestamp":"0x5","status":"0x1","logs":[]}`))
	f.Add([]byte(`"0x3"`))
	f.Add([]byte(`[{"address":"0x03","topics":["` + TransferTopic + `","0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266","0x0000000000000000000000001111111111111111111111111111111111111111"],"data":"0x0000000000000000000000000000000000000000000000000000000000003039","blockNumber":"0x3","transactionIndex":"0x0","logIndex":"0x0"}]`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, result []byte) {
		c, err := New(Config{Network: "ethereum", URL: "http://node.invalid", MaxScanBlocks: 50, LogRange: 10})
		if err != nil {
			t.Fatal(err)
		}
		c.rpc.HTTP = &http.Client{Transport: answerWith(result)}
		ctx := context.Background()
		checkAmount := func(amount string) {
			if _, ok := new(big.Int).SetString(amount, 10); !ok || strings.HasPrefix(amount, "-") {
				t.Fatalf("amount %q", amount)
			}
		}
		if tx, err := c.Transaction(ctx, "0x"+strings.Repeat("ab", 32)); err == nil {
			for _, tr := range tx.Transfers {
				checkAmount(tr.Amount)
			}
		}
		if trs, err := c.TransfersTo(ctx, "0x"+strings.Repeat("11", 20), 0); err == nil {
			for _, tr := range trs {
				checkAmount(tr.Transfer.Amount)
			}
		}
	})
}
