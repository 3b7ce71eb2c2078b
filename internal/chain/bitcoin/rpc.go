package bitcoin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// maxResponse bounds one RPC answer. A page of 100 verbose transactions from
// searchrawtransactions stays well under it.
const maxResponse = 64 << 20

// Error codes of the Bitcoin Core / btcd JSON-RPC interface that change what
// we report.
const (
	codeMisc           = -1     // btcd: "Address index must be enabled (--addrindex)"
	codeNotFound       = -5     // no such transaction, block or address information
	codeMethodNotFound = -32601 // the node does not have this call
)

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
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
}

// rpc speaks JSON-RPC 1.0 over HTTP POST, the dialect both Bitcoin Core and
// btcd accept (Core keeps its legacy status codes for "1.0" requests).
type rpc struct {
	url      string
	user     string
	password string
	timeout  time.Duration
	http     *http.Client
	node     string // how error messages name the node: "the Bitcoin node at 127.0.0.1:18556"
	nextID   atomic.Uint64
}

// call runs method with params and decodes its result into out (which may be
// nil). Every failure to get an answer is an errs.Unavailable naming the
// node; an error object from the node is returned as *rpcError for the
// caller to classify.
func (r *rpc) call(ctx context.Context, method string, out any, params ...any) error {
	if params == nil {
		params = []any{}
	}
	body, err := json.Marshal(rpcRequest{JSONRPC: "1.0", ID: r.nextID.Add(1), Method: method, Params: params})
	if err != nil {
		return fmt.Errorf("bitcoin %s: encode request: %w", method, err)
	}
	callCtx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(callCtx, http.MethodPost, r.url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("bitcoin %s: build request: %w", method, err)
	}
	req.Header.Set("Content-Type", "application/json")
	if r.user != "" || r.password != "" {
		req.SetBasicAuth(r.user, r.password)
	}
	resp, err := r.http.Do(req)
	if err != nil {
		return r.transportError(ctx, method, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		return r.transportError(ctx, method, err)
	}
	if len(raw) > maxResponse {
		return &errs.Error{Kind: errs.Unavailable, Msg: fmt.Sprintf("%s sent more than %d MiB for %s", r.node, maxResponse>>20, method)}
	}
	if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
		return &errs.Error{Kind: errs.Unavailable, Msg: fmt.Sprintf("%s rejected the RPC credentials (HTTP %d)", r.node, resp.StatusCode)}
	}
	result, err := decodeResponse(raw)
	if err != nil {
		var rpcErr *rpcError
		if errors.As(err, &rpcErr) {
			return err
		}
		// Bitcoin Core answers 404 for an unknown method with a JSON body,
		// handled above; anything else that is not JSON means the node (or
		// a proxy in front of it) is not working.
		return &errs.Error{Kind: errs.Unavailable, Err: err,
			Msg: fmt.Sprintf("%s gave an unreadable answer to %s (HTTP %d)", r.node, method, resp.StatusCode)}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(result, out); err != nil {
		return &errs.Error{Kind: errs.Unavailable, Err: err,
			Msg: fmt.Sprintf("%s gave an unexpected answer to %s", r.node, method)}
	}
	return nil
}

// transportError turns a failed HTTP exchange into an Unavailable error,
// unless the caller's own context ended, which is the caller's business.
func (r *rpc) transportError(ctx context.Context, method string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("bitcoin %s: %w", method, ctx.Err())
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &errs.Error{Kind: errs.Unavailable, Err: err,
			Msg: fmt.Sprintf("%s did not answer %s within %s", r.node, method, r.timeout)}
	}
	return &errs.Error{Kind: errs.Unavailable, Err: err, Msg: "can't reach " + r.node}
}

// decodeResponse splits a JSON-RPC answer into its result or its error.
func decodeResponse(raw []byte) (json.RawMessage, error) {
	var resp rpcResponse
	if err := json.Unmarshal(raw, &resp); err != nil {
		return nil, fmt.Errorf("decode response: %w", err)
	}
	if resp.Error != nil {
		return nil, resp.Error
	}
	if len(resp.Result) == 0 {
		return nil, errors.New("decode response: neither result nor error")
	}
	return resp.Result, nil
}

// isRPCError reports whether err is an error object from the node with the
// given code.
func isRPCError(err error, code int) bool {
	var e *rpcError
	return errors.As(err, &e) && e.Code == code
}

// isNoAddressIndex reports whether err says the node cannot search by
// address: btcd without --addrindex, or a node without the call at all
// (Bitcoin Core and its forks).
func isNoAddressIndex(err error) bool {
	var e *rpcError
	if !errors.As(err, &e) {
		return false
	}
	return e.Code == codeMethodNotFound ||
		(e.Code == codeMisc && strings.Contains(strings.ToLower(e.Message), "index must be enabled"))
}
