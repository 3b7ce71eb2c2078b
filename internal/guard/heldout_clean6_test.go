package guard

import (
	"encoding/json"
	"os"
	"testing"
)

// TestHeldOutClean6 runs the sixth held-out set's clean look-alikes
// (testdata/eval6/inbound_clean6.json: prose dense in list words, twelve-
// item lists, public data, all-hanzi Chinese sentences, written without
// reading the guard) as conversations; nothing in them may be redacted.
// Measured once, on 2026-12-05: 4 of 57 redacted (a 12-step numbered list
// of what the customer did, a Chinese sentence of list hanzi saying the
// words stay on paper, a 64-hex hash labelled as such read as a private
// key, a 12-word spelling list with eight list words in a row).
func TestHeldOutClean6(t *testing.T) {
	heldOutClean(t, "testdata/eval6/inbound_clean6.json", maxClean6Redacted)
}

// TestHeldOutClean16 runs the clean look-alikes of the sixteenth paste set
// (testdata/paste16/inbound_clean16.json: 90 customer messages in the 17
// languages, written blind: prose dense in list words, lists of twelve
// things, numbered steps, public data, xpubs for an accountant).
// Measured once, on 2026-12-07: 2 of 90 redacted, both English lists of twelve
// BIP-39 words (a spelling list, a grocery list).
func TestHeldOutClean16(t *testing.T) {
	heldOutClean(t, "testdata/paste16/inbound_clean16.json", maxClean16Redacted)
}

// TestHeldOutClean17 runs the clean look-alikes of the seventeenth paste
// set (testdata/paste17/inbound_clean17.json: 110 customer messages in the
// 17 languages, written blind: app menus, shopping and spelling lists,
// numbered steps, public data). Measured once, on 2026-12-07 at e582bd4: 7
// of 110 redacted, each a run of twelve words of one BIP-39 list with no
// valid checksum, which the scan cuts on purpose (a phrase with a wrong
// word still in the list fails its checksum): an English wallet menu
// pasted in English, Vietnamese and Ukrainian messages, three English and
// one Spanish shopping or spelling lists.
func TestHeldOutClean17(t *testing.T) {
	heldOutClean(t, "testdata/paste17/inbound_clean17.json", maxClean17Redacted)
}

// heldOutClean scans each case's messages as one conversation and fails
// when more cases than max have anything redacted.
func heldOutClean(t *testing.T, path string, max int) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		ID       string   `json:"id"`
		HTML     bool     `json:"html"`
		Messages []string `json:"messages"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	redacted := 0
	for _, c := range cases {
		texts := c.Messages
		if c.HTML {
			texts = make([]string, len(c.Messages))
			for i, m := range c.Messages {
				texts[i] = VisibleText(m)
			}
		}
		_, kinds := talk(t, sharedDetector, texts)
		for i, k := range kinds {
			if len(k) > 0 {
				redacted++
				t.Logf("%s/%d: redacted %v %q", c.ID, i, k, texts[i])
				break
			}
		}
	}
	t.Logf("clean look-alikes: %d of %d cases redacted", redacted, len(cases))
	if redacted > max {
		t.Errorf("%d of %d clean cases redacted; the one measurement found %d", redacted, len(cases), max)
	}
}

// maxClean6Redacted, maxClean16Redacted and maxClean17Redacted are what each set's one
// measurement found.
const (
	maxClean6Redacted  = 4
	maxClean16Redacted = 2
	maxClean17Redacted = 7
)
