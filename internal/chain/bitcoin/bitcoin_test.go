package bitcoin

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
)

// TestAgainstBtcd runs the client against a real btcd on simnet with both
// indexes: a payment is found in the mempool, then in a block with its exact
// amounts, its confirmations grow with new blocks, and TransfersTo finds it.
func TestAgainstBtcd(t *testing.T) {
	// --minrelaytxfee=0 lets a 50-satoshi output through, which btcd writes
	// as 5e-07: the exponent form amountToBase must read exactly.
	n := startBtcd(t, "--addrindex", "--txindex", "--minrelaytxfee=0")
	ctx := context.Background()
	c := n.client
	start := time.Now()
	n.generate(101) // block 1's reward matures at 101
	t.Logf("generate 101: %v", time.Since(start).Round(time.Millisecond))

	payee, tiny := newAddress(t), newAddress(t)
	miner := n.addr.EncodeAddress()
	txid := n.pay(payment{payee, 123_456_789}, payment{tiny, 50})
	change := "4876533161" // 50 BTC - 1.23456789 - 50 sat - 10,000 sat fee

	wantTransfers := []chain.Transfer{
		{Asset: "BTC", From: miner, To: payee.EncodeAddress(), Amount: "123456789"},
		{Asset: "BTC", From: miner, To: tiny.EncodeAddress(), Amount: "50"},
		{Asset: "BTC", From: miner, To: miner, Amount: change},
	}

	t.Run("mempool", func(t *testing.T) {
		tx, err := c.Transaction(ctx, txid)
		if err != nil {
			t.Fatal(err)
		}
		want := chain.Tx{Network: "bitcoin", TxID: txid, Transfers: wantTransfers}
		if diff := cmp.Diff(want, tx); diff != "" {
			t.Errorf("Transaction (-want +got):\n%s", diff)
		}
	})

	n.generate(1)
	t.Run("confirmed", func(t *testing.T) {
		tx, err := c.Transaction(ctx, strings.ToUpper(txid)) // txids are case-insensitive
		if err != nil {
			t.Fatal(err)
		}
		if tx.BlockHeight != 102 || tx.Confirmations != 1 {
			t.Errorf("height %d, confirmations %d; want 102, 1", tx.BlockHeight, tx.Confirmations)
		}
		if d := time.Since(tx.Time); d < -time.Hour || d > time.Hour {
			t.Errorf("block time %v is far from now", tx.Time)
		}
		if diff := cmp.Diff(wantTransfers, tx.Transfers); diff != "" {
			t.Errorf("Transfers (-want +got):\n%s", diff)
		}
	})

	n.generate(2)
	t.Run("confirmations grow", func(t *testing.T) {
		tx, err := c.Transaction(ctx, txid)
		if err != nil {
			t.Fatal(err)
		}
		if tx.Confirmations != 3 || tx.BlockHeight != 102 {
			t.Errorf("height %d, confirmations %d; want 102, 3", tx.BlockHeight, tx.Confirmations)
		}
	})

	t.Run("coinbase", func(t *testing.T) {
		var hash string
		n.call("getblockhash", &hash, 2)
		var block struct{ Tx []string }
		n.call("getblock", &block, hash)
		tx, err := c.Transaction(ctx, block.Tx[0])
		if err != nil {
			t.Fatal(err)
		}
		// The reward, with no sender; the witness commitment (OP_RETURN) is no transfer.
		want := []chain.Transfer{{Asset: "BTC", To: miner, Amount: "5000000000"}}
		if diff := cmp.Diff(want, tx.Transfers); diff != "" {
			t.Errorf("Transfers (-want +got):\n%s", diff)
		}
		if tx.BlockHeight != 2 || tx.Confirmations != 103 {
			t.Errorf("height %d, confirmations %d; want 2, 103", tx.BlockHeight, tx.Confirmations)
		}
	})

	t.Run("TransfersTo", func(t *testing.T) {
		got, err := c.TransfersTo(ctx, payee.EncodeAddress(), 0)
		if err != nil {
			t.Fatal(err)
		}
		want := []chain.TxTransfer{{TxID: txid, BlockHeight: 102, Confirmations: 3, Transfer: wantTransfers[0]}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("TransfersTo (-want +got):\n%s", diff)
		}
		if got, err := c.TransfersTo(ctx, payee.EncodeAddress(), 102); err != nil || len(got) != 1 {
			t.Errorf("from block 102: %v, %v; want the payment", got, err)
		}
		if got, err := c.TransfersTo(ctx, payee.EncodeAddress(), 103); err != nil || len(got) != 0 {
			t.Errorf("from block 103: %v, %v; want nothing", got, err)
		}
		if got, err := c.TransfersTo(ctx, newAddress(t).EncodeAddress(), 0); err != nil || len(got) != 0 {
			t.Errorf("unused address: %v, %v; want nothing", got, err)
		}
		if _, err := c.TransfersTo(ctx, "not-an-address", 0); !errs.Is(err, errs.Invalid) {
			t.Errorf("bad address: %v; want Invalid", err)
		}
	})

	t.Run("TransfersTo pages and the mempool", func(t *testing.T) {
		// More than one page of history for the miner, plus a mempool
		// payment that must not be listed.
		n.generate(searchPage)
		mempoolTx := n.pay(payment{payee, 1000})
		got, err := c.TransfersTo(ctx, miner, 0)
		if err != nil {
			t.Fatal(err)
		}
		var prev int64
		rewards := 0
		for _, tr := range got {
			if tr.TxID == mempoolTx {
				t.Errorf("mempool transaction %s listed", tr.TxID)
			}
			if tr.BlockHeight < prev {
				t.Errorf("not oldest first: %d after %d", tr.BlockHeight, prev)
			}
			prev = tr.BlockHeight
			if tr.Transfer.From == "" {
				rewards++
			}
		}
		// Blocks 1..204 all pay the miner; the change of the first payment too.
		if rewards != 204 || len(got) != 205 {
			t.Errorf("%d transfers, %d rewards; want 205, 204", len(got), rewards)
		}
	})

	t.Run("not found", func(t *testing.T) {
		_, err := c.Transaction(ctx, strings.Repeat("ab", 32))
		if !errs.Is(err, errs.NotFound) {
			t.Errorf("unknown txid: %v; want NotFound", err)
		}
		_, err = c.Transaction(ctx, "xyz")
		if !errs.Is(err, errs.Invalid) {
			t.Errorf("malformed txid: %v; want Invalid", err)
		}
	})

	t.Run("wrong password", func(t *testing.T) {
		bad, err := New(Config{Network: "bitcoin", URL: n.url, User: "test", Password: "wrong"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = bad.Transaction(ctx, txid)
		if !errs.Is(err, errs.Unavailable) || !strings.Contains(err.Error(), "credentials") {
			t.Errorf("wrong password: %v; want Unavailable naming the credentials", err)
		}
	})
}

// TestBtcdWithoutAddressIndex: TransfersTo says the index is missing;
// Transaction still works.
func TestBtcdWithoutAddressIndex(t *testing.T) {
	n := startBtcd(t, "--txindex")
	ctx := context.Background()
	n.generate(101)
	payee := newAddress(t)
	txid := n.pay(payment{payee, 5000})
	n.generate(1)

	_, err := n.client.TransfersTo(ctx, payee.EncodeAddress(), 0)
	if !errs.Is(err, errs.Unavailable) || !strings.Contains(err.Error(), "address index not enabled") {
		t.Errorf("TransfersTo: %v; want Unavailable \"address index not enabled\"", err)
	}
	tx, err := n.client.Transaction(ctx, txid)
	if err != nil || tx.Confirmations != 1 || len(tx.Transfers) != 2 || tx.Transfers[0].Amount != "5000" {
		t.Errorf("Transaction: %+v, %v", tx, err)
	}
}
