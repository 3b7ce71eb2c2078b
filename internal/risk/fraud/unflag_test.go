package fraud

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// apiServer serves the JSON API as internal/server does: errors become
// problem bodies, the principal is a security specialist.
func apiServer(t *testing.T, svc *Service) *httptest.Server {
	t.Helper()
	h := &HTTP{Fraud: svc}
	pr := auth.Principal{Agent: auth.Agent{ID: 9, Name: "Sam Security", Role: auth.Security, Active: true}}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := http.NewServeMux()
	for pattern, fn := range map[string]func(http.ResponseWriter, *http.Request) error{
		"GET /api/v1/fraud/flagged":               h.HandleFlaggedList,
		"POST /api/v1/fraud/entities/{id}/flag":   h.HandleFlag,
		"POST /api/v1/fraud/entities/{id}/unflag": h.HandleUnflag,
	} {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			if err := fn(w, r.WithContext(auth.Acting(r.Context(), pr))); err != nil {
				web.WriteError(w, r, log, err)
			}
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// call sends a request and decodes a JSON answer into out (when not nil).
func call(t *testing.T, method, url, body string, out any, header ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, url, err, raw)
		}
	}
	return resp
}

// TestUnflagStory: a wrong flag is withdrawn. The exchange's reader that
// follows the since-cursor gets the removal (and the ETag changes), the
// event and the audit record are written, customers who mention the entity
// are no longer warned; withdrawing twice, or a flag that never was,
// changes nothing. Flagged anew, it comes back at a later cursor.
func TestUnflagStory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		for i := range 3 {
			e.customerTicket(fmt.Sprintf("r%d", i), "is "+scamAddress+" the exchange's deposit address? a support agent gave it to me", "en")
		}
		e.consume()
		id := e.entityID(KindAddress, scamAddress)
		srv := apiServer(t, e.svc)
		entity := fmt.Sprintf("%s/api/v1/fraud/entities/%d", srv.URL, id)

		var flagged Flagged
		if resp := call(t, "POST", entity+"/flag", `{"reason": "Fake support hands it out"}`, &flagged); resp.StatusCode != 200 || flagged.State != StateFlagged || flagged.FlaggedAt == nil {
			t.Fatalf("flag: %d %+v", resp.StatusCode, flagged)
		}
		// The exchange's first, full read.
		var page FlaggedPage
		resp := call(t, "GET", srv.URL+"/api/v1/fraud/flagged", "", &page)
		if resp.StatusCode != 200 || len(page.Entities) != 1 || page.Entities[0].State != StateFlagged || page.NextCursor != flagged.Cursor {
			t.Fatalf("first read: %d %+v", resp.StatusCode, page)
		}
		cursor := page.NextCursor
		sinceURL := fmt.Sprintf("%s/api/v1/fraud/flagged?since=%d", srv.URL, cursor)
		resp = call(t, "GET", sinceURL, "", &page)
		etag := resp.Header.Get("ETag")
		if resp.StatusCode != 200 || len(page.Entities) != 0 || etag == "" {
			t.Fatalf("since the cursor: %d %+v", resp.StatusCode, page)
		}
		if resp := call(t, "GET", sinceURL, "", nil, "If-None-Match", etag); resp.StatusCode != 304 {
			t.Fatalf("unchanged: %d, want 304", resp.StatusCode)
		}

		// Refusals change nothing: no reason, an unknown entity, an open one.
		e.clock.Advance(time.Hour)
		e.customerTicket("other", "they also used groundcrew-unlock.io", "en")
		e.consume()
		openID := e.entityID(KindDomain, "groundcrew-unlock.io")
		for _, bad := range []struct {
			url, body string
			status    int
			kind      string
		}{
			{entity + "/unflag", `{"reason": "  "}`, 400, "invalid"},
			{entity + "/unflag", `{}`, 400, "invalid"},
			{srv.URL + "/api/v1/fraud/entities/999999/unflag", `{"reason": "wrong"}`, 404, "not_found"},
			{fmt.Sprintf("%s/api/v1/fraud/entities/%d/unflag", srv.URL, openID), `{"reason": "wrong"}`, 409, "conflict"},
		} {
			var p web.Problem
			if resp := call(t, "POST", bad.url, bad.body, &p); resp.StatusCode != bad.status || p.Status != bad.status || resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("POST %s %s: %d %+v, want %d problem JSON", bad.url, bad.body, resp.StatusCode, p, bad.status)
			}
		}
		if resp := call(t, "GET", sinceURL, "", nil, "If-None-Match", etag); resp.StatusCode != 304 || len(e.events(EntityUnflagged.Type())) != 0 {
			t.Fatalf("a refused unflag changed the list: %d", resp.StatusCode)
		}

		// The withdrawal.
		var removed Flagged
		resp = call(t, "POST", entity+"/unflag", `{"reason": "It is our own deposit address; the customer had it from the app"}`, &removed)
		if resp.StatusCode != 200 || removed.State != StateUnflagged || removed.Cursor <= cursor || removed.UnflaggedAt == nil || removed.FlaggedAt != nil {
			t.Fatalf("unflag: %d %+v", resp.StatusCode, removed)
		}
		if evs := e.events(EntityUnflagged.Type()); len(evs) != 1 {
			t.Fatalf("%d fraud.entity_unflagged events", len(evs))
		} else if ev, _, err := EntityUnflagged.Decode(evs[0]); err != nil || ev.EntityID != id || ev.Value != scamAddress || ev.Cursor != removed.Cursor || !strings.Contains(ev.Reason, "own deposit") {
			t.Errorf("event = %+v, %v", ev, err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'fraud.entity_unflagged' AND target_id = ?`, fmt.Sprint(id)); n != 1 {
			t.Errorf("%d audit records of the withdrawal", n)
		}
		// The reader following the cursor learns of the removal; the ETag changed.
		resp = call(t, "GET", sinceURL, "", &page, "If-None-Match", etag)
		if resp.StatusCode != 200 || resp.Header.Get("ETag") == etag {
			t.Fatalf("after the withdrawal: %d, ETag %q (was %q)", resp.StatusCode, resp.Header.Get("ETag"), etag)
		}
		if len(page.Entities) != 1 || page.Entities[0].ID != id || page.Entities[0].State != StateUnflagged ||
			page.NextCursor != removed.Cursor || !strings.Contains(page.Entities[0].Reason, "own deposit") {
			t.Fatalf("removal entry: %+v", page)
		}
		// A new reader, and the pages, see nothing on the list.
		if resp := call(t, "GET", srv.URL+"/api/v1/fraud/flagged", "", &page); resp.StatusCode != 200 || len(page.Entities) != 0 {
			t.Errorf("a first read after the withdrawal: %+v", page)
		}
		if list, err := e.svc.FlaggedList(e.ctx, 0, 10); err != nil || len(list) != 0 {
			t.Errorf("flagged list = %+v, %v", list, err)
		}

		// Twice: a conflict, nothing changed.
		var p web.Problem
		if resp := call(t, "POST", entity+"/unflag", `{"reason": "again"}`, &p); resp.StatusCode != 409 || p.Status != 409 {
			t.Errorf("unflag twice: %d %+v", resp.StatusCode, p)
		}
		if _, err := e.svc.Unflag(e.ctx, id, "again", 9); !errs.Is(err, errs.Conflict) {
			t.Errorf("unflag twice: %v", err)
		}
		if n := len(e.events(EntityUnflagged.Type())); n != 1 {
			t.Errorf("%d fraud.entity_unflagged events after refusals", n)
		}

		// The customer warning stops, and no alert comes back.
		alerts := len(e.alerts())
		later := e.customerTicket("r9", "Can I send to "+scamAddress+" now?", "de")
		e.consume()
		if got := e.messages(later.ID, "system", false); len(got) != 0 {
			t.Errorf("customer warned about an unflagged entity: %q", got)
		}
		if len(e.alerts()) != alerts {
			t.Errorf("an unflagged entity raised an alert")
		}

		// Flagged anew (a specialist's new decision): back on the list, at a
		// later cursor, and warned again.
		again, err := e.svc.Flag(e.ctx, id, "It was a scam after all", 9)
		if err != nil || again.Cursor <= removed.Cursor {
			t.Fatalf("flag anew: %+v, %v", again, err)
		}
		resp = call(t, "GET", fmt.Sprintf("%s/api/v1/fraud/flagged?since=%d", srv.URL, removed.Cursor), "", &page)
		if len(page.Entities) != 1 || page.Entities[0].State != StateFlagged || page.NextCursor != again.Cursor {
			t.Errorf("flagged anew: %d %+v", resp.StatusCode, page)
		}
		warned := e.customerTicket("r10", "Is "+scamAddress+" ok?", "en")
		e.consume()
		if got := e.messages(warned.ID, "system", false); len(got) != 1 || got[0] != CustomerWarning("en") {
			t.Errorf("flagged anew, customer messages = %q", got)
		}
	})
}
