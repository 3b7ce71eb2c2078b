package status

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// The automatic feed: the chain watcher and the exchange's paused
// deposits and withdrawals open an incident when a problem starts and
// resolve it when it ends. Each problem has a source key, so reporting it
// twice opens one incident.

// Report is one automatic observation.
type Report struct {
	Source  string // e.g. watch:tron:stalled, exchange:tron:withdrawals
	Network string // registry id
	Asset   string // "" for the whole network
	Impact  State
	Problem bool // true: the problem is there; false: it is over
}

// Report opens or resolves the incident of r.Source. It returns the
// incident's id (0 when nothing changed).
func (s *Service) Report(ctx context.Context, r Report) (int64, error) {
	if !strings.Contains(r.Source, ":") || r.Source == SourceOperator {
		return 0, errs.Field("source", "an automatic source looks like watch:<network>:<problem>")
	}
	open, err := s.openBySource(ctx, r.Source)
	if err != nil {
		return 0, fmt.Errorf("report %s: %w", r.Source, err)
	}
	switch {
	case r.Problem && open == 0:
		in, err := s.Open(ctx, NewIncident{Kind: KindIncident, Impact: r.Impact, Asset: r.Asset, Source: r.Source,
			Titles: s.autoTexts(r.Network, r.Asset, r.Impact), Bodies: s.autoTexts(r.Network, r.Asset, r.Impact),
			Components: []string{NetworkPrefix + r.Network}, Author: "automatic"})
		return in.ID, err
	case !r.Problem && open != 0:
		_, err := s.Resolve(ctx, open, NewUpdate{Bodies: s.autoTexts(r.Network, r.Asset, Operational), Author: "automatic"})
		return open, err
	}
	return 0, nil
}

// autoTexts names the network (and asset) and the state in each language:
// "Tron USDT: Deposits delayed".
func (s *Service) autoTexts(network, asset string, st State) map[string]string {
	name := s.networkName(network)
	if asset != "" {
		name += " " + asset
	}
	out := make(map[string]string, len(ticket.Languages))
	for _, lang := range ticket.Languages {
		out[lang] = name + ": " + stateName(lang, st)
	}
	return out
}

func (s *Service) openBySource(ctx context.Context, source string) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `SELECT id FROM status_incidents WHERE source = ? AND state <> 'resolved' ORDER BY id DESC LIMIT 1`, source).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// openSources maps the source of each unresolved automatic incident to its id.
func (s *Service) openSources(ctx context.Context) (map[string]int64, error) {
	rows, err := s.db.Query(ctx, `SELECT source, id FROM status_incidents WHERE state <> 'resolved' AND source <> 'operator'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var src string
		var id int64
		if err := rows.Scan(&src, &id); err != nil {
			return nil, err
		}
		out[src] = id
	}
	return out, rows.Err()
}

// reportChanges reports those of rs whose state differs from what is open.
func (s *Service) reportChanges(ctx context.Context, rs []Report) error {
	open, err := s.openSources(ctx)
	if err != nil {
		return fmt.Errorf("automatic feed: %w", err)
	}
	for _, r := range rs {
		if _, isOpen := open[r.Source]; isOpen == r.Problem || !s.known[NetworkPrefix+r.Network] {
			continue
		}
		if _, err := s.Report(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// AssetLister is the exchange adapter's asset list, which says where
// deposits and withdrawals are paused (exchange.Exchange).
type AssetLister interface {
	Assets(ctx context.Context) ([]exchange.Asset, error)
}

// ExchangeFeed reports the exchange's paused deposits and withdrawals.
type ExchangeFeed struct {
	Status   *Service
	Exchange AssetLister
}

// Check reads the exchange's assets once and reports what changed.
func (f *ExchangeFeed) Check(ctx context.Context) error {
	assets, err := f.Exchange.Assets(ctx)
	if err != nil {
		return fmt.Errorf("exchange feed: %w", err)
	}
	var rs []Report
	for _, a := range assets {
		src := "exchange:" + a.Network + ":" + strings.ToLower(a.Symbol)
		rs = append(rs,
			Report{Source: src + ":deposits", Network: a.Network, Asset: a.Symbol, Impact: DepositsDelayed, Problem: !a.DepositsEnabled},
			Report{Source: src + ":withdrawals", Network: a.Network, Asset: a.Symbol, Impact: WithdrawalsSuspended, Problem: !a.WithdrawalsEnabled})
	}
	return f.Status.reportChanges(ctx, rs)
}
