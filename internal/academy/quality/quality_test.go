package quality

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

func TestScorecardTotal(t *testing.T) {
	// Weights 4, 3, 3, 2 (safety) and 1, 1, 1, 1: the best is 4 × 16 = 64 points.
	cases := []struct {
		name   string
		scores Scores
		total  int
		fail   bool
	}{
		{"all best", allFour(nil), 1000, false},
		{"asked for a secret", allFour(map[string]int{"no_secret_asked": 0}), 48 * 1000 / 64, true},
		{"weak empathy only", allFour(map[string]int{"empathy": 1, "clarity": 2}), 59 * 1000 / 64, false},
		{"all zero", Scores{"no_secret_asked": 0, "verified_level": 0, "network_memo": 0, "offered_verify": 0, "empathy": 0, "clarity": 0, "answered_in_time": 0, "resolved_once": 0}, 0, true},
	}
	for _, c := range cases {
		if err := c.scores.Check(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		total, fail := c.scores.Total()
		if total != c.total || fail != c.fail {
			t.Errorf("%s: total %d fail %v, want %d %v", c.name, total, fail, c.total, c.fail)
		}
	}
	bad := map[string]Scores{
		"out of range":     allFour(map[string]int{"clarity": 5}),
		"negative":         allFour(map[string]int{"empathy": -1}),
		"unknown category": allFour(map[string]int{"speed": 3}),
		"missing safety":   func() Scores { s := allFour(nil); delete(s, "offered_verify"); return s }(),
	}
	for name, s := range bad {
		if err := s.Check(); !errs.Is(err, errs.Invalid) {
			t.Errorf("%s: Check() = %v, want invalid", name, err)
		}
	}
}

func TestSamplesReviewsAndDisputes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ada, bo, rev, mgr := w.agent("Ada", "tier1"), w.agent("Bo", "tier1"), w.agent("Rita", "supervisor"), w.agent("Max", "supervisor")
		yesterday := day0.Add(-24 * time.Hour)
		t1 := w.ticket(ada, "solved", yesterday)
		w.ticket(ada, "open", yesterday)                        // not solved: never in the random sample
		w.ticket(0, "solved", yesterday)                        // nobody to review
		old := w.ticket(ada, "solved", day0.AddDate(0, 0, -30)) // outside the 14 days
		t4 := w.ticket(bo, "solved", yesterday)
		w.csat(t4, 1, yesterday)
		w.csat(t1, 5, yesterday) // a happy customer is not low CSAT
		t5 := w.ticket(bo, "solved", yesterday)
		w.escalation(t5, yesterday)
		t6 := w.ticket(ada, "closed", yesterday)
		// The guard refused one of Ada's messages on t6, and the customer
		// pasted a secret on t5.
		err := w.svc.HandleEvents(w.ctx, []store.Event{
			event(w, ticket.OutboundBlocked, ticket.OutboundBlockedEvent{TicketID: &t6, AuthorID: &ada}, yesterday),
			event(w, ticket.SecretRedacted, ticket.SecretRedactedEvent{TicketID: t5, AuthorKind: "customer", Kinds: []string{"seed_phrase"}}, yesterday),
		})
		if err != nil {
			t.Fatal(err)
		}

		sampled := func(source string) Session {
			t.Helper()
			ss, err := w.svc.CreateSession(w.ctx, rev, NewSession{Kind: KindReview, Source: source, Size: 10})
			if err != nil {
				t.Fatalf("sample %s: %v", source, err)
			}
			return ss
		}
		ids := func(ss Session) []int64 {
			var out []int64
			for _, it := range ss.Tickets {
				out = append(out, it.TicketID)
			}
			return out
		}
		guard := sampled(SourceGuard)
		if got := ids(guard); !sameIDs(got, t5, t6) {
			t.Fatalf("guard sample %v, want %d and %d", got, t5, t6)
		}
		for _, it := range guard.Tickets {
			switch it.TicketID {
			case t6:
				if it.Prefill["no_secret_asked"] != 0 || it.Hints["no_secret_asked"] == "" || it.AgentID != ada {
					t.Errorf("t6 prefill %v hints %v agent %d: want 0 with a hint, Ada", it.Prefill, it.Hints, it.AgentID)
				}
			case t5:
				if it.Prefill["no_secret_asked"] != MaxScore || it.Hints["no_secret_asked"] == "" {
					t.Errorf("t5 prefill %v hints %v: want %d with a hint", it.Prefill, it.Hints, MaxScore)
				}
			}
		}
		if got := ids(sampled(SourceLowCSAT)); !sameIDs(got, t4) {
			t.Errorf("low CSAT sample %v, want %d", got, t4)
		}
		// t5 is already in the guard session: an escalation sample finds
		// nothing new, and says so.
		if _, err := w.svc.CreateSession(w.ctx, rev, NewSession{Kind: KindReview, Source: SourceEscalation}); !errs.Is(err, errs.Invalid) {
			t.Errorf("escalation sample with nothing left: %v, want invalid", err)
		}
		if got := ids(sampled(SourceRandom)); !sameIDs(got, t1) {
			t.Errorf("random sample %v, want %d only (not %d: too old)", got, t1, old)
		}
		for _, in := range []NewSession{{Kind: KindReview, Source: "vibes"}, {Kind: KindReview, Source: SourceRandom, Size: 51},
			{Kind: KindReview, Source: SourceRandom, Days: 3650}, {Kind: "audit"}, {Kind: KindCalibration}, {Kind: KindCalibration, TicketIDs: []int64{t1, t1}}} {
			if _, err := w.svc.CreateSession(w.ctx, rev, in); !errs.Is(err, errs.Invalid) {
				t.Errorf("session %+v: %v, want invalid", in, err)
			}
		}

		// Rita reviews Ada's t6: she asked for a secret.
		card := Scorecard{TicketID: t6, Scores: allFour(map[string]int{"no_secret_asked": 0, "clarity": 3}), Comment: "asked for the 2FA code"}
		r, err := w.svc.AddReview(w.ctx, guard.ID, rev, card)
		if err != nil {
			t.Fatal(err)
		}
		if want := (0*4 + 4*3 + 4*3 + 4*2 + 4*1 + 3*1 + 4*1 + 4*1) * 1000 / 64; r.Total != want || !r.SafetyFail || r.AgentID != ada {
			t.Errorf("review total %d fail %v agent %d, want %d true %d", r.Total, r.SafetyFail, r.AgentID, want, ada)
		}
		if _, err := w.svc.AddReview(w.ctx, guard.ID, rev, card); !errs.Is(err, errs.Conflict) {
			t.Errorf("second review of the ticket in the session: %v, want conflict", err)
		}
		if _, err := w.svc.AddReview(w.ctx, guard.ID, ada, Scorecard{TicketID: t6, Scores: allFour(nil)}); !errs.Is(err, errs.Forbidden) {
			t.Errorf("Ada reviewing her own conversation: %v, want forbidden", err)
		}
		if _, err := w.svc.AddReview(w.ctx, guard.ID, rev, Scorecard{TicketID: t1, Scores: allFour(nil)}); !errs.Is(err, errs.Invalid) {
			t.Errorf("review of a ticket not in the session: %v, want invalid", err)
		}
		if _, err := w.svc.AddReview(w.ctx, 9999, rev, Scorecard{TicketID: t6, Scores: allFour(nil)}); !errs.Is(err, errs.NotFound) {
			t.Errorf("review in no session: %v, want not found", err)
		}

		mine, err := w.svc.AgentReviews(w.ctx, ada)
		if err != nil || len(mine) != 1 || mine[0].ID != r.ID || mine[0].Scores["clarity"] != 3 {
			t.Fatalf("Ada's reviews %+v, %v", mine, err)
		}
		if _, err := w.svc.Dispute(w.ctx, r.ID, bo, "not fair"); !errs.Is(err, errs.Forbidden) {
			t.Errorf("Bo disputing Ada's review: %v, want forbidden", err)
		}
		if _, err := w.svc.Dispute(w.ctx, r.ID, ada, "  "); !errs.Is(err, errs.Invalid) {
			t.Errorf("dispute without a reason: %v, want invalid", err)
		}
		if d, err := w.svc.Dispute(w.ctx, r.ID, ada, "I asked them NOT to send the code"); err != nil || d.State != StateDisputed || d.Dispute == nil {
			t.Fatalf("dispute: %+v, %v", d, err)
		}
		if _, err := w.svc.Dispute(w.ctx, r.ID, ada, "again"); !errs.Is(err, errs.Conflict) {
			t.Errorf("second dispute: %v, want conflict", err)
		}
		open, err := w.svc.OpenDisputes(w.ctx)
		if err != nil || len(open) != 1 || open[0].ID != r.ID {
			t.Fatalf("open disputes %+v, %v", open, err)
		}
		fixed := Resolution{Outcome: StateRevised, Note: "the guard misread a warning", Scores: allFour(map[string]int{"clarity": 3})}
		if _, err := w.svc.Resolve(w.ctx, r.ID, mgr, false, fixed); !errs.Is(err, errs.Forbidden) {
			t.Errorf("resolve by another reviewer who is not a manager: %v, want forbidden", err)
		}
		if _, err := w.svc.Resolve(w.ctx, r.ID, mgr, true, Resolution{Outcome: StateRevised}); !errs.Is(err, errs.Invalid) {
			t.Errorf("revised without scores: %v, want invalid", err)
		}
		got, err := w.svc.Resolve(w.ctx, r.ID, mgr, true, fixed)
		if err != nil {
			t.Fatal(err)
		}
		if want := 63 * 1000 / 64; got.Total != want || got.SafetyFail || got.State != StateRevised || got.Scores["no_secret_asked"] != 4 || got.Dispute.Outcome != StateRevised {
			t.Errorf("revised review %+v, want total %d, no safety fail", got, want)
		}
		if _, err := w.svc.Resolve(w.ctx, r.ID, rev, false, Resolution{Outcome: StateUpheld}); !errs.Is(err, errs.Conflict) {
			t.Errorf("resolving a settled dispute: %v, want conflict", err)
		}
	})
}

