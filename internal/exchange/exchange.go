// Package exchange is the adapter to the exchange's own back-end: who a user
// is, where they deposit, what arrived and left, and the few actions support
// may ask the exchange to take. Support never owns this data; it asks.
//
// Two implementations exist: sandbox (in-memory demo data, the default for
// the embedded deployment) and exchangehttp (a signed HTTP contract that an
// exchange implements, or that serves any Exchange).
//
// Errors use package errs: NotFound for unknown users, addresses and txids,
// Invalid for malformed input, Conflict for actions the exchange refuses
// (locks, frozen accounts, already credited), Unavailable when the exchange
// cannot be reached.
package exchange

import (
	"context"
	"errors"
	"time"
)

// Exchange is everything support asks of the exchange's back-end.
type Exchange interface {
	User(ctx context.Context, userID string) (User, error)
	DepositAddresses(ctx context.Context, userID string) ([]DepositAddress, error)
	// FindDepositAddress says who owns address (with memo, on shared-address
	// networks). A shared address whose memo is missing or names no user is
	// an errs.NotFound error that wraps ErrSharedAddress.
	FindDepositAddress(ctx context.Context, network, address, memo string) (DepositAddress, error)
	Deposits(ctx context.Context, userID string) ([]Deposit, error)
	DepositByTxID(ctx context.Context, network, txid string) (Deposit, error)
	Withdrawals(ctx context.Context, userID string) ([]Withdrawal, error)
	// LoginEvents lists the newest events first; see LoginLimit for limit.
	LoginEvents(ctx context.Context, userID string, limit int) ([]LoginEvent, error)
	Assets(ctx context.Context) ([]Asset, error)

	// Actions. Each is idempotent: RequestTwoFactorReset and
	// UnlockWithdrawals by (user, ticketRef), FreezeAccount by user,
	// CreditDeposit by IdempotencyKey. A repeat returns the first result
	// with Replayed set. No action overrides an exchange lock.
	RequestTwoFactorReset(ctx context.Context, userID, ticketRef string) (ActionResult, error)
	UnlockWithdrawals(ctx context.Context, userID, ticketRef string) (ActionResult, error)
	FreezeAccount(ctx context.Context, userID, reason string) (ActionResult, error)
	CreditDeposit(ctx context.Context, req CreditRequest) (ActionResult, error)
	// ReturnDeposit sends funds that reached the exchange but cannot be
	// credited (an unlisted token, say) back to the sending address.
	// Idempotent by IdempotencyKey; the result carries the return's TxID.
	ReturnDeposit(ctx context.Context, req ReturnRequest) (ActionResult, error)
}

// ErrSharedAddress marks a look-up of the exchange's shared deposit address
// (xrp, stellar, cosmos, ton) whose memo is missing or names no user: the
// funds reached the exchange but cannot be attributed without recovery.
var ErrSharedAddress = errors.New("shared deposit address without a known memo")

// AccountState is whether the account may trade and move funds.
type AccountState string

const (
	StateActive AccountState = "active"
	StateFrozen AccountState = "frozen" // by the exchange's security team; support cannot lift it
)

// LockKind names a security lock the exchange places on an account.
type LockKind string

const (
	// LockSettings blocks security-setting changes (2FA, e-mail, password)
	// for a while after one of them changed.
	LockSettings LockKind = "settings_lock"
	// LockNewAddressHold blocks withdrawals for a while after a new
	// withdrawal address was added.
	LockNewAddressHold LockKind = "new_address_withdrawal_hold"
	// LockDeviceTrust blocks withdrawals from a device until it has been
	// trusted for a while.
	LockDeviceTrust LockKind = "device_trust_window"
	// LockWithdrawals stops withdrawals until lifted (by the user's own
	// "lock my account", or by risk rules awaiting a support review). It is
	// the only lock support may lift, and only when no timed hold applies.
	LockWithdrawals LockKind = "withdrawals_locked"
)

// LockKinds lists every lock kind.
var LockKinds = []LockKind{LockSettings, LockNewAddressHold, LockDeviceTrust, LockWithdrawals}

// Lock is one security lock on an account.
type Lock struct {
	Kind   LockKind  `json:"kind"`
	Until  time.Time `json:"until,omitzero"` // zero: until lifted
	Reason string    `json:"reason"`
}

// Active reports whether the lock still applies at now.
func (l Lock) Active(now time.Time) bool { return l.Until.IsZero() || now.Before(l.Until) }

// User is an exchange account as support may see it.
type User struct {
	ID                 string       `json:"id"`
	Email              string       `json:"email"`
	Name               string       `json:"name"`
	Language           string       `json:"language"` // one of the 17 customer languages
	Country            string       `json:"country"`  // ISO 3166-1 alpha-2
	KYCLevel           int          `json:"kyc_level"`
	TwoFactorEnabled   bool         `json:"two_factor_enabled"`
	AntiPhishingPhrase string       `json:"anti_phishing_phrase"` // may be empty
	State              AccountState `json:"state"`
	StateReason        string       `json:"state_reason,omitempty"`
	Locks              []Lock       `json:"locks"` // only the locks active now
	CreatedAt          time.Time    `json:"created_at"`
}

// LockOf returns the user's active lock of kind, if any.
func (u User) LockOf(kind LockKind) (Lock, bool) {
	for _, l := range u.Locks {
		if l.Kind == kind {
			return l, true
		}
	}
	return Lock{}, false
}

// DepositAddress is where a user deposits on one network.
type DepositAddress struct {
	UserID  string `json:"user_id"`
	Network string `json:"network"`
	Address string `json:"address"`
	Memo    string `json:"memo,omitempty"` // destination tag / memo on shared-address networks
}

