// Package bitcoin looks transactions up on Bitcoin and the chains that share
// its node interface (Litecoin, Dogecoin, Bitcoin Cash) through the JSON-RPC
// API of Bitcoin Core or btcd.
//
// What the node must have:
//
//   - Transaction needs a transaction index for confirmed transactions
//     (Bitcoin Core and its forks: -txindex; btcd: --txindex). Without it only
//     mempool transactions are found, and the client says so.
//   - TransfersTo needs an address index, which only btcd has (--addrindex,
//     with --txindex), through its searchrawtransactions call. Bitcoin Core and
//     its forks have none: there TransfersTo returns errs.Unavailable
//     "address index not enabled"; put an indexer (Electrum server, Esplora)
//     behind another chain.Client for that.
//
// btcd serves RPC over TLS by default with a self-signed certificate: use an
// https URL and Config.TLS with that certificate in RootCAs, or run btcd with
// --notls on a loopback address.
package bitcoin

import (
	"context"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/chain/jsonrpc"
	"github.com/groundcrew/groundcrew/internal/errs"
)

// Defaults for Config fields left zero.
const (
	DefaultTimeout       = 10 * time.Second
	DefaultMaxAddressTxs = 10_000
)

// searchPage is how many transactions one searchrawtransactions call returns.
const searchPage = 100

// maxPrevLookups bounds the extra calls Transaction makes to learn who paid:
// inputs spending more distinct earlier transactions than this leave From empty.
const maxPrevLookups = 8

// Config configures a Client.
type Config struct {
	// Network is the network id the client reports: "bitcoin", "litecoin",
	// "dogecoin", "bitcoin-cash", or another chain with the same interface.
	Network string
	// Symbol is the native asset's symbol. Defaults for the four networks
	// above: BTC, LTC, DOGE, BCH; required for any other network.
	Symbol string
	// URL of the node's RPC endpoint, e.g. "http://127.0.0.1:8332". A URL
	// without a scheme is taken as http. User and password may be given in
	// the URL or below.
	URL      string
	User     string
	Password string
	// TLS configures https URLs (for btcd's self-signed certificate, put it in
	// RootCAs). Nil uses the system's roots.
	TLS *tls.Config
	// Timeout bounds each RPC call. Default DefaultTimeout.
	Timeout time.Duration
	// MaxAddressTxs bounds how many transactions TransfersTo reads for one
	// address before it gives up with errs.TooLarge. Default DefaultMaxAddressTxs.
	MaxAddressTxs int
}

// Client is a chain.Client for one Bitcoin-family node.
type Client struct {
	network string
	symbol  string
	maxTxs  int
	rpc     *jsonrpc.Client
}

var _ chain.Client = (*Client)(nil)

// knownNetworks maps network ids to the name used in messages and the
// native symbol.
var knownNetworks = map[string]jsonrpc.Network{
	"bitcoin":      {Name: "Bitcoin", Symbol: "BTC"},
	"litecoin":     {Name: "Litecoin", Symbol: "LTC"},
	"dogecoin":     {Name: "Dogecoin", Symbol: "DOGE"},
	"bitcoin-cash": {Name: "Bitcoin Cash", Symbol: "BCH"},
}

