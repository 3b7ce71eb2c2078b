package sandbox

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

// ledger is one sandbox chain: a tip and the transactions in it.
type ledger struct {
	network string
	tip     int64
	txs     map[string]*chain.Tx // by txKey
	order   []string             // txKeys in insertion order, for stable listings
}

func (l *ledger) add(tx *chain.Tx) {
	k := txKey(l.network, tx.TxID)
	l.txs[k] = tx
	l.order = append(l.order, k)
}

// get returns a copy of the transaction with its confirmations now.
func (l *ledger) get(txid string) (chain.Tx, bool) {
	tx, ok := l.txs[txKey(l.network, txid)]
	if !ok {
		return chain.Tx{}, false
	}
	out := *tx
	out.Transfers = slices.Clone(tx.Transfers)
	if out.BlockHeight > 0 {
		out.Confirmations = l.tip - out.BlockHeight + 1
	}
	return out, true
}

// txKey normalises a txid for look-ups: hex ids are case-insensitive;
// Solana's base58 signatures are not.
func txKey(network, txid string) string {
	if network == "solana" {
		return txid
	}
	return strings.ToLower(txid)
}

// Chain returns the sandbox chain client for network, or nil for a network
// the sandbox does not know. It shares the sandbox's state, so Mine and
// CreditDeposit see the same chain the client reports.
func (x *Exchange) Chain(network string) chain.Client {
	if _, ok := x.chains[network]; !ok {
		return nil
	}
	return chainClient{x: x, network: network}
}

// Chains returns a client for every network, in exchange.Networks order.
func (x *Exchange) Chains() []chain.Client {
	out := make([]chain.Client, 0, len(exchange.Networks))
	for _, n := range exchange.Networks {
		out = append(out, x.Chain(n))
	}
	return out
}

// Mine adds blocks to network's sandbox chain, and credits the pending
// deposits that thereby reach the confirmations their asset needs: the
// demo's way of letting time pass.
func (x *Exchange) Mine(network string, blocks int) error {
	if err := exchange.CheckNetwork(network); err != nil {
		return err
	}
	if blocks < 1 || blocks > 1_000_000 {
		return errs.Field("blocks", "blocks must be from 1 to 1000000")
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	l := x.chains[network]
	l.tip += int64(blocks)
	for _, d := range x.deposits {
		if d.Network != network || d.Status != exchange.DepositPending {
			continue
		}
		tx, ok := l.get(d.TxID)
		a, listed := x.asset(network, d.Asset, contractOf(tx, d.Address))
		if ok && listed && tx.Confirmations >= a.Confirmations {
			d.Status, d.CreditedAt = exchange.DepositCredited, x.clock()
		}
	}
	return nil
}

// contractOf is the token contract of tx's transfer to address ("" if native).
func contractOf(tx chain.Tx, address string) string {
	for _, t := range tx.Transfers {
		if sameAddress(tx.Network, t.To, address) {
			return t.Contract
		}
	}
	return ""
}

// chainClient implements chain.Client over one sandbox ledger.
type chainClient struct {
	x       *Exchange
	network string
}

func (c chainClient) Network() string { return c.network }

// Transaction implements chain.Client.
func (c chainClient) Transaction(ctx context.Context, txid string) (chain.Tx, error) {
	if err := exchange.CheckText("txid", txid, exchange.MaxTxID); err != nil {
		return chain.Tx{}, err
	}
	c.x.mu.Lock()
	defer c.x.mu.Unlock()
	tx, ok := c.x.chains[c.network].get(strings.TrimSpace(txid))
	if !ok {
		return chain.Tx{}, errs.E(errs.NotFound, "the %s sandbox chain has no transaction %s", c.network, strings.TrimSpace(txid))
	}
	return tx, nil
}

// TransfersTo implements chain.Client.
func (c chainClient) TransfersTo(ctx context.Context, address string, fromBlock int64) ([]chain.TxTransfer, error) {
	if err := exchange.CheckText("address", address, exchange.MaxAddress); err != nil {
		return nil, err
	}
	c.x.mu.Lock()
	defer c.x.mu.Unlock()
	l := c.x.chains[c.network]
	out := []chain.TxTransfer{}
	for _, k := range l.order {
		tx, _ := l.get(l.txs[k].TxID)
		if tx.BlockHeight == 0 || tx.BlockHeight < fromBlock {
			continue
		}
		for _, t := range tx.Transfers {
			if sameAddress(c.network, t.To, strings.TrimSpace(address)) {
				out = append(out, chain.TxTransfer{TxID: tx.TxID, BlockHeight: tx.BlockHeight, Confirmations: tx.Confirmations, Transfer: t})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b chain.TxTransfer) int { return cmp.Compare(a.BlockHeight, b.BlockHeight) })
	return out, nil
}
