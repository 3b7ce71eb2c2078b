package workspace

import "testing"

// TestAudienceLabel: whom an alert was for reads as words on the alerts
// page, not as workforce's stored form ("oncall:Account Security").
func TestAudienceLabel(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"supervisor", "Supervisor"},
		{"admin", "Administrator"},
		{"team:Deposits EN", "Team Deposits EN"},
		{"oncall:Account Security", "On call for Account Security"},
		{"queue:General · English · Tier 1", "Managers of General · English · Tier 1"},
		{"odd:thing", "odd:thing"},
	} {
		if got := audienceLabel(c.in); got != c.want {
			t.Errorf("audienceLabel(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
