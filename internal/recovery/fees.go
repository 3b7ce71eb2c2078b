package recovery

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Fee kinds.
const (
	FeePercent = "percent" // Percent of the amount, at least MinFee, at most MaxFee
	FeeFixed   = "fixed"   // FixedFee
)

// FeeSchedule is the published fee for an asset and a cause (AnyAsset or
// "*" for any). Amounts are decimals in the appeal's asset.
type FeeSchedule struct {
	Asset   string `json:"asset"`
	Cause   string `json:"cause"`
	Kind    string `json:"kind"`
	Percent string `json:"percent,omitempty"`
	MinFee  string `json:"min_fee,omitempty"`
	MaxFee  string `json:"max_fee,omitempty"` // "" for no maximum
	Fixed   string `json:"fixed_fee,omitempty"`
	// SecondApprovalAbove: appeals for more than this need a second
	// approver; "" never.
	SecondApprovalAbove string `json:"second_approval_above,omitempty"`
}

func (f FeeSchedule) validate() error {
	dec := func(field, v string, optional bool) error {
		if v == "" && optional {
			return nil
		}
		if _, ok := parseDecimal(v); !ok {
			return errs.Field(field, "%s must be a decimal of at least 0 such as 12.5", field)
		}
		return nil
	}
	switch {
	case f.Asset == "" || len(f.Asset) > 32:
		return errs.Field("asset", "asset must be a symbol of up to 32 characters, or *")
	case f.Cause != AnyAsset && !slices.Contains(Causes, f.Cause):
		return errs.Field("cause", "cause must be * or one of %s", strings.Join(Causes, ", "))
	case f.Kind != FeePercent && f.Kind != FeeFixed:
		return errs.Field("kind", "kind must be percent or fixed")
	}
	for _, c := range []struct {
		field, v string
		optional bool
	}{{"percent", f.Percent, f.Kind != FeePercent}, {"min_fee", f.MinFee, true}, {"max_fee", f.MaxFee, true},
		{"fixed_fee", f.Fixed, f.Kind != FeeFixed}, {"second_approval_above", f.SecondApprovalAbove, true}} {
		if err := dec(c.field, c.v, c.optional); err != nil {
			return err
		}
	}
	if p, _ := parseDecimal(f.Percent); f.Kind == FeePercent && p.Cmp(big.NewRat(100, 1)) > 0 {
		return errs.Field("percent", "percent must be at most 100")
	}
	if f.MaxFee != "" && f.MinFee != "" {
		lo, _ := parseDecimal(f.MinFee)
		hi, _ := parseDecimal(f.MaxFee)
		if lo.Cmp(hi) > 0 {
			return errs.Field("max_fee", "max_fee must not be below min_fee")
		}
	}
	return nil
}

