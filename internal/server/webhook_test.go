package server

import "github.com/groundcrew/groundcrew/internal/webhook"

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
