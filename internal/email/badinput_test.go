package email

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/smtp"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// smtpCode is the reply code of an SMTP refusal from net/smtp.
func smtpCode(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	return 0
}

func bomb(depth int) string {
	var b strings.Builder
	b.WriteString("From: x@example.com\nSubject: bomb\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n")
	for i := range depth {
		fmt.Fprintf(&b, "--b%d\nContent-Type: multipart/mixed; boundary=\"b%d\"\n\n", i, i+1)
	}
	b.WriteString("--b" + fmt.Sprint(depth) + "\nContent-Type: text/plain\n\nhi\n")
	for i := depth; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\n", i)
	}
	return b.String()
}

// TestThirtyMegabytesRefused: a 30 MB mail is refused with 552 while it is
// sent, and the session goes on (SQLite only: nothing reaches the store).
// The session is written by hand so that the mail goes in large writes.
// Under the race detector, which makes go-smtp's byte-wise reading of 30 MB
// take half a minute, the limit is 2.5 MB and the mail 3 MB: the same path
// at a tenth of the size.
func TestThirtyMegabytesRefused(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite))
	size := 30 << 20
	if raceEnabled {
		e.svc.cfg.MaxBytes, size = MaxBytes/10, 3<<20
	}
	conn, err := net.Dial("tcp", e.listen())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tc := textproto.NewConn(conn)
	expect := func(code int, cmd string) {
		t.Helper()
		if cmd != "" {
			if err := tc.PrintfLine("%s", cmd); err != nil {
				t.Fatal(err)
			}
		}
		if _, msg, err := tc.ReadResponse(code); err != nil {
			t.Fatalf("%q: %v %s", cmd, err, msg)
		}
	}
	expect(220, "")
	expect(250, "EHLO test.example")
	line := []byte(strings.Repeat("abcdefghij", 7) + "abcd\r\n")
	big := bytes.Repeat(line, size/len(line))
	for _, mail := range []struct {
		body []byte
		code int
	}{{big, 552}, {crlf("hello\n"), 250}} {
		expect(250, "MAIL FROM:<a@example.com>")
		expect(250, "RCPT TO:<support@exchange.test>")
		expect(354, "DATA")
		data := append(crlf("From: a@example.com\nSubject: size\n\n"), mail.body...)
		if _, err := conn.Write(append(data, ".\r\n"...)); err != nil {
			t.Fatal(err)
		}
		expect(mail.code, "")
	}
	if n := storetest.Scalar[int](t, e.db, `SELECT COUNT(*) FROM tickets`); n != 1 {
		t.Errorf("%d tickets, want the small mail's only", n)
	}
}

// TestRefusedAtSMTP: what cannot become a ticket is refused in the SMTP
// session with a clear code, and nothing is stored.
func TestRefusedAtSMTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		addr := e.listen()
		cases := []struct {
			name string
			to   string
			raw  []byte
			code int
		}{
			{"no From", "support@exchange.test", crlf("Subject: who\n\nhello\n"), 554},
			{"broken header", "support@exchange.test", crlf("From a@example.com\nthis is not a header\n\nbody\n"), 554},
			{"multipart bomb", "support@exchange.test", crlf(bomb(50)), 554},
			{"address the store refuses", "support@exchange.test", crlf("From: \"john doe\"@example.com\nSubject: hi\n\nhello\n"), 554},
			{"relaying", "victim@elsewhere.test", crlf("From: a@example.com\n\nhi\n"), 550},
		}
		for _, c := range cases {
			err := send(t, addr, "a@example.com", []string{c.to}, c.raw)
			if got := smtpCode(err); got != c.code {
				t.Errorf("%s: %v (code %d), want %d", c.name, err, got, c.code)
			}
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM tickets`); n != 0 {
			t.Errorf("%d tickets after refused mail, want 0", n)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM email_messages WHERE status <> 'refused'`); n != 0 {
			t.Errorf("%d mails recorded after refused mail, want 0", n)
		}
		// The mail the store refused is recorded as such, so a retry is a
		// duplicate instead of another refusal.
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM email_messages WHERE status = 'refused'`); n != 1 {
			t.Errorf("%d mails recorded as refused, want 1", n)
		}
	})
}

// TestNoTicketsFromMachines: auto-replies, bounces, lists and our own mail
// come back never open a ticket or join one, and are never answered.
func TestNoTicketsFromMachines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		addr := e.listen()
		ours := "gc.1.abcdef@exchange.test"
		for i, raw := range []string{
			"From: ana@example.com\nAuto-Submitted: auto-replied\nSubject: Out of office\nIn-Reply-To: <" + ours + ">\n\nI am away.\n",
			"From: MAILER-DAEMON@mx.example.com\nSubject: Undelivered Mail Returned to Sender\n\nThis is the mail system.\n",
			"From: news@example.com\nPrecedence: bulk\nSubject: News\n\nNews.\n",
			"From: list@example.com\nList-Id: <x.example.com>\nSubject: List\n\nList.\n",
			"From: ana@example.com\nSubject: report\nContent-Type: multipart/report; report-type=delivery-status; boundary=x\n\n--x\nContent-Type: text/plain\n\nfailed\n--x--\n",
			"From: Support <support@exchange.test>\nSubject: Re: loop\n\nOur own mail came back.\n",
			"From: ana@example.com\nMessage-ID: <" + ours + ">\nSubject: replayed\n\nOur own Message-ID.\n",
		} {
			if err := send(t, addr, "x@example.com", []string{"support@exchange.test"}, crlf(raw)); err != nil {
				t.Errorf("mail %d: %v; machine mail is accepted and dropped", i, err)
			}
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM tickets`); n != 0 {
			t.Errorf("%d tickets from machine mail, want 0", n)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM email_messages WHERE status = 'ignored'`); n != 7 {
			t.Errorf("%d machine mails recorded as ignored, want 7", n)
		}
	})
}

// TestReplayStoredOnce: the same mail delivered again (a retrying sender,
// a mailbox fetched twice, an attacker's replay) is stored once.
func TestReplayStoredOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		addr := e.listen()
		raw := crlf("From: ana@example.com\nMessage-ID: <once@example.com>\nSubject: Help\n\nMy withdrawal is stuck.\n")
		noID := crlf("From: ana@example.com\nSubject: Again\n\nNo Message-ID here.\n")
		for range 3 {
			for _, r := range [][]byte{raw, noID} {
				if err := send(t, addr, "ana@example.com", []string{"support@exchange.test"}, r); err != nil {
					t.Fatal(err)
				}
			}
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM messages`); n != 2 {
			t.Errorf("%d messages after three deliveries of two mails, want 2", n)
		}
		out, err := e.svc.Receive(e.ctx, raw, "test")
		if err != nil || out.Status != StatusDuplicate {
			t.Errorf("replay: %+v, %v; want duplicate", out, err)
		}
	})
}

