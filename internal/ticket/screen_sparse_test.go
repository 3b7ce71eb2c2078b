package ticket

import (
	"slices"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// Two valid 12-word phrases of the BIP-39 reference vectors
// (trezor/python-mnemonic vectors.json, entropies 9e885d95… and c0ba5a8e…).
var (
	vectorOzone  = strings.Fields("ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic")
	vectorScheme = strings.Fields("scheme spot photo card baby mountain device kick cradle pact join borrow")
)

// storedWords lists the phrase words that a ticket's stored texts (subject,
// custom fields, tags, messages and the customer's name) still hold.
func storedWords(t *testing.T, e env, db *store.DB, id int64, words []string) []string {
	t.Helper()
	got := e.get(t, everyone, id)
	texts := []string{got.Subject, strings.Join(got.Tags, " ")}
	for _, v := range got.CustomFields {
		texts = append(texts, v)
	}
	for _, m := range got.Messages {
		if m.AuthorKind == "customer" {
			texts = append(texts, m.Body)
		}
	}
	var name string
	if err := db.QueryRow(e.ctx, `SELECT name FROM customers WHERE id = ?`, got.Customer.ID).Scan(&name); err != nil {
		t.Fatal(err)
	}
	texts = append(texts, name)
	var kept []string
	for _, w := range strings.FieldsFunc(strings.ToLower(strings.Join(texts, " ")), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if slices.Contains(words, w) && !slices.Contains(kept, w) {
			kept = append(kept, w)
		}
	}
	return kept
}

// TestPhraseInNameAndMessage: the phone's autofill put the first words in
// the name field, the customer typed the rest after a few words of their
// own. The phrase is cut from both.
func TestPhraseInNameAndMessage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
		tk := e.create(t, func(in *NewTicket) {
			in.Customer.Name = strings.Join(vectorOzone[:3], " ")
			in.Message = "and the other ones " + strings.Join(vectorOzone[3:], " ")
		})
		if kept := storedWords(t, e, db, tk.ID, vectorOzone); len(kept) > 0 {
			t.Errorf("stored texts keep %q", kept)
		}
	})
}

// TestPhraseTypedWithChatter: a word or two a message, with remarks
// between them, over many messages. Each message is stored as it comes;
// the words of earlier ones are cut when the phrase completes.
func TestPhraseTypedWithChatter(t *testing.T) {
	w := vectorScheme
	texts := []string{w[0], w[1], "hang on, looking for the paper", w[2] + " " + w[3], "sorry my dog is barking", w[4], w[5] + " " + w[6] + " lol", "brb",
		w[7], w[8], "is this right?", w[9] + " " + w[10], w[11], "that's all"}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
		tk := e.create(t, func(in *NewTicket) { in.Message = "hi, my wallet is empty, I will send you my words" })
		for _, m := range texts {
			if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, m); err != nil {
				t.Fatal(err)
			}
		}
		if kept := storedWords(t, e, db, tk.ID, w); len(kept) > 0 {
			t.Errorf("stored texts keep %q", kept)
		}
	})
}

// TestNumberedMessagesKept: a customer who numbers messages or steps keeps
// every word of them.
func TestNumberedMessagesKept(t *testing.T) {
	texts := []string{"message 1", "message 2", "message 3", "step 4 open the app", "step 5 tap wallet", "step 6 choose deposit",
		"step 7 copy address", "step 8 wait", "step 9 nothing arrived", "step 10 check again", "step 11 still nothing",
		"message 12", "message 13", "order 1: 884120556301", "order 2: 884120556302"}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
		tk := e.create(t, func(in *NewTicket) { in.Message = "I will number my messages" })
		for _, m := range texts {
			if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, m); err != nil {
				t.Fatal(err)
			}
		}
		var bodies []string
		for _, m := range e.get(t, everyone, tk.ID).Messages {
			if m.AuthorKind == "customer" {
				bodies = append(bodies, m.Body)
			}
		}
		if want := append([]string{"I will number my messages"}, texts...); !slices.Equal(bodies, want) {
			t.Errorf("stored %q, want %q", bodies, want)
		}
	})
}
