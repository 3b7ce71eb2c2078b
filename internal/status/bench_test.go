package status

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// BenchmarkStatusPage: the cached /status handler with an open incident,
// as every view after the first of a snapshot is served (no database).
// The load test of the whole server is in BENCHMARKS.md.
func BenchmarkStatusPage(b *testing.B) {
	db := storetest.Open(b, store.SQLite)
	e := newEnv(b, db)
	if _, err := e.svc.Open(e.ctx, NewIncident{Components: []string{"network:tron"}, Titles: en("USDT on Tron delayed"), Bodies: en("Investigating.")}); err != nil {
		b.Fatal(err)
	}
	p := &Pages{Status: e.svc}
	req := httptest.NewRequest("GET", "/status?lang=de", nil)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			w := httptest.NewRecorder()
			p.page(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("status %d", w.Code)
			}
		}
	})
}
