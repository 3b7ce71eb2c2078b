package email

import (
	"io"
	"log/slog"
	"mime/quotedprintable"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/emersion/go-message/mail"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/metrics"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/web/webtest"
)

const site = "https://help.exchange.test"

// surveyMail solves a German e-mail ticket and runs metrics' consumer,
// the survey consumer and the sender as the running server does; it
// returns the surveys and the survey mail the relay got.
func surveyMail(t *testing.T, e *env) (*metrics.Service, int64, sunk) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sv := metrics.New(e.db, sla.New(e.db, nil, nil, nil, log), [][]byte{[]byte("test survey key, 32 bytes long!!")}, log)
	e.svc.surveys, e.svc.site = sv, site
	tid, agent := emailTicket(t, e)
	v := ticket.Viewer{AgentID: agent, AllTeams: true}
	de, solved := "de", ticket.StatusSolved
	if _, err := e.tickets.UpdateTicket(e.ctx, v, tid, ticket.Update{Language: &de}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.tickets.AddMessage(e.ctx, v, tid, ticket.NewMessage{Body: "Die Zahlung ist jetzt durch."}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.tickets.UpdateTicket(e.ctx, v, tid, ticket.Update{Status: &solved}); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second round is a redelivery: nothing more goes out
		evs, err := bus.Pending(e.ctx, e.db, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if err := sv.HandleEvents(e.ctx, evs); err != nil {
			t.Fatal(err)
		}
		if evs, err = bus.Pending(e.ctx, e.db, 1000); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.HandleEvents(e.ctx, evs); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.HandleSurveys(e.ctx, evs); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.SendQueued(e.ctx); err != nil {
			t.Fatal(err)
		}
	}
	mails := e.sink.mails()
	if len(mails) != 2 {
		t.Fatalf("%d mails, want the reply and one survey (no NPS mail, no repeat)", len(mails))
	}
	return sv, tid, mails[1]
}

var scoreLink = regexp.MustCompile(`https://help\.exchange\.test/survey/([0-9]+\.[A-Za-z0-9_-]{24})\?score=([0-9]+)`)

// TestSurveyMail: a solved e-mail ticket gets one CSAT mail in its
// language, in the ticket's thread, with the signed survey link and one
// link per score; following the links answers nothing.
func TestSurveyMail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		sv, tid, m := surveyMail(t, e)
		msg, err := mail.CreateReader(strings.NewReader(string(m.raw)))
		if err != nil {
			t.Fatal(err)
		}
		subject, _ := msg.Header.Subject()
		inReplyTo, _ := msg.Header.MsgIDList("In-Reply-To")
		if m.to[0] != "lee@example.net" || !strings.HasPrefix(subject, "Re: Card payment [") || len(inReplyTo) != 1 || inReplyTo[0] != "l1@example.net" {
			t.Errorf("survey mail to %v, subject %q, in reply to %v: want the ticket's thread", m.to, subject, inReplyTo)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(string(m.raw))))
		if err != nil {
			t.Fatal(err)
		}
		text := string(body)
		if !strings.Contains(text, "Wie bewerten Sie die erhaltene Hilfe?") || !strings.Contains(text, "Möchten Sie noch etwas ergänzen?") {
			t.Errorf("survey mail is not in German:\n%s", text)
		}
		links := scoreLink.FindAllStringSubmatch(text, -1)
		if len(links) != 10 { // five in the text part, five in the HTML part
			t.Fatalf("%d score links, want 5 per part:\n%s", len(links), text)
		}
		for i, l := range links[:5] {
			if l[2] != string(rune('1'+i)) || l[1] != links[0][1] {
				t.Errorf("score link %d: %q", i, l[0])
			}
		}
		got, err := sv.SurveyByToken(e.ctx, links[0][1])
		if err != nil || got.TicketID != tid || got.Kind != metrics.KindCSAT {
			t.Fatalf("the mail's token names survey %+v (%v), want ticket %d's CSAT", got, err, tid)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM email_messages WHERE direction = 'out' AND ticket_id = ?`, tid); n != 2 {
			t.Errorf("%d outbound mails on the ticket, want 2", n)
		}
	})
}

// TestSurveyMailInBrowser follows the mail's score link in Chromium: the
// page opens with that score chosen and nothing answered; sending the
// form answers it.
func TestSurveyMailInBrowser(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	e := newEnv(t, db)
	sv, _, m := surveyMail(t, e)
	body, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(string(m.raw))))
	if err != nil {
		t.Fatal(err)
	}
	link := scoreLink.FindStringSubmatch(string(body))
	if link == nil {
		t.Fatal("no score link in the mail")
	}
	four := strings.Replace(link[0], "score="+link[2], "score=4", 1)

	assets, err := web.NewAssets(metrics.Static)
	if err != nil {
		t.Fatal(err)
	}
	detector := guard.NewDetector()
	h, err := metrics.NewHTTP(sv, assets, func(s string) string { return detector.ScanText(s).Redacted }, nil)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", assets)
	for _, rt := range h.PageRoutes() {
		if rt.Perm == "" {
			mux.HandleFunc(rt.Pattern(), rt.Handler)
		}
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	ctx := webtest.Chromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(strings.Replace(four, site, srv.URL, 1))); err != nil {
		t.Fatal(err)
	}
	if q := webtest.Text(t, ctx, "h1"); q != "Wie bewerten Sie die erhaltene Hilfe?" {
		t.Errorf("question %q", q)
	}
	checked, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("input[name=score]:checked") || {value: ""}).value`))
	if err != nil || checked != "4" {
		t.Errorf("chosen score %q (%v), want 4 from the link", checked, err)
	}
	webtest.Shoot(t, ctx, "survey-from-mail-de")
	if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM surveys WHERE answered_at > 0`); n != 0 {
		t.Fatalf("opening the mail's link answered %d surveys", n)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`button[type=submit]`), chromedp.WaitVisible(`#survey-thanks`)); err != nil {
		t.Fatal(err)
	}
	if got := storetest.Scalar[int64](t, db, `SELECT score FROM surveys WHERE kind = 'csat'`); got != 4 {
		t.Errorf("stored score %d, want 4", got)
	}
}
