package ticket

import (
	"errors"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// bip39Phrase is a real BIP-39 phrase (the test vector of entropy 7f×16).
const bip39Phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"

// heldGuard is the real guard that also holds replies naming "show your
// sheet", so held replies can be decided.
type heldGuard struct{ guardScreen }

func (heldGuard) Review(previous []string, text string) (refuse, hold string) {
	if strings.Contains(text, "show your sheet") {
		hold = "names the recovery sheet next to showing it"
	}
	return "", hold
}

// keepsPhrase fails the test when any stored row in the query's result
// holds a word of the phrase.
func keepsPhrase(t *testing.T, e env, what, query string, args ...any) {
	t.Helper()
	rows, err := e.db.Query(e.ctx, query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var got string
		if err := rows.Scan(&got); err != nil {
			t.Fatal(err)
		}
		n++
		if strings.Contains(got, "sausage") || strings.Contains(got, "winner") {
			t.Errorf("%s stored with the phrase: %q", what, got)
		}
		if !strings.Contains(got, "removed") {
			t.Errorf("%s stored without the marker: %q", what, got)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Errorf("%s: no row", what)
	}
}

// TestFreeTextIsRedacted: what a supervisor or agent types about a held
// reply or a customer's contact data is cut by the guard before it is
// stored, in its row and in the audit log.
func TestFreeTextIsRedacted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, heldGuard{guardScreen{d: guard.NewDetector()}}, testKeyring(t, "a"))
		writer := Viewer{AgentID: e.agent(t, "ana@support.example", true), AllTeams: true}
		boss := Viewer{AgentID: e.agent(t, "sam@support.example", true), AllTeams: true}
		tk := e.create(t)
		hold := func() HeldReply {
			_, err := e.s.AddMessage(e.ctx, writer, tk.ID, NewMessage{Body: "Please show your sheet on the call"})
			he, ok := errors.AsType[*HeldError](err)
			if !ok {
				t.Fatalf("AddMessage = %v, want held", err)
			}
			return he.Reply
		}
		note := "customer wrote " + bip39Phrase + " in chat, never ask"
		rejected := hold()
		if _, err := e.s.RejectHeld(e.ctx, boss, rejected.ID, note); err != nil {
			t.Fatal(err)
		}
		keepsPhrase(t, e, "rejection note", `SELECT note FROM held_replies WHERE id = ?`, rejected.ID)
		released := hold()
		if _, err := e.s.RequestReview(e.ctx, writer, released.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.ReleaseHeld(e.ctx, boss, released.ID, note); err != nil {
			t.Fatal(err)
		}
		keepsPhrase(t, e, "release note", `SELECT note FROM held_replies WHERE id = ?`, released.ID)
		keepsPhrase(t, e, "held audit", `SELECT detail FROM audit_log WHERE action IN ('guard.held_rejected', 'guard.held_released')`)

		name := "Ana " + bip39Phrase
		if _, err := e.s.UpdateCustomer(e.ctx, tk.Customer.ID, CustomerUpdate{Name: &name, Reason: "she read out " + bip39Phrase}); err != nil {
			t.Fatal(err)
		}
		keepsPhrase(t, e, "customer name", `SELECT name FROM customers WHERE id = ?`, tk.Customer.ID)
		keepsPhrase(t, e, "customer update audit", `SELECT detail FROM audit_log WHERE action = 'customer.updated'`)
	})
}
