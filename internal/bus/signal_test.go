package bus_test

import (
	"context"
	"strings"
	"sync"
	"testing"
)

type signalLog struct {
	mu  sync.Mutex
	got []string
}

func (l *signalLog) add(subject string, data []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = append(l.got, subject+" "+string(data))
}

func (l *signalLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.got...)
}

func TestSignalReachesEveryNode(t *testing.T) {
	a, b := twoNodes(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var typingA, typingB, all signalLog
	for _, sub := range []struct {
		on interface {
			OnSignal(context.Context, string, func(string, []byte)) error
		}
		filter string
		log    *signalLog
	}{{a, "live.typing.*", &typingA}, {b, "live.typing.*", &typingB}, {b, "live.>", &all}} {
		if err := sub.on.OnSignal(ctx, sub.filter, sub.log.add); err != nil {
			t.Fatal(err)
		}
	}
	// Core NATS subscriptions are registered once the server has seen them.
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := a.Signal("live.typing.7", map[string]any{"agent_id": 3, "typing": true}); err != nil {
		t.Fatal(err)
	}
	if err := b.Signal("live.presence.7", []byte(`{"agent_id":4}`)); err != nil {
		t.Fatal(err)
	}
	want := `live.typing.7 {"agent_id":3,"typing":true}`
	waitFor(t, "typing on both nodes", func() bool { return len(typingA.all()) == 1 && len(typingB.all()) == 1 && len(all.all()) == 2 })
	if typingA.all()[0] != want || typingB.all()[0] != want {
		t.Fatalf("typing signals: A %q, B %q; want %q", typingA.all(), typingB.all(), want)
	}
	if got := strings.Join(all.all(), "|"); !strings.Contains(got, `live.presence.7 {"agent_id":4}`) {
		t.Fatalf("live.> got %q", got)
	}
}

func TestSignalStopsWithContext(t *testing.T) {
	a, b := twoNodes(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stopped, running signalLog
	if err := b.OnSignal(ctx, "live.>", stopped.add); err != nil {
		t.Fatal(err)
	}
	if err := b.OnSignal(context.Background(), "live.>", running.add); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := a.Signal("live.x", 1); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "first signal", func() bool { return len(stopped.all()) == 1 && len(running.all()) == 1 })
	cancel()
	if err := a.Signal("live.x", 2); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "second signal", func() bool { return len(running.all()) == 2 })
	if got := stopped.all(); len(got) != 1 {
		t.Fatalf("handler whose context ended got %q", got)
	}
}

func TestSignalRefusesBadSubjects(t *testing.T) {
	a, _ := twoNodes(t)
	for _, s := range []string{"", "live.*", "live.>", "live..x", "live.a b", ".live", "live.\u00e9", "live.x\n"} {
		if err := a.Signal(s, nil); err == nil {
			t.Errorf("Signal(%q) accepted", s)
		}
	}
	for _, f := range []string{"", "live.>.x", "live..*", "a b"} {
		if err := a.OnSignal(context.Background(), f, func(string, []byte) {}); err == nil {
			t.Errorf("OnSignal(%q) accepted", f)
		}
	}
	if err := a.Signal("live.big", make([]byte, 17<<10)); err == nil {
		t.Error("a 17 KiB signal was accepted")
	}
}
