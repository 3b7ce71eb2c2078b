package email

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/smtp"
	"strings"
	"testing"

	"github.com/emersion/go-message/mail"
	"golang.org/x/text/encoding/charmap"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

const maria = "maria.santos@example.com"

// send is one real SMTP session to addr (stdlib client, as a customer's
// mail server would).
func send(t *testing.T, addr, from string, to []string, raw []byte) error {
	t.Helper()
	return smtp.SendMail(addr, nil, from, to, raw)
}

func koi8(t *testing.T, s string) []byte {
	b, err := charmap.KOI8R.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// threadMails is a customer's thread of five mails: plain text with a
// signature, a reply quoting it, an HTML reply with a Gmail-style quote, a
// KOI8-R reply with an RFC 2047 subject, and a screenshot whose mail has
// lost its threading headers and keeps only the reply token.
func threadMails(t *testing.T, tokenSubject string) [][]byte {
	koiWord := "=?koi8-r?B?" + base64.StdEncoding.EncodeToString(koi8(t, "Ответ: депозит не пришёл")) + "?="
	png := base64.StdEncoding.EncodeToString(pngBytes(t))
	return [][]byte{
		crlf(`From: Maria Santos <` + maria + `>
To: support@exchange.test
Subject: Deposit not credited
Message-ID: <m1@example.com>
Date: Mon, 2 Mar 2026 10:00:00 +0000
Content-Type: text/plain; charset=utf-8

My USDT deposit has not arrived.

-- 
Maria Santos
+55 11 5555 0100
`),
		crlf(`From: Maria Santos <` + maria + `>
To: support@exchange.test
Subject: Re: Deposit not credited
Message-ID: <m2@example.com>
In-Reply-To: <m1@example.com>
References: <m1@example.com>
Content-Type: text/plain; charset=utf-8

The network was TRON.

On Mon, 2 Mar 2026 at 10:00, Maria Santos <` + maria + `>
wrote:
> My USDT deposit has not arrived.
`),
		crlf(`From: Maria Santos <` + maria + `>
To: support@exchange.test
Subject: Re: Deposit not credited
Message-ID: <m3@example.com>
In-Reply-To: <m2@example.com>
References: <m1@example.com> <m2@example.com>
Content-Type: text/html; charset=utf-8

<html><body><div dir="ltr">I sent it at <b>10:05&nbsp;UTC</b>.</div><br>
<div class="gmail_quote"><div class="gmail_attr">On Mon, 2 Mar 2026 at 10:01, Maria Santos &lt;` + maria + `&gt; wrote:<br></div>
<blockquote>The network was TRON.</blockquote></div><script>alert(1)</script></body></html>
`),
		append(crlf(`From: Maria Santos <`+maria+`>
To: support@exchange.test
Subject: `+koiWord+`
Message-ID: <m4@example.com>
In-Reply-To: <m3@example.com>
Content-Type: text/plain; charset=koi8-r
Content-Transfer-Encoding: 8bit

`), koi8(t, "Спасибо, жду ответа.\r\n")...),
		crlf(`From: Maria Santos <` + maria + `>
To: support@exchange.test
Subject: Re: Deposit not credited ` + tokenSubject + `
Message-ID: <m5@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: multipart/alternative; boundary="b2"

--b2
Content-Type: text/plain; charset=utf-8

Here is the screenshot.

Sent from my iPhone
--b2
Content-Type: text/html; charset=utf-8

<p>Here is the screenshot.</p>
--b2--
--b1
Content-Type: image/png; name="screenshot.png"
Content-Disposition: attachment; filename="screenshot.png"
Content-Transfer-Encoding: base64

` + png + `
--b1--
`),
	}
}

// TestThreadOfFiveMails: five mails over real SMTP sessions end as one
// ticket with five clean messages, and the agent's reply reaches the relay
// with the anti-phishing phrase and threading headers.
func TestThreadOfFiveMails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		addr := e.listen()
		// Maria signed in on the chat once: the exchange knows her address.
		if _, err := e.tickets.CreateForCustomer(e.ctx, ticket.NewTicket{Subject: "Hi", Message: "hello", Channel: "chat",
			Customer: ticket.NewCustomer{ExternalID: sandbox.UserMaria, Email: maria, Name: "Maria Santos"}}); err != nil {
			t.Fatal(err)
		}
		mails := threadMails(t, "")
		var ticketID int64
		for i, raw := range mails {
			if i == 4 {
				mails = threadMails(t, e.svc.tokens.subjectTag(ticketID))
				raw = mails[4]
			}
			if err := send(t, addr, maria, []string{"support@exchange.test"}, raw); err != nil {
				t.Fatalf("mail %d: %v", i+1, err)
			}
			if i == 0 {
				ticketID = storetest.Scalar[int64](t, db, `SELECT id FROM tickets WHERE channel = 'email'`)
			}
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM tickets WHERE channel = 'email'`); n != 1 {
			t.Fatalf("%d e-mail tickets, want 1", n)
		}
		want := []string{
			"My USDT deposit has not arrived.",
			"The network was TRON.",
			"I sent it at 10:05 UTC.",
			"Спасибо, жду ответа.",
			"Here is the screenshot.\n\n📎 screenshot.png",
		}
		msgs := e.messages(ticketID)
		if len(msgs) != len(want) {
			t.Fatalf("%d messages, want %d: %+v", len(msgs), len(want), msgs)
		}
		for i, m := range msgs {
			if m.Body != want[i] || m.AuthorKind != "customer" {
				t.Errorf("message %d: %s %q, want customer %q", i+1, m.AuthorKind, m.Body, want[i])
			}
		}
		files, err := e.files.List(e.ctx, ticketID)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 1 || files[0].ContentType != "image/png" || files[0].MessageID == nil || *files[0].MessageID != msgs[4].ID {
			t.Errorf("attachments %+v, want the PNG linked to message 5", files)
		}
		// The full mail is kept, sealed.
		var rowID int64
		var sealed string
		if err := db.QueryRow(e.ctx, `SELECT id, raw FROM email_messages WHERE rfc_message_id = 'm2@example.com'`).Scan(&rowID, &sealed); err != nil {
			t.Fatal(err)
		}
		if full, err := e.keys.Open(sealed, rawAAD(rowID)); err != nil || !strings.Contains(full, "> My USDT deposit") {
			t.Errorf("kept mail %q (%v), want the whole mail with its quote", full, err)
		}

		// The agent answers; the reply goes out through the relay.
		agent := addAgent(t, db, "ana@exchange.test")
		if _, err := e.tickets.AddMessage(e.ctx, ticket.Viewer{AgentID: agent, AllTeams: true}, ticketID,
			ticket.NewMessage{Body: "Hello Maria,\n\nwe found your deposit: it is credited now."}); err != nil {
			t.Fatal(err)
		}
		if n := e.pump(); n != 1 {
			t.Fatalf("%d mails sent, want 1", n)
		}
		if n := e.pump(); n != 0 { // the same events again: nothing more
			t.Fatalf("%d mails sent on redelivery, want 0", n)
		}
		got := e.sink.mails()
		if len(got) != 1 || len(got[0].to) != 1 || got[0].to[0] != maria {
			t.Fatalf("relay got %+v, want one mail to %s", got, maria)
		}
		checkReply(t, e, got[0].raw, ticketID)

		// Her answer to our reply threads by its In-Reply-To.
		ourID := storetest.Scalar[string](t, db, `SELECT rfc_message_id FROM email_messages WHERE direction = 'out'`)
		err = send(t, addr, maria, []string{"support@exchange.test"}, crlf(`From: `+maria+`
To: support@exchange.test
Subject: Re: Deposit
Message-ID: <m6@example.com>
In-Reply-To: <`+ourID+`>

Thank you!
`))
		if err != nil {
			t.Fatal(err)
		}
		if msgs := e.messages(ticketID); len(msgs) != 7 || msgs[6].Body != "Thank you!" {
			t.Errorf("after the answer to our reply: %d messages, last %q", len(msgs), msgs[len(msgs)-1].Body)
		}
	})
}

// checkReply reads the mail the relay got as a customer's client would.
func checkReply(t *testing.T, e *env, raw []byte, ticketID int64) {
	t.Helper()
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	inReplyTo, _ := r.Header.MsgIDList("In-Reply-To")
	refs, _ := r.Header.MsgIDList("References")
	if len(inReplyTo) != 1 || inReplyTo[0] != "m5@example.com" {
		t.Errorf("In-Reply-To %v, want her last mail m5", inReplyTo)
	}
	if strings.Join(refs, " ") != "m1@example.com m2@example.com m3@example.com m4@example.com m5@example.com" {
		t.Errorf("References %v", refs)
	}
	subject, _ := r.Header.Subject()
	if want := "Re: Deposit not credited " + e.svc.tokens.subjectTag(ticketID); subject != want {
		t.Errorf("subject %q, want %q", subject, want)
	}
	replyTo, _ := r.Header.AddressList("Reply-To")
	if id, ok := e.svc.tokens.fromAddress(replyTo[0].Address); !ok || id != ticketID {
		t.Errorf("Reply-To %v does not name ticket %d", replyTo, ticketID)
	}
	parts := map[string]string{}
	for {
		p, err := r.NextPart()
		if err != nil {
			break
		}
		ct := p.Header.Get("Content-Type")
		var b bytes.Buffer
		if _, err := b.ReadFrom(p.Body); err != nil {
			t.Fatal(err)
		}
		parts[strings.Split(ct, ";")[0]] = strings.ReplaceAll(b.String(), "\r\n", "\n")
	}
	if text := parts["text/plain"]; !strings.HasPrefix(text, "Sua frase antiphishing: lua azul\n\nHello Maria,") {
		t.Errorf("text part %q, want her phrase (pt) first", text)
	}
	if html := parts["text/html"]; !strings.Contains(html, "<strong>lua azul</strong>") || !strings.Contains(html, "we found your deposit: it is credited now.") {
		t.Errorf("html part %q", html)
	}
}

func addAgent(t testing.TB, db *store.DB, email string) int64 {
	t.Helper()
	var id int64
	err := db.Tx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO agents (email, name, role, created_at, updated_at) VALUES (?, ?, 'tier1', 0, 0)`, email, "Ana")
		return err
	})
	if err != nil {
		t.Fatal(fmt.Errorf("add agent: %w", err))
	}
	return id
}
