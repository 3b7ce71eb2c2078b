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
	j := Join(earlier, 1, later, 2, nil)
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
	if got := Join(Conversation{}, 1, later, 2, nil); got.Words() != later.Words() {
		t.Errorf("an empty earlier state: %d words, want %d", got.Words(), later.Words())
	}
	if got := Join(earlier, 1, Conversation{}, 2, nil); got.Words() != earlier.Words() {
		t.Errorf("an empty later state: %d words, want %d", got.Words(), earlier.Words())
	}
}

// TestJoinFollowsTime: the visitor typed the first quarter of a phrase
// anonymously, the customer the second in another browser meanwhile, and
// after the sign-in a line and the last third come. The pieces stand apart,
// so only their order read by time passes the checksum; read conversation
// by conversation, they do not and the phrase would be kept.
func TestJoinFollowsTime(t *testing.T) {
	d := NewDetector()
	cases := []struct {
		name                  string
		visitorRef, customRef int64
		visitor, customer     string
	}{
		{"the visitor's text first", 10, 11, "letter advice cage absurd", "amount doctor acoustic avoid"},
		{"the customer's text first", 11, 10, "amount doctor acoustic avoid", "letter advice cage absurd"},
	}
	for _, c := range cases {
		var visitor, customer Conversation
		d.ScanNext(&visitor, c.visitor)
		d.ScanNext(&customer, c.customer)
		j := Join(customer, c.customRef, visitor, c.visitorRef, nil)
		res := d.ScanNext(&j, "sorry, here is the rest of it\nletter advice cage above")
		var refs []int64
		for _, k := range res.Cuts {
			refs = append(refs, k.Ref)
		}
		if len(res.Kinds) == 0 || !slices.Contains(refs, 10) || !slices.Contains(refs, 11) {
			t.Errorf("%s: kinds %v, cuts in texts %v; want the phrase found and cut in 10 and 11", c.name, res.Kinds, refs)
		}
	}
}

// TestJoinPutsSubjectsWithTheirMessage: a subject (negative ref) is read
// at the key order gives it, before the message of that key, however the
// other side's texts fall around it.
func TestJoinPutsSubjectsWithTheirMessage(t *testing.T) {
	d := NewDetector()
	var visitor, customer Conversation
	d.ScanNext(&customer, "amount doctor")
	customer.Bind(-7) // ticket 7's subject, scanned with its first message 9
	d.ScanNext(&customer, "hi")
	customer.Bind(9)
	d.ScanNext(&customer, "acoustic avoid")
	d.ScanNext(&visitor, "letter advice cage absurd")
	order := func(ref int64) int64 {
		if ref == -7 {
			return 9
		}
		return ref
	}
	j := Join(customer, 11, visitor, 10, order)
	var got []int64
	for _, it := range j.items {
		if len(got) == 0 || got[len(got)-1] != it.ref {
			got = append(got, it.ref)
		}
	}
	if want := []int64{-7, 10, 11}; !slices.Equal(got, want) {
		t.Errorf("texts in the order %v, want %v", got, want)
	}
}
