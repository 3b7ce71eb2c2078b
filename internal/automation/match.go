package automation

import (
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Facts are what conditions read: the ticket and, for message triggers,
// the message's text.
type Facts struct {
	Ticket ticket.Ticket
	Text   string // the message (opened from its sealed body); "" for other triggers
}

// Matches reports whether every condition holds.
func (r *Rule) Matches(f Facts) bool {
	for i := range r.If {
		if !r.If[i].holds(f) {
			return false
		}
	}
	return true
}

// values returns what field reads on the ticket, lower-cased.
func (c *Condition) values(f Facts) []string {
	t := f.Ticket
	switch c.Field {
	case "status":
		return []string{string(t.Status)}
	case "priority":
		return []string{string(t.Priority)}
	case "channel":
		return []string{t.Channel}
	case "language":
		return []string{t.Language}
	case "product_area":
		return []string{t.ProductArea}
	case "tier":
		return []string{strconv.Itoa(t.Tier)}
	case "tags":
		return lowerAll(t.Tags)
	case "team_id":
		if t.TeamID == nil {
			return []string{""}
		}
		return []string{strconv.FormatInt(*t.TeamID, 10)}
	case "customer.language":
		return []string{t.Customer.Language}
	case "subject":
		return []string{fold(t.Subject)}
	case "text":
		return []string{fold(f.Text)}
	}
	if name, ok := strings.CutPrefix(c.Field, "custom."); ok {
		return []string{strings.ToLower(t.CustomFields[name])}
	}
	return nil
}

func (c *Condition) holds(f Facts) bool {
	got := c.values(f)
	switch c.Op {
	case "is":
		return anyEqual(got, c.Values)
	case "is_not":
		return !anyEqual(got, c.Values)
	case "contains":
		return anyContains(got, c.Values)
	case "not_contains":
		return !anyContains(got, c.Values)
	case "matches":
		for _, g := range got {
			if c.re != nil && c.re.MatchString(g) {
				return true
			}
		}
	}
	return false
}

func anyEqual(got, want []string) bool {
	for _, g := range got {
		for _, w := range want {
			if g == w {
				return true
			}
		}
	}
	return false
}

// anyContains: a keyword appears in a value. Keywords in scripts without
// spaces (Chinese, Japanese, Thai) can only be found as substrings, so all
// are; a keyword list should hold stems that are not parts of common words.
func anyContains(got, want []string) bool {
	for _, g := range got {
		for _, w := range want {
			if strings.Contains(g, fold(w)) {
				return true
			}
		}
	}
	return false
}

// fold makes text comparable: NFKC (full-width letters, ligatures) and
// lower case, so "ＨＡＣＫＥＤ" and "Hacked" both contain "hacked".
func fold(s string) string {
	return strings.ToLower(norm.NFKC.String(s))
}

func lowerAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ToLower(x)
	}
	return out
}
