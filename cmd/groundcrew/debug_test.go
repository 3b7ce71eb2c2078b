package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestCheckDebugAddr(t *testing.T) {
	tests := []struct {
		addr string
		ok   bool
	}{
		{"", true},
		{"127.0.0.1:6060", true},
		{"[::1]:6060", true},
		{"localhost:6060", true},
		{"127.0.0.1:0", true},
		{"0.0.0.0:6060", false},
		{":6060", false},
		{"[::]:6060", false},
		{"10.0.0.5:6060", false},
		{"example.com:6060", false},
		{"127.0.0.1", false},
	}
	for _, tt := range tests {
		err := checkDebugAddr(tt.addr)
		if (err == nil) != tt.ok {
			t.Errorf("checkDebugAddr(%q) = %v, want ok=%v", tt.addr, err, tt.ok)
		}
	}
}

func TestFlagsRefusePublicDebugAddr(t *testing.T) {
	f := newFlags(io.Discard)
	err := f.parse([]string{"--debug-addr", "0.0.0.0:6060"})
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("parse = %v, want a loopback error", err)
	}
}

func TestServeDebug(t *testing.T) {
	// Find a free port, then let serveDebug listen on it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := serveDebug(ctx, addr, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://" + addr + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "goroutine profile") {
		t.Fatalf("goroutine profile: %d, %v, %.200s", resp.StatusCode, err, body)
	}
	if err := serveDebug(ctx, addr, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
		t.Fatal("a second listener on the same address started")
	}
}

func TestFlagsIdempotencyRetention(t *testing.T) {
	tests := []struct {
		arg  string
		want time.Duration
		ok   bool
	}{
		{"", 24 * time.Hour, true},
		{"36h", 36 * time.Hour, true},
		{"0s", 0, false},
		{"-1h", 0, false},
		{"a day", 0, false},
	}
	for _, tt := range tests {
		f := newFlags(io.Discard)
		var args []string
		if tt.arg != "" {
			args = []string{"--idempotency-retention", tt.arg}
		}
		err := f.parse(args)
		if (err == nil) != tt.ok || (tt.ok && f.cfg.IdempotencyRetention != tt.want) {
			t.Errorf("--idempotency-retention %q: %v, %v", tt.arg, f.cfg.IdempotencyRetention, err)
		}
	}
}
