package bus

import "github.com/groundcrew/groundcrew/internal/store"

// RecordBatch is the recorder's handler, for tests that deliver events to
// it directly (again, out of order, at the same time).
func RecordBatch(db *store.DB) BatchHandler { return recordBatch(db) }
