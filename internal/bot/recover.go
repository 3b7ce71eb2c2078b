package bot

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/recovery"
)

// Starting a deposit-recovery appeal from the chat (issue 12, item 7).
// After a deposit verdict the bot asks recovery's eligibility check, which
// decides from facts (the bot does not re-decide it from the verdict), and
// when the deposit can be appealed it offers a link to the recovery start
// page, prefilled with the deposit. The page works only for the customer
// signed in there and runs the same check for that customer, so a link
// passed to someone else opens nothing for them.

// flowRecover is the toolbar's "Recover a deposit".
const flowRecover = "recover_deposit"

// RecoveryStartPath is the customer's page that starts an appeal (served by
// internal/server, pages_recovery_start.go).
const RecoveryStartPath = "/deposit-recovery/start"

// Recovery decides whether a deposit can be appealed (*recovery.Service).
type Recovery interface {
	Check(ctx context.Context, c recovery.Claim) (recovery.Decision, error)
}

func init() {
	// Before "Talk to a person", which stays last.
	i := slices.Index(toolbar, flowHuman)
	toolbar = slices.Insert(toolbar, i, flowRecover)
	flows[flowRecover] = flowDef{level: auth.L1}
}

// RecoveryStartURL is the start page for deposit f, prefilled, in lang;
// verdict is the diagnosis that led there (kept with the appeal).
func RecoveryStartURL(publicURL, lang, verdict string, f recovery.Facts) string {
	q := url.Values{}
	q.Set("lang", lang)
	if verdict != "" {
		q.Set("diagnosis", verdict)
	}
	q.Set("network", f.Network)
	q.Set("txid", f.TxID)
	if f.To != "" {
		q.Set("address", f.To)
	}
	if f.Memo != "" {
		q.Set("memo", f.Memo)
	}
	return publicURL + RecoveryStartPath + "?" + q.Encode()
}

// offerRecovery follows a deposit verdict: when recovery says the deposit
// can be appealed, the bot offers the start page. Anything else (pending,
// credited, not ours, the check failing) adds nothing to the verdict.
func (b *Bot) offerRecovery(ctx context.Context, u *turn, res diagnose.Result) error {
	d, ok := b.recoveryDecision(ctx, u, res.TxID, res.Network, res.Verdict)
	if !ok || !d.Eligible {
		return nil
	}
	return b.postRecoveryOffer(ctx, u, d, res.Verdict)
}

// recoveryDecision asks recovery about the customer's deposit txid.
func (b *Bot) recoveryDecision(ctx context.Context, u *turn, txid, network, verdict string) (recovery.Decision, bool) {
	if b.cfg.Recovery == nil || u.userID == "" || txid == "" {
		return recovery.Decision{}, false
	}
	d, err := b.cfg.Recovery.Check(ctx, recovery.Claim{UserID: u.userID, TxID: txid, Network: network, Language: u.lang(), Diagnosis: verdict})
	if err != nil {
		u.c.try("recovery eligibility failed: " + err.Error())
		return recovery.Decision{}, false
	}
	code := ""
	if len(d.Reasons) > 0 {
		code = d.Reasons[0].Code
	}
	u.c.try(fmt.Sprintf("recovery eligibility of %s: eligible=%t (%s)", short(txid), d.Eligible, code))
	return d, true
}

func (b *Bot) postRecoveryOffer(ctx context.Context, u *turn, d recovery.Decision, verdict string) error {
	b.audit(ctx, u, "bot.recovery_offered", map[string]any{"txid": b.cfg.Audit.ChainInput(d.Facts.TxID), "network": d.Facts.Network})
	link := RecoveryStartURL(b.cfg.PublicURL, u.lang(), verdict, d.Facts)
	return b.post(ctx, u, fmt.Sprintf(say(u.lang(), "recovery_offer"), link))
}

// recoverFromToolbar is "Recover a deposit": the deposit the conversation
// just checked, when there is one, else the deposit check first (its
// verdict brings the offer when the deposit can be appealed).
func (b *Bot) recoverFromToolbar(ctx context.Context, u *turn) error {
	txid, verdict, known := lastDeposit(u.c.LastAnswer)
	if !known {
		u.c.Flow = flowDeposit
		return b.advance(ctx, u, "")
	}
	u.c.Flow, u.c.Step = "", ""
	d, ok := b.recoveryDecision(ctx, u, txid, "", verdict)
	if !ok {
		return b.handOff(ctx, u, handOffUnsure, "recovery eligibility is not available")
	}
	if d.Eligible {
		return b.postRecoveryOffer(ctx, u, d, verdict)
	}
	why := ""
	if len(d.Reasons) > 0 {
		why = d.Reasons[0].Text
	}
	return b.reply(ctx, u, "recovery_refused:"+txid, fmt.Sprintf(say(u.lang(), "recovery_refused"), why))
}

// lastDeposit reads the deposit of a "deposit:<txid>:<verdict>" answer key.
func lastDeposit(key string) (txid, verdict string, ok bool) {
	rest, ok := strings.CutPrefix(key, "deposit:")
	if !ok {
		return "", "", false
	}
	i := strings.LastIndex(rest, ":")
	if i <= 0 {
		return "", "", false
	}
	return rest[:i], rest[i+1:], true
}
