package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestTimelineKeepsEachSampleWithItsSend: a slow sample is only useful
// beside the moment it was sent, so the file pairs them before the report
// sorts the latencies.
func TestTimelineKeepsEachSampleWithItsSend(t *testing.T) {
	at := time.UnixMicro(1_700_000_000_000_000)
	r := &widgetRun{live: newArrivals(), page: newArrivals()}
	r.acks, r.ackFrom = []time.Duration{30 * time.Millisecond, 2 * time.Millisecond}, []time.Time{at, at.Add(time.Second)}
	r.page.acked(7, at)
	r.page.arrived(7, at.Add(250*time.Millisecond))
	r.live.arrived(8, at.Add(5*time.Millisecond)) // seen before its ack
	r.live.acked(8, at.Add(time.Millisecond))
	path := filepath.Join(t.TempDir(), "timeline.txt")
	if err := r.writeTimeline(path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "ack 1700000000000000 30000\n" +
		"ack 1700000001000000 2000\n" +
		"live 1700000000001000 4000\n" +
		"page 1700000000000000 250000\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("timeline (-want +got):\n%s", diff)
	}
}
