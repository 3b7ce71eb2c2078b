package evm

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
)

// The shapes below hold the fields we read from the node's answers. Numbers
// arrive as hex quantities ("0x1a") and are parsed with the functions at the
// end of this file, never as floats.

// rpcTx is a transaction from eth_getTransactionByHash or a full block.
type rpcTx struct {
	Hash             string  `json:"hash"`
	From             string  `json:"from"`
	To               *string `json:"to"` // null for a contract creation
	Value            string  `json:"value"`
	BlockNumber      *string `json:"blockNumber"` // null while pending
	TransactionIndex *string `json:"transactionIndex"`
}

// receipt is an answer of eth_getTransactionReceipt.
type receipt struct {
	BlockNumber     string   `json:"blockNumber"`
	Status          *string  `json:"status"` // "0x1" success, "0x0" reverted; absent before Byzantium
	ContractAddress *string  `json:"contractAddress"`
	Logs            []rpcLog `json:"logs"`
}

type rpcLog struct {
	Address          string   `json:"address"`
	Topics           []string `json:"topics"`
	Data             string   `json:"data"`
	BlockNumber      string   `json:"blockNumber"`
	TransactionHash  string   `json:"transactionHash"`
	TransactionIndex string   `json:"transactionIndex"`
	LogIndex         string   `json:"logIndex"`
	Removed          bool     `json:"removed"` // dropped by a reorg
}

// block is an answer of eth_getBlockByNumber; Transactions holds full
// transactions when asked for them.
type block struct {
	Number       string  `json:"number"`
	Timestamp    string  `json:"timestamp"`
	Transactions []rpcTx `json:"transactions"`
}

// maxQuantityDigits bounds hex quantities: 64 digits is a uint256.
const maxQuantityDigits = 64

// parseBig reads a hex quantity ("0x0", "0x1bc16d674ec80000") as a
// non-negative big integer.
func parseBig(q string) (*big.Int, error) {
	digits, ok := strings.CutPrefix(q, "0x")
	if !ok {
		digits, ok = strings.CutPrefix(q, "0X")
	}
	if !ok || digits == "" || len(digits) > maxQuantityDigits || digits[0] == '+' || digits[0] == '-' {
		return nil, fmt.Errorf("quantity %.70q: not a hex number", q)
	}
	n, ok := new(big.Int).SetString(digits, 16)
	if !ok || n.Sign() < 0 {
		return nil, fmt.Errorf("quantity %.70q: not a hex number", q)
	}
	return n, nil
}

// parseInt reads a hex quantity that must fit in an int64 (block numbers,
// indexes, timestamps).
func parseInt(q string) (int64, error) {
	n, err := parseBig(q)
	if err != nil {
		return 0, err
	}
	if !n.IsInt64() {
		return 0, fmt.Errorf("quantity %.70q: too large", q)
	}
	return n.Int64(), nil
}

// quantity writes n as a hex quantity.
func quantity(n int64) string { return fmt.Sprintf("0x%x", n) }

// parseData reads hex data ("0x…") into bytes.
func parseData(d string) ([]byte, error) {
	digits, ok := strings.CutPrefix(d, "0x")
	if !ok {
		return nil, fmt.Errorf("data %.70q: no 0x prefix", d)
	}
	return hex.DecodeString(digits)
}

// isHex reports whether s is "0x" followed by exactly n hex digits.
func isHex(s string, n int) bool {
	digits, ok := strings.CutPrefix(s, "0x")
	if !ok || len(digits) != n {
		return false
	}
	_, err := hex.DecodeString(digits)
	return err == nil
}
