package recovery

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/btcsuite/btcd/address/v2"
	"github.com/btcsuite/btcd/address/v2/base58"
	"github.com/btcsuite/btcd/btcec/v2"
	"github.com/btcsuite/btcd/btcec/v2/ecdsa"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// simnet is btcd's simulation network, for the real-node test.
var simnet = BitcoinParams{Magic: "Bitcoin Signed Message:\n", PubKeyHash: 0x3f, ScriptHash: 0x7b, SegwitHRP: "sb"}

// testnet is Bitcoin's test network, for Bitcoin Core's vector.
var testnet = BitcoinParams{Magic: "Bitcoin Signed Message:\n", PubKeyHash: 0x6f, ScriptHash: 0xc4, SegwitHRP: "tb"}

// Bitcoin Core's signmessagewithprivkey test (test/functional/
// rpc_signmessagewithprivkey.py): the key
// cUeKHd5orzT3mz8P9pxyREHfsWtVfgsfDjiZZBcjUBAaGk1BTj7N signs this message
// for this address, deterministically (RFC 6979).
const (
	coreAddress   = "mpLQjfK79b7CCV4VMJWEWAj5Mpx8Up5zxB"
	coreMessage   = "This is just a test message"
	coreSignature = "INbVnW4e6PeRmsv2Qgu8NuopvrVjkcxob+sX8OcZG0SALhWybUjzMLPdAsXI46YZGb0KQTRii+wWIQzRpG/U+S0="
)

func TestBitcoinCoreVector(t *testing.T) {
	if err := VerifyBitcoinMessage(testnet, coreAddress, coreMessage, coreSignature); err != nil {
		t.Fatalf("Bitcoin Core's vector: %v", err)
	}
	if err := VerifyBitcoinMessage(testnet, coreAddress, coreMessage+".", coreSignature); !errs.Is(err, errs.Invalid) {
		t.Errorf("another message verified: %v", err)
	}
	if err := VerifyBitcoinMessage(testnet, "mzJ5u1Fz8dvMcuN5QgMhxeMfcbuJrDUdTm", coreMessage, coreSignature); !errs.Is(err, errs.Invalid) {
		t.Errorf("another address verified: %v", err)
	}
}

// sign makes a signmessage signature with key for params' magic.
func sign(key *btcec.PrivateKey, p BitcoinParams, message string, compressed bool, headerOffset byte) string {
	sig := ecdsa.SignCompact(key, bitcoinMessageHash(p.Magic, message), compressed)
	sig[0] += headerOffset
	return base64.StdEncoding.EncodeToString(sig)
}

