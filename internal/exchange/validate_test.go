package exchange

import (
	"regexp"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

var plainDecimal = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// FuzzCheckAmount: what passes is a plain positive decimal; what fails is
// Invalid and names the field.
func FuzzCheckAmount(f *testing.F) {
	for _, s := range []string{"0.0005", "12", "0", "0.000", "-1", "1e9", ".5", "5.", "1.2.3", "١٢", " 1", "00012.5000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckAmount("amount", s)
		if err != nil {
			if e, ok := errs.As(err); !ok || e.Kind != errs.Invalid || e.Field != "amount" {
				t.Fatalf("refusal %v is not an Invalid amount error", err)
			}
			return
		}
		if !plainDecimal.MatchString(s) || regexp.MustCompile(`^[0.]+$`).MatchString(s) {
			t.Fatalf("accepted %q", s)
		}
	})
}

func TestCreditRequestValidate(t *testing.T) {
	ok := CreditRequest{Network: "xrp", TxID: "AB", UserID: "u-1", Asset: "XRP", Amount: "1", TicketRef: "T-1", IdempotencyKey: "k"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for field, change := range map[string]func(r *CreditRequest){
		"network":         func(r *CreditRequest) { r.Network = "xrpl" },
		"txid":            func(r *CreditRequest) { r.TxID = "" },
		"user_id":         func(r *CreditRequest) { r.UserID = "u\n1" },
		"ticket_ref":      func(r *CreditRequest) { r.TicketRef = string(make([]byte, MaxID+1)) },
		"idempotency_key": func(r *CreditRequest) { r.IdempotencyKey = "  " },
		"amount":          func(r *CreditRequest) { r.Amount = "0" },
	} {
		r := ok
		change(&r)
		if e, isErr := errs.As(r.Validate()); !isErr || e.Field != field {
			t.Errorf("%s: got %v", field, r.Validate())
		}
	}
}

func TestLoginLimitAndLocks(t *testing.T) {
	for in, want := range map[int]int{-1: DefaultLogins, 0: DefaultLogins, 7: 7, MaxLogins + 1: MaxLogins} {
		if got := LoginLimit(in); got != want {
			t.Errorf("LoginLimit(%d) = %d, want %d", in, got, want)
		}
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if !(Lock{}).Active(now) || (Lock{Until: now}).Active(now) || !(Lock{Until: now.Add(time.Second)}).Active(now) {
		t.Error("Lock.Active: a lock without an end applies; one ends at Until")
	}
}
