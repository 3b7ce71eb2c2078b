package recovery

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// QueueFilter narrows the review queue.
type QueueFilter struct {
	Status  Status // "" for every open status
	Network string
	After   QueueCursor // where the previous page ended; zero for the first page
	Limit   int         // default 50, at most 200
}

func (f QueueFilter) limit() int {
	if f.Limit <= 0 || f.Limit > 200 {
		return 50
	}
	return f.Limit
}

// Next is the cursor of the page after list, "" when list was the last.
func (f QueueFilter) Next(list []Appeal) string {
	if len(list) < f.limit() {
		return ""
	}
	last := list[len(list)-1]
	return QueueCursor{DueAt: last.DueAt.UnixMilli(), ID: last.ID}.String()
}

// QueueCursor is the last appeal of a queue page in the queue's order (due
// time, then id). The next page starts after it, through the index, so a
// deep page costs what the first does.
type QueueCursor struct{ DueAt, ID int64 }

func (c QueueCursor) String() string { return fmt.Sprintf("%d.%d", c.DueAt, c.ID) }

// ParseQueueCursor reads a cursor written by String ("" is the first page).
func ParseQueueCursor(s string) (QueueCursor, error) {
	if s == "" {
		return QueueCursor{}, nil
	}
	due, id, ok := store.ParseKeyset(s)
	if !ok {
		return QueueCursor{}, errs.Field("after", "after must be the next cursor of a queue page, such as 1772442000000.42")
	}
	return QueueCursor{DueAt: due, ID: id}, nil
}

