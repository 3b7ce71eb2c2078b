package diagnose

import "testing"

func TestTitle(t *testing.T) {
	for _, c := range []struct{ lang, verdict, want string }{
		{"en", MissingMemo, "Memo or tag missing"},
		{"de", MissingMemo, "Memo bzw. Tag fehlt"},
		{" DE ", WrongNetwork, "Über ein anderes Netzwerk gesendet"},
		{"xx", BelowMinimum, "Below the minimum deposit"},
		{"de", "no_such_verdict", ""},
		{"en", "", ""},
	} {
		if got := Title(c.lang, c.verdict); got != c.want {
			t.Errorf("Title(%q, %q) = %q, want %q", c.lang, c.verdict, got, c.want)
		}
	}
}
