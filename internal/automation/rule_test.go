package automation

import (
	"strings"
	"testing"
)

func TestParseRefusesBadRules(t *testing.T) {
	for _, c := range []struct{ js, want string }{
		{`{}`, "name"},
		{`{"name":"x","when":{"event":"nope"},"then":[{"type":"add_tags","values":["a"]}]}`, "when.event"},
		{`{"name":"x","when":{"event":"ticket.created"},"then":[]}`, "actions"},
		{`{"name":"x","when":{"event":"ticket.created"},"then":[{"type":"explode"}]}`, "type"},
		{`{"name":"x","when":{"event":"ticket.created"},"then":[{"type":"set_priority","value":"meh"}]}`, "value"},
		{`{"name":"x","when":{"event":"time.no_customer_reply"},"then":[{"type":"set_status","value":"solved"}]}`, "hours"},
		{`{"name":"x","when":{"event":"ticket.created","hours":3},"then":[{"type":"set_status","value":"solved"}]}`, "hours"},
		{`{"name":"x","when":{"event":"ticket.created"},"if":[{"field":"text","op":"matches","values":["(unclosed"]}],"then":[{"type":"add_tags","values":["a"]}]}`, "pattern"},
		{`{"name":"x","when":{"event":"ticket.created"},"if":[{"field":"password","op":"is","values":["a"]}],"then":[{"type":"add_tags","values":["a"]}]}`, "unknown field"},
		{`{"name":"x","when":{"event":"ticket.created"},"then":[{"type":"webhook","url":"file:///etc/passwd","secret":"0123456789abcdef"}]}`, "http or https"},
		{`{"name":"x","when":{"event":"ticket.created"},"then":[{"type":"webhook","url":"https://u:p@example.com/","secret":"0123456789abcdef"}]}`, "http or https"},
		{`{"name":"x","when":{"event":"ticket.created"},"then":[{"type":"escalate","tier":7}]}`, "tier"},
		{`{"name":"x","when":{"event":"ticket.created"},"then":[{"type":"notify","value":"everyone"}]}`, "notify"},
		{`{"name":"x","when":{"event":"ticket.created"},"then":[{"type":"add_tags","values":["a"]}],"extra":1}`, "unknown field"},
		{`{"name":"x","when":{"event":"ticket.created"},"then":[{"type":"add_tags","values":["a"]}]} {}`, "after the JSON object"},
	} {
		_, err := Parse([]byte(c.js))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error naming %q", c.js, err, c.want)
		}
	}
	for _, r := range DemoRules() {
		if err := r.Validate(); err != nil {
			t.Errorf("demo rule %q: %v", r.Name, err)
		}
	}
	if err := Check(DemoRules()); err != nil {
		t.Errorf("demo rules: %v", err)
	}
}

// Keywords are matched on folded text: full-width letters and capitals.
func TestKeywordsFold(t *testing.T) {
	r := DemoRules()[0]
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]bool{"ＨＡＣＫＥＤ!!": true, "GeHaCkT": true, "all good thanks": false, "hackathon prize?": false} {
		if got := r.Matches(Facts{Text: text}); got != want {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, r := range DemoRules() {
		b, _ := jsonRule(r)
		f.Add(b)
	}
	f.Add([]byte(`{"name":"x","when":{"event":"ticket.created"},"if":[{"field":"text","op":"matches","values":["a+b"]}],"then":[{"type":"add_tags","values":["a"]}]}`))
	f.Add([]byte(`{"name":"","when":{}}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(data)
		if err != nil {
			return
		}
		// A rule that parsed validates again, survives a round trip, and
		// can be matched and checked without panicking.
		if err := r.Validate(); err != nil {
			t.Fatalf("parsed rule fails validation: %v", err)
		}
		b, err := jsonRule(r)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(b); err != nil {
			t.Fatalf("round trip: %v\n%s", err, b)
		}
		r.Matches(Facts{Text: string(data)})
		_ = Check([]Rule{r, r})
	})
}
