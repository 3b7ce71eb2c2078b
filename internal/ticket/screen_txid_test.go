package ticket

import (
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// warnScreen is guardScreen that also words the customer's warning.
type warnScreen struct{ guardScreen }

func (warnScreen) Warning(language string, kinds []string) string {
	return guard.Warning(language, kinds)
}

// TestTxIDFieldIsNotAKey is the demo's Maria (sandbox u-1001, Portuguese):
// her chat ticket carries the pre-chat form's "txid" field, a 0x + 64-hex
// transaction hash. Read without its field name that is a private key to
// the guard, so the demo ticket opened with a "we removed confidential
// information" warning, which a helper took for the answer to her next,
// ordinary message. The field's name says what the value is; a bare
// 64-hex value in a field whose name says nothing, or a value labelled as
// a key, is still cut.
func TestTxIDFieldIsNotAKey(t *testing.T) {
	const txid = "0xafe4c612edc1f29664e9f90543054a3de32f7224fcaf5f403da1b274668b373b"
	const key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, warnScreen{guardScreen{d: guard.NewDetector()}}, testKeyring(t, "a"))
		tk := e.create(t, func(in *NewTicket) {
			in.Subject, in.Channel, in.Language = "Credited USDT deposit", "chat", "pt"
			in.Customer.Name = "Maria Santos"
			in.Message = "My deposit has not arrived.\nTxID: " + txid + "\nI sent it to: 0x6D5c158606858Ae20472f3C4c9712119943c763f"
			in.CustomFields = map[string]string{"asset": "USDT", "network": "ethereum", "txid": txid}
			in.Tags = []string{"deposit", "ethereum"}
		})
		if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, "Prefiero que me llamen por teléfono"); err != nil {
			t.Fatal(err)
		}
		got := e.get(t, everyone, tk.ID)
		if got.CustomFields["txid"] != txid {
			t.Errorf("txid field stored as %q", got.CustomFields["txid"])
		}
		for _, m := range got.Messages {
			if m.AuthorKind == "system" {
				t.Errorf("system message %q", m.Body)
			}
		}
		if last := got.Messages[len(got.Messages)-1]; last.Body != "Prefiero que me llamen por teléfono" {
			t.Errorf("last message %q", last.Body)
		}

		for name, value := range map[string]string{"notes": key, "txid": "private key " + key} {
			tk := e.create(t, func(in *NewTicket) {
				in.Language = "es"
				in.CustomFields = map[string]string{name: value}
			})
			got := e.get(t, everyone, tk.ID)
			if strings.Contains(got.CustomFields[name], key[2:]) {
				t.Errorf("field %s kept the key: %q", name, got.CustomFields[name])
			}
			warned := false
			for _, m := range got.Messages {
				warned = warned || m.AuthorKind == "system" && m.Body == guard.Warning("es", []string{guard.KindPrivateKey})
			}
			if !warned {
				t.Errorf("field %s: no warning in Spanish", name)
			}
		}
	})
}
