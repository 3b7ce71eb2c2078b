package recovery

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Matrix modes.
const (
	ModeDirect      = "direct"
	ModeConditional = "conditional"
	ModeNotPossible = "not_possible"
)

// Conditions a conditional recovery may depend on.
const (
	CondSenderCooperation = "sender_platform_cooperation"
	CondGasTopUp          = "gas_top_up"
	CondContractCall      = "contract_call"
	CondMinimumAmount     = "minimum_amount"
)

// AnyAsset is the matrix row (and fee schedule) for every asset of a network
// without a row of its own.
const AnyAsset = "*"

// MatrixEntry says whether deposits of one asset on one network can be
// recovered, and how long it takes.
type MatrixEntry struct {
	Network       string `json:"network"`
	Asset         string `json:"asset"` // a symbol, or AnyAsset
	Mode          string `json:"mode"`
	Condition     string `json:"condition,omitempty"`
	ExpectedHours int    `json:"expected_hours"`
}

func (e MatrixEntry) validate(networks []string) error {
	switch {
	case !slices.Contains(networks, e.Network):
		return errs.Field("network", "unknown network %q", e.Network)
	case e.Asset == "" || len(e.Asset) > 32:
		return errs.Field("asset", "asset must be a symbol of up to 32 characters, or *")
	case !slices.Contains([]string{ModeDirect, ModeConditional, ModeNotPossible}, e.Mode):
		return errs.Field("mode", "mode must be direct, conditional or not_possible")
	case e.Mode == ModeConditional && !slices.Contains([]string{CondSenderCooperation, CondGasTopUp, CondContractCall, CondMinimumAmount}, e.Condition):
		return errs.Field("condition", "a conditional entry names its condition: sender_platform_cooperation, gas_top_up, contract_call or minimum_amount")
	case e.Mode != ModeConditional && e.Condition != "":
		return errs.Field("condition", "only a conditional entry has a condition")
	case e.ExpectedHours < 1 || e.ExpectedHours > 24*365:
		return errs.Field("expected_hours", "expected_hours must be from 1 to 8760")
	}
	return nil
}

// Matrix lists every entry, by network and asset.
func (s *Service) Matrix(ctx context.Context) ([]MatrixEntry, error) {
	rows, err := s.db.Query(ctx, `SELECT network, asset, mode, condition, expected_hours FROM recovery_matrix ORDER BY network, asset`)
	if err != nil {
		return nil, fmt.Errorf("recovery matrix: %w", err)
	}
	defer rows.Close()
	var out []MatrixEntry
	for rows.Next() {
		var e MatrixEntry
		if err := rows.Scan(&e.Network, &e.Asset, &e.Mode, &e.Condition, &e.ExpectedHours); err != nil {
			return nil, fmt.Errorf("recovery matrix: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// matrixFor is the entry for asset on network: its own row, else the
// network's AnyAsset row; without either, not possible.
func (s *Service) matrixFor(ctx context.Context, network, asset string) (MatrixEntry, error) {
	e := MatrixEntry{Network: network, Asset: asset}
	err := s.db.QueryRow(ctx, `SELECT asset, mode, condition, expected_hours FROM recovery_matrix
		WHERE network = ? AND UPPER(asset) IN (?, '*') ORDER BY CASE WHEN asset = '*' THEN 1 ELSE 0 END LIMIT 1`, network, strings.ToUpper(asset)).
		Scan(&e.Asset, &e.Mode, &e.Condition, &e.ExpectedHours)
	if isNoRows(err) {
		return MatrixEntry{Network: network, Asset: asset, Mode: ModeNotPossible, ExpectedHours: 1}, nil
	}
	if err != nil {
		return e, fmt.Errorf("recovery matrix %s/%s: %w", network, asset, err)
	}
	return e, nil
}

// SetMatrix adds or changes one entry (audited).
func (s *Service) SetMatrix(ctx context.Context, agentID int64, e MatrixEntry) error {
	if err := e.validate(s.networks()); err != nil {
		return err
	}
	asset, err := s.assetSymbol(ctx, e.Asset)
	if err != nil {
		return err
	}
	e.Asset = asset
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := upsertMatrix(ctx, tx, e, &agentID); err != nil {
			return err
		}
		return s.audit.Record(ctx, "recovery.matrix_set", "recovery_matrix", e.Network+"/"+e.Asset, e)
	})
}

func upsertMatrix(ctx context.Context, tx *store.Tx, e MatrixEntry, by *int64) error {
	_, err := tx.Exec(ctx, `INSERT INTO recovery_matrix (network, asset, mode, condition, expected_hours, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (network, asset) DO UPDATE SET mode = excluded.mode, condition = excluded.condition,
			expected_hours = excluded.expected_hours, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		e.Network, e.Asset, e.Mode, e.Condition, e.ExpectedHours, by, tx.Now())
	if err != nil {
		return fmt.Errorf("recovery matrix set %s/%s: %w", e.Network, e.Asset, err)
	}
	return nil
}

func (s *Service) networks() []string {
	var out []string
	if s.chains.Registry != nil {
		for _, n := range s.chains.Registry.Networks() {
			out = append(out, n.ID)
		}
	}
	return out
}

// DemoMatrix is the demo's matrix for the 18 networks of the registry:
// EVM chains and per-user-address chains are direct (the exchange holds the
// keys), shared-address chains credit from the exchange's own records, and
// the rest depend on a condition or cannot be done.
func DemoMatrix() []MatrixEntry {
	d := func(n string, h int) MatrixEntry {
		return MatrixEntry{Network: n, Asset: AnyAsset, Mode: ModeDirect, ExpectedHours: h}
	}
	c := func(n, cond string, h int) MatrixEntry {
		return MatrixEntry{Network: n, Asset: AnyAsset, Mode: ModeConditional, Condition: cond, ExpectedHours: h}
	}
	return []MatrixEntry{
		d("bitcoin", 72), d("ethereum", 48), d("bsc", 48), d("polygon", 72), d("arbitrum", 72), d("optimism", 72),
		d("base", 72), d("avalanche-c", 72),
		c("tron", CondGasTopUp, 96), c("solana", CondContractCall, 120),
		d("xrp", 24), d("stellar", 24), d("cosmos", 48), d("ton", 48),
		d("litecoin", 72), d("dogecoin", 72),
		c("bitcoin-cash", CondMinimumAmount, 120),
		{Network: "cardano", Asset: AnyAsset, Mode: ModeNotPossible, ExpectedHours: 1},
	}
}

// SeedDemo stores the demo matrix and fee schedules where none exist yet.
func (s *Service) SeedDemo(ctx context.Context) error {
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM recovery_matrix`).Scan(&n); err != nil {
			return fmt.Errorf("recovery seed: %w", err)
		}
		if n > 0 {
			return nil
		}
		// An unlisted token goes back to its sender through the token contract.
		for _, e := range append(DemoMatrix(), MatrixEntry{Network: "ethereum", Asset: "SHIB", Mode: ModeConditional,
			Condition: CondContractCall, ExpectedHours: 120}) {
			if err := upsertMatrix(ctx, tx, e, nil); err != nil {
				return err
			}
		}
		for _, f := range DemoFees() {
			if err := upsertFee(ctx, tx, f, nil); err != nil {
				return err
			}
		}
		return nil
	})
}
