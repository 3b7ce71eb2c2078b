package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/workspace"
)

// TestLiveMessageAuthorsAndFiles: a live ticket page names who wrote each
// new message (the agent by name, not "agent"), and a customer's file sent
// from the chat widget arrives on its message with the download.
func TestLiveMessageAuthorsAndFiles(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	ctx := t.Context()
	c, err := chat.Dial(ctx, ta.URL+chat.Path, chat.In{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Send(ctx, "m-1", "hello, a screenshot follows"); err != nil {
		t.Fatal(err)
	}
	ack, err := c.Await(ctx, "ack")
	if err != nil {
		t.Fatal(err)
	}
	conv := ack.Conv()
	aliceID, alice := ta.agentToken(auth.Tier2)
	ta.do("PATCH", fmt.Sprintf("/api/v1/tickets/%d", conv), "", map[string]any{"assignee_id": aliceID}, nil)
	events := ta.stream(fmt.Sprintf("/live/tickets/%d?after=%d", conv, ack.Seq), testAdminToken, "")
	next(t, events, "hello", nil)

	if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/messages", conv), alice, map[string]any{"body": "Can you send a screenshot of the transaction page?"}, nil); resp.StatusCode != 201 {
		t.Fatalf("alice's reply: %d", resp.StatusCode)
	}
	var m workspace.LiveMessage
	ev := next(t, events, "message", func(e sseEvent) bool {
		return strings.Contains(e.Data, "Can you send a screenshot of the transaction page?")
	})
	if err := json.Unmarshal([]byte(ev.Data), &m); err != nil || m.Author != "tier2" || m.AuthorKind != "agent" {
		t.Fatalf("live reply %s: author %q, want alice's name tier2 (%v)", ev.Data, m.Author, err)
	}

	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest("POST", fmt.Sprintf("%s%s?conversation=%d&name=shot.png", ta.URL, chat.UploadPath, conv), &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(chat.HeaderResume, c.Welcome.Resume)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	ev = next(t, events, "message", func(e sseEvent) bool { return strings.Contains(e.Data, "shot.png") })
	m = workspace.LiveMessage{}
	if err := json.Unmarshal([]byte(ev.Data), &m); err != nil || m.Author != "Customer" || m.File == nil || m.File.Name != "shot.png" ||
		m.File.URL != fmt.Sprintf("/api/v1/attachments/%d", m.File.ID) {
		t.Fatalf("live file message %s (%v)", ev.Data, err)
	}
	dl, err := http.NewRequest("GET", ta.URL+m.File.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	dl.Header.Set("Authorization", "Bearer "+alice)
	got, err := http.DefaultClient.Do(dl)
	if err != nil {
		t.Fatal(err)
	}
	got.Body.Close()
	if got.StatusCode != 200 || got.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(got.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: %d %s %s", got.StatusCode, got.Header.Get("Content-Type"), got.Header.Get("Content-Disposition"))
	}
}
