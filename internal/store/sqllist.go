package store

import "strings"

// InList returns "(?, ?, ?)" with n placeholders, for an IN list or one
// row of VALUES.
func InList(n int) string {
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

// ValuesList returns rows tuples of cols placeholders: "(?, ?), (?, ?)".
func ValuesList(rows, cols int) string {
	return strings.TrimSuffix(strings.Repeat(InList(cols)+", ", rows), ", ")
}

// Padded rounds a statement's row count up to a power of two. The text of
// a multi-row statement depends on its row count; padding keeps the shapes
// few, so SQLite's statement cache and pgx's are not flooded with one
// statement per batch size. Callers pad by repeating the last row, which is
// harmless in an IN list and skipped by ON CONFLICT DO NOTHING.
func Padded(n int) int {
	size := 1
	for size < n {
		size *= 2
	}
	return size
}

// PaddedIDs is ids as statement arguments, padded to Padded(len(ids)) by
// repeating the last id.
func PaddedIDs(ids []int64) []any {
	args := make([]any, Padded(len(ids)))
	for i := range args {
		args[i] = ids[min(i, len(ids)-1)]
	}
	return args
}
