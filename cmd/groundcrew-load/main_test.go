package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeAPI implements just the three endpoints the generator uses. It checks
// the generator's own counting, not the product.
type fakeAPI struct {
	dropNth int           // acknowledge but do not store the nth added message; 0: none
	delay   time.Duration // before every answer

	mu      sync.Mutex
	nextID  int64
	tickets map[int64][]fakeMsg
	created int // 201s sent for tickets
	added   int // 201s sent for messages
}

type fakeMsg struct {
	ID   int64  `json:"id"`
	Body string `json:"body"`
}

const testToken = "test-token"

func newFake(t *testing.T, dropNth int) (*fakeAPI, *httptest.Server) {
	return newFakeWith(t, &fakeAPI{dropNth: dropNth})
}

func newFakeWith(t *testing.T, f *fakeAPI) (*fakeAPI, *httptest.Server) {
	f.tickets = map[int64][]fakeMsg{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v1/tickets", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Subject, Message, Channel string
			Customer                  struct {
				ExternalID string `json:"external_id"`
			}
		}
		if json.NewDecoder(r.Body).Decode(&in) != nil || in.Message == "" || in.Subject == "" || in.Customer.ExternalID == "" {
			http.Error(w, "bad ticket", http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.nextID++
		tid := f.nextID
		f.nextID++
		f.tickets[tid] = []fakeMsg{{f.nextID, in.Message}}
		f.created++
		f.mu.Unlock()
		reply(w, tid) // like the real API: the ticket, without its messages
	})
	mux.HandleFunc("POST /api/v1/tickets/{id}/customer-messages", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Body string }
		if json.NewDecoder(r.Body).Decode(&in) != nil || in.Body == "" || r.Header.Get("Idempotency-Key") == "" {
			http.Error(w, "bad message", http.StatusBadRequest)
			return
		}
		tid, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
		f.mu.Lock()
		msgs, ok := f.tickets[tid]
		if !ok {
			f.mu.Unlock()
			http.NotFound(w, r)
			return
		}
		f.nextID++
		mid := f.nextID
		f.added++
		if f.added != f.dropNth {
			f.tickets[tid] = append(msgs, fakeMsg{mid, in.Body})
		}
		f.mu.Unlock()
		reply(w, mid)
	})
	mux.HandleFunc("GET /api/v1/tickets/{id}", func(w http.ResponseWriter, r *http.Request) {
		tid, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
		f.mu.Lock()
		msgs, ok := f.tickets[tid]
		msgs = append([]fakeMsg(nil), msgs...)
		f.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"id": tid, "messages": msgs})
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(f.delay)
		if r.Header.Get("Authorization") != "Bearer "+testToken {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return f, srv
}

func reply(w http.ResponseWriter, id int64) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(map[string]any{"id": id})
}

// runJSON runs the command with -json and decodes its report.
func runJSON(t *testing.T, args ...string) (*Report, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append(args, "-json"), &out, &errOut)
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("exit %d, report %q: %v (stderr %q)", code, out.String(), err, errOut.String())
	}
	return &rep, code
}

func TestRunCountsMatchServer(t *testing.T) {
	f, srv := newFake(t, 0)
	logPath := filepath.Join(t.TempDir(), "acked.log")
	start := time.Now()
	rep, code := runJSON(t, "-url", srv.URL+"/", "-token", testToken, "-customers", "8",
		"-duration", "1s", "-messages-per-ticket", "3", "-verify", "-acked-log", logPath)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("run took %v for -duration 1s", took)
	}
	if code != 0 {
		t.Errorf("exit %d, want 0", code)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if rep.Accepted == 0 {
		t.Fatal("nothing accepted")
	}
	if rep.Create.Accepted != int64(f.created) || rep.Message.Accepted != int64(f.added) {
		t.Errorf("accepted create=%d message=%d, server sent 201 for %d tickets and %d messages",
			rep.Create.Accepted, rep.Message.Accepted, f.created, f.added)
	}
	if rep.Sent != rep.Accepted || rep.Errors != 0 || rep.Canceled != 0 || len(rep.Rejected) != 0 {
		t.Errorf("sent %d accepted %d rejected %v errors %d canceled %d (samples %q), want all accepted",
			rep.Sent, rep.Accepted, rep.Rejected, rep.Errors, rep.Canceled, rep.ErrorSamples)
	}
	if rep.Overall.Latency.Count != int(rep.Sent) || rep.Overall.Latency.Max <= 0 || rep.Overall.Latency.P50 > rep.Overall.Latency.Max {
		t.Errorf("overall latency %+v for %d requests", rep.Overall.Latency, rep.Sent)
	}
	if rep.Throughput <= 0 {
		t.Errorf("throughput %v", rep.Throughput)
	}
	for id, msgs := range f.tickets {
		if len(msgs) > 3 {
			t.Errorf("ticket %d has %d messages, want at most -messages-per-ticket 3", id, len(msgs))
		}
	}
	v := rep.Verify
	if v == nil || v.Lost != 0 || v.Unverified != 0 || v.Tickets != f.created || int64(v.Messages) != rep.Accepted {
		t.Errorf("verify = %+v, want %d tickets, %d messages, none lost", v, f.created, rep.Accepted)
	}

	data, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if int64(len(lines)) != rep.Accepted {
		t.Errorf("acked log has %d lines, want %d", len(lines), rep.Accepted)
	}
	for _, l := range lines {
		var tid, mid int64
		if _, err := fmt.Sscanf(l, "%d %d", &tid, &mid); err != nil {
			t.Fatalf("acked log line %q: %v", l, err)
		}
		msgs, ok := f.tickets[tid]
		if !ok {
			t.Errorf("acked log line %q: no such ticket", l)
		}
		if mid != 0 && !slices.ContainsFunc(msgs, func(m fakeMsg) bool { return m.ID == mid }) {
			t.Errorf("acked log line %q: no such message", l)
		}
	}
}

