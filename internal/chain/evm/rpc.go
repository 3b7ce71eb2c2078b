package evm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// maxResponse bounds one answer; a batch of full blocks stays well under it.
const maxResponse = 64 << 20

const codeMethodNotFound = -32601

// rpcError is an error object returned by the node.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("RPC error %d: %s", e.Code, e.Message) }

type rpcRequest struct {
	JSONRPC string `json:"jsonrpc"`
	ID      uint64 `json:"id"`
	Method  string `json:"method"`
	Params  []any  `json:"params"`
}

type rpcResponse struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
}

// rpc speaks Ethereum JSON-RPC 2.0 over HTTP POST.
type rpc struct {
	url     string
	timeout time.Duration
	http    *http.Client
	node    string // how messages name the node: "the Ethereum node at 127.0.0.1:8545"
	nextID  atomic.Uint64
}

// call is one request in a batch.
type call struct {
	method string
	params []any
	out    any   // decoded result; JSON null leaves it untouched
	err    error // an error object from the node, for this call alone
}

// call runs one method and decodes its result into out. Failing to get an
// answer is errs.Unavailable naming the node; an error object from the node
// comes back as *rpcError for the caller to classify.
func (r *rpc) call(ctx context.Context, method string, out any, params ...any) error {
	c := call{method: method, params: params, out: out}
	if err := r.batch(ctx, []*call{&c}); err != nil {
		return err
	}
	return c.err
}

// batch sends calls in one JSON-RPC batch (a single call goes alone) and
// fills each one's out or err. The returned error is for the exchange as a
// whole.
func (r *rpc) batch(ctx context.Context, calls []*call) error {
	if len(calls) == 0 {
		return nil
	}
	reqs := make([]rpcRequest, len(calls))
	for i, c := range calls {
		params := c.params
		if params == nil {
			params = []any{}
		}
		reqs[i] = rpcRequest{JSONRPC: "2.0", ID: r.nextID.Add(1), Method: c.method, Params: params}
	}
	var payload any = reqs
	if len(reqs) == 1 {
		payload = reqs[0]
	}
	method := calls[0].method
	body, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("evm %s: encode request: %w", method, err)
	}
	raw, err := r.post(ctx, method, body)
	if err != nil {
		return err
	}
	resps, isBatch, err := decodeResponses(raw)
	if err != nil {
		return &errs.Error{Kind: errs.Unavailable, Err: err, Msg: fmt.Sprintf("%s gave an unreadable answer to %s", r.node, method)}
	}
	if len(reqs) > 1 && !isBatch {
		// A server that does not take batches answers with one error:
		// ask again one call at a time.
		for _, c := range calls {
			if err := r.batch(ctx, []*call{c}); err != nil {
				return err
			}
		}
		return nil
	}
	byID := make(map[string]*rpcResponse, len(resps))
	for i := range resps {
		byID[string(bytes.TrimSpace(resps[i].ID))] = &resps[i]
	}
	if len(reqs) == 1 && len(resps) == 1 && resps[0].Error != nil && !bytes.Equal(bytes.TrimSpace(resps[0].ID), []byte(fmt.Sprint(reqs[0].ID))) {
		// Some servers answer an error without echoing the id.
		calls[0].err = resps[0].Error
		return nil
	}
	for i, c := range calls {
		resp, ok := byID[fmt.Sprint(reqs[i].ID)]
		if !ok {
			return &errs.Error{Kind: errs.Unavailable, Msg: fmt.Sprintf("%s left %s unanswered in a batch", r.node, c.method)}
		}
		if resp.Error != nil {
			c.err = resp.Error
			continue
		}
		if c.out == nil || len(resp.Result) == 0 || string(resp.Result) == "null" {
			continue
		}
		if err := json.Unmarshal(resp.Result, c.out); err != nil {
			return &errs.Error{Kind: errs.Unavailable, Err: err, Msg: fmt.Sprintf("%s gave an unexpected answer to %s", r.node, c.method)}
		}
	}
	return nil
}

// post sends one HTTP request within the per-call timeout and returns the body.
func (r *rpc) post(ctx context.Context, method string, body []byte) ([]byte, error) {
	callCtx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(callCtx, http.MethodPost, r.url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("evm %s: build request: %w", method, err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := r.http.Do(req)
	if err != nil {
		return nil, r.transportError(ctx, method, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		return nil, r.transportError(ctx, method, err)
	}
	switch {
	case len(raw) > maxResponse:
		return nil, &errs.Error{Kind: errs.Unavailable, Msg: fmt.Sprintf("%s sent more than %d MiB for %s", r.node, maxResponse>>20, method)}
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, &errs.Error{Kind: errs.Unavailable, Msg: fmt.Sprintf("%s rejected our credentials (HTTP %d)", r.node, resp.StatusCode)}
	case resp.StatusCode == http.StatusTooManyRequests:
		return nil, &errs.Error{Kind: errs.Unavailable, Msg: fmt.Sprintf("%s is rate limiting us (HTTP 429)", r.node)}
	case resp.StatusCode >= 300 && !json.Valid(raw):
		return nil, &errs.Error{Kind: errs.Unavailable, Msg: fmt.Sprintf("%s answered %s with HTTP %d", r.node, method, resp.StatusCode)}
	}
	return raw, nil
}

// transportError turns a failed HTTP exchange into an Unavailable error,
// unless the caller's own context ended, which is the caller's business.
func (r *rpc) transportError(ctx context.Context, method string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("evm %s: %w", method, ctx.Err())
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &errs.Error{Kind: errs.Unavailable, Err: err,
			Msg: fmt.Sprintf("%s did not answer %s within %s", r.node, method, r.timeout)}
	}
	return &errs.Error{Kind: errs.Unavailable, Err: err, Msg: "can't reach " + r.node}
}

// decodeResponses reads a JSON-RPC answer: a batch (isBatch) or one
// response object.
func decodeResponses(raw []byte) (resps []rpcResponse, isBatch bool, err error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		if err := json.Unmarshal(raw, &resps); err != nil {
			return nil, true, fmt.Errorf("decode batch response: %w", err)
		}
		return resps, true, nil
	}
	var resp rpcResponse
	if err := json.Unmarshal(raw, &resp); err != nil {
		return nil, false, fmt.Errorf("decode response: %w", err)
	}
	if resp.Error == nil && len(resp.Result) == 0 {
		return nil, false, errors.New("decode response: neither result nor error")
	}
	return []rpcResponse{resp}, false, nil
}
