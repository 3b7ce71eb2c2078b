package feedback

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
)

// Wednesday 2 December 2026; its week starts on Monday 30 November.
var day0 = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

type world struct {
	t     *testing.T
	db    *store.DB
	clock *store.FakeClock
	svc   *Service
	ctx   context.Context
	cust  int64
	agent int64
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	clock := store.NewFakeClock(day0)
	db.SetClock(clock.Now)
	w := &world{t: t, db: db, clock: clock, svc: New(db, slog.New(slog.NewTextHandler(io.Discard, nil))), ctx: context.Background()}
	w.cust = w.insert(`INSERT INTO customers (external_id, email, name, language, created_at, updated_at) VALUES ('u1', 'jordan.lee@example.org', 'Jordan Lee', 'en', 0, 0)`)
	w.agent = w.insert(`INSERT INTO agents (email, name, role, created_at, updated_at) VALUES ('ada@crew.test', 'Ada', 'tier1', 0, 0)`)
	return w
}

func (w *world) insert(q string, args ...any) int64 {
	w.t.Helper()
	var id int64
	err := w.db.Tx(w.ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		id, err = tx.InsertID(ctx, q, args...)
		return err
	})
	if err != nil {
		w.t.Fatalf("insert: %v", err)
	}
	return id
}

func (w *world) ticket(area string) int64 {
	return w.insert(`INSERT INTO tickets (subject, customer_id, channel, status, priority, product_area, language, tier, created_at, updated_at, last_message_at)
		VALUES ('Help please', ?, 'chat', 'open', 'normal', ?, 'en', 1, 0, 0, 0)`, w.cust, area)
}

// tag tags ticket id at time at.
func (w *world) tag(id int64, at time.Time, kind Kind, area, note string) Tag {
	w.t.Helper()
	w.clock.Set(at)
	tg, err := w.svc.Tag(w.ctx, id, w.agent, NewTag{Kind: kind, ProductArea: area, Note: note})
	if err != nil {
		w.t.Fatalf("tag %d %s %s: %v", id, kind, area, err)
	}
	return tg
}

// convs is a fixed set of conversations for samples.
type convs map[int64]Conversation

func (c convs) Conversation(_ context.Context, id int64) (Conversation, error) {
	cv, ok := c[id]
	if !ok {
		return Conversation{}, errs.E(errs.NotFound, "no ticket %d", id)
	}
	return cv, nil
}

