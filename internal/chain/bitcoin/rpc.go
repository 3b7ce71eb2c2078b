package bitcoin

import (
	"errors"
	"strings"

	"github.com/groundcrew/groundcrew/internal/chain/jsonrpc"
)

// Error codes of the Bitcoin Core / btcd JSON-RPC interface that change what
// we report.
const (
	codeMisc     = -1  // btcd: "Address index must be enabled (--addrindex)"
	codeNotFound = -5  // no such transaction, block or address information
	codeInWarmup = -28 // Bitcoin Core while it loads its indexes
)

// isNoAddressIndex reports whether err says the node cannot search by
// address: btcd without --addrindex, or a node without the call at all
// (Bitcoin Core and its forks).
func isNoAddressIndex(err error) bool {
	var e *jsonrpc.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code == jsonrpc.CodeMethodNotFound ||
		(e.Code == codeMisc && strings.Contains(strings.ToLower(e.Message), "index must be enabled"))
}
