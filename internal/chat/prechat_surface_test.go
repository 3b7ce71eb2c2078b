package chat_test

import (
	"strconv"
	"testing"

	"github.com/groundcrew/groundcrew/internal/chat"
)

// TestPreChatFieldsOnlyTheWidgetForm: an anonymous visitor's pre-chat
// values fill only the fields the form shows on the widget. A field the
// admin keeps for agents ("KYC checked by agent") or a key no form
// defines ("vip") used to be stored as sent, so the agent saw a visitor's
// word as a colleague's; both are dropped, the widget's own field kept.
func TestPreChatFieldsOnlyTheWidgetForm(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		agentOnly := map[string]any{"key": "kyc_checked", "kind": "select", "label": "KYC checked by agent",
			"options": []string{"yes", "no"}, "surfaces": []string{"agent", "api"}, "required_in": []string{}}
		if code := n.api("PUT", "/api/v1/form-fields/kyc_checked", agentOnly, nil); code != 200 {
			t.Fatalf("PUT form field: %d", code)
		}
		c := n.dial(chat.In{})
		ctx, cancel := timeout()
		defer cancel()
		in := chat.In{Type: "send", ID: "p-1", Text: "my deposit is missing",
			Fields: map[string]string{"kyc_checked": "yes", "vip": "true", "asset": "usdt"}}
		if err := c.Write(ctx, in); err != nil {
			t.Fatal(err)
		}
		conv := expect(t, c, "conversation")
		expect(t, c, "ack")
		var tk struct {
			CustomFields map[string]string `json:"custom_fields"`
		}
		if code := n.api("GET", "/api/v1/tickets/"+strconv.FormatInt(conv.Conv(), 10), nil, &tk); code != 200 {
			t.Fatalf("GET ticket: %d", code)
		}
		if len(tk.CustomFields) != 1 || tk.CustomFields["asset"] != "USDT" {
			t.Fatalf("stored fields %v, want only asset USDT", tk.CustomFields)
		}
	})
}
