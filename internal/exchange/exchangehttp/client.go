package exchangehttp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

// DefaultTimeout bounds one request when Config.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// MaxResponseBody bounds what the client reads from the exchange.
const MaxResponseBody = 8 << 20

// Config configures a Client.
type Config struct {
	BaseURL    string        // the exchange's contract root, e.g. https://backoffice.example/groundcrew
	KeyID      string        // which key the exchange knows us by
	Secret     []byte        // at least MinSecret bytes
	Timeout    time.Duration // per request; zero means DefaultTimeout
	HTTPClient *http.Client  // nil: a client of its own
	Now        func() time.Time
}

// Client is an exchange.Exchange reached over the contract.
type Client struct {
	base    *url.URL
	keyID   string
	secret  []byte
	timeout time.Duration
	http    *http.Client
	now     func() time.Time
}

var _ exchange.Exchange = (*Client)(nil)

// NewClient checks cfg and builds a Client.
func NewClient(cfg Config) (*Client, error) {
	base, err := url.Parse(strings.TrimSuffix(cfg.BaseURL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" || base.RawQuery != "" {
		return nil, fmt.Errorf("exchangehttp: base URL %q must be an http(s) URL without a query", cfg.BaseURL)
	}
	if !validKeyID(cfg.KeyID) {
		return nil, fmt.Errorf("exchangehttp: key id %q must be 1 to %d letters, digits, '.', '_' or '-'", cfg.KeyID, MaxKeyID)
	}
	if len(cfg.Secret) < MinSecret {
		return nil, fmt.Errorf("exchangehttp: the secret is shorter than %d bytes", MinSecret)
	}
	c := &Client{base: base, keyID: cfg.KeyID, secret: bytes.Clone(cfg.Secret), timeout: cfg.Timeout, http: cfg.HTTPClient, now: cfg.Now}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.http == nil {
		c.http = &http.Client{}
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c, nil
}

// do sends one signed request and decodes the answer into out.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("exchangehttp: encode %s %s: %w", method, path, err)
		}
	}
	// path is already escaped (see userPath), so it is joined as text, not
	// set as url.URL.Path, which would escape it twice.
	target := c.base.String() + path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("exchangehttp: build %s %s: %w", method, path, err)
	}
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	Sign(req, c.keyID, c.secret, body, c.now())
	resp, err := c.http.Do(req)
	if err != nil {
		return &errs.Error{Kind: errs.Unavailable, Msg: "the exchange could not be reached", Err: err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBody+1))
	if err != nil {
		return &errs.Error{Kind: errs.Unavailable, Msg: "the exchange's answer was cut off", Err: err}
	}
	if len(data) > MaxResponseBody {
		return errs.E(errs.Internal, "the exchange's answer to %s %s is larger than %d bytes", method, path, MaxResponseBody)
	}
	return decodeResponse(resp.StatusCode, data, out)
}

// decodeResponse turns a status and body into out or an error of the
// matching kind: 404 NotFound, 409 Conflict, 400 Invalid, 429 RateLimited,
// 5xx Unavailable; anything else is our bug or the exchange's, so Internal.
func decodeResponse(status int, body []byte, out any) error {
	if status >= 200 && status < 300 {
		trimmed := bytes.TrimLeft(body, " \t\r\n")
		if len(trimmed) == 0 || trimmed[0] != '{' {
			return errs.E(errs.Internal, "the exchange answered %d without a JSON object", status)
		}
		if err := json.Unmarshal(body, out); err != nil {
			return &errs.Error{Kind: errs.Internal, Msg: "the exchange's answer does not follow the contract", Err: err}
		}
		return nil
	}
	var p problem
	_ = json.Unmarshal(body, &p) // best effort: a proxy's HTML error page is no problem body
	detail := cleanDetail(p.Detail)
	if detail == "" {
		detail = strings.ToLower(http.StatusText(status))
	}
	switch {
	case status == http.StatusNotFound && p.Code == CodeNoRoute:
		return errs.E(errs.Internal, "the exchange does not implement this part of the contract: %s", detail)
	case status == http.StatusNotFound && p.Code == CodeSharedAddress:
		return &errs.Error{Kind: errs.NotFound, Msg: detail, Err: exchange.ErrSharedAddress}
	case status == http.StatusNotFound:
		return errs.E(errs.NotFound, "%s", detail)
	case status == http.StatusConflict:
		return errs.E(errs.Conflict, "%s", detail)
	case status == http.StatusBadRequest:
		return &errs.Error{Kind: errs.Invalid, Msg: detail, Field: cleanDetail(p.Field)}
	case status == http.StatusTooManyRequests:
		return errs.E(errs.RateLimited, "the exchange is rate limiting us: %s", detail)
	case status >= 500 && status < 600:
		return errs.E(errs.Unavailable, "the exchange failed (%d): %s", status, detail)
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return errs.E(errs.Internal, "the exchange refused our credentials (%d): %s", status, detail)
	}
	return errs.E(errs.Internal, "the exchange answered %d: %s", status, detail)
}

// cleanDetail makes the exchange's text safe to show: valid UTF-8, no
// control characters, bounded.
func cleanDetail(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 500 {
		s = string(r[:500]) + "…"
	}
	return strings.TrimSpace(s)
}

