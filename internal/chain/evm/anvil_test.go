package evm

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/btcsuite/btcd/btcec/v2"
	"github.com/btcsuite/btcd/btcec/v2/ecdsa"
	"golang.org/x/crypto/sha3"

	"github.com/groundcrew/groundcrew/internal/chain/jsonrpc"
)

// testTokenCode deploys TestToken, compiled with solc 0.8.37 (solc-js from
// npm, optimizer on with 200 runs, evmVersion cancun, no metadata hash, no
// CBOR) from this source:
//
//	// SPDX-License-Identifier: MIT
//	pragma solidity 0.8.37;
//
//	// The smallest token that behaves like ERC-20 for a chain reader: balances,
//	// transfer, and the standard Transfer event.
//	contract TestToken {
//	    mapping(address => uint256) public balanceOf;
//
//	    event Transfer(address indexed from, address indexed to, uint256 value);
//
//	    constructor() {
//	        balanceOf[msg.sender] = 1000000;
//	        emit Transfer(address(0), msg.sender, 1000000);
//	    }
//
//	    function transfer(address to, uint256 value) external returns (bool) {
//	        require(balanceOf[msg.sender] >= value, "balance");
//	        balanceOf[msg.sender] -= value;
//	        balanceOf[to] += value;
//	        emit Transfer(msg.sender, to, value);
//	        return true;
//	    }
//	}
//
// The TransferTopic constant appears twice in the code (the PUSH32s of both
// emits), which is a quick check that it is the real thing.
const testTokenCode = "0x6080604052348015600e575f5ffd5b50335f81815260208181526040808320620f42409081905590519081527fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef910160405180910390a361020f806100635f395ff3fe608060405234801561000f575f5ffd5b5060043610610034575f3560e01c806370a0823114610038578063a9059cbb1461006a575b5f5ffd5b61005761004636600461018d565b5f6020819052908152604090205481565b6040519081526020015b60405180910390f35b61007d6100783660046101ad565b61008d565b6040519015158152602001610061565b335f908152602081905260408120548211156100d95760405162461bcd60e51b815260206004820152600760248201526662616c616e636560c81b604482015260640160405180910390fd5b335f90815260208190526040812080548492906100f79084906101e9565b90915550506001600160a01b0383165f90815260208190526040812080548492906101239084906101fc565b90915550506040518281526001600160a01b0384169033907fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef9060200160405180910390a35060015b92915050565b80356001600160a01b0381168114610188575f5ffd5b919050565b5f6020828403121561019d575f5ffd5b6101a682610172565b9392505050565b5f5f604083850312156101be575f5ffd5b6101c783610172565b946020939093013593505050565b634e487b7160e01b5f52601160045260245ffd5b8181038181111561016c5761016c6101d5565b8082018082111561016c5761016c6101d556"

// transferCall is the calldata of transfer(to, value): the selector
// a9059cbb, then both arguments as 32-byte words.
func transferCall(to string, value *big.Int) string {
	return fmt.Sprintf("0xa9059cbb%064s%064x", to[2:], value)
}

// findAnvil looks for anvil where scripts/install-chain-nodes.sh puts it:
// $GROUNDCREW_ANVIL, PATH, then the npm prefix ($GROUNDCREW_ANVIL_PREFIX or
// ~/.cache/groundcrew-anvil).
func findAnvil() string {
	if p := os.Getenv("GROUNDCREW_ANVIL"); p != "" {
		return p
	}
	if p, err := exec.LookPath("anvil"); err == nil {
		return p
	}
	prefix := os.Getenv("GROUNDCREW_ANVIL_PREFIX")
	if prefix == "" {
		home, _ := os.UserHomeDir()
		prefix = filepath.Join(home, ".cache", "groundcrew-anvil")
	}
	matches, _ := filepath.Glob(filepath.Join(prefix, "node_modules", "@foundry-rs", "anvil-*", "bin", "anvil"))
	if len(matches) > 0 {
		return matches[0]
	}
	return ""
}

// anvilNode is one anvil started for a test.
type anvilNode struct {
	t        *testing.T
	url      string
	rpc      *jsonrpc.Client // for the test's own calls
	accounts []string
}

