package bot

import (
	"context"
	"fmt"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

// Flows: each is a small state machine kept in the conversation (flow,
// step, data). A flow needs a verification level (auth levels): reading
// the account needs L1 (signed in through the exchange); acting on it
// needs L2 (a fresh step-up on this ticket) except the freeze, which is
// one step at L1 because it only ever protects the customer, and only a
// person can undo it. Every start, confirmation and action is audited.
const (
	flowDeposit    = "deposit_check"
	flowWithdrawal = "withdrawal_check"
	flowTwoFactor  = "two_factor_reset"
	flowKYC        = "kyc_resume"
	flowUnlock     = "unlock_withdrawals"
	flowFreeze     = "freeze_account"
	flowHuman      = "human"
	flowOffer      = "offer" // the bot offers a flow the customer may start
)

// Steps.
const (
	stepAwaitTxID = "await_txid"
	stepStepUp    = "await_step_up"
	stepConfirm   = "confirm"
	stepOffer     = "offer"
)

// toolbar is the widget's toolbar, in order.
var toolbar = []string{flowDeposit, flowWithdrawal, flowTwoFactor, flowKYC, flowUnlock, flowFreeze, flowHuman}

type flowDef struct {
	level auth.Level
	acts  bool // changes the account (confirmation needed)
}

var flows = map[string]flowDef{
	flowDeposit:    {level: auth.L1},
	flowWithdrawal: {level: auth.L1},
	flowKYC:        {level: auth.L1},
	flowTwoFactor:  {level: auth.L2, acts: true},
	flowUnlock:     {level: auth.L2, acts: true},
	flowFreeze:     {level: auth.L1, acts: true},
}

// choicesOf are the buttons of the conversation's current step.
func choicesOf(c conversation) []string {
	switch {
	case c.Flow == flowOffer:
		return []string{"start_" + c.Data["offer"], "cancel"}
	case c.Flow == flowFreeze && c.Step == stepConfirm:
		return []string{"freeze", "cancel"}
	case c.Step == stepConfirm:
		return []string{"confirm", "cancel"}
	case c.Step == stepStepUp:
		return []string{"continue", "cancel"}
	case c.Step == stepAwaitTxID:
		return []string{"cancel"}
	}
	return nil
}

// startFlow starts flow name for the customer, if their level allows.
func (b *Bot) startFlow(ctx context.Context, u *turn, name string) error {
	if name == flowHuman {
		if u.c.Mode != modeBot {
			// Pressed again while waiting: say where the conversation is.
			return b.post(ctx, u, say(u.lang(), "handoff"))
		}
		return b.handOff(ctx, u, handOffHuman, "the customer pressed \"Talk to a person\"")
	}
	def, ok := flows[name]
	if !ok {
		return b.reply(ctx, u, "rephrase", say(u.lang(), "rephrase"))
	}
	u.c.Flow, u.c.Step, u.c.Data = name, "", map[string]string{}
	b.audit(ctx, u, "bot.flow_started", map[string]any{"flow": name})
	if u.userID == "" || u.level < auth.L1 {
		u.c.Flow = ""
		u.c.try(name + ": the customer is not signed in")
		return b.reply(ctx, u, "need_signin", say(u.lang(), "need_signin"))
	}
	switch name {
	case flowDeposit:
		return b.advance(ctx, u, "")
	case flowWithdrawal:
		return b.withdrawals(ctx, u)
	case flowKYC:
		return b.kyc(ctx, u)
	case flowRecover:
		return b.recoverFromToolbar(ctx, u)
	case flowFreeze:
		u.c.Step = stepConfirm
		return b.post(ctx, u, say(u.lang(), "confirm_freeze"))
	}
	if u.level < def.level {
		return b.askStepUp(ctx, u)
	}
	u.c.Step = stepConfirm
	return b.post(ctx, u, say(u.lang(), "confirm_"+name))
}

// choose answers the current step with a button's choice.
func (b *Bot) choose(ctx context.Context, u *turn, choice string) error {
	if choice == "cancel" && u.c.Flow != "" {
		b.audit(ctx, u, "bot.flow_cancelled", map[string]any{"flow": u.c.Flow, "step": u.c.Step})
		u.c.try(u.c.Flow + ": cancelled by the customer")
		u.c.Flow, u.c.Step, u.c.Data = "", "", map[string]string{}
		return b.reply(ctx, u, "cancelled", say(u.lang(), "cancelled"))
	}
	if u.c.Flow == flowOffer && choice == "start_"+u.c.Data["offer"] {
		return b.startFlow(ctx, u, u.c.Data["offer"])
	}
	if !contains(choicesOf(u.c), choice) {
		// A button of a step that is over (an old tab): say where things stand.
		return b.post(ctx, u, say(u.lang(), "stale"))
	}
	switch {
	case choice == "continue":
		if u.level < flows[u.c.Flow].level {
			return b.post(ctx, u, fmt.Sprintf(say(u.lang(), "stepup_missing"), b.cfg.PublicURL+"/step-up"))
		}
		b.audit(ctx, u, "bot.flow_stepped_up", map[string]any{"flow": u.c.Flow})
		u.c.Step = stepConfirm
		return b.post(ctx, u, say(u.lang(), "confirm_"+u.c.Flow))
	case choice == "freeze" || choice == "confirm":
		return b.act(ctx, u)
	}
	return nil
}

// askStepUp asks for a fresh code on this ticket, as an agent's request
// would, and waits for the customer's "Continue".
func (b *Bot) askStepUp(ctx context.Context, u *turn) error {
	if _, err := b.cfg.Levels.RequestStepUp(ctx, u.t.ID, u.t.Customer.ID, 0); err != nil {
		return err
	}
	u.c.Step = stepStepUp
	u.c.try(u.c.Flow + ": step-up requested")
	return b.post(ctx, u, fmt.Sprintf(say(u.lang(), "need_stepup"), b.cfg.PublicURL+"/step-up"))
}

// advance feeds the deposit flow text: a message with a TxID is
// diagnosed; without one the flow asks for it (twice, then a person).
func (b *Bot) advance(ctx context.Context, u *turn, _ string) error {
	if b.cfg.Deposits == nil {
		return b.handOff(ctx, u, handOffUnsure, "deposit diagnosis is not available")
	}
	text := u.text
	if u.input != "" {
		text = "" // a button's label holds no TxID
	}
	var res diagnose.Result
	found := false
	if text != "" {
		var err error
		res, found, err = b.cfg.Deposits.FromMessage(ctx, text, u.userID, u.lang())
		if err != nil {
			u.c.try("deposit diagnosis failed: " + err.Error())
			return b.handOff(ctx, u, handOffUnsure, "the deposit diagnosis failed")
		}
	}
	if !found {
		asked, _ := strconv.Atoi(u.c.Data["asked"])
		if asked >= 2 {
			u.c.try("asked for a TxID twice; none given")
			return b.handOff(ctx, u, handOffUnsure, "no TxID after asking twice")
		}
		u.c.Flow, u.c.Step = flowDeposit, stepAwaitTxID
		u.c.Data["asked"] = strconv.Itoa(asked + 1)
		key := "ask_txid"
		if asked > 0 {
			key = "txid_again"
		}
		u.c.LastAnswer = key
		return b.post(ctx, u, say(u.lang(), key))
	}
	b.audit(ctx, u, "bot.deposit_checked", map[string]any{"txid": b.cfg.Audit.ChainInput(res.TxID), "verdict": res.Verdict, "next_step": res.NextStep.Kind})
	u.c.try(fmt.Sprintf("deposit diagnosis of %s: %s (next step %s)", short(res.TxID), res.Verdict, res.NextStep.Kind))
	u.c.Flow, u.c.Step, u.c.Data = "", "", map[string]string{}
	text = res.Title + "\n" + res.Explanation
	if res.NextStep.Text != "" {
		text += "\n\n" + say(u.lang(), "next_step") + " " + res.NextStep.Text
	}
	if err := b.reply(ctx, u, "deposit:"+res.TxID+":"+res.Verdict, text); err != nil {
		return err
	}
	if res.NextStep.Kind == diagnose.StepContactSupport {
		return b.handOff(ctx, u, handOffUnsure, "the diagnosis says support must look ("+res.Verdict+")")
	}
	return b.offerRecovery(ctx, u, res)
}

// act takes the confirmed action of the flow, at its level, and audits it
// with its outcome. The exchange decides: a refusal (a lock) is passed on.
func (b *Bot) act(ctx context.Context, u *turn) error {
	flow := u.c.Flow
	if u.level < flows[flow].level {
		return b.askStepUp(ctx, u)
	}
	if b.cfg.Exchange == nil {
		return b.handOff(ctx, u, handOffUnsure, "the exchange is not connected")
	}
	ref := "groundcrew-ticket-" + strconv.FormatInt(u.t.ID, 10)
	var res exchange.ActionResult
	var err error
	switch flow {
	case flowFreeze:
		res, err = b.cfg.Exchange.FreezeAccount(ctx, u.userID, "the customer froze the account from the support chat ("+ref+")")
	case flowTwoFactor:
		res, err = b.cfg.Exchange.RequestTwoFactorReset(ctx, u.userID, ref)
	case flowUnlock:
		res, err = b.cfg.Exchange.UnlockWithdrawals(ctx, u.userID, ref)
	default:
		return nil
	}
	detail := map[string]any{"flow": flow, "user_id": u.userID, "level": u.level.String()}
	u.c.Flow, u.c.Step, u.c.Data = "", "", map[string]string{}
	if err != nil {
		detail["outcome"] = "failed"
		e, ok := errs.As(err)
		if ok && e.Kind == errs.Conflict {
			detail["outcome"], detail["message"] = "refused_by_exchange", e.Msg
		}
		b.audit(ctx, u, "bot.flow_action", detail)
		u.c.try(fmt.Sprintf("%s: %v", flow, detail["outcome"]))
		if !ok || e.Kind != errs.Conflict {
			return b.handOff(ctx, u, handOffUnsure, flow+" failed at the exchange")
		}
		return b.reply(ctx, u, "refused:"+flow, fmt.Sprintf(say(u.lang(), "refused"), e.Msg))
	}
	detail["outcome"], detail["exchange_action_id"] = res.Status, res.ID
	b.audit(ctx, u, "bot.flow_action", detail)
	u.c.try(fmt.Sprintf("%s: %s", flow, res.Status))
	switch flow {
	case flowFreeze:
		if err := b.post(ctx, u, say(u.lang(), "frozen")); err != nil {
			return err
		}
		return b.handOff(ctx, u, handOffSecurity, "the customer froze the account, fearing a hack")
	case flowTwoFactor:
		return b.post(ctx, u, say(u.lang(), "twofa_requested"))
	default:
		return b.post(ctx, u, say(u.lang(), "unlocked"))
	}
}

// audit records a flow event with the customer as the actor.
func (b *Bot) audit(ctx context.Context, u *turn, action string, detail map[string]any) {
	ctx = audit.WithActor(ctx, audit.Actor{Kind: audit.ActorCustomer, ID: orStr(u.userID, "visitor")})
	detail["ticket_id"] = u.t.ID
	if err := b.cfg.Audit.Record(ctx, action, "ticket", strconv.FormatInt(u.t.ID, 10), detail); err != nil {
		b.log.Error("bot: audit", "action", action, "ticket", u.t.ID, "err", err)
	}
}

func short(s string) string {
	if len(s) > 14 {
		return s[:8] + "…" + s[len(s)-4:]
	}
	return s
}

func orStr(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