func TestVerifyReportsLostMessage(t *testing.T) {
	f, srv := newFake(t, 3)
	rep, code := runJSON(t, "-url", srv.URL, "-token", testToken, "-customers", "4", "-duration", "300ms", "-verify")
	f.mu.Lock()
	added := f.added
	f.mu.Unlock()
	if added < 3 {
		t.Fatalf("only %d messages added, the 3rd is the one dropped", added)
	}
	if rep.Verify == nil || rep.Verify.Lost != 1 {
		t.Errorf("verify = %+v, want lost 1", rep.Verify)
	}
	if code != 1 {
		t.Errorf("exit %d, want 1 when messages were lost", code)
	}
}

func TestRateIsOpenLoop(t *testing.T) {
	_, srv := newFake(t, 0)
	rep, code := runJSON(t, "-url", srv.URL, "-token", testToken, "-customers", "4", "-duration", "1s", "-rate", "100")
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	// 100 slots fall due in 1s; allow a few for timer slop.
	if rep.Sent < 95 || rep.Sent > 100 || rep.Unsent > 5 {
		t.Errorf("sent %d, unsent %d at -rate 100 for 1s, want about 100 sent", rep.Sent, rep.Unsent)
	}
}

func TestRejectedByStatus(t *testing.T) {
	_, srv := newFake(t, 0)
	rep, _ := runJSON(t, "-url", srv.URL, "-token", "wrong", "-customers", "2", "-duration", "200ms")
	if rep.Sent == 0 || rep.Accepted != 0 || rep.Rejected[http.StatusUnauthorized] != rep.Sent {
		t.Errorf("sent %d accepted %d rejected %v, want every request rejected 401", rep.Sent, rep.Accepted, rep.Rejected)
	}
}

// A server slower than -rate must show as growing latency and unsent slots,
// not as a politely slower client (coordinated omission).
func TestRateCountsQueueing(t *testing.T) {
	_, srv := newFakeWith(t, &fakeAPI{delay: 50 * time.Millisecond})
	rep, _ := runJSON(t, "-url", srv.URL, "-token", testToken, "-customers", "1", "-duration", "1s", "-rate", "40")
	// One customer serves at most 20/s; the 40/s schedule falls ever further behind.
	if rep.Unsent < 10 {
		t.Errorf("unsent %d, want about 20", rep.Unsent)
	}
	if rep.Overall.Latency.Max < 300 {
		t.Errorf("max latency %vms, want it to include ~500ms of queueing", rep.Overall.Latency.Max)
	}
}

func TestInterruptStillReports(t *testing.T) {
	_, srv := newFakeWith(t, &fakeAPI{delay: 20 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var out, errOut bytes.Buffer
	start := time.Now()
	code := run(ctx, []string{"-url", srv.URL, "-token", testToken, "-customers", "4", "-duration", "1m", "-verify"}, &out, &errOut)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("interrupted run took %v", took)
	}
	if code != 0 || !strings.Contains(out.String(), "throughput") || !strings.Contains(out.String(), "0 lost") {
		t.Errorf("exit %d, report:\n%s\nstderr: %s", code, out.String(), errOut.String())
	}
}
