package sla

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Target names one promise a policy makes.
type Target string

const (
	FirstResponse Target = "first_response"
	NextResponse  Target = "next_response"
	Resolution    Target = "resolution"
)

// Targets lists them in the order pages show them.
var Targets = []Target{FirstResponse, NextResponse, Resolution}

// Policy sets targets for the tickets its criteria match. An empty
// criterion (tier 0) matches anything; among the policies that match a
// ticket the most specific wins (see Match).
type Policy struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Priority    string `json:"priority"`     // "" or a ticket priority
	ProductArea string `json:"product_area"` // "" or a ticket product area
	Tier        int    `json:"tier"`         // 0 or 1-3
	Channel     string `json:"channel"`      // "" or a ticket channel
	Segment     string `json:"segment"`      // "" or a customer segment ("vip", "vip2"; see Segment)
	// Targets in business minutes of the calendar; 0: no target.
	FirstResponseMinutes int    `json:"first_response_minutes"`
	NextResponseMinutes  int    `json:"next_response_minutes"`
	ResolutionMinutes    int    `json:"resolution_minutes"`
	WarnPercent          int    `json:"warn_percent"` // warn when this share of a target has run, 1-99
	CalendarID           *int64 `json:"calendar_id"`  // nil: the team's calendar, else 24/7
	// RunWhilePending keeps the clocks running while the ticket waits on
	// the customer; by default they pause.
	RunWhilePending bool `json:"run_while_pending"`
}

// Budget is the policy's target for t, 0 when it sets none.
func (p Policy) Budget(t Target) time.Duration {
	switch t {
	case FirstResponse:
		return time.Duration(p.FirstResponseMinutes) * time.Minute
	case NextResponse:
		return time.Duration(p.NextResponseMinutes) * time.Minute
	case Resolution:
		return time.Duration(p.ResolutionMinutes) * time.Minute
	}
	return 0
}

// maxTargetMinutes is a year: a longer promise is a typo.
const maxTargetMinutes = 366 * 24 * 60

// validate checks a policy from an admin; it is the one check of its input.
func (p *Policy) validate() error {
	p.Name = strings.TrimSpace(p.Name)
	p.Segment = strings.ToLower(strings.TrimSpace(p.Segment))
	switch {
	case p.Name == "" || len(p.Name) > 200:
		return errs.Field("name", "name is required and at most 200 bytes")
	case p.Priority != "" && !slices.Contains(ticket.Priorities, ticket.Priority(p.Priority)):
		return errs.Field("priority", "priority must be empty or one of %v", ticket.Priorities)
	case p.ProductArea != "" && !slices.Contains(ticket.ProductAreas, p.ProductArea):
		return errs.Field("product_area", "product_area must be empty or one of %v", ticket.ProductAreas)
	case p.Tier < 0 || p.Tier > 3:
		return errs.Field("tier", "tier must be 0 (any) or 1-3")
	case p.Channel != "" && !slices.Contains(ticket.Channels, p.Channel):
		return errs.Field("channel", "channel must be empty or one of %v", ticket.Channels)
	case p.Segment != "" && !validSegment(p.Segment):
		return errs.Field("segment", "segment must be empty, \"vip\" or \"vip\" and a level 1-9")
	case p.WarnPercent == 0:
		p.WarnPercent = 80
	}
	if p.WarnPercent < 1 || p.WarnPercent > 99 {
		return errs.Field("warn_percent", "warn_percent must be 1-99")
	}
	for field, m := range map[string]int{"first_response_minutes": p.FirstResponseMinutes,
		"next_response_minutes": p.NextResponseMinutes, "resolution_minutes": p.ResolutionMinutes} {
		if m < 0 || m > maxTargetMinutes {
			return errs.Field(field, "%s must be 0 (no target) to %d", field, maxTargetMinutes)
		}
	}
	if p.FirstResponseMinutes == 0 && p.NextResponseMinutes == 0 && p.ResolutionMinutes == 0 {
		return errs.Field("first_response_minutes", "a policy needs at least one target")
	}
	return nil
}

func validSegment(s string) bool {
	return s == "vip" || (len(s) == 4 && strings.HasPrefix(s, "vip") && s[3] >= '1' && s[3] <= '9')
}

// Subject is what policies match on: the ticket's fields as they are now.
type Subject struct {
	Priority    string
	ProductArea string
	Tier        int
	Channel     string
	Segment     string // "" for a customer of no segment
	TeamID      *int64
}

