// Package evm looks transactions up on Ethereum and the chains that share its
// JSON-RPC interface (BNB Smart Chain, Polygon, Arbitrum, Optimism, Base,
// Avalanche C-Chain), over the JSON-RPC transport of package jsonrpc.
//
// A transaction's transfers are its native value (from the transaction
// itself) and the ERC-20 Transfer(address,address,uint256) events in its
// receipt. Value moved by contracts internally (a contract sending ether
// with CALL) leaves no log and is not seen: that needs a tracing node.
//
// TransfersTo finds token transfers with eth_getLogs filtered on the
// recipient topic, in windows of Config.LogRange blocks (halved on the fly
// when a provider refuses a window as too large), over at most
// Config.MaxLogBlocks blocks. Native transfers have no
// index, so it reads every block from fromBlock to the tip, which is bounded
// by Config.MaxScanBlocks: a longer range is refused with errs.TooLarge
// rather than answered in part. Set MaxScanBlocks negative to list token
// transfers only.
//
// Addresses are reported in lower case.
package evm

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"math/big"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/chain/jsonrpc"
	"github.com/groundcrew/groundcrew/internal/errs"
)

// TransferTopic is keccak256("Transfer(address,address,uint256)"), the first
// topic of an ERC-20 Transfer event.
const TransferTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"

// Defaults for Config fields left zero.
const (
	DefaultTimeout       = 10 * time.Second
	DefaultLogRange      = 2_000
	DefaultMaxScanBlocks = 1_000
	DefaultMaxLogBlocks  = 1_000_000
)

// blockBatch is how many blocks one JSON-RPC batch asks for when scanning.
const blockBatch = 20

// Config configures a Client.
type Config struct {
	// Network is the network id the client reports: "ethereum", "bsc",
	// "polygon", "arbitrum", "optimism", "base", "avalanche-c", or another
	// EVM chain.
	Network string
	// Symbol is the native asset's symbol. Defaults for the networks above:
	// ETH, BNB, POL, ETH, ETH, ETH, AVAX; required for any other network.
	Symbol string
	// ChainID, when set, is checked against the node's eth_chainId before
	// the first lookup, so a client configured for one network never
	// reports another's transactions. Zero skips the check.
	ChainID uint64
	// URL of the node's JSON-RPC endpoint (http or https; an API key may sit
	// in the path). A URL without a scheme is taken as http.
	URL string
	// Timeout bounds each RPC call. Default DefaultTimeout.
	Timeout time.Duration
	// Tokens maps token contract addresses (any case) to their symbols.
	// Transfers of other tokens have an empty Asset and their Contract set.
	Tokens map[string]string
	// LogRange is the number of blocks one eth_getLogs call covers. Default
	// DefaultLogRange.
	LogRange int64
	// MaxScanBlocks bounds the blocks TransfersTo reads for native
	// transfers; negative turns the native scan off. Default DefaultMaxScanBlocks.
	MaxScanBlocks int64
	// MaxLogBlocks bounds the blocks TransfersTo searches with eth_getLogs.
	// Default DefaultMaxLogBlocks.
	MaxLogBlocks int64
}

// Client is a chain.Client for one EVM node.
type Client struct {
	network  string
	symbol   string
	chainID  uint64
	tokens   map[string]string // lower-case contract → symbol
	logRange int64
	maxScan  int64
	maxLogs  int64
	rpc      *jsonrpc.Client

	mu           sync.Mutex
	chainChecked bool
}

var _ chain.Client = (*Client)(nil)

// knownNetworks maps network ids to the name used in messages and the
// native symbol.
var knownNetworks = map[string]jsonrpc.Network{
	"ethereum":    {Name: "Ethereum", Symbol: "ETH"},
	"bsc":         {Name: "BNB Smart Chain", Symbol: "BNB"},
	"polygon":     {Name: "Polygon", Symbol: "POL"},
	"arbitrum":    {Name: "Arbitrum", Symbol: "ETH"},
	"optimism":    {Name: "Optimism", Symbol: "ETH"},
	"base":        {Name: "Base", Symbol: "ETH"},
	"avalanche-c": {Name: "Avalanche C-Chain", Symbol: "AVAX"},
}

