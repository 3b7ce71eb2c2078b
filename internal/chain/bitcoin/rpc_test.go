package bitcoin

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

	"github.com/groundcrew/groundcrew/internal/chain/jsonrpc"
	"github.com/groundcrew/groundcrew/internal/errs"
)

func TestAmountToBase(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"50", "5000000000"},
		{"50.00000000", "5000000000"},
		{"0.1", "10000000"},
		{"1.23456789", "123456789"},
		{"5e-07", "50"}, // btcd writes small float64s in exponent form
		{"1E-8", "1"},   // one satoshi
		{"2.1e+07", "2100000000000000"},
		{"20999999.99999999", "2099999999999999"},
		{"0", "0"},
		{"-0", "0"},
		{"150000000000.12345678", "15000000000012345678"}, // past int64: Dogecoin-sized
	}
	for _, tt := range tests {
		got, err := amountToBase(json.Number(tt.in))
		if err != nil || got != tt.want {
			t.Errorf("amountToBase(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "0.000000001", "-1", "1e-9", "abc", "0x10", "1/2", "1e999999999", "1.", ".5", "1e", "Inf", "NaN"} {
		if got, err := amountToBase(json.Number(bad)); err == nil {
			t.Errorf("amountToBase(%q) = %q; want an error", bad, got)
		}
	}
}

func TestNewChecksConfig(t *testing.T) {
	for _, cfg := range []Config{
		{URL: "http://127.0.0.1:8332"},                   // no network
		{Network: "zcash", URL: "http://127.0.0.1:8232"}, // unknown network without a symbol
		{Network: "bitcoin"},                             // no URL
		{Network: "bitcoin", URL: "ftp://127.0.0.1"},
	} {
		if _, err := New(cfg); !errs.Is(err, errs.Invalid) {
			t.Errorf("New(%+v) = %v; want Invalid", cfg, err)
		}
	}
	c, err := New(Config{Network: "dogecoin", URL: "u:secret@127.0.0.1:22555"})
	if err != nil {
		t.Fatal(err)
	}
	if c.symbol != "DOGE" || c.rpc.User != "u" || c.rpc.Password != "secret" || strings.Contains(c.rpc.URL, "secret") {
		t.Errorf("got symbol %q, user %q, url %q", c.symbol, c.rpc.User, c.rpc.URL)
	}
	if c.rpc.Node != "the Dogecoin node at 127.0.0.1:22555" {
		t.Errorf("node named %q", c.rpc.Node)
	}
}

// TestDeadNode: a node that cannot be reached is Unavailable and named.
// Package jsonrpc tests the timeouts and the caller's own deadline.
func TestDeadNode(t *testing.T) {
	dead := httptest.NewServer(nil)
	dead.Close()
	c, err := New(Config{Network: "litecoin", URL: dead.URL, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if c.rpc.Timeout != time.Second {
		t.Errorf("timeout %v; want the configured 1s", c.rpc.Timeout)
	}
	_, err = c.Transaction(context.Background(), strings.Repeat("0", 64))
	if !errs.Is(err, errs.Unavailable) || !strings.Contains(err.Error(), "can't reach the Litecoin node at "+dead.Listener.Addr().String()) {
		t.Errorf("closed port: %v; want Unavailable naming the node", err)
	}
}

// TestBitcoinCoreAnswers: Bitcoin Core's way of answering (errors with HTTP
// 500 or 404, verbosity-2 inputs, "address" instead of "addresses").
func TestBitcoinCoreAnswers(t *testing.T) {
	txid := strings.Repeat("a1", 32)
	answers := map[string]string{} // method → JSON answer body
	status := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Method string }
		json.NewDecoder(r.Body).Decode(&req)
		body, ok := answers[req.Method]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, `{"result":null,"error":{"code":-32601,"message":"Method not found"},"id":1}`)
			return
		}
		if s := status[req.Method]; s != 0 {
			w.WriteHeader(s)
		}
		io.WriteString(w, body)
	}))
	defer srv.Close()
	c, err := New(Config{Network: "bitcoin", URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	answers["getrawtransaction"] = `{"result":{"txid":"` + txid + `","blockhash":"00ff","confirmations":6,
		"vin":[{"txid":"` + strings.Repeat("b2", 32) + `","vout":0,"prevout":{"value":0.5,"scriptPubKey":{"address":"bc1qsender"}}},
		       {"txid":"` + strings.Repeat("c3", 32) + `","vout":3,"prevout":{"value":0.25,"scriptPubKey":{"address":"bc1qsender"}}}],
		"vout":[{"value":0.70000000,"n":0,"scriptPubKey":{"address":"bc1qpayee","type":"witness_v0_keyhash"}},
		        {"value":0.00000000,"n":1,"scriptPubKey":{"type":"nulldata"}}]},"error":null,"id":1}`
	answers["getblockheader"] = `{"result":{"height":840000,"time":1713571767,"confirmations":6},"error":null,"id":1}`
	tx, err := c.Transaction(ctx, txid)
	if err != nil {
		t.Fatal(err)
	}
	if tx.BlockHeight != 840000 || tx.Confirmations != 6 || tx.Time.Unix() != 1713571767 || len(tx.Transfers) != 1 ||
		tx.Transfers[0].Amount != "70000000" || tx.Transfers[0].From != "bc1qsender" || tx.Transfers[0].To != "bc1qpayee" {
		t.Errorf("Transaction = %+v", tx)
	}

	// searchrawtransactions is not a Bitcoin Core call.
	if _, err := c.TransfersTo(ctx, "bc1qpayee", 0); !errs.Is(err, errs.Unavailable) || !strings.Contains(err.Error(), "address index not enabled") {
		t.Errorf("TransfersTo: %v; want Unavailable \"address index not enabled\"", err)
	}

	status["getrawtransaction"] = http.StatusInternalServerError
	answers["getrawtransaction"] = `{"result":null,"error":{"code":-5,"message":"No such mempool or blockchain transaction. Use gettransaction for wallet transactions."},"id":1}`
	if _, err := c.Transaction(ctx, txid); !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown tx: %v; want NotFound", err)
	}
	answers["getrawtransaction"] = `{"result":null,"error":{"code":-5,"message":"No such mempool transaction. Use -txindex or provide a block hash to enable blockchain transaction queries. Use gettransaction for wallet transactions."},"id":1}`
	if _, err := c.Transaction(ctx, txid); !errs.Is(err, errs.Unavailable) || !strings.Contains(err.Error(), "transaction index") {
		t.Errorf("no txindex: %v; want Unavailable naming the transaction index", err)
	}
	answers["getrawtransaction"] = `{"result":null,"error":{"code":-28,"message":"Loading block index..."},"id":1}`
	if _, err := c.Transaction(ctx, txid); !errs.Is(err, errs.Unavailable) {
		t.Errorf("warming up: %v; want Unavailable", err)
	}
	status["getrawtransaction"] = http.StatusBadGateway
	answers["getrawtransaction"] = `<html>502 Bad Gateway</html>`
	if _, err := c.Transaction(ctx, txid); !errs.Is(err, errs.Unavailable) {
		t.Errorf("proxy error: %v; want Unavailable", err)
	}
}

