package diagnose_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
)

// newDiagnoser wires diagnosis to the real registry, the sandbox exchange
// and the sandbox chains, as the embedded deployment does.
func newDiagnoser(t testing.TB) (*diagnose.Diagnoser, *sandbox.Exchange) {
	t.Helper()
	reg, err := chain.LoadRegistry("")
	if err != nil {
		t.Fatal(err)
	}
	x := sandbox.New(time.Now)
	clients := map[string]chain.Client{}
	for _, c := range x.Chains() {
		clients[c.Network()] = c
	}
	return &diagnose.Diagnoser{Registry: diagnose.FromRegistry(reg), Exchange: diagnose.FromExchange(x), Clients: clients, RecoveryFee: "25 USDT"}, x
}

func TestDemoScenarios(t *testing.T) {
	d, _ := newDiagnoser(t)
	for _, sc := range sandbox.Scenarios() {
		for _, withAddress := range []bool{true, false} {
			name := sc.Name
			if !withAddress {
				name += " (TxID only)"
			}
			t.Run(name, func(t *testing.T) {
				req := diagnose.Request{TxID: sc.TxID, UserID: sc.UserID}
				if withAddress {
					req.Address = sc.Address
				}
				res, err := d.Diagnose(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				want := sc.Expect
				if !withAddress && sc.Expect == sandbox.ExpectWrongNetwork {
					// Without the address the customer meant, the transfer simply
					// went to an address that is not theirs.
					want = diagnose.NotOurAddress
				}
				if res.Verdict != want {
					t.Fatalf("verdict %s, want %s; evidence %+v", res.Verdict, want, res.Evidence)
				}
				if res.Title == "" || res.Explanation == "" || res.NextStep.Kind == "" || strings.Contains(res.Explanation, "{") {
					t.Errorf("incomplete answer: %+v", res)
				}
			})
		}
	}
}

func TestPendingShowsProgressAndETA(t *testing.T) {
	d, _ := newDiagnoser(t)
	res, err := d.Diagnose(context.Background(), diagnose.Request{TxID: sandbox.TxAwaitingConfirmations, Language: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != diagnose.Pending || res.Confirmations != 1 || res.RequiredConfirmations != 2 || res.ETAMinutes < 1 {
		t.Fatalf("pending answer = %+v", res)
	}
	if res.Language != "vi" || res.NextStep.Kind != diagnose.StepWait {
		t.Fatalf("language/next step = %s/%s", res.Language, res.NextStep.Kind)
	}
}

func TestExplanationsInEveryLanguage(t *testing.T) {
	d, _ := newDiagnoser(t)
	sc := sandbox.Scenarios()[1] // missing tag
	seen := map[string]string{}
	for _, lang := range []string{"en", "zh", "es", "pt", "ru", "tr", "vi", "fr", "de", "it", "id", "ar", "uk", "pl", "ja", "ko", "th"} {
		res, err := d.Diagnose(context.Background(), diagnose.Request{TxID: sc.TxID, Address: sc.Address, UserID: sc.UserID, Language: lang})
		if err != nil {
			t.Fatal(err)
		}
		if res.Language != lang || strings.ContainsAny(res.Explanation, "{}") || strings.ContainsAny(res.NextStep.Text, "{}") {
			t.Errorf("%s: %q / %q", lang, res.Explanation, res.NextStep.Text)
		}
		if other, dup := seen[res.Explanation]; dup {
			t.Errorf("%s explanation is the same text as %s's", lang, other)
		}
		seen[res.Explanation] = lang
	}
}

func TestNotFoundAndBadTxID(t *testing.T) {
	d, _ := newDiagnoser(t)
	cases := map[string]string{
		"unknown hash":     "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
		"not a txid":       "hello, where is my money",
		"zero-width trick": "33e6c8c2909e52acd4b4d861530a1931\u200bcc7c950b176d70cc8d5c1982280c14d1x",
	}
	for name, txid := range cases {
		res, err := d.Diagnose(context.Background(), diagnose.Request{TxID: txid})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if res.Verdict != diagnose.NotFound || res.NextStep.Kind != diagnose.StepCheckTxID {
			t.Errorf("%s: verdict %s / %s", name, res.Verdict, res.NextStep.Kind)
		}
	}
	if _, err := d.Diagnose(context.Background(), diagnose.Request{TxID: " "}); err == nil {
		t.Error("empty txid accepted")
	}
	if _, err := d.Diagnose(context.Background(), diagnose.Request{TxID: sandbox.TxCredited, Network: "dogechain"}); err == nil {
		t.Error("unknown network accepted")
	}
}

// slowClient never answers before its context ends, like a stuck node.
type slowClient struct{ network string }

func (c slowClient) Network() string { return c.network }
func (c slowClient) Transaction(ctx context.Context, txid string) (chain.Tx, error) {
	<-ctx.Done()
	return chain.Tx{}, ctx.Err()
}
func (c slowClient) TransfersTo(ctx context.Context, address string, from int64) ([]chain.TxTransfer, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestNodeDownIsAVerdictNotACrash(t *testing.T) {
	d, _ := newDiagnoser(t)
	d.Clients["bitcoin"] = slowClient{"bitcoin"}
	d.Timeout = 100 * time.Millisecond
	res, err := d.Diagnose(context.Background(), diagnose.Request{TxID: sandbox.TxAwaitingConfirmations, Network: "bitcoin"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != diagnose.NodeUnavailable || res.NextStep.Kind != diagnose.StepRetryLater {
		t.Fatalf("verdict %s, want node_unavailable; %+v", res.Verdict, res.Evidence)
	}
}

// TestSameTxIDOnTwoEVMChains: an EVM hash can exist on several chains; the
// answer says so.
func TestSameTxIDOnTwoEVMChains(t *testing.T) {
	d, _ := newDiagnoser(t)
	d.Clients["bsc"] = renamed{d.Clients["ethereum"], "bsc"}
	res, err := d.Diagnose(context.Background(), diagnose.Request{TxID: sandbox.TxCredited})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.AlsoFoundOn) != 1 {
		t.Fatalf("also_found_on = %v, want the second chain", res.AlsoFoundOn)
	}
	found := false
	for _, e := range res.Evidence {
		found = found || strings.Contains(e.Label, "several networks")
	}
	if !found {
		t.Errorf("evidence does not mention the TxID on several networks: %+v", res.Evidence)
	}
}

// renamed serves one chain's data as another network's, to stage the same
// hash on two EVM chains.
type renamed struct {
	chain.Client
	network string
}

func (r renamed) Network() string { return r.network }
func (r renamed) Transaction(ctx context.Context, txid string) (chain.Tx, error) {
	tx, err := r.Client.Transaction(ctx, txid)
	tx.Network = r.network
	return tx, err
}

func TestFromMessage(t *testing.T) {
	d, _ := newDiagnoser(t)
	sc := sandbox.Scenarios()[0] // wrong network
	text := "hi, I sent USDT to " + sc.Address + ". The TxID is " + sc.TxID + " — where is it?"
	res, ok, err := d.FromMessage(context.Background(), text, sc.UserID, "zh")
	if err != nil || !ok {
		t.Fatalf("FromMessage: ok=%v err=%v", ok, err)
	}
	if res.Verdict != sc.Expect || res.Language != "zh" {
		t.Fatalf("verdict %s (%s), want %s", res.Verdict, res.Language, sc.Expect)
	}
	if _, ok, _ := d.FromMessage(context.Background(), "where is my money?? address "+sc.Address, sc.UserID, "en"); ok {
		t.Fatal("diagnosed a message without a TxID")
	}
}

// FuzzFromMessage: any chat text is either not a diagnosis or a complete one.
func FuzzFromMessage(f *testing.F) {
	d, _ := newDiagnoser(f)
	for _, sc := range sandbox.Scenarios() {
		f.Add("txid " + sc.TxID + " to " + sc.Address)
	}
	f.Add("where is my money")
	f.Fuzz(func(t *testing.T, text string) {
		res, ok, err := d.FromMessage(context.Background(), text, "u-1001", "en")
		if err != nil {
			return // a clear refusal, e.g. an over-long TxID
		}
		if ok && (res.Verdict == "" || res.Explanation == "" || res.NextStep.Kind == "") {
			t.Fatalf("incomplete diagnosis for %q: %+v", text, res)
		}
	})
}