// parseDecimal reads a plain non-negative decimal ("12", "0.5").
func parseDecimal(s string) (*big.Rat, bool) {
	if s == "" || len(s) > 40 || strings.Trim(s, "0123456789.") != "" || strings.Count(s, ".") > 1 ||
		strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// formatDecimal renders r with at most places decimals, no trailing zeros.
func formatDecimal(r *big.Rat, places int) string {
	s := r.FloatString(places)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// feeFor computes the fee for amount under f, rounded up to places.
func feeFor(f FeeSchedule, amount *big.Rat, places int) *big.Rat {
	var fee *big.Rat
	if f.Kind == FeeFixed {
		fee, _ = parseDecimal(f.Fixed)
	} else {
		p, _ := parseDecimal(f.Percent)
		fee = new(big.Rat).Mul(amount, new(big.Rat).Quo(p, big.NewRat(100, 1)))
		if lo, ok := parseDecimal(f.MinFee); ok && fee.Cmp(lo) < 0 {
			fee = lo
		}
		if hi, ok := parseDecimal(f.MaxFee); ok && fee.Cmp(hi) > 0 {
			fee = hi
		}
	}
	return roundUp(fee, places)
}

func roundUp(r *big.Rat, places int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	n := new(big.Int).Mul(r.Num(), scale)
	q, m := new(big.Int).QuoRem(n, r.Denom(), new(big.Int))
	if m.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return new(big.Rat).SetFrac(q, scale)
}

// Fees lists every schedule.
func (s *Service) Fees(ctx context.Context) ([]FeeSchedule, error) {
	rows, err := s.db.Query(ctx, `SELECT asset, cause, kind, percent, min_fee, max_fee, fixed_fee, second_approval_above
		FROM recovery_fees ORDER BY asset, cause`)
	if err != nil {
		return nil, fmt.Errorf("recovery fees: %w", err)
	}
	defer rows.Close()
	var out []FeeSchedule
	for rows.Next() {
		var f FeeSchedule
		if err := rows.Scan(&f.Asset, &f.Cause, &f.Kind, &f.Percent, &f.MinFee, &f.MaxFee, &f.Fixed, &f.SecondApprovalAbove); err != nil {
			return nil, fmt.Errorf("recovery fees: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// feeScheduleFor picks the most specific schedule: asset and cause, asset,
// cause, then the default. With none, recovery is free.
func (s *Service) feeScheduleFor(ctx context.Context, asset, cause string) (FeeSchedule, error) {
	f := FeeSchedule{Kind: FeeFixed, Fixed: "0", Asset: AnyAsset, Cause: AnyAsset}
	err := s.db.QueryRow(ctx, `SELECT asset, cause, kind, percent, min_fee, max_fee, fixed_fee, second_approval_above
		FROM recovery_fees WHERE UPPER(asset) IN (?, '*') AND cause IN (?, '*')
		ORDER BY CASE WHEN asset = '*' THEN 2 ELSE 0 END + CASE WHEN cause = '*' THEN 1 ELSE 0 END LIMIT 1`, strings.ToUpper(asset), cause).
		Scan(&f.Asset, &f.Cause, &f.Kind, &f.Percent, &f.MinFee, &f.MaxFee, &f.Fixed, &f.SecondApprovalAbove)
	if err != nil && !isNoRows(err) {
		return f, fmt.Errorf("recovery fee %s/%s: %w", asset, cause, err)
	}
	return f, nil
}

// SetFee adds or changes one schedule (audited). Appeals already accepted
// keep the fee they were quoted.
func (s *Service) SetFee(ctx context.Context, agentID int64, f FeeSchedule) error {
	if err := f.validate(); err != nil {
		return err
	}
	asset, err := s.assetSymbol(ctx, f.Asset)
	if err != nil {
		return err
	}
	f.Asset = asset
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := upsertFee(ctx, tx, f, &agentID); err != nil {
			return err
		}
		return s.audit.Record(ctx, "recovery.fee_set", "recovery_fee", f.Asset+"/"+f.Cause, f)
	})
}

// assetSymbol spells symbol as the exchange or the chain registry does
// when one of them knows it, and in capitals otherwise (a token the
// exchange does not list, whose recovery the matrix and fees still cover).
// Schedules and matrix entries are looked up by the appeal's symbol
// without regard to case, so one typed "usdt" or "shib" applies.
func (s *Service) assetSymbol(ctx context.Context, symbol string) (string, error) {
	if symbol == AnyAsset {
		return symbol, nil
	}
	var known []string
	if s.exchange != nil {
		assets, err := s.exchange.Assets(ctx)
		if err != nil {
			return "", fmt.Errorf("recovery: assets: %w", err)
		}
		for _, a := range assets {
			known = append(known, a.Symbol)
		}
	}
	if s.chains.Registry != nil {
		for _, n := range s.chains.Registry.Networks() {
			known = append(known, n.Symbol)
		}
	}
	for _, k := range known {
		if strings.EqualFold(k, symbol) {
			return k, nil
		}
	}
	return strings.ToUpper(symbol), nil
}

func upsertFee(ctx context.Context, tx *store.Tx, f FeeSchedule, by *int64) error {
	_, err := tx.Exec(ctx, `INSERT INTO recovery_fees (asset, cause, kind, percent, min_fee, max_fee, fixed_fee, second_approval_above, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (asset, cause) DO UPDATE SET kind = excluded.kind, percent = excluded.percent, min_fee = excluded.min_fee,
			max_fee = excluded.max_fee, fixed_fee = excluded.fixed_fee, second_approval_above = excluded.second_approval_above,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		f.Asset, f.Cause, f.Kind, or0(f.Percent), or0(f.MinFee), f.MaxFee, or0(f.Fixed), f.SecondApprovalAbove, by, tx.Now())
	if err != nil {
		return fmt.Errorf("recovery fee set %s/%s: %w", f.Asset, f.Cause, err)
	}
	return nil
}

func or0(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

// DemoFees are the demo's published schedules: 5% (at least 10, at most
// 200 USDT) for USDT, a fixed fee for memo cases (the quick path), and
// percentages for BTC, ETH and tokens returned to the sender.
func DemoFees() []FeeSchedule {
	return []FeeSchedule{
		{Asset: "USDT", Cause: AnyAsset, Kind: FeePercent, Percent: "5", MinFee: "10", MaxFee: "200", SecondApprovalAbove: "100"},
		{Asset: "XRP", Cause: AnyAsset, Kind: FeePercent, Percent: "2", MinFee: "5", MaxFee: "2000", SecondApprovalAbove: "10000"},
		{Asset: AnyAsset, Cause: CauseMissingMemo, Kind: FeeFixed, Fixed: "5", SecondApprovalAbove: "10000"},
		{Asset: "BTC", Cause: AnyAsset, Kind: FeePercent, Percent: "5", MinFee: "0.0002", MaxFee: "0.005", SecondApprovalAbove: "0.1"},
		{Asset: "ETH", Cause: AnyAsset, Kind: FeePercent, Percent: "5", MinFee: "0.005", MaxFee: "0.1", SecondApprovalAbove: "2"},
		{Asset: AnyAsset, Cause: AnyAsset, Kind: FeePercent, Percent: "4", SecondApprovalAbove: "1000000"},
	}
}
