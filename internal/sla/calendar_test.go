package sla

import (
	"testing"
	"time"
)

func mustCalendar(t *testing.T, tz, hours, holidays string) *Calendar {
	t.Helper()
	c := &Calendar{Name: "test", TimeZone: tz, Hours: hours, Holidays: holidays}
	if err := c.compile(); err != nil {
		t.Fatalf("compile %q %q %q: %v", tz, hours, holidays, err)
	}
	return c
}

func at(t *testing.T, tz, local string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(tz)
	if err != nil {
		t.Fatal(err)
	}
	v, err := time.ParseInLocation("2006-01-02 15:04", local, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCalendarAdd(t *testing.T) {
	berlinWeek := "mon-fri 09:00-17:00"
	cases := []struct {
		name, tz, hours, holidays string
		from                      string
		add                       time.Duration
		want                      string // local time in tz
	}{
		{"24/7 is plain time", "UTC", "", "", "2026-03-06 10:00", 24 * time.Hour, "2026-03-07 10:00"},
		// Spring forward in Berlin: 2026-03-29 02:00 -> 03:00. 24/7 counts
		// elapsed time, so 24 h later is 11:00 local.
		{"24/7 across spring forward", "Europe/Berlin", "", "", "2026-03-28 10:00", 24 * time.Hour, "2026-03-29 11:00"},
		{"24/7 across fall back", "Europe/Berlin", "", "", "2026-10-24 10:00", 24 * time.Hour, "2026-10-25 09:00"},
		{"within the day", "Europe/Berlin", berlinWeek, "", "2026-03-04 10:00", 3 * time.Hour, "2026-03-04 13:00"},
		{"over the night", "Europe/Berlin", berlinWeek, "", "2026-03-04 15:00", 4 * time.Hour, "2026-03-05 11:00"},
		{"over the weekend", "Europe/Berlin", berlinWeek, "", "2026-03-06 16:00", 2 * time.Hour, "2026-03-09 10:00"},
		{"before opening", "Europe/Berlin", berlinWeek, "", "2026-03-04 06:00", time.Hour, "2026-03-04 10:00"},
		// Business hours on the Monday after spring forward are 09:00-17:00
		// local, whatever the UTC offset did over the weekend.
		{"business across spring forward", "Europe/Berlin", berlinWeek, "", "2026-03-27 16:00", 2 * time.Hour, "2026-03-30 10:00"},
		{"business across fall back", "Europe/Berlin", berlinWeek, "", "2026-10-23 16:00", 2 * time.Hour, "2026-10-26 10:00"},
		// US DST: 2026-03-08 and 2026-11-01; a 24/7-with-holidays calendar.
		{"New York night shift over spring forward", "America/New_York", "sun 00:00-24:00", "", "2026-03-08 00:00", 23 * time.Hour, "2026-03-09 00:00"},
		{"New York fall back day is 25 h", "America/New_York", "sun 00:00-24:00", "", "2026-11-01 00:00", 25 * time.Hour, "2026-11-02 00:00"},
		{"holiday skipped", "Europe/Berlin", berlinWeek, "2026-12-24,2026-12-25", "2026-12-23 16:00", 2 * time.Hour, "2026-12-28 10:00"},
		{"year end with holidays", "Asia/Tokyo", "mon-fri 09:00-18:00", "2026-12-31 2027-01-01", "2026-12-30 17:00", 2 * time.Hour, "2027-01-04 10:00"},
		{"24/7 with a holiday", "UTC", "", "2027-01-01", "2026-12-31 23:00", 2 * time.Hour, "2027-01-02 01:00"},
		{"split day", "UTC", "mon-fri 09:00-12:00,13:00-17:00", "", "2026-03-04 11:30", time.Hour, "2026-03-04 13:30"},
		{"weekend range wraps", "UTC", "fri-mon 10:00-11:00", "", "2026-03-06 10:30", 2 * time.Hour, "2026-03-08 10:30"},
	}
	for _, c := range cases {
		cal := mustCalendar(t, c.tz, c.hours, c.holidays)
		from := at(t, c.tz, c.from)
		got, ok := cal.Add(from, c.add)
		want := at(t, c.tz, c.want)
		if !ok || !got.Equal(want) {
			t.Errorf("%s: Add(%s, %s) = %s, %v; want %s", c.name, c.from, c.add, got.In(want.Location()), ok, want)
			continue
		}
		if back := cal.Between(from, got); back != c.add {
			t.Errorf("%s: Between(from, Add(from, %s)) = %s", c.name, c.add, back)
		}
	}
}

func TestCalendarNeverOpen(t *testing.T) {
	cal := mustCalendar(t, "UTC", "mon 09:00-10:00", "")
	// Every Monday a holiday for a year and more is not representable in
	// 400 dates; a calendar open one hour a week still ends.
	if _, ok := cal.Add(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 100*time.Hour); !ok {
		t.Error("100 hours of a one-hour-a-week calendar should end within maxSearchDays")
	}
	if _, ok := cal.Add(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 2000*time.Hour); ok {
		t.Error("2000 hours at one hour a week should not end within maxSearchDays")
	}
}

func TestCalendarInputRefused(t *testing.T) {
	cases := []struct{ tz, hours, holidays, field string }{
		{"Mars/Olympus", "", "", "time_zone"},
		{"../../etc/passwd", "", "", "time_zone"},
		{"Local", "", "", "time_zone"},
		{"UTC", "mon 9:00-17:00", "", "hours"},
		{"UTC", "mon 17:00-09:00", "", "hours"},
		{"UTC", "funday 09:00-17:00", "", "hours"},
		{"UTC", "mon 09:00-17:00; mon 16:00-18:00", "", "hours"},
		{"UTC", "mon 24:30-25:00", "", "hours"},
		{"UTC", "mon", "", "hours"},
		{"UTC", "", "2026-02-30", "holidays"},
		{"UTC", "", "tomorrow", "holidays"},
	}
	for _, c := range cases {
		cal := Calendar{Name: "x", TimeZone: c.tz, Hours: c.hours, Holidays: c.holidays}
		if err := cal.compile(); fieldOf(err) != c.field {
			t.Errorf("compile(%q, %q, %q) = %v; want an error on %s", c.tz, c.hours, c.holidays, err, c.field)
		}
	}
}

func FuzzParseHours(f *testing.F) {
	for _, s := range []string{"mon-fri 09:00-18:00", "sat,sun 10:00-14:00; mon 00:00-24:00", "fri-mon 09:00-12:00,13:00-17:00", "", "mon 24:00-24:00", "x\n;;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		w, err := ParseHours(text)
		if err != nil {
			return
		}
		for d, spans := range w {
			for i, sp := range spans {
				if sp.From < 0 || sp.To > 24*60 || sp.From >= sp.To || (i > 0 && spans[i-1].To > sp.From) {
					t.Fatalf("%q: day %d has bad spans %v", text, d, spans)
				}
			}
		}
		cal := &Calendar{week: w, loc: time.UTC}
		from := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		if got, ok := cal.Add(from, 90*time.Minute); ok && (got.Before(from) || cal.Between(from, got) != 90*time.Minute) {
			t.Fatalf("%q: Add/Between disagree: %s", text, got)
		}
	})
}

func FuzzParseHolidays(f *testing.F) {
	for _, s := range []string{"2026-12-25 2027-01-01", "2026-12-25,2026-12-26\n2027-01-01", "", "2026-13-01", ",,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		set, err := ParseHolidays(text)
		if err == nil && len(set) > maxHolidays {
			t.Fatalf("%q: %d holidays accepted", text, len(set))
		}
	})
}

func FuzzParseTimeZone(f *testing.F) {
	for _, s := range []string{"UTC", "Europe/Berlin", "../x", "/etc/localtime", "Local", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		loc, err := ParseTimeZone(name)
		if err == nil && (loc == nil || loc.String() == "Local") {
			t.Fatalf("%q accepted as %v", name, loc)
		}
	})
}

func BenchmarkCalendarAdd(b *testing.B) {
	cases := []struct{ name, tz, hours, holidays string }{
		{"24x7", "UTC", "", ""},
		{"business-hours", "Europe/Berlin", "mon-fri 09:00-17:00", "2026-12-24 2026-12-25 2027-01-01"},
	}
	for _, c := range cases {
		cal := &Calendar{Name: "b", TimeZone: c.tz, Hours: c.hours, Holidays: c.holidays}
		if err := cal.compile(); err != nil {
			b.Fatal(err)
		}
		from := time.Date(2026, 12, 23, 15, 0, 0, 0, time.UTC)
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, ok := cal.Add(from, 24*time.Hour); !ok {
					b.Fatal("no end")
				}
			}
		})
	}
}
