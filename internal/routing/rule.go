package routing

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// A rule is conditions separated by spaces, all of which must hold:
//
//	area=futures language=tr tier=1
//	specialist=security
//	channel=chat,email vip>=2 verification>=1 keyword="stolen funds",hack
//
// A condition is a field, "=" and a comma-separated list of values (any of
// which matches), or for the numeric fields (tier, vip, verification) ">="
// and one number. Values with spaces or commas are double-quoted. Keywords
// match case-insensitively anywhere in the subject or first message.

// Field names of rule conditions.
const (
	FieldArea         = "area"
	FieldLanguage     = "language"
	FieldTier         = "tier"
	FieldChannel      = "channel"
	FieldVIP          = "vip"
	FieldVerification = "verification"
	FieldIntent       = "intent"
	FieldKeyword      = "keyword"
	FieldSpecialist   = "specialist"
)

// Specialists are the teams a ticket can be escalated to beside the tiers.
var Specialists = []string{"security", "recovery"}

var ruleFields = []string{FieldArea, FieldLanguage, FieldTier, FieldChannel, FieldVIP, FieldVerification, FieldIntent, FieldKeyword, FieldSpecialist}

// Limits on rules.
const (
	MaxRule       = 2000
	maxValues     = 50
	maxValueBytes = 100
)

// Cond is one condition of a rule.
type Cond struct {
	Field   string
	AtLeast bool // ">=": Values holds one number
	Values  []string
}

// Rule is a parsed rule; an empty rule matches every ticket.
type Rule struct{ Conds []Cond }

// Facts are what a rule is matched against.
type Facts struct {
	Area         string
	Language     string
	Tier         int
	Channel      string
	VIP          int
	Verification int
	Intent       string
	Specialist   string
	Text         string // subject and first message, for keywords
}

// ParseRule reads a rule; errors name the part that is wrong.
func ParseRule(s string) (Rule, error) {
	if len(s) > MaxRule {
		return Rule{}, errs.Field("rule", "a rule is at most %d bytes", MaxRule)
	}
	if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		return Rule{}, errs.Field("rule", "the rule is not valid UTF-8 text")
	}
	var r Rule
	rest := strings.TrimSpace(s)
	for rest != "" {
		c, tail, err := parseCond(rest)
		if err != nil {
			return Rule{}, err
		}
		if slices.ContainsFunc(r.Conds, func(o Cond) bool { return o.Field == c.Field }) {
			return Rule{}, errs.Field("rule", "%s appears twice; list its values after one %s=", c.Field, c.Field)
		}
		r.Conds = append(r.Conds, c)
		rest = strings.TrimLeftFunc(tail, unicode.IsSpace)
	}
	return r, nil
}

func parseCond(s string) (Cond, string, error) {
	i := strings.IndexAny(s, "=>")
	if i <= 0 {
		return Cond{}, "", errs.Field("rule", "expected field=value at %q", clip(s))
	}
	c := Cond{Field: strings.ToLower(s[:i])}
	if !slices.Contains(ruleFields, c.Field) {
		return Cond{}, "", errs.Field("rule", "unknown field %q (fields: %s)", clip(s[:i]), strings.Join(ruleFields, ", "))
	}
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, ">="):
		c.AtLeast, rest = true, rest[2:]
	case rest[0] == '=':
		rest = rest[1:]
	default:
		return Cond{}, "", errs.Field("rule", "expected = or >= after %s", c.Field)
	}
	vals, tail, err := parseValues(rest)
	if err != nil {
		return Cond{}, "", fmt.Errorf("%s: %w", c.Field, err)
	}
	c.Values = vals
	return c, tail, checkCond(c)
}

// parseValues reads value[,value...] up to the next unquoted space.
func parseValues(s string) ([]string, string, error) {
	var vals []string
	for {
		var v string
		if strings.HasPrefix(s, `"`) {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return nil, "", errs.Field("rule", "a quoted value is not closed")
			}
			v, s = s[1:1+end], s[2+end:]
		} else {
			end := strings.IndexFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) || r == '"' })
			if end < 0 {
				end = len(s)
			}
			v, s = s[:end], s[end:]
		}
		v = strings.TrimSpace(v)
		if v == "" {
			return nil, "", errs.Field("rule", "an empty value")
		}
		if len(v) > maxValueBytes {
			return nil, "", errs.Field("rule", "a value is longer than %d bytes", maxValueBytes)
		}
		vals = append(vals, v)
		if len(vals) > maxValues {
			return nil, "", errs.Field("rule", "more than %d values", maxValues)
		}
		if !strings.HasPrefix(s, ",") {
			break
		}
		s = s[1:]
	}
	if s != "" && !unicode.IsSpace(rune(s[0])) {
		return nil, "", errs.Field("rule", "expected a space or a comma before %q", clip(s))
	}
	return vals, s, nil
}

