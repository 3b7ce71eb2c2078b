package bus_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
)

// TestPublishBatchEndsWhenTheServerHangs: a batch sent to a NATS server
// that stopped answering (frozen here with SIGSTOP; the TCP connection
// stays up, so nothing reports it gone) fails after the ack wait instead
// of waiting for ever. The relay held its lock in that wait, and the
// shutdown's drain hung behind it. The events stay unpublished in the
// outbox and the relay sends them again.
func TestPublishBatchEndsWhenTheServerHangs(t *testing.T) {
	bin := os.Getenv("GROUNDCREW_TEST_NATS_SERVER")
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("GROUNDCREW_TEST_NATS_SERVER is not set and CI is: scripts/nats-test-server.sh starts one")
		}
		t.Skip("GROUNDCREW_TEST_NATS_SERVER not set (source scripts/nats-test-server.sh)")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	srv := exec.Command(bin, "-js", "-a", "127.0.0.1", "-p", fmt.Sprint(port), "-sd", t.TempDir())
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = srv.Process.Signal(syscall.SIGCONT)
		_ = srv.Process.Kill()
		_ = srv.Wait()
	})
	ctx := context.Background()
	url := fmt.Sprintf("nats://127.0.0.1:%d", port)
	var b *bus.Bus
	waitFor(t, "nats-server to take clients", func() bool {
		b, err = bus.StartWith(ctx, bus.Options{URL: url, Log: quiet, PublishAckWait: 500 * time.Millisecond})
		return err == nil
	})
	t.Cleanup(b.Close)
	ev := func(id int64) []store.Event {
		return []store.Event{{ID: id, Type: "test.hang", Data: json.RawMessage(`{}`)}}
	}
	if err := b.PublishBatch(ctx, ev(1)); err != nil {
		t.Fatalf("publish while the server answers: %v", err)
	}
	if err := srv.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	// The signal is queued, not taken at once: wait until the process is
	// stopped ("T" in /proc/PID/stat).
	waitFor(t, "nats-server to stop", func() bool {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", srv.Process.Pid))
		if err != nil {
			return false
		}
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		return len(f) > 0 && f[0] == "T"
	})
	done := make(chan error, 1)
	go func() { done <- b.PublishBatch(ctx, ev(2)) }()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a batch no server acknowledged reported success")
		}
	case <-time.After(time.Minute):
		t.Fatal("PublishBatch (context without a deadline) still waiting a minute after the server stopped answering")
	}
}