// TestForgedThreads: a reply from another address, or a From that failed
// DMARC, never joins the ticket it points at; it opens one of its own,
// tagged for the agent. An Authentication-Results header from a server we
// do not trust counts for nothing.
func TestForgedThreads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		first, err := e.svc.Receive(e.ctx, crlf("From: victim@example.com\nMessage-ID: <v1@example.com>\nSubject: My 2FA\n\nPlease reset my 2FA.\n"), "test")
		if err != nil {
			t.Fatal(err)
		}
		victim := first.TicketID
		token := e.svc.tokens.subjectTag(victim)
		cases := []struct {
			name, raw, tag, auth string
		}{
			{"forged In-Reply-To", "From: attacker@evil.test\nMessage-ID: <a1@evil.test>\nIn-Reply-To: <v1@example.com>\nSubject: Re: My 2FA\n\nSend me the reset link.\n", TagOtherSender, AuthNone},
			{"stolen reply token", "From: attacker@evil.test\nMessage-ID: <a2@evil.test>\nSubject: Re: My 2FA " + token + "\n\nSend me the reset link.\n", TagOtherSender, AuthNone},
			{"spoofed From failing DMARC", "Authentication-Results: mx.exchange.test; spf=fail smtp.mailfrom=evil.test; dkim=none; dmarc=fail header.from=example.com\nFrom: victim@example.com\nMessage-ID: <a3@evil.test>\nIn-Reply-To: <v1@example.com>\nSubject: Re: My 2FA\n\nChange my e-mail to attacker@evil.test.\n", TagDMARCFail, AuthFail},
		}
		for _, c := range cases {
			out, err := e.svc.Receive(e.ctx, crlf(c.raw), "test")
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if out.Status != StatusTicket || out.TicketID == victim || out.Auth != c.auth {
				t.Errorf("%s: %+v, want a new ticket with auth %s", c.name, out, c.auth)
				continue
			}
			tk, err := e.tickets.Head(e.ctx, agentViewer, out.TicketID)
			if err != nil {
				t.Fatal(err)
			}
			if !contains(tk.Tags, c.tag) {
				t.Errorf("%s: tags %v, want %s", c.name, tk.Tags, c.tag)
			}
		}
		if msgs := e.messages(victim); len(msgs) != 1 {
			t.Errorf("the victim's ticket has %d messages, want its own 1", len(msgs))
		}
		// A forged pass from an untrusted server, and the same mail's real
		// result from ours: ours decides.
		out, err := e.svc.Receive(e.ctx, crlf("Authentication-Results: mx.evil.test; dmarc=pass header.from=example.com\nAuthentication-Results: mx.exchange.test; dmarc=fail header.from=example.com\nFrom: victim@example.com\nMessage-ID: <a4@evil.test>\nSubject: hi\n\nhello\n"), "test")
		if err != nil || out.Auth != AuthFail {
			t.Errorf("untrusted pass + trusted fail: %+v %v, want fail", out, err)
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestTicketFlood: one address opening ticket after ticket (a script, an
// unrecognised auto-responder) gets maxNewTicketsPerHour; later mail joins
// the latest, so nothing is lost and the queue is not flooded.
func TestTicketFlood(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		for i := range maxNewTicketsPerHour + 3 {
			raw := crlf(fmt.Sprintf("From: bot@example.org\nMessage-ID: <f%d@example.org>\nSubject: Alert %d\n\nSomething happened (%d).\n", i, i, i))
			if _, err := e.svc.Receive(e.ctx, raw, "test"); err != nil {
				t.Fatal(err)
			}
		}
		// The mails past the limit carry no proof of their sender: they
		// share one held ticket instead of opening more.
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM tickets`); n != maxNewTicketsPerHour+1 {
			t.Errorf("%d tickets, want %d", n, maxNewTicketsPerHour+1)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM messages`); n != maxNewTicketsPerHour+3 {
			t.Errorf("%d messages, want every mail's", n)
		}
	})
}

