package recovery

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

// Claim is a customer's request to recover one deposit.
type Claim struct {
	UserID    string `json:"-"` // the signed-in customer; never taken from the body
	TxID      string `json:"txid"`
	Network   string `json:"network,omitempty"` // narrows the search
	Language  string `json:"language,omitempty"`
	TicketID  int64  `json:"ticket_id,omitempty"`
	Diagnosis string `json:"diagnosis,omitempty"` // the deposit check's verdict that led here
}

// What a case needs from the customer besides the fee.
const (
	NeedSignature = "signature" // sign a challenge with the sending address's key
	NeedStatement = "statement" // the sending platform's statement, uploaded
)

// Facts are what eligibility found on chain and at the exchange.
type Facts struct {
	Network       string `json:"network"`
	TxID          string `json:"txid"`
	Index         int    `json:"index"` // the transfer's place in the transaction
	Asset         string `json:"asset"`
	Contract      string `json:"contract,omitempty"`
	Amount        string `json:"amount"`
	Decimals      int    `json:"decimals"`
	To            string `json:"to"`
	Memo          string `json:"memo,omitempty"`
	From          string `json:"from,omitempty"`
	Confirmations int64  `json:"confirmations"`
	Required      int64  `json:"required"`
	Cause         string `json:"cause,omitempty"`
	Path          string `json:"path,omitempty"`
	Action        string `json:"action,omitempty"`
	Needs         string `json:"needs,omitempty"` // NeedSignature, NeedStatement or ""
}

// Reason is one reason for a decision, in the customer's language.
type Reason struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// Decision is eligibility's answer. When Eligible, the quote fields say
// what the customer would pay and get.
type Decision struct {
	Eligible      bool        `json:"eligible"`
	Wait          bool        `json:"wait"` // the deposit is still pending: no appeal yet
	Facts         Facts       `json:"facts"`
	Reasons       []Reason    `json:"reasons"`
	Matrix        MatrixEntry `json:"matrix"`
	Fee           string      `json:"fee,omitempty"`
	Net           string      `json:"net,omitempty"`
	ExpectedHours int         `json:"expected_hours,omitempty"`
	NeedsSecond   bool        `json:"needs_second_approval,omitempty"`
	Language      string      `json:"language"`
}

// Reason codes.
const (
	ReasonNotFound        = "not_found"
	ReasonFailed          = "failed"
	ReasonPending         = "pending"
	ReasonWithdrawal      = "withdrawal"
	ReasonOtherAccount    = "other_account"
	ReasonNotOurAddress   = "not_our_address"
	ReasonCredited        = "already_credited"
	ReasonAppealed        = "already_appealed"
	ReasonHeld            = "compliance_hold"
	ReasonNotPossible     = "not_possible"
	ReasonConditional     = "conditional"
	ReasonFeeExceedsValue = "fee_exceeds_value"
	ReasonMemoPath        = "memo_path"
	ReasonNeedsSignature  = "needs_signature"
	ReasonNeedsStatement  = "needs_statement"
	ReasonEligible        = "eligible"
)

// refusal builds a no with one reason.
func refusal(lang string, f Facts, code string, vars map[string]string) Decision {
	return Decision{Facts: f, Language: lang, Reasons: []Reason{{code, reasonText(lang, code, vars)}}}
}

