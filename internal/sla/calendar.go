package sla

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Calendar says when an SLA clock runs. A calendar without hours runs all
// the time (24/7); one with hours runs in those local hours of each weekday
// in its time zone, except on its holidays. Local times go through
// time.Date, so a business day that crosses a DST change is as long as the
// wall clock says.
type Calendar struct {
	ID       int64          `json:"id"`
	Name     string         `json:"name"`
	TimeZone string         `json:"time_zone"`
	Hours    string         `json:"hours"`    // "" for 24/7, else e.g. "mon-fri 09:00-18:00; sat 10:00-14:00"
	Holidays string         `json:"holidays"` // dates, e.g. "2026-12-25 2027-01-01"
	Teams    []int64        `json:"team_ids"` // teams whose policies without a calendar use this one
	week     week           // parsed Hours
	holidays dateSet        // parsed Holidays
	loc      *time.Location // parsed TimeZone
}

// span is an open interval of a day in minutes from local midnight,
// [From, To), To at most 24*60.
type span struct{ From, To int }

// week holds each weekday's spans (index time.Weekday), sorted and not
// overlapping; all empty means 24/7.
type week [7][]span

func (w week) allDay() bool {
	for _, d := range w {
		if len(d) > 0 {
			return false
		}
	}
	return true
}

type dateSet map[civilDate]bool

type civilDate struct {
	y int
	m time.Month
	d int
}

// Limits on what a calendar holds.
const (
	maxCalendarText = 4000
	maxHolidays     = 400
	// maxSearchDays bounds how far Add looks for open hours: a calendar
	// open one day a year still ends within it.
	maxSearchDays = 800
)

// AllDay is the 24/7 calendar, used when a policy and its team name none.
var AllDay = &Calendar{Name: "24/7", TimeZone: "UTC", loc: time.UTC}

// compile parses the calendar's text fields; it is the one check of a
// calendar's input.
func (c *Calendar) compile() error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" || len(c.Name) > 200 {
		return errs.Field("name", "name is required and at most 200 bytes")
	}
	if c.TimeZone == "" {
		c.TimeZone = "UTC"
	}
	loc, err := ParseTimeZone(c.TimeZone)
	if err != nil {
		return err
	}
	w, err := ParseHours(c.Hours)
	if err != nil {
		return err
	}
	h, err := ParseHolidays(c.Holidays)
	if err != nil {
		return err
	}
	c.loc, c.week, c.holidays = loc, w, h
	return nil
}

// ParseTimeZone reads an IANA time-zone name.
func ParseTimeZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	// LoadLocation also reads a path-like name from the zoneinfo tree;
	// refuse anything that is not Area/City-shaped first.
	if name == "" || len(name) > 64 || strings.Contains(name, "..") || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00 ") {
		return nil, errs.Field("time_zone", "time_zone %q is not an IANA time-zone name", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil || strings.EqualFold(name, "local") {
		return nil, errs.Field("time_zone", "time_zone %q is not an IANA time-zone name", name)
	}
	return loc, nil
}

var weekdays = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// ParseHours reads a weekly schedule: entries separated by ";" or new
// lines, each days ("mon", "mon-fri", "sat,sun") then one or more times
// ("09:00-18:00", "09:00-12:00,13:00-17:00"); "24:00" ends a day. An empty
// text is 24/7. A day may be named in several entries; overlapping hours
// are refused.
func ParseHours(text string) (week, error) {
	var w week
	if len(text) > maxCalendarText {
		return w, errs.Field("hours", "hours is longer than %d bytes", maxCalendarText)
	}
	entries := strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' })
	for _, entry := range entries {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		daysText, timesText, ok := strings.Cut(entry, " ")
		if !ok {
			return w, errs.Field("hours", "%q: want days then times, e.g. \"mon-fri 09:00-18:00\"", entry)
		}
		days, err := parseDays(daysText)
		if err != nil {
			return w, err
		}
		for _, part := range strings.Split(strings.ReplaceAll(timesText, " ", ""), ",") {
			sp, err := parseSpan(part)
			if err != nil {
				return w, err
			}
			for _, d := range days {
				w[d] = append(w[d], sp)
			}
		}
	}
	for d := range w {
		sort.Slice(w[d], func(i, j int) bool { return w[d][i].From < w[d][j].From })
		for i := 1; i < len(w[d]); i++ {
			if w[d][i].From < w[d][i-1].To {
				return w, errs.Field("hours", "hours overlap on %s", time.Weekday(d))
			}
		}
	}
	return w, nil
}

