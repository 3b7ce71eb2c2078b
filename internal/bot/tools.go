package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/bot/nlu"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/kb"
)

type kbHit = kb.Hit

// articleText is a knowledge-base answer: the passage that fits the
// question best, and the link to the whole article.
func articleText(lang string, h kb.Hit, publicURL string) string {
	link := publicURL + "/help/" + h.Lang + "/articles/" + h.Slug
	return h.Passage + "\n\n" + say(lang, "read_more") + " " + h.Title + ": " + link
}

// withdrawals answers "where is my withdrawal": the one the customer
// names (by id or TxID), or the newest three, with their status.
func (b *Bot) withdrawals(ctx context.Context, u *turn) error {
	u.c.Flow, u.c.Step = "", ""
	if b.cfg.Exchange == nil {
		return b.handOff(ctx, u, handOffUnsure, "the exchange is not connected")
	}
	ws, err := b.cfg.Exchange.Withdrawals(ctx, u.userID)
	if err != nil {
		u.c.try("withdrawal look-up failed")
		return b.handOff(ctx, u, handOffUnsure, "the withdrawal look-up failed")
	}
	b.audit(ctx, u, "bot.withdrawals_checked", map[string]any{"count": len(ws)})
	if len(ws) == 0 {
		u.c.try("withdrawals: none")
		return b.reply(ctx, u, "withdrawals:none", say(u.lang(), "no_withdrawals"))
	}
	slices.SortFunc(ws, func(a, b exchange.Withdrawal) int { return b.CreatedAt.Compare(a.CreatedAt) })
	if named := namedWithdrawals(ws, u.a); len(named) > 0 {
		ws = named
	}
	ws = ws[:min(len(ws), 3)]
	lines := []string{say(u.lang(), "withdrawals")}
	var key []string
	for _, w := range ws {
		line := fmt.Sprintf("• %s %s (%s), %s: %s", w.Amount, w.Asset, w.Network, w.CreatedAt.UTC().Format("2006-01-02"),
			say(u.lang(), "wd_"+string(w.Status)))
		if w.TxID != "" {
			line += " — TxID " + w.TxID
		}
		if w.Reason != "" {
			line += " (" + w.Reason + ")"
		}
		lines = append(lines, line)
		key = append(key, w.ID+"="+string(w.Status))
		u.c.try(fmt.Sprintf("withdrawal %s: %s", w.ID, w.Status))
	}
	if slices.ContainsFunc(ws, func(w exchange.Withdrawal) bool { return w.Status == exchange.WithdrawalHeld }) {
		lines = append(lines, "", say(u.lang(), "wd_held_hint"))
	}
	return b.reply(ctx, u, "withdrawals:"+strings.Join(key, ","), strings.Join(lines, "\n"))
}

// namedWithdrawals are the withdrawals whose id or TxID the message names.
func namedWithdrawals(ws []exchange.Withdrawal, a nlu.Analysis) []exchange.Withdrawal {
	var out []exchange.Withdrawal
	for _, w := range ws {
		for _, e := range a.Entities {
			if strings.EqualFold(e.Value, w.ID) || w.TxID != "" && strings.EqualFold(e.Value, w.TxID) {
				out = append(out, w)
				break
			}
		}
	}
	return out
}

// kyc tells the customer where their identity verification stands and how
// to go on with it.
func (b *Bot) kyc(ctx context.Context, u *turn) error {
	u.c.Flow, u.c.Step = "", ""
	if b.cfg.Exchange == nil {
		return b.handOff(ctx, u, handOffUnsure, "the exchange is not connected")
	}
	usr, err := b.cfg.Exchange.User(ctx, u.userID)
	if err != nil {
		u.c.try("account look-up failed")
		return b.handOff(ctx, u, handOffUnsure, "the account look-up failed")
	}
	b.audit(ctx, u, "bot.account_checked", map[string]any{"kyc_level": usr.KYCLevel, "state": usr.State})
	u.c.try(fmt.Sprintf("identity verification: level %d, account %s", usr.KYCLevel, usr.State))
	text := fmt.Sprintf(say(u.lang(), "kyc"), usr.KYCLevel)
	if usr.State == exchange.StateFrozen {
		text += "\n\n" + say(u.lang(), "account_frozen")
	}
	return b.reply(ctx, u, fmt.Sprintf("kyc:%d:%s", usr.KYCLevel, usr.State), text)
}
