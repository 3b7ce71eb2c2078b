package feedback

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/phone"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// week is a week in milliseconds; weeks start on Monday 00:00 UTC.
const week = 7 * 24 * time.Hour

// monday0 is a Monday at midnight UTC, the origin the weeks count from.
var monday0 = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// WeekStart is the Monday 00:00 UTC that begins t's week.
func WeekStart(t time.Time) time.Time {
	n := t.Sub(monday0) / week
	if t.Before(monday0) && t.Sub(monday0)%week != 0 {
		n--
	}
	return monday0.Add(n * week)
}

// Report is the feedback of a period, grouped by product area.
type Report struct {
	From  time.Time    `json:"from"`
	To    time.Time    `json:"to"`
	Total int          `json:"total"`
	Kinds []KindCount  `json:"kinds"` // every kind, over all areas
	Weeks []time.Time  `json:"weeks"` // the weeks the trends cover, oldest first
	Areas []AreaReport `json:"areas"` // most feedback first
}

// KindCount is how many tags of one kind.
type KindCount struct {
	Kind  Kind   `json:"kind"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// AreaReport is one product area's feedback.
type AreaReport struct {
	Area    string      `json:"product_area"`
	Total   int         `json:"total"`
	Kinds   []KindCount `json:"kinds"`
	Trend   []int       `json:"trend"` // tags per week, as Report.Weeks
	Samples []Sample    `json:"samples"`
}

// Sample is a conversation that carried feedback, personal data masked.
type Sample struct {
	TicketID int64  `json:"ticket_id"`
	Kind     Kind   `json:"kind"`
	Note     string `json:"note"`
	Subject  string `json:"subject"`
	Lines    []Line `json:"lines"`
}

// Conversation is a ticket's public conversation as the report needs it:
// the customer's name and e-mail, so that they can be masked where the
// text repeats them, and the messages (secrets already redacted by the
// guard when they were stored).
type Conversation struct {
	Subject       string
	CustomerName  string
	CustomerEmail string
	Lines         []Line
}

// Line is one message of a sample.
type Line struct {
	Author string `json:"author"` // customer, agent, bot, system
	Body   string `json:"body"`
}

// Conversations reads a ticket's conversation (internal/server adapts the
// ticket store).
type Conversations interface {
	Conversation(ctx context.Context, ticketID int64) (Conversation, error)
}

// SamplesPerArea is how many sample conversations an area shows.
const SamplesPerArea = 3

// sampleLines and sampleChars bound what a sample shows of a conversation.
const (
	sampleLines = 6
	sampleChars = 400
)

// Report counts the tags of [from, to) by area and kind, per week, with
// samples. The period is checked with CheckPeriod.
func (s *Service) Report(ctx context.Context, from, to time.Time) (Report, error) {
	if err := CheckPeriod(from, to); err != nil {
		return Report{}, err
	}
	rep := Report{From: from, To: to, Areas: []AreaReport{}}
	for w := WeekStart(from); w.Before(to); w = w.Add(week) {
		rep.Weeks = append(rep.Weeks, w)
	}
	origin := monday0.UnixMilli()
	// Counts are grouped in SQL: a year of feedback is read as a few
	// hundred rows however many tags there are.
	// The week's number is written into the query (two constants, no
	// input): PostgreSQL matches a GROUP BY expression to the SELECT's only
	// when they are the same text, placeholders included.
	weekOf := fmt.Sprintf("(created_at - %d) / %d", origin, week.Milliseconds())
	rows, err := s.db.Query(ctx, `SELECT product_area, kind, `+weekOf+`, COUNT(*) FROM feedback_tags
		WHERE created_at >= ? AND created_at < ? GROUP BY product_area, kind, `+weekOf, from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return Report{}, fmt.Errorf("feedback: report: %w", err)
	}
	defer rows.Close()
	areas := map[string]*AreaReport{}
	total := map[Kind]int{}
	firstWeek := WeekStart(from)
	for rows.Next() {
		var area string
		var kind Kind
		var wk int64
		var n int
		if err := rows.Scan(&area, &kind, &wk, &n); err != nil {
			return Report{}, err
		}
		a := areas[area]
		if a == nil {
			a = &AreaReport{Area: area, Trend: make([]int, len(rep.Weeks))}
			for _, k := range Kinds {
				a.Kinds = append(a.Kinds, KindCount{Kind: k, Label: k.Label()})
			}
			areas[area] = a
		}
		a.Total += n
		rep.Total += n
		total[kind] += n
		if i := slices.Index(Kinds, kind); i >= 0 {
			a.Kinds[i].Count += n
		}
		// Integer division truncates towards zero on both engines; weeks
		// before 2024 do not occur (tags are stamped when made).
		if i := int(monday0.Add(time.Duration(wk)*week).Sub(firstWeek) / week); i >= 0 && i < len(a.Trend) {
			a.Trend[i] += n
		}
	}
	if err := rows.Err(); err != nil {
		return Report{}, err
	}
	for _, k := range Kinds {
		rep.Kinds = append(rep.Kinds, KindCount{Kind: k, Label: k.Label(), Count: total[k]})
	}
	for _, a := range areas {
		rep.Areas = append(rep.Areas, *a)
	}
	slices.SortFunc(rep.Areas, func(a, b AreaReport) int {
		if a.Total != b.Total {
			return b.Total - a.Total
		}
		return strings.Compare(a.Area, b.Area)
	})
	if err := s.samples(ctx, &rep); err != nil {
		return Report{}, err
	}
	return rep, nil
}

// samples adds each area's latest conversations with feedback.
func (s *Service) samples(ctx context.Context, rep *Report) error {
	if len(rep.Areas) == 0 {
		return nil
	}
	type pick struct {
		ticket int64
		kind   Kind
		note   string
	}
	picks := map[string][]pick{}
	for i := range rep.Areas {
		area := rep.Areas[i].Area
		rows, err := s.db.Query(ctx, `SELECT ticket_id, kind, note FROM feedback_tags WHERE product_area = ? AND created_at >= ? AND created_at < ?
			ORDER BY created_at DESC, id DESC LIMIT ?`, area, rep.From.UnixMilli(), rep.To.UnixMilli(), 4*SamplesPerArea)
		if err != nil {
			return fmt.Errorf("feedback: samples of %s: %w", area, err)
		}
		seen := map[int64]bool{}
		for rows.Next() {
			var p pick
			if err := rows.Scan(&p.ticket, &p.kind, &p.note); err != nil {
				rows.Close()
				return err
			}
			if !seen[p.ticket] && len(picks[area]) < SamplesPerArea {
				seen[p.ticket] = true
				picks[area] = append(picks[area], p)
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for i := range rep.Areas {
		a := &rep.Areas[i]
		for _, p := range picks[a.Area] {
			sm := Sample{TicketID: p.ticket, Kind: p.kind, Note: MaskText(p.note)}
			if s.Conversations != nil {
				c, err := s.Conversations.Conversation(ctx, p.ticket)
				if err != nil {
					s.log.Warn("feedback: sample conversation", "ticket", p.ticket, "err", err)
				} else {
					sm.Subject, sm.Lines = maskConversation(c)
				}
			}
			a.Samples = append(a.Samples, sm)
		}
	}
	return nil
}

var (
	emailRE = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.[\p{L}]{2,}`)
	phoneRE = regexp.MustCompile(`\+?\d[\d \-]{7,16}\d`)
)