// Check decides whether c can be appealed, from facts alone: the chain,
// the exchange's records, the matrix, the fee schedule and the appeals on
// file. A no is a Decision with reasons, not an error; errors are bad
// input (Invalid) or a node or the exchange being down (Unavailable).
func (s *Service) Check(ctx context.Context, c Claim) (Decision, error) {
	lang := language(c.Language)
	c.TxID = strings.TrimSpace(c.TxID)
	switch {
	case c.UserID == "":
		return Decision{}, errs.E(errs.Unauthorized, "recovery: sign in first")
	case c.TxID == "":
		return Decision{}, errs.Field("txid", "txid is required")
	case len(c.TxID) > exchange.MaxTxID || strings.ContainsAny(c.TxID, " \t\r\n"):
		return Decision{}, errs.Field("txid", "this is not a transaction id of any supported network")
	case c.Network != "" && !slices.Contains(s.networks(), c.Network):
		return Decision{}, errs.Field("network", "unknown network %q", c.Network)
	case s.chains.Registry != nil && len(s.chains.Registry.Identify(c.TxID).TxIDs) == 0:
		// A key pasted here (WIF, xprv) has no spaces to give it away; a
		// refusal would audit it, and the audit log keeps it for good.
		return Decision{}, errs.Field("txid", "this is not a transaction id of any supported network")
	}
	tx, err := s.findTx(ctx, c)
	if errs.Is(err, errs.NotFound) {
		return refusal(lang, Facts{TxID: c.TxID, Network: c.Network}, ReasonNotFound, nil), nil
	}
	if err != nil {
		return Decision{}, err
	}
	f := Facts{Network: tx.Network, TxID: tx.TxID, Confirmations: tx.Confirmations, Required: s.required(tx.Network)}
	if tx.Failed {
		return refusal(lang, f, ReasonFailed, nil), nil
	}
	if w, err := s.isWithdrawal(ctx, c.UserID, tx); err != nil || w {
		return refusal(lang, f, ReasonWithdrawal, nil), err
	}
	code, err := s.locate(ctx, c.UserID, tx, &f)
	if err != nil || code != "" {
		return refusal(lang, f, code, nil), err
	}
	if err := s.describeAsset(ctx, tx, &f); err != nil {
		return Decision{}, err
	}
	if f.Confirmations < f.Required {
		d := refusal(lang, f, ReasonPending, map[string]string{"confirmations": fmt.Sprint(f.Confirmations), "required": fmt.Sprint(f.Required)})
		d.Wait = true
		return d, nil
	}
	if code, err := s.exchangeRecord(ctx, c.UserID, &f); err != nil || code != "" {
		d := refusal(lang, f, code, nil)
		d.Wait = code == ReasonPending
		return d, err
	}
	if code, err := s.onFile(ctx, f); err != nil || code != "" {
		return refusal(lang, f, code, nil), err
	}
	return s.terms(ctx, lang, f)
}

// findTx looks the TxID up on every network whose format fits.
func (s *Service) findTx(ctx context.Context, c Claim) (chain.Tx, error) {
	var candidates []string
	if s.chains.Registry != nil {
		for _, m := range s.chains.Registry.Identify(c.TxID).TxIDs {
			if c.Network == "" || m.Network == c.Network {
				candidates = append(candidates, m.Network)
			}
		}
	}
	var down error
	for _, n := range candidates {
		cl, ok := s.chains.Clients[n]
		if !ok || cl == nil {
			continue
		}
		tx, err := cl.Transaction(ctx, c.TxID)
		switch {
		case err == nil:
			if tx.Network == "" {
				tx.Network = n
			}
			return tx, nil
		case !errs.Is(err, errs.NotFound):
			down = err
		}
	}
	if down != nil {
		// Logged at the edge: the typed TxID may be a pasted hex key.
		return chain.Tx{}, fmt.Errorf("recovery: look up %s: %w", audit.Abbreviate(c.TxID), down)
	}
	return chain.Tx{}, explain("tx_not_found", errs.E(errs.NotFound, "no network knows transaction %s", c.TxID))
}

func (s *Service) required(network string) int64 {
	if s.chains.Registry != nil {
		if n, err := s.chains.Registry.Network(network); err == nil {
			return n.Confirmations
		}
	}
	return 1
}

// isWithdrawal reports whether tx is one of the customer's own withdrawals.
func (s *Service) isWithdrawal(ctx context.Context, userID string, tx chain.Tx) (bool, error) {
	ws, err := s.exchange.Withdrawals(ctx, userID)
	if err != nil {
		return false, fmt.Errorf("recovery: withdrawals of %s: %w", userID, err)
	}
	for _, w := range ws {
		if w.TxID != "" && w.Network == tx.Network && depositKey(w.Network, w.TxID, 0) == depositKey(tx.Network, tx.TxID, 0) {
			return true, nil
		}
	}
	return false, nil
}