func checkCond(c Cond) error {
	numeric := c.Field == FieldTier || c.Field == FieldVIP || c.Field == FieldVerification
	if c.AtLeast && !numeric {
		return errs.Field("rule", ">= works on tier, vip and verification, not %s", c.Field)
	}
	if c.AtLeast && len(c.Values) != 1 {
		return errs.Field("rule", "%s>= takes one number", c.Field)
	}
	for i, v := range c.Values {
		if c.Field != FieldKeyword && c.Field != FieldIntent {
			v = strings.ToLower(v)
			c.Values[i] = v
		}
		var allowed []string
		switch c.Field {
		case FieldArea:
			allowed = ticket.ProductAreas
		case FieldLanguage:
			allowed = ticket.Languages
		case FieldChannel:
			allowed = ticket.Channels
		case FieldSpecialist:
			allowed = Specialists
		case FieldTier, FieldVIP, FieldVerification:
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 10 || (c.Field == FieldTier && (n < 1 || n > 3)) {
				return errs.Field("rule", "%s takes a number (tier 1-3, vip and verification 0-10), not %q", c.Field, clip(v))
			}
			c.Values[i] = strconv.Itoa(n)
		}
		if allowed != nil && !slices.Contains(allowed, v) {
			return errs.Field("rule", "%s %q is not one of %s", c.Field, clip(v), strings.Join(allowed, ", "))
		}
	}
	return nil
}

func clip(s string) string {
	if len(s) > 40 {
		for i := 40; i > 0; i-- {
			if utf8.RuneStart(s[i]) {
				return s[:i] + "…"
			}
		}
	}
	return s
}

// String writes the rule back in the form ParseRule reads.
func (r Rule) String() string {
	parts := make([]string, len(r.Conds))
	for i, c := range r.Conds {
		op := "="
		if c.AtLeast {
			op = ">="
		}
		vals := make([]string, len(c.Values))
		for j, v := range c.Values {
			if strings.ContainsAny(v, " ,\t\n\r\"=>") || strings.IndexFunc(v, unicode.IsSpace) >= 0 {
				v = `"` + v + `"`
			}
			vals[j] = v
		}
		parts[i] = c.Field + op + strings.Join(vals, ",")
	}
	return strings.Join(parts, " ")
}

// Match reports whether f meets every condition, and what matched, in
// words for the ticket's reason ("area futures", "keyword \"hack\"").
func (r Rule) Match(f Facts) (bool, []string) {
	var why []string
	for _, c := range r.Conds {
		ok, what := c.match(f)
		if !ok {
			return false, nil
		}
		why = append(why, what)
	}
	return true, why
}

func (c Cond) match(f Facts) (bool, string) {
	num := map[string]int{FieldTier: f.Tier, FieldVIP: f.VIP, FieldVerification: f.Verification}
	if n, ok := num[c.Field]; ok {
		want, _ := strconv.Atoi(c.Values[0])
		if c.AtLeast {
			return n >= want, fmt.Sprintf("%s %d ≥ %d", c.Field, n, want)
		}
		return slices.Contains(c.Values, strconv.Itoa(n)), fmt.Sprintf("%s %d", c.Field, n)
	}
	if c.Field == FieldKeyword {
		text := strings.ToLower(f.Text)
		for _, v := range c.Values {
			if strings.Contains(text, strings.ToLower(v)) {
				return true, fmt.Sprintf("keyword %q", v)
			}
		}
		return false, ""
	}
	have := map[string]string{FieldArea: f.Area, FieldLanguage: f.Language, FieldChannel: f.Channel, FieldIntent: f.Intent, FieldSpecialist: f.Specialist}[c.Field]
	return have != "" && slices.Contains(c.Values, have), c.Field + " " + have
}
