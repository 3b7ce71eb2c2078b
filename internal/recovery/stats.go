package recovery

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// QueueFilter narrows the review queue.
type QueueFilter struct {
	Status  Status // "" for every open status
	Network string
	Limit   int // default 50, at most 200
}

// Queue lists open appeals, the most urgent (earliest due) first.
func (s *Service) Queue(ctx context.Context, f QueueFilter) ([]Appeal, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	q := `SELECT ` + appealColumns + ` FROM recovery_appeals WHERE `
	var args []any
	switch {
	case f.Status == "":
		q += `status IN ('submitted', 'checked', 'in_review', 'approved', 'executing')`
	case f.Status.Open():
		q += `status = ?`
		args = append(args, f.Status)
	default:
		return nil, errs.Field("status", "the queue holds open appeals only")
	}
	if f.Network != "" {
		q += ` AND network = ?`
		args = append(args, f.Network)
	}
	q += ` ORDER BY due_at, id LIMIT ?`
	args = append(args, f.Limit)
	return s.list(ctx, q, args...)
}

// Group is one row of a breakdown: appeals of one cause, network or asset.
type Group struct {
	Key       string `json:"key"`
	Appeals   int    `json:"appeals"`
	Completed int    `json:"completed"`
	Rejected  int    `json:"rejected"`
}

// AssetTotal is what was recovered and charged in one asset.
type AssetTotal struct {
	Asset     string `json:"asset"`
	Appeals   int    `json:"appeals"`
	Recovered string `json:"recovered"` // net amounts of completed appeals
	Fees      string `json:"fees"`      // fees of completed appeals
}

// Stage is the mean time appeals spent in one status.
type Stage struct {
	Status  Status        `json:"status"`
	Moves   int           `json:"moves"`
	Average time.Duration `json:"average_ns"`
}

// Repeat is a network, asset and cause combination that keeps coming back.
type Repeat struct {
	Network string `json:"network"`
	Asset   string `json:"asset"`
	Cause   string `json:"cause"`
	Appeals int    `json:"appeals"`
}

// Stats is the team's and managers' view of a period.
type Stats struct {
	From, To     time.Time    `json:"-"`
	Appeals      int          `json:"appeals"`
	Open         int          `json:"open"`
	Completed    int          `json:"completed"`
	Rejected     int          `json:"rejected"`
	ApprovalRate float64      `json:"approval_rate"` // completed / closed
	ByCause      []Group      `json:"by_cause"`
	ByNetwork    []Group      `json:"by_network"`
	ByAsset      []Group      `json:"by_asset"`
	Totals       []AssetTotal `json:"totals"`
	Stages       []Stage      `json:"stages"`
	Repeats      []Repeat     `json:"repeats"`
}

// MaxStatsDays bounds a statistics period, so the page stays fast at any
// number of appeals (the created_at index does the rest).
const MaxStatsDays = 366

