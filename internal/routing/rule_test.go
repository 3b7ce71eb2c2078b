package routing

import (
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
)

func TestParseRule(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"area=futures language=tr tier=1", "area=futures language=tr tier=1", ""},
		{"  AREA=Futures,spot   channel=chat ", "area=futures,spot channel=chat", ""},
		{`keyword="stolen funds",hack vip>=2`, `keyword="stolen funds",hack vip>=2`, ""},
		{"verification>=1 specialist=security intent=deposit_missing", "verification>=1 specialist=security intent=deposit_missing", ""},
		{"", "", ""},
		{"area=moon", "", "not one of"},
		{"colour=red", "", "unknown field"},
		{"area>=1", "", ">= works on"},
		{"tier=4", "", "takes a number"},
		{"tier=1 tier=2", "", "appears twice"},
		{`keyword="open`, "", "not closed"},
		{"area=", "", "empty value"},
		{"area=futures,", "", "empty value"},
		{"language", "", "expected field=value"},
		{`keyword=a"b"`, "", "expected a space"},
	} {
		r, err := ParseRule(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || errs.KindOf(err) != errs.Invalid {
				t.Errorf("ParseRule(%q) = %v, want an invalid error with %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || r.String() != c.want {
			t.Errorf("ParseRule(%q) = %q, %v; want %q", c.in, r.String(), err, c.want)
		}
	}
}

func TestRuleMatch(t *testing.T) {
	f := Facts{Area: "futures", Language: "tr", Tier: 1, Channel: "chat", VIP: 2, Verification: 1, Text: "Someone STOLE my funds"}
	for _, c := range []struct {
		rule string
		ok   bool
		why  string
	}{
		{"area=futures language=tr tier=1", true, "area futures, language tr, tier 1"},
		{"area=spot,futures", true, "area futures"},
		{"language=en", false, ""},
		{"vip>=2 verification>=2", false, ""},
		{"vip>=2", true, "vip 2 ≥ 2"},
		{`keyword=hack,"stole my"`, true, `keyword "stole my"`},
		{"specialist=security", false, ""},
		{"", true, ""},
	} {
		r, err := ParseRule(c.rule)
		if err != nil {
			t.Fatal(err)
		}
		ok, why := r.Match(f)
		if ok != c.ok || strings.Join(why, ", ") != c.why {
			t.Errorf("%q: %v %q, want %v %q", c.rule, ok, why, c.ok, c.why)
		}
	}
}

// FuzzParseRule: any text is refused with an invalid error or parsed into
// a rule that writes back to text parsing to the same rule.
func FuzzParseRule(f *testing.F) {
	for _, s := range []string{"area=futures language=tr tier=1", `keyword="stolen funds",hack vip>=2`, "specialist=security", "tier>=2 channel=chat,email",
		`keyword=","`, "area=futures\tlanguage=tr", "intent=x=y", `keyword="a b" keyword=c`, "vip>=10", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRule(s)
		if err != nil {
			if errs.KindOf(err) != errs.Invalid {
				t.Fatalf("ParseRule(%q): %v is not an invalid-input error", s, err)
			}
			return
		}
		again, err := ParseRule(r.String())
		if err != nil {
			t.Fatalf("ParseRule(%q).String() = %q does not parse: %v", s, r.String(), err)
		}
		if again.String() != r.String() {
			t.Fatalf("round trip %q -> %q -> %q", s, r.String(), again.String())
		}
		r.Match(Facts{Text: s, Tier: 1})
	})
}
