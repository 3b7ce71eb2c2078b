package bitcoin

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"go/build"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/btcsuite/btcd/address/v2"
	"github.com/btcsuite/btcd/btcec/v2"
	"github.com/btcsuite/btcd/chaincfg/v2"
	"github.com/btcsuite/btcd/chainhash/v2"
	"github.com/btcsuite/btcd/txscript/v2"
	"github.com/btcsuite/btcd/wire/v2"
)

// btcdNode is a btcd on simnet started for one test, with a key whose
// address receives the block rewards, so the test can spend them without a
// wallet.
type btcdNode struct {
	t      *testing.T
	client *Client // network "bitcoin", symbol BTC, plain HTTP (--notls)
	url    string
	miner  *btcec.PrivateKey
	addr   address.Address // the miner's P2PKH address
	spent  int64           // coinbases of blocks 1..spent are spent
}

// findBtcd looks for the btcd binary where scripts/install-chain-nodes.sh
// puts it: $GROUNDCREW_BTCD, PATH, then go install's folder ($(go env GOBIN),
// else $(go env GOPATH)/bin).
func findBtcd() string {
	if p := os.Getenv("GROUNDCREW_BTCD"); p != "" {
		return p
	}
	if p, err := exec.LookPath("btcd"); err == nil {
		return p
	}
	var dirs []string
	if out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output(); err == nil {
		lines := strings.Split(string(out), "\n")
		if gobin := strings.TrimSpace(lines[0]); gobin != "" {
			dirs = append(dirs, gobin)
		}
		if len(lines) > 1 {
			for _, dir := range filepath.SplitList(strings.TrimSpace(lines[1])) {
				dirs = append(dirs, filepath.Join(dir, "bin"))
			}
		}
	}
	dirs = append(dirs, filepath.Join(build.Default.GOPATH, "bin"))
	for _, dir := range dirs {
		p := filepath.Join(dir, "btcd")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startBtcd starts btcd --simnet --notls on free loopback ports in a
// temporary folder, with extra flags appended, and waits for its RPC.
func startBtcd(t *testing.T, extra ...string) *btcdNode {
	t.Helper()
	exe := findBtcd()
	if exe == "" {
		if os.Getenv("CI") != "" {
			// CI must test against the real node; a missing one is a broken set-up.
			t.Fatal("btcd not found on PATH, in $(go env GOPATH)/bin or $GROUNDCREW_BTCD: run scripts/install-chain-nodes.sh")
		}
		t.Skip("btcd not found on PATH, in $(go env GOPATH)/bin or $GROUNDCREW_BTCD: run scripts/install-chain-nodes.sh")
	}
	key, err := btcec.NewPrivateKey()
	if err != nil {
		t.Fatal(err)
	}
	miner, err := address.NewAddressPubKeyHash(address.Hash160(key.PubKey().SerializeCompressed()), &chaincfg.SimNetParams)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rpcAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	args := append([]string{
		"--simnet", "--notls",
		"--rpcuser=test", "--rpcpass=test-pass",
		"--rpclisten=" + rpcAddr,
		fmt.Sprintf("--listen=127.0.0.1:%d", freePort(t)),
		"--datadir=" + filepath.Join(dir, "data"),
		"--logdir=" + filepath.Join(dir, "logs"),
		"--miningaddr=" + miner.EncodeAddress(),
		"--debuglevel=warn",
	}, extra...)
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir) // btcd creates ~/.btcd even on simnet
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("start btcd: %v", err)
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

	c, err := New(Config{Network: "bitcoin", URL: "http://" + rpcAddr, User: "test", Password: "test-pass", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	n := &btcdNode{t: t, client: c, url: "http://" + rpcAddr, miner: key, addr: miner}
	for {
		var height int64
		err := c.rpc.Call(context.Background(), "getblockcount", &height)
		if err == nil {
			break
		}
		select {
		case <-exited:
			t.Fatalf("btcd exited: %s", output.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("btcd RPC not ready after 30s: %v\n%s", err, output.String())
		}
	}
	t.Logf("btcd %s ready in %v", rpcAddr, time.Since(start).Round(time.Millisecond))
	return n
}

// call runs an RPC call that must succeed.
func (n *btcdNode) call(method string, out any, params ...any) {
	n.t.Helper()
	if err := n.client.rpc.Call(context.Background(), method, out, params...); err != nil {
		n.t.Fatalf("%s: %v", method, err)
	}
}

// generate mines blocks on the node.
func (n *btcdNode) generate(blocks int) {
	n.t.Helper()
	n.call("generate", nil, blocks)
}

// newAddress returns a fresh simnet P2PKH address nobody will spend from.
func newAddress(t *testing.T) address.Address {
	t.Helper()
	key, err := btcec.NewPrivateKey()
	if err != nil {
		t.Fatal(err)
	}
	a, err := address.NewAddressPubKeyHash(address.Hash160(key.PubKey().SerializeCompressed()), &chaincfg.SimNetParams)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

type payment struct {
	to   address.Address
	sats int64
}

// pay spends the next unspent block reward (it must be mature: generate 101
// blocks first) to the given outputs, sends the change back to the miner
// after a 10,000-satoshi fee, and returns the txid.
func (n *btcdNode) pay(outputs ...payment) string {
	n.t.Helper()
	n.spent++
	var blockHash string
	n.call("getblockhash", &blockHash, n.spent)
	var block struct {
		Tx []string `json:"tx"`
	}
	n.call("getblock", &block, blockHash)
	var coinbase rawTx
	n.call("getrawtransaction", &coinbase, block.Tx[0], 1)
	reward, err := amountToBase(coinbase.Vout[0].Value)
	if err != nil {
		n.t.Fatal(err)
	}
	change, _ := strconv.ParseInt(reward, 10, 64)
	change -= 10_000

	prev, err := chainhash.NewHashFromStr(block.Tx[0])
	if err != nil {
		n.t.Fatal(err)
	}
	tx := wire.NewMsgTx(wire.TxVersion)
	tx.AddTxIn(wire.NewTxIn(wire.NewOutPoint(prev, 0), nil, nil))
	for _, o := range outputs {
		tx.AddTxOut(wire.NewTxOut(o.sats, n.script(o.to)))
		change -= o.sats
	}
	tx.AddTxOut(wire.NewTxOut(change, n.script(n.addr)))
	sig, err := txscript.SignatureScript(tx, 0, n.script(n.addr), txscript.SigHashAll, n.miner, true)
	if err != nil {
		n.t.Fatal(err)
	}
	tx.TxIn[0].SignatureScript = sig
	var buf bytes.Buffer
	if err := tx.Serialize(&buf); err != nil {
		n.t.Fatal(err)
	}
	var txid string
	n.call("sendrawtransaction", &txid, hex.EncodeToString(buf.Bytes()))
	return txid
}

func (n *btcdNode) script(a address.Address) []byte {
	n.t.Helper()
	s, err := txscript.PayToAddrScript(a)
	if err != nil {
		n.t.Fatal(err)
	}
	return s
}
