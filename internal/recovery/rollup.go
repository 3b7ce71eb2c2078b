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
//
// Each table holds three levels: days, blocks of 16 days and blocks of 256
// days. Ten years are read from at most about 75 buckets (a few whole
// 256-day blocks, and at each end up to 15 of each smaller size) instead of
// 3,650 days.

const dayMillis = 24 * 60 * 60 * 1000

const (
	rollupLevels = 3
	levelShift   = 4 // a bucket holds 1 << levelShift buckets of the level below
)

// bucketRange is the buckets [from, to) of one level.
type bucketRange struct{ level, from, to int64 }

// tile covers the days [firstDay, endDay) with the fewest whole buckets:
// the largest blocks in the middle, smaller ones towards the ends.
func tile(firstDay, endDay int64) []bucketRange {
	var out []bucketRange
	lo, hi := firstDay, endDay
	for level := int64(0); lo < hi; level++ {
		upLo, upHi := (lo+1<<levelShift-1)>>levelShift, hi>>levelShift
		if level == rollupLevels-1 || upLo >= upHi {
			return append(out, bucketRange{level, lo, hi})
		}
		if lo < upLo<<levelShift {
			out = append(out, bucketRange{level, lo, upLo << levelShift})
		}
		if upHi<<levelShift < hi {
			out = append(out, bucketRange{level, upHi << levelShift, hi})
		}
		lo, hi = upLo, upHi
	}
	return out
}

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

// rollupKey is what an appeal's roll-up rows are keyed and summed by.
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

// countAppeal adds one appeal (sign +1) to status's rows, a bucket of each
// level, or takes it away (sign -1).
func countAppeal(ctx context.Context, tx *store.Tx, k rollupKey, status Status, sign int64) error {
	for level := int64(0); level < rollupLevels; level++ {
		_, err := tx.Exec(ctx, `INSERT INTO recovery_rollups (level, bucket, cause, network, asset, status, appeals, net_whole, net_frac, fee_whole, fee_frac)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (level, bucket, cause, network, asset, status) DO UPDATE SET appeals = recovery_rollups.appeals + excluded.appeals,
			net_whole = recovery_rollups.net_whole + excluded.net_whole, net_frac = recovery_rollups.net_frac + excluded.net_frac,
			fee_whole = recovery_rollups.fee_whole + excluded.fee_whole, fee_frac = recovery_rollups.fee_frac + excluded.fee_frac`,
			level, k.day>>(levelShift*level), k.cause, k.network, k.asset, status, sign, sign*k.net.whole, sign*k.net.frac, sign*k.fee.whole, sign*k.fee.frac)
		if err != nil {
			return fmt.Errorf("recovery roll-up %s: %w", status, err)
		}
	}
	return nil
}

// moveAppeal takes an appeal from one status's rows to another's. The rows
// are always written in the same order, so that two transactions moving
// appeals of one day in opposite directions cannot deadlock.
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
	for level := int64(0); level < rollupLevels; level++ {
		_, err := tx.Exec(ctx, `INSERT INTO recovery_stage_rollups (level, bucket, from_status, moves, spent_ms) VALUES (?, ?, ?, 1, ?)
			ON CONFLICT (level, bucket, from_status) DO UPDATE SET moves = recovery_stage_rollups.moves + 1,
			spent_ms = recovery_stage_rollups.spent_ms + excluded.spent_ms`, level, (at/dayMillis)>>(levelShift*level), from, spent)
		if err != nil {
			return fmt.Errorf("recovery stage roll-up: %w", err)
		}
	}
	return nil
}
