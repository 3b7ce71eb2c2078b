package evm

import (
	"context"
	"encoding/hex"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/btcsuite/btcd/btcec/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
)

const oneAndAHalfEther = "1500000000000000000"

// TestAgainstAnvil runs the client against a real anvil: an ether payment,
// a token deployment and transfer, reverted transactions, a pending one,
// confirmations that grow with mined blocks, and TransfersTo.
func TestAgainstAnvil(t *testing.T) {
	n := startAnvil(t, 31337)
	ctx := context.Background()
	alice, bob, carol := n.accounts[0], n.accounts[1], n.accounts[2]

	deployHash := n.send(map[string]any{"from": alice, "data": testTokenCode, "gas": "0x100000"})
	deploy := n.receipt(deployHash)
	if deploy.Status == nil || *deploy.Status != "0x1" || deploy.ContractAddress == nil {
		t.Fatalf("deploy failed: %+v", deploy)
	}
	token := *deploy.ContractAddress

	// Token contracts may be configured in any case.
	c, err := New(Config{Network: "ethereum", ChainID: 31337, URL: n.url, Tokens: map[string]string{"0x" + strings.ToUpper(token[2:]): "TTK"}})
	if err != nil {
		t.Fatal(err)
	}

	ethHash := n.send(map[string]any{"from": alice, "to": bob, "value": "0x14d1120d7b160000"})
	tokenHash := n.send(map[string]any{"from": alice, "to": token, "data": transferCall(carol, big.NewInt(12345))})
	// More than alice holds: transfer reverts. An explicit gas limit keeps
	// anvil from refusing it at estimation.
	revertHash := n.send(map[string]any{"from": alice, "to": token, "data": transferCall(carol, big.NewInt(2_000_000)), "gas": "0x30000"})
	// The token has no payable fallback: ether sent to it comes back.
	refusedHash := n.send(map[string]any{"from": alice, "to": token, "value": "0xde0b6b3a7640000", "gas": "0x30000"})
	for _, h := range []string{ethHash, tokenHash, revertHash, refusedHash} {
		n.receipt(h)
	}

	t.Run("ether", func(t *testing.T) {
		tx, err := c.Transaction(ctx, ethHash)
		if err != nil {
			t.Fatal(err)
		}
		// Anvil mines a transaction a block, but may put the later ones,
		// sent while it was still mining, in one: the tip says how many.
		want := chain.Tx{
			Network: "ethereum", TxID: ethHash, BlockHeight: 2, Confirmations: n.blockNumber() - 1, Time: tx.Time,
			Transfers: []chain.Transfer{{Asset: "ETH", From: alice, To: bob, Amount: oneAndAHalfEther}},
		}
		if diff := cmp.Diff(want, tx); diff != "" {
			t.Errorf("Transaction (-want +got):\n%s", diff)
		}
		if d := time.Since(tx.Time); d < -time.Minute || d > time.Minute {
			t.Errorf("block time %v is not now", tx.Time)
		}
	})

	t.Run("token", func(t *testing.T) {
		tx, err := c.Transaction(ctx, "0x"+strings.ToUpper(tokenHash[2:])) // hashes are case-insensitive
		if err != nil {
			t.Fatal(err)
		}
		want := []chain.Transfer{{Asset: "TTK", Contract: token, From: alice, To: carol, Amount: "12345"}}
		if diff := cmp.Diff(want, tx.Transfers); diff != "" || tx.Failed || tx.BlockHeight != 3 {
			t.Errorf("token transfer at %d, failed %v (-want +got):\n%s", tx.BlockHeight, tx.Failed, diff)
		}

		tx, err = c.Transaction(ctx, deployHash)
		if err != nil {
			t.Fatal(err)
		}
		mint := []chain.Transfer{{Asset: "TTK", Contract: token, From: "0x" + strings.Repeat("0", 40), To: alice, Amount: "1000000"}}
		if diff := cmp.Diff(mint, tx.Transfers); diff != "" {
			t.Errorf("deployment (-want +got):\n%s", diff)
		}
	})

	t.Run("reverted", func(t *testing.T) {
		tx, err := c.Transaction(ctx, revertHash)
		if err != nil {
			t.Fatal(err)
		}
		if !tx.Failed || len(tx.Transfers) != 0 {
			t.Errorf("reverted token transfer: failed %v, transfers %+v; want failed and none", tx.Failed, tx.Transfers)
		}
		tx, err = c.Transaction(ctx, refusedHash)
		if err != nil {
			t.Fatal(err)
		}
		want := []chain.Transfer{{Asset: "ETH", From: alice, To: token, Amount: "1000000000000000000"}}
		if diff := cmp.Diff(want, tx.Transfers); diff != "" || !tx.Failed {
			t.Errorf("refused ether: failed %v (-want +got):\n%s", tx.Failed, diff)
		}
	})

	t.Run("confirmations grow", func(t *testing.T) {
		before, err := c.Transaction(ctx, ethHash)
		if err != nil {
			t.Fatal(err)
		}
		n.call("anvil_mine", nil, "0x5")
		after, err := c.Transaction(ctx, ethHash)
		if err != nil {
			t.Fatal(err)
		}
		if after.Confirmations != before.Confirmations+5 || after.BlockHeight != before.BlockHeight {
			t.Errorf("confirmations %d → %d at heights %d → %d; want +5 at the same height",
				before.Confirmations, after.Confirmations, before.BlockHeight, after.BlockHeight)
		}
		n.call("evm_mine", nil)
		if again, _ := c.Transaction(ctx, ethHash); again.Confirmations != after.Confirmations+1 {
			t.Errorf("after evm_mine: %d confirmations; want %d", again.Confirmations, after.Confirmations+1)
		}
	})

	t.Run("pending", func(t *testing.T) {
		n.call("evm_setAutomine", nil, false)
		hash := n.send(map[string]any{"from": bob, "to": carol, "value": "0x1"})
		tx, err := c.Transaction(ctx, hash)
		if err != nil {
			t.Fatal(err)
		}
		want := chain.Tx{Network: "ethereum", TxID: hash, Transfers: []chain.Transfer{{Asset: "ETH", From: bob, To: carol, Amount: "1"}}}
		if diff := cmp.Diff(want, tx); diff != "" {
			t.Errorf("pending (-want +got):\n%s", diff)
		}
		n.call("evm_mine", nil)
		n.call("evm_setAutomine", nil, true)
		n.receipt(hash)
		tx, err = c.Transaction(ctx, hash)
		if err != nil || tx.BlockHeight == 0 || tx.Confirmations != n.blockNumber()-tx.BlockHeight+1 {
			t.Errorf("mined: %+v, %v; want in a block", tx, err)
		}
	})

	t.Run("TransfersTo", func(t *testing.T) {
		tip := n.blockNumber()
		got, err := c.TransfersTo(ctx, carol, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := []chain.TxTransfer{
			{TxID: tokenHash, BlockHeight: 3, Confirmations: tip - 2,
				Transfer: chain.Transfer{Asset: "TTK", Contract: token, From: alice, To: carol, Amount: "12345"}},
		}
		// The pending-test payment of 1 wei to carol came last.
		if len(got) != 2 || got[1].Transfer.Amount != "1" || got[1].Transfer.Asset != "ETH" {
			t.Fatalf("TransfersTo(carol) = %+v; want the token transfer and 1 wei", got)
		}
		if diff := cmp.Diff(want, got[:1]); diff != "" {
			t.Errorf("TransfersTo(carol) (-want +got):\n%s", diff)
		}

		got, err = c.TransfersTo(ctx, bob, 1)
		if err != nil {
			t.Fatal(err)
		}
		wantBob := []chain.TxTransfer{{TxID: ethHash, BlockHeight: 2, Confirmations: tip - 1,
			Transfer: chain.Transfer{Asset: "ETH", From: alice, To: bob, Amount: oneAndAHalfEther}}}
		if diff := cmp.Diff(wantBob, got); diff != "" {
			t.Errorf("TransfersTo(bob) (-want +got):\n%s", diff)
		}
		if got, err := c.TransfersTo(ctx, bob, 3); err != nil || len(got) != 0 {
			t.Errorf("TransfersTo(bob, 3) = %+v, %v; want nothing", got, err)
		}
		if got, err := c.TransfersTo(ctx, bob, tip+10); err != nil || len(got) != 0 {
			t.Errorf("TransfersTo(bob, past the tip) = %+v, %v; want nothing", got, err)
		}
		// The ether the token refused is no transfer.
		if got, err := c.TransfersTo(ctx, token, 0); err != nil || len(got) != 0 {
			t.Errorf("TransfersTo(token) = %+v, %v; want nothing", got, err)
		}
	})

	t.Run("TransfersTo bounds", func(t *testing.T) {
		small, err := New(Config{Network: "ethereum", URL: n.url, MaxScanBlocks: 3, LogRange: 2})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := small.TransfersTo(ctx, carol, 0); !errs.Is(err, errs.TooLarge) {
			t.Errorf("scan past the cap: %v; want TooLarge", err)
		}
		fewLogs, err := New(Config{Network: "ethereum", URL: n.url, MaxScanBlocks: -1, MaxLogBlocks: 3})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fewLogs.TransfersTo(ctx, carol, 0); !errs.Is(err, errs.TooLarge) {
			t.Errorf("log search past the cap: %v; want TooLarge", err)
		}
		tokensOnly, err := New(Config{Network: "ethereum", URL: n.url, MaxScanBlocks: -1, LogRange: 2})
		if err != nil {
			t.Fatal(err)
		}
		got, err := tokensOnly.TransfersTo(ctx, carol, 0)
		if err != nil || len(got) != 1 || got[0].TxID != tokenHash || got[0].Transfer.Asset != "" || got[0].Transfer.Contract != token {
			t.Errorf("tokens only, 2-block log windows, no symbols: %+v, %v", got, err)
		}
	})

	t.Run("not found", func(t *testing.T) {
		if _, err := c.Transaction(ctx, "0x"+strings.Repeat("ab", 32)); !errs.Is(err, errs.NotFound) {
			t.Errorf("unknown hash: %v; want NotFound", err)
		}
		for _, bad := range []string{"0x1234", strings.TrimPrefix(ethHash, "0x")} {
			if _, err := c.Transaction(ctx, bad); !errs.Is(err, errs.Invalid) {
				t.Errorf("Transaction(%q): %v; want Invalid", bad, err)
			}
		}
		if _, err := c.TransfersTo(ctx, strings.TrimPrefix(bob, "0x"), 0); !errs.Is(err, errs.Invalid) {
			t.Errorf("address without 0x: %v; want Invalid", err)
		}
	})

	t.Run("wrong chain", func(t *testing.T) {
		mainnet, err := New(Config{Network: "ethereum", ChainID: 1, URL: n.url})
		if err != nil {
			t.Fatal(err)
		}
		_, err = mainnet.Transaction(ctx, ethHash)
		if !errs.Is(err, errs.Unavailable) || !strings.Contains(err.Error(), "chain id 31337, not 1") {
			t.Errorf("chain id mismatch: %v; want Unavailable naming both ids", err)
		}
	})
}

// TestSameTxOnTwoChains: one signed transaction without a chain id is valid
// on two chains with the same hash; each client reports its own network,
// native symbol, block and confirmations. A transaction sent to one chain
// only is NotFound on the other.
func TestSameTxOnTwoChains(t *testing.T) {
	a, b := startAnvil(t, 31337), startAnvil(t, 31338)
	ctx := context.Background()
	eth, err := New(Config{Network: "ethereum", ChainID: 31337, URL: a.url})
	if err != nil {
		t.Fatal(err)
	}
	bsc, err := New(Config{Network: "bsc", ChainID: 31338, URL: b.url})
	if err != nil {
		t.Fatal(err)
	}

	key, err := btcec.NewPrivateKey()
	if err != nil {
		t.Fatal(err)
	}
	sender := ethAddress(key)
	payee := a.accounts[3]
	for _, n := range []*anvilNode{a, b} {
		n.call("anvil_setBalance", nil, sender, "0x56bc75e2d63100000") // 100 ether
	}
	to, _ := hex.DecodeString(payee[2:])
	raw := signLegacy(t, legacyTx{nonce: 0, gasPrice: 100e9, gas: 21000, to: to, value: big.NewInt(1e18)}, key)
	var hashA, hashB string
	a.call("eth_sendRawTransaction", &hashA, "0x"+hex.EncodeToString(raw))
	b.call("eth_sendRawTransaction", &hashB, "0x"+hex.EncodeToString(raw))
	if hashA != hashB {
		t.Fatalf("the same signed bytes gave %s and %s", hashA, hashB)
	}
	a.receipt(hashA)
	b.receipt(hashB)
	b.call("anvil_mine", nil, "0x3")

	txA, err := eth.Transaction(ctx, hashA)
	if err != nil {
		t.Fatal(err)
	}
	txB, err := bsc.Transaction(ctx, hashA)
	if err != nil {
		t.Fatal(err)
	}
	heightA, heightB := a.blockNumber(), b.blockNumber()-3
	wantA := chain.Tx{Network: "ethereum", TxID: hashA, BlockHeight: heightA, Confirmations: 1, Time: txA.Time,
		Transfers: []chain.Transfer{{Asset: "ETH", From: sender, To: payee, Amount: "1000000000000000000"}}}
	wantB := chain.Tx{Network: "bsc", TxID: hashA, BlockHeight: heightB, Confirmations: 4, Time: txB.Time,
		Transfers: []chain.Transfer{{Asset: "BNB", From: sender, To: payee, Amount: "1000000000000000000"}}}
	if diff := cmp.Diff(wantA, txA); diff != "" {
		t.Errorf("on chain 31337 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantB, txB); diff != "" {
		t.Errorf("on chain 31338 (-want +got):\n%s", diff)
	}

	onlyA := a.send(map[string]any{"from": a.accounts[0], "to": payee, "value": "0x1"})
	a.receipt(onlyA)
	if _, err := eth.Transaction(ctx, onlyA); err != nil {
		t.Errorf("on its own chain: %v", err)
	}
	if _, err := bsc.Transaction(ctx, onlyA); !errs.Is(err, errs.NotFound) {
		t.Errorf("on the other chain: %v; want NotFound", err)
	}
}