// Queue lists open appeals, the most urgent (earliest due) first, one page
// at a time.
func (s *Service) Queue(ctx context.Context, f QueueFilter) ([]Appeal, error) {
	q := `SELECT ` + appealColumns + ` FROM recovery_appeals WHERE `
	var args []any
	switch {
	case f.Status == "":
		// The same list as the partial index recovery_appeals_open_due, so
		// that PostgreSQL walks it in order and stops at the page. SQLite
		// keeps to (status, due_at, id) and sorts the open appeals (about
		// 2,000 at the real volume): under a millisecond.
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
	if f.After != (QueueCursor{}) {
		q += ` AND (due_at, id) > (?, ?)`
		args = append(args, f.After.DueAt, f.After.ID)
	}
	q += ` ORDER BY due_at, id LIMIT ?`
	args = append(args, f.limit())
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

// Stats summarises the appeals created in [from, to), and the moves made
// in it. Whole UTC days come from the roll-ups (see tile), so a year costs
// a few thousand rows and ten years not much more; the hours before the
// first midnight and after the last (a period in another time zone) come
// from the appeals and moves themselves. The figures are exact either way.
func (s *Service) Stats(ctx context.Context, from, to time.Time) (Stats, error) {
	if !from.Before(to) {
		return Stats{}, errs.Field("from", "the period must run forward")
	}
	// Nothing predates 1970; clamping keeps the day arithmetic non-negative.
	lo, hi := max(from.UnixMilli(), 0), max(to.UnixMilli(), 0)
	firstDay, endDay := (lo+dayMillis-1)/dayMillis, hi/dayMillis // whole days: [firstDay, endDay)
	var parts []func(*tallies) error
	if firstDay < endDay {
		parts = append(parts,
			func(t *tallies) error { return s.tallyDays(ctx, t, firstDay, endDay) },
			func(t *tallies) error { return s.tallyRows(ctx, t, lo, firstDay*dayMillis) },
			func(t *tallies) error { return s.tallyRows(ctx, t, endDay*dayMillis, hi) })
	} else {
		parts = append(parts, func(t *tallies) error { return s.tallyRows(ctx, t, lo, hi) })
	}
	t := newTallies()
	for _, part := range parts {
		if err := part(t); err != nil {
			return Stats{From: from, To: to}, fmt.Errorf("recovery stats: %w", err)
		}
	}
	return t.stats(from, to), nil
}

// tallies gathers counts and sums by cause, network, asset and status, and
// moves by the status they left, from roll-ups and rows alike.
type tallies struct {
	groups map[groupKey]*groupSum
	stages map[Status]*stageSum
}

type groupKey struct {
	cause, network, asset string
	status                Status
}

type groupSum struct {
	appeals  int64
	net, fee *big.Int // hundred-millionths
}

type stageSum struct{ moves, spentMs int64 }

func newTallies() *tallies {
	return &tallies{groups: map[groupKey]*groupSum{}, stages: map[Status]*stageSum{}}
}

func (t *tallies) addGroup(k groupKey, n int64, net, fee amount) {
	g := t.groups[k]
	if g == nil {
		g = &groupSum{net: new(big.Int), fee: new(big.Int)}
		t.groups[k] = g
	}
	g.appeals += n
	g.net.Add(g.net, net.units())
	g.fee.Add(g.fee, fee.units())
}

func (t *tallies) addStage(from Status, moves, spentMs int64) {
	st := t.stages[from]
	if st == nil {
		st = &stageSum{}
		t.stages[from] = st
	}
	st.moves += moves
	st.spentMs += spentMs
}

// tallyDays adds the roll-ups of days [firstDay, endDay).
func (s *Service) tallyDays(ctx context.Context, t *tallies, firstDay, endDay int64) error {
	buckets, args := bucketsWhere(firstDay, endDay)
	rows, err := s.db.Query(ctx, rollupQuery(buckets), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k groupKey
		var n int64
		var net, fee amount
		if err := rows.Scan(&k.cause, &k.network, &k.asset, &k.status, &n, &net.whole, &net.frac, &fee.whole, &fee.frac); err != nil {
			return err
		}
		t.addGroup(k, n, net, fee)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return s.tallyStages(ctx, t, `SELECT from_status, SUM(moves), SUM(spent_ms) FROM recovery_stage_rollups
		WHERE `+buckets+` GROUP BY from_status`, args...)
}

// bucketsWhere is the condition on level and bucket that selects the
// roll-ups of days [firstDay, endDay), and its arguments.
func bucketsWhere(firstDay, endDay int64) (string, []any) {
	var where []string
	var args []any
	for _, r := range tile(firstDay, endDay) {
		where = append(where, `(level = ? AND bucket >= ? AND bucket < ?)`)
		args = append(args, r.level, r.from, r.to)
	}
	return strings.Join(where, " OR "), args
}

func rollupQuery(buckets string) string {
	return `SELECT cause, network, asset, status, SUM(appeals), SUM(net_whole), SUM(net_frac), SUM(fee_whole), SUM(fee_frac)
		FROM recovery_rollups WHERE ` + buckets + ` GROUP BY cause, network, asset, status HAVING SUM(appeals) > 0`
}

// tallyRows adds the appeals created and the moves made in [lo, hi) ms,
// read one by one: at most two partial days' worth.
func (s *Service) tallyRows(ctx context.Context, t *tallies, lo, hi int64) error {
	if lo >= hi {
		return nil
	}
	rows, err := s.db.Query(ctx, `SELECT cause, network, asset, status, net, fee FROM recovery_appeals
		WHERE created_at >= ? AND created_at < ?`, lo, hi)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k groupKey
		var net, fee string
		if err := rows.Scan(&k.cause, &k.network, &k.asset, &k.status, &net, &fee); err != nil {
			return err
		}
		n, err := parseAmount(net)
		if err != nil {
			return err
		}
		f, err := parseAmount(fee)
		if err != nil {
			return err
		}
		t.addGroup(k, 1, n, f)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return s.tallyStages(ctx, t, `SELECT from_status, COUNT(*), COALESCE(SUM(spent_ms), 0) FROM recovery_steps
		WHERE at >= ? AND at < ? AND from_status <> '' GROUP BY from_status`, lo, hi)
}

func (s *Service) tallyStages(ctx context.Context, t *tallies, query string, args ...any) error {
	rows, err := s.db.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var from Status
		var moves, spent int64
		if err := rows.Scan(&from, &moves, &spent); err != nil {
			return err
		}
		t.addStage(from, moves, spent)
	}
	return rows.Err()
}

// stats turns the tallies into the page's figures.
func (t *tallies) stats(from, to time.Time) Stats {
	st := Stats{From: from, To: to}
	byCause, byNet, byAsset := map[string]*Group{}, map[string]*Group{}, map[string]*Group{}
	totals := map[string]*AssetTotal{}
	sums := map[string][2]*big.Int{}
	repeats := map[[3]string]int{}
	for k, g := range t.groups {
		n := int(g.appeals)
		if n == 0 {
			continue
		}
		st.Appeals += n
		tally(byCause, k.cause, k.status, n)
		tally(byNet, k.network, k.status, n)
		tally(byAsset, k.asset, k.status, n)
		repeats[[3]string{k.network, k.asset, k.cause}] += n
		switch k.status {
		case Completed:
			st.Completed += n
			at := totals[k.asset]
			if at == nil {
				at = &AssetTotal{Asset: k.asset}
				totals[k.asset] = at
				sums[k.asset] = [2]*big.Int{new(big.Int), new(big.Int)}
			}
			at.Appeals += n
			sums[k.asset][0].Add(sums[k.asset][0], g.net)
			sums[k.asset][1].Add(sums[k.asset][1], g.fee)
		case Rejected:
			st.Rejected += n
		default:
			st.Open += n
		}
	}
	if closed := st.Completed + st.Rejected; closed > 0 {
		st.ApprovalRate = float64(st.Completed) / float64(closed)
	}
	st.ByCause, st.ByNetwork, st.ByAsset = sorted(byCause), sorted(byNet), sorted(byAsset)
	for a, at := range totals {
		at.Recovered, at.Fees = formatUnits(sums[a][0]), formatUnits(sums[a][1])
		st.Totals = append(st.Totals, *at)
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
	for _, status := range Statuses {
		if sum, ok := t.stages[status]; ok && sum.moves > 0 {
			st.Stages = append(st.Stages, Stage{Status: status, Moves: int(sum.moves), Average: time.Duration(sum.spentMs/sum.moves) * time.Millisecond})
		}
	}
	return st
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

// formatUnits renders hundred-millionths as a decimal, no trailing zeros.
func formatUnits(u *big.Int) string {
	return formatDecimal(new(big.Rat).SetFrac(u, big.NewInt(unitsPerWhole)), 8)
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
