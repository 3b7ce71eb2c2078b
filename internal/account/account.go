// Package account is an agent's view of a ticket customer's exchange
// account: the verification level the customer has reached, the exchange
// profile and security locks (from L1), the actions support may ask the
// exchange for (at L2), and revealing masked personal data with a reason.
// Every look, attempt and reveal is audited. Nothing here can override a
// lock: the exchange decides, and its refusal is passed on as it gave it.
package account

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Tickets finds the ticket an agent asks about; *ticket.Store implements it.
type Tickets interface {
	Head(ctx context.Context, v ticket.Viewer, id int64) (ticket.Ticket, error)
}

// Levels knows and changes customers' verification; *auth.Verifications
// implements it.
type Levels interface {
	Status(ctx context.Context, customerID, ticketID int64, opened time.Time) (auth.Verification, error)
	RequestStepUp(ctx context.Context, ticketID, customerID, agentID int64) (auth.StepUp, error)
}

// Auditor records access and attempts; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// Gate holds agents off tools their certifications do not cover yet
// (internal/academy, wired by internal/server): Clear returns nil, or a
// Forbidden error saying which certification to pass.
type Gate interface {
	Clear(ctx context.Context, agentID int64, gate string) error
}

// ActionsGate is the gate account actions ask.
const ActionsGate = "tool:account_actions"

// Service answers the account questions of the ticket page and the API.
type Service struct {
	Tickets  Tickets
	Levels   Levels
	Exchange exchange.Exchange
	Audit    Auditor
	Gate     Gate // nil: the role's permission alone decides
}

// Account is the exchange's profile of a ticket's customer, as support may
// see it: personal data masked, locks read-only with their end times.
type Account struct {
	UserID           string                `json:"user_id"`
	Email            string                `json:"email"`
	Name             string                `json:"name"`
	Masked           bool                  `json:"masked"` // Email and Name are masked
	Country          string                `json:"country"`
	KYCLevel         int                   `json:"kyc_level"`
	TwoFactorEnabled bool                  `json:"two_factor_enabled"`
	State            exchange.AccountState `json:"state"`
	StateReason      string                `json:"state_reason,omitempty"`
	Locks            []Lock                `json:"locks"`
	CreatedAt        time.Time             `json:"created_at"`
}

// Lock is one of the exchange's security locks on the account.
type Lock struct {
	Kind   exchange.LockKind `json:"kind"`
	Label  string            `json:"label"`
	Until  *time.Time        `json:"until,omitempty"` // absent: until lifted
	Reason string            `json:"reason"`
}

var lockLabels = map[exchange.LockKind]string{
	exchange.LockSettings:       "Security settings lock",
	exchange.LockNewAddressHold: "New-address withdrawal hold",
	exchange.LockDeviceTrust:    "Device-trust window",
	exchange.LockWithdrawals:    "Withdrawals locked",
}

func accountOf(u exchange.User) Account {
	a := Account{UserID: u.ID, Email: ticket.MaskEmail(u.Email), Name: ticket.MaskName(u.Name), Masked: true,
		Country: u.Country, KYCLevel: u.KYCLevel, TwoFactorEnabled: u.TwoFactorEnabled, State: u.State,
		StateReason: u.StateReason, Locks: []Lock{}, CreatedAt: u.CreatedAt}
	for _, l := range u.Locks {
		label := lockLabels[l.Kind]
		if label == "" {
			label = string(l.Kind)
		}
		lock := Lock{Kind: l.Kind, Label: label, Reason: l.Reason}
		if !l.Until.IsZero() {
			until := l.Until
			lock.Until = &until
		}
		a.Locks = append(a.Locks, lock)
	}
	return a
}

// find returns the ticket v asks about and its customer's level now.
func (s *Service) find(ctx context.Context, v ticket.Viewer, id int64) (ticket.Ticket, auth.Verification, error) {
	t, err := s.Tickets.Head(ctx, v, id)
	if err != nil {
		return ticket.Ticket{}, auth.Verification{}, err
	}
	lv, err := s.Levels.Status(ctx, t.Customer.ID, t.ID, t.CreatedAt)
	if err != nil {
		return ticket.Ticket{}, auth.Verification{}, err
	}
	return t, lv, nil
}

func noExchangeUser(t ticket.Ticket) error {
	return errs.E(errs.Conflict, "ticket %d's customer has no exchange user id (external_id), so there is no exchange account to check or act on", t.ID)
}

