package recovery

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/store"
)

// The statistics read whole UTC days from two roll-up tables (migration
// 0039) kept here, in the transaction that inserts or moves an appeal, and
// read a period's partial days from the appeals and moves themselves. Both
// ways count the same rows, so the figures are the same whichever is read.

const dayMillis = 24 * 60 * 60 * 1000

// unitsPerWhole: amounts are summed in hundred-millionths, the finest a
// quote's fee and net amount are rounded to.
const unitsPerWhole = 100_000_000

// amount is a decimal split into whole units and hundred-millionths, so
// that sums stay exact integers in both databases (a meme token's amounts
// times 10^8 would not fit one BIGINT).
type amount struct{ whole, frac int64 }

// parseAmount splits a stored decimal ("237.5") as migration 0039 does:
// digits past the eighth decimal, which a quote never has, are dropped.
func parseAmount(s string) (amount, error) {
	w, f, _ := strings.Cut(s, ".")
	whole, err := strconv.ParseInt(w, 10, 64)
	if err != nil {
		return amount{}, fmt.Errorf("amount %q: %w", s, err)
	}
	f = (f + "00000000")[:8]
	frac, err := strconv.ParseInt(f, 10, 64)
	if err != nil || frac < 0 {
		return amount{}, fmt.Errorf("amount %q: bad decimals", s)
	}
	return amount{whole, frac}, nil
}

// units is a in hundred-millionths.
func (a amount) units() *big.Int {
	u := new(big.Int).Mul(big.NewInt(a.whole), big.NewInt(unitsPerWhole))
	return u.Add(u, big.NewInt(a.frac))
}

// rollupKey is what an appeal's roll-up row is keyed and summed by.
type rollupKey struct {
	day                   int64
	cause, network, asset string
	net, fee              amount
}

func newRollupKey(createdAt int64, cause, network, asset, net, fee string) (rollupKey, error) {
	k := rollupKey{day: createdAt / dayMillis, cause: cause, network: network, asset: asset}
	var err error
	if k.net, err = parseAmount(net); err != nil {
		return k, err
	}
	k.fee, err = parseAmount(fee)
	return k, err
}

// countAppeal adds one appeal (sign +1) to status's row of its day, or
// takes it away (sign -1).
func countAppeal(ctx context.Context, tx *store.Tx, k rollupKey, status Status, sign int64) error {
	_, err := tx.Exec(ctx, `INSERT INTO recovery_daily (day, cause, network, asset, status, appeals, net_whole, net_frac, fee_whole, fee_frac)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (day, cause, network, asset, status) DO UPDATE SET appeals = recovery_daily.appeals + excluded.appeals,
		net_whole = recovery_daily.net_whole + excluded.net_whole, net_frac = recovery_daily.net_frac + excluded.net_frac,
		fee_whole = recovery_daily.fee_whole + excluded.fee_whole, fee_frac = recovery_daily.fee_frac + excluded.fee_frac`,
		k.day, k.cause, k.network, k.asset, status, sign, sign*k.net.whole, sign*k.net.frac, sign*k.fee.whole, sign*k.fee.frac)
	if err != nil {
		return fmt.Errorf("recovery roll-up %s: %w", status, err)
	}
	return nil
}

// moveAppeal takes an appeal from one status's row to another's. The two
// rows are always written in the same order, so that two transactions
// moving appeals of one day in opposite directions cannot deadlock.
func moveAppeal(ctx context.Context, tx *store.Tx, k rollupKey, from, to Status) error {
	first, second := rollupStep{from, -1}, rollupStep{to, +1}
	if to < from {
		first, second = second, first
	}
	for _, st := range []rollupStep{first, second} {
		if err := countAppeal(ctx, tx, k, st.status, st.sign); err != nil {
			return err
		}
	}
	return nil
}

type rollupStep struct {
	status Status
	sign   int64
}

// countMove records a move out of status from, made at (Unix ms) after
// spent ms there.
func countMove(ctx context.Context, tx *store.Tx, at int64, from Status, spent int64) error {
	_, err := tx.Exec(ctx, `INSERT INTO recovery_stage_daily (day, from_status, moves, spent_ms) VALUES (?, ?, 1, ?)
		ON CONFLICT (day, from_status) DO UPDATE SET moves = recovery_stage_daily.moves + 1,
		spent_ms = recovery_stage_daily.spent_ms + excluded.spent_ms`, at/dayMillis, from, spent)
	if err != nil {
		return fmt.Errorf("recovery stage roll-up: %w", err)
	}
	return nil
}
