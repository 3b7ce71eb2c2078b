package bus

import (
	"cmp"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/store"
)

// maxChunk bounds the rows of one multi-row statement (4 columns × 512 rows
// stays far below both engines' limits on bound parameters).
const maxChunk = 512

// chunks splits ids into pieces of at most maxChunk, each padded to a power
// of two by repeating its last id (see padded).
func chunks(ids []int64) [][]int64 {
	var out [][]int64
	for len(ids) > 0 {
		n := min(len(ids), maxChunk)
		part := make([]int64, padded(n))
		copy(part, ids[:n])
		for i := n; i < len(part); i++ {
			part[i] = ids[n-1]
		}
		out = append(out, part)
		ids = ids[n:]
	}
	return out
}

// padded rounds a statement's row count up to a power of two. The text of
// a multi-row statement depends on its row count; padding keeps the shapes
// to ten, so SQLite's statement cache and pgx's are not flooded with one
// statement per batch size. The padding repeats the last row, which is
// harmless in an IN list and skipped by ON CONFLICT DO NOTHING.
func padded(n int) int {
	size := 1
	for size < n {
		size *= 2
	}
	return size
}

// inList returns "(?, ?, ?)" with n placeholders.
func inList(n int) string {
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

// valuesList returns rows tuples of cols placeholders: "(?, ?), (?, ?)".
func valuesList(rows, cols int) string {
	row := inList(cols)
	return strings.TrimSuffix(strings.Repeat(row+", ", rows), ", ")
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
