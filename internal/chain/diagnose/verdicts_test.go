package diagnose_test

import (
	"context"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
)

// ledger is a chain that knows the transactions a test stages on it: the
// verdicts below need transactions the demo does not hold.
type ledger struct {
	network string
	txs     map[string]chain.Tx
}

func (l ledger) Network() string { return l.network }
func (l ledger) Transaction(_ context.Context, txid string) (chain.Tx, error) {
	if tx, ok := l.txs[strings.ToLower(txid)]; ok {
		return tx, nil
	}
	return chain.Tx{}, errs.E(errs.NotFound, "no transaction %s", txid)
}
func (l ledger) TransfersTo(context.Context, string, int64) ([]chain.TxTransfer, error) {
	return nil, nil
}

func addressOf(t *testing.T, x exchange.Exchange, user, network string) string {
	t.Helper()
	as, err := x.DepositAddresses(context.Background(), user)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.Network == network {
			return a.Address
		}
	}
	t.Fatalf("user %s has no %s deposit address", user, network)
	return ""
}

func assetOf(t *testing.T, x exchange.Exchange, network, symbol string) exchange.Asset {
	t.Helper()
	as, _ := x.Assets(context.Background())
	for _, a := range as {
		if a.Network == network && a.Symbol == symbol {
			return a
		}
	}
	t.Fatalf("no %s on %s", symbol, network)
	return exchange.Asset{}
}

func TestOtherVerdicts(t *testing.T) {
	d, x := newDiagnoser(t)
	user := sandbox.UserMaria
	ethAddr := addressOf(t, x, user, "ethereum")
	polyAddr := addressOf(t, x, user, "polygon")
	usdc := assetOf(t, x, "polygon", "USDC")
	xrpShared := sandbox.Scenarios()[1].Address
	hash := func(c byte) string { return "0x" + strings.Repeat(string(c), 64) }
	eth := ledger{"ethereum", map[string]chain.Tx{
		hash('a'): {Network: "ethereum", TxID: hash('a'), BlockHeight: 100, Confirmations: 50, Failed: true,
			Transfers: []chain.Transfer{{Asset: "ETH", To: ethAddr, Amount: "1000000000000000000"}}},
		hash('b'): {Network: "ethereum", TxID: hash('b'), BlockHeight: 100, Confirmations: 50,
			Transfers: []chain.Transfer{{Asset: "ETH", To: ethAddr, Amount: "2000000000000000000"}}},
	}}
	poly := ledger{"polygon", map[string]chain.Tx{
		hash('c'): {Network: "polygon", TxID: hash('c'), BlockHeight: 100, Confirmations: 500,
			Transfers: []chain.Transfer{{Asset: "USDC", Contract: usdc.Contract, To: polyAddr, Amount: "50000000"}}},
	}}
	xrpTx := strings.Repeat("D", 64)
	xrp := ledger{"xrp", map[string]chain.Tx{
		strings.ToLower(xrpTx): {Network: "xrp", TxID: xrpTx, BlockHeight: 100, Confirmations: 10,
			Transfers: []chain.Transfer{{Asset: "XRP", To: xrpShared, Amount: "50000000", Memo: "424242"}}},
	}}
	d.Clients = map[string]chain.Client{"ethereum": eth, "polygon": poly, "xrp": xrp}
	cases := []struct{ name, txid, address, want, step string }{
		{"failed on chain", hash('a'), ethAddr, diagnose.Failed, diagnose.StepContactSender},
		{"confirmed, not credited", hash('b'), ethAddr, diagnose.NotCredited, diagnose.StepContactSupport},
		{"deposits paused", hash('c'), polyAddr, diagnose.DepositsSuspended, diagnose.StepWait},
		{"memo of nobody", xrpTx, "", diagnose.WrongMemo, diagnose.StepSelfCredit},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := d.Diagnose(context.Background(), diagnose.Request{TxID: tc.txid, Address: tc.address, UserID: user, Language: "fr"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Verdict != tc.want || res.NextStep.Kind != tc.step {
				t.Fatalf("verdict %s / %s, want %s / %s; evidence %+v", res.Verdict, res.NextStep.Kind, tc.want, tc.step, res.Evidence)
			}
			if strings.ContainsAny(res.Explanation, "{}") || res.Explanation == "" {
				t.Errorf("explanation %q", res.Explanation)
			}
		})
	}
}
