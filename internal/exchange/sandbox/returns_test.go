package sandbox

import (
	"context"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

// USDT sent on BSC to an Ethereum deposit address is credited once: the
// exchange holds that address's key on every EVM network.
func TestCreditWrongEVMNetwork(t *testing.T) {
	x, _ := newSandbox(t)
	ctx := context.Background()
	res, err := x.CreditDeposit(ctx, credit("bsc", TxWrongNetworkEVM, UserLiWei, "USDT", "175", "w1"))
	if err != nil || res.DepositID == "" {
		t.Fatalf("credit: %+v, %v", res, err)
	}
	_, err = x.CreditDeposit(ctx, credit("bsc", TxWrongNetworkEVM, UserLiWei, "USDT", "175", "w2"))
	wantKind(t, err, errs.Conflict, "already credited")
	_, err = x.CreditDeposit(ctx, credit("bsc", TxWrongNetworkEVM, UserMaria, "USDT", "1", "w3"))
	wantKind(t, err, errs.Conflict, "")
}

func TestReturnDeposit(t *testing.T) {
	x, _ := newSandbox(t)
	ctx := context.Background()
	tx, err := x.Chain("ethereum").Transaction(ctx, TxUnlistedToken)
	if err != nil {
		t.Fatal(err)
	}
	sender := tx.Transfers[0].From
	req := exchange.ReturnRequest{Network: "ethereum", TxID: TxUnlistedToken, UserID: UserAyse, Contract: ShibContract, Asset: "SHIB",
		Amount: "2400000", ToAddress: sender, TicketRef: "T-9", IdempotencyKey: "r1"}
	for _, tc := range []struct {
		name   string
		change func(*exchange.ReturnRequest)
		kind   errs.Kind
		says   string
	}{
		{"not the sender", func(r *exchange.ReturnRequest) { r.ToAddress = LiWeiEthereumAddress() }, errs.Conflict, "came from"},
		{"more than arrived", func(r *exchange.ReturnRequest) { r.Amount = "2500001" }, errs.Conflict, "more than"},
		{"other user", func(r *exchange.ReturnRequest) { r.UserID = UserMaria }, errs.Conflict, "sent nothing"},
		{"unknown tx", func(r *exchange.ReturnRequest) { r.TxID = TxCredited[:10] + "00" + TxCredited[12:] }, errs.NotFound, "no transaction"},
		{"no key", func(r *exchange.ReturnRequest) { r.IdempotencyKey = "" }, errs.Invalid, "idempotency_key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := req
			r.IdempotencyKey = "bad-" + tc.name
			tc.change(&r)
			_, err := x.ReturnDeposit(ctx, r)
			wantKind(t, err, tc.kind, tc.says)
		})
	}
	res, err := x.ReturnDeposit(ctx, req)
	if err != nil || res.TxID == "" || res.Replayed {
		t.Fatalf("return: %+v, %v", res, err)
	}
	again, err := x.ReturnDeposit(ctx, req)
	if err != nil || !again.Replayed || again.TxID != res.TxID {
		t.Fatalf("repeat: %+v, %v; want the first result replayed", again, err)
	}
	req.IdempotencyKey = "r2"
	_, err = x.ReturnDeposit(ctx, req)
	wantKind(t, err, errs.Conflict, "already returned")
	out, err := x.Chain("ethereum").Transaction(ctx, res.TxID)
	if err != nil || out.Confirmations != 1 || out.Transfers[0].To != sender || out.Transfers[0].Amount != "2400000000000000000000000" {
		t.Fatalf("return tx on chain: %+v, %v", out, err)
	}
	if err := x.Mine("ethereum", 11); err != nil {
		t.Fatal(err)
	}
	if out, _ = x.Chain("ethereum").Transaction(ctx, res.TxID); out.Confirmations != 12 {
		t.Errorf("after 11 blocks the return has %d confirmations, want 12", out.Confirmations)
	}
}
