// Package jsonrpc is the JSON-RPC-over-HTTP transport the chain clients
// share (package bitcoin speaks 1.0 to Bitcoin Core and btcd, package evm
// speaks 2.0 to Ethereum nodes and providers), with the check of the node
// configuration they start from.
//
// Every failure to get an answer is an errs.Unavailable naming the node; an
// error object from the node comes back as *Error for the caller to
// classify; the caller's own context ending is the caller's business and
// comes back as a plain error.
package jsonrpc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// MaxResponse bounds one answer. A page of 100 verbose Bitcoin transactions
// or a batch of full Ethereum blocks stays well under it.
const MaxResponse = 64 << 20

// CodeMethodNotFound is the JSON-RPC error code of a call the node does not have.
const CodeMethodNotFound = -32601

// Error is an error object returned by the node.
type Error struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return fmt.Sprintf("RPC error %d: %s", e.Code, e.Message) }

// IsError reports whether err is an error object from the node with the
// given code.
func IsError(err error, code int) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

type request struct {
	JSONRPC string `json:"jsonrpc"`
	ID      uint64 `json:"id"`
	Method  string `json:"method"`
	Params  []any  `json:"params"`
}

// Response is one response object of an answer.
type Response struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *Error          `json:"error"`
}

// Client sends JSON-RPC calls over HTTP POST to one node. Set its fields
// before the first call and leave them alone after.
type Client struct {
	URL     string
	Version string // the "jsonrpc" member of each request: "1.0" or "2.0"
	// User and Password are sent with HTTP basic authentication when either
	// is set.
	User     string
	Password string
	Timeout  time.Duration // bounds each HTTP exchange; zero leaves it to the caller's context
	HTTP     *http.Client  // nil: http.DefaultClient
	// Node is how messages name the node: "the Bitcoin node at 127.0.0.1:8332".
	Node string
	// Prefix starts the errors that are not the node's (a request that
	// cannot be encoded, the caller's context ending): "bitcoin", "evm".
	Prefix string
	// Credentials is what messages call the credentials the node refuses
	// with HTTP 401 or 403. Default "our credentials".
	Credentials string
	// StatusErrors reports an answer that is not JSON by its HTTP status
	// (429 as rate limiting, a proxy's error page as "HTTP 502"), as
	// providers and gateways in front of a node answer. Without it only the
	// body counts, and the status is told in the message about a body that
	// is not a JSON-RPC answer: Bitcoin Core answers JSON-RPC 1.0 errors
	// with HTTP 404 and 500 and a JSON body.
	StatusErrors bool

	nextID atomic.Uint64
}

// Call runs method with params and decodes its result into out (which may
// be nil; a JSON null result leaves out untouched). The answer must be one
// response object; its id is not checked, since over HTTP it can only
// answer this request (and some servers do not echo the id of an error).
func (c *Client) Call(ctx context.Context, method string, out any, params ...any) error {
	resps, _, err := c.roundTrip(ctx, method, c.request(method, params), true)
	if err != nil {
		return err
	}
	if resps[0].Error != nil {
		return resps[0].Error
	}
	return c.decodeResult(method, resps[0].Result, out)
}

// BatchCall is one call in a Batch.
type BatchCall struct {
	Method string
	Params []any
	Out    any   // decoded result; a JSON null leaves it untouched
	Err    error // an error object from the node (*Error), for this call alone
}

// Batch sends calls in one JSON-RPC batch (a single call goes alone, as
// Call) and fills each one's Out or Err. The returned error is for the
// exchange as a whole. A server that does not take batches is asked again
// one call at a time.
func (c *Client) Batch(ctx context.Context, calls []*BatchCall) error {
	switch len(calls) {
	case 0:
		return nil
	case 1:
		err := c.Call(ctx, calls[0].Method, calls[0].Out, calls[0].Params...)
		if e, ok := err.(*Error); ok {
			calls[0].Err = e
			return nil
		}
		return err
	}
	reqs := make([]request, len(calls))
	for i, cl := range calls {
		reqs[i] = c.request(cl.Method, cl.Params)
	}
	resps, isBatch, err := c.roundTrip(ctx, calls[0].Method, reqs, false)
	if err != nil {
		return err
	}
	if !isBatch {
		// A server that does not take batches answers with one error:
		// ask again one call at a time.
		for _, cl := range calls {
			if err := c.Batch(ctx, []*BatchCall{cl}); err != nil {
				return err
			}
		}
		return nil
	}
	byID := make(map[string]*Response, len(resps))
	for i := range resps {
		byID[string(bytes.TrimSpace(resps[i].ID))] = &resps[i]
	}
	for i, cl := range calls {
		resp, ok := byID[strconv.FormatUint(reqs[i].ID, 10)]
		if !ok {
			return &errs.Error{Kind: errs.Unavailable, Msg: fmt.Sprintf("%s left %s unanswered in a batch", c.Node, cl.Method)}
		}
		if resp.Error != nil {
			cl.Err = resp.Error
			continue
		}
		if err := c.decodeResult(cl.Method, resp.Result, cl.Out); err != nil {
			return err
		}
	}
	return nil
}

// Refused classifies an error object from the node as errs.Internal "<node>
// refused <op>": the node works but will not do what we ask. Any other error
// (a transport failure, already an errs) is returned as it is.
func (c *Client) Refused(op string, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	return &errs.Error{Kind: errs.Internal, Err: err, Msg: fmt.Sprintf("%s refused %s", c.Node, op)}
}

