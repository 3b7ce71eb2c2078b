package sla

import (
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
)

func fieldOf(err error) string {
	if e, ok := errs.As(err); ok && e.Kind == errs.Invalid {
		return e.Field
	}
	return ""
}

// shipped mirrors the defaults of migration 0018 (ids in insert order).
var shipped = []Policy{
	{ID: 1, Name: "General questions", FirstResponseMinutes: 1440, NextResponseMinutes: 1440, ResolutionMinutes: 4320, WarnPercent: 80},
	{ID: 2, Name: "Chat", Channel: "chat", FirstResponseMinutes: 5, NextResponseMinutes: 10, ResolutionMinutes: 1440, WarnPercent: 80},
	{ID: 3, Name: "High priority", Priority: "high", FirstResponseMinutes: 240, NextResponseMinutes: 480, ResolutionMinutes: 2880, WarnPercent: 80},
	{ID: 4, Name: "Urgent", Priority: "urgent", FirstResponseMinutes: 60, NextResponseMinutes: 120, ResolutionMinutes: 480, WarnPercent: 80},
	{ID: 5, Name: "Urgent security", Priority: "urgent", ProductArea: "account_security", FirstResponseMinutes: 15, NextResponseMinutes: 60, ResolutionMinutes: 240, WarnPercent: 75},
	{ID: 6, Name: "VIP", Segment: "vip", FirstResponseMinutes: 120, NextResponseMinutes: 240, ResolutionMinutes: 1440, WarnPercent: 80},
}

func TestMatchMostSpecificWins(t *testing.T) {
	policies := append(shipped,
		Policy{ID: 7, Name: "VIP 3 urgent", Segment: "vip3", Priority: "urgent", FirstResponseMinutes: 5},
		Policy{ID: 8, Name: "Tier 3 email", Tier: 3, Channel: "email", FirstResponseMinutes: 30},
	)
	cases := []struct {
		name string
		s    Subject
		want string
	}{
		{"plain email", Subject{Priority: "normal", ProductArea: "spot", Tier: 1, Channel: "email"}, "General questions"},
		{"chat", Subject{Priority: "normal", ProductArea: "spot", Tier: 1, Channel: "chat"}, "Chat"},
		{"urgent chat: priority outranks channel", Subject{Priority: "urgent", ProductArea: "spot", Tier: 1, Channel: "chat"}, "Urgent"},
		{"urgent security: two criteria beat one", Subject{Priority: "urgent", ProductArea: "account_security", Tier: 1, Channel: "chat"}, "Urgent security"},
		{"vip of any level", Subject{Priority: "normal", ProductArea: "spot", Tier: 1, Channel: "email", Segment: "vip2"}, "VIP"},
		{"vip3 urgent", Subject{Priority: "urgent", ProductArea: "kyc", Tier: 1, Channel: "email", Segment: "vip3"}, "VIP 3 urgent"},
		{"vip3 urgent security: product area outranks segment", Subject{Priority: "urgent", ProductArea: "account_security", Tier: 1, Channel: "email", Segment: "vip3"}, "Urgent security"},
		{"tier 3 email", Subject{Priority: "low", ProductArea: "other", Tier: 3, Channel: "email"}, "Tier 3 email"},
	}
	for _, c := range cases {
		got, ok := Match(policies, c.s)
		if !ok || got.Name != c.want {
			t.Errorf("%s: Match = %q, %v; want %q", c.name, got.Name, ok, c.want)
		}
	}
	if _, ok := Match(shipped[1:2], Subject{Channel: "email"}); ok {
		t.Error("a chat-only policy matched an e-mail ticket")
	}
}

func TestSegment(t *testing.T) {
	cases := map[string][]string{"": {"kyc", "vipish", "vip0"}, "vip": {"VIP", "refund"}, "vip3": {"vip", "VIP-3", "vip_2"}}
	for want, tags := range cases {
		if got := Segment(tags); got != want {
			t.Errorf("Segment(%v) = %q, want %q", tags, got, want)
		}
	}
}

func TestPolicyInputRefused(t *testing.T) {
	ok := Policy{Name: "x", FirstResponseMinutes: 10}
	cases := []struct {
		edit  func(*Policy)
		field string
	}{
		{func(p *Policy) { p.Name = " " }, "name"},
		{func(p *Policy) { p.Priority = "critical" }, "priority"},
		{func(p *Policy) { p.ProductArea = "nft" }, "product_area"},
		{func(p *Policy) { p.Tier = 4 }, "tier"},
		{func(p *Policy) { p.Channel = "fax" }, "channel"},
		{func(p *Policy) { p.Segment = "whale" }, "segment"},
		{func(p *Policy) { p.WarnPercent = 100 }, "warn_percent"},
		{func(p *Policy) { p.ResolutionMinutes = -1 }, "resolution_minutes"},
		{func(p *Policy) { p.FirstResponseMinutes = 0 }, "first_response_minutes"},
	}
	for i, c := range cases {
		p := ok
		c.edit(&p)
		if got := fieldOf(p.validate()); got != c.field {
			t.Errorf("case %d: validate error on %q, want %q", i, got, c.field)
		}
	}
	if err := ok.validate(); err != nil || ok.WarnPercent != 80 {
		t.Errorf("valid policy: %v, warn %d", err, ok.WarnPercent)
	}
}

func TestParseMinutes(t *testing.T) {
	good := map[string]int{"": 0, "90": 90, "15m": 15, "4h": 240, "1d": 1440, "1h30m": 90, "2d 4h": 3120, " 5M ": 5}
	for in, want := range good {
		if got, err := ParseMinutes(in); err != nil || got != want {
			t.Errorf("ParseMinutes(%q) = %d, %v; want %d", in, got, err, want)
		}
		if want > 0 {
			if back, _ := ParseMinutes(FormatMinutes(want)); back != want {
				t.Errorf("FormatMinutes(%d) = %q does not read back", want, FormatMinutes(want))
			}
		}
	}
	for _, in := range []string{"4x", "h", "-5", "1.5h", "999999999d", "400d", "4h5"} {
		if _, err := ParseMinutes(in); fieldOf(err) != "target" {
			t.Errorf("ParseMinutes(%q) = %v, want an error on target", in, err)
		}
	}
}

func FuzzParseMinutes(f *testing.F) {
	for _, s := range []string{"4h", "15m", "1d2h30m", "90", "", "-1", "9999999999h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		m, err := ParseMinutes(text)
		if err != nil {
			return
		}
		if m < 0 || m > maxTargetMinutes {
			t.Fatalf("%q = %d minutes, out of range", text, m)
		}
		if back, err := ParseMinutes(FormatMinutes(m)); err != nil || back != m {
			t.Fatalf("%q = %d; FormatMinutes %q reads back as %d, %v", text, m, FormatMinutes(m), back, err)
		}
	})
}

func TestLevelSegment(t *testing.T) {
	for level, want := range map[int]string{-1: "", 0: "", 1: "vip1", 3: "vip3", 9: "vip9", 12: "vip9"} {
		if got := LevelSegment(level); got != want {
			t.Errorf("LevelSegment(%d) = %q, want %q", level, got, want)
		}
	}
}