// New checks cfg and builds a Client. It does not contact the node.
func New(cfg Config) (*Client, error) {
	ep, err := jsonrpc.ParseEndpoint(cfg.Network, cfg.Symbol, cfg.URL, knownNetworks, "http://host:port or https://host:port")
	if err != nil {
		return nil, err
	}
	u := ep.URL
	user, password := cfg.User, cfg.Password
	if u.User != nil {
		if user == "" {
			user = u.User.Username()
		}
		if p, ok := u.User.Password(); ok && password == "" {
			password = p
		}
		u.User = nil
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	maxTxs := cfg.MaxAddressTxs
	if maxTxs <= 0 {
		maxTxs = DefaultMaxAddressTxs
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.TLSClientConfig = cfg.TLS
	return &Client{
		network: cfg.Network,
		symbol:  ep.Symbol,
		maxTxs:  maxTxs,
		// JSON-RPC 1.0, the dialect both Bitcoin Core and btcd accept. Core
		// keeps its legacy HTTP status codes for "1.0" requests, so the
		// body decides, not the status.
		rpc: &jsonrpc.Client{
			URL:         u.String(),
			Version:     "1.0",
			User:        user,
			Password:    password,
			Timeout:     timeout,
			HTTP:        &http.Client{Transport: transport},
			Node:        ep.Node(),
			Prefix:      "bitcoin",
			Credentials: "the RPC credentials",
		},
	}, nil
}

// Network returns the configured network id.
func (c *Client) Network() string { return c.network }

// Transaction looks txid up. BlockHeight and Confirmations are 0 while it is
// in the mempool. Transfers lists the outputs that pay an address, in output
// order (change included); From is the single address all inputs spend from,
// and empty when inputs come from several addresses, for coinbase
// transactions, or when that would take more than a few extra calls.
func (c *Client) Transaction(ctx context.Context, txid string) (chain.Tx, error) {
	id, err := parseTxID(txid)
	if err != nil {
		return chain.Tx{}, err
	}
	var tx rawTx
	// Verbosity 2 makes Bitcoin Core (23+) include each input's previous
	// output; btcd and older nodes read it as plain verbose.
	if err := c.rpc.Call(ctx, "getrawtransaction", &tx, id, 2); err != nil {
		return chain.Tx{}, c.lookupError(err, "transaction", id)
	}
	out := chain.Tx{Network: c.network, TxID: id}
	if tx.BlockHash != "" {
		var h blockHeader
		if err := c.rpc.Call(ctx, "getblockheader", &h, tx.BlockHash, true); err != nil {
			return chain.Tx{}, c.lookupError(err, "block", tx.BlockHash)
		}
		out.BlockHeight = h.Height
		out.Time = time.Unix(h.Time, 0).UTC()
		out.Confirmations = tx.Confirmations
		if out.Confirmations <= 0 {
			out.Confirmations = h.Confirmations
		}
	} else {
		out.Time = c.firstSeen(ctx, id)
	}
	from, err := c.sender(ctx, tx.Vin, true)
	if err != nil {
		return chain.Tx{}, err
	}
	out.Transfers, err = transfers(tx.Vout, from, c.symbol, "")
	if err != nil {
		return chain.Tx{}, c.badAnswer("getrawtransaction", err)
	}
	return out, nil
}

// TransfersTo lists the outputs paying address in blocks from fromBlock to
// the tip, oldest first. Mempool transactions are left out. It needs btcd's
// address index (see the package comment) and returns errs.Unavailable
// "address index not enabled" without it.
func (c *Client) TransfersTo(ctx context.Context, address string, fromBlock int64) ([]chain.TxTransfer, error) {
	address = strings.TrimSpace(address)
	if address == "" {
		return nil, errs.Field("address", "address is required")
	}
	if fromBlock < 0 {
		return nil, errs.Field("from_block", "from_block must not be negative")
	}
	heights := map[string]int64{} // block hash → height
	var found []rawTx             // newest first, as the index returns them
	seen := map[string]bool{}
	scanned := 0
	for skip := 0; ; skip += searchPage {
		var page []rawTx
		// address, verbose, skip, count, vinextra (previous outputs), reverse (newest first)
		err := c.rpc.Call(ctx, "searchrawtransactions", &page, address, 1, skip, searchPage, 1, true)
		if err != nil {
			var e *jsonrpc.Error
			switch {
			case isNoAddressIndex(err):
				return nil, &errs.Error{Kind: errs.Unavailable, Err: err,
					Msg: fmt.Sprintf("address index not enabled on %s (btcd needs --addrindex; Bitcoin Core needs an external indexer)", c.rpc.Node)}
			case errors.As(err, &e) && e.Code == codeNotFound && strings.HasPrefix(e.Message, "Invalid address"):
				return nil, errs.Field("address", "%q is not a %s address", address, c.network)
			case jsonrpc.IsError(err, codeNotFound): // "No information available about address"
				page = nil
			default:
				return nil, c.fail("searchrawtransactions", err)
			}
		}
		done := len(page) < searchPage
		for _, tx := range page {
			scanned++
			if tx.BlockHash == "" || seen[tx.TxID] {
				continue
			}
			h, ok := heights[tx.BlockHash]
			if !ok {
				var hdr blockHeader
				if err := c.rpc.Call(ctx, "getblockheader", &hdr, tx.BlockHash, true); err != nil {
					return nil, c.lookupError(err, "block", tx.BlockHash)
				}
				h = hdr.Height
				heights[tx.BlockHash] = h
			}
			if h < fromBlock {
				done = true
				break
			}
			seen[tx.TxID] = true
			found = append(found, tx)
		}
		if done {
			break
		}
		if scanned >= c.maxTxs {
			return nil, errs.E(errs.TooLarge, "%s has more than %d transactions on %s since block %d: ask from a later block",
				address, c.maxTxs, c.network, fromBlock)
		}
	}
	var out []chain.TxTransfer
	for i := len(found) - 1; i >= 0; i-- {
		tx := found[i]
		from, err := c.sender(ctx, tx.Vin, false)
		if err != nil {
			return nil, err
		}
		ts, err := transfers(tx.Vout, from, c.symbol, address)
		if err != nil {
			return nil, c.badAnswer("searchrawtransactions", err)
		}
		for _, t := range ts {
			out = append(out, chain.TxTransfer{
				TxID:          tx.TxID,
				BlockHeight:   heights[tx.BlockHash],
				Confirmations: tx.Confirmations,
				Transfer:      t,
			})
		}
	}
	return out, nil
}

// firstSeen asks the node when a mempool transaction arrived. Bitcoin Core
// knows (getmempoolentry); btcd does not implement the call. It is a nicety:
// any failure gives the zero time.
func (c *Client) firstSeen(ctx context.Context, txid string) time.Time {
	var entry struct {
		Time int64 `json:"time"`
	}
	if err := c.rpc.Call(ctx, "getmempoolentry", &entry, txid); err != nil || entry.Time <= 0 {
		return time.Time{}
	}
	return time.Unix(entry.Time, 0).UTC()
}

// sender returns the one address all of vin spends from, or "" when there
// are several, none (coinbase), or they are unknown. Inputs come with their
// previous outputs from Bitcoin Core's verbosity 2 and btcd's vinextra; for
// the others, when lookup is set, it fetches up to maxPrevLookups earlier
// transactions.
func (c *Client) sender(ctx context.Context, vin []rawVin, lookup bool) (string, error) {
	addrs := map[string]bool{}
	var missing []rawVin
	for _, in := range vin {
		switch {
		case in.Coinbase != "":
			continue
		case in.PrevOut != nil:
			a := in.PrevOut.address()
			if a == "" {
				return "", nil
			}
			addrs[a] = true
		default:
			missing = append(missing, in)
		}
	}
	if len(missing) > 0 {
		if !lookup {
			return "", nil
		}
		prev := map[string]*rawTx{}
		for _, in := range missing {
			prev[in.TxID] = nil
		}
		if len(prev) > maxPrevLookups {
			return "", nil
		}
		for id := range prev {
			if _, err := parseTxID(id); err != nil {
				return "", nil
			}
			var tx rawTx
			if err := c.rpc.Call(ctx, "getrawtransaction", &tx, id, 1); err != nil {
				if errs.Is(err, errs.Unavailable) || ctx.Err() != nil {
					return "", err
				}
				return "", nil // pruned, no index, or odd: the sender stays unknown
			}
			prev[id] = &tx
		}
		for _, in := range missing {
			tx := prev[in.TxID]
			if int(in.Vout) >= len(tx.Vout) {
				return "", nil
			}
			a := tx.Vout[in.Vout].ScriptPubKey.address()
			if a == "" {
				return "", nil
			}
			addrs[a] = true
		}
	}
	if len(addrs) != 1 {
		return "", nil
	}
	for a := range addrs {
		return a, nil
	}
	return "", nil
}

// transfers turns outputs into transfers of the native asset, keeping only
// those paying to (all outputs with an address when to is empty). Outputs
// without a single address (OP_RETURN data, bare multisig) are skipped.
func transfers(vout []rawVout, from, symbol, to string) ([]chain.Transfer, error) {
	var out []chain.Transfer
	for _, o := range vout {
		a := o.ScriptPubKey.address()
		if a == "" || (to != "" && !sameAddress(a, to)) {
			continue
		}
		amount, err := amountToBase(o.Value)
		if err != nil {
			return nil, fmt.Errorf("output %d: %w", o.N, err)
		}
		out = append(out, chain.Transfer{Asset: symbol, From: from, To: a, Amount: amount})
	}
	return out, nil
}

// sameAddress compares addresses. Base58 addresses are case-sensitive;
// bech32 and cashaddr ones are written in one case, either one.
func sameAddress(a, b string) bool {
	if a == b {
		return true
	}
	oneCase := func(s string) bool { return s == strings.ToLower(s) || s == strings.ToUpper(s) }
	return oneCase(a) && oneCase(b) && strings.EqualFold(a, b)
}

// parseTxID checks that txid is 64 hex digits and returns it in lower case.
func parseTxID(txid string) (string, error) {
	id := strings.ToLower(strings.TrimSpace(txid))
	if len(id) != 64 {
		return "", errs.Field("txid", "a transaction id is 64 hex digits")
	}
	if _, err := hex.DecodeString(id); err != nil {
		return "", errs.Field("txid", "a transaction id is 64 hex digits")
	}
	return id, nil
}

// lookupError classifies the failure to fetch one transaction or block.
func (c *Client) lookupError(err error, what, id string) error {
	var e *jsonrpc.Error
	if errors.As(err, &e) && e.Code == codeNotFound {
		// Bitcoin Core without -txindex: "No such mempool transaction. Use
		// -txindex or provide a block hash to enable blockchain transaction
		// queries."
		if strings.Contains(e.Message, "txindex") {
			return &errs.Error{Kind: errs.Unavailable, Err: err,
				Msg: fmt.Sprintf("transaction index not enabled on %s: only mempool transactions can be looked up", c.rpc.Node)}
		}
		return &errs.Error{Kind: errs.NotFound, Err: err, Msg: fmt.Sprintf("no %s %s on %s", what, id, c.network)}
	}
	return c.fail("look up "+what, err)
}

// fail classifies an error that is neither "not found" nor a transport
// failure (those are errs already).
func (c *Client) fail(op string, err error) error {
	var e *jsonrpc.Error
	if !errors.As(err, &e) {
		return err
	}
	if e.Code == codeInWarmup {
		return &errs.Error{Kind: errs.Unavailable, Err: err, Msg: fmt.Sprintf("%s is starting up", c.rpc.Node)}
	}
	return c.rpc.Refused(op, err)
}

func (c *Client) badAnswer(method string, err error) error { return c.rpc.BadAnswer(method, err) }
