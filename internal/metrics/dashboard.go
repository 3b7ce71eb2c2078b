package metrics

import (
	"context"
	"fmt"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Namer turns a dimension's key into what people read (a team's or an
// agent's name); internal/server hands one in.
type Namer func(ctx context.Context, dim Dim, key string) string

var areaNames = map[string]string{"spot": "Spot trading", "futures": "Futures", "p2p": "P2P", "earn": "Earn", "card": "Card",
	"wallet_deposits": "Wallet deposits", "withdrawals": "Withdrawals", "account_security": "Account security", "kyc": "KYC", "other": "Other"}

var channelNames = map[string]string{"chat": "Chat", "email": "E-mail", "api": "API", "web": "Web form", "telegram": "Telegram"}

var dimNames = map[Dim]string{DimAll: "All", DimChannel: "Channel", DimQueue: "Queue", DimTeam: "Team", DimAgent: "Agent",
	DimLanguage: "Language", DimProductArea: "Product area", DimIntent: "Intent"}

// label is what a key of dim reads as.
func (h *HTTP) label(ctx context.Context, dim Dim, key string) string {
	switch dim {
	case DimProductArea:
		if n, ok := areaNames[key]; ok {
			return n
		}
	case DimChannel:
		if n, ok := channelNames[key]; ok {
			return n
		}
	case DimIntent:
		return strings.ReplaceAll(key, "_", " ")
	}
	if key == "0" || key == "" {
		return "None (" + strings.ToLower(dimNames[dim]) + " not set)"
	}
	if h.Names != nil {
		if n := h.Names(ctx, dim, key); n != "" {
			return n
		}
	}
	return key
}

// Tile is one figure of a dashboard.
type Tile struct {
	Name, Value, Note string
	Bad               bool // below what a desk would accept
}

func orDash(v *float64, f func(float64) string) string {
	if v == nil {
		return "—"
	}
	return f(*v)
}

func count(n int64) string { return fmt.Sprintf("%d", n) }

// counted is n with its noun: "1 answer", "3 answers".
func counted(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// tiles are the headline figures of f.
func tiles(f Figures, b Backlog, agent bool) []Tile {
	bad := func(v *float64, floor float64) bool { return v != nil && *v < floor }
	csatNote := counted(f.CSATAnswers, "answer", "answers")
	if f.CSATShare != nil {
		csatNote = Percent(*f.CSATShare) + " satisfied · " + csatNote
	}
	first := Tile{Name: "Tickets created", Value: count(f.Created), Note: fmt.Sprintf("%d solved", f.Solved)}
	if agent {
		first = Tile{Name: "Replies", Value: count(f.Replies), Note: counted(f.Solved, "ticket solved", "tickets solved")}
	}
	return []Tile{
		first,
		{Name: "First response (mean)", Value: orDash(f.FirstResponse, Duration), Note: "human replies; bot excluded"},
		{Name: "Next response (mean)", Value: orDash(f.NextResponse, Duration)},
		{Name: "Resolution (mean)", Value: orDash(f.Resolution, Duration), Note: "waiting on customer excluded"},
		{Name: "First-contact resolution", Value: orDash(f.FCR, Percent), Note: "reopened: " + orDash(f.ReopenRate, Percent), Bad: bad(f.FCR, 0.6)},
		{Name: "SLA: first response", Value: orDash(f.SLA.FirstResponse, Percent), Note: counted(f.Breaches, "breach", "breaches"), Bad: bad(f.SLA.FirstResponse, 0.9)},
		{Name: "SLA: next response", Value: orDash(f.SLA.NextResponse, Percent), Bad: bad(f.SLA.NextResponse, 0.9)},
		{Name: "SLA: resolution", Value: orDash(f.SLA.Resolution, Percent), Bad: bad(f.SLA.Resolution, 0.9)},
		{Name: "Bot resolution", Value: orDash(f.BotResolution, Percent), Note: "solved, no human reply: " + orDash(f.AutomatedResolution, Percent)},
		{Name: "Bot involvement", Value: orDash(f.BotInvolvement, Percent), Note: counted(f.BotTickets, "ticket", "tickets")},
		{Name: "CSAT", Value: orDash(f.CSAT, func(v float64) string { return fmt.Sprintf("%.2f / 5", v) }), Note: csatNote, Bad: bad(f.CSAT, 3.5)},
		{Name: "NPS", Value: orDash(f.NPS, func(v float64) string { return fmt.Sprintf("%+.0f", v) }), Note: counted(f.NPSAnswers, "answer", "answers")},
		{Name: "Handle time per reply", Value: orDash(f.HandleTime, Duration), Note: Duration(f.HandleTotal) + " in all"},
		{Name: "Backlog now", Value: count(b.Open), Note: backlogNote(b), Bad: b.OldestAge > 24*3600},
	}
}

func backlogNote(b Backlog) string {
	if b.Open == 0 {
		return "nothing open"
	}
	return fmt.Sprintf("%d unanswered · oldest %s", b.Unanswered, Duration(b.OldestAge))
}

// TableRow is one key of a breakdown table.
type TableRow struct {
	Key, Label, Link                                         string
	Created, Solved, FRT, Resolution, FCR, SLA, CSAT, Handle string
	Replies                                                  int64
}

func (h *HTTP) tableRows(ctx context.Context, dim Dim, rows []Row, limit int) []TableRow {
	var out []TableRow
	for _, r := range rows {
		if len(out) >= limit {
			break
		}
		f := FiguresOf(r.Counts)
		sla := ratio(f.SLA.Met, f.SLA.Met+f.SLA.Breached)
		tr := TableRow{Key: r.Key, Label: h.label(ctx, dim, r.Key), Created: count(f.Created), Solved: count(f.Solved),
			FRT: orDash(f.FirstResponse, Duration), Resolution: orDash(f.Resolution, Duration), FCR: orDash(f.FCR, Percent),
			SLA: orDash(sla, Percent), CSAT: orDash(f.CSAT, func(v float64) string { return fmt.Sprintf("%.2f", v) }),
			Handle: orDash(f.HandleTime, Duration), Replies: f.Replies}
		switch dim {
		case DimTeam:
			tr.Link = "/dashboards/teams/" + r.Key
		case DimAgent:
			tr.Link = "/dashboards/agents/" + r.Key
			tr.Created = "—" // a ticket is created before anyone is assigned
		}
		out = append(out, tr)
	}
	return out
}

// Charts of a period's series.
func seriesCharts(pts []Point, step string) []template.HTML {
	labels := make([]string, len(pts))
	created, solved, frt, csat, sla := make([]float64, len(pts)), make([]float64, len(pts)), make([]float64, len(pts)), make([]float64, len(pts)), make([]float64, len(pts))
	for i, p := range pts {
		switch step {
		case "hour":
			labels[i] = p.Start.Format("15:00")
		case "day":
			labels[i] = p.Start.Format("2 Jan")
		default:
			labels[i] = p.Start.Format("Jan 2006")
		}
		f := FiguresOf(p.Counts)
		created[i], solved[i] = float64(f.Created), float64(f.Solved)
		frt[i] = nanOr(f.FirstResponse, 1/60.0)
		csat[i] = nanOr(f.CSAT, 1)
		sla[i] = nanOr(ratio(f.SLA.Met, f.SLA.Met+f.SLA.Breached), 100)
	}
	minutes := func(v float64) string { return trimFloat(math.Round(v*10)/10) + " min" }
	return []template.HTML{
		Chart{Title: "Tickets created and solved per " + step, Labels: labels, Whole: true, Series: []Series{{"Created", created, "#2563eb"}, {"Solved", solved, "#16a34a"}}}.SVG(),
		Chart{Title: "Mean first response per " + step + " (minutes)", Labels: labels, Lines: true, Format: minutes,
			Empty: "No first responses in this period.", Series: []Series{{"First response", frt, "#d97706"}}}.SVG(),
		Chart{Title: "SLA compliance per " + step + " (%)", Labels: labels, Lines: true, Max: 100, Format: func(v float64) string { return trimFloat(v) + "%" },
			Empty: "No SLA targets fell due in this period.", Series: []Series{{"Targets met", sla, "#7c3aed"}}}.SVG(),
		Chart{Title: "CSAT per " + step + " (1-5)", Labels: labels, Lines: true, Max: 5,
			Empty: "No customer answered a CSAT survey in this period.", Series: []Series{{"Mean CSAT", csat, "#db2777"}}}.SVG(),
	}
}

func nanOr(v *float64, scale float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v * scale
}

// DriverRow is a contact driver as the page shows it.
type DriverRow struct {
	Label, Count, Change string
	Up                   bool
	Spark                template.HTML
}

func (h *HTTP) driverRows(ctx context.Context, ds []Driver) []DriverRow {
	out := make([]DriverRow, 0, len(ds))
	for _, d := range ds {
		r := DriverRow{Label: h.label(ctx, d.Dim, d.Key), Count: count(d.Count), Spark: Sparkline(d.Trend), Change: "new"}
		if d.Change != nil {
			r.Change = fmt.Sprintf("%+.0f%%", *d.Change*100)
			r.Up = *d.Change > 0.5
		}
		out = append(out, r)
	}
	return out
}

// periodChoices are the period links of a dashboard.
var periodChoices = []struct{ Key, Label string }{{"today", "Today"}, {"24h", "Last 24 h"}, {"7d", "7 days"}, {"30d", "30 days"}, {"90d", "90 days"}}

// periodOf reads ?period= (or from/to, which win) into a Period.
func (h *HTTP) periodOf(now time.Time, key, from, to string) (Period, string, error) {
	if from != "" || to != "" {
		f, err := parseTime("from", from)
		if err != nil {
			return Period{}, "", err
		}
		t, err := parseTime("to", to)
		if err != nil {
			return Period{}, "", err
		}
		if len(to) == len(time.DateOnly) {
			t = t.Add(24 * time.Hour)
		}
		p, err := NewPeriod(f, t)
		return p, "", err
	}
	end := now.Truncate(time.Hour).Add(time.Hour)
	var p Period
	var err error
	switch key {
	case "", "today":
		key = "today"
		p, err = NewPeriod(now.Truncate(24*time.Hour), now.Truncate(24*time.Hour).Add(24*time.Hour))
	case "24h":
		p, err = NewPeriod(end.Add(-24*time.Hour), end)
	case "7d":
		p, err = NewPeriod(end.Truncate(24*time.Hour).Add(-6*24*time.Hour), end.Truncate(24*time.Hour).Add(24*time.Hour))
	case "30d":
		p, err = NewPeriod(end.Truncate(24*time.Hour).Add(-29*24*time.Hour), end.Truncate(24*time.Hour).Add(24*time.Hour))
	case "90d":
		p, err = NewPeriod(end.Truncate(24*time.Hour).Add(-89*24*time.Hour), end.Truncate(24*time.Hour).Add(24*time.Hour))
	default:
		return Period{}, "", errs.Field("period", "period must be today, 24h, 7d, 30d or 90d (or give from and to)")
	}
	return p, key, err
}
