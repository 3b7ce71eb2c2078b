// Package diagnose answers "my deposit hasn't arrived" from facts: what the
// chains say about a TxID and what the exchange says about the address, the
// asset and the credit. It lives under chain but also reads the exchange,
// through the small interfaces below.
package diagnose

import (
	"context"
	"errors"
	"math/big"
	"sort"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
)

// Verdict codes, one per distinct answer a customer can get.
const (
	NotFound          = "not_found"              // no configured chain knows the TxID
	NodeUnavailable   = "node_unavailable"       // a chain that might have it could not be asked
	Pending           = "awaiting_confirmations" // on chain, not yet enough confirmations
	Failed            = "failed"                 // the transaction failed on chain
	Credited          = "credited"               // confirmed and credited
	WrongNetwork      = "wrong_network"          // found on a different network than the deposit address's
	NotOurAddress     = "not_our_address"        // sent to an address that is not the user's
	MissingMemo       = "missing_memo"           // shared address, no memo/tag
	WrongMemo         = "wrong_memo"             // shared address, a memo that is nobody's or someone else's
	UnlistedToken     = "unlisted_token"         // token contract not listed for deposits
	BelowMinimum      = "below_minimum"          // amount under the minimum deposit
	DepositsSuspended = "deposits_suspended"     // deposits on that network/asset are paused
	NotCredited       = "confirmed_not_credited"
)

// Next steps.
const (
	StepWait           = "wait"
	StepNone           = "none"
	StepSelfCredit     = "self_service_credit"
	StepRecoveryAppeal = "recovery_appeal"
	StepContactSender  = "contact_sender_platform"
	StepContactSupport = "contact_support"
	StepCheckTxID      = "check_txid"
	StepRetryLater     = "retry_later"
)

// NetworkInfo is what diagnosis needs to know of a network.
type NetworkInfo struct {
	ID               string
	Name             string
	NativeAsset      string
	Confirmations    int64
	BlockTimeSeconds float64
	MemoRequired     bool
}

// Registry knows the networks; *chain.Registry satisfies it through an adapter.
type Registry interface {
	Network(id string) (NetworkInfo, bool)
	TxIDNetworks(txid string) []string       // networks whose TxID format fits
	AddressNetworks(address string) []string // networks the address is valid on
}

// DepositAddress is a deposit address and whose it is.
type DepositAddress struct {
	UserID  string
	Network string
	Address string
	Memo    string
}

// Asset is an asset listed for deposits on one network.
type Asset struct {
	Network         string
	Symbol          string
	Contract        string // empty for the native asset
	Decimals        int
	MinDeposit      string // decimal, in whole units
	DepositsEnabled bool
}

// Deposit is a credit the exchange made.
type Deposit struct {
	ID         string
	UserID     string
	Asset      string
	Amount     string
	Status     string
	CreditedAt time.Time
}

// Exchange is what diagnosis asks the exchange.
type Exchange interface {
	// FindDepositAddress returns the owner of address (with memo, on shared
	// addresses); errs.NotFound when nobody owns it.
	FindDepositAddress(ctx context.Context, network, address, memo string) (DepositAddress, error)
	// SharedAddress reports whether address is a shared (memo-routed) deposit address.
	SharedAddress(ctx context.Context, network, address string) (bool, error)
	DepositByTxID(ctx context.Context, network, txid string) (Deposit, error)
	Assets(ctx context.Context) ([]Asset, error)
}

// Request is one diagnosis question.
type Request struct {
	TxID     string `json:"txid"`
	Network  string `json:"network,omitempty"` // narrow the search to this network
	Address  string `json:"address,omitempty"` // the deposit address the customer used
	Memo     string `json:"memo,omitempty"`
	UserID   string `json:"user_id,omitempty"`  // the exchange's user id, when known
	Language string `json:"language,omitempty"` // for the explanation; default en
	TicketID int64  `json:"ticket_id,omitempty"`
}

// Evidence is one fact behind a verdict.
type Evidence struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// NextStep is what the customer (or agent) should do.
type NextStep struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
	Fee  string `json:"fee,omitempty"`
}

// Result is a verdict with its evidence and explanation.
type Result struct {
	Verdict               string          `json:"verdict"`
	Severity              string          `json:"severity"` // good, wait, bad, info
	Title                 string          `json:"title"`
	Explanation           string          `json:"explanation"`
	NextStep              NextStep        `json:"next_step"`
	Language              string          `json:"language"`
	TxID                  string          `json:"txid"`
	Network               string          `json:"network,omitempty"`
	AlsoFoundOn           []string        `json:"also_found_on,omitempty"`
	Confirmations         int64           `json:"confirmations,omitempty"`
	RequiredConfirmations int64           `json:"required_confirmations,omitempty"`
	ETAMinutes            int64           `json:"eta_minutes,omitempty"`
	Transfer              *chain.Transfer `json:"transfer,omitempty"`
	DepositID             string          `json:"deposit_id,omitempty"`
	Evidence              []Evidence      `json:"evidence"`
}