// New checks cfg and builds a Client. It does not contact the node.
func New(cfg Config) (*Client, error) {
	ep, err := jsonrpc.ParseEndpoint(cfg.Network, cfg.Symbol, cfg.URL, knownNetworks, "http(s)://host:port/…")
	if err != nil {
		return nil, err
	}
	tokens := make(map[string]string, len(cfg.Tokens))
	for contract, sym := range cfg.Tokens {
		a := strings.ToLower(strings.TrimSpace(contract))
		if !isHex(a, 40) {
			return nil, errs.Field("tokens", "token contract %q is not a 0x address", contract)
		}
		tokens[a] = sym
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	logRange := cfg.LogRange
	if logRange <= 0 {
		logRange = DefaultLogRange
	}
	maxScan := cfg.MaxScanBlocks
	if maxScan == 0 {
		maxScan = DefaultMaxScanBlocks
	}
	maxLogs := cfg.MaxLogBlocks
	if maxLogs <= 0 {
		maxLogs = DefaultMaxLogBlocks
	}
	return &Client{
		network:  cfg.Network,
		symbol:   ep.Symbol,
		chainID:  cfg.ChainID,
		tokens:   tokens,
		logRange: logRange,
		maxScan:  maxScan,
		maxLogs:  maxLogs,
		rpc:      newRPC(ep.URL.String(), ep.Node(), timeout), // Node names the host only: a path may hold an API key
	}, nil
}

// Network returns the configured network id.
func (c *Client) Network() string { return c.network }

// Transaction looks a transaction hash up. Pending transactions have
// BlockHeight and Confirmations 0 and only their native transfer. Failed is
// set for a reverted transaction (receipt status 0x0); its Transfers still
// show the native value it tried to send, and no token transfers, since a
// reverted transaction keeps no logs.
func (c *Client) Transaction(ctx context.Context, txid string) (chain.Tx, error) {
	hash := strings.ToLower(strings.TrimSpace(txid))
	if !isHex(hash, 64) {
		return chain.Tx{}, errs.Field("txid", "a transaction hash is 0x and 64 hex digits")
	}
	if err := c.checkChain(ctx); err != nil {
		return chain.Tx{}, err
	}
	var tx *rpcTx
	if err := c.rpc.Call(ctx, "eth_getTransactionByHash", &tx, hash); err != nil {
		return chain.Tx{}, c.fail("eth_getTransactionByHash", err)
	}
	if tx == nil {
		return chain.Tx{}, errs.E(errs.NotFound, "no transaction %s on %s", hash, c.network)
	}
	out := chain.Tx{Network: c.network, TxID: hash}
	var rc *receipt
	if tx.BlockNumber == nil {
		// Pending, or just mined: some nodes (anvil) briefly have the
		// receipt before the transaction shows its block.
		if err := c.rpc.Call(ctx, "eth_getTransactionReceipt", &rc, hash); err != nil {
			return chain.Tx{}, c.fail("eth_getTransactionReceipt", err)
		}
		if rc == nil || rc.BlockNumber == "" {
			native, err := c.nativeTransfer(*tx, nil)
			if err != nil {
				return chain.Tx{}, c.badAnswer("eth_getTransactionByHash", err)
			}
			out.Transfers = native
			return out, nil
		}
		tx.BlockNumber = &rc.BlockNumber
	}
	height, err := parseInt(*tx.BlockNumber)
	if err != nil {
		return chain.Tx{}, c.badAnswer("eth_getTransactionByHash", err)
	}
	var (
		tip  string
		head *struct {
			Timestamp string `json:"timestamp"`
		}
	)
	calls := []*jsonrpc.BatchCall{
		{Method: "eth_blockNumber", Out: &tip},
		{Method: "eth_getBlockByNumber", Params: []any{quantity(height), false}, Out: &head},
	}
	if rc == nil {
		calls = append(calls, &jsonrpc.BatchCall{Method: "eth_getTransactionReceipt", Params: []any{hash}, Out: &rc})
	}
	if err := c.rpc.Batch(ctx, calls); err != nil {
		return chain.Tx{}, err
	}
	for _, cl := range calls {
		if cl.Err != nil {
			return chain.Tx{}, c.fail(cl.Method, cl.Err)
		}
	}
	tipHeight, err := parseInt(tip)
	if err != nil {
		return chain.Tx{}, c.badAnswer("eth_blockNumber", err)
	}
	out.BlockHeight = height
	out.Confirmations = max(tipHeight-height+1, 1) // a load balancer may ask a node a block behind
	if head != nil {
		ts, err := parseInt(head.Timestamp)
		if err != nil {
			return chain.Tx{}, c.badAnswer("eth_getBlockByNumber", err)
		}
		out.Time = time.Unix(ts, 0).UTC()
	}
	var created *string
	if rc != nil {
		out.Failed = rc.Status != nil && *rc.Status == "0x0"
		created = rc.ContractAddress
	}
	out.Transfers, err = c.nativeTransfer(*tx, created)
	if err != nil {
		return chain.Tx{}, c.badAnswer("eth_getTransactionByHash", err)
	}
	if rc != nil {
		for _, l := range rc.Logs {
			if t, ok := c.tokenTransfer(l); ok {
				out.Transfers = append(out.Transfers, t)
			}
		}
	}
	return out, nil
}

// TransfersTo lists native and ERC-20 transfers to address in blocks from
// fromBlock to the tip, in chain order. See the package comment for what
// bounds it.
func (c *Client) TransfersTo(ctx context.Context, address string, fromBlock int64) ([]chain.TxTransfer, error) {
	addr := strings.ToLower(strings.TrimSpace(address))
	if !isHex(addr, 40) {
		return nil, errs.Field("address", "an address is 0x and 40 hex digits")
	}
	if fromBlock < 0 {
		return nil, errs.Field("from_block", "from_block must not be negative")
	}
	if err := c.checkChain(ctx); err != nil {
		return nil, err
	}
	var tipQ string
	if err := c.rpc.Call(ctx, "eth_blockNumber", &tipQ); err != nil {
		return nil, c.fail("eth_blockNumber", err)
	}
	tip, err := parseInt(tipQ)
	if err != nil {
		return nil, c.badAnswer("eth_blockNumber", err)
	}
	if fromBlock > tip {
		return nil, nil
	}
	// tip-fromBlock is one less than the number of blocks, and cannot overflow.
	if tip-fromBlock >= c.maxLogs {
		return nil, errs.E(errs.TooLarge, "searching %s from block %d to %d is more than the %d blocks allowed; ask from a later block",
			c.network, fromBlock, tip, c.maxLogs)
	}
	var found []located
	if c.maxScan >= 0 {
		if tip-fromBlock >= c.maxScan {
			return nil, errs.E(errs.TooLarge,
				"listing native transfers on %s reads every block: blocks %d to %d are more than the %d allowed; ask from a later block",
				c.network, fromBlock, tip, c.maxScan)
		}
		native, err := c.scanNative(ctx, addr, fromBlock, tip)
		if err != nil {
			return nil, err
		}
		found = append(found, native...)
	}
	topic := "0x" + strings.Repeat("0", 24) + addr[2:]
	for from, to := range windows(fromBlock, tip, c.logRange) {
		logs, err := c.getLogs(ctx, topic, from, to)
		if err != nil {
			return nil, err
		}
		for _, l := range logs {
			t, ok := c.tokenTransfer(l)
			if !ok || t.To != addr {
				continue
			}
			f, err := locate(l.TransactionHash, l.BlockNumber, l.TransactionIndex, l.LogIndex, t)
			if err != nil {
				return nil, c.badAnswer("eth_getLogs", err)
			}
			found = append(found, f)
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.block != b.block {
			return a.block < b.block
		}
		if a.txIndex != b.txIndex {
			return a.txIndex < b.txIndex
		}
		return a.logIndex < b.logIndex
	})
	out := make([]chain.TxTransfer, len(found))
	for i, f := range found {
		out[i] = chain.TxTransfer{TxID: f.txid, BlockHeight: f.block, Confirmations: tip - f.block + 1, Transfer: f.transfer}
	}
	return out, nil
}

// windows splits first..last into consecutive ranges of at most size
// blocks, without overflowing near the int64 limit.
func windows(first, last, size int64) iter.Seq2[int64, int64] {
	return func(yield func(int64, int64) bool) {
		for from := first; from <= last; {
			to := last
			if last-from >= size {
				to = from + size - 1
			}
			if !yield(from, to) || to == last {
				return
			}
			from = to + 1
		}
	}
}

// located is a transfer with where it sits in the chain, for sorting.
type located struct {
	txid     string
	block    int64
	txIndex  int64
	logIndex int64 // -1 for the native transfer, which comes before the logs
	transfer chain.Transfer
}

func locate(txid, blockQ, txIndexQ, logIndexQ string, t chain.Transfer) (located, error) {
	f := located{txid: strings.ToLower(txid), transfer: t, logIndex: -1}
	var err error
	if f.block, err = parseInt(blockQ); err != nil {
		return f, err
	}
	if f.txIndex, err = parseInt(txIndexQ); err != nil {
		return f, err
	}
	if logIndexQ != "" {
		if f.logIndex, err = parseInt(logIndexQ); err != nil {
			return f, err
		}
	}
	return f, nil
}

// scanNative reads blocks from..to with their transactions and returns the
// successful ones sending native value to addr.
func (c *Client) scanNative(ctx context.Context, addr string, from, to int64) ([]located, error) {
	var paying []rpcTx
	for start, end := range windows(from, to, blockBatch) {
		blocks := make([]*block, end-start+1)
		calls := make([]*jsonrpc.BatchCall, len(blocks))
		for i := range blocks {
			calls[i] = &jsonrpc.BatchCall{Method: "eth_getBlockByNumber", Params: []any{quantity(start + int64(i)), true}, Out: &blocks[i]}
		}
		if err := c.rpc.Batch(ctx, calls); err != nil {
			return nil, err
		}
		for i, cl := range calls {
			if cl.Err != nil {
				return nil, c.fail(cl.Method, cl.Err)
			}
			if blocks[i] == nil {
				continue // past the tip of a node behind its load balancer
			}
			for _, tx := range blocks[i].Transactions {
				if tx.To != nil && strings.EqualFold(*tx.To, addr) && tx.Value != "" && tx.Value != "0x0" {
					if tx.BlockNumber == nil {
						n := quantity(start + int64(i))
						tx.BlockNumber = &n
					}
					paying = append(paying, tx)
				}
			}
		}
	}
	// A transaction that reverted moved nothing: check the receipts.
	receipts := make([]*receipt, len(paying))
	calls := make([]*jsonrpc.BatchCall, len(paying))
	for i, tx := range paying {
		calls[i] = &jsonrpc.BatchCall{Method: "eth_getTransactionReceipt", Params: []any{tx.Hash}, Out: &receipts[i]}
	}
	for i := 0; i < len(calls); i += blockBatch {
		if err := c.rpc.Batch(ctx, calls[i:min(i+blockBatch, len(calls))]); err != nil {
			return nil, err
		}
	}
	var out []located
	for i, tx := range paying {
		if calls[i].Err != nil {
			return nil, c.fail("eth_getTransactionReceipt", calls[i].Err)
		}
		if rc := receipts[i]; rc != nil && rc.Status != nil && *rc.Status == "0x0" {
			continue
		}
		ts, err := c.nativeTransfer(tx, nil)
		if err != nil || len(ts) == 0 || tx.TransactionIndex == nil {
			return nil, c.badAnswer("eth_getBlockByNumber", fmt.Errorf("transaction %s: %v", tx.Hash, err))
		}
		f, err := locate(tx.Hash, *tx.BlockNumber, *tx.TransactionIndex, "", ts[0])
		if err != nil {
			return nil, c.badAnswer("eth_getBlockByNumber", err)
		}
		out = append(out, f)
	}
	return out, nil
}

// getLogs fetches Transfer logs to topic in from..to, splitting the range
// when the node refuses it (providers cap ranges and result counts).
func (c *Client) getLogs(ctx context.Context, toTopic string, from, to int64) ([]rpcLog, error) {
	filter := map[string]any{
		"fromBlock": quantity(from),
		"toBlock":   quantity(to),
		"topics":    []any{TransferTopic, nil, toTopic},
	}
	var logs []rpcLog
	err := c.rpc.Call(ctx, "eth_getLogs", &logs, filter)
	var e *jsonrpc.Error
	if errors.As(err, &e) && e.Code != jsonrpc.CodeMethodNotFound && to > from {
		mid := from + (to-from)/2
		first, err := c.getLogs(ctx, toTopic, from, mid)
		if err != nil {
			return nil, err
		}
		second, err := c.getLogs(ctx, toTopic, mid+1, to)
		if err != nil {
			return nil, err
		}
		return append(first, second...), nil
	}
	if err != nil {
		return nil, c.fail("eth_getLogs", err)
	}
	return logs, nil
}

// nativeTransfer returns the native value tx sends, if any. created is the
// contract a creation made, which is where its value went.
func (c *Client) nativeTransfer(tx rpcTx, created *string) ([]chain.Transfer, error) {
	if tx.Value == "" {
		return nil, nil
	}
	v, err := parseBig(tx.Value)
	if err != nil {
		return nil, err
	}
	if v.Sign() == 0 {
		return nil, nil
	}
	to := ""
	switch {
	case tx.To != nil:
		to = *tx.To
	case created != nil:
		to = *created
	}
	return []chain.Transfer{{Asset: c.symbol, From: strings.ToLower(tx.From), To: strings.ToLower(to), Amount: v.String()}}, nil
}

// tokenTransfer decodes an ERC-20 Transfer event. Other logs, including
// ERC-721 transfers (whose token id is a fourth topic) and logs a reorg
// removed, give ok false.
func (c *Client) tokenTransfer(l rpcLog) (chain.Transfer, bool) {
	if l.Removed || len(l.Topics) != 3 || !strings.EqualFold(l.Topics[0], TransferTopic) {
		return chain.Transfer{}, false
	}
	from, ok1 := topicAddress(l.Topics[1])
	to, ok2 := topicAddress(l.Topics[2])
	data, err := parseData(l.Data)
	if !ok1 || !ok2 || err != nil || len(data) != 32 {
		return chain.Transfer{}, false
	}
	contract := strings.ToLower(l.Address)
	return chain.Transfer{
		Asset:    c.tokens[contract],
		Contract: contract,
		From:     from,
		To:       to,
		Amount:   new(big.Int).SetBytes(data).String(),
	}, true
}

// topicAddress reads an address from an indexed topic: 32 bytes, the
// address in the last 20.
func topicAddress(topic string) (string, bool) {
	b, err := parseData(topic)
	if err != nil || len(b) != 32 {
		return "", false
	}
	return "0x" + hex.EncodeToString(b[12:]), true
}

// checkChain makes sure, once, that the node serves Config.ChainID.
func (c *Client) checkChain(ctx context.Context) error {
	if c.chainID == 0 {
		return nil
	}
	c.mu.Lock()
	checked := c.chainChecked
	c.mu.Unlock()
	if checked {
		return nil
	}
	var idQ string
	if err := c.rpc.Call(ctx, "eth_chainId", &idQ); err != nil {
		return c.fail("eth_chainId", err)
	}
	id, err := parseBig(idQ)
	if err != nil {
		return c.badAnswer("eth_chainId", err)
	}
	if !id.IsUint64() || id.Uint64() != c.chainID {
		return errs.E(errs.Unavailable, "%s serves chain id %s, not %d (%s)", c.rpc.Node, id, c.chainID, c.network)
	}
	c.mu.Lock()
	c.chainChecked = true
	c.mu.Unlock()
	return nil
}

// fail classifies an error from the node that is not a transport failure
// (those are errs already).
func (c *Client) fail(method string, err error) error { return c.rpc.Refused(method, err) }

func (c *Client) badAnswer(method string, err error) error { return c.rpc.BadAnswer(method, err) }
