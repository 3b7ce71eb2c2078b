package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/exchangehttp"
	"github.com/groundcrew/groundcrew/internal/risk"
	"github.com/groundcrew/groundcrew/internal/store"
)

// The risk API and its pages (added to apiPages here, so that
// page_coverage_test.go's table keeps its alignment).
func init() {
	for k, v := range map[string]onPage{
		"GET /api/v1/risk/customers/{user}/events": {"GET /tickets/{id}", ""},
		"GET /api/v1/risk/cases":                   {"GET /admin/risk", ""},
		"GET /api/v1/risk/rules":                   {"GET /admin/risk", ""},
		"PUT /api/v1/risk/rules/{kind}":            {"POST /admin/risk/rules/{kind}", ""},
		"POST /api/v1/risk/demo":                   {"POST /admin/risk/demo", ""},
	} {
		apiPages[k] = v
	}
	openAPITypes["RiskRuleInput"] = risk.Rule{}
	openAPIResponseTypes["RiskRule"] = risk.Rule{}
	openAPIResponseTypes["RiskEvent"] = risk.Event{}
	openAPIResponseTypes["ExchangeRiskEvent"] = exchange.RiskEvent{}
	openAPIResponseTypes["RiskOutreach"] = risk.Outreach{}
	openAPIResponseTypes["RiskAccepted"] = risk.Accepted{}
}

// TestRiskWiring: the demo button's API, the signed endpoint as mounted
// (the sandbox's key), the customer panel's and the security queue's API,
// and the widget's alert.
func TestRiskWiring(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	var acc risk.Accepted
	if resp := ta.do("POST", "/api/v1/risk/demo", "", `{"user_id":"u-1001"}`, &acc); resp.StatusCode != http.StatusAccepted || len(acc.Opened) != 1 {
		t.Fatalf("demo events: %d %+v", resp.StatusCode, acc)
	}
	if resp := ta.do("POST", "/api/v1/risk/demo", "", `{"user_id":"nobody"}`, nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("demo events for a stranger: %d", resp.StatusCode)
	}
	evs, err := ta.sandbox.RiskEvents(context.Background(), "u-1001", exchange.RiskPasswordChanged)
	if err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(risk.Batch{Events: evs})
	if err != nil {
		t.Fatal(err)
	}
	post := func(sign bool) *http.Response {
		req, err := http.NewRequest("POST", ta.URL+risk.EventsPath, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if sign {
			exchangehttp.Sign(req, sandboxRiskKeyID, ta.keys.Derive("risk.sandbox-events")[0].Bytes, body, time.Now())
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := post(false); resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("unsigned: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if resp := post(true); resp.StatusCode != http.StatusAccepted {
		t.Errorf("signed with the sandbox's key: %d", resp.StatusCode)
	}
	if resp := post(true); resp.StatusCode != http.StatusConflict {
		t.Errorf("replayed: %d", resp.StatusCode)
	}
	var got struct{ Events []risk.Event }
	ta.do("GET", "/api/v1/risk/customers/u-1001/events", "", nil, &got)
	if len(got.Events) != 3 || got.Events[0].Kind != exchange.RiskPasswordChanged {
		t.Errorf("customer's events: %+v", got.Events)
	}
	var cases struct{ Cases []risk.Outreach }
	ta.do("GET", "/api/v1/risk/cases", "", nil, &cases)
	if len(cases.Cases) != 1 || cases.Cases[0].Events != 3 {
		t.Errorf("cases: %+v", cases.Cases)
	}
	if a, ok, err := ta.riskAlert(context.Background(), "u-1001", "pt"); err != nil || !ok || !strings.Contains(a.Href, "/risk/disable?t=") {
		t.Errorf("widget alert: %+v %v %v", a, ok, err)
	}
}
