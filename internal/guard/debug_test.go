package guard

import (
	"os"
	"testing"
)

func TestDebugIntent(t *testing.T) {
	text := os.Getenv("MSG")
	if text == "" {
		t.Skip()
	}
	a := analyse(text)
	t.Logf("norm %q", a.n.Text)
	for _, m := range intentMatcher().find(a.n.Text) {
		t.Logf("match %d-%d cat=%d class=%d %q", m.start, m.end, m.e.cat, m.e.class, m.e.text)
	}
	a.decide(0)
	for _, c := range a.clauses {
		t.Logf("clause %q %+v", a.n.Text[c.start:c.end], c)
	}
	t.Logf("%+v", CheckOutbound(text, nil))
}