// Verification is the ticket customer's level now, with any pending step-up.
func (s *Service) Verification(ctx context.Context, v ticket.Viewer, id int64) (auth.Verification, error) {
	_, lv, err := s.find(ctx, v, id)
	return lv, err
}

// Account returns the customer's exchange profile and locks; it needs L1.
func (s *Service) Account(ctx context.Context, v ticket.Viewer, id int64) (Account, error) {
	t, lv, err := s.find(ctx, v, id)
	if err != nil {
		return Account{}, err
	}
	if t.Customer.ExternalID == "" {
		return Account{}, noExchangeUser(t)
	}
	if lv.Level < auth.L1 {
		return Account{}, auth.NeedLevel("The exchange account data of this ticket's customer", auth.L1, lv.Level)
	}
	u, err := s.Exchange.User(ctx, t.Customer.ExternalID)
	if err != nil {
		return Account{}, fmt.Errorf("account of ticket %d: %w", id, err)
	}
	err = s.Audit.Record(ctx, "customer.account_viewed", "customer", strconv.FormatInt(t.Customer.ID, 10),
		map[string]any{"ticket_id": t.ID, "user_id": u.ID, "level": lv.Label})
	if err != nil {
		return Account{}, fmt.Errorf("account of ticket %d: %w", id, err)
	}
	return accountOf(u), nil
}

// RequestStepUp asks the ticket's customer to confirm a fresh code.
func (s *Service) RequestStepUp(ctx context.Context, v ticket.Viewer, id int64) (auth.StepUp, error) {
	t, err := s.Tickets.Head(ctx, v, id)
	if err != nil {
		return auth.StepUp{}, err
	}
	if t.Customer.ExternalID == "" {
		return auth.StepUp{}, noExchangeUser(t)
	}
	return s.Levels.RequestStepUp(ctx, t.ID, t.Customer.ID, v.AgentID)
}

// Actions lists the account actions agents may ask for, each needing L2.
var Actions = []string{exchange.ActionTwoFactorReset, exchange.ActionUnlockWithdrawals}

var actionNames = map[string]string{
	exchange.ActionTwoFactorReset:    "A two-factor reset",
	exchange.ActionUnlockWithdrawals: "Unlocking withdrawals",
}

// Audit outcomes of an action attempt, besides the exchange's own result
// status ("done", "requested").
const (
	OutcomeNotVisible        = "ticket_not_visible"
	OutcomeNoExchangeUser    = "no_exchange_user"
	OutcomeLevelTooLow       = "level_too_low"
	OutcomeRefusedByExchange = "refused_by_exchange"
	OutcomeFailed            = "failed"
	OutcomeNotCertified      = "not_certified"
)

// Act asks the exchange to take action for the ticket's customer. It needs
// L2; a lock the exchange holds is its Conflict, passed on unchanged. Every
// attempt is audited ("customer.account_action") with its outcome.
func (s *Service) Act(ctx context.Context, v ticket.Viewer, id int64, action string) (exchange.ActionResult, error) {
	what, ok := actionNames[action]
	if !ok {
		return exchange.ActionResult{}, errs.E(errs.NotFound, "no account action %q; the actions are %s", action, strings.Join(Actions, " and "))
	}
	detail := map[string]any{"action": action, "ticket_id": id}
	res, err := s.act(ctx, v, id, action, what, detail)
	if aerr := s.Audit.Record(ctx, "customer.account_action", "ticket", strconv.FormatInt(id, 10), detail); aerr != nil {
		return exchange.ActionResult{}, errors.Join(err, fmt.Errorf("audit %s on ticket %d: %w", action, id, aerr))
	}
	return res, err
}

