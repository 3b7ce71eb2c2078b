package metrics

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

// TestSurveyRefusals answers surveys the way a hurried customer and an
// attacker would: twice, as someone else, out of range, with a forged or
// moved link, too late, after a reopen; each gets its own clear answer
// and changes nothing.
func TestSurveyRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := newDay(t, db, monday)
		d.ticket("09:00", 1, 201, "chat", "de", "spot", 1)
		d.say("09:01", 1, "agent", agentAda)
		d.status("09:02", 1, open, solved)
		d.ticket("09:10", 2, 202, "email", "en", "kyc", 1)
		d.say("09:11", 2, "agent", agentBo)
		d.status("09:12", 2, open, solved)
		var csat1, nps1, csat2 int64
		for _, q := range []struct {
			dst    *int64
			ticket int64
			kind   string
		}{{&csat1, 1, KindCSAT}, {&nps1, 1, KindNPS}, {&csat2, 2, KindCSAT}} {
			if err := db.QueryRow(ctx, `SELECT id FROM surveys WHERE ticket_id = ? AND kind = ?`, q.ticket, q.kind).Scan(q.dst); err != nil {
				t.Fatalf("survey %s of ticket %d: %v", q.kind, q.ticket, err)
			}
		}
		tok1 := d.svc.Token(csat1, 201)
		sig2 := strings.SplitN(d.svc.Token(csat2, 202), ".", 2)[1]
		score := func(v int) *int { return &v }
		cases := []struct {
			name string
			tok  string
			a    Answer
			kind errs.Kind
			ref  Refusal
		}{
			{"no score", tok1, Answer{}, errs.Invalid, RefRange},
			{"CSAT 0", tok1, Answer{Score: score(0)}, errs.Invalid, RefRange},
			{"CSAT 6", tok1, Answer{Score: score(6)}, errs.Invalid, RefRange},
			{"NPS 11", d.svc.Token(nps1, 201), Answer{Score: score(11)}, errs.Invalid, RefRange},
			{"NPS -1", d.svc.Token(nps1, 201), Answer{Score: score(-1)}, errs.Invalid, RefRange},
			{"comment too long", tok1, Answer{Score: score(4), Comment: strings.Repeat("ü", 2001)}, errs.Invalid, RefComment},
			{"another customer signed in", tok1, Answer{Score: score(4), Customer: 202}, errs.Forbidden, RefOther},
			{"forged signature", "1.AAAAAAAAAAAAAAAAAAAAAAAA", Answer{Score: score(4)}, errs.NotFound, RefBadLink},
			{"signature of another survey", "1." + sig2, Answer{Score: score(4)}, errs.NotFound, RefBadLink},
			{"no such survey", "999.AAAAAAAAAAAAAAAAAAAAAAAA", Answer{Score: score(4)}, errs.NotFound, RefBadLink},
			{"garbage", "../../etc/passwd", Answer{Score: score(4)}, errs.NotFound, RefBadLink},
		}
		for _, c := range cases {
			_, err := d.svc.AnswerSurvey(ctx, c.tok, c.a, redact)
			if errs.KindOf(err) != c.kind || RefusalOf(err) != c.ref {
				t.Errorf("%s: got %v (kind %v, refusal %q), want kind %v refusal %q", c.name, err, errs.KindOf(err), RefusalOf(err), c.kind, c.ref)
			}
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM surveys WHERE answered_at > 0`); n != 0 {
			t.Fatalf("%d surveys answered by refused answers", n)
		}

		// The right answer, with a seed phrase in the comment: stored
		// without it (the guard's marker instead), and counted once however often it is sent.
		phrase := "abandon ability able about above absent absorb abstract absurd abuse access accident"
		sv, err := d.svc.AnswerSurvey(ctx, tok1, Answer{Score: score(5), Comment: "super, danke! " + phrase, Customer: 201}, redact)
		if err != nil {
			t.Fatal(err)
		}
		stored := storetest.Scalar[string](t, db, `SELECT comment FROM surveys WHERE id = ?`, csat1)
		if strings.Contains(stored, "abandon") || stored != sv.Comment || stored == "" {
			t.Errorf("stored comment %q (returned %q): the guard must cut the phrase", stored, sv.Comment)
		}
		_, err = d.svc.AnswerSurvey(ctx, tok1, Answer{Score: score(1)}, redact)
		if errs.KindOf(err) != errs.Conflict || RefusalOf(err) != RefAnswered {
			t.Errorf("second answer: %v, want conflict %q", err, RefAnswered)
		}
		if textFor("de").refusal(RefAnswered) != "Sie haben diese Umfrage bereits beantwortet. Danke!" {
			t.Errorf("German refusal text %q", textFor("de").refusal(RefAnswered))
		}

		// Ticket 2 reopens: its survey waits; solved again, the old link
		// is replaced by the new survey's.
		d.say("10:00", 2, "customer", 0)
		d.status("10:00", 2, solved, open)
		tok2 := d.svc.Token(csat2, 202)
		if _, err := d.svc.AnswerSurvey(ctx, tok2, Answer{Score: score(3)}, redact); RefusalOf(err) != RefReopened {
			t.Errorf("answer on a reopened ticket: %v, want %q", err, RefReopened)
		}
		d.status("11:00", 2, open, solved)
		if _, err := d.svc.AnswerSurvey(ctx, tok2, Answer{Score: score(3)}, redact); RefusalOf(err) != RefReplaced {
			t.Errorf("answer on a replaced survey: %v, want %q", err, RefReplaced)
		}
		// NPS is not asked again within the interval: one NPS for 202.
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM surveys WHERE customer_id = 202 AND kind = 'nps'`); n != 1 {
			t.Errorf("customer 202 has %d NPS surveys, want 1 (asked at most every 90 days)", n)
		}
		// Expired: fourteen days later the link is closed.
		var latest int64
		if err := db.QueryRow(ctx, `SELECT MAX(id) FROM surveys WHERE ticket_id = 2 AND kind = 'csat'`).Scan(&latest); err != nil {
			t.Fatal(err)
		}
		d.clock.Set(monday.Add(15 * 24 * time.Hour))
		if _, err := d.svc.AnswerSurvey(ctx, d.svc.Token(latest, 202), Answer{Score: score(3)}, redact); RefusalOf(err) != RefExpired {
			t.Errorf("answer after expiry: %v, want %q", err, RefExpired)
		}
		// After the interval, a new solve asks for NPS again.
		d.ticket("12:00", 3, 202, "email", "en", "kyc", 1)
		d.clock.Set(monday.Add(91 * 24 * time.Hour))
		d.pumpStatus(3, open, solved)
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM surveys WHERE customer_id = 202 AND kind = 'nps'`); n != 2 {
			t.Errorf("customer 202 has %d NPS surveys after 91 days, want 2", n)
		}
	})
}

// pumpStatus changes a ticket's status at the clock's current time.
func (d *day) pumpStatus(tid int64, from, to ticket.Status) {
	d.t.Helper()
	if err := d.db.Tx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
		return ticket.StatusChanged.Emit(ctx, tx, ticket.StatusChangedEvent{TicketID: tid, From: from, To: to})
	}); err != nil {
		d.t.Fatal(err)
	}
	d.pump()
}

// TestSettingsRefuseNonsense: out-of-range settings are refused with the
// field named, and nothing changes.
func TestSettingsRefuseNonsense(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		d := newDay(t, db, monday)
		ctx := context.Background()
		good, err := d.svc.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !good.CSATEnabled || good.NPSEveryDays != 90 || good.FCRWindowHours != 168 {
			t.Fatalf("default settings %+v", good)
		}
		for _, bad := range []Settings{{NPSEveryDays: 0, FCRWindowHours: 1, SpikeFactor: 3, SpikeMin: 1}, {NPSEveryDays: 1, FCRWindowHours: 99999, SpikeFactor: 3, SpikeMin: 1},
			{NPSEveryDays: 1, FCRWindowHours: 1, SpikeFactor: 1, SpikeMin: 1}, {NPSEveryDays: 1, FCRWindowHours: 1, SpikeFactor: 3, SpikeMin: 0}} {
			var e *errs.Error
			if err := d.svc.SaveSettings(ctx, bad); errs.KindOf(err) != errs.Invalid {
				t.Errorf("%+v: %v, want invalid", bad, err)
			} else if e, _ = errs.As(err); e.Field == "" {
				t.Errorf("%+v: the error names no field", bad)
			}
		}
		if now, _ := d.svc.Settings(ctx); now != good {
			t.Errorf("settings changed by refused saves: %+v", now)
		}
	})
}

// TestCommentSurvey: a chat's comment after the score lands on an
// answered survey once, cleaned of secrets; none before the answer, no
// second one, none too long, none through a bad link.
func TestCommentSurvey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := newDay(t, db, monday)
		d.ticket("09:00", 1, 201, "telegram", "de", "spot", 1)
		d.say("09:01", 1, "agent", agentAda)
		d.status("09:02", 1, open, solved)
		var id int64
		if err := db.QueryRow(ctx, `SELECT id FROM surveys WHERE ticket_id = 1 AND kind = ?`, KindCSAT).Scan(&id); err != nil {
			t.Fatal(err)
		}
		tok := d.svc.Token(id, 201)
		o, err := d.svc.SurveyOffer(ctx, id)
		if err != nil || o.Token != tok || o.Question != surveyTexts["de"].CSATQ || o.Min != 1 || o.Max != 5 {
			t.Fatalf("offer %+v (%v)", o, err)
		}
		if err := d.svc.CommentSurvey(ctx, tok, "vorher", redact); RefusalOf(err) != RefAnswered {
			t.Errorf("comment before the answer: %v, want %q", err, RefAnswered)
		}
		if err := d.answer("09:05", tok, 4); err != nil {
			t.Fatal(err)
		}
		phrase := "abandon ability able about above absent absorb abstract absurd abuse access accident"
		cases := []struct {
			name, tok, text string
			ref             Refusal
		}{
			{"bad link", "1.AAAAAAAAAAAAAAAAAAAAAAAA", "x", RefBadLink},
			{"too long", tok, strings.Repeat("ü", 2001), RefComment},
			{"the comment", tok, "schnell " + phrase, ""},
			{"a second comment", tok, "noch was", RefAnswered},
		}
		for _, c := range cases {
			if err := d.svc.CommentSurvey(ctx, c.tok, c.text, redact); RefusalOf(err) != c.ref || (c.ref == "") != (err == nil) {
				t.Errorf("%s: %v, want refusal %q", c.name, err, c.ref)
			}
		}
		got := storetest.Scalar[string](t, db, `SELECT comment FROM surveys WHERE id = ?`, id)
		if !strings.HasPrefix(got, "schnell") || strings.Contains(got, "absorb") {
			t.Errorf("stored comment %q", got)
		}
		if RefusalText("de", RefOther) != surveyTexts["de"].Other || RefusalText("xx", RefAnswered) != surveyTexts["en"].Answered {
			t.Error("RefusalText does not follow the survey texts")
		}
	})
}