// DepositStatus is where a deposit stands at the exchange.
type DepositStatus string

const (
	DepositPending  DepositStatus = "pending"  // seen, waiting for confirmations
	DepositCredited DepositStatus = "credited" // on the user's balance
	DepositHeld     DepositStatus = "held"     // seen but not credited; Hold says why
)

// Hold codes say why a deposit is held.
const (
	HoldBelowMinimum = "below_minimum"     // support may credit it through recovery
	HoldCompliance   = "compliance_review" // the exchange's compliance team decides; support cannot release it
)

// Deposit is a deposit the exchange has attributed to a user.
type Deposit struct {
	ID            string        `json:"id"`
	UserID        string        `json:"user_id"`
	Network       string        `json:"network"`
	Asset         string        `json:"asset"`
	Amount        string        `json:"amount"` // decimal, in whole units ("0.0005")
	TxID          string        `json:"txid"`
	Address       string        `json:"address"`
	Memo          string        `json:"memo,omitempty"`
	Status        DepositStatus `json:"status"`
	Confirmations int64         `json:"confirmations"`
	Hold          string        `json:"hold,omitempty"` // a Hold code when Status is held
	Note          string        `json:"note,omitempty"`
	DetectedAt    time.Time     `json:"detected_at"`
	CreditedAt    time.Time     `json:"credited_at,omitzero"`
}

// WithdrawalStatus is where a withdrawal stands.
type WithdrawalStatus string

const (
	WithdrawalPendingReview WithdrawalStatus = "pending_review"
	WithdrawalProcessing    WithdrawalStatus = "processing"
	WithdrawalSent          WithdrawalStatus = "sent"
	WithdrawalFailed        WithdrawalStatus = "failed"
	WithdrawalCancelled     WithdrawalStatus = "cancelled"
	WithdrawalHeld          WithdrawalStatus = "held"
)

// Withdrawal is one withdrawal request and its fate.
type Withdrawal struct {
	ID        string           `json:"id"`
	UserID    string           `json:"user_id"`
	Network   string           `json:"network"`
	Asset     string           `json:"asset"`
	Amount    string           `json:"amount"`
	Fee       string           `json:"fee"`
	Address   string           `json:"address"`
	Memo      string           `json:"memo,omitempty"`
	Status    WithdrawalStatus `json:"status"`
	TxID      string           `json:"txid,omitempty"` // once broadcast
	Reason    string           `json:"reason,omitempty"`
	CreatedAt time.Time        `json:"created_at"`
	UpdatedAt time.Time        `json:"updated_at"`
}

// LoginEvent is one sign-in attempt.
type LoginEvent struct {
	Time    time.Time `json:"time"`
	IP      string    `json:"ip"`
	Country string    `json:"country"`
	Device  string    `json:"device"`
	Success bool      `json:"success"`
	Reason  string    `json:"reason,omitempty"` // why it failed
}

// Asset is one asset listed on one network.
type Asset struct {
	Network            string `json:"network"`
	Symbol             string `json:"symbol"`
	Contract           string `json:"contract,omitempty"` // token contract; empty for the native asset
	Decimals           int    `json:"decimals"`
	MinDeposit         string `json:"min_deposit"`
	Confirmations      int64  `json:"confirmations"` // needed before a deposit is credited
	DepositsEnabled    bool   `json:"deposits_enabled"`
	WithdrawalsEnabled bool   `json:"withdrawals_enabled"`
}

// CreditRequest asks the exchange to credit a deposit it has not credited,
// as the end of a recovery. The exchange checks it against the chain.
type CreditRequest struct {
	Network        string `json:"network"`
	TxID           string `json:"txid"`
	UserID         string `json:"user_id"`
	Asset          string `json:"asset"`
	Amount         string `json:"amount"` // decimal, whole units; at most what arrived
	TicketRef      string `json:"ticket_ref"`
	IdempotencyKey string `json:"idempotency_key"`
}

// ReturnRequest asks the exchange to send a deposit back to where it came
// from, as the end of a recovery it cannot credit. Amount is what is sent
// back (what arrived less the recovery fee).
type ReturnRequest struct {
	Network        string `json:"network"`
	TxID           string `json:"txid"`
	UserID         string `json:"user_id"`
	Contract       string `json:"contract,omitempty"` // the token's contract; empty for the native asset
	Asset          string `json:"asset"`
	Amount         string `json:"amount"` // decimal, whole units; at most what arrived
	ToAddress      string `json:"to_address"`
	TicketRef      string `json:"ticket_ref"`
	IdempotencyKey string `json:"idempotency_key"`
}

// Action names.
const (
	ActionTwoFactorReset    = "two_factor_reset"
	ActionUnlockWithdrawals = "unlock_withdrawals"
	ActionFreezeAccount     = "freeze_account"
	ActionCreditDeposit     = "credit_deposit"
	ActionReturnDeposit     = "return_deposit"
)

// Action outcomes.
const (
	ResultDone      = "done"      // applied
	ResultRequested = "requested" // the exchange started a flow the user must finish
)

// ActionResult is what the exchange did.
type ActionResult struct {
	ID        string    `json:"id"`
	Action    string    `json:"action"`
	UserID    string    `json:"user_id"`
	Status    string    `json:"status"`
	Message   string    `json:"message"`
	DepositID string    `json:"deposit_id,omitempty"` // for credit_deposit
	TxID      string    `json:"txid,omitempty"`       // for return_deposit: the return transaction
	At        time.Time `json:"at"`
	Replayed  bool      `json:"replayed"` // a repeat of an earlier identical request
}
