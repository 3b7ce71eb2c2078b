package bitcoin

import (
	"context"
	"time"

	"github.com/groundcrew/groundcrew/internal/chain"
)

var _ chain.HeadReader = (*Client)(nil)

// Head reads the node's tip: getblockchaininfo for its height and the
// headers it has not yet processed, getblockheader for the tip's time.
func (c *Client) Head(ctx context.Context) (chain.Head, error) {
	var info struct {
		Blocks        int64  `json:"blocks"`
		Headers       int64  `json:"headers"`
		BestBlockHash string `json:"bestblockhash"`
	}
	if err := c.rpc.Call(ctx, "getblockchaininfo", &info); err != nil {
		return chain.Head{}, c.fail("getblockchaininfo", err)
	}
	var hdr blockHeader
	if err := c.rpc.Call(ctx, "getblockheader", &hdr, info.BestBlockHash, true); err != nil {
		return chain.Head{}, c.fail("getblockheader", err)
	}
	return chain.Head{Height: info.Blocks, Time: time.Unix(hdr.Time, 0).UTC(), Behind: max(info.Headers-info.Blocks, 0)}, nil
}
