package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Figures are what dashboards show, divided out of a period's counts.
// A nil figure has nothing to go on (no ticket solved, no answer yet).
type Figures struct {
	Created    int64 `json:"created"`
	Solved     int64 `json:"solved"`
	Replies    int64 `json:"replies"`
	Breaches   int64 `json:"breaches"`
	BotTickets int64 `json:"bot_tickets"`
	// Mean times in seconds.
	FirstResponse *float64 `json:"first_response_seconds"`
	NextResponse  *float64 `json:"next_response_seconds"`
	Resolution    *float64 `json:"resolution_seconds"`
	HandleTime    *float64 `json:"handle_seconds_per_reply"`
	HandleTotal   float64  `json:"handle_seconds_total"`
	// Shares from 0 to 1.
	FCR                 *float64   `json:"first_contact_resolution"`
	ReopenRate          *float64   `json:"reopen_rate"`
	BotInvolvement      *float64   `json:"bot_involvement"`
	AutomatedResolution *float64   `json:"automated_resolution"`
	BotResolution       *float64   `json:"bot_resolution"`
	SLA                 SLAFigures `json:"sla"`
	CSAT                *float64   `json:"csat_mean"`      // 1-5
	CSATShare           *float64   `json:"csat_satisfied"` // share of 4 and 5
	CSATBot             *float64   `json:"csat_mean_bot"`  // on tickets the bot solved
	CSATAnswers         int64      `json:"csat_answers"`
	NPS                 *float64   `json:"nps"` // -100 to 100
	NPSAnswers          int64      `json:"nps_answers"`
}

// SLAFigures is the compliance of each target: met / (met + breached).
type SLAFigures struct {
	FirstResponse *float64 `json:"first_response"`
	NextResponse  *float64 `json:"next_response"`
	Resolution    *float64 `json:"resolution"`
	Met           int64    `json:"met"`
	Breached      int64    `json:"breached"`
}

func ratio(a, b int64) *float64 {
	if b == 0 {
		return nil
	}
	v := float64(a) / float64(b)
	return &v
}

func seconds(ms, n int64) *float64 {
	if n == 0 {
		return nil
	}
	v := float64(ms) / float64(n) / 1000
	return &v
}

// FiguresOf divides out c.
func FiguresOf(c Counts) Figures {
	f := Figures{Created: c[Created], Solved: c[Solved], Replies: c[Replies], Breaches: c[Breaches], BotTickets: c[BotTickets],
		FirstResponse: seconds(c[FRTMS], c[FRTN]), NextResponse: seconds(c[NRTMS], c[NRTN]),
		Resolution: seconds(c[ResMS], c[FirstSolved]), HandleTime: seconds(c[HandleMS], c[HandleN]),
		HandleTotal: float64(c[HandleMS]) / 1000,
		FCR:         ratio(c[FCR], c[FirstSolved]), ReopenRate: ratio(c[Reopened], c[FirstSolved]),
		BotInvolvement: ratio(c[BotTickets], c[Created]), AutomatedResolution: ratio(c[AutoSolved], c[FirstSolved]),
		BotResolution: ratio(c[BotSolved], c[FirstSolved]),
		CSAT:          ratio(c[CSATSum], c[CSATN]), CSATShare: ratio(c[CSATGood], c[CSATN]), CSATBot: ratio(c[CSATBotSum], c[CSATBotN]),
		CSATAnswers: c[CSATN], NPSAnswers: c[NPSN],
	}
	f.SLA = SLAFigures{
		FirstResponse: ratio(c[SLAFRTMet], c[SLAFRTMet]+c[SLAFRTBreach]),
		NextResponse:  ratio(c[SLANRTMet], c[SLANRTMet]+c[SLANRTBreach]),
		Resolution:    ratio(c[SLAResMet], c[SLAResMet]+c[SLAResBreach]),
		Met:           c[SLAFRTMet] + c[SLANRTMet] + c[SLAResMet],
		Breached:      c[SLAFRTBreach] + c[SLANRTBreach] + c[SLAResBreach],
	}
	if c[NPSN] > 0 {
		v := float64(c[NPSPro]-c[NPSDet]) * 100 / float64(c[NPSN])
		f.NPS = &v
	}
	return f
}

// Backlog is the open tickets now.
type Backlog struct {
	Key        string     `json:"key"`
	Open       int64      `json:"open"`
	Oldest     *time.Time `json:"oldest_created_at"`
	OldestAge  float64    `json:"oldest_age_seconds"`
	MeanAge    float64    `json:"mean_age_seconds"`
	Unanswered int64      `json:"unanswered"` // no human reply yet
}

// dimColumns are the metric_tickets columns of each dimension.
var dimColumns = map[Dim]string{DimAll: "''", DimChannel: "channel", DimQueue: "queue_id", DimTeam: "team_id", DimAgent: "agent_id",
	DimLanguage: "language", DimProductArea: "product_area", DimIntent: "intent"}

// Backlogs is the open tickets by key of dim, largest first.
func (s *Service) Backlogs(ctx context.Context, dim Dim) ([]Backlog, error) {
	col, ok := dimColumns[dim]
	if !ok {
		return nil, fmt.Errorf("metrics: no dimension %q", dim)
	}
	group := ` GROUP BY ` + col
	if dim == DimAll {
		group = ""
	}
	rows, err := s.db.Query(ctx, `SELECT `+col+`, COUNT(*), MIN(created_at), SUM(created_at), SUM(CASE WHEN first_reply_at = 0 THEN 1 ELSE 0 END)
		FROM metric_tickets WHERE open = 1`+group+` ORDER BY COUNT(*) DESC`)
	if err != nil {
		return nil, fmt.Errorf("metrics: backlog by %s: %w", dim, err)
	}
	defer rows.Close()
	now := s.db.Now()
	var out []Backlog
	for rows.Next() {
		var b Backlog
		if dim == DimAll && len(out) > 0 {
			break
		}
		var key any
		var oldest sql.NullInt64
		var sumCreated nullInt
		var unanswered nullInt
		if err := rows.Scan(&key, &b.Open, &oldest, &sumCreated, &unanswered); err != nil {
			return nil, fmt.Errorf("metrics: backlog by %s: %w", dim, err)
		}
		b.Key = keyText(key)
		b.Unanswered = int64(unanswered)
		if oldest.Valid {
			t := time.UnixMilli(oldest.Int64).UTC()
			b.Oldest = &t
			b.OldestAge = float64(now-oldest.Int64) / 1000
			b.MeanAge = (float64(now) - float64(sumCreated)/float64(b.Open)) / 1000
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

func keyText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(x)
	case string:
		return x
	case int64:
		return fmt.Sprint(x)
	default:
		return fmt.Sprint(x)
	}
}

// BacklogTotal is the whole backlog.
func (s *Service) BacklogTotal(ctx context.Context) (Backlog, error) {
	all, err := s.Backlogs(ctx, DimAll)
	if err != nil || len(all) == 0 {
		return Backlog{}, err
	}
	return all[0], nil
}
