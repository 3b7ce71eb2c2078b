package store

import (
	"slices"
	"testing"
)

func TestSQLLists(t *testing.T) {
	if got := InList(3); got != "(?, ?, ?)" {
		t.Errorf("InList(3) = %q", got)
	}
	if got := ValuesList(2, 2); got != "(?, ?), (?, ?)" {
		t.Errorf("ValuesList(2, 2) = %q", got)
	}
	for n, want := range map[int]int{1: 1, 2: 2, 3: 4, 5: 8, 512: 512, 513: 1024} {
		if got := Padded(n); got != want {
			t.Errorf("Padded(%d) = %d, want %d", n, got, want)
		}
	}
	if got := PaddedIDs([]int64{7, 8, 9}); !slices.Equal(got, []any{int64(7), int64(8), int64(9), int64(9)}) {
		t.Errorf("PaddedIDs = %v, want the last id repeated to four", got)
	}
}
