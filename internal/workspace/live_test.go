package workspace

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestPresenceBoard(t *testing.T) {
	b := newPresenceBoard()
	t0 := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	steps := []struct {
		name    string
		at      time.Duration
		signal  *presenceSignal
		changed bool
		want    []Viewer // as agent 1 sees ticket 7
	}{
		{"ana opens", 0, &presenceSignal{Page: "a1", AgentID: 2, Name: "Ana"}, true, []Viewer{{2, "Ana", false}}},
		{"self is not listed", 0, &presenceSignal{Page: "me", AgentID: 1, Name: "Me"}, true, []Viewer{{2, "Ana", false}}},
		{"ana in a second tab is one viewer", time.Second, &presenceSignal{Page: "a2", AgentID: 2, Name: "Ana"}, true, []Viewer{{2, "Ana", false}}},
		{"a heartbeat changes nothing shown", 2 * time.Second, &presenceSignal{Page: "a1", AgentID: 2, Name: "Ana"}, false, []Viewer{{2, "Ana", false}}},
		{"bo types", 3 * time.Second, &presenceSignal{Page: "b1", AgentID: 3, Name: "Bo", Typing: true}, true, []Viewer{{2, "Ana", false}, {3, "Bo", true}}},
		{"typing fades", 3*time.Second + typingTTL, nil, false, []Viewer{{2, "Ana", false}, {3, "Bo", false}}},
		{"ana's first tab closes", 10 * time.Second, &presenceSignal{Page: "a1", AgentID: 2, Left: true}, true, []Viewer{{2, "Ana", false}, {3, "Bo", false}}},
		{"unknown page leaving", 10 * time.Second, &presenceSignal{Page: "zz", AgentID: 9, Left: true}, false, []Viewer{{2, "Ana", false}, {3, "Bo", false}}},
		{"a dead node's pages expire", 3*time.Second + presenceTTL, nil, false, []Viewer{}},
	}
	for _, s := range steps {
		now := t0.Add(s.at)
		if s.signal != nil {
			if got := b.apply(7, *s.signal, now); got != s.changed {
				t.Errorf("%s: changed = %v, want %v", s.name, got, s.changed)
			}
		}
		if diff := cmp.Diff(s.want, b.list(7, 1, now)); diff != "" {
			t.Errorf("%s: viewers (-want +got):\n%s", s.name, diff)
		}
	}
	if got := b.list(8, 1, t0); len(got) != 0 {
		t.Errorf("another ticket shows %v", got)
	}
}