// startAnvil starts anvil on a free loopback port with the given chain id
// and waits until it answers.
func startAnvil(t *testing.T, chainID uint64) *anvilNode {
	t.Helper()
	exe := findAnvil()
	if exe == "" {
		if os.Getenv("CI") != "" {
			// CI must test against the real node; a missing one is a broken set-up.
			t.Fatal("anvil not found on PATH, under ~/.cache/groundcrew-anvil or in $GROUNDCREW_ANVIL: run scripts/install-chain-nodes.sh")
		}
		t.Skip("anvil not found on PATH, under ~/.cache/groundcrew-anvil or in $GROUNDCREW_ANVIL: run scripts/install-chain-nodes.sh")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(exe, "--host", "127.0.0.1", "--port", fmt.Sprint(port), "--silent",
		"--chain-id", fmt.Sprint(chainID), "--accounts", "4")
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("start anvil: %v", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	n := &anvilNode{t: t, url: fmt.Sprintf("http://127.0.0.1:%d", port)}
	n.rpc = newRPC(n.url, "anvil", 5*time.Second)
	for {
		var accounts []string
		err := n.rpc.Call(context.Background(), "eth_accounts", &accounts)
		if err == nil {
			n.accounts = accounts
			break
		}
		select {
		case <-exited:
			t.Fatalf("anvil exited: %s", output.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("anvil not ready after 30s: %v\n%s", err, output.String())
		}
	}
	t.Logf("anvil (chain %d) on port %d ready in %v", chainID, port, time.Since(start).Round(time.Millisecond))
	return n
}

// call runs an RPC call that must succeed.
func (n *anvilNode) call(method string, out any, params ...any) {
	n.t.Helper()
	if err := n.rpc.Call(context.Background(), method, out, params...); err != nil {
		n.t.Fatalf("%s: %v", method, err)
	}
}

// send sends a transaction from an unlocked dev account and returns its hash.
func (n *anvilNode) send(tx map[string]any) string {
	n.t.Helper()
	var hash string
	n.call("eth_sendTransaction", &hash, tx)
	return hash
}

// receipt waits for a transaction's receipt.
func (n *anvilNode) receipt(hash string) receipt {
	n.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var rc *receipt
		n.call("eth_getTransactionReceipt", &rc, hash)
		if rc != nil {
			return *rc
		}
		if time.Now().After(deadline) {
			n.t.Fatalf("no receipt for %s", hash)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (n *anvilNode) blockNumber() int64 {
	n.t.Helper()
	var q string
	n.call("eth_blockNumber", &q)
	h, err := parseInt(q)
	if err != nil {
		n.t.Fatal(err)
	}
	return h
}

// legacyTx is a pre-EIP-155 transaction: its signature commits to no chain
// id, so the same signed bytes, and the same hash, are valid on any chain.
type legacyTx struct {
	nonce, gasPrice, gas uint64
	to                   []byte
	value                *big.Int
}

// signLegacy signs tx with key and returns the raw transaction.
func signLegacy(t *testing.T, tx legacyTx, key *btcec.PrivateKey) []byte {
	t.Helper()
	fields := [][]byte{
		rlpUint(tx.nonce), rlpUint(tx.gasPrice), rlpUint(tx.gas),
		rlpBytes(tx.to), rlpBytes(tx.value.Bytes()), rlpBytes(nil),
	}
	hash := keccak(rlpList(fields...))
	sig := ecdsa.SignCompact(key, hash, false) // [27+recovery id] ‖ r ‖ s, low s
	return rlpList(append(fields, rlpUint(uint64(sig[0])), rlpBytes(trimZeros(sig[1:33])), rlpBytes(trimZeros(sig[33:65])))...)
}

// ethAddress is the address of key: the last 20 bytes of the keccak of
// its uncompressed public key without the 0x04 prefix.
func ethAddress(key *btcec.PrivateKey) string {
	return "0x" + hex.EncodeToString(keccak(key.PubKey().SerializeUncompressed()[1:])[12:])
}

func keccak(b []byte) []byte {
	h := sha3.NewLegacyKeccak256()
	h.Write(b)
	return h.Sum(nil)
}

// Just enough RLP for a legacy transaction.

func rlpUint(n uint64) []byte {
	return rlpBytes(trimZeros(new(big.Int).SetUint64(n).Bytes()))
}

func trimZeros(b []byte) []byte { return bytes.TrimLeft(b, "\x00") }

func rlpBytes(b []byte) []byte {
	if len(b) == 1 && b[0] < 0x80 {
		return b
	}
	return append(rlpLength(len(b), 0x80), b...)
}

func rlpList(items ...[]byte) []byte {
	body := bytes.Join(items, nil)
	return append(rlpLength(len(body), 0xc0), body...)
}

func rlpLength(n int, offset byte) []byte {
	if n < 56 {
		return []byte{offset + byte(n)}
	}
	l := trimZeros(big.NewInt(int64(n)).Bytes())
	return append([]byte{offset + 55 + byte(len(l))}, l...)
}