// Segment is the customer segment a ticket's tags name: a tag "vip" or
// "vip1" to "vip9" ("vip-2", "VIP_2" too), the highest level when several;
// "" when none. Exchanges tag their VIP customers' tickets this way at
// intake; a policy for "vip" matches every level.
func Segment(tags []string) string {
	best := ""
	for _, tag := range tags {
		s := strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(tag))
		if validSegment(s) && s > best {
			best = s
		}
	}
	return best
}

// LevelSegment is the segment of a customer's VIP level as the exchange
// reports it (customers.vip_level, which routing reads too): "vip1" to
// "vip9", "" for level 0. The ticket's segment is the higher of this and
// its tags', so routing and the SLA read one customer the same way.
func LevelSegment(level int) string {
	if level <= 0 {
		return ""
	}
	return "vip" + strconv.Itoa(min(level, 9))
}

// score says how well p matches s: -1 when it does not, else higher for
// a more specific policy. Each criterion set counts 32 (so two criteria
// beat one), and among policies with as many criteria priority outranks
// product area, then segment, tier and channel.
func (p Policy) score(s Subject) int {
	score := 0
	check := func(set, match bool, weight int) bool {
		if !set {
			return true
		}
		if !match {
			return false
		}
		score += 32 + weight
		return true
	}
	segMatch := p.Segment == s.Segment || (p.Segment == "vip" && strings.HasPrefix(s.Segment, "vip"))
	if !check(p.Priority != "", p.Priority == s.Priority, 16) ||
		!check(p.ProductArea != "", p.ProductArea == s.ProductArea, 8) ||
		!check(p.Segment != "", segMatch, 4) ||
		!check(p.Tier != 0, p.Tier == s.Tier, 2) ||
		!check(p.Channel != "", p.Channel == s.Channel, 1) {
		return -1
	}
	if p.Segment != "" && p.Segment == s.Segment {
		score++ // "vip2" over "vip" for a vip2 customer
	}
	return score
}

// Match returns the most specific of policies that matches s (the lowest
// id on a tie), and false when none does.
func Match(policies []Policy, s Subject) (Policy, bool) {
	best, bestScore := Policy{}, -1
	for _, p := range policies {
		sc := p.score(s)
		if sc > bestScore || (sc == bestScore && sc >= 0 && p.ID < best.ID) {
			best, bestScore = p, sc
		}
	}
	return best, bestScore >= 0
}

// ParseMinutes reads a target as an admin types it: "90" (minutes), "15m",
// "4h", "1d", "1h30m", "2d 4h"; "" or "0" for no target.
func ParseMinutes(text string) (int, error) {
	text = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(text), " ", ""))
	if text == "" {
		return 0, nil
	}
	if n, err := strconv.Atoi(text); err == nil {
		if n < 0 || n > maxTargetMinutes {
			return 0, errs.Field("target", "%d minutes is out of range (0 to %d)", n, maxTargetMinutes)
		}
		return n, nil
	}
	if len(text) > 40 {
		return 0, errs.Field("target", "%q is not a duration like 15m, 4h or 1d", text)
	}
	total, digits, units := 0, "", 0
	for _, r := range text {
		if r >= '0' && r <= '9' {
			digits += string(r)
			continue
		}
		unit := map[rune]int{'m': 1, 'h': 60, 'd': 24 * 60}[r]
		n, err := strconv.Atoi(digits)
		if unit == 0 || err != nil || len(digits) > 6 {
			return 0, errs.Field("target", "%q is not a duration like 15m, 4h or 1d", text)
		}
		total += n * unit
		digits = ""
		units++
	}
	if digits != "" || units == 0 || total > maxTargetMinutes {
		return 0, errs.Field("target", "%q is not a duration like 15m, 4h or 1d (at most a year)", text)
	}
	return total, nil
}

// FormatMinutes writes minutes the way ParseMinutes reads them.
func FormatMinutes(m int) string {
	if m == 0 {
		return ""
	}
	var b strings.Builder
	for _, u := range []struct {
		n    int
		name string
	}{{24 * 60, "d"}, {60, "h"}, {1, "m"}} {
		if m >= u.n {
			b.WriteString(strconv.Itoa(m/u.n) + u.name)
			m %= u.n
		}
	}
	return b.String()
}