// BadAnswer is the errs.Unavailable for a result of method that does not
// hold what it should.
func (c *Client) BadAnswer(method string, err error) error {
	return &errs.Error{Kind: errs.Unavailable, Err: err, Msg: fmt.Sprintf("%s gave an unexpected answer to %s", c.Node, method)}
}

func (c *Client) request(method string, params []any) request {
	if params == nil {
		params = []any{}
	}
	return request{JSONRPC: c.Version, ID: c.nextID.Add(1), Method: method, Params: params}
}

// roundTrip sends payload, one request (single) or a batch of them, and
// decodes the answer. Errors name method, the first call.
func (c *Client) roundTrip(ctx context.Context, method string, payload any, single bool) (resps []Response, isBatch bool, err error) {
	body, err := json.Marshal(payload)
	if err != nil {
		return nil, false, fmt.Errorf("%s %s: encode request: %w", c.Prefix, method, err)
	}
	raw, status, err := c.post(ctx, method, body)
	if err != nil {
		return nil, false, err
	}
	resps, isBatch, err = Decode(raw)
	if err == nil && single && isBatch {
		err = errors.New("decode response: a batch answer to a single call")
	}
	if err != nil {
		// Bitcoin Core answers 404 for an unknown method with a JSON body,
		// decoded above; anything else that is not a JSON-RPC answer means
		// the node (or a proxy in front of it) is not working.
		msg := fmt.Sprintf("%s gave an unreadable answer to %s", c.Node, method)
		if !c.StatusErrors {
			msg += fmt.Sprintf(" (HTTP %d)", status)
		}
		return nil, false, &errs.Error{Kind: errs.Unavailable, Err: err, Msg: msg}
	}
	return resps, isBatch, nil
}

func (c *Client) decodeResult(method string, result json.RawMessage, out any) error {
	if out == nil || len(result) == 0 || string(result) == "null" {
		return nil
	}
	if err := json.Unmarshal(result, out); err != nil {
		return c.BadAnswer(method, err)
	}
	return nil
}

// post sends one HTTP request within the timeout and returns the body and
// the HTTP status.
func (c *Client) post(ctx context.Context, method string, body []byte) ([]byte, int, error) {
	callCtx := ctx
	if c.Timeout > 0 {
		var cancel context.CancelFunc
		callCtx, cancel = context.WithTimeout(ctx, c.Timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(callCtx, http.MethodPost, c.URL, bytes.NewReader(body))
	if err != nil {
		return nil, 0, fmt.Errorf("%s %s: build request: %w", c.Prefix, method, err)
	}
	req.Header.Set("Content-Type", "application/json")
	if c.User != "" || c.Password != "" {
		req.SetBasicAuth(c.User, c.Password)
	}
	client := c.HTTP
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, 0, c.transportError(ctx, method, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponse+1))
	if err != nil {
		return nil, 0, c.transportError(ctx, method, err)
	}
	credentials := c.Credentials
	if credentials == "" {
		credentials = "our credentials"
	}
	switch status := resp.StatusCode; {
	case len(raw) > MaxResponse:
		return nil, 0, &errs.Error{Kind: errs.Unavailable, Msg: fmt.Sprintf("%s sent more than %d MiB for %s", c.Node, MaxResponse>>20, method)}
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return nil, 0, &errs.Error{Kind: errs.Unavailable, Msg: fmt.Sprintf("%s rejected %s (HTTP %d)", c.Node, credentials, status)}
	case c.StatusErrors && status == http.StatusTooManyRequests:
		return nil, 0, &errs.Error{Kind: errs.Unavailable, Msg: fmt.Sprintf("%s is rate limiting us (HTTP 429)", c.Node)}
	case c.StatusErrors && status >= 300 && !json.Valid(raw):
		return nil, 0, &errs.Error{Kind: errs.Unavailable, Msg: fmt.Sprintf("%s answered %s with HTTP %d", c.Node, method, status)}
	}
	return raw, resp.StatusCode, nil
}

// transportError turns a failed HTTP exchange into an Unavailable error,
// unless the caller's own context ended, which is the caller's business.
func (c *Client) transportError(ctx context.Context, method string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%s %s: %w", c.Prefix, method, ctx.Err())
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &errs.Error{Kind: errs.Unavailable, Err: err,
			Msg: fmt.Sprintf("%s did not answer %s within %s", c.Node, method, c.Timeout)}
	}
	return &errs.Error{Kind: errs.Unavailable, Err: err, Msg: "can't reach " + c.Node}
}

// Decode reads a JSON-RPC answer: a batch (isBatch), or one response
// object, which must hold a result or an error.
func Decode(raw []byte) (resps []Response, isBatch bool, err error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		if err := json.Unmarshal(raw, &resps); err != nil {
			return nil, true, fmt.Errorf("decode batch response: %w", err)
		}
		return resps, true, nil
	}
	var resp Response
	if err := json.Unmarshal(raw, &resp); err != nil {
		return nil, false, fmt.Errorf("decode response: %w", err)
	}
	if resp.Error == nil && len(resp.Result) == 0 {
		return nil, false, errors.New("decode response: neither result nor error")
	}
	return []Response{resp}, false, nil
}