// getList fetches a list envelope, refusing one without items.
func getList[T any](ctx context.Context, c *Client, path string, q url.Values) ([]T, error) {
	var env struct {
		Items *[]T `json:"items"`
	}
	if err := c.do(ctx, http.MethodGet, path, q, nil, &env); err != nil {
		return nil, err
	}
	if env.Items == nil {
		return nil, errs.E(errs.Internal, "the exchange's answer to GET %s has no items", path)
	}
	if *env.Items == nil {
		return []T{}, nil
	}
	return *env.Items, nil
}

func userPath(userID, rest string) string { return "/v1/users/" + url.PathEscape(userID) + rest }

// checkUser refuses an id the server could not route (empty, or a path).
func checkUser(userID string) error {
	return exchange.CheckText("user_id", userID, exchange.MaxID)
}

// User implements exchange.Exchange.
func (c *Client) User(ctx context.Context, userID string) (exchange.User, error) {
	var u exchange.User
	if err := checkUser(userID); err != nil {
		return u, err
	}
	err := c.do(ctx, http.MethodGet, userPath(userID, ""), nil, nil, &u)
	return u, err
}

// DepositAddresses implements exchange.Exchange.
func (c *Client) DepositAddresses(ctx context.Context, userID string) ([]exchange.DepositAddress, error) {
	if err := checkUser(userID); err != nil {
		return nil, err
	}
	return getList[exchange.DepositAddress](ctx, c, userPath(userID, "/deposit-addresses"), nil)
}

// FindDepositAddress implements exchange.Exchange.
func (c *Client) FindDepositAddress(ctx context.Context, network, address, memo string) (exchange.DepositAddress, error) {
	var a exchange.DepositAddress
	q := url.Values{"network": {network}, "address": {address}}
	if memo != "" {
		q.Set("memo", memo)
	}
	err := c.do(ctx, http.MethodGet, "/v1/deposit-addresses/lookup", q, nil, &a)
	return a, err
}

// Deposits implements exchange.Exchange.
func (c *Client) Deposits(ctx context.Context, userID string) ([]exchange.Deposit, error) {
	if err := checkUser(userID); err != nil {
		return nil, err
	}
	return getList[exchange.Deposit](ctx, c, userPath(userID, "/deposits"), nil)
}

// DepositByTxID implements exchange.Exchange.
func (c *Client) DepositByTxID(ctx context.Context, network, txid string) (exchange.Deposit, error) {
	var d exchange.Deposit
	err := c.do(ctx, http.MethodGet, "/v1/deposits/by-txid", url.Values{"network": {network}, "txid": {txid}}, nil, &d)
	return d, err
}

// Withdrawals implements exchange.Exchange.
func (c *Client) Withdrawals(ctx context.Context, userID string) ([]exchange.Withdrawal, error) {
	if err := checkUser(userID); err != nil {
		return nil, err
	}
	return getList[exchange.Withdrawal](ctx, c, userPath(userID, "/withdrawals"), nil)
}

// LoginEvents implements exchange.Exchange.
func (c *Client) LoginEvents(ctx context.Context, userID string, limit int) ([]exchange.LoginEvent, error) {
	if err := checkUser(userID); err != nil {
		return nil, err
	}
	q := url.Values{"limit": {strconv.Itoa(exchange.LoginLimit(limit))}}
	return getList[exchange.LoginEvent](ctx, c, userPath(userID, "/login-events"), q)
}

// Assets implements exchange.Exchange.
func (c *Client) Assets(ctx context.Context) ([]exchange.Asset, error) {
	return getList[exchange.Asset](ctx, c, "/v1/assets", nil)
}

// RequestTwoFactorReset implements exchange.Exchange.
func (c *Client) RequestTwoFactorReset(ctx context.Context, userID, ticketRef string) (exchange.ActionResult, error) {
	return c.action(ctx, userID, "/two-factor-reset", ticketRequest{TicketRef: ticketRef})
}

// UnlockWithdrawals implements exchange.Exchange.
func (c *Client) UnlockWithdrawals(ctx context.Context, userID, ticketRef string) (exchange.ActionResult, error) {
	return c.action(ctx, userID, "/withdrawals/unlock", ticketRequest{TicketRef: ticketRef})
}

// FreezeAccount implements exchange.Exchange.
func (c *Client) FreezeAccount(ctx context.Context, userID, reason string) (exchange.ActionResult, error) {
	return c.action(ctx, userID, "/freeze", freezeRequest{Reason: reason})
}

func (c *Client) action(ctx context.Context, userID, rest string, in any) (exchange.ActionResult, error) {
	var res exchange.ActionResult
	if err := checkUser(userID); err != nil {
		return res, err
	}
	err := c.do(ctx, http.MethodPost, userPath(userID, rest), nil, in, &res)
	return res, err
}

// CreditDeposit implements exchange.Exchange. Retrying after an
// Unavailable error is safe: the idempotency key makes it one credit.
func (c *Client) CreditDeposit(ctx context.Context, req exchange.CreditRequest) (exchange.ActionResult, error) {
	var res exchange.ActionResult
	err := c.do(ctx, http.MethodPost, "/v1/deposits/credit", nil, req, &res)
	return res, err
}

// ReturnDeposit implements exchange.Exchange; retrying is safe for the
// same reason as CreditDeposit's.
func (c *Client) ReturnDeposit(ctx context.Context, req exchange.ReturnRequest) (exchange.ActionResult, error) {
	var res exchange.ActionResult
	err := c.do(ctx, http.MethodPost, "/v1/deposits/return", nil, req, &res)
	return res, err
}
