package email

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/emersion/go-smtp"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// emailTicket opens an e-mail ticket from a customer unknown to the
// exchange and returns it with an agent.
func emailTicket(t *testing.T, e *env) (ticketID, agent int64) {
	t.Helper()
	out, err := e.svc.Receive(e.ctx, crlf("From: Lee <lee@example.net>\nMessage-ID: <l1@example.net>\nSubject: Card payment\n\nMy card payment failed.\n"), "test")
	if err != nil {
		t.Fatal(err)
	}
	return out.TicketID, addAgent(t, e.db, "ana@exchange.test")
}

// TestOutboundRetriesAndRestart: a relay that defers is retried with
// back-off; a mail queued before a restart is sent once by the next
// process; one the relay refuses for good is marked failed; notes and the
// customer's own messages are never mailed.
func TestOutboundRetriesAndRestart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		clock := store.NewFakeClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
		db.SetClock(clock.Now)
		e := newEnv(t, db)
		tid, agent := emailTicket(t, e)
		v := ticket.Viewer{AgentID: agent, AllTeams: true, Notes: true}
		if _, err := e.tickets.AddNote(e.ctx, v, tid, ticket.NewMessage{Body: "internal: check the card processor"}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.tickets.AddMessage(e.ctx, v, tid, ticket.NewMessage{Body: "We are looking into it."}); err != nil {
			t.Fatal(err)
		}
		e.sink.setFail(&smtp.SMTPError{Code: 451, Message: "try later"})
		if n := e.pump(); n != 0 {
			t.Fatalf("%d sent to a deferring relay", n)
		}
		if st := storetest.Scalar[string](t, db, `SELECT status FROM email_messages WHERE direction = 'out'`); st != StatusQueued {
			t.Fatalf("status %q after a deferral, want queued", st)
		}
		// The process restarts: a new service over the same database.
		e.sink.setFail(nil)
		restarted, err := New(e.svc.cfg)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := restarted.SendQueued(e.ctx); err != nil || n != 0 {
			t.Fatalf("before the back-off: %d, %v", n, err)
		}
		clock.Advance(time.Minute)
		if n, err := restarted.SendQueued(e.ctx); err != nil || n != 1 {
			t.Fatalf("after the back-off: %d, %v; want 1", n, err)
		}
		if n, err := restarted.SendQueued(e.ctx); err != nil || n != 0 {
			t.Fatalf("again: %d, %v; want 0", n, err)
		}
		got := e.sink.mails()
		if len(got) != 1 || !bytes.Contains(got[0].raw, []byte("We are looking into it.")) || bytes.Contains(got[0].raw, []byte("card processor")) {
			t.Fatalf("relay got %d mails: %q", len(got), got)
		}
		// Lee is not known to the exchange: no phrase line.
		if bytes.Contains(got[0].raw, []byte("anti-phishing")) {
			t.Errorf("a phrase line for an unknown customer: %s", got[0].raw)
		}
		// A permanent refusal is not retried.
		if _, err := e.tickets.AddMessage(e.ctx, v, tid, ticket.NewMessage{Body: "Second answer."}); err != nil {
			t.Fatal(err)
		}
		e.sink.setFail(&smtp.SMTPError{Code: 550, Message: "no such user"})
		e.pump()
		clock.Advance(3 * time.Hour)
		e.pump()
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM email_messages WHERE status = 'failed' AND attempts = 1`); n != 1 {
			t.Errorf("%d mails failed after one attempt, want 1", n)
		}
		// A reply whose event comes hours late (a relay configured only now)
		// is not mailed.
		e.sink.setFail(nil)
		if _, err := e.tickets.AddMessage(e.ctx, v, tid, ticket.NewMessage{Body: "An old answer."}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(maxReplyAge + time.Minute)
		if n := e.pump(); n != 0 {
			t.Errorf("%d old replies mailed, want 0: %q", n, e.sink.mails()[len(e.sink.mails())-1].raw[:400])
		}
	})
}

// TestDKIMSigned: with a key configured, outbound mail carries a
// DKIM-Signature that verifies against the public key.
func TestDKIMSigned(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		pub, priv, err := ed25519.GenerateKey(nil)
		if err != nil {
			t.Fatal(err)
		}
		e.svc.cfg.DKIM = DKIM{Domain: "exchange.test", Selector: "gc1", Signer: priv}
		tid, agent := emailTicket(t, e)
		if _, err := e.tickets.AddMessage(e.ctx, ticket.Viewer{AgentID: agent, AllTeams: true}, tid, ticket.NewMessage{Body: "Signed answer."}); err != nil {
			t.Fatal(err)
		}
		if n := e.pump(); n != 1 {
			t.Fatalf("%d sent", n)
		}
		raw := e.sink.mails()[0].raw
		verifications, err := dkim.VerifyWithOptions(bytes.NewReader(raw), &dkim.VerifyOptions{
			LookupTXT: func(domain string) ([]string, error) {
				if domain != "gc1._domainkey.exchange.test" {
					t.Errorf("looked up %s", domain)
				}
				return []string{"v=DKIM1; k=ed25519; p=" + b64(pub)}, nil
			},
		})
		if err != nil || len(verifications) != 1 || verifications[0].Err != nil || verifications[0].Domain != "exchange.test" {
			t.Fatalf("DKIM: %+v, %v", verifications, err)
		}
	})
}

func b64(b []byte) string {
	return strings.TrimRight(encodeStd(b), "\n")
}

func encodeStd(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// TestSeedPhraseByMail: a seed phrase mailed in is cut by the guard before
// it is stored, in the HTML part as in the text, and the guard's warning
// goes back to the customer by mail.
func TestSeedPhraseByMail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		phrase := "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
		words := strings.Fields(phrase)
		var items strings.Builder
		for _, w := range words {
			items.WriteString("<li>" + w + "</li>")
		}
		out, err := e.svc.Receive(e.ctx, crlf("From: lee@example.net\nMessage-ID: <seed@example.net>\nSubject: Wallet\nContent-Type: text/html\n\n<p>My wallet words:</p><ol>"+items.String()+"</ol>\n"), "test")
		if err != nil {
			t.Fatal(err)
		}
		msgs := e.messages(out.TicketID)
		for _, m := range msgs {
			if strings.Contains(m.Body, "abandon") {
				t.Fatalf("stored %s message %q keeps the seed phrase", m.AuthorKind, m.Body)
			}
		}
		if len(msgs) != 2 || msgs[1].AuthorKind != "system" {
			t.Fatalf("messages %+v, want the customer's and the guard's warning", msgs)
		}
		if n := e.pump(); n != 1 {
			t.Fatalf("%d mails sent, want the warning", n)
		}
		raw := string(e.sink.mails()[0].raw)
		if strings.Contains(raw, "abandon") {
			t.Errorf("the warning mail quotes the phrase: %s", raw)
		}
		var rowID int64
		var sealed string
		if err := db.QueryRow(e.ctx, `SELECT id, raw FROM email_messages WHERE rfc_message_id = 'seed@example.net'`).Scan(&rowID, &sealed); err != nil {
			t.Fatal(err)
		}
		kept, err := e.keys.Open(sealed, rawAAD(rowID))
		if err != nil || strings.Contains(kept, "abandon") || !strings.Contains(kept, "Subject: Wallet") {
			t.Errorf("kept copy %q (%v): want the header only", kept, err)
		}
	})
}

// TestDemoMailbox: the demo's relay keeps what is sent and shows it, with
// the customer's subject escaped.
func TestDemoMailbox(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite))
	box, err := StartDemoMailbox()
	if err != nil {
		t.Fatal(err)
	}
	defer box.Close()
	e.svc.cfg.Relay = Relay{Addr: box.Addr()}
	out, err := e.svc.Receive(e.ctx, crlf("From: lee@example.net\nMessage-ID: <x@example.net>\nSubject: <script>alert(1)</script>\n\nhello\n"), "test")
	if err != nil {
		t.Fatal(err)
	}
	agent := addAgent(t, e.db, "ana@exchange.test")
	if _, err := e.tickets.AddMessage(e.ctx, ticket.Viewer{AgentID: agent, AllTeams: true}, out.TicketID, ticket.NewMessage{Body: "Hello Lee"}); err != nil {
		t.Fatal(err)
	}
	if n := e.pump(); n != 1 {
		t.Fatalf("%d sent", n)
	}
	rec := httptest.NewRecorder()
	box.ServeHTTP(rec, httptest.NewRequest("GET", "/demo/mail", nil))
	page := rec.Body.String()
	if !strings.Contains(page, "Hello Lee") || !strings.Contains(page, "&lt;x@example.net&gt;") || strings.Contains(page, "<script>") {
		t.Errorf("page:\n%s", page)
	}
}

// TestBounceMarked: a delivery report that returns one of our mails marks
// it bounced (and opens no ticket).
func TestBounceMarked(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite))
	tid, agent := emailTicket(t, e)
	if _, err := e.tickets.AddMessage(e.ctx, ticket.Viewer{AgentID: agent, AllTeams: true}, tid, ticket.NewMessage{Body: "We are on it."}); err != nil {
		t.Fatal(err)
	}
	if n := e.pump(); n != 1 {
		t.Fatalf("%d sent", n)
	}
	ours := storetest.Scalar[string](t, e.db, `SELECT rfc_message_id FROM email_messages WHERE direction = 'out'`)
	dsn := "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: support@exchange.test\nSubject: Undelivered Mail Returned to Sender\nMessage-ID: <dsn1@mx.example.net>\n" +
		"Content-Type: multipart/report; report-type=delivery-status; boundary=r\n\n--r\nContent-Type: text/plain\n\nThe mailbox lee@example.net does not exist.\n" +
		"--r\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; lee@example.net\nAction: failed\nStatus: 5.1.1\n\n" +
		"--r\nContent-Type: text/rfc822-headers\n\nFrom: support@exchange.test\nMessage-Id: <" + ours + ">\nSubject: Re: Card payment\n--r--\n"
	out, err := e.svc.Receive(e.ctx, crlf(dsn), "test")
	if err != nil || out.Status != StatusIgnored {
		t.Fatalf("bounce: %+v, %v", out, err)
	}
	if st := storetest.Scalar[string](t, e.db, `SELECT status FROM email_messages WHERE direction = 'out'`); st != StatusBounced {
		t.Errorf("our mail is %q after the bounce, want bounced", st)
	}
	if n := storetest.Scalar[int](t, e.db, `SELECT COUNT(*) FROM tickets`); n != 1 {
		t.Errorf("%d tickets, want 1", n)
	}
}

// TestSeedPhraseOnlyInTheHTMLPart: a mail whose HTML part holds a seed
// phrase that its text part lacks (the sender's client showed the HTML;
// it wrote the text part itself) is stored as the HTML's text with the
// phrase cut, and the customer is warned by mail in their language, as
// for any redaction. Before, the text part was stored clean and no one
// was told. The mail goes through a real SMTP session.
func TestSeedPhraseOnlyInTheHTMLPart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		addr := e.listen()
		var items strings.Builder
		for _, w := range strings.Fields("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about") {
			items.WriteString("<li>" + w + "</li>")
		}
		raw := crlf("From: Lee <lee@example.net>\nTo: support@exchange.test\nMessage-ID: <alt@example.net>\nSubject: Mi billetera\n" +
			"Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nHola, no puedo entrar en mi billetera. Mis palabras están abajo.\n" +
			"--b\nContent-Type: text/html; charset=utf-8\n\n<p>Hola, no puedo entrar en mi billetera. Mis palabras están abajo.</p><ol>" + items.String() + "</ol>\n--b--\n")
		if err := send(t, addr, "lee@example.net", []string{"support@exchange.test"}, raw); err != nil {
			t.Fatal(err)
		}
		id := storetest.Scalar[int64](t, db, `SELECT ticket_id FROM email_messages WHERE rfc_message_id = 'alt@example.net'`)
		tk, err := e.tickets.Get(e.ctx, agentViewer, id)
		if err != nil {
			t.Fatal(err)
		}
		msgs := tk.Messages
		if len(msgs) != 2 || msgs[1].AuthorKind != "system" {
			t.Fatalf("messages %+v, want the customer's and the guard's warning", msgs)
		}
		if body := msgs[0].Body; strings.Contains(body, "abandon") || !strings.Contains(body, "[seed phrase removed]") || !strings.Contains(body, "billetera") {
			t.Errorf("stored %q: want the HTML's text with the phrase cut and marked", body)
		}
		if want := screen().Warning("es", []string{"seed_phrase"}); tk.Language != "es" || want == "" || msgs[1].Body != want {
			t.Errorf("warning %q, want the guard's in %s: %q", msgs[1].Body, tk.Language, want)
		}
		if n := e.pump(); n != 1 {
			t.Fatalf("%d mails sent, want the warning", n)
		}
		var rowID int64
		var sealed string
		if err := db.QueryRow(e.ctx, `SELECT id, raw FROM email_messages WHERE rfc_message_id = 'alt@example.net'`).Scan(&rowID, &sealed); err != nil {
			t.Fatal(err)
		}
		if kept, err := e.keys.Open(sealed, rawAAD(rowID)); err != nil || strings.Contains(kept, "abandon") {
			t.Errorf("kept copy %q (%v): want the header only", kept, err)
		}
	})
}

// TestSubjectIsPlainText: a subject is what the customer typed, markup and
// all (pages escape it), never read as HTML: "<script>…</script>" used to
// be reduced to nothing and stored as an empty subject. A subject with
// nothing left after "Re:" says so in the mail's language. Through real
// SMTP sessions, on both engines.
func TestSubjectIsPlainText(t *testing.T) {
	cases := []struct{ id, subject, body, want string }{
		{"s1", "<script>alert(1)</script>", "Hello, my deposit has not arrived yet.", "<script>alert(1)</script>"},
		{"s2", `<img src=x onerror="alert(1)"> <b>USDT</b> deposit`, "Hello, my deposit has not arrived yet.", `<img src=x onerror="alert(1)"> <b>USDT</b> deposit`},
		{"s3", "Re: ", "Hallo, meine Einzahlung ist noch nicht angekommen. Können Sie bitte nachsehen, was passiert ist?", "(kein Betreff)"},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		addr := e.listen()
		for _, c := range cases {
			raw := crlf("From: Lee <lee@example.net>\nTo: support@exchange.test\nMessage-ID: <" + c.id + "@example.net>\nSubject: " + c.subject + "\n\n" + c.body + "\n")
			if err := send(t, addr, "lee@example.net", []string{"support@exchange.test"}, raw); err != nil {
				t.Fatal(err)
			}
			id := storetest.Scalar[int64](t, db, `SELECT ticket_id FROM email_messages WHERE rfc_message_id = ?`, c.id+"@example.net")
			tk, err := e.tickets.Get(e.ctx, agentViewer, id)
			if err != nil {
				t.Fatal(err)
			}
			if tk.Subject != c.want {
				t.Errorf("subject %q stored as %q, want %q", c.subject, tk.Subject, c.want)
			}
		}
	})
}