// FuzzDecodeAnswer feeds arbitrary bytes through everything that reads a
// node's answer: none of it may panic.
func FuzzDecodeAnswer(f *testing.F) {
	f.Add([]byte(`{"result":{"txid":"ab","vin":[{"coinbase":"00"}],"vout":[{"value":50,"n":0,"scriptPubKey":{"addresses":["SZ"]}}]},"error":null,"id":1}`))
	f.Add([]byte(`{"result":{"vin":[{"prevOut":{"addresses":["a","b"],"value":1e-8}}],"vout":[{"value":"5e-07","scriptPubKey":{"address":"x"}}]},"error":null}`))
	f.Add([]byte(`{"result":null,"error":{"code":-5,"message":"No such mempool or blockchain transaction"},"id":1}`))
	f.Add([]byte(`{"result":[{"txid":"ab","blockhash":"cd","confirmations":3,"vout":[{"value":1e400}]}]}`))
	f.Add([]byte(`not json`))
	c, err := New(Config{Network: "bitcoin", URL: "http://127.0.0.1:1"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		resps, isBatch, err := jsonrpc.Decode(body)
		if err != nil || isBatch || resps[0].Error != nil { // the client makes single calls only
			return
		}
		result := resps[0].Result
		var one rawTx
		if json.Unmarshal(result, &one) == nil {
			from, _ := c.sender(context.Background(), one.Vin, false)
			transfers(one.Vout, from, "BTC", "")
		}
		var many []rawTx
		if json.Unmarshal(result, &many) == nil {
			for _, tx := range many {
				transfers(tx.Vout, "", "BTC", "x")
			}
		}
		var n json.Number
		if json.Unmarshal(result, &n) == nil {
			amountToBase(n)
		}
	})
}

// FuzzAmountToBase: any text either converts to a decimal integer string or
// is refused; it never panics.
func FuzzAmountToBase(f *testing.F) {
	for _, s := range []string{"50", "0.1", "5e-07", "1e40", "-0", "1.000000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := amountToBase(json.Number(s))
		if err != nil {
			return
		}
		for _, r := range got {
			if r < '0' || r > '9' {
				t.Fatalf("amountToBase(%q) = %q", s, got)
			}
		}
	})
}

// answerWith is an http.RoundTripper that answers every request with body.
type answerWith []byte

func (a answerWith) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(a)), Request: r}, nil
}

// FuzzClient runs the whole client against a node that answers every call
// with the same arbitrary bytes: no panic, and any transfer it reports has
// a decimal amount.
func FuzzClient(f *testing.F) {
	f.Add([]byte(`{"result":{"txid":"ab","blockhash":"cd","confirmations":2,"height":7,"time":1,"vin":[{"txid":"` + strings.Repeat("ab", 32) + `","vout":0}],"vout":[{"value":0.5,"n":0,"scriptPubKey":{"address":"x"}}]},"error":null,"id":1}`))
	f.Add([]byte(`{"result":[{"txid":"ab","blockhash":"cd","confirmations":2,"vout":[{"value":1e-8,"scriptPubKey":{"addresses":["x"]}}]}],"error":null,"id":1}`))
	f.Add([]byte(`{"result":null,"error":{"code":-5,"message":"Invalid address or key"},"id":1}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := New(Config{Network: "bitcoin", URL: "http://node.invalid", MaxAddressTxs: 300})
		if err != nil {
			t.Fatal(err)
		}
		c.rpc.HTTP = &http.Client{Transport: answerWith(body)}
		ctx := context.Background()
		checkAmount := func(amount string) {
			if _, ok := new(big.Int).SetString(amount, 10); !ok || strings.HasPrefix(amount, "-") {
				t.Fatalf("amount %q", amount)
			}
		}
		if tx, err := c.Transaction(ctx, strings.Repeat("ab", 32)); err == nil {
			for _, tr := range tx.Transfers {
				checkAmount(tr.Amount)
			}
		}
		if trs, err := c.TransfersTo(ctx, "x", 0); err == nil {
			for _, tr := range trs {
				checkAmount(tr.Transfer.Amount)
			}
		}
	})
}