// Every address form a key has verifies its own signature and no other
// key's; malformed signatures are refused as bad input.
func TestBitcoinAddressForms(t *testing.T) {
	key, _ := btcec.NewPrivateKey()
	other, _ := btcec.NewPrivateKey()
	p := BitcoinFamily["bitcoin"]
	hash := address.Hash160(key.PubKey().SerializeCompressed())
	p2pkh := base58.CheckEncode(hash, p.PubKeyHash)
	p2pkhU := base58.CheckEncode(address.Hash160(key.PubKey().SerializeUncompressed()), p.PubKeyHash)
	wpkh := segwitAddr("bc", hash)
	shwpkh := base58.CheckEncode(address.Hash160(p2shP2wpkhScript(hash)), p.ScriptHash)
	const msg = "Groundcrew deposit recovery, appeal 1"
	for _, tc := range []struct {
		name, addr, sig string
		ok              bool
	}{
		{"p2pkh compressed", p2pkh, sign(key, p, msg, true, 0), true},
		{"p2pkh uncompressed", p2pkhU, sign(key, p, msg, false, 0), true},
		{"p2wpkh (BIP 137)", wpkh, sign(key, p, msg, true, 8), true},
		{"p2wpkh with the plain header", wpkh, sign(key, p, msg, true, 0), true},
		{"p2sh-p2wpkh (BIP 137)", shwpkh, sign(key, p, msg, true, 4), true},
		{"uppercase bech32", strings.ToUpper(wpkh), sign(key, p, msg, true, 8), true},
		{"another key", p2pkh, sign(other, p, msg, true, 0), false},
		{"uncompressed key for a compressed address", p2pkh, sign(key, p, msg, false, 0), false},
		{"litecoin's magic", p2pkh, sign(key, BitcoinFamily["litecoin"], msg, true, 0), false},
		{"not base64", p2pkh, "%%%", false},
		{"short", p2pkh, base64.StdEncoding.EncodeToString(make([]byte, 64)), false},
		{"bad header", p2pkh, base64.StdEncoding.EncodeToString(append([]byte{99}, make([]byte, 64)...)), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := VerifyBitcoinMessage(p, tc.addr, msg, tc.sig)
			if (err == nil) != tc.ok || err != nil && !errs.Is(err, errs.Invalid) {
				t.Errorf("verify: %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func FuzzVerifySignature(f *testing.F) {
	f.Add(coreAddress, coreMessage, coreSignature)
	f.Add("0x00000000000000000000000000000000000000aa", "hi", "0x"+strings.Repeat("1b", 65))
	f.Fuzz(func(t *testing.T, addr, msg, sig string) {
		if err := VerifyBitcoinMessage(testnet, addr, msg, sig); err != nil && !errs.Is(err, errs.Invalid) {
			t.Fatalf("bitcoin: %v is not Invalid", err)
		}
		if err := VerifyEthereumMessage(addr, msg, sig); err != nil && !errs.Is(err, errs.Invalid) {
			t.Fatalf("ethereum: %v is not Invalid", err)
		}
	})
}

// A signature from another address than the deposit's sender is refused,
// audited, and records nothing.
func TestSubmitProofFromAnotherAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.appeal(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM)
		key, _ := btcec.NewPrivateKey()
		sig := ethSign(key, Challenge(a))
		_, err := f.svc.SubmitProof(customerCtx(sandbox.UserLiWei), sandbox.UserLiWei, a.ID, sig)
		wantKind(t, err, errs.Invalid, "another address's key")
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM recovery_evidence`); n != 0 {
			t.Errorf("%d evidence rows after a bad signature", n)
		}
		if n := f.auditCount("recovery.refused"); n != 1 {
			t.Errorf("%d refusals audited, want 1", n)
		}
		_, err = f.svc.SubmitProof(customerCtx(sandbox.UserMaria), sandbox.UserMaria, a.ID, sig)
		wantKind(t, err, errs.NotFound, "no appeal")
	})
}

// ethSign is personal_sign done here, for tests without anvil.
func ethSign(key *btcec.PrivateKey, message string) string {
	hash := keccak([]byte(fmt.Sprintf("\x19Ethereum Signed Message:\n%d%s", len(message), message)))
	sig := ecdsa.SignCompact(key, hash, false)
	return "0x" + hex.EncodeToString(append(sig[1:], sig[0]))
}

func ethAddress(key *btcec.PrivateKey) string {
	return "0x" + hex.EncodeToString(keccak(key.PubKey().SerializeUncompressed()[1:])[12:])
}

func TestEthereumForms(t *testing.T) {
	key, _ := btcec.NewPrivateKey()
	other, _ := btcec.NewPrivateKey()
	const msg = "Groundcrew deposit recovery, appeal 2"
	sig := ethSign(key, msg)
	raw, _ := hex.DecodeString(sig[2:])
	raw[64] -= 27
	for _, tc := range []struct {
		name, addr, sig string
		ok              bool
	}{
		{"v 27/28", ethAddress(key), sig, true},
		{"v 0/1", ethAddress(key), "0x" + hex.EncodeToString(raw), true},
		{"checksum case", strings.ToUpper(ethAddress(key)[:10]) + ethAddress(key)[10:], sig, true},
		{"another key", ethAddress(key), ethSign(other, msg), false},
		{"v 29", ethAddress(key), sig[:len(sig)-2] + "1d", false},
		{"short", ethAddress(key), sig[:20], false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := VerifyEthereumMessage(strings.Replace(tc.addr, "0X", "0x", 1), msg, tc.sig); (err == nil) != tc.ok {
				t.Errorf("verify: %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

// --- real nodes ---------------------------------------------------------

func findNode(env string, candidates ...string) string {
	if p := os.Getenv(env); p != "" {
		return p
	}
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
		if matches, _ := filepath.Glob(c); len(matches) > 0 {
			return matches[0]
		}
	}
	return ""
}

func missingNode(t *testing.T, name string) {
	msg := name + " not found: run scripts/install-chain-nodes.sh"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// rpc is one JSON-RPC 1.0/2.0 call over HTTP.
func rpc(url, user, pass, method string, out any, params ...any) error {
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if user != "" {
		req.SetBasicAuth(user, pass)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var r struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return fmt.Errorf("%s: HTTP %d: %w", method, resp.StatusCode, err)
	}
	if r.Error != nil {
		return fmt.Errorf("%s: %s", method, r.Error.Message)
	}
	return json.Unmarshal(r.Result, out)
}

// startNode runs exe with args until the test ends, waiting until ready
// answers.
func startNode(t *testing.T, exe string, args []string, home string, ready func() error) {
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "HOME="+home)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", exe, err)
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
	deadline := time.Now().Add(30 * time.Second)
	for ready() != nil {
		select {
		case <-exited:
			t.Fatalf("%s exited: %s", exe, out.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not ready after 30s: %s", exe, out.String())
		}
	}
}

// Anvil's dev accounts sign with personal_sign and eth_sign; Groundcrew
// verifies both for the account and refuses them for another.
func TestPersonalSignFromAnvil(t *testing.T) {
	home, _ := os.UserHomeDir()
	exe := findNode("GROUNDCREW_ANVIL", "anvil", filepath.Join(home, ".cache", "groundcrew-anvil", "node_modules", "@foundry-rs", "anvil-*", "bin", "anvil"))
	if exe == "" {
		missingNode(t, "anvil")
	}
	url := fmt.Sprintf("http://127.0.0.1:%d", freePort(t))
	port := strings.TrimPrefix(url, "http://127.0.0.1:")
	var accounts []string
	startNode(t, exe, []string{"--host", "127.0.0.1", "--port", port, "--silent", "--accounts", "2"}, t.TempDir(),
		func() error { return rpc(url, "", "", "eth_accounts", &accounts) })
	a := Appeal{ID: 41, Network: "bsc", TxID: sandbox.TxWrongNetworkEVM, From: accounts[0]}
	msg := Challenge(a)
	var personal, ethSig string
	if err := rpc(url, "", "", "personal_sign", &personal, "0x"+hex.EncodeToString([]byte(msg)), accounts[0]); err != nil {
		t.Fatal(err)
	}
	if err := rpc(url, "", "", "eth_sign", &ethSig, accounts[0], "0x"+hex.EncodeToString([]byte(msg))); err != nil {
		t.Fatal(err)
	}
	for name, sig := range map[string]string{"personal_sign": personal, "eth_sign": ethSig} {
		if err := VerifyOwnership(a, sig); err != nil {
			t.Errorf("%s by %s: %v", name, accounts[0], err)
		}
		b := a
		b.From = accounts[1]
		if err := VerifyOwnership(b, sig); !errs.Is(err, errs.Invalid) {
			t.Errorf("%s by %s verified for %s: %v", name, accounts[0], accounts[1], err)
		}
		c := a
		c.ID = 42
		if err := VerifyOwnership(c, sig); !errs.Is(err, errs.Invalid) {
			t.Errorf("%s for appeal 41 verified for appeal 42: %v", name, err)
		}
	}
}

// btcd has no wallet to sign with, but it verifies signmessage signatures
// (verifymessage): what Groundcrew accepts, btcd accepts, and what one
// refuses the other refuses.
func TestSignMessageAgainstBtcd(t *testing.T) {
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		home, _ := os.UserHomeDir()
		gopath = filepath.Join(home, "go")
	}
	exe := findNode("GROUNDCREW_BTCD", "btcd", filepath.Join(gopath, "bin", "btcd"))
	if exe == "" {
		missingNode(t, "btcd")
	}
	dir := t.TempDir()
	rpcAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	url := "http://" + rpcAddr
	startNode(t, exe, []string{"--simnet", "--notls", "--rpcuser=test", "--rpcpass=test-pass", "--rpclisten=" + rpcAddr,
		fmt.Sprintf("--listen=127.0.0.1:%d", freePort(t)), "--datadir=" + filepath.Join(dir, "data"), "--logdir=" + filepath.Join(dir, "logs"),
		"--debuglevel=warn"}, dir, func() error {
		var h int64
		return rpc(url, "test", "test-pass", "getblockcount", &h)
	})
	key, _ := btcec.NewPrivateKey()
	other, _ := btcec.NewPrivateKey()
	addr := base58.CheckEncode(address.Hash160(key.PubKey().SerializeCompressed()), simnet.PubKeyHash)
	a := Appeal{ID: 7, Network: "bitcoin", TxID: sandbox.TxBelowMinimum, From: addr}
	msg := Challenge(a)
	for _, tc := range []struct {
		name string
		sig  string
		ok   bool
	}{
		{"own key", sign(key, simnet, msg, true, 0), true},
		{"another key", sign(other, simnet, msg, true, 0), false},
	} {
		var btcdSays bool
		if err := rpc(url, "test", "test-pass", "verifymessage", &btcdSays, addr, tc.sig, msg); err != nil {
			t.Fatal(err)
		}
		ours := VerifyBitcoinMessage(simnet, addr, msg, tc.sig)
		if btcdSays != tc.ok || (ours == nil) != tc.ok {
			t.Errorf("%s: btcd says %v, Groundcrew says %v; want ok=%v", tc.name, btcdSays, ours, tc.ok)
		}
	}

}

// A case that needs a signature is approved only after a valid one.
func TestSignatureGatesApproval(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.appeal(sandbox.UserJordan, sandbox.TxMissingTag)
		key, _ := btcec.NewPrivateKey()
		// The sandbox's senders have no keys: make this one a key we hold,
		// on a network where signatures are verified.
		if _, err := db.Exec(context.Background(), `UPDATE recovery_appeals SET needs = 'signature', network = 'ethereum', from_address = ? WHERE id = ?`,
			ethAddress(key), a.ID); err != nil {
			t.Fatal(err)
		}
		_, err := f.svc.Approve(agentCtx(), 1, a.ID, "")
		wantKind(t, err, errs.Conflict, "not yet proved")
		a, err = f.svc.Get(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		a, err = f.svc.SubmitProof(customerCtx(sandbox.UserJordan), sandbox.UserJordan, a.ID, ethSign(key, Challenge(a)))
		if err != nil || a.ProofAddress != ethAddress(key) || a.Evidence != 1 {
			t.Fatalf("proof: %+v, %v", a, err)
		}
		if n := f.auditCount("recovery.proof_verified"); n != 1 {
			t.Errorf("%d proofs audited, want 1", n)
		}
	})
}
