package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/server"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

const widgetTestToken = "gct_load-test-admin-token-0123456789abcdef"

// TestWidgetMode runs the widget mode against a real node (SQLite, its
// NATS listening for the live-event watcher) and checks that what it
// counts is what the node stored and published.
func TestWidgetMode(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a node: skipped with -short")
	}
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	nats, err := bus.StartWith(ctx, bus.Options{DataDir: t.TempDir(), Listen: "127.0.0.1:-1", Log: log})
	if err != nil {
		t.Fatalf("start nats: %v", err)
	}
	dsn := storetest.DSN(t, store.SQLite)
	app, err := server.Open(ctx, server.Config{DataDir: t.TempDir(), Database: dsn, NATS: nats.ClientURL(), AdminToken: widgetTestToken}, log)
	if err != nil {
		nats.Close()
		t.Fatalf("open app: %v", err)
	}
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
		app.Close()
		nats.Close()
	})

	const sockets = 20
	phase := filepath.Join(t.TempDir(), "phase")
	before := time.Now()
	rep, err := RunWidget(ctx, WidgetConfig{
		URLs: []string{srv.URL}, AgentURL: srv.URL, Token: widgetTestToken, NATS: nats.ClientURL(),
		Sockets: sockets, Open: 5, AgentPages: 5, Rate: 40, Replies: 10, Duration: time.Second, Timeout: 10 * time.Second,
		Settle: 300 * time.Millisecond, PhaseFile: phase,
	})
	if err != nil {
		t.Fatal(err)
	}
	// The measured window is marked after the ramp and the settling, and
	// ends after it began.
	var marks [2]time.Time
	for i, name := range []string{"start", "end"} {
		raw, err := os.ReadFile(phase + "." + name)
		if err != nil {
			t.Fatalf("phase file: %v", err)
		}
		if marks[i], err = time.Parse(time.RFC3339Nano, strings.TrimSpace(string(raw))); err != nil {
			t.Fatalf("phase file %s: %v", name, err)
		}
	}
	if ramp := time.Duration(rep.RampSeconds * float64(time.Second)); marks[0].Sub(before) < ramp+300*time.Millisecond || !marks[1].After(marks[0].Add(time.Second)) {
		t.Errorf("measured window %v to %v; want it to begin after the ramp (%v) and the settling, and last the run", marks[0].Sub(before), marks[1].Sub(before), ramp)
	}
	if rep.Opened != sockets || rep.OpenFailed != 0 || len(rep.Errors) != 0 {
		t.Fatalf("opened %d of %d, errors %v %q", rep.Opened, sockets, rep.Errors, rep.Samples)
	}
	if rep.Sent == 0 || rep.Acked != rep.Sent || rep.Ack.Count != int(rep.Acked) {
		t.Errorf("sent %d, acked %d, ack latencies %d: want every send acknowledged once", rep.Sent, rep.Acked, rep.Ack.Count)
	}
	if rep.Live.Count != int(rep.Acked) || rep.LiveMissing != 0 {
		t.Errorf("live events timed %d, missing %d, for %d acknowledged messages", rep.Live.Count, rep.LiveMissing, rep.Acked)
	}
	if rep.Pages != 5 || rep.Page.Count == 0 || rep.PageMissing != 0 {
		t.Errorf("agent pages: %d open, %d messages timed on them, %d missing; want 5 pages showing every message of theirs", rep.Pages, rep.Page.Count, rep.PageMissing)
	}
	if rep.RepliesAcked == 0 || rep.Reply.Count != int(rep.RepliesAcked) || rep.ReplyMissing != 0 {
		t.Errorf("replies: %d accepted, %d arrived on a socket, %d missing", rep.RepliesAcked, rep.Reply.Count, rep.ReplyMissing)
	}

	// The node stored exactly that: a first message per socket, then each
	// acknowledged one; and each reply.
	db, err := store.Open(ctx, dsn, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(kind string) int64 {
		var n int64
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM messages WHERE author_kind = ?`, kind).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got, want := count("customer"), sockets+rep.Acked; got != want {
		t.Errorf("%d customer messages stored, want %d (%d first messages + %d acknowledged)", got, want, sockets, rep.Acked)
	}
	if got := count("agent"); got != rep.RepliesAcked {
		t.Errorf("%d agent messages stored, want the %d accepted replies", got, rep.RepliesAcked)
	}
}
