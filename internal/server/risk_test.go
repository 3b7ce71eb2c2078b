package server

import (
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/risk"
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
