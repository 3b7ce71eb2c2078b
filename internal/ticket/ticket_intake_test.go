package ticket

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// secretScreen stands in for the guard: it cuts "SEED-WORDS" out of
// inbound text and refuses outbound text that asks for "your seed".
type secretScreen struct{}

func (secretScreen) Inbound(state []byte, _ int64, text string) Screened {
	if !strings.Contains(text, "SEED-WORDS") {
		return Screened{Text: text, State: state}
	}
	return Screened{Text: strings.ReplaceAll(text, "SEED-WORDS", "[removed]"), Kinds: []string{"seed_phrase"}, State: state}
}

func (secretScreen) Outbound(_ []string, text string) string {
	if strings.Contains(text, "your seed") {
		return "it asks for the customer's seed phrase"
	}
	return ""
}

func (secretScreen) Warning(string, []string) string { return "" }

func TestNewStoreNeedsGuardAndSealer(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	log := audit.New(db)
	var nilKeys *seal.Keyring
	cases := []struct {
		name string
		sc   Screen
		sl   Sealer
		want string
	}{
		{"no screen", nil, clearText{}, "screen"},
		{"no sealer", passThrough{}, nil, "sealer"},
		{"nil keyring", passThrough{}, nilKeys, "sealer"},
	}
	for _, c := range cases {
		s, err := NewStore(db, log, c.sc, c.sl)
		if err == nil || s != nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: NewStore = %v, %v; want an error naming the %s", c.name, s, err, c.want)
		}
	}
	if _, err := NewStore(db, log, passThrough{}, clearText{}); err != nil {
		t.Errorf("NewStore with both: %v", err)
	}
}

func TestAppendAsCustomerOwnsTicket(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		ana := e.create(t)
		bo := e.create(t, withCustomer(NewCustomer{Email: "bo@example.com", Name: "Bo"}))
		cases := []struct {
			name   string
			ref    CustomerRef
			ticket int64
			want   errs.Kind // -1: stored
		}{
			{"own ticket by id", CustomerRef{ID: ana.Customer.ID}, ana.ID, -1},
			{"own ticket by external id", CustomerRef{ExternalID: "u-1"}, ana.ID, -1},
			{"own ticket by e-mail, any case", CustomerRef{Email: " BO@example.com"}, bo.ID, -1},
			{"another customer's ticket by id", CustomerRef{ID: bo.Customer.ID}, ana.ID, errs.NotFound},
			{"another customer's ticket by external id", CustomerRef{ExternalID: "u-1"}, bo.ID, errs.NotFound},
			{"another customer's ticket by e-mail", CustomerRef{Email: "bo@example.com"}, ana.ID, errs.NotFound},
			{"unknown customer", CustomerRef{ExternalID: "u-404"}, ana.ID, errs.NotFound},
			{"no such ticket", CustomerRef{ID: ana.Customer.ID}, 9999, errs.NotFound},
			{"no customer named", CustomerRef{}, ana.ID, errs.Invalid},
			{"two ways named", CustomerRef{ID: ana.Customer.ID, ExternalID: "u-1"}, ana.ID, errs.Invalid},
			{"not an e-mail", CustomerRef{Email: "bo at example"}, bo.ID, errs.Invalid},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := e.count(t, `SELECT COUNT(*) FROM messages`)
				m, err := e.s.AppendAsCustomer(e.ctx, c.ref, c.ticket, "hello from "+c.name)
				after := e.count(t, `SELECT COUNT(*) FROM messages`)
				if c.want == -1 {
					if err != nil || m.AuthorKind != "customer" || m.AuthorID != nil || after != before+1 {
						t.Fatalf("AppendAsCustomer = %+v, %v (%d→%d messages); want a customer message", m, err, before, after)
					}
					return
				}
				if !errs.Is(err, c.want) || after != before {
					t.Fatalf("AppendAsCustomer = %v (%d→%d messages); want %v and nothing stored", err, before, after, c.want)
				}
				if c.want == errs.NotFound && !strings.Contains(err.Error(), "no ticket") {
					t.Errorf("error %q tells more than that there is no such ticket", err)
				}
			})
		}
	})
}

func TestAgentWritesAsThemselves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		agent := e.agent(t, "ana@support.example", true)
		tk := e.create(t)
		v := Viewer{AgentID: agent, AllTeams: true, Notes: true}
		for _, note := range []bool{false, true} {
			// Whatever the caller put in Author and AuthorID, the message is the agent's.
			other := agent + 100
			in := NewMessage{Body: "Checking the chain.", Author: "customer", AuthorID: &other}
			var m Message
			var err error
			if note {
				m, err = e.s.AddNote(e.ctx, v, tk.ID, in)
			} else {
				m, err = e.s.AddMessage(e.ctx, v, tk.ID, in)
			}
			if err != nil || m.AuthorKind != "agent" || m.AuthorID == nil || *m.AuthorID != agent || m.Internal != note {
				t.Errorf("note=%v: message = %+v, %v; want the agent %d's", note, m, err, agent)
			}
		}
		if _, err := e.s.AddMessage(e.ctx, everyone, tk.ID, NewMessage{Body: "who am I?"}); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("AddMessage without an agent = %v, want unauthorized", err)
		}
		var n int
		if err := db.QueryRow(e.ctx, `SELECT COUNT(*) FROM messages WHERE author_kind <> 'customer' AND author_id IS NULL`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d agent messages without an author id", n)
		}
	})
}

