package exchangehttp

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
)

var (
	testSecret = []byte("s3cr3t-s3cr3t-s3cr3t-s3cr3t-0001")
	sandboxNow = func() time.Time { return time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC) }
	quietLog   = slog.New(slog.NewTextHandler(io.Discard, nil))
)

// serve puts a fresh sandbox behind a Server on httptest and returns it
// with a Client for it.
func serve(t *testing.T) (*sandbox.Exchange, *Client, *httptest.Server) {
	t.Helper()
	sb := sandbox.New(sandboxNow)
	srv, err := NewServer(sb, ServerConfig{Keys: map[string][]byte{"groundcrew-1": testSecret}, Log: quietLog})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c, err := NewClient(Config{BaseURL: ts.URL, KeyID: "groundcrew-1", Secret: testSecret, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return sb, c, ts
}

// outcome is what a call gave, in a form both sides can be compared in.
type outcome struct {
	Value  any
	Kind   string
	Msg    string
	Field  string
	Shared bool
}

func outcomeOf(v any, err error) outcome {
	if err == nil {
		return outcome{Value: v}
	}
	o := outcome{Kind: errs.KindOf(err).String(), Shared: errors.Is(err, exchange.ErrSharedAddress)}
	if e, ok := errs.As(err); ok {
		o.Msg, o.Field = e.Msg, e.Field
	}
	return o
}

type call struct {
	name string
	do   func(ctx context.Context, x exchange.Exchange) (any, error)
}

// calls covers every method with good and bad input. Actions come last and
// in order, since each changes the state the next one sees.
func calls() []call {
	var cs []call
	add := func(name string, do func(ctx context.Context, x exchange.Exchange) (any, error)) {
		cs = append(cs, call{name, do})
	}
	users := []string{sandbox.UserMaria, sandbox.UserLiWei, sandbox.UserJordan, sandbox.UserAyse, sandbox.UserAn,
		sandbox.UserOlena, sandbox.UserKarim, "u-404", "", "u 1/../x", "ü?#%"}
	for _, u := range users {
		add("User "+u, func(ctx context.Context, x exchange.Exchange) (any, error) { return x.User(ctx, u) })
		add("DepositAddresses "+u, func(ctx context.Context, x exchange.Exchange) (any, error) { return x.DepositAddresses(ctx, u) })
		add("Deposits "+u, func(ctx context.Context, x exchange.Exchange) (any, error) { return x.Deposits(ctx, u) })
		add("Withdrawals "+u, func(ctx context.Context, x exchange.Exchange) (any, error) { return x.Withdrawals(ctx, u) })
		for _, limit := range []int{0, 2, 1000} {
			add("LoginEvents "+u, func(ctx context.Context, x exchange.Exchange) (any, error) { return x.LoginEvents(ctx, u, limit) })
		}
	}
	for _, sc := range sandbox.Scenarios() {
		add("FindDepositAddress "+sc.Name, func(ctx context.Context, x exchange.Exchange) (any, error) {
			return x.FindDepositAddress(ctx, sc.Network, sc.Address, sc.Memo)
		})
		add("DepositByTxID "+sc.Name, func(ctx context.Context, x exchange.Exchange) (any, error) {
			return x.DepositByTxID(ctx, sc.Network, sc.TxID)
		})
	}
	missing := sandbox.Scenarios()[1]
	for _, in := range [][3]string{{"xrp", missing.Address, "999"}, {"dogechain", "x", ""}, {"bitcoin", "", ""},
		{"ethereum", strings.ToLower(sandbox.Scenarios()[0].Address), ""}, {"tron", "T" + strings.Repeat("1", 33), "&memo=1"}} {
		add("FindDepositAddress "+strings.Join(in[:], ","), func(ctx context.Context, x exchange.Exchange) (any, error) {
			return x.FindDepositAddress(ctx, in[0], in[1], in[2])
		})
	}
	add("DepositByTxID bad network", func(ctx context.Context, x exchange.Exchange) (any, error) { return x.DepositByTxID(ctx, "", "x") })
	add("Assets", func(ctx context.Context, x exchange.Exchange) (any, error) { return x.Assets(ctx) })

	actions := []struct {
		name string
		do   func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error)
	}{
		{"unlock refused by hold", func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error) {
			return x.UnlockWithdrawals(ctx, sandbox.UserOlena, "T-1")
		}},
		{"unlock", func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error) {
			return x.UnlockWithdrawals(ctx, sandbox.UserMaria, "T-2")
		}},
		{"unlock repeat", func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error) {
			return x.UnlockWithdrawals(ctx, sandbox.UserMaria, "T-2")
		}},
		{"2fa refused by settings lock", func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error) {
			return x.RequestTwoFactorReset(ctx, sandbox.UserAyse, "T-3")
		}},
		{"2fa", func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error) {
			return x.RequestTwoFactorReset(ctx, sandbox.UserAn, "T-4")
		}},
		{"2fa no ticket", func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error) {
			return x.RequestTwoFactorReset(ctx, sandbox.UserAn, "")
		}},
		{"freeze", func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error) {
			return x.FreezeAccount(ctx, sandbox.UserJordan, "stolen phone")
		}},
		{"freeze unknown", func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error) {
			return x.FreezeAccount(ctx, "u-404", "x")
		}},
		{"credit frozen", func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error) {
			return x.CreditDeposit(ctx, exchange.CreditRequest{Network: "xrp", TxID: missing.TxID, UserID: sandbox.UserJordan,
				Asset: "XRP", Amount: "480", TicketRef: "T-5", IdempotencyKey: "k-1"})
		}},
		{"credit below minimum", func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error) {
			return x.CreditDeposit(ctx, exchange.CreditRequest{Network: "bitcoin", TxID: sandbox.TxBelowMinimum, UserID: sandbox.UserOlena,
				Asset: "BTC", Amount: "0.00015", TicketRef: "T-6", IdempotencyKey: "k-2"})
		}},
		{"credit repeat", func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error) {
			return x.CreditDeposit(ctx, exchange.CreditRequest{Network: "bitcoin", TxID: sandbox.TxBelowMinimum, UserID: sandbox.UserOlena,
				Asset: "BTC", Amount: "0.00015", TicketRef: "T-6", IdempotencyKey: "k-2"})
		}},
		{"credit bad amount", func(ctx context.Context, x exchange.Exchange) (exchange.ActionResult, error) {
			return x.CreditDeposit(ctx, exchange.CreditRequest{Network: "bitcoin", TxID: "x", UserID: "u", Asset: "BTC", Amount: "1e9",
				TicketRef: "T", IdempotencyKey: "k"})
		}},
	}
	for _, a := range actions {
		add("action "+a.name, func(ctx context.Context, x exchange.Exchange) (any, error) { return a.do(ctx, x) })
	}
	add("User after actions", func(ctx context.Context, x exchange.Exchange) (any, error) { return x.User(ctx, sandbox.UserJordan) })
	add("Deposits after actions", func(ctx context.Context, x exchange.Exchange) (any, error) { return x.Deposits(ctx, sandbox.UserOlena) })
	return cs
}

// The client over HTTP must answer exactly as the sandbox does in process.
func TestClientMatchesSandbox(t *testing.T) {
	direct := sandbox.New(sandboxNow)
	_, client, _ := serve(t)
	ctx := context.Background()
	for _, c := range calls() {
		want := outcomeOf(c.do(ctx, direct))
		got := outcomeOf(c.do(ctx, client))
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: (-sandbox +http)\n%s", c.name, d)
		}
	}
}

func TestClientErrorKinds(t *testing.T) {
	_, client, _ := serve(t)
	ctx := context.Background()
	_, err := client.User(ctx, "u-404")
	if !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown user: %v", err)
	}
	_, err = client.UnlockWithdrawals(ctx, sandbox.UserOlena, "T-1")
	if !errs.Is(err, errs.Conflict) || !strings.Contains(err.Error(), "new_address_withdrawal_hold") {
		t.Errorf("held unlock: %v", err)
	}
	_, err = client.FindDepositAddress(ctx, "xrp", sandbox.Scenarios()[1].Address, "")
	if !errs.Is(err, errs.NotFound) || !errors.Is(err, exchange.ErrSharedAddress) {
		t.Errorf("shared address: %v", err)
	}
}