func parseDays(text string) ([]time.Weekday, error) {
	var out []time.Weekday
	for _, part := range strings.Split(strings.ToLower(text), ",") {
		from, to, ranged := strings.Cut(part, "-")
		a, ok1 := weekdays[from]
		b, ok2 := weekdays[to]
		if !ok1 || (ranged && !ok2) {
			return nil, errs.Field("hours", "%q is not a day or a range of days (mon, tue-fri, sat,sun)", part)
		}
		if !ranged {
			out = append(out, a)
			continue
		}
		for d := a; ; d = (d + 1) % 7 {
			out = append(out, d)
			if d == b {
				break
			}
		}
	}
	return out, nil
}

func parseSpan(text string) (span, error) {
	from, to, ok := strings.Cut(text, "-")
	if !ok {
		return span{}, errs.Field("hours", "%q: want HH:MM-HH:MM", text)
	}
	a, err1 := parseClock(from)
	b, err2 := parseClock(to)
	if err1 != nil || err2 != nil || a >= b {
		return span{}, errs.Field("hours", "%q: want HH:MM-HH:MM with the start before the end", text)
	}
	return span{From: a, To: b}, nil
}

// parseClock reads "HH:MM" as minutes after midnight; "24:00" is the end
// of the day.
func parseClock(s string) (int, error) {
	hh, mm, ok := strings.Cut(s, ":")
	if !ok || len(hh) != 2 || len(mm) != 2 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil || h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return h*60 + m, nil
}

// ParseHolidays reads dates (YYYY-MM-DD) separated by spaces, commas or new
// lines.
func ParseHolidays(text string) (dateSet, error) {
	if len(text) > maxCalendarText {
		return nil, errs.Field("holidays", "holidays is longer than %d bytes", maxCalendarText)
	}
	set := dateSet{}
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\r' || r == '\t' }) {
		d, err := time.Parse(time.DateOnly, f)
		if err != nil {
			return nil, errs.Field("holidays", "%q is not a date (YYYY-MM-DD)", f)
		}
		set[civilDate{d.Year(), d.Month(), d.Day()}] = true
	}
	if len(set) > maxHolidays {
		return nil, errs.Field("holidays", "more than %d holidays", maxHolidays)
	}
	return set, nil
}

// openSpans returns the wall-time intervals in which the clock runs on the
// local day that starts at (y, m, d).
func (c *Calendar) openSpans(y int, m time.Month, d int) [][2]time.Time {
	day := time.Date(y, m, d, 0, 0, 0, 0, c.loc)
	if c.holidays[civilDate{day.Year(), day.Month(), day.Day()}] {
		return nil
	}
	var out [][2]time.Time
	for _, sp := range c.week[day.Weekday()] {
		from := time.Date(y, m, d, sp.From/60, sp.From%60, 0, 0, c.loc)
		to := time.Date(y, m, d, sp.To/60, sp.To%60, 0, 0, c.loc)
		if to.After(from) { // a span inside a DST gap has no length
			out = append(out, [2]time.Time{from, to})
		}
	}
	return out
}

// Add returns the wall time at which d of calendar time has run from t.
// ok is false when the calendar has no open hours within maxSearchDays.
func (c *Calendar) Add(t time.Time, d time.Duration) (time.Time, bool) {
	if c.week.allDay() && len(c.holidays) == 0 {
		return t.Add(d), true
	}
	local := t.In(c.loc)
	y, m, day := local.Date()
	for i := 0; i < maxSearchDays; i++ {
		for _, sp := range c.spansOf(y, m, day+i) {
			from := sp[0]
			if from.Before(t) {
				from = t
			}
			if !sp[1].After(from) {
				continue
			}
			avail := sp[1].Sub(from)
			if d <= avail {
				return from.Add(d), true
			}
			d -= avail
		}
	}
	return time.Time{}, false
}

// spansOf is openSpans for a 24/7 calendar with holidays too.
func (c *Calendar) spansOf(y int, m time.Month, d int) [][2]time.Time {
	if c.week.allDay() {
		from := time.Date(y, m, d, 0, 0, 0, 0, c.loc)
		if c.holidays[civilDate{from.Year(), from.Month(), from.Day()}] {
			return nil
		}
		return [][2]time.Time{{from, time.Date(y, m, d+1, 0, 0, 0, 0, c.loc)}}
	}
	return c.openSpans(y, m, d)
}

// Between returns how much calendar time runs from a to b.
func (c *Calendar) Between(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	if c.week.allDay() && len(c.holidays) == 0 {
		return b.Sub(a)
	}
	var sum time.Duration
	local := a.In(c.loc)
	y, m, day := local.Date()
	for i := 0; ; i++ {
		start := time.Date(y, m, day+i, 0, 0, 0, 0, c.loc)
		if !start.Before(b) {
			return sum
		}
		for _, sp := range c.spansOf(y, m, day+i) {
			from, to := sp[0], sp[1]
			if from.Before(a) {
				from = a
			}
			if to.After(b) {
				to = b
			}
			if to.After(from) {
				sum += to.Sub(from)
			}
		}
	}
}
