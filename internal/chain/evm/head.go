package evm

import (
	"context"
	"encoding/json"
	"time"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/chain/jsonrpc"
)

var _ chain.HeadReader = (*Client)(nil)

// Head reads the node's tip (eth_getBlockByNumber "latest") and whether it
// is still syncing (eth_syncing: false, or how far it has come).
func (c *Client) Head(ctx context.Context) (chain.Head, error) {
	if err := c.checkChain(ctx); err != nil {
		return chain.Head{}, err
	}
	var (
		syncing json.RawMessage
		latest  *block
	)
	calls := []*jsonrpc.BatchCall{
		{Method: "eth_syncing", Out: &syncing},
		{Method: "eth_getBlockByNumber", Params: []any{"latest", false}, Out: &latest},
	}
	if err := c.rpc.Batch(ctx, calls); err != nil {
		return chain.Head{}, err
	}
	for _, cl := range calls {
		if cl.Err != nil {
			return chain.Head{}, c.fail(cl.Method, cl.Err)
		}
	}
	if latest == nil {
		return chain.Head{}, c.badAnswer("eth_getBlockByNumber", errNoLatest)
	}
	height, err := parseInt(latest.Number)
	if err != nil {
		return chain.Head{}, c.badAnswer("eth_getBlockByNumber", err)
	}
	ts, err := parseInt(latest.Timestamp)
	if err != nil {
		return chain.Head{}, c.badAnswer("eth_getBlockByNumber", err)
	}
	h := chain.Head{Height: height, Time: time.Unix(ts, 0).UTC()}
	var progress struct {
		Current string `json:"currentBlock"`
		Highest string `json:"highestBlock"`
	}
	if len(syncing) > 0 && syncing[0] == '{' {
		if err := json.Unmarshal(syncing, &progress); err != nil {
			return chain.Head{}, c.badAnswer("eth_syncing", err)
		}
		cur, err1 := parseInt(progress.Current)
		high, err2 := parseInt(progress.Highest)
		if err1 != nil || err2 != nil {
			return chain.Head{}, c.badAnswer("eth_syncing", errBadSyncing)
		}
		h.Behind = max(high-cur, 0)
	}
	return h, nil
}

type headError string

func (e headError) Error() string { return string(e) }

const (
	errNoLatest   = headError("no latest block")
	errBadSyncing = headError("currentBlock or highestBlock is not a quantity")
)
