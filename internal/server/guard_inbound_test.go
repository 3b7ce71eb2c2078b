package server

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Reference vectors of Trezor's python-mnemonic (vectors.json): valid
// BIP-39 mnemonics.
const (
	vectorLegal   = "legal winner thank year wave sausage worth useful legal winner thank yellow"
	vectorLetter  = "letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic bless"
	vectorRussian = "обед эпизод уважение якорь шланг скот юстиция хутор обед эпизод уважение январь"
)

// storedText is everything the database holds of a ticket's customer text,
// opened: subject, customer name, custom fields, tags and message bodies.
func storedText(t *testing.T, ta *testApp, id int64) string {
	t.Helper()
	var subject, fields, name string
	if err := ta.db.QueryRow(t.Context(), `SELECT t.subject, t.custom_fields, c.name FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`, id).Scan(&subject, &fields, &name); err != nil {
		t.Fatal(err)
	}
	var got ticket.Ticket
	ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", id), "", nil, &got)
	parts := []string{subject, fields, name, strings.Join(got.Tags, " ")}
	for _, m := range got.Messages {
		parts = append(parts, m.Body)
	}
	return strings.Join(append(parts, eventBodies(t, ta, id)...), "\n")
}

// eventBodies opens the message bodies that the outbox and event_log keep
// in the message events of ticket id: copies at rest that a later cut of
// the messages table does not reach.
func eventBodies(t *testing.T, ta *testApp, id int64) []string {
	t.Helper()
	var out []string
	for _, table := range []string{"outbox", "event_log"} {
		rows, err := ta.db.Query(t.Context(), `SELECT type, data FROM `+table+` WHERE type = ?`, ticket.MessageCreated.Type())
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var ev store.Event
			var data string
			if err := rows.Scan(&ev.Type, &data); err != nil {
				t.Fatal(err)
			}
			ev.Data = json.RawMessage(data)
			m, _, err := ticket.MessageCreated.Decode(ev)
			if err != nil {
				t.Fatal(err)
			}
			if m.TicketID != id || m.Withheld {
				continue
			}
			body, err := ta.tickets.Store.OpenEventBody(t.Context(), m)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, body)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return out
}

// wordsLeft lists the phrase's words that still stand as words in text.
func wordsLeft(text, phrase string) []string {
	var left []string
	for _, w := range strings.Fields(phrase) {
		if regexp.MustCompile(`(^|[^\pL])` + regexp.QuoteMeta(w) + `($|[^\pL])`).MatchString(text) {
			left = append(left, w)
		}
	}
	return left
}

// TestRealisticPastes sends seed phrases the ways customers do, through
// the API, and checks what the database holds afterwards.
func TestRealisticPastes(t *testing.T) {
	t.Parallel()
	words := strings.Fields(vectorLegal)
	htmlMail := "<html><head><style>li{color:red}</style></head><body><div>Hi team,</div><div>my wallet words:</div><ol>"
	for _, w := range words {
		htmlMail += "<li>" + w + "</li>\r\n"
	}
	htmlMail += "</ol><div>Best regards,<br>Ana</div></body></html>"
	oneEach := func(ws []string) []any {
		var out []any
		for _, w := range ws {
			out = append(out, w)
		}
		return out
	}
	cases := []struct {
		name    string
		ticket  map[string]any
		follow  []any // later customer messages
		phrase  string
		visible string // text a reader sees that must be stored
	}{
		{name: "html ordered list", ticket: map[string]any{"subject": "wallet", "message": htmlMail}, phrase: vectorLegal, visible: "Best regards,\nAna"},
		{name: "subject plus body", ticket: map[string]any{"subject": strings.Join(words[:6], " "), "message": strings.Join(words[6:], " ") + "\nis this my seed? please help"}, phrase: vectorLegal},
		{name: "twenty-four one-word messages", ticket: map[string]any{"subject": "help", "message": "I will send my recovery words"},
			follow: oneEach(strings.Fields(vectorLetter)), phrase: vectorLetter},
		{name: "sentence between halves", ticket: map[string]any{"subject": "help", "message": strings.Join(words[:6], " ")},
			follow: []any{"hold on, the rest is on the other card", strings.Join(words[6:], " ")}, phrase: vectorLegal},
		{name: "form fields", ticket: map[string]any{"subject": "Recovery request", "message": "see the form",
			"custom_fields": map[string]any{"wallet_backup": vectorRussian, "note": "password: Tr0ub4dor&3"},
			"tags":          []any{"urgent"}}, phrase: vectorRussian + " Tr0ub4dor&3"},
		{name: "customer name", ticket: map[string]any{"subject": "hi", "message": "hello",
			"customer": map[string]any{"external_id": "u-name", "email": "n@example.com", "name": vectorLegal}}, phrase: vectorLegal},
	}
	eachEngine(t, func(t *testing.T, ta *testApp) {
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				body := newTicketBody(fmt.Sprintf("paste-%d", i))
				for k, v := range c.ticket {
					body[k] = v
				}
				var tk ticket.Ticket
				if resp := ta.do("POST", "/api/v1/tickets", "", body, &tk); resp.StatusCode != 201 {
					t.Fatalf("create: %d", resp.StatusCode)
				}
				path := fmt.Sprintf("/api/v1/tickets/%d/customer-messages", tk.ID)
				external := body["customer"].(map[string]any)["external_id"].(string)
				for _, m := range c.follow {
					if resp := ta.do("POST", path, "", customerMessage(external, m.(string)), nil); resp.StatusCode != 201 {
						t.Fatalf("message: %d", resp.StatusCode)
					}
				}
				text := storedText(t, ta, tk.ID)
				if left := wordsLeft(text, c.phrase); len(left) > 0 {
					t.Errorf("stored text still holds %v:\n%s", left, text)
				}
				if !strings.Contains(text, "removed") {
					t.Errorf("no marker in stored text:\n%s", text)
				}
				if !strings.Contains(text, "For your safety") {
					t.Errorf("the customer was not warned:\n%s", text)
				}
				if c.visible != "" && !strings.Contains(text, c.visible) {
					t.Errorf("stored text lost %q:\n%s", c.visible, text)
				}
				if strings.Contains(text, "<li>") || strings.Contains(text, "color:red") {
					t.Errorf("HTML stored as markup:\n%s", text)
				}
			})
		}
	})
}
