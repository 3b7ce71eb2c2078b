package chat_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestPreChatForm: the first message of a conversation may carry the
// pre-chat form's values; they are checked against the ticket form and
// stored, normalised, in the ticket's custom fields. A refused value is an
// invalid_field error frame naming the field, and nothing is stored.
func TestPreChatForm(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		resp, err := http.Get(n.URL + "/chat/v1/form?lang=es")
		if err != nil {
			t.Fatal(err)
		}
		var form struct {
			Fields []struct{ Key, Kind, Label string }
		}
		if err := json.NewDecoder(resp.Body).Decode(&form); err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		labels := map[string]string{}
		for _, f := range form.Fields {
			labels[f.Key] = f.Label
		}
		if labels["txid"] != "ID de transacción (TxID)" || labels["network"] == "" {
			t.Fatalf("pre-chat form in Spanish: %+v", form.Fields)
		}

		c := n.dial(chat.In{Lang: "es"})
		ctx, cancel := timeout()
		defer cancel()
		bad := chat.In{Type: "send", ID: "f-1", Text: "No llegó mi depósito", Fields: map[string]string{"network": "trc20", "txid": "abandon ability able about above absent"}}
		if err := c.Write(ctx, bad); err != nil {
			t.Fatal(err)
		}
		e := expect(t, c, "error")
		if e.Code != chat.CodeInvalidField || e.Field != "txid" || e.Ref != "f-1" || e.Fatal {
			t.Fatalf("error frame %s, want invalid_field naming txid", e.Raw)
		}
		var tickets int
		if err := n.DB().QueryRow(ctx, `SELECT COUNT(*) FROM tickets WHERE channel = 'chat'`).Scan(&tickets); err != nil {
			t.Fatal(err)
		}
		if tickets != 0 {
			t.Fatalf("%d chat tickets stored after a refused form", tickets)
		}

		good := chat.In{Type: "send", ID: "f-2", Text: "No llegó mi depósito", Fields: map[string]string{"asset": "usdt", "network": "TRC20"}}
		if err := c.Write(ctx, good); err != nil {
			t.Fatal(err)
		}
		conv := expect(t, c, "conversation")
		var tk struct {
			CustomFields map[string]string `json:"custom_fields"`
		}
		if code := n.api("GET", "/api/v1/tickets/"+strconv.FormatInt(conv.Conv(), 10), nil, &tk); code != 200 {
			t.Fatalf("GET ticket: %d", code)
		}
		if tk.CustomFields["asset"] != "USDT" || tk.CustomFields["network"] != "tron" {
			t.Fatalf("stored fields %v", tk.CustomFields)
		}

		// Too many or oversized values are a bad frame before anything runs.
		many := map[string]string{}
		for i := range chat.MaxFields + 1 {
			many["k"+strconv.Itoa(i)] = "v"
		}
		if _, err := chat.ParseFrame(mustJSON(t, chat.In{Type: "send", ID: "f-3", Text: "x", Fields: many})); err == nil {
			t.Fatal("a send with too many fields parsed")
		}
	})
}

// TestPreChatArea: the widget's product-area choice goes with the first
// message; the form's fields required in that area are then required, and
// the ticket is filed under the area.
func TestPreChatArea(t *testing.T) {
	n := newNode(t, "sqlite")
	resp, err := http.Get(n.URL + "/chat/v1/form?lang=de")
	if err != nil {
		t.Fatal(err)
	}
	var form struct {
		Areas  []string
		Fields []struct {
			Key        string
			RequiredIn []string `json:"required_in"`
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&form); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !slices.Contains(form.Areas, "withdrawals") || !slices.ContainsFunc(form.Fields, func(f struct {
		Key        string
		RequiredIn []string `json:"required_in"`
	}) bool {
		return f.Key == "asset" && slices.Contains(f.RequiredIn, "withdrawals")
	}) {
		t.Fatalf("form %+v lacks the areas or the asset's required areas", form)
	}

	c := n.dial(chat.In{Lang: "de"})
	ctx, cancel := timeout()
	defer cancel()
	for _, bad := range []struct {
		in    chat.In
		field string
	}{
		{chat.In{Type: "send", ID: "a-1", Text: "Auszahlung fehlt", Area: "withdrawals"}, "asset"},
		{chat.In{Type: "send", ID: "a-2", Text: "Auszahlung fehlt", Area: "moon"}, "area"},
	} {
		if err := c.Write(ctx, bad.in); err != nil {
			t.Fatal(err)
		}
		if e := expect(t, c, "error"); e.Code != chat.CodeInvalidField || e.Field != bad.field || e.Ref != bad.in.ID {
			t.Fatalf("error frame %s, want invalid_field naming %s", e.Raw, bad.field)
		}
	}
	if n := storetest.Scalar[int](t, n.DB(), `SELECT COUNT(*) FROM tickets`); n != 0 {
		t.Fatalf("%d tickets after refused sends", n)
	}
	good := chat.In{Type: "send", ID: "a-3", Text: "Auszahlung fehlt", Area: "withdrawals", Fields: map[string]string{"asset": "btc", "network": "bitcoin"}}
	if err := c.Write(ctx, good); err != nil {
		t.Fatal(err)
	}
	conv := expect(t, c, "conversation")
	var tk struct {
		ProductArea string `json:"product_area"`
	}
	if code := n.api("GET", "/api/v1/tickets/"+strconv.FormatInt(conv.Conv(), 10), nil, &tk); code != 200 || tk.ProductArea != "withdrawals" {
		t.Fatalf("ticket: %d, product area %q", code, tk.ProductArea)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
