package server

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/webhook"
)

// Outgoing webhooks' admin API (internal/webhook). Its pages are the
// package's own (/admin/webhooks...), served through the workspace's
// session check like internal/metrics' dashboards, so the routes are
// listed here with the page that performs each.
func init() {
	for k, v := range map[string]string{
		"GET /api/v1/webhooks":                                    "internal/webhook's page GET /admin/webhooks lists them",
		"POST /api/v1/webhooks":                                   "internal/webhook's page POST /admin/webhooks (the add form)",
		"GET /api/v1/webhooks/event-types":                        "internal/webhook's pages show them as the form's event checkboxes",
		"GET /api/v1/webhooks/{id}":                               "internal/webhook's page GET /admin/webhooks/{id}",
		"PATCH /api/v1/webhooks/{id}":                             "internal/webhook's page POST /admin/webhooks/{id} (the settings form, switching on and off)",
		"DELETE /api/v1/webhooks/{id}":                            "internal/webhook's page POST /admin/webhooks/{id}/delete",
		"POST /api/v1/webhooks/{id}/secret":                       "internal/webhook's page POST /admin/webhooks/{id}/secret",
		"GET /api/v1/webhooks/{id}/deliveries":                    "internal/webhook's page GET /admin/webhooks/{id} shows the delivery log",
		"POST /api/v1/webhooks/{id}/deliveries/{delivery}/resend": "internal/webhook's page POST /admin/webhooks/{id}/deliveries/{delivery}/resend (the log's Resend button)",
	} {
		apiWithoutPage[k] = v
	}
	openAPITypes["WebhookInput"] = webhook.Input{}
	openAPIResponseTypes["Webhook"] = webhook.Subscription{}
	openAPIResponseTypes["WebhookEventType"] = webhook.EventType{}
	openAPIResponseTypes["WebhookDelivery"] = webhook.Delivery{}
	openAPIResponseTypes["WebhookAttempt"] = webhook.Attempt{}
}

// TestWebhookEndToEnd: an admin subscribes a local receiver through the
// API; a ticket made through the API reaches it through the outbox, the
// bus and the deliverer, signed with the secret the API showed once.
func TestWebhookEndToEnd(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []*http.Request
	var bodies [][]byte
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got, bodies = append(got, r), append(bodies, body)
		mu.Unlock()
	}))
	defer rcv.Close()
	ta := newTestApp(t, store.SQLite, false, func(c *Config) { c.WebhookAllowPrivate = true })

	var created struct {
		ID     int64  `json:"id"`
		Secret string `json:"secret"`
	}
	if resp := ta.do("POST", "/api/v1/webhooks", "", map[string]any{"name": "CRM", "url": rcv.URL, "events": []string{"ticket.created"}}, &created); resp.StatusCode != http.StatusCreated || created.Secret == "" {
		t.Fatalf("create: %d %+v", resp.StatusCode, created)
	}
	if resp := ta.do("PATCH", fmt.Sprintf("/api/v1/webhooks/%d", created.ID), "", map[string]any{"events": []string{"note.created"}}, nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("internal notes offered: %d", resp.StatusCode)
	}
	ta.do("POST", "/api/v1/tickets", "", newTicketBody("webhook"), nil)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 {
		t.Fatalf("%d deliveries", len(got))
	}
	if err := webhook.Verify([]byte(created.Secret), got[0].Header, bodies[0], time.Now(), 0); err != nil {
		t.Errorf("signature: %v", err)
	}
	if got[0].Header.Get(webhook.HeaderEventType) != "ticket.created" {
		t.Errorf("headers: %v", got[0].Header)
	}
}