// Stats summarises the appeals created in [from, to).
func (s *Service) Stats(ctx context.Context, from, to time.Time) (Stats, error) {
	if !from.Before(to) || to.Sub(from) > MaxStatsDays*24*time.Hour {
		return Stats{}, errs.Field("from", "the period must run forward and last at most %d days", MaxStatsDays)
	}
	st := Stats{From: from, To: to}
	// One row per cause, network, asset and status: a few hundred at
	// most, whatever the number of appeals. Sums are floating point,
	// which is plenty for a statistics page.
	rows, err := s.db.Query(ctx, `SELECT cause, network, asset, status, COUNT(*),
		COALESCE(SUM(CAST(net AS DOUBLE PRECISION)), 0), COALESCE(SUM(CAST(fee AS DOUBLE PRECISION)), 0)
		FROM recovery_appeals WHERE created_at >= ? AND created_at < ? GROUP BY cause, network, asset, status`,
		from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return st, fmt.Errorf("recovery stats: %w", err)
	}
	defer rows.Close()
	byCause, byNet, byAsset := map[string]*Group{}, map[string]*Group{}, map[string]*Group{}
	totals := map[string]*AssetTotal{}
	sums := map[string][2]float64{}
	repeats := map[[3]string]int{}
	for rows.Next() {
		var cause, network, asset string
		var status Status
		var n int
		var net, fee float64
		if err := rows.Scan(&cause, &network, &asset, &status, &n, &net, &fee); err != nil {
			return st, fmt.Errorf("recovery stats: %w", err)
		}
		st.Appeals += n
		tally(byCause, cause, status, n)
		tally(byNet, network, status, n)
		tally(byAsset, asset, status, n)
		repeats[[3]string{network, asset, cause}] += n
		switch status {
		case Completed:
			st.Completed += n
			t := totals[asset]
			if t == nil {
				t = &AssetTotal{Asset: asset}
				totals[asset] = t
			}
			t.Appeals += n
			s := sums[asset]
			sums[asset] = [2]float64{s[0] + net, s[1] + fee}
		case Rejected:
			st.Rejected += n
		default:
			st.Open += n
		}
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("recovery stats: %w", err)
	}
	if closed := st.Completed + st.Rejected; closed > 0 {
		st.ApprovalRate = float64(st.Completed) / float64(closed)
	}
	st.ByCause, st.ByNetwork, st.ByAsset = sorted(byCause), sorted(byNet), sorted(byAsset)
	for a, t := range totals {
		t.Recovered, t.Fees = formatFloat(sums[a][0]), formatFloat(sums[a][1])
		st.Totals = append(st.Totals, *t)
	}
	sort.Slice(st.Totals, func(i, j int) bool {
		return st.Totals[i].Appeals > st.Totals[j].Appeals || st.Totals[i].Appeals == st.Totals[j].Appeals && st.Totals[i].Asset < st.Totals[j].Asset
	})
	for k, n := range repeats {
		st.Repeats = append(st.Repeats, Repeat{Network: k[0], Asset: k[1], Cause: k[2], Appeals: n})
	}
	sort.Slice(st.Repeats, func(i, j int) bool {
		a, b := st.Repeats[i], st.Repeats[j]
		return a.Appeals > b.Appeals || a.Appeals == b.Appeals && a.Network+a.Asset+a.Cause < b.Network+b.Asset+b.Cause
	})
	if len(st.Repeats) > 10 {
		st.Repeats = st.Repeats[:10]
	}
	st.Stages, err = s.stages(ctx, from, to)
	return st, err
}

func tally(m map[string]*Group, key string, status Status, n int) {
	g := m[key]
	if g == nil {
		g = &Group{Key: key}
		m[key] = g
	}
	g.Appeals += n
	switch status {
	case Completed:
		g.Completed += n
	case Rejected:
		g.Rejected += n
	}
}

// formatFloat renders a sum with at most 8 decimals, no trailing zeros.
func formatFloat(f float64) string {
	s := strconv.FormatFloat(f, 'f', 8, 64)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

func sorted(m map[string]*Group) []Group {
	out := make([]Group, 0, len(m))
	for _, g := range m {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Appeals > out[j].Appeals || out[i].Appeals == out[j].Appeals && out[i].Key < out[j].Key
	})
	return out
}

// stages is the mean time spent per status, over the moves in the period.
func (s *Service) stages(ctx context.Context, from, to time.Time) ([]Stage, error) {
	rows, err := s.db.Query(ctx, `SELECT from_status, COUNT(*), AVG(spent_ms) FROM recovery_steps
		WHERE at >= ? AND at < ? AND from_status <> '' GROUP BY from_status`, from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("recovery stages: %w", err)
	}
	defer rows.Close()
	byStatus := map[Status]Stage{}
	for rows.Next() {
		var st Stage
		var avg float64
		if err := rows.Scan(&st.Status, &st.Moves, &avg); err != nil {
			return nil, fmt.Errorf("recovery stages: %w", err)
		}
		st.Average = time.Duration(avg) * time.Millisecond
		byStatus[st.Status] = st
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("recovery stages: %w", err)
	}
	var out []Stage
	for _, s := range Statuses {
		if st, ok := byStatus[s]; ok {
			out = append(out, st)
		}
	}
	return out, nil
}
