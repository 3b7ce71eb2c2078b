// Package recovery carries a deposit that did not arrive from the
// diagnosis to the money back, or to an honest "no" with the reason:
// eligibility decided from chain and exchange facts, the recovery matrix
// and fee schedules admins edit, quotes the customer accepts, proofs of
// ownership, a reviewed workflow with maker-checker approval, and the
// credit or return executed once through the exchange adapter.
//
// The database enforces the two rules that matter most: one open appeal
// per deposit (a partial unique index) and one credit or return per
// deposit, ever (a unique execution claim and a unique index on completed
// appeals).
package recovery

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Status is where an appeal stands.
type Status string

// The workflow, in order; Completed and Rejected close an appeal.
const (
	Submitted Status = "submitted"
	Checked   Status = "checked"
	InReview  Status = "in_review"
	Approved  Status = "approved"
	Executing Status = "executing"
	Completed Status = "completed"
	Rejected  Status = "rejected"
)

// Statuses lists the statuses in workflow order.
var Statuses = []Status{Submitted, Checked, InReview, Approved, Executing, Completed, Rejected}

// Open reports whether an appeal in s is still being worked on.
func (s Status) Open() bool { return s != Completed && s != Rejected }

// Causes of a deposit that did not arrive, as the recovery team sorts them.
const (
	CauseWrongNetwork  = "wrong_network"
	CauseMissingMemo   = "missing_memo"
	CauseWrongMemo     = "wrong_memo"
	CauseUnlistedToken = "unlisted_token"
	CauseBelowMinimum  = "below_minimum"
	CauseNotCredited   = "confirmed_not_credited"
)

// Causes lists every cause.
var Causes = []string{CauseWrongNetwork, CauseMissingMemo, CauseWrongMemo, CauseUnlistedToken, CauseBelowMinimum, CauseNotCredited}

// Paths: memo cases take the quicker path (the exchange can often credit
// them from its own records).
const (
	PathStandard = "standard"
	PathMemo     = "memo"
)

// Actions the exchange is asked to take at the end.
const (
	ActionCredit = "credit" // credit the customer's account
	ActionReturn = "return" // send the funds back to the sending address
)

// SLA is how long each open step may take before it is overdue.
var SLA = map[Status]time.Duration{
	Submitted: time.Hour, Checked: time.Hour, InReview: 48 * time.Hour,
	Approved: 4 * time.Hour, Executing: 24 * time.Hour,
}

// Exchange is what recovery asks of the exchange's back-end.
type Exchange interface {
	FindDepositAddress(ctx context.Context, network, address, memo string) (exchange.DepositAddress, error)
	DepositByTxID(ctx context.Context, network, txid string) (exchange.Deposit, error)
	Withdrawals(ctx context.Context, userID string) ([]exchange.Withdrawal, error)
	Assets(ctx context.Context) ([]exchange.Asset, error)
	CreditDeposit(ctx context.Context, req exchange.CreditRequest) (exchange.ActionResult, error)
	ReturnDeposit(ctx context.Context, req exchange.ReturnRequest) (exchange.ActionResult, error)
}

// Chains finds transactions on the networks of the registry.
type Chains struct {
	Registry *chain.Registry
	Clients  map[string]chain.Client // by network id
}

// Service runs appeals.
type Service struct {
	db       *store.DB
	audit    *audit.Log
	exchange Exchange
	chains   Chains
	log      *slog.Logger
	now      func() time.Time
	// QuoteTTL is how long a quote may be accepted; default 24 hours.
	QuoteTTL time.Duration
	// Outbound is the guard's check of a text an agent writes for the
	// customer (a rejection's reason): why it is blocked, or "" when it
	// may be sent. Nil checks nothing.
	Outbound func(text string) string
	// Redact cuts secrets out of a customer's evidence note before it is
	// stored (the guard's scan): a victim explaining a lost deposit may
	// paste the wallet's phrase. Nil keeps notes as written (tests only).
	Redact func(text string) string
	// Gate, when set, is asked before an approval: the approver's role
	// permits it, their certification must too (internal/academy).
	Gate Gate
}

// Gate holds agents off tools their certifications do not cover yet:
// Clear returns nil, or a Forbidden error saying which to pass.
type Gate interface {
	Clear(ctx context.Context, agentID int64, gate string) error
}

// ApprovalGate is the gate approvals ask.
const ApprovalGate = "tool:recovery_approval"

// New returns the service over db.
func New(db *store.DB, log *audit.Log, x Exchange, chains Chains, logger *slog.Logger) *Service {
	if logger == nil {
		logger = slog.Default()
	}
	return &Service{db: db, audit: log, exchange: x, chains: chains, log: logger, now: db.Clock(), QuoteTTL: 24 * time.Hour}
}

// depositKey names one deposit (network, txid, output) the same way
// however the txid was typed: hex ids are case-insensitive, Solana's
// base58 signatures are not.
func depositKey(network, txid string, index int) string {
	t := strings.TrimSpace(txid)
	if network != "solana" && isHex(strings.TrimPrefix(strings.TrimPrefix(t, "0x"), "0X")) {
		t = strings.ToLower(t)
	}
	return network + ":" + t + ":" + strconv.Itoa(index)
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