// locate finds the transfer that reached this customer (or the exchange's
// shared address) and sets the cause; a reason code says why none did.
func (s *Service) locate(ctx context.Context, userID string, tx chain.Tx, f *Facts) (string, error) {
	refusal := ReasonNotOurAddress
	for i, t := range tx.Transfers {
		owner, shared, err := s.ownerOf(ctx, tx.Network, t)
		if err != nil {
			return "", err
		}
		switch {
		case owner.UserID == userID:
			f.Index, f.To, f.Memo, f.From = i, t.To, t.Memo, t.From
			if owner.Network != tx.Network {
				f.Cause = CauseWrongNetwork
			}
			return "", nil
		case owner.UserID != "":
			refusal = ReasonOtherAccount
		case shared:
			f.Index, f.To, f.Memo, f.From = i, t.To, t.Memo, t.From
			f.Cause, f.Path = CauseWrongMemo, PathMemo
			if t.Memo == "" {
				f.Cause = CauseMissingMemo
			}
			// Anyone could claim a deposit nobody's memo names: the
			// claimant proves they sent it.
			f.Needs = NeedStatement
			if signable(tx.Network) {
				f.Needs = NeedSignature
			}
			return "", nil
		}
	}
	return refusal, nil
}

// ownerOf says whose deposit address t paid: on tx's network, or (for EVM
// addresses, whose keys the exchange holds on every EVM network) on another.
func (s *Service) ownerOf(ctx context.Context, network string, t chain.Transfer) (exchange.DepositAddress, bool, error) {
	a, err := s.exchange.FindDepositAddress(ctx, network, t.To, t.Memo)
	switch {
	case err == nil:
		return a, false, nil
	case errors.Is(err, exchange.ErrSharedAddress):
		return exchange.DepositAddress{}, true, nil
	case !errs.Is(err, errs.NotFound):
		return a, false, fmt.Errorf("recovery: owner of %s: %w", t.To, err)
	}
	if !exchange.IsEVM(network) {
		return exchange.DepositAddress{}, false, nil
	}
	for _, n := range exchange.EVMNetworks {
		if n == network {
			continue
		}
		a, err := s.exchange.FindDepositAddress(ctx, n, t.To, "")
		if err == nil {
			return a, false, nil
		}
		if !errs.Is(err, errs.NotFound) {
			return a, false, fmt.Errorf("recovery: owner of %s: %w", t.To, err)
		}
	}
	return exchange.DepositAddress{}, false, nil
}

// describeAsset names the asset and the amount in whole units.
func (s *Service) describeAsset(ctx context.Context, tx chain.Tx, f *Facts) error {
	t := tx.Transfers[f.Index]
	assets, err := s.exchange.Assets(ctx)
	if err != nil {
		return fmt.Errorf("recovery: assets: %w", err)
	}
	f.Asset, f.Contract, f.Decimals = t.Asset, t.Contract, 18
	listed := false
	for _, a := range assets {
		if a.Network == tx.Network && strings.EqualFold(a.Contract, t.Contract) {
			f.Asset, f.Decimals, listed = a.Symbol, a.Decimals, true
			break
		}
	}
	if !listed && t.Contract != "" && f.Cause == "" {
		f.Cause = CauseUnlistedToken
	}
	n, ok := new(big.Int).SetString(t.Amount, 10)
	if !ok {
		return fmt.Errorf("recovery: amount %q of %s is not a number", t.Amount, tx.TxID)
	}
	f.Amount = formatDecimal(new(big.Rat).SetFrac(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(f.Decimals)), nil)), f.Decimals)
	if !listed {
		return nil
	}
	for _, a := range assets {
		if a.Network == tx.Network && a.Symbol == f.Asset && f.Cause == "" {
			if min, ok := parseDecimal(a.MinDeposit); ok {
				amt, _ := parseDecimal(f.Amount)
				if amt != nil && amt.Cmp(min) < 0 {
					f.Cause = CauseBelowMinimum
				}
			}
		}
	}
	return nil
}

