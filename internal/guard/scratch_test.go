package guard

import (
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// scratchTexts mix lengths, scripts and secrets, so that a scan after
// another inherits buffers longer or shorter than it needs.
func scratchTexts() []string {
	long := strings.Repeat("My deposit of 250 USDT has not arrived since yesterday, please check. ", 40)
	return append(typicalMessages(),
		long,
		"abandon ability able about above absent absorb abstract absurd abuse access accident",
		"ok",
		"私の入金がまだ届いていません。確認してください。",
		long+"abandon ability able about above absent absorb abstract absurd abuse access accident",
		"password: Hunter2-Correct!",
	)
}

// TestScanScratchLeavesNoTrace checks that a scan whose buffers come from
// earlier scans (in any order) finds exactly what a scan with fresh
// buffers finds.
func TestScanScratchLeavesNoTrace(t *testing.T) {
	texts := scratchTexts()
	want := make([]Result, len(texts))
	for i, text := range texts {
		want[i] = NewDetector().ScanNext(&Conversation{}, text)
	}
	d := NewDetector()
	for round := range 3 {
		for k := range texts {
			i := (k*7 + round) % len(texts) // another neighbour each round
			got := d.ScanNext(&Conversation{}, texts[i])
			if diff := cmp.Diff(want[i], got, cmp.AllowUnexported(Result{})); diff != "" {
				t.Fatalf("round %d, text %d after reused buffers (-fresh +reused):\n%s", round, i, diff)
			}
			if fs := d.scan(texts[i]); !cmp.Equal(fs, NewDetector().scan(texts[i]), cmp.AllowUnexported(Finding{})) {
				t.Fatalf("round %d, text %d: Scan differs after reused buffers", round, i)
			}
		}
	}
}

// TestScanScratchConcurrent scans from many goroutines on one Detector:
// the race detector sees any buffer shared by two scans.
func TestScanScratchConcurrent(t *testing.T) {
	d := NewDetector()
	texts := scratchTexts()
	want := make([]Result, len(texts))
	for i, text := range texts {
		want[i] = NewDetector().ScanNext(&Conversation{}, text)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(texts))
	for g := range 4 {
		wg.Go(func() {
			for k := range texts {
				i := (k + g) % len(texts)
				if got := d.ScanNext(&Conversation{}, texts[i]); !cmp.Equal(want[i], got, cmp.AllowUnexported(Result{})) {
					errs <- texts[i]
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for text := range errs {
		t.Errorf("a concurrent scan of %.40q differs from a lone one", text)
	}
}