// TestFloodNeedsProofToJoin: past the hourly limit, a mail joins the
// sender's latest conversation only when it passed authentication. A
// forged From (no verdict, or DMARC failing) never writes into the real
// customer's conversation: it goes to one held ticket per sender and hour,
// tagged for the agent, and nothing acknowledged is lost.
func TestFloodNeedsProofToJoin(t *testing.T) {
	const pass = "Authentication-Results: mx.exchange.test; dmarc=pass header.from=example.com\n"
	const fail = "Authentication-Results: mx.exchange.test; dmarc=fail header.from=example.com\n"
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		receive := func(head, id string) Outcome {
			t.Helper()
			raw := crlf(head + "From: real@example.com\nMessage-ID: <" + id + "@example.com>\nSubject: Case " + id + "\n\nText of " + id + ".\n")
			out, err := e.svc.Receive(e.ctx, raw, "test")
			if err != nil {
				t.Fatalf("%s: %v", id, err)
			}
			return out
		}
		var latest int64
		for i := range maxNewTicketsPerHour {
			latest = receive(pass, fmt.Sprintf("r%d", i)).TicketID
		}
		msgsOf := func(id int64) int {
			return storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM messages WHERE ticket_id = ?`, id)
		}
		forged := receive("", "forged1")
		if forged.TicketID == latest || forged.Status != StatusTicket {
			t.Fatalf("unauthenticated mail past the limit: %+v, want a held ticket apart from %d", forged, latest)
		}
		if msgsOf(latest) != 1 {
			t.Errorf("the customer's latest conversation has %d messages, want only its own", msgsOf(latest))
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM ticket_tags WHERE ticket_id = ? AND tag = ?`, forged.TicketID, TagFloodHeld); n != 1 {
			t.Errorf("held ticket %d is not tagged %s", forged.TicketID, TagFloodHeld)
		}
		for _, c := range []struct{ head, id string }{{"", "forged2"}, {fail, "forged3"}} {
			if out := receive(c.head, c.id); out.TicketID != forged.TicketID || out.Status != StatusReply {
				t.Errorf("%s: %+v, want added to held ticket %d", c.id, out, forged.TicketID)
			}
		}
		if out := receive(pass, "genuine"); out.TicketID != latest || out.Status != StatusReply {
			t.Errorf("authenticated mail past the limit: %+v, want added to latest %d", out, latest)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM tickets`); n != maxNewTicketsPerHour+1 {
			t.Errorf("%d tickets, want %d", n, maxNewTicketsPerHour+1)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM messages`); n != maxNewTicketsPerHour+4 {
			t.Errorf("%d messages, want every mail's (%d)", n, maxNewTicketsPerHour+4)
		}
	})
}

// TestSTARTTLS: with a certificate the listener offers STARTTLS, and a
// mail sent over TLS becomes a ticket.
func TestSTARTTLS(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite))
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mx.exchange.test"}, DNSNames: []string{"mx.exchange.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	e.svc.cfg.ListenTLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}
	c, err := smtp.Dial(e.listen())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); !ok {
		t.Fatal("STARTTLS not offered")
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	if err := c.StartTLS(&tls.Config{ServerName: "mx.exchange.test", RootCAs: pool}); err != nil {
		t.Fatal(err)
	}
	if err := c.Mail("lee@example.net"); err != nil {
		t.Fatal(err)
	}
	if err := c.Rcpt("support@exchange.test"); err != nil {
		t.Fatal(err)
	}
	w, err := c.Data()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(crlf("From: lee@example.net\nSubject: over TLS\n\nhello\n")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if n := storetest.Scalar[int](t, e.db, `SELECT COUNT(*) FROM tickets WHERE subject = 'over TLS'`); n != 1 {
		t.Errorf("%d tickets from the TLS session", n)
	}
}
