package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/risk/fraud"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// The fraud API's pages are internal/risk/fraud's own (added here, so that
// page_coverage_test.go's table keeps its alignment).
func init() {
	for k, v := range map[string]string{
		"GET /api/v1/fraud/flagged":                "the exchange's back-end reads it; agents see it at /flagged (internal/risk/fraud)",
		"GET /api/v1/fraud/clusters":               "internal/risk/fraud's security page (/security/fraud) lists them",
		"GET /api/v1/fraud/entities/{id}":          "internal/risk/fraud's entity page (/security/fraud/entities/{id}) shows it",
		"POST /api/v1/fraud/entities/{id}/flag":    "the entity page's flag form (POST /security/fraud/entities/{id}/flag)",
		"POST /api/v1/fraud/entities/{id}/dismiss": "the entity page's dismiss form (POST /security/fraud/entities/{id}/dismiss)",
		"POST /api/v1/fraud/entities/{id}/unflag":  "the entity page's unflag form (POST /security/fraud/entities/{id}/unflag)",
		"POST /api/v1/fraud/allowed":               "the security page's allow-list form (POST /security/fraud/allowed)",
		"GET /api/v1/fraud/settings":               "the security page (/security/fraud) shows the rule",
		"PUT /api/v1/fraud/settings":               "the security page's rule form (POST /security/fraud/settings)",
	} {
		apiWithoutPage[k] = v
	}
	openAPITypes["FraudDecision"] = fraud.Decision{}
	openAPITypes["FraudSettings"] = fraud.Settings{}
	openAPITypes["FraudAllow"] = fraud.AllowRequest{}
	openAPIResponseTypes["FraudFlagged"] = fraud.Flagged{}
	openAPIResponseTypes["FraudFlaggedPage"] = fraud.FlaggedPage{}
	openAPIResponseTypes["FraudCluster"] = fraud.Cluster{}
	openAPIResponseTypes["FraudMention"] = fraud.Mention{}
}

