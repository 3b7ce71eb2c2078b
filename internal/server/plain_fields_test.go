package server

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestCustomerFieldsStoredAsTypedShownEscaped: a customer's name, custom
// fields and tags that hold markup are stored as typed (they were read as
// HTML: "<b>Ana</b>" became "Ana"), and the workspace shows them as text.
func TestCustomerFieldsStoredAsTypedShownEscaped(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		const name, field, tag = "<b>Ana</b> Costa", `<img src=x onerror=alert(1)>`, "<b>vip</b>"
		body := map[string]any{"subject": "Deposit", "message": "Where is my deposit?", "channel": "api", "language": "en",
			"customer":      map[string]any{"external_id": "u-markup", "name": name},
			"custom_fields": map[string]string{"wallet": field}, "tags": []string{tag}}
		var tk ticket.Ticket
		if resp := ta.do("POST", "/api/v1/tickets", "", body, &tk); resp.StatusCode != 201 {
			t.Fatalf("create ticket: %d", resp.StatusCode)
		}
		if tk.CustomFields["wallet"] != field || !slices.Equal(tk.Tags, []string{tag}) {
			t.Errorf("stored custom fields %q and tags %q, want them as typed", tk.CustomFields, tk.Tags)
		}
		var stored string
		if err := ta.db.QueryRow(t.Context(), `SELECT name FROM customers WHERE external_id = 'u-markup'`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored != name {
			t.Errorf("stored name %q, want %q", stored, name)
		}
		for _, path := range []string{"/", fmt.Sprintf("/tickets/%d", tk.ID)} {
			status, page := ta.page(testAdminToken, path)
			if status != 200 {
				t.Fatalf("%s: %d", path, status)
			}
			if strings.Contains(page, tag) || strings.Contains(page, "<b>Ana") || strings.Contains(page, "<img src=x") {
				t.Errorf("%s renders the customer's markup", path)
			}
			if !strings.Contains(page, "&lt;b&gt;vip&lt;/b&gt;") {
				t.Errorf("%s does not show the tag as text", path)
			}
		}
	})
}
