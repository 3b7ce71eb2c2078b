package evm

import (
	"net/http"
	"time"

	"github.com/groundcrew/groundcrew/internal/chain/jsonrpc"
)

// newRPC returns a client speaking Ethereum JSON-RPC 2.0 over HTTP POST to
// url. Nodes often sit behind providers and gateways, whose HTTP statuses
// (rate limiting, error pages) say what went wrong.
func newRPC(url, node string, timeout time.Duration) *jsonrpc.Client {
	return &jsonrpc.Client{
		URL:          url,
		Version:      "2.0",
		Timeout:      timeout,
		HTTP:         &http.Client{},
		Node:         node,
		Prefix:       "evm",
		StatusErrors: true,
	}
}
