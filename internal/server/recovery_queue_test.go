package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/recovery"
	"github.com/groundcrew/groundcrew/internal/store"
)

// seedOpenAppeals writes n appeals in review straight into the database,
// due a minute apart, and returns their ids, most urgent first.
func seedOpenAppeals(ta *testApp, n int) []int64 {
	ta.t.Helper()
	due := time.Now().Add(time.Hour).UnixMilli()
	var ids []int64
	err := ta.db.Tx(ta.t.Context(), func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO recovery_quotes (id, user_id, deposit_key, facts, fee, net, expected_hours, created_at, expires_at)
			VALUES (777001, 'queue', 'queue', '{}', '1', '9', 48, 0, 0)`); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			id, err := tx.InsertID(ctx, `INSERT INTO recovery_appeals (user_id, quote_id, deposit_key, network, txid, out_index, asset, amount, address,
				cause, path, action, fee, net, language, status, created_at, status_at, due_at)
				VALUES ('queue', 777001, ?, 'tron', ?, 0, 'USDT', '10', 'addr', 'wrong_network', 'standard', 'credit', '1', '9', 'en', 'in_review', 0, 0, ?)`,
				fmt.Sprintf("tron:queue-%d:0", i), fmt.Sprintf("queue-%d", i), due+int64(i)*60_000)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		ta.t.Fatal(err)
	}
	return ids
}

// The review queue comes in pages that follow one another through the
// next cursor, each appeal once, in due order; a cursor that is not one is
// refused with a problem body.
func TestRecoveryQueuePages(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		want := seedOpenAppeals(ta, 120)
		_, tok := ta.agentToken(auth.Recovery)
		var got []int64
		after := ""
		for page := 0; page < 5; page++ {
			var out struct {
				Appeals []recovery.Appeal `json:"appeals"`
				Next    string            `json:"next"`
			}
			if res := ta.do("GET", "/api/v1/recovery/appeals?limit=50&after="+after, tok, nil, &out); res.StatusCode != http.StatusOK {
				t.Fatalf("page %d: %d", page, res.StatusCode)
			}
			for _, a := range out.Appeals {
				got = append(got, a.ID)
			}
			if after = out.Next; after == "" {
				break
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("pages of 50 listed %d appeals %v, want %d in due order", len(got), got, len(want))
		}
		for _, bad := range []string{"tomorrow", "12.0", "-5.3"} {
			var problem struct {
				Detail string `json:"detail"`
			}
			res := ta.do("GET", "/api/v1/recovery/appeals?after="+bad, tok, nil, &problem)
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(problem.Detail, "after") ||
				!strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
				t.Errorf("after=%s: %d %q %s", bad, res.StatusCode, problem.Detail, res.Header.Get("Content-Type"))
			}
		}
	})
}

// The queue page shows 100 appeals and a link to the ones due later.
func TestBrowserRecoveryQueuePages(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	b := newBrowser(t, ta.URL)
	ids := seedOpenAppeals(ta, 105)
	b.open("/login")
	b.signIn("admin@groundcrew.local", "test-admin-password")
	b.open("/recovery")
	if n := eval[int](b, `document.querySelectorAll("#appeal-list tr[data-id]").length`); n != 100 {
		t.Fatalf("first page lists %d appeals, want 100", n)
	}
	b.navigate("later due", chromedp.Click(chromedp.CSS(`#queue-next`)))
	rows := eval[[]string](b, `[...document.querySelectorAll("#appeal-list tr[data-id]")].map(r => r.dataset.id)`)
	if fmt.Sprint(rows) != fmt.Sprint(idStrings(ids[100:])) {
		t.Errorf("second page lists %v, want %v", rows, ids[100:])
	}
	if n := eval[int](b, `document.querySelectorAll("#queue-next").length`); n != 0 {
		t.Error("the last page links to a next one")
	}
	b.screenshot("recovery-queue-page-2")
	b.checkConsole("recovery queue pages", nil)
}

func idStrings(ids []int64) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = fmt.Sprint(id)
	}
	return out
}
