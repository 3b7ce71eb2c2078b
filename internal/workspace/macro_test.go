package workspace

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/published"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

func TestFill(t *testing.T) {
	values := map[string]string{"customer.name": "Ana Lima", "ticket.number": "42", "agent.name": "Lee"}
	cases := []struct {
		body, want string
		missing    []string
	}{
		{"Hi {{customer.name}}, ticket #{{ticket.number}}.", "Hi Ana Lima, ticket #42.", []string{}},
		{"{{ agent.name }} here", "Lee here", []string{}},
		{"{{diagnosis}} / {{diagnosis}}", "{{diagnosis}} / {{diagnosis}}", []string{"diagnosis"}},
		{"literal {{{{customer.name}}", "literal {{customer.name}}", []string{}},
		{"no placeholders", "no placeholders", []string{}},
	}
	for _, c := range cases {
		got, missing, err := fill(c.body, values)
		if err != nil || got != c.want || !slices.Equal(missing, c.missing) {
			t.Errorf("fill(%q) = %q, %v, %v; want %q, %v", c.body, got, missing, err, c.want, c.missing)
		}
	}
}

func TestMacroInputRefused(t *testing.T) {
	ok := MacroInput{Name: "Deposit pending", Language: "en", Body: "Hi {{customer.name}}"}
	cases := []struct {
		name  string
		edit  func(*MacroInput)
		field string
	}{
		{"no name", func(in *MacroInput) { in.Name = "  " }, "name"},
		{"two-line name", func(in *MacroInput) { in.Name = "a\nb" }, "name"},
		{"unknown language", func(in *MacroInput) { in.Language = "xx" }, "language"},
		{"empty body", func(in *MacroInput) { in.Body = " \n" }, "body"},
		{"unknown placeholder", func(in *MacroInput) { in.Body = "Your password is {{customer.password}}" }, "body"},
		{"unclosed placeholder", func(in *MacroInput) { in.Body = "Hi {{customer.name" }, "body"},
		{"placeholder across lines", func(in *MacroInput) { in.Body = "Hi {{customer.\nname}}" }, "body"},
		{"too long", func(in *MacroInput) { in.Body = strings.Repeat("a", MaxMacroBody+1) }, "body"},
		{"invalid UTF-8", func(in *MacroInput) { in.Body = "\xff" }, "body"},
	}
	for _, c := range cases {
		in := ok
		c.edit(&in)
		e, isErr := errs.As(in.Validate())
		if !isErr || e.Kind != errs.Invalid || e.Field != c.field {
			t.Errorf("%s: Validate = %v, want invalid %s", c.name, e, c.field)
		}
	}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid macro refused: %v", err)
	}
}

func FuzzParseTemplate(f *testing.F) {
	for _, s := range []string{"Hi {{customer.name}}", "{{{{x}}", "{{", "}}{{diagnosis}}{{", "{{ ticket.number }}\n{{"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		segs, err := parseTemplate(body)
		if err != nil {
			return
		}
		for _, s := range segs {
			if s.name != "" && !knownPlaceholder(s.name) {
				t.Fatalf("unknown placeholder %q accepted", s.name)
			}
		}
		// Every placeholder given a value: none is left missing, and the
		// text is no longer than the body plus the values.
		values := map[string]string{}
		for _, p := range Placeholders {
			values[p.Name] = "V"
		}
		out, missing, err := fill(body, values)
		if err != nil || len(missing) != 0 || len(out) > len(body) {
			t.Fatalf("fill(%q) = %q, %v, %v", body, out, missing, err)
		}
	})
}

func TestMacroStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, tickets := newMacroStore(t, db)
		en, err := s.Create(ctx, 0, MacroInput{Name: "Deposit pending", Language: "en", Body: "Hi {{customer.first_name}}, ticket {{ticket.number}}: {{diagnosis}}"})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(en.Placeholders, []string{"customer.first_name", "ticket.number", "diagnosis"}) {
			t.Errorf("placeholders %v", en.Placeholders)
		}
		es, err := s.Create(ctx, 0, MacroInput{Name: "Deposit pending", Language: "es", Body: "Hola {{customer.first_name}}"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Create(ctx, 0, MacroInput{Name: "Deposit pending", Language: "es", Body: "otra"}); !errs.Is(err, errs.Conflict) {
			t.Errorf("a second macro with one name and language = %v, want a conflict", err)
		}
		list, err := s.List(ctx, "es")
		if err != nil || len(list) != 2 || list[0].ID != es.ID {
			t.Fatalf("List(es) = %+v, %v; want the Spanish one first", list, err)
		}
		if _, err := s.Update(ctx, es.ID, MacroInput{Name: "Deposit pending", Language: "en", Body: "x"}); !errs.Is(err, errs.Conflict) {
			t.Errorf("renaming onto another macro = %v, want a conflict", err)
		}

		tk, err := tickets.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Deposit", Message: "where is it", Channel: "api",
			Customer: ticket.NewCustomer{ExternalID: "u-1", Name: "Ana Lima"}})
		if err != nil {
			t.Fatal(err)
		}
		all := ticket.Viewer{AllTeams: true}
		lee := Applier{Name: "Lee", FullName: true}
		got, err := s.Apply(ctx, all, lee, en.ID, ApplyRequest{TicketID: tk.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := "Hi Ana, ticket " + itoa(tk.ID) + ": {{diagnosis}}"
		if got.Body != want || !slices.Equal(got.Missing, []string{"diagnosis"}) {
			t.Errorf("Apply = %+v; want %q missing diagnosis", got, want)
		}
		got, err = s.Apply(ctx, all, lee, en.ID, ApplyRequest{TicketID: tk.ID, Diagnosis: "The deposit needs 2 more confirmations."})
		if err != nil || !strings.HasSuffix(got.Body, ": The deposit needs 2 more confirmations.") || len(got.Missing) != 0 {
			t.Errorf("Apply with a diagnosis = %+v, %v", got, err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'macro.applied'`); n != 2 {
			t.Errorf("%d macro.applied audit records, want 2 (the name is personal data)", n)
		}
		for _, c := range []struct {
			name string
			in   ApplyRequest
			id   int64
			kind errs.Kind
		}{
			{"no ticket", ApplyRequest{}, en.ID, errs.Invalid},
			{"missing ticket", ApplyRequest{TicketID: 9999}, en.ID, errs.NotFound},
			{"missing macro", ApplyRequest{TicketID: tk.ID}, 9999, errs.NotFound},
			{"huge diagnosis", ApplyRequest{TicketID: tk.ID, Diagnosis: strings.Repeat("x", maxDiagnosis+1)}, en.ID, errs.Invalid},
		} {
			if _, err := s.Apply(ctx, all, lee, c.id, c.in); !errs.Is(err, c.kind) {
				t.Errorf("%s: Apply = %v, want %v", c.name, err, c.kind)
			}
		}
		if err := s.Delete(ctx, es.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Delete(ctx, es.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("deleting twice = %v, want not found", err)
		}
	})
}

// TestMacroNameByRole: an agent who may not reveal personal data gets the
// customer's first name from either name placeholder, never the surname;
// one who may gets the full name. Both applies are audited with what showed.
func TestMacroNameByRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		log := audit.New(db)
		tickets, err := ticket.NewStore(db, log, passThrough{}, keyring(t))
		if err != nil {
			t.Fatal(err)
		}
		s := NewMacroStore(db, log, tickets)
		m, err := s.Create(ctx, 0, MacroInput{Name: "Names", Language: "en", Body: "{{customer.name}} / {{customer.first_name}}"})
		if err != nil {
			t.Fatal(err)
		}
		tk, err := tickets.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Hi", Message: "hello", Channel: "api",
			Customer: ticket.NewCustomer{ExternalID: "u-2", Name: "Ana Maria Lima"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			full       bool
			want, seen string
		}{
			{false, "Ana / Ana", "first"},
			{true, "Ana Maria Lima / Ana", "full"},
		} {
			got, err := s.Apply(ctx, ticket.Viewer{AllTeams: true}, Applier{Name: "Lee", FullName: c.full}, m.ID, ApplyRequest{TicketID: tk.ID})
			if err != nil || got.Body != c.want {
				t.Errorf("full name %v: Apply = %q, %v; want %q", c.full, got.Body, err, c.want)
			}
			q := `SELECT COUNT(*) FROM audit_log WHERE action = 'macro.applied' AND detail LIKE ?`
			if n := storetest.Scalar[int](t, db, q, `%"name_shown":"`+c.seen+`"%`); n != 1 {
				t.Errorf("full name %v: %d audit records saying %s, want 1", c.full, n, c.seen)
			}
		}
	})
}

func TestNotifySettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var agent int64
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			var err error
			agent, err = tx.InsertID(ctx, `INSERT INTO agents (email, name, role, created_at, updated_at) VALUES ('a@example.com', 'A', 'tier1', 0, 0)`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		s := NewNotifyStore(db)
		if got, err := s.Get(ctx, agent); err != nil || got != DefaultNotify {
			t.Fatalf("Get before choosing = %+v, %v; want all on", got, err)
		}
		for _, want := range []NotifySettings{{Mentions: true}, {Assignments: true, Replies: true}} {
			if err := s.Set(ctx, agent, want); err != nil {
				t.Fatal(err)
			}
			if got, err := s.Get(ctx, agent); err != nil || got != want {
				t.Errorf("Get = %+v, %v; want %+v", got, err, want)
			}
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// passThrough screens nothing: these tests are about macros, not secrets.
type passThrough struct{}

func (passThrough) Inbound(state []byte, _ int64, text string) ticket.Screened {
	return ticket.Screened{Text: text, State: state}
}
func (passThrough) Outbound([]string, string) string { return "" }
func (passThrough) Warning(string, []string) string  { return "" }

func keyring(t *testing.T) *seal.Keyring {
	k, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestMacroWithASecretRefused: a seed phrase pasted into a macro's name or
// body is refused (422) on create and update, and nothing is saved.
func TestMacroWithASecretRefused(t *testing.T) {
	seed := "abandon ability able about above absent absorb abstract absurd abuse access accident"
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, _ := newMacroStore(t, db)
		s.Screen = published.New(s.audit)
		m, err := s.Create(ctx, 0, MacroInput{Name: "Greeting", Language: "en", Body: "Hello!"})
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range []MacroInput{
			{Name: seed, Language: "en", Body: "Hello!"},
			{Name: "Wallet", Language: "en", Body: "Your words: " + seed},
		} {
			if _, err := s.Create(ctx, 0, in); !errs.Is(err, errs.Blocked) {
				t.Errorf("Create(%q) = %v, want Blocked", in.Name, err)
			}
			if _, err := s.Update(ctx, m.ID, in); !errs.Is(err, errs.Blocked) {
				t.Errorf("Update(%q) = %v, want Blocked", in.Name, err)
			}
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM macros WHERE name LIKE '%absorb%' OR body LIKE '%absorb%'`); n != 0 {
			t.Errorf("%d macros keep the phrase", n)
		}
	})
}

// newMacroStore is a macro store on db with a ticket store that screens
// nothing.
func newMacroStore(t *testing.T, db *store.DB) (*MacroStore, *ticket.Store) {
	t.Helper()
	log := audit.New(db)
	tickets, err := ticket.NewStore(db, log, passThrough{}, keyring(t))
	if err != nil {
		t.Fatal(err)
	}
	return NewMacroStore(db, log, tickets), tickets
}
