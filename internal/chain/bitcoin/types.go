package bitcoin

import "encoding/json"

// The shapes below hold the fields we read from Bitcoin Core's and btcd's
// verbose answers; where the two differ, both spellings are kept.

// rawTx is a verbose transaction from getrawtransaction or
// searchrawtransactions.
type rawTx struct {
	TxID          string    `json:"txid"`
	Vin           []rawVin  `json:"vin"`
	Vout          []rawVout `json:"vout"`
	BlockHash     string    `json:"blockhash"`
	Confirmations int64     `json:"confirmations"`
}

type rawVin struct {
	Coinbase string `json:"coinbase"`
	TxID     string `json:"txid"`
	Vout     uint32 `json:"vout"`
	// PrevOut is the output this input spends: Bitcoin Core's "prevout"
	// (verbosity 2) or btcd's "prevOut" (vinextra); encoding/json matches
	// field names case-insensitively, so one field takes both.
	PrevOut *prevOut `json:"prevout"`
}

type prevOut struct {
	Addresses    []string     `json:"addresses"`    // btcd
	ScriptPubKey scriptPubKey `json:"scriptPubKey"` // Bitcoin Core
}

func (p *prevOut) address() string {
	if len(p.Addresses) == 1 {
		return p.Addresses[0]
	}
	return p.ScriptPubKey.address()
}

type rawVout struct {
	Value        json.Number  `json:"value"` // in coins, kept as written: see amountToBase
	N            uint32       `json:"n"`
	ScriptPubKey scriptPubKey `json:"scriptPubKey"`
}

type scriptPubKey struct {
	Address   string   `json:"address"`   // Bitcoin Core 22+
	Addresses []string `json:"addresses"` // btcd, older Bitcoin Core and forks
}

// address is the single address an output pays, or "" when it has none or
// several (bare multisig).
func (s scriptPubKey) address() string {
	if s.Address != "" {
		return s.Address
	}
	if len(s.Addresses) == 1 {
		return s.Addresses[0]
	}
	return ""
}

// blockHeader is a verbose answer of getblockheader.
type blockHeader struct {
	Height        int64 `json:"height"`
	Time          int64 `json:"time"`
	Confirmations int64 `json:"confirmations"`
}