// exchangeRecord reads what the exchange did with the deposit.
func (s *Service) exchangeRecord(ctx context.Context, userID string, f *Facts) (string, error) {
	d, err := s.exchange.DepositByTxID(ctx, f.Network, f.TxID)
	switch {
	case errs.Is(err, errs.NotFound):
	case err != nil:
		return "", fmt.Errorf("recovery: exchange deposit %s: %w", audit.Abbreviate(f.TxID), err)
	case d.Status == exchange.DepositCredited:
		return ReasonCredited, nil
	case d.UserID != userID:
		return ReasonOtherAccount, nil
	case d.Status == exchange.DepositPending:
		return ReasonPending, nil
	case d.Status == exchange.DepositHeld && d.Hold != exchange.HoldBelowMinimum:
		return ReasonHeld, nil
	case d.Status == exchange.DepositHeld:
		f.Cause = CauseBelowMinimum
	}
	if f.Cause == "" {
		f.Cause = CauseNotCredited
	}
	f.Action = ActionCredit
	if f.Cause == CauseUnlistedToken {
		f.Action = ActionReturn
	}
	if f.Path == "" {
		f.Path = PathStandard
	}
	return "", nil
}

// onFile refuses a deposit already appealed or already recovered.
func (s *Service) onFile(ctx context.Context, f Facts) (string, error) {
	var open, done int
	err := s.db.QueryRow(ctx, `SELECT
		COALESCE(SUM(CASE WHEN status NOT IN ('completed', 'rejected') THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END), 0)
		FROM recovery_appeals WHERE deposit_key = ?`, depositKey(f.Network, f.TxID, f.Index)).Scan(&open, &done)
	switch {
	case err != nil:
		return "", fmt.Errorf("recovery: appeals on file: %w", err)
	case done > 0:
		return ReasonCredited, nil
	case open > 0:
		return ReasonAppealed, nil
	}
	return "", nil
}

// terms applies the matrix and the fee schedule to an eligible deposit.
func (s *Service) terms(ctx context.Context, lang string, f Facts) (Decision, error) {
	m, err := s.matrixFor(ctx, f.Network, f.Asset)
	if err != nil {
		return Decision{}, err
	}
	vars := map[string]string{"network": f.Network, "asset": f.Asset, "hours": fmt.Sprint(m.ExpectedHours), "condition": conditionText(lang, m.Condition)}
	if m.Mode == ModeNotPossible {
		d := refusal(lang, f, ReasonNotPossible, vars)
		d.Matrix = m
		return d, nil
	}
	sched, err := s.feeScheduleFor(ctx, f.Asset, f.Cause)
	if err != nil {
		return Decision{}, err
	}
	amount, _ := parseDecimal(f.Amount)
	places := min(f.Decimals, 8)
	fee := feeFor(sched, amount, places)
	d := Decision{Facts: f, Matrix: m, Language: lang, Fee: formatDecimal(fee, places), ExpectedHours: m.ExpectedHours}
	vars["fee"], vars["amount"] = d.Fee+" "+f.Asset, f.Amount+" "+f.Asset
	if fee.Cmp(amount) >= 0 {
		d.Reasons = []Reason{{ReasonFeeExceedsValue, reasonText(lang, ReasonFeeExceedsValue, vars)}}
		return d, nil
	}
	d.Eligible = true
	d.Net = formatDecimal(new(big.Rat).Sub(amount, fee), places)
	if lim, ok := parseDecimal(sched.SecondApprovalAbove); ok && amount.Cmp(lim) > 0 {
		d.NeedsSecond = true
	}
	if f.Path == PathMemo && d.ExpectedHours > 24 {
		d.ExpectedHours = 24
	}
	vars["hours"] = fmt.Sprint(d.ExpectedHours)
	add := func(code string) { d.Reasons = append(d.Reasons, Reason{code, reasonText(lang, code, vars)}) }
	add(ReasonEligible)
	if m.Mode == ModeConditional {
		add(ReasonConditional)
	}
	if f.Path == PathMemo {
		add(ReasonMemoPath)
	}
	switch f.Needs {
	case NeedSignature:
		add(ReasonNeedsSignature)
	case NeedStatement:
		add(ReasonNeedsStatement)
	}
	return d, nil
}
