package audit

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// serve mounts the handlers the way the server's route table does: errors
// become problem bodies in one place.
func serve(t *testing.T, l *Log) *httptest.Server {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	adapt := func(h web.Handler) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if err := h(w, r); err != nil {
				web.WriteError(w, r, quiet, err)
			}
		}
	}
	mux := http.NewServeMux()
	mux.Handle("GET /api/v1/audit", adapt(l.HandleList))
	mux.Handle("GET /api/v1/audit/verify", adapt(l.HandleVerify))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, path string, wantStatus int, dst any) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantStatus {
		t.Fatalf("GET %s = %d %s, want %d", path, resp.StatusCode, body, wantStatus)
	}
	if err := json.Unmarshal(body, dst); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, body)
	}
}

func TestHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		l := seed(t, db, 5)
		record(t, context.Background(), l, "settings.changed", "setting", "sla", map[string]string{"to": "4h"})
		srv := serve(t, l)

		lists := []struct {
			path     string
			want     []int64
			wantNext string
		}{
			{"/api/v1/audit", []int64{6, 5, 4, 3, 2, 1}, ""},
			{"/api/v1/audit?limit=2", []int64{6, 5}, "5"},
			{"/api/v1/audit?limit=2&cursor=5", []int64{4, 3}, "3"},
			{"/api/v1/audit?actor_kind=agent&actor_id=7&target_kind=ticket&target_id=4", []int64{4}, ""},
			{"/api/v1/audit?action=settings.changed", []int64{6}, ""},
			{"/api/v1/audit?actor_kind=customer", []int64{}, ""},
		}
		for _, tt := range lists {
			var got web.List[Entry]
			get(t, srv, tt.path, http.StatusOK, &got)
			seqs := []int64{}
			for _, e := range got.Items {
				seqs = append(seqs, e.Seq)
			}
			if diff := cmp.Diff(tt.want, seqs); diff != "" || got.NextCursor != tt.wantNext {
				t.Errorf("GET %s: next %q (want %q), seqs (-want +got):\n%s", tt.path, got.NextCursor, tt.wantNext, diff)
			}
		}

		var page web.List[Entry]
		get(t, srv, "/api/v1/audit?limit=1", http.StatusOK, &page)
		if e := page.Items[0]; e.ActorKind != "system" || string(e.Detail) != `{"to":"4h"}` || len(e.Hash) != 64 {
			t.Errorf("newest entry = %+v", e)
		}

		for _, path := range []string{"/api/v1/audit?limit=0", "/api/v1/audit?limit=501", "/api/v1/audit?cursor=x", "/api/v1/audit?actor_kind=robot"} {
			var p web.Problem
			get(t, srv, path, http.StatusBadRequest, &p)
			if p.Detail == "" {
				t.Errorf("GET %s: problem without detail: %+v", path, p)
			}
		}

		var rep Report
		get(t, srv, "/api/v1/audit/verify", http.StatusOK, &rep)
		if diff := cmp.Diff(Report{OK: true, Checked: 6}, rep, cmpopts.IgnoreFields(Report{}, "Checkpoint")); diff != "" || rep.Checkpoint == "" {
			t.Errorf("verify (-want +got):\n%s (checkpoint %q)", diff, rep.Checkpoint)
		}
		exec(t, db, `DELETE FROM audit_log WHERE seq = 2`)
		rep = Report{}
		get(t, srv, "/api/v1/audit/verify", http.StatusOK, &rep)
		if rep.OK || rep.FirstBad != 2 || rep.Checked != 1 {
			t.Errorf("verify after tampering = %+v, want not OK at 2", rep)
		}
	})
}
