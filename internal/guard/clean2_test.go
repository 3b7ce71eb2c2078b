package guard

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// TestCleanConversations2 scans the second clean corpus
// (testdata/clean2, written with the sparse joins: long chats in eight
// languages full of words that are also list words, numbered steps and
// messages, one- and two-word answers, HTML e-mails with lists and
// tables), each text with its conversation's state. Its rate is reported
// apart from the first corpus's in BENCHMARKS.md.
func TestCleanConversations2(t *testing.T) {
	f, err := os.Open("testdata/clean2/clean_conversations2.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	convs, texts, flagged := 0, 0, 0
	for sc.Scan() {
		var c struct {
			ID       string   `json:"id"`
			Messages []string `json:"messages"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		convs++
		_, kinds := talk(t, sharedDetector, c.Messages)
		for i, k := range kinds {
			texts++
			if len(k) > 0 {
				flagged++
				t.Logf("%s/%d: redacted %v %q", c.ID, i, k, c.Messages[i])
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if convs < 100 {
		t.Errorf("%d conversations, want 100 or more", convs)
	}
	rate := float64(flagged) / float64(texts) * 100
	t.Logf("second clean corpus: %d of %d texts in %d conversations redacted (%.3f%%)", flagged, texts, convs, rate)
	if rate >= 0.1 {
		t.Errorf("false-positive rate %.3f%%, want < 0.1%%", rate)
	}
}