func TestCalibration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ada := w.agent("Ada", "tier1")
		r1, r2, r3 := w.agent("R1", "supervisor"), w.agent("R2", "supervisor"), w.agent("R3", "supervisor")
		tk := w.ticket(ada, "solved", day0)
		ss, err := w.svc.CreateSession(w.ctx, r1, NewSession{Kind: KindCalibration, Name: "December calibration", TicketIDs: []int64{tk}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.CreateSession(w.ctx, r1, NewSession{Kind: KindCalibration, TicketIDs: []int64{tk + 100}}); !errs.Is(err, errs.Invalid) {
			t.Errorf("calibration of a missing ticket: %v, want invalid", err)
		}
		for _, c := range []struct {
			who    int64
			scores Scores
		}{
			{r1, allFour(nil)},
			{r2, allFour(map[string]int{"network_memo": 1, "empathy": 3})},
			{r3, allFour(map[string]int{"network_memo": 2})},
		} {
			if _, err := w.svc.AddReview(w.ctx, ss.ID, c.who, Scorecard{TicketID: tk, Scores: c.scores}); err != nil {
				t.Fatal(err)
			}
		}
		cs, err := w.svc.Calibrate(w.ctx, ss.ID)
		if err != nil || len(cs) != 1 {
			t.Fatalf("calibrate: %+v, %v", cs, err)
		}
		c := cs[0]
		byKey := map[string]CategorySpread{}
		for _, s := range c.Categories {
			byKey[s.Key] = s
		}
		// network_memo: 4, 1, 2 → spread 3, mean 7/3 = 2.3; empathy: 4, 3, 4 → spread 1, mean 3.7.
		if s := byKey["network_memo"]; s.Spread != 3 || s.Mean != "2.3" || s.Min != 1 || s.Max != 4 {
			t.Errorf("network_memo %+v", s)
		}
		if s := byKey["empathy"]; s.Spread != 1 || s.Mean != "3.7" {
			t.Errorf("empathy %+v", s)
		}
		if s := byKey["no_secret_asked"]; s.Spread != 0 || s.Mean != "4.0" {
			t.Errorf("no_secret_asked %+v", s)
		}
		// Totals: 64, 64-9-1 = 54, 64-6 = 58 points of 64.
		want := []int{1000, 54 * 1000 / 64, 58 * 1000 / 64}
		for i, v := range want {
			if c.Totals[i] != v {
				t.Errorf("total of reviewer %d: %d, want %d", i, c.Totals[i], v)
			}
		}
		if c.TotalRange != want[0]-want[1] {
			t.Errorf("total range %d, want %d", c.TotalRange, want[0]-want[1])
		}
		// A calibration is not a review of Ada: her page does not list it,
		// and she cannot dispute it.
		mine, err := w.svc.AgentReviews(w.ctx, ada)
		if err != nil || len(mine) != 0 {
			t.Errorf("Ada's reviews after a calibration: %+v, %v", mine, err)
		}
	})
}

func TestGuardSignalsOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ada := w.agent("Ada", "tier1")
		tk := w.ticket(ada, "open", day0)
		ev := event(w, ticket.OutboundBlocked, ticket.OutboundBlockedEvent{TicketID: &tk, AuthorID: &ada}, day0)
		ev2 := event(w, ticket.OutboundBlocked, ticket.OutboundBlockedEvent{TicketID: &tk, AuthorID: &ada}, day0.Add(time.Minute))
		agentCut := event(w, ticket.SecretRedacted, ticket.SecretRedactedEvent{TicketID: tk, AuthorKind: "agent", Kinds: []string{"password"}}, day0)
		for _, batch := range [][]store.Event{{ev}, {ev, ev2, agentCut}} { // ev delivered twice
			if err := w.svc.HandleEvents(w.ctx, batch); err != nil {
				t.Fatal(err)
			}
		}
		if n := storetest.Scalar[int64](t, db, `SELECT count FROM qa_signals WHERE ticket_id = ? AND kind = 'outbound_blocked'`, tk); n != 2 {
			t.Errorf("outbound_blocked count %d, want 2", n)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM qa_signals WHERE kind = 'secret_redacted'`); n != 0 {
			t.Errorf("an agent's own redacted text counted as a customer's secret: %d rows", n)
		}
	})
}

func sameIDs(got []int64, want ...int64) bool {
	if len(got) != len(want) {
		return false
	}
	seen := map[int64]bool{}
	for _, id := range got {
		seen[id] = true
	}
	for _, id := range want {
		if !seen[id] {
			return false
		}
	}
	return true
}

// evidenceByTicket is an EvidenceSource with set answers.
type evidenceByTicket map[int64]Evidence

func (e evidenceByTicket) Evidence(_ context.Context, id int64) (Evidence, error) { return e[id], nil }

func TestPrefillFromEvidence(t *testing.T) {
	reply := day0.Add(10 * time.Minute)
	cases := []struct {
		name     string
		ev       Evidence
		key      string
		score    int // -1: evidence shown, no score
		evidence string
	}{
		{"first reply in time", Evidence{FirstResponse: "met", Policy: "Chat", FirstReplyAt: reply}, "answered_in_time", MaxScore, `within the first-response target of "Chat" at 2026-11-30 09:10 UTC`},
		{"first reply late", Evidence{FirstResponse: "breached", Policy: "Chat", FirstReplyAt: reply}, "answered_in_time", 1, `target of "Chat" was breached`},
		{"no reply yet", Evidence{}, "answered_in_time", -1, "No human reply recorded"},
		{"solved once", Evidence{Solved: true}, "resolved_once", MaxScore, "Solved and not reopened"},
		{"reopened twice", Evidence{Solved: true, Reopens: 2}, "resolved_once", 1, "Reopened 2 time(s)"},
		{"open", Evidence{}, "resolved_once", -1, "Not solved yet"},
		{"verified first", Evidence{Level: "L2", VerifiedAt: day0.Add(time.Minute), FirstReplyAt: reply}, "verified_level", MaxScore, "verified (L2) at 2026-11-30 09:01 UTC, before the agent's first reply"},
		{"verified after the reply", Evidence{Level: "L1", VerifiedAt: reply.Add(time.Minute), FirstReplyAt: reply}, "verified_level", -1, "after the agent's first reply"},
		{"never verified", Evidence{Level: "L0", FirstReplyAt: reply}, "verified_level", -1, "never verified (L0)"},
		{"low CSAT", Evidence{CSAT: 2, CSATComment: "slow and vague"}, "empathy", -1, `rated the conversation 2/5: "slow and vague"`},
		{"no guard event", Evidence{}, "no_secret_asked", MaxScore, "refused none"},
		{"macros in the customer's language", Evidence{Language: "es", MacroLanguages: []string{"es", "es"}}, "clarity", -1, "2 macro(s) sent, all in the customer's language (es)"},
		{"a macro in another language", Evidence{Language: "es", MacroLanguages: []string{"es", "en", "pt", "en"}}, "clarity", 1, "Macro(s) in en, pt sent on a ticket in es"},
		{"no macro", Evidence{Language: "es"}, "clarity", -1, ""},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ada, rev := w.agent("Ada", "tier1"), w.agent("Rita", "supervisor")
		set := evidenceByTicket{}
		w.svc.evidence = set
		tickets := make([]int64, len(cases))
		for i, c := range cases {
			tickets[i] = w.ticket(ada, "solved", day0)
			set[tickets[i]] = c.ev
		}
		for i, c := range cases {
			prefill, hints, err := w.svc.prefill(w.ctx, tickets[i])
			if err != nil {
				t.Fatal(err)
			}
			it := Item{Prefill: prefill, Hints: hints}
			score, pre := it.Prefill[c.key]
			switch {
			case c.score < 0 && pre:
				t.Errorf("%s: %s pre-filled %d, want evidence only", c.name, c.key, score)
			case c.score >= 0 && (!pre || score != c.score):
				t.Errorf("%s: %s pre-filled %d (%v), want %d", c.name, c.key, score, pre, c.score)
			}
			if !strings.Contains(it.Hints[c.key], c.evidence) {
				t.Errorf("%s: evidence %q, want it to say %q", c.name, it.Hints[c.key], c.evidence)
			}
		}
		// A session shows the pre-filled score, and the reviewer overrides
		// it: the saved review has the reviewer's, not the data's.
		late := tickets[1]
		ss, err := w.svc.CreateSession(w.ctx, rev, NewSession{Kind: KindCalibration, Name: "evidence", TicketIDs: []int64{late}})
		if err != nil {
			t.Fatal(err)
		}
		if got := ss.Tickets[0].Prefill["answered_in_time"]; got != 1 {
			t.Errorf("session pre-fills answered_in_time %d, want 1", got)
		}
		r, err := w.svc.AddReview(w.ctx, ss.ID, rev, Scorecard{TicketID: late, Scores: allFour(map[string]int{"answered_in_time": 3})})
		if err != nil {
			t.Fatal(err)
		}
		if r.Scores["answered_in_time"] != 3 {
			t.Errorf("saved answered_in_time %d, want the reviewer's 3 over the pre-filled 1", r.Scores["answered_in_time"])
		}
	})
}

// TestNobodyResolvesADisputeOfTheirOwnReview: a supervisor's conversation
// reviewed by another supervisor is disputed by its agent, who also holds
// the manager's right to resolve disputes; that right never covers a
// review of their own work, and the review keeps its scores.
func TestNobodyResolvesADisputeOfTheirOwnReview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		mei, rita, max := w.agent("Mei", "supervisor"), w.agent("Rita", "supervisor"), w.agent("Max", "supervisor")
		tk := w.ticket(mei, "solved", day0.Add(-24*time.Hour))
		ss, err := w.svc.CreateSession(w.ctx, rita, NewSession{Kind: KindReview, Source: SourceRandom, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		r, err := w.svc.AddReview(w.ctx, ss.ID, rita, Scorecard{TicketID: tk, Scores: allFour(map[string]int{"no_secret_asked": 0})})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Dispute(w.ctx, r.ID, mei, "I warned them not to send it"); err != nil {
			t.Fatal(err)
		}
		perfect := Resolution{Outcome: StateRevised, Note: "fine by me", Scores: allFour(nil)}
		if _, err := w.svc.Resolve(w.ctx, r.ID, mei, true, perfect); !errs.Is(err, errs.Forbidden) {
			t.Errorf("Mei resolving the dispute of her own review as a manager: %v, want forbidden", err)
		}
		got, err := w.svc.Review(w.ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != StateDisputed || !got.SafetyFail || got.Total != r.Total {
			t.Errorf("after the refused resolution: state %s, safety fail %v, total %d; want disputed, true, %d", got.State, got.SafetyFail, got.Total, r.Total)
		}
		if _, err := w.svc.Resolve(w.ctx, r.ID, max, true, Resolution{Outcome: StateUpheld, Note: "the code was asked for"}); err != nil {
			t.Errorf("another manager resolving: %v", err)
		}
	})
}
