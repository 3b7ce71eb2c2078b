package chat_test

import (
	"context"
	"fmt"
	"net/smtp"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/server"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestPhraseAcrossChannels: a customer sends half a seed phrase in one
// conversation and the rest in another ticket of theirs, through the real
// channels: a signed-in widget chat, then a new API ticket; an e-mail,
// then (that ticket closed) a second e-mail with a new subject. Neither
// half is kept in either ticket.
func TestPhraseAcrossChannels(t *testing.T) {
	const first, second = "letter advice cage absurd amount doctor", "acoustic avoid letter advice cage above"
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			n := newNode(t, engine, func(c *server.Config) {
				c.Email = server.EmailConfig{SMTPAddr: "127.0.0.1:0", From: "Support <support@exchange.test>"}
			})
			// Widget, then API.
			c := n.dial(chat.In{Token: userJWT(t, "u-split", nil)})
			n.send(c, "I will paste my wallet words, is that safe?")
			n.send(c, first)
			widget := n.ticketsOf(t, `external_id = 'u-split'`)
			var opened struct{ ID int64 }
			if code := n.api("POST", "/api/v1/tickets", map[string]any{"subject": "Still waiting", "message": second, "channel": "api",
				"customer": map[string]any{"external_id": "u-split", "email": "ana@example.com"}}, &opened); code != 201 {
				t.Fatalf("API ticket: HTTP %d", code)
			}
			n.noPhrase(t, append(widget, opened.ID), first+" "+second)

			// E-mail, closed, then a new e-mail.
			mail := func(subject, id, body string) {
				t.Helper()
				raw := "From: Bo <bo@example.com>\nTo: support@exchange.test\nSubject: " + subject + "\nMessage-ID: <" + id + "@example.com>\n\n" + body + "\n"
				if err := smtp.SendMail(n.SMTPAddr(), nil, "bo@example.com", []string{"support@exchange.test"}, []byte(strings.ReplaceAll(raw, "\n", "\r\n"))); err != nil {
					t.Fatal(err)
				}
			}
			mail("Wallet", "w1", first)
			var mailed []int64
			eventually(t, func() bool { mailed = n.ticketsOf(t, `email = 'bo@example.com'`); return len(mailed) == 1 })
			if code := n.api("PATCH", fmt.Sprintf("/api/v1/tickets/%d", mailed[0]), map[string]any{"status": "closed"}, nil); code != 200 {
				t.Fatalf("close: HTTP %d", code)
			}
			mail("The rest of it", "w2", second)
			eventually(t, func() bool { mailed = n.ticketsOf(t, `email = 'bo@example.com'`); return len(mailed) == 2 })
			n.noPhrase(t, mailed, first+" "+second)
		})
	}
}

// ticketsOf lists the ids of the tickets of the customers where holds.
func (n *node) ticketsOf(t *testing.T, where string) []int64 {
	t.Helper()
	rows, err := n.DB().Query(context.Background(), `SELECT id FROM tickets WHERE customer_id IN (SELECT id FROM customers WHERE `+where+`) ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// noPhrase fails t if a word of phrase that is in no ordinary sentence
// here still stands in a subject or message of the tickets ids.
func (n *node) noPhrase(t *testing.T, ids []int64, phrase string) {
	t.Helper()
	for _, id := range ids {
		var tk struct {
			Subject  string
			Messages []struct{ Body string }
		}
		if code := n.api("GET", fmt.Sprintf("/api/v1/tickets/%d", id), nil, &tk); code != 200 {
			t.Fatalf("ticket %d: HTTP %d", id, code)
		}
		text := tk.Subject
		for _, m := range tk.Messages {
			text += "\n" + m.Body
		}
		for _, w := range strings.Fields(phrase) {
			if strings.Contains(text, w) {
				t.Errorf("ticket %d kept %q:\n%s", id, w, text)
				break
			}
		}
	}
}

// eventually polls cond for up to ten seconds.
func eventually(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 10 s")
		}
	}
}