// Diagnoser runs diagnoses.
type Diagnoser struct {
	Registry Registry
	Exchange Exchange
	Clients  map[string]chain.Client // by network id
	Timeout  time.Duration           // per chain call; default 5 s
	// RecoveryFee is the fee quoted for a recovery appeal, e.g. "25 USDT".
	RecoveryFee string
}

// Diagnose produces one verdict for req.
func (d *Diagnoser) Diagnose(ctx context.Context, req Request) (Result, error) {
	req.TxID = strings.TrimSpace(req.TxID)
	req.Address = strings.TrimSpace(req.Address)
	if req.TxID == "" {
		return Result{}, errs.Field("txid", "txid is required")
	}
	if len(req.TxID) > 200 {
		return Result{}, errs.Field("txid", "txid is longer than any network's")
	}
	candidates := d.Registry.TxIDNetworks(req.TxID)
	if req.Network != "" {
		if _, ok := d.Registry.Network(req.Network); !ok {
			return Result{}, errs.Field("network", "unknown network %q", req.Network)
		}
		candidates = filter(candidates, func(n string) bool { return n == req.Network })
	}
	f := facts{req: req, lang: language(req.Language)}
	if len(candidates) == 0 {
		f.add("txid_format")
		return d.finish(f, NotFound), nil
	}
	d.lookUp(ctx, &f, candidates)
	return d.finish(f, d.decide(ctx, &f)), nil
}

// facts gathers what the look-ups found.
type facts struct {
	req         Request
	lang        string
	found       []chain.Tx
	unavailable []string // networks whose node could not be asked
	evidence    []Evidence
	vars        map[string]string
}

// add appends evidence line key (evidence.json) in the customer's
// language, its placeholders filled from kv: name, value, name, value.
func (f *facts) add(key string, kv ...string) {
	f.evidence = append(f.evidence, evidenceLine(f.lang, key, kv...))
}

func (f *facts) set(k, v string) {
	if f.vars == nil {
		f.vars = map[string]string{}
	}
	f.vars[k] = v
}

// lookUp asks every candidate network's client at once.
func (d *Diagnoser) lookUp(ctx context.Context, f *facts, networks []string) {
	timeout := d.Timeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	type answer struct {
		network string
		tx      chain.Tx
		err     error
	}
	answers := make(chan answer, len(networks))
	asked := 0
	for _, n := range networks {
		c, ok := d.Clients[n]
		if !ok {
			continue
		}
		asked++
		go func(n string, c chain.Client) {
			cctx, cancel := context.WithTimeout(ctx, timeout)
			defer cancel()
			tx, err := c.Transaction(cctx, f.req.TxID)
			if err == nil && tx.Network == "" {
				tx.Network = n
			}
			if errors.Is(err, context.DeadlineExceeded) {
				err = errs.E(errs.Unavailable, "the %s node did not answer within %s", n, timeout)
			}
			answers <- answer{n, tx, err}
		}(n, c)
	}
	for i := 0; i < asked; i++ {
		a := <-answers
		switch {
		case a.err == nil:
			f.found = append(f.found, a.tx)
		case errs.Is(a.err, errs.NotFound):
		default:
			f.unavailable = append(f.unavailable, a.network)
			f.add("node", "network", a.network, "error", a.err.Error())
		}
	}
	sort.Slice(f.found, func(i, j int) bool { return f.found[i].Network < f.found[j].Network })
	sort.Strings(f.unavailable)
}

func filter(in []string, keep func(string) bool) []string {
	var out []string
	for _, s := range in {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}

// units turns a base-unit integer string into a decimal with decimals places.
func units(base string, decimals int) string {
	n, ok := new(big.Int).SetString(base, 10)
	if !ok {
		return base
	}
	if decimals <= 0 {
		return n.String()
	}
	r := new(big.Rat).SetFrac(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil))
	s := r.FloatString(decimals)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// lessThan compares two decimal strings.
func lessThan(a, b string) bool {
	x, ok1 := new(big.Rat).SetString(a)
	y, ok2 := new(big.Rat).SetString(b)
	return ok1 && ok2 && x.Cmp(y) < 0
}