func TestReportAgreesWithAHandCount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		dep1, dep2, dep3 := w.ticket("wallet_deposits"), w.ticket("wallet_deposits"), w.ticket("wallet_deposits")
		wd1, wd2 := w.ticket("withdrawals"), w.ticket("withdrawals")
		spot := w.ticket("spot")
		lastWeek, thisWeek := day0.AddDate(0, 0, -7), day0
		// The hand count, period 16 Nov – 3 Dec (weeks of 16, 23, 30 Nov):
		//   wallet_deposits: confusing_ui 2 (w23, w30), bug 2 (w30, one on the spot
		//                    ticket), missing_feature 1 (w16)                             → 5
		//   withdrawals:     fee_complaint 2 (w23, w30)                                       → 2
		//   spot:            listing_request 1 (w30), and one from October (outside)          → 1
		w.tag(dep1, lastWeek, ConfusingUI, "", "memo field hidden")
		w.tag(dep2, thisWeek, ConfusingUI, "", "")
		w.tag(dep2, thisWeek.Add(time.Hour), Bug, "", "deposit page crashed; mail me at jordan.lee@example.org")
		w.tag(dep3, day0.AddDate(0, 0, -15), MissingFeature, "", "")
		w.tag(wd1, lastWeek, FeeComplaint, "", "")
		w.tag(wd2, thisWeek, FeeComplaint, "withdrawals", "")
		w.tag(spot, thisWeek, ListingRequest, "", "list XYZ")
		w.tag(spot, day0.AddDate(0, -2, 0), FeeComplaint, "", "")
		// A tag made on a spot ticket about another area counts there.
		w.tag(spot, thisWeek, Bug, "wallet_deposits", "")

		w.svc.Conversations = convs{dep2: {Subject: "Jordan Lee's deposit", CustomerName: "Jordan Lee", CustomerEmail: "jordan.lee@example.org",
			Lines: []Line{{"customer", "Hi, I'm Jordan Lee, call me on +44 7700 900123 or jordan.lee@example.org"}, {"agent", "Hello Jordan, which network did you use?"}}}}

		from, to := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
		rep, err := w.svc.Report(w.ctx, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Total != 8 || len(rep.Weeks) != 3 || !rep.Weeks[2].Equal(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("total %d, weeks %v: want 8 over the weeks of 16, 23, 30 Nov", rep.Total, rep.Weeks)
		}
		got := map[string]string{}
		for _, a := range rep.Areas {
			counts := []string{}
			for _, k := range a.Kinds {
				if k.Count > 0 {
					counts = append(counts, fmt.Sprintf("%s=%d", k.Kind, k.Count))
				}
			}
			got[a.Area] = fmt.Sprintf("%d %v %v", a.Total, counts, a.Trend)
		}
		want := map[string]string{
			"wallet_deposits": "5 [bug=2 confusing_ui=2 missing_feature=1] [1 1 3]",
			"withdrawals":     "2 [fee_complaint=2] [0 1 1]",
			"spot":            "1 [listing_request=1] [0 0 1]",
		}
		for area, s := range want {
			if got[area] != s {
				t.Errorf("%s: %s, want %s", area, got[area], s)
			}
		}
		if len(got) != len(want) || rep.Areas[0].Area != "wallet_deposits" {
			t.Errorf("areas %v, most first", got)
		}
		// Samples: the latest conversations of the area, masked.
		dep := rep.Areas[0]
		if len(dep.Samples) != SamplesPerArea || dep.Samples[0].TicketID != dep2 || dep.Samples[1].TicketID != spot {
			t.Fatalf("deposit samples %+v", dep.Samples)
		}
		s := dep.Samples[0]
		all := s.Subject + " " + s.Note
		for _, l := range s.Lines {
			all += " " + l.Body
		}
		for _, leak := range []string{"Jordan", "Lee", "jordan.lee@", "7700 900123"} {
			if strings.Contains(all, leak) {
				t.Errorf("sample leaks %q: %s", leak, all)
			}
		}
		if !strings.Contains(all, "j***@example.org") || !strings.Contains(all, "J***") || !strings.Contains(all, "+44 ••• ••• 23") {
			t.Errorf("sample not masked as the workspace masks: %s", all)
		}

		// The CSV has one row per tag of the period, in time order.
		var buf bytes.Buffer
		if err := w.svc.Export(w.ctx, &buf, "", from, to); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1+8 || rows[0][4] != "product_area" {
			t.Fatalf("CSV has %d rows: %v", len(rows), rows)
		}
		if strings.Contains(buf.String(), "jordan.lee@") {
			t.Error("CSV leaks an e-mail address")
		}
		// Every tag is an event for the webhooks, written with it.
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM outbox WHERE type = 'feedback.tagged'`); n != 9 {
			t.Errorf("%d feedback.tagged events, want 9", n)
		}
	})
}

func TestTagBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		tk := w.ticket("p2p")
		tg := w.tag(tk, day0, Bug, "", "")
		if tg.ProductArea != "p2p" {
			t.Errorf("default area %q, want the ticket's", tg.ProductArea)
		}
		cases := []struct {
			id   int64
			in   NewTag
			kind errs.Kind
		}{
			{tk, NewTag{Kind: "praise"}, errs.Invalid},
			{tk, NewTag{Kind: Bug, ProductArea: "moon"}, errs.Invalid},
			{tk, NewTag{Kind: Bug, Note: strings.Repeat("x", MaxNote+1)}, errs.Invalid},
			{tk, NewTag{Kind: Bug}, errs.Conflict},
			{tk + 100, NewTag{Kind: Bug}, errs.NotFound},
		}
		for _, c := range cases {
			if _, err := w.svc.Tag(w.ctx, c.id, w.agent, c.in); !errs.Is(err, c.kind) {
				t.Errorf("tag %+v: %v, want %v", c.in, err, c.kind)
			}
		}
		if _, err := w.svc.Report(w.ctx, day0, day0.AddDate(2, 0, 0)); !errs.Is(err, errs.Invalid) {
			t.Errorf("report over two years: %v, want invalid", err)
		}
		if err := w.svc.Export(w.ctx, io.Discard, "", day0, day0.Add(-time.Hour)); !errs.Is(err, errs.Invalid) {
			t.Errorf("export ending before it starts: %v, want invalid", err)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM feedback_tags`); n != 1 {
			t.Errorf("%d tags after refused input, want 1", n)
		}
	})
}

func TestWeekStart(t *testing.T) {
	for in, want := range map[string]string{"2026-12-02T10:00:00Z": "2026-11-30", "2026-11-30T00:00:00Z": "2026-11-30", "2026-11-29T23:59:59Z": "2026-11-23", "2023-12-31T12:00:00Z": "2023-12-25"} {
		at, _ := time.Parse(time.RFC3339, in)
		if got := WeekStart(at).Format("2006-01-02"); got != want {
			t.Errorf("WeekStart(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestNoteKeepsNoSecret: an agent who pastes the customer's words into a
// feedback note ("the app rejected my words ...") does not carry a seed
// phrase into the product team's report and CSV: the note is cut like
// every message before it is stored.
func TestNoteKeepsNoSecret(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.svc.Redact = func(s string) string { return ticketguard.New().Detector().ScanText(s).Redacted }
		id := w.ticket("wallet_deposits")
		const phrase = "abandon ability able about above absent absorb abstract absurd abuse access accident"
		tg := w.tag(id, day0, Bug, "", "Import failed; the customer typed: "+phrase)
		stored := storetest.Scalar[string](t, db, `SELECT note FROM feedback_tags WHERE id = ?`, tg.ID)
		var csvOut bytes.Buffer
		if err := w.svc.Export(w.ctx, &csvOut, "", day0.Add(-time.Hour), day0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		for name, text := range map[string]string{"returned": tg.Note, "stored": stored, "exported": csvOut.String()} {
			if strings.Contains(text, "absurd abuse") {
				t.Errorf("%s note keeps the seed phrase: %q", name, text)
			}
			if !strings.Contains(text, "Import failed") {
				t.Errorf("%s note lost its text: %q", name, text)
			}
		}
	})
}
