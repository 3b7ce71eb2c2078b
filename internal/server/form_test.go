package server

import (
	"net/http"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/form"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

func TestTicketForm(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var list struct{ Fields []form.Field }
		ta.do("GET", "/api/v1/form-fields?surface=widget", "", nil, &list)
		if len(list.Fields) != len(form.Builtins()) {
			t.Fatalf("widget form has %d fields, want the %d built-ins", len(list.Fields), len(form.Builtins()))
		}

		// An admin makes the order number required everywhere, API included.
		order := form.Field{Kind: form.WithdrawalID, Label: "Order number", Surfaces: []form.Surface{form.API, form.Agent}, RequiredIn: []string{"*"}, Position: 5}
		if resp := ta.do("PUT", "/api/v1/form-fields/order_no", "", order, nil); resp.StatusCode != 200 {
			t.Fatalf("put field: %d", resp.StatusCode)
		}
		_, tier1 := ta.agentToken(auth.Tier1)
		var p web.Problem
		if resp := ta.do("PUT", "/api/v1/form-fields/order_no", tier1, order, &p); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("tier 1 changed the form: %d", resp.StatusCode)
		}

		body := newTicketBody("form")
		body["product_area"] = "wallet_deposits"
		resp := ta.do("POST", "/api/v1/tickets", "", body, &p)
		if resp.StatusCode != 400 || p.Field != "custom_fields.order_no" {
			t.Fatalf("ticket without the required field: %d %+v", resp.StatusCode, p)
		}
		body["custom_fields"] = map[string]string{"order_no": "W-2291", "network": "trc20", "txid": "not a txid at all"}
		resp = ta.do("POST", "/api/v1/tickets", "", body, &p)
		if resp.StatusCode != 400 || p.Field != "custom_fields.txid" {
			t.Fatalf("ticket with a bad TxID: %d %+v", resp.StatusCode, p)
		}
		if n := storetest.Scalar[int64](t, ta.db, `SELECT COUNT(*) FROM tickets`); n != 0 {
			t.Fatalf("%d tickets stored from refused requests", n)
		}

		body["custom_fields"] = map[string]string{"order_no": "W-2291", "network": "trc20", "asset": "usdt"}
		var tk ticket.Ticket
		if resp := ta.do("POST", "/api/v1/tickets", "", body, &tk); resp.StatusCode != http.StatusCreated {
			t.Fatalf("valid ticket: %d", resp.StatusCode)
		}
		if tk.CustomFields["network"] != "tron" || tk.CustomFields["asset"] != "USDT" {
			t.Fatalf("stored fields %v, want them normalised", tk.CustomFields)
		}

		if resp := ta.do("DELETE", "/api/v1/form-fields/order_no", "", nil, nil); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("delete: %d", resp.StatusCode)
		}
		if resp := ta.do("DELETE", "/api/v1/form-fields/order_no", "", nil, &p); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("delete twice: %d", resp.StatusCode)
		}
		delete(body, "custom_fields")
		body["customer"] = map[string]any{"external_id": "u-form-2"}
		if resp := ta.do("POST", "/api/v1/tickets", "", body, nil); resp.StatusCode != http.StatusCreated {
			t.Fatalf("after removing the field: %d", resp.StatusCode)
		}
	})
}