// MaskText masks the e-mail addresses and phone numbers in free text the
// way the workspace masks a customer's (ticket.MaskEmail, phone.Mask).
func MaskText(s string) string {
	s = emailRE.ReplaceAllStringFunc(s, ticket.MaskEmail)
	return phoneRE.ReplaceAllStringFunc(s, func(m string) string {
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r == '+' {
				return r
			}
			return -1
		}, m)
		return phone.Mask(digits)
	})
}

// maskConversation masks a conversation for a report: the customer's
// name and e-mail wherever the text repeats them, then any e-mail address
// or phone number; it keeps the first public lines, shortened.
func maskConversation(c Conversation) (string, []Line) {
	mask := func(s string) string {
		if c.CustomerEmail != "" {
			s = strings.ReplaceAll(s, c.CustomerEmail, ticket.MaskEmail(c.CustomerEmail))
		}
		for _, w := range strings.Fields(c.CustomerName) {
			if len([]rune(w)) > 1 {
				s = strings.ReplaceAll(s, w, ticket.MaskName(w))
			}
		}
		return MaskText(s)
	}
	var lines []Line
	for _, l := range c.Lines {
		if len(lines) == sampleLines {
			break
		}
		body := mask(l.Body)
		if r := []rune(body); len(r) > sampleChars {
			body = string(r[:sampleChars]) + "…"
		}
		lines = append(lines, Line{Author: l.Author, Body: body})
	}
	return mask(c.Subject), lines
}

// Export writes the tags of [from, to) about area ("" for every area) as
// CSV, one row per tag, notes masked. The period is checked with
// CheckPeriod.
func (s *Service) Export(ctx context.Context, w io.Writer, area string, from, to time.Time) error {
	if err := CheckPeriod(from, to); err != nil {
		return err
	}
	rows, err := s.db.Query(ctx, `SELECT f.id, f.created_at, f.ticket_id, f.product_area, f.kind, f.note, t.channel, t.language
		FROM feedback_tags f JOIN tickets t ON t.id = f.ticket_id
		WHERE f.created_at >= ? AND f.created_at < ? AND (? = '' OR f.product_area = ?) ORDER BY f.created_at, f.id`,
		from.UnixMilli(), to.UnixMilli(), area, area)
	if err != nil {
		return fmt.Errorf("feedback: export: %w", err)
	}
	defer rows.Close()
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "created_at", "week", "ticket_id", "product_area", "kind", "channel", "language", "note"}); err != nil {
		return err
	}
	for rows.Next() {
		var id, at, tk int64
		var area, kind, note, channel, lang string
		if err := rows.Scan(&id, &at, &tk, &area, &kind, &note, &channel, &lang); err != nil {
			return err
		}
		t := store.Time(at)
		if err := cw.Write([]string{strconv.FormatInt(id, 10), t.Format(time.RFC3339), WeekStart(t).Format("2006-01-02"),
			strconv.FormatInt(tk, 10), area, kind, channel, lang, csvSafe(MaskText(note))}); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a spreadsheet from reading a note as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
