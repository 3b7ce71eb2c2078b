package attach

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
)

// TestNameIsRedacted: a customer who names a file after their seed phrase
// (a real BIP-39 phrase) gets it stored under a name the guard has cut;
// the extension stays.
func TestNameIsRedacted(t *testing.T) {
	const phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		keys, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)})
		if err != nil {
			t.Fatal(err)
		}
		log := audit.New(db)
		guard := ticketguard.New()
		tickets, err := ticket.NewStore(db, log, guard, keys)
		if err != nil {
			t.Fatal(err)
		}
		tk, err := tickets.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Backup", Message: "see the file", Channel: "chat",
			Customer: ticket.NewCustomer{ExternalID: "u-1", Email: "ana@example.com"}})
		if err != nil {
			t.Fatal(err)
		}
		files, err := NewStore(db, nil, keys, log)
		if err != nil {
			t.Fatal(err)
		}
		files.Redact = func(s string) string { return guard.Detector().ScanText(s).Redacted }
		a, err := files.Add(ctx, tk.ID, Uploader{Kind: "customer"}, phrase+".pdf", []byte(minimalPDF))
		if err != nil {
			t.Fatal(err)
		}
		var name string
		if err := db.QueryRow(ctx, `SELECT name FROM attachments WHERE id = ?`, a.ID).Scan(&name); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(name, "sausage") || !strings.Contains(name, "removed") || !strings.HasSuffix(name, ".pdf") {
			t.Errorf("name stored as %q", name)
		}
	})
}
