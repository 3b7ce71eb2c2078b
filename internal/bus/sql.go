package bus

import (
	"cmp"
	"slices"

	"github.com/groundcrew/groundcrew/internal/store"
)

// maxChunk bounds the rows of one multi-row statement (4 columns × 512 rows
// stays far below both engines' limits on bound parameters).
const maxChunk = 512

// chunks splits ids into pieces of at most maxChunk, each padded to a power
// of two by repeating its last id (see store.Padded).
func chunks(ids []int64) [][]int64 {
	var out [][]int64
	for len(ids) > 0 {
		n := min(len(ids), maxChunk)
		part := make([]int64, store.Padded(n))
		copy(part, ids[:n])
		for i := n; i < len(part); i++ {
			part[i] = ids[n-1]
		}
		out = append(out, part)
		ids = ids[n:]
	}
	return out
}

func sortedIDs(byID map[int64]store.Event) []int64 {
	ids := make([]int64, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func sortEvents(evs []store.Event) {
	slices.SortFunc(evs, func(a, b store.Event) int { return cmp.Compare(a.ID, b.ID) })
}
