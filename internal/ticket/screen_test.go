package ticket

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// passThrough screens nothing; tests of other behaviour build their store
// with it. Production stores always get the guard (NewStore requires one).
type passThrough struct{}

func (passThrough) Inbound(state []byte, _ int64, text string) Screened {
	return Screened{Text: text, State: state}
}
func (passThrough) Outbound([]string, string) string { return "" }
func (passThrough) Warning(string, []string) string  { return "" }

// clearText stores bodies as given, as the rows written before sealing
// existed look; seal tests start with it and switch to a keyring.
type clearText struct{}

func (clearText) Seal(plaintext, _ string) (string, error) { return plaintext, nil }
func (clearText) Open(stored, _ string) (string, error)    { return stored, nil }

func TestApplyCut(t *testing.T) {
	m := "[seed phrase removed]"
	cases := []struct {
		name, text string
		cut        Cut
		want       string
	}{
		{"where the state says", "hi\nabandon ability able\nbye", Cut{Start: 3, End: 23, First: "abandon", Last: "able", Marker: m}, "hi\n" + m + "\nbye"},
		{"moved since", "xx hi\nabandon ability able\nbye", Cut{Start: 3, End: 23, First: "abandon", Last: "able", Marker: m}, "xx hi\n" + m + "\nbye"},
		{"one word", "ok abandon", Cut{Start: 3, End: 10, First: "abandon", Last: "abandon", Marker: m}, "ok " + m},
		{"gone", "nothing here", Cut{Start: 0, End: 7, First: "abandon", Last: "abandon", Marker: m}, "nothing here"},
		{"out of range", "abandon", Cut{Start: 5, End: 90, First: "abandon", Last: "abandon", Marker: m}, m},
	}
	for _, c := range cases {
		if got := applyCut(c.text, c.cut); got != c.want {
			t.Errorf("%s: applyCut = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestSortFieldNames(t *testing.T) {
	names := []string{"word 10", "word 2", "word 1", "notes", "word 02b", "word 11", "a"}
	sortFieldNames(names)
	want := []string{"a", "notes", "word 1", "word 2", "word 02b", "word 10", "word 11"}
	if !slices.Equal(names, want) {
		t.Fatalf("sortFieldNames = %q, want %q", names, want)
	}
}

func TestRedactedTags(t *testing.T) {
	got := redactedTags(strings.Fields("urgent [seed phrase removed] vip [seed phrase removed] [password removed] wallet-[seed phrase removed]-x"))
	want := []string{"password-removed", "seed-phrase-removed", "urgent", "vip", "wallet-seed-phrase-removed-x"}
	if !slices.Equal(got, want) {
		t.Fatalf("redactedTags = %q, want %q", got, want)
	}
}

// wordScreen is a stand-in guard: it cuts "secret" from any field and keeps
// the last text in its state.
type wordScreen struct{ passThrough }

func (wordScreen) Inbound(state []byte, previous int64, text string) Screened {
	out := Screened{Text: strings.ReplaceAll(text, "secret", "[removed]"), State: []byte(text)}
	if out.Text != text {
		out.Kinds = []string{"password"}
	}
	return out
}

func TestIntakeFieldsScreened(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, wordScreen{}, testKeyring(t, "a"))
		tk := e.create(t, func(in *NewTicket) {
			in.Subject = "my secret"
			in.Customer.Name = "Ana secret"
			in.CustomFields = map[string]string{"a": "secret one", "b": "plain"}
			in.Tags = []string{"secret", "vip"}
		})
		got := e.get(t, everyone, tk.ID)
		if got.Subject != "my [removed]" || got.CustomFields["a"] != "[removed] one" || got.CustomFields["b"] != "plain" {
			t.Errorf("ticket = %q %v", got.Subject, got.CustomFields)
		}
		if !slices.Equal(got.Tags, []string{"removed", "vip"}) {
			t.Errorf("tags = %q", got.Tags)
		}
		var name string
		if err := db.QueryRow(e.ctx, `SELECT name FROM customers WHERE id = ?`, got.Customer.ID).Scan(&name); err != nil {
			t.Fatal(err)
		}
		if name != "Ana [removed]" {
			t.Errorf("customer name stored as %q", name)
		}
		// The fields' redaction is audited on the ticket; the first message
		// carries the kinds on, so that its warning names them.
		if n := e.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'guard.secret_redacted' AND target_kind = 'ticket'`); n != 1 {
			t.Errorf("%d redaction audits for the intake fields, want 1", n)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'guard.secret_redacted' AND target_kind = 'message'`); n != 1 {
			t.Errorf("%d redaction audits for the first message, want 1", n)
		}
		// Once: the next message does not repeat the warning.
		if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, "thanks"); err != nil {
			t.Fatal(err)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'guard.secret_redacted'`); n != 2 {
			t.Errorf("%d redaction audits after a clean message, want 2", n)
		}
		// The state is there for the first message to continue, and sealed.
		var state string
		if err := db.QueryRow(e.ctx, `SELECT state FROM customer_screen_state WHERE customer_id = ?`, tk.Customer.ID).Scan(&state); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(state, "gcenc:v1:a:") {
			t.Errorf("state stored as %q", state)
		}
	})
}

// guardScreen puts the real detector behind Screen, as the server does.
type guardScreen struct {
	passThrough
	d *guard.Detector
}

func (g guardScreen) Inbound(state []byte, previous int64, text string) Screened {
	c := guard.DecodeConversation(state)
	c.Bind(previous)
	res := g.d.ScanNext(&c, text)
	out := Screened{Text: res.Redacted, Kinds: res.Kinds, State: c.Encode()}
	for _, k := range res.Cuts {
		out.Earlier = append(out.Earlier, Cut{Ref: k.Ref, Start: k.Start, End: k.End, Marker: k.Marker, First: k.First, Last: k.Last})
	}
	return out
}

// TestPhraseAcrossIntakeFields splits a valid phrase (the BIP-39 test
// vector of entropy 7f×16) over a new ticket's subject, a custom field, a
// hyphen-joined tag and the first message: no text may keep a word.
func TestPhraseAcrossIntakeFields(t *testing.T) {
	words := strings.Fields("legal winner thank year wave sausage worth useful legal winner thank yellow")
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
		tk := e.create(t, func(in *NewTicket) {
			in.Subject = "Hesabım " + strings.Join(words[:3], " ")
			in.Customer.Name = "Mehmet Yılmaz"
			in.CustomFields = map[string]string{"cüzdan": strings.Join(words[3:6], " "), "sipariş": "7781"}
			in.Tags = []string{strings.Join(words[6:9], "-"), "2fa"}
			in.Message = "formu doldurdum, son üç kelime: " + strings.Join(words[9:], " ")
		})
		got := e.get(t, everyone, tk.ID)
		stored := got.Subject + " " + strings.Join(got.Tags, " ")
		for _, v := range got.CustomFields {
			stored += " " + v
		}
		for _, m := range got.Messages {
			stored += " " + m.Body
		}
		for _, w := range strings.FieldsFunc(stored, func(r rune) bool { return r == ' ' || r == '-' || r == '[' || r == ']' }) {
			if slices.Contains(words, w) {
				t.Errorf("stored %q keeps %q", stored, w)
			}
		}
		if got.CustomFields["sipariş"] != "7781" || !slices.Contains(got.Tags, "2fa") || !strings.Contains(got.Subject, "Hesabım") {
			t.Errorf("text around the phrase changed: %q %v %q", got.Subject, got.CustomFields, got.Tags)
		}
	})
}

// TestConcurrentWordsOneConversation sends the 24 words of a phrase as 24
// messages from 8 writers at once: the state is read and written under a
// lock, so no word escapes (in whatever order they land, 12 list words in a
// row are redacted). The phrase is a reference vector (trezor/python-mnemonic
// vectors.json, entropy 9f6a2878…) whose words differ: one that repeats a
// word three times ("letter advice cage …" ×3) is read as a phrase only in
// its order, with its checksum.
func TestConcurrentWordsOneConversation(t *testing.T) {
	words := strings.Fields("panda eyebrow bullet gorilla call smoke muffin taste mesh discover soft ostrich alcohol speed nation flash devote level hobby quick inner drive ghost inside")
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
		tk := e.create(t, func(in *NewTicket) { in.Message = "I will send you the words" })
		var wg sync.WaitGroup
		errs := make(chan error, len(words))
		for w := range 8 {
			wg.Go(func() {
				for i := w; i < len(words); i += 8 {
					if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, words[i]); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		got := e.get(t, everyone, tk.ID)
		customer := 0
		for _, m := range got.Messages {
			if m.AuthorKind != "customer" {
				continue
			}
			customer++
			if slices.Contains(words, m.Body) {
				t.Errorf("message %d kept the word %q", m.ID, m.Body)
			}
		}
		if customer != len(words)+1 {
			t.Fatalf("%d customer messages, want %d", customer, len(words)+1)
		}
	})
}

// BenchmarkCustomerMessageScreened is one customer message of a long
// conversation, screened by the real detector with the conversation's
// sealed state and stored sealed: the state read, opened, used, sealed and
// written in the message's transaction. "agent" is the same message from an
// agent, which has no conversation state, for comparison.
func BenchmarkCustomerMessageScreened(b *testing.B) {
	body := "Hi, I want to know about the account balance, it shows zero since this morning. I deposited 250 USDT yesterday and it still has not arrived. Please help!"
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			e := newEnvWith(storetest.Open(b, engine), guardScreen{d: guard.NewDetector()}, testKeyring(b, "a"))
			for _, author := range []AuthorKind{"customer", "agent"} {
				b.Run(string(author), func(b *testing.B) {
					tk, err := e.s.CreateForCustomer(e.ctx, ticketIn())
					if err != nil {
						b.Fatal(err)
					}
					for b.Loop() {
						if _, err := e.s.add(e.ctx, everyone.gate(), tk.ID, NewMessage{Body: body, Author: author}, false); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// TestUpdateFieldsScreened: a ticket's subject, custom fields and tags take
// the same screen when they change as when the ticket is made. An agent
// pasting the customer's words into the subject, or an integration that
// copies a form field into a custom field later, must not store a phrase
// the intake would have cut; a clean value stays as typed.
func TestUpdateFieldsScreened(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, wordScreen{}, testKeyring(t, "a"))
		tk := e.create(t, func(in *NewTicket) { in.Subject = "help" })
		subject, tags, fields := "my secret", []string{"secret", "vip"}, map[string]string{"a": "secret one", "b": "plain"}
		got, err := e.s.UpdateTicket(e.ctx, everyone, tk.ID, Update{Subject: &subject, Tags: &tags, CustomFields: &fields})
		if err != nil {
			t.Fatal(err)
		}
		stored := e.get(t, everyone, tk.ID)
		for _, tk := range []Ticket{got, stored} {
			if tk.Subject != "my [removed]" || tk.CustomFields["a"] != "[removed] one" || tk.CustomFields["b"] != "plain" {
				t.Errorf("ticket = %q %v", tk.Subject, tk.CustomFields)
			}
			if !slices.Equal(tk.Tags, []string{"removed", "vip"}) {
				t.Errorf("tags = %q", tk.Tags)
			}
		}
		// Nothing of the secret in the ticket's history either.
		if n := e.count(t, `SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%secret%'`); n != 0 {
			t.Errorf("%d audit entries keep the secret", n)
		}
		plain := "deposit on TRON"
		if got, err := e.s.UpdateTicket(e.ctx, everyone, tk.ID, Update{Subject: &plain}); err != nil || got.Subject != plain {
			t.Errorf("clean subject stored as %q, %v", got.Subject, err)
		}
	})
}

// InboundPlain reads text as typed, as ticketguard.Screen does.
func (g guardScreen) InboundPlain(state []byte, previous int64, text string) Screened {
	c := guard.DecodeConversation(state)
	c.Bind(previous)
	res := g.d.ScanNextPlain(&c, text)
	out := Screened{Text: res.Redacted, Kinds: res.Kinds, State: c.Encode()}
	for _, k := range res.Cuts {
		out.Earlier = append(out.Earlier, Cut{Ref: k.Ref, Start: k.Start, End: k.End, Marker: k.Marker, First: k.First, Last: k.Last})
	}
	return out
}