func TestOutboundGuardForEveryAuthorButTheCustomer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		e.s.screen = secretScreen{}
		tk := e.create(t)
		for _, author := range []AuthorKind{"agent", "bot", "system", "customer"} {
			_, err := e.write(t, tk, author, "please send your seed to verify")
			if blocked := errs.Is(err, errs.Forbidden); blocked != (author != "customer") {
				t.Errorf("%s asking for a seed: error %v; blocked = %v", author, err, blocked)
			}
		}
	})
}

func TestBlockedMessageAuditIsRedacted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		e.s.screen = secretScreen{}
		agent := e.agent(t, "eve@support.example", true)
		tk := e.create(t)
		// One secret inside the excerpt, one across its end: the whole text
		// is redacted before it is cut, so neither survives even in part.
		head := "please send your seed to verify: SEED-WORDS; é"
		body := head + strings.Repeat("x", maxBlockedExcerpt-len(head)-len("[removed]")) + " SEED-WORDS " + strings.Repeat("y", 600)
		_, err := e.s.AddMessage(e.ctx, Viewer{AgentID: agent, AllTeams: true}, tk.ID, NewMessage{Body: body})
		if !errs.Is(err, errs.Forbidden) {
			t.Fatalf("AddMessage = %v, want blocked", err)
		}
		entries, _, err := audit.New(db).List(e.ctx, audit.Filter{Action: "guard.outbound_blocked"}, web.Page{})
		if err != nil || len(entries) != 1 {
			t.Fatalf("audit = %v, %v; want one guard.outbound_blocked", entries, err)
		}
		var detail struct {
			Reason, Text string
		}
		if err := json.Unmarshal(entries[0].Detail, &detail); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(detail.Text, "SEED") || !strings.Contains(detail.Text, "[removed]") {
			t.Errorf("audit text keeps the secret or lost the redaction: %q", detail.Text)
		}
		if detail.Reason == "" || len(detail.Text) > maxBlockedExcerpt+len("…") || !strings.HasPrefix(detail.Text, "please send") {
			t.Errorf("audit detail = reason %q, text of %d bytes", detail.Reason, len(detail.Text))
		}
		// Cut on a character boundary even when a character straddles the limit.
		text := strings.Repeat("a", maxBlockedExcerpt-1) + "é" + "tail"
		if got := e.s.blockedExcerpt(text); !strings.HasSuffix(got, "a…") {
			t.Errorf("excerpt ends %q", got[len(got)-8:])
		}
	})
}

func TestCreateAnswersOnlyWhatWasSent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		team := e.team(t, "VIP desk")
		e.create(t, withTeam(team), withCustomer(NewCustomer{ExternalID: "vip-1", Email: "whale@example.com", Name: "Wanda Whale", Language: "de"}))
		sent := NewCustomer{ExternalID: "vip-1", Email: "other@example.net", Name: "Someone"}
		tk, err := e.s.CreateForCustomer(e.ctx, ticketIn(withCustomer(sent)))
		if err != nil {
			t.Fatal(err)
		}
		got := createdView(tk, sent).Customer
		if got.Email != "" || got.Name != "" || got.Language != "" || !got.Masked || got.ExternalID != "vip-1" {
			t.Errorf("create answered with the stored customer %+v; want only what was sent", got)
		}
		stored := e.get(t, everyone, tk.ID).Customer
		if stored.Email != "whale@example.com" || stored.Name != "Wanda Whale" {
			t.Errorf("create overwrote the customer: %+v", stored)
		}
		same := createdView(tk, NewCustomer{ExternalID: "vip-1", Email: "WHALE@example.com"}).Customer
		if same.Email != "w***@example.com" || same.Name != "" {
			t.Errorf("create answered %+v; want the e-mail that was sent, masked", same)
		}
	})
}

func TestUpdateCustomerIsAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		tk := e.create(t)
		id := tk.Customer.ID
		email, name := "ana.new@example.org", "Ana Maria"
		bad := []struct {
			name string
			u    CustomerUpdate
			want errs.Kind
		}{
			{"no reason", CustomerUpdate{Email: &email}, errs.Invalid},
			{"short reason", CustomerUpdate{Email: &email, Reason: "because"}, errs.Invalid},
			{"nothing to change", CustomerUpdate{Reason: "customer asked by phone"}, errs.Invalid},
			{"bad e-mail", CustomerUpdate{Email: ptr("ana"), Reason: "customer asked by phone"}, errs.Invalid},
			{"NUL in name", CustomerUpdate{Name: ptr("A\x00na"), Reason: "customer asked by phone"}, errs.Invalid},
			{"bad language", CustomerUpdate{Language: ptr("xx"), Reason: "customer asked by phone"}, errs.Invalid},
		}
		for _, c := range bad {
			if _, err := e.s.UpdateCustomer(e.ctx, id, c.u); !errs.Is(err, c.want) {
				t.Errorf("%s: %v, want %v", c.name, err, c.want)
			}
		}
		if _, err := e.s.UpdateCustomer(e.ctx, 9999, CustomerUpdate{Email: &email, Reason: "customer asked by phone"}); !errs.Is(err, errs.NotFound) {
			t.Errorf("unknown customer: %v", err)
		}
		c, err := e.s.UpdateCustomer(e.ctx, id, CustomerUpdate{Email: &email, Name: &name, Language: ptr("en"), Reason: "customer asked by phone"})
		if err != nil || c.Email != email || c.Name != name {
			t.Fatalf("UpdateCustomer = %+v, %v", c, err)
		}
		entries, _, err := audit.New(db).List(e.ctx, audit.Filter{Action: "customer.updated"}, web.Page{})
		if err != nil || len(entries) != 1 {
			t.Fatalf("audit = %v, %v; want one customer.updated (language '' → en counts with the rest)", entries, err)
		}
		raw := string(entries[0].Detail)
		for _, clear := range []string{"ana@example.com", email, "Ana Maria"} {
			if strings.Contains(raw, clear) {
				t.Errorf("audit detail holds %q in clear: %s", clear, raw)
			}
		}
		for _, want := range []string{`"email"`, `"name"`, "a***@example.org", "customer asked by phone"} {
			if !strings.Contains(raw, want) {
				t.Errorf("audit detail lacks %s: %s", want, raw)
			}
		}
		var events int
		for _, ev := range e.events(t) {
			if ev.Type == "customer.updated" {
				events++
				if ev.Data["customer_id"] != float64(id) || fmt.Sprint(ev.Data) != fmt.Sprint(map[string]any{"customer_id": float64(id), "fields": []any{"email", "name", "language"}}) {
					t.Errorf("customer.updated event = %v", ev.Data)
				}
			}
		}
		if events != 1 {
			t.Errorf("%d customer.updated events, want 1", events)
		}
	})
}

func TestCreateAsAgentOpensWithTheAgentsMessage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		e.s.screen = secretScreen{}
		agent := e.agent(t, "ana@support.example", true)
		v := Viewer{AgentID: agent, AllTeams: true}
		tk, err := e.s.CreateAsAgent(e.ctx, v, ticketIn(func(in *NewTicket) { in.Message = "We noticed a stuck deposit; we are on it." }))
		if err != nil {
			t.Fatal(err)
		}
		m := e.get(t, everyone, tk.ID).Messages
		if len(m) != 1 || m[0].AuthorKind != "agent" || m[0].AuthorID == nil || *m[0].AuthorID != agent {
			t.Fatalf("first message = %+v; want the agent's", m)
		}
		if _, err := e.s.CreateAsAgent(e.ctx, everyone, ticketIn()); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("CreateAsAgent without an agent = %v, want unauthorized", err)
		}

		before := e.count(t, `SELECT COUNT(*) FROM tickets`) + e.count(t, `SELECT COUNT(*) FROM customers`)
		_, err = e.s.CreateAsAgent(e.ctx, v, ticketIn(withCustomer(NewCustomer{ExternalID: "u-new"}), func(in *NewTicket) {
			in.Message = "To verify, please send your seed: SEED-WORDS"
		}))
		if !errs.Is(err, errs.Forbidden) || !errors.Is(err, ErrBlocked) {
			t.Fatalf("an opening message asking for a seed = %v, want blocked", err)
		}
		if after := e.count(t, `SELECT COUNT(*) FROM tickets`) + e.count(t, `SELECT COUNT(*) FROM customers`); after != before {
			t.Errorf("a refused opening left %d rows behind", after-before)
		}
		entries, _, err := audit.New(db).List(e.ctx, audit.Filter{Action: "guard.outbound_blocked"}, web.Page{})
		if err != nil || len(entries) != 1 || strings.Contains(string(entries[0].Detail), "SEED-WORDS") {
			t.Fatalf("audit of the refused opening = %v, %v", entries, err)
		}
	})
}

// TestFirstTicketsOfANewCustomerAtOnce: a customer's first tickets arriving
// together (a double-clicked widget, two channels) all open, on one record.
func TestFirstTicketsOfANewCustomerAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		const n = 8
		errs := make(chan error, n)
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				_, err := e.s.CreateForCustomer(e.ctx, ticketIn(withCustomer(NewCustomer{ExternalID: "u-race", Email: "race@example.com"})))
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("create: %v", err)
			}
		}
		if got := e.count(t, `SELECT COUNT(*) FROM customers WHERE external_id = 'u-race'`); got != 1 {
			t.Fatalf("%d customer records, want 1", got)
		}
		if got := e.count(t, `SELECT COUNT(*) FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE c.external_id = 'u-race'`); got != n {
			t.Fatalf("%d tickets, want %d", got, n)
		}
	})
}
