package server

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/store"
)

// TestChatQueueFrameFromRoutingAndSLA: a customer who opens a chat is told
// their place in the queue (routing) and the time a reply is promised by
// (the SLA's first-response target), pushed to the widget without asking.
func TestChatQueueFrameFromRoutingAndSLA(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	c, err := chat.Dial(ctx, ta.URL+chat.Path, chat.In{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Send(ctx, "m-1", "my USDT deposit has not arrived"); err != nil {
		t.Fatal(err)
	}
	sent := time.Now()
	for {
		f, err := c.Await(ctx, "queue")
		if err != nil {
			t.Fatalf("no queue frame with a place and a promise: %v", err)
		}
		var q chat.QueueFrame
		if err := json.Unmarshal(f.Raw, &q); err != nil {
			t.Fatal(err)
		}
		if q.Position < 1 || q.PromisedBy == "" {
			continue // routing and the SLA signal separately; wait for both
		}
		promised, err := time.Parse(time.RFC3339, q.PromisedBy)
		if err != nil {
			t.Fatalf("promised_by %q: %v", q.PromisedBy, err)
		}
		if promised.Before(sent.Add(-time.Minute)) || promised.After(sent.Add(25*time.Hour)) {
			t.Fatalf("promised_by %s is not a first-response time for a chat sent at %s", promised, sent)
		}
		return
	}
}
