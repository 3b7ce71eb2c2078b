package chat_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/chat"
)

// TestAlertReachesOpenWidget: a security alert opened while the customer's
// widget is open is pushed to it at once, in its language; another
// customer's widget gets nothing.
func TestAlertReachesOpenWidget(t *testing.T) {
	n := newNode(t, "sqlite")
	mine := n.dial(chat.In{Token: userJWT(t, "u-1001", nil), Lang: "de"})
	other := n.dial(chat.In{Token: userJWT(t, "u-1002", nil), Lang: "en"})
	if c := mine.Welcome.Customer; c == nil || c.Alert != nil {
		t.Fatalf("welcome before the alert: %+v", c)
	}
	if code := n.api("POST", "/api/v1/risk/demo", map[string]string{"user_id": "u-1001"}, nil); code != http.StatusAccepted {
		t.Fatalf("demo risk events: %d", code)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	f, err := mine.Await(ctx, "alert")
	if err != nil {
		t.Fatalf("no alert frame: %v", err)
	}
	var got chat.AlertFrame
	if err := json.Unmarshal(f.Raw, &got); err != nil || got.Alert.Href == "" || got.Alert.Button == "" {
		t.Fatalf("alert frame %s: %v", f.Raw, err)
	}
	// In the widget's language: the same text welcome gives a new socket.
	again := n.dial(chat.In{Token: userJWT(t, "u-1001", nil), Lang: "de"})
	if a := again.Welcome.Customer.Alert; a == nil || a.Title != got.Alert.Title {
		t.Errorf("pushed title %q, welcome's %+v", got.Alert.Title, a)
	}
	// The other customer's socket still answers, and had no alert before.
	if err := other.Ping(ctx, "p1"); err != nil {
		t.Fatal(err)
	}
	for {
		f, err := other.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if f.Type == "alert" {
			t.Fatalf("another customer's widget got the alert: %s", f.Raw)
		}
		if f.Type == "pong" {
			break
		}
	}
}
