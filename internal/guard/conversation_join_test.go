package guard

import (
	"slices"
	"testing"
)

// TestJoin: a phrase spread over two conversations' texts is found once
// their states are joined, and cut in the texts of both; an empty side
// leaves the other as it was.
func TestJoin(t *testing.T) {
	d := NewDetector()
	var earlier, later Conversation
	d.ScanNext(&earlier, "letter advice cage")
	d.ScanNext(&later, "absurd amount doctor")
	later.Bind(2)
	j := Join(earlier, 1, later)
	res := d.ScanNext(&j, "acoustic avoid letter advice cage above")
	if len(res.Kinds) == 0 {
		t.Fatalf("the joined phrase was not found: %+v", res)
	}
	var refs []int64
	for _, c := range res.Cuts {
		refs = append(refs, c.Ref)
	}
	if !slices.Contains(refs, 1) || !slices.Contains(refs, 2) {
		t.Errorf("cuts in texts %v, want in 1 and 2", refs)
	}
	if got := Join(Conversation{}, 1, later); got.Words() != later.Words() {
		t.Errorf("an empty earlier state: %d words, want %d", got.Words(), later.Words())
	}
	if got := Join(earlier, 1, Conversation{}); got.Words() != earlier.Words() {
		t.Errorf("an empty later state: %d words, want %d", got.Words(), earlier.Words())
	}
}
