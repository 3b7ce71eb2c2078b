package chain

import (
	"context"
	"time"
)

// Tx is what a chain says about one transaction.
type Tx struct {
	Network       string     `json:"network"`
	TxID          string     `json:"txid"`
	BlockHeight   int64      `json:"block_height"`  // 0 while in the mempool
	Confirmations int64      `json:"confirmations"` // 0 while in the mempool
	Time          time.Time  `json:"time"`          // block time, or first seen
	Failed        bool       `json:"failed"`        // reverted (EVM) or otherwise invalid
	Transfers     []Transfer `json:"transfers"`     // native and token movements, in order
}

// Transfer is one movement of value inside a transaction.
type Transfer struct {
	Asset    string `json:"asset"`              // native symbol ("BTC", "ETH") or the token's symbol when known
	Contract string `json:"contract,omitempty"` // token contract; empty for the native asset
	From     string `json:"from,omitempty"`
	To       string `json:"to"`
	Amount   string `json:"amount"`         // in base units (satoshi, wei, token units) as a decimal string
	Memo     string `json:"memo,omitempty"` // destination tag / memo / comment, where the chain has one
}

// Client looks transactions up on one network. Implementations return an
// errs.NotFound error for a transaction the chain does not know and an
// errs.Unavailable error (naming the node) when the node cannot be reached
// or times out.
type Client interface {
	Network() string
	Transaction(ctx context.Context, txid string) (Tx, error)
	// TransfersTo lists transfers to address in blocks from fromBlock to the tip.
	TransfersTo(ctx context.Context, address string, fromBlock int64) ([]TxTransfer, error)
}

// TxTransfer is a transfer with the transaction it belongs to.
type TxTransfer struct {
	TxID          string   `json:"txid"`
	BlockHeight   int64    `json:"block_height"`
	Confirmations int64    `json:"confirmations"`
	Transfer      Transfer `json:"transfer"`
}

// Head is what a node says about its chain's tip, for the status page's
// automatic feed: a tip that stops moving is a stalled network; a node
// that knows of blocks it has not processed is behind.
type Head struct {
	Height int64     `json:"height"`
	Time   time.Time `json:"time"`   // the tip block's time
	Behind int64     `json:"behind"` // blocks known (headers, or the highest a syncing node saw) but not processed
}

// HeadReader reads a node's tip (the bitcoin and evm clients).
type HeadReader interface {
	Network() string
	Head(ctx context.Context) (Head, error)
}