// act does Act's work and notes in detail what the audit record says.
func (s *Service) act(ctx context.Context, v ticket.Viewer, id int64, action, what string, detail map[string]any) (exchange.ActionResult, error) {
	t, lv, err := s.find(ctx, v, id)
	if err != nil {
		detail["outcome"] = OutcomeFailed
		if errs.Is(err, errs.Forbidden) || errs.Is(err, errs.NotFound) {
			detail["outcome"] = OutcomeNotVisible
		}
		return exchange.ActionResult{}, err
	}
	detail["customer_id"], detail["user_id"], detail["level"] = t.Customer.ID, t.Customer.ExternalID, lv.Label
	if t.Customer.ExternalID == "" {
		detail["outcome"] = OutcomeNoExchangeUser
		return exchange.ActionResult{}, noExchangeUser(t)
	}
	if s.Gate != nil {
		if err := s.Gate.Clear(ctx, v.AgentID, ActionsGate); err != nil {
			detail["outcome"] = OutcomeNotCertified
			return exchange.ActionResult{}, err
		}
	}
	if lv.Level < auth.L2 {
		detail["outcome"] = OutcomeLevelTooLow
		return exchange.ActionResult{}, auth.NeedLevel(what, auth.L2, lv.Level)
	}
	ref := "groundcrew-ticket-" + strconv.FormatInt(t.ID, 10)
	var res exchange.ActionResult
	switch action {
	case exchange.ActionTwoFactorReset:
		res, err = s.Exchange.RequestTwoFactorReset(ctx, t.Customer.ExternalID, ref)
	case exchange.ActionUnlockWithdrawals:
		res, err = s.Exchange.UnlockWithdrawals(ctx, t.Customer.ExternalID, ref)
	}
	if err != nil {
		detail["outcome"] = OutcomeFailed
		if e, ok := errs.As(err); ok && e.Kind == errs.Conflict {
			detail["outcome"], detail["message"] = OutcomeRefusedByExchange, e.Msg
		}
		return exchange.ActionResult{}, fmt.Errorf("%s for ticket %d: %w", action, t.ID, err)
	}
	detail["outcome"], detail["message"], detail["exchange_action_id"] = res.Status, res.Message, res.ID
	if res.Replayed {
		detail["replayed"] = true
	}
	return res, nil
}

// Reveal reasons are between these lengths, in characters.
const (
	MinRevealReason = 10
	MaxRevealReason = 500
)

// checkReason trims a reveal's reason and checks it says something.
func checkReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch n := utf8.RuneCountInString(reason); {
	case !utf8.ValidString(reason) || strings.ContainsRune(reason, 0):
		return "", errs.Field("reason", "reason must be plain text")
	case n < MinRevealReason:
		return "", errs.Field("reason", "say why you need the customer's personal data, in at least %d characters", MinRevealReason)
	case n > MaxRevealReason:
		return "", errs.Field("reason", "reason is longer than %d characters", MaxRevealReason)
	}
	return reason, nil
}

// Revealed is a customer's unmasked personal data, shown once to the agent
// who gave a reason.
type Revealed struct {
	Customer   ticket.Customer  `json:"customer"`
	Account    *RevealedAccount `json:"account,omitempty"` // the exchange's own record, from L1
	Reason     string           `json:"reason"`
	RevealedAt time.Time        `json:"revealed_at"`
}

// RevealedAccount is the exchange's personal data of the customer.
type RevealedAccount struct {
	UserID  string `json:"user_id"`
	Email   string `json:"email"`
	Name    string `json:"name"`
	Country string `json:"country"`
}

// Reveal returns the ticket customer's personal data unmasked and audits
// the reveal with its reason ("customer.pii_revealed").
func (s *Service) Reveal(ctx context.Context, v ticket.Viewer, id int64, reason string) (Revealed, error) {
	reason, err := checkReason(reason)
	if err != nil {
		return Revealed{}, err
	}
	t, lv, err := s.find(ctx, v, id)
	if err != nil {
		return Revealed{}, err
	}
	out := Revealed{Customer: t.Customer, Reason: reason, RevealedAt: time.Now().UTC().Truncate(time.Second)}
	out.Customer.Masked = false
	fields := []string{"customer.email", "customer.name"}
	if t.Customer.ExternalID != "" && lv.Level >= auth.L1 {
		u, err := s.Exchange.User(ctx, t.Customer.ExternalID)
		switch {
		case err == nil:
			out.Account = &RevealedAccount{UserID: u.ID, Email: u.Email, Name: u.Name, Country: u.Country}
			fields = append(fields, "account.email", "account.name", "account.country")
		case !errs.Is(err, errs.NotFound):
			return Revealed{}, fmt.Errorf("reveal on ticket %d: %w", id, err)
		}
	}
	err = s.Audit.Record(ctx, "customer.pii_revealed", "customer", strconv.FormatInt(t.Customer.ID, 10),
		map[string]any{"ticket_id": t.ID, "reason": reason, "fields": fields, "level": lv.Label})
	if err != nil {
		return Revealed{}, fmt.Errorf("reveal on ticket %d: %w", id, err)
	}
	return out, nil
}
