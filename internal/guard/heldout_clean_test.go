package guard

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestHeldOutCleanStaysClean scans the held-out clean data (support
// e-mails as HTML, customer conversations of 15–40 messages each scanned
// with its conversation's state): nothing in it may be redacted. It is a
// guard rail, not a set to tune on. knownFlagged are the texts the
// detector redacted before this test existed: they are reported, and any
// other is a failure.
var knownFlagged = map[string]string{
	"en_deposit_confirmed.html":        "a 64-hex TxID read as a private key",
	"ar-conv-01/5":                     "a 64-hex hash read as a private key",
	"en_security_tips_newsletter.html": "a glossary of twelve list words in a mail about seed phrases",
}

func TestHeldOutCleanStaysClean(t *testing.T) {
	mails, err := filepath.Glob("testdata/eval/clean_html_mails/*.html")
	if err != nil || len(mails) == 0 {
		t.Fatalf("clean mails: %v (%d)", err, len(mails))
	}
	flagged, texts := 0, 0
	for _, p := range mails {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts++
		if res := sharedDetector.ScanText(string(raw)); len(res.Kinds) > 0 {
			flagged++
			report(t, filepath.Base(p), res.Kinds, "")
		}
	}
	f, err := os.Open("testdata/eval/clean_conversations.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var c struct {
			ID       string   `json:"id"`
			Messages []string `json:"messages"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		_, kinds := talk(t, sharedDetector, c.Messages)
		for i, k := range kinds {
			texts++
			if len(k) > 0 {
				flagged++
				report(t, fmt.Sprintf("%s/%d", c.ID, i), k, c.Messages[i])
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("held-out clean data: %d of %d texts redacted (%d known before)", flagged, texts, len(knownFlagged))
}

func report(t *testing.T, name string, kinds []string, text string) {
	if why, ok := knownFlagged[name]; ok {
		t.Logf("%s: redacted %v (known: %s)", name, kinds, why)
		return
	}
	t.Errorf("%s: redacted %v %q", name, kinds, text)
}
