package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/groundcrew/groundcrew/internal/bot/nlu"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Kinds of hand-off: who gets the conversation and how urgently.
type handOffKind int

const (
	handOffHuman    handOffKind = iota // asked for a person: the ticket's queue, as it is
	handOffUnsure                      // the bot cannot help: the same
	handOffDistress                    // high priority
	handOffSecurity                    // the security specialists, urgent
	handOffScam                        // the security specialists, high
)

// intentAreas are the product areas an intent routes by.
var intentAreas = map[string]string{
	nlu.IntentDepositMissing: "wallet_deposits", nlu.IntentWithdrawalDelayed: "withdrawals", nlu.IntentWithdrawalSuspended: "withdrawals",
	nlu.IntentTwoFactorReset: "account_security", nlu.IntentPasswordReset: "account_security", nlu.IntentAccountLocked: "account_security",
	nlu.IntentAccountCompromised: "account_security", nlu.IntentPhishingReport: "account_security", nlu.IntentIdentityVerification: "kyc",
	nlu.IntentP2PDispute: "p2p", nlu.IntentFuturesLiquidation: "futures", nlu.IntentEarnStaking: "earn", nlu.IntentCardPayment: "card",
}

// handOff gives the conversation to people at once: an internal note with
// the summary (intent, entities, what was tried and what it found), the
// ticket moved and prioritised for kind (routing follows the escalation
// to the new queue), an audit record, and the customer told, in their
// language. The bot then stays quiet, but for flows the customer starts.
func (b *Bot) handOff(ctx context.Context, u *turn, kind handOffKind, reason string) error {
	already := u.c.Mode != modeBot
	if already && (kind != handOffSecurity && kind != handOffScam || u.c.Mode == modeSecurity) {
		return nil
	}
	if _, err := b.cfg.Tickets.BotNote(ctx, u.t.ID, summary(u, reason)); err != nil {
		return err
	}
	h := ticket.BotHandOff{ToTier: u.t.Tier, Reason: "bot hand-off: " + reason}
	switch kind {
	case handOffSecurity:
		h.ToTier, h.Specialist, h.Priority = 3, "security", "urgent"
	case handOffScam:
		h.ToTier, h.Specialist, h.Priority = 3, "security", "high"
	case handOffDistress:
		h.Priority = "high"
	}
	if h.ToTier < 1 {
		h.ToTier = 1
	}
	if _, err := b.cfg.Tickets.HandOffFromBot(ctx, u.t.ID, h); err != nil {
		return err
	}
	if area, ok := intentAreas[u.a.Intent]; ok && h.Specialist == "" && u.t.ProductArea == "other" {
		if _, err := b.cfg.Tickets.SystemUpdate(ctx, u.t.ID, ticket.Update{ProductArea: &area}, ticket.BotActor, "bot hand-off: "+reason); err != nil {
			b.log.Warn("bot: product area on hand-off", "ticket", u.t.ID, "err", err)
		}
	}
	b.audit(ctx, u, "bot.handed_off", map[string]any{"reason": reason, "specialist": h.Specialist, "priority": string(h.Priority),
		"intent": u.a.Intent, "confidence": u.a.Confidence})
	u.c.Mode = modeHuman
	if h.Specialist == "security" {
		u.c.Mode = modeSecurity
	}
	if u.c.HandedOffAt == 0 {
		u.c.HandedOffAt = b.cfg.DB.Now()
	}
	u.c.Flow, u.c.Step, u.c.Data = "", "", map[string]string{}
	key := "handoff"
	if h.Specialist == "security" {
		key = "handoff_security"
	}
	u.c.LastAnswer = key
	return b.post(ctx, u, say(u.lang(), key))
}

// summary is the hand-off note agents read first.
func summary(u *turn, reason string) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Bot hand-off: %s.\n", reason)
	if u.a.Intent != "" {
		fmt.Fprintf(&sb, "Intent: %s (confidence %.2f); language %s; customer level %s.", u.a.Intent, u.a.Confidence, u.c.Lang, u.level)
	} else {
		fmt.Fprintf(&sb, "Language %s; customer level %s.", u.c.Lang, u.level)
	}
	var flags []string
	if u.a.HighStakes {
		flags = append(flags, "high stakes")
	}
	if u.a.Distress {
		flags = append(flags, "distressed")
	}
	if u.a.WantsHuman {
		flags = append(flags, "asked for a person")
	}
	if len(flags) > 0 {
		fmt.Fprintf(&sb, " Signals: %s.", strings.Join(flags, ", "))
	}
	if len(u.a.Entities) > 0 {
		var es []string
		for _, e := range u.a.Entities {
			v := e.Value
			if e.Kind == nlu.EntityTxID || e.Kind == nlu.EntityAddress {
				v = short(v)
			}
			if len(e.Networks) > 0 {
				v += " (" + strings.Join(e.Networks[:min(len(e.Networks), 3)], ", ") + ")"
			}
			es = append(es, e.Kind+" "+v)
		}
		fmt.Fprintf(&sb, "\nEntities: %s.", strings.Join(es, "; "))
	}
	if len(u.c.Tried) > 0 {
		fmt.Fprintf(&sb, "\nTried: %s.", strings.Join(u.c.Tried, "; "))
	} else {
		sb.WriteString("\nTried: nothing yet.")
	}
	return sb.String()
}
