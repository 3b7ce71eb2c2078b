package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestPageMode(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/status" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte("ok"))
	}))
	defer srv.Close()
	var out, errOut bytes.Buffer
	code := run(context.Background(), wallClock{}, []string{"-mode", "page", "-url", srv.URL, "-path", "/status", "-customers", "2", "-duration", "200ms", "-rate", "100", "-json"}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var rep PageReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	// 100/s for 0.2 s: about 20 requests, all answered.
	if rep.OK < 10 || rep.OK > 21 || rep.OK != rep.Requests || rep.Elapsed < 200*time.Millisecond {
		t.Fatalf("report %+v", rep)
	}
	if code := run(context.Background(), wallClock{}, []string{"-mode", "page", "-url", srv.URL, "-path", "/missing", "-duration", "50ms", "-customers", "1"}, &out, &errOut); code != 1 {
		t.Fatalf("404s exit %d, want 1", code)
	}
}
