package ticket

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestFormFieldsArePlainText: a customer's name, custom field values and
// tags are stored as typed, markup included (escaping is the page's job),
// and the guard still reads their words. Read as HTML, "<b>Ana</b>" was
// stored as "Ana" and "<script>…</script>" as nothing.
func TestFormFieldsArePlainText(t *testing.T) {
	const phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
		tk := e.create(t, func(in *NewTicket) {
			in.Subject, in.Message = "Deposit", "Where is my deposit?"
			in.Customer = NewCustomer{ExternalID: "u-plain", Name: "<b>Ana</b> Costa"}
			in.CustomFields = map[string]string{"order": "<i>7781</i> & <script>alert(1)</script>"}
			in.Tags = []string{"<b>vip</b>", "a<b"}
		})
		got := e.get(t, everyone, tk.ID)
		want := map[string]string{"order": "<i>7781</i> & <script>alert(1)</script>"}
		if diff := cmp.Diff(want, got.CustomFields); diff != "" {
			t.Errorf("custom fields (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"<b>vip</b>", "a<b"}, got.Tags); diff != "" {
			t.Errorf("tags (-want +got):\n%s", diff)
		}
		name := storetest.Scalar[string](t, db, `SELECT name FROM customers WHERE external_id = 'u-plain'`)
		if name != "<b>Ana</b> Costa" {
			t.Errorf("name stored as %q", name)
		}
		// An agent's change of the name is kept as typed too.
		newName := "<i>Ana</i> Costa-Silva"
		if _, err := e.s.UpdateCustomer(e.ctx, tk.Customer.ID, CustomerUpdate{Name: &newName, Reason: "the customer asked by phone"}); err != nil {
			t.Fatal(err)
		}
		if name := storetest.Scalar[string](t, db, `SELECT name FROM customers WHERE external_id = 'u-plain'`); name != newName {
			t.Errorf("updated name stored as %q", name)
		}
		// A phrase in a name with markup is still cut.
		phraseName := "<b>" + phrase + "</b>"
		if _, err := e.s.UpdateCustomer(e.ctx, tk.Customer.ID, CustomerUpdate{Name: &phraseName, Reason: "the customer asked by phone"}); err != nil {
			t.Fatal(err)
		}
		if name := storetest.Scalar[string](t, db, `SELECT name FROM customers WHERE external_id = 'u-plain'`); strings.Contains(name, "sausage") {
			t.Errorf("a phrase in the name was stored: %q", name)
		}
		// And in a custom field's value with markup around it.
		other := e.create(t, func(in *NewTicket) {
			in.Subject, in.Message = "Wallet", "Please check"
			in.Customer = NewCustomer{ExternalID: "u-plain-2"}
			in.CustomFields = map[string]string{"note": "<p>" + phrase + "</p>"}
		})
		if got := e.get(t, everyone, other.ID).CustomFields["note"]; got != "<p>[seed phrase removed]</p>" {
			t.Errorf("a phrase in a custom field with markup: stored %q", got)
		}
	})
}
