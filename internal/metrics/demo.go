package metrics

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// DemoHistory lays down days of rollups ending at the hour before end, as
// a desk of the demo's teams and agents would have made them: a daily
// rhythm (busy from 08:00 to 20:00 UTC), chat and e-mail, the demo's
// languages and product areas, a withdrawals surge on the last afternoon.
// It writes rollup rows, not tickets, so the demo's dashboards have a
// history to draw; it does nothing when rollups exist already.
func (s *Service) DemoHistory(ctx context.Context, end time.Time, days int, teams, agents []int64) error {
	var n int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM metric_daily`).Scan(&n); err != nil {
		return fmt.Errorf("metrics: demo history: %w", err)
	}
	if n > 0 || len(teams) == 0 || len(agents) == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(7, 11))
	areas := []string{"wallet_deposits", "withdrawals", "account_security", "kyc", "spot", "p2p"}
	langs := []string{"en", "es", "ru", "tr", "zh", "vi"}
	intents := []string{"deposit_not_credited", "withdrawal_delayed", "reset_2fa", "kyc_status", "wrong_network", "account_locked"}
	d := delta{}
	endHour := end.Unix()/3600 - 1
	for h := endHour - int64(days*24) + 1; h <= endHour; h++ {
		hourOfDay := h % 24
		load := 2 + 10*math.Max(0, math.Sin(math.Pi*float64(hourOfDay-6)/16))
		tickets := int(load * (0.7 + 0.6*rng.Float64()))
		if h > endHour-8 && h < endHour-3 {
			tickets += 12 // the last afternoon's surge
		}
		for i := 0; i < tickets; i++ {
			area := areas[rng.IntN(len(areas))]
			intent := intents[rng.IntN(len(intents))]
			if h > endHour-8 && h < endHour-3 && i%2 == 0 {
				area, intent = "withdrawals", "withdrawal_delayed"
			}
			t := &ticketState{Channel: []string{"chat", "chat", "email"}[rng.IntN(3)], Language: langs[rng.IntN(len(langs))],
				ProductArea: area, Intent: intent, TeamID: teams[rng.IntN(len(teams))], AgentID: agents[rng.IntN(len(agents))]}
			demoTicket(d, t, h*3_600_000+int64(rng.IntN(3_600_000)), rng)
		}
	}
	if err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error { return d.write(ctx, tx) }); err != nil {
		return err
	}
	for h := endHour - 8; h <= endHour; h++ {
		if err := s.CheckSpikes(ctx, h); err != nil {
			return err
		}
	}
	return nil
}

// demoTicket counts one ticket's life at ms.
func demoTicket(d delta, t *ticketState, ms int64, rng *rand.Rand) {
	d.add(t, 0, ms, Created, 1)
	bot := rng.IntN(3) == 0
	if bot {
		d.add(t, 0, ms, BotTickets, 1)
	}
	d.add(t, 0, ms, Solved, 1)
	d.add(t, 0, ms, FirstSolved, 1)
	if bot && rng.IntN(2) == 0 { // the bot solved it alone
		d.add(t, 0, ms, ResMS, int64(60_000+rng.IntN(240_000)))
		d.add(t, 0, ms, AutoSolved, 1)
		d.add(t, 0, ms, BotSolved, 1)
		d.add(t, 0, ms, FCR, 1)
		d.add(t, 0, ms, SLAResMet, 1)
		if rng.IntN(3) == 0 {
			score := int64(3 + rng.IntN(3))
			d.add(t, 0, ms, CSATN, 1)
			d.add(t, 0, ms, CSATSum, score)
			d.add(t, 0, ms, CSATBotN, 1)
			d.add(t, 0, ms, CSATBotSum, score)
			if score >= 4 {
				d.add(t, 0, ms, CSATGood, 1)
			}
		}
		return
	}
	frt := int64(30_000 + rng.IntN(600_000))
	if t.Channel == "email" {
		frt = int64(600_000 + rng.IntN(7_200_000))
	}
	breach := rng.IntN(12) == 0
	if breach {
		frt += 1_800_000
		d.add(t, 0, ms, Breaches, 1)
		d.add(t, 0, ms, SLAFRTBreach, 1)
	} else {
		d.add(t, 0, ms, SLAFRTMet, 1)
	}
	d.add(t, 0, ms, FRTN, 1)
	d.add(t, 0, ms, FRTMS, frt)
	if rng.IntN(2) == 0 { // the customer wrote again
		d.add(t, 0, ms, NRTN, 1)
		d.add(t, 0, ms, NRTMS, int64(60_000+rng.IntN(900_000)))
		d.add(t, 0, ms, SLANRTMet, 1)
	}
	d.add(t, 0, ms, Replies, int64(1+rng.IntN(3)))
	d.add(t, 0, ms, HandleN, 2)
	d.add(t, 0, ms, HandleMS, int64(120_000+rng.IntN(600_000)))
	d.add(t, 0, ms, ResMS, frt+int64(rng.IntN(14_400_000)))
	d.add(t, 0, ms, SLAResMet, 1)
	if rng.IntN(8) == 0 {
		d.add(t, 0, ms, Reopened, 1)
	} else {
		d.add(t, 0, ms, FCR, 1)
	}
	if rng.IntN(3) == 0 {
		score := int64(1 + rng.IntN(5))
		if !breach && score < 3 {
			score += 2
		}
		d.add(t, 0, ms, CSATN, 1)
		d.add(t, 0, ms, CSATSum, score)
		if score >= 4 {
			d.add(t, 0, ms, CSATGood, 1)
		}
	}
	if rng.IntN(10) == 0 {
		score := rng.IntN(11)
		d.add(t, 0, ms, NPSN, 1)
		switch {
		case score >= 9:
			d.add(t, 0, ms, NPSPro, 1)
		case score <= 6:
			d.add(t, 0, ms, NPSDet, 1)
		}
	}
}