// TestFraudAPI drives the story through the node (real bus, durable
// consumer): three customers report one scam address, one alert reaches
// the security team; a specialist flags it; the exchange's integration
// token reads it with a since-cursor and an ETag; a fourth customer is
// warned. Bad requests change nothing; a tier 1 agent sees no cluster.
func TestFraudAPI(t *testing.T) {
	t.Parallel()
	const scam = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
	eachEngine(t, func(t *testing.T, ta *testApp) {
		ctx := t.Context()
		_, exchange := ta.agentToken(auth.Integration)
		_, tier1 := ta.agentToken(auth.Tier1)
		_, security := ta.agentToken(auth.Security)
		for i := range 3 {
			if _, err := ta.tickets.Store.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Scam", Channel: "chat",
				Message:  fmt.Sprintf("A 'support agent' on Telegram told me to send USDT to %s to unlock my account (%d)", scam, i),
				Customer: ticket.NewCustomer{ExternalID: fmt.Sprintf("fraud-victim-%d", i), Name: "Victim"}}); err != nil {
				t.Fatal(err)
			}
		}
		var clusters struct{ Clusters []fraud.Cluster }
		eventually(t, func() bool {
			ta.do("GET", "/api/v1/fraud/clusters", security, nil, &clusters)
			return len(clusters.Clusters) == 1 && clusters.Clusters[0].AlertedAt != nil
		})
		id := clusters.Clusters[0].ID
		if c := clusters.Clusters[0]; c.Value != scam || c.Customers != 3 {
			t.Fatalf("cluster = %+v", c)
		}
		alerts := 0
		if err := ta.db.QueryRow(ctx, `SELECT COUNT(*) FROM agent_alerts WHERE alert = 'fraud.cluster' AND audience = 'security'`).Scan(&alerts); err != nil {
			t.Fatal(err)
		}
		eventually(t, func() bool {
			_ = ta.db.QueryRow(ctx, `SELECT COUNT(*) FROM agent_alerts WHERE alert = 'fraud.cluster' AND audience = 'security'`).Scan(&alerts)
			return alerts == 1
		})

		if resp := ta.do("GET", "/api/v1/fraud/clusters", tier1, nil, nil); resp.StatusCode != 403 {
			t.Errorf("tier 1 reads clusters: %d", resp.StatusCode)
		}
		if resp := ta.do("GET", fmt.Sprintf("/api/v1/fraud/entities/%d", id), exchange, nil, nil); resp.StatusCode != 403 {
			t.Errorf("the exchange reads a cluster's tickets: %d", resp.StatusCode)
		}
		path := fmt.Sprintf("/api/v1/fraud/entities/%d/flag", id)
		for _, bad := range []struct {
			path, body string
			status     int
		}{
			{path, `{"reason": 5}`, 400},
			{path, `{"reason": ""}`, 400},
			{path, `{"reason": "x", "extra": 1}`, 400},
			{path, `not json`, 400},
			{"/api/v1/fraud/entities/999999/flag", `{"reason": "scam"}`, 404},
			{"/api/v1/fraud/entities/abc/flag", `{"reason": "scam"}`, 404},
		} {
			if resp := ta.do("POST", bad.path, security, bad.body, nil); resp.StatusCode != bad.status {
				t.Errorf("POST %s %s: %d, want %d", bad.path, bad.body, resp.StatusCode, bad.status)
			}
		}
		var page fraud.FlaggedPage
		resp := ta.do("GET", "/api/v1/fraud/flagged", exchange, nil, &page)
		if resp.StatusCode != 200 || len(page.Entities) != 0 {
			t.Fatalf("list before flagging: %d %+v", resp.StatusCode, page)
		}
		before := resp.Header.Get("ETag")

		if resp := ta.do("POST", path, security, `{"reason": "Fake support on Telegram asks for deposits to unlock accounts"}`, nil); resp.StatusCode != 200 {
			t.Fatalf("flag: %d", resp.StatusCode)
		}
		if resp := ta.do("POST", path, security, `{"reason": "again"}`, nil); resp.StatusCode != 409 {
			t.Errorf("flag twice: %d, want 409", resp.StatusCode)
		}
		resp = ta.do("GET", "/api/v1/fraud/flagged", exchange, nil, &page, "If-None-Match", before)
		if resp.StatusCode != 200 || len(page.Entities) != 1 || page.Entities[0].Value != scam || page.NextCursor != page.Entities[0].Cursor {
			t.Fatalf("list after flagging: %d %+v", resp.StatusCode, page)
		}
		if resp := ta.do("GET", "/api/v1/fraud/flagged", exchange, nil, nil, "If-None-Match", resp.Header.Get("ETag")); resp.StatusCode != 304 {
			t.Errorf("unchanged list: %d, want 304", resp.StatusCode)
		}
		var since fraud.FlaggedPage
		if resp := ta.do("GET", fmt.Sprintf("/api/v1/fraud/flagged?since=%d", page.NextCursor), tier1, nil, &since); resp.StatusCode != 200 || len(since.Entities) != 0 {
			t.Errorf("since the cursor: %d %+v", resp.StatusCode, since)
		}
		for _, q := range []string{"since=-1", "since=x", "limit=0", "limit=501"} {
			if resp := ta.do("GET", "/api/v1/fraud/flagged?"+q, exchange, nil, nil); resp.StatusCode != 400 {
				t.Errorf("?%s: %d, want 400", q, resp.StatusCode)
			}
		}

		fourth, err := ta.tickets.Store.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Unlock", Channel: "chat", Language: "es",
			Message:  "¿Es seguro enviar a " + scam + "?",
			Customer: ticket.NewCustomer{ExternalID: "fraud-victim-4", Name: "Cliente", Language: "es"}})
		if err != nil {
			t.Fatal(err)
		}
		eventually(t, func() bool {
			tk, err := ta.tickets.Store.Get(ctx, ticket.Viewer{AllTeams: true, Notes: true}, fourth.ID)
			if err != nil {
				t.Fatal(err)
			}
			warned, noted := false, false
			for _, m := range tk.Messages {
				warned = warned || m.AuthorKind == "system" && m.Body == fraud.CustomerWarning("es")
				noted = noted || m.Internal && strings.Contains(m.Body, "flagged: Fake support on Telegram")
			}
			return warned && noted
		})

		// The flag was wrong: withdrawn through the router, the reader that
		// follows the cursor gets the removal, and the ETag changes.
		etag := ta.do("GET", fmt.Sprintf("/api/v1/fraud/flagged?since=%d", page.NextCursor), exchange, nil, nil).Header.Get("ETag")
		unflag := fmt.Sprintf("/api/v1/fraud/entities/%d/unflag", id)
		if resp := ta.do("POST", unflag, exchange, `{"reason": "ours"}`, nil); resp.StatusCode != 403 {
			t.Errorf("the exchange unflags: %d, want 403", resp.StatusCode)
		}
		if resp := ta.do("POST", "/api/v1/fraud/entities/999999/unflag", security, `{"reason": "wrong"}`, nil); resp.StatusCode != 404 {
			t.Errorf("unflag an unknown entity: %d, want 404", resp.StatusCode)
		}
		var removed fraud.Flagged
		if resp := ta.do("POST", unflag, security, `{"reason": "Our own hot wallet, mistyped report"}`, &removed); resp.StatusCode != 200 || removed.State != fraud.StateUnflagged {
			t.Fatalf("unflag: %d %+v", resp.StatusCode, removed)
		}
		if resp := ta.do("POST", unflag, security, `{"reason": "again"}`, nil); resp.StatusCode != 409 {
			t.Errorf("unflag twice: %d, want 409", resp.StatusCode)
		}
		resp = ta.do("GET", fmt.Sprintf("/api/v1/fraud/flagged?since=%d", page.NextCursor), exchange, nil, &since, "If-None-Match", etag)
		if resp.StatusCode != 200 || len(since.Entities) != 1 || since.Entities[0].State != fraud.StateUnflagged || since.NextCursor != removed.Cursor {
			t.Errorf("after unflagging: %d %+v", resp.StatusCode, since)
		}
	})
}
