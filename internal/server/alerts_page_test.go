package server

import (
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
)

// TestAlertsPageEmptyState: an agent with no alerts reads one sentence,
// not a table's column heads run together above it (as on a phone).
func TestAlertsPageEmptyState(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		_, tier1 := ta.agentToken(auth.Tier1)
		status, page := ta.page(tier1, "/workforce/alerts")
		if status != 200 || !strings.Contains(page, `id="no-alerts"`) || strings.Contains(page, `id="alert-list"`) {
			t.Errorf("/workforce/alerts without alerts: %d, want the empty sentence and no table", status)
		}
	})
}
