package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
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

// fakeClock is the generator's time in tests. It moves only when told: the
// fake API advances it by its delay for each request, and a wait jumps it to
// the wait's end. Counts, the end of the run and latencies are then exact,
// whatever the machine's speed.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func (c *fakeClock) SleepUntil(ctx context.Context, t time.Time) bool {
	if ctx.Err() != nil {
		return false
	}
	c.mu.Lock()
	if t.After(c.now) {
		c.now = t
	}
	c.mu.Unlock()
	return true
}

// fakeAPI implements just the three endpoints the generator uses. It checks
// the generator's own counting, not the product.
type fakeAPI struct {
	dropNth int           // acknowledge but do not store the nth added message; 0: none
	delay   time.Duration // of the fake clock, for every request
	clock   *fakeClock
	// cancel, if set, is called when the server receives its cancelAt-th POST.
	cancel   func()
	cancelAt int

	mu      sync.Mutex
	posts   int
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

// newFake is a fake API where every request takes 10ms of the fake clock.
func newFake(t *testing.T, dropNth int) (*fakeAPI, *httptest.Server) {
	return newFakeWith(t, &fakeAPI{dropNth: dropNth, delay: 10 * time.Millisecond})
}

func newFakeWith(t *testing.T, f *fakeAPI) (*fakeAPI, *httptest.Server) {
	f.tickets = map[int64][]fakeMsg{}
	f.clock = newFakeClock()
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
		f.clock.Advance(f.delay)
		if r.Method == http.MethodPost {
			f.mu.Lock()
			f.posts++
			if f.posts == f.cancelAt && f.cancel != nil {
				f.cancel()
			}
			f.mu.Unlock()
		}
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

// runJSON runs the command against f with -json and decodes its report.
func runJSON(t *testing.T, f *fakeAPI, args ...string) (*Report, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), f.clock, append(args, "-json"), &out, &errOut)
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("exit %d, report %q: %v (stderr %q)", code, out.String(), err, errOut.String())
	}
	return &rep, code
}

func TestRunCountsMatchServer(t *testing.T) {
	f, srv := newFake(t, 0)
	logPath := filepath.Join(t.TempDir(), "acked.log")
	rep, code := runJSON(t, f, "-url", srv.URL+"/", "-token", testToken, "-customers", "8",
		"-duration", "1s", "-messages-per-ticket", "3", "-verify", "-acked-log", logPath)
	// It stops at the duration; only the (at most 8) requests in flight
	// then, 10ms each, may end after it.
	if rep.ElapsedS < 1 || rep.ElapsedS > 1.08 {
		t.Errorf("elapsed %vs for -duration 1s and 8 customers of 10ms requests, want 1s to 1.08s", rep.ElapsedS)
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
	if want := math.Round(float64(rep.Accepted)/rep.ElapsedS*10) / 10; math.Abs(rep.Throughput-want) > 0.2 {
		t.Errorf("throughput %v, want accepted/elapsed = %v", rep.Throughput, want)
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
	rep, code := runJSON(t, f, "-url", srv.URL, "-token", testToken, "-customers", "4", "-duration", "300ms", "-verify")
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

// TestRateIsOpenLoop: with instant answers every slot of the schedule that
// falls due within the duration is sent, and none after.
func TestRateIsOpenLoop(t *testing.T) {
	f, srv := newFakeWith(t, &fakeAPI{})
	rep, code := runJSON(t, f, "-url", srv.URL, "-token", testToken, "-customers", "4", "-duration", "1s", "-rate", "100")
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	f.mu.Lock()
	posts := f.posts
	f.mu.Unlock()
	if rep.Sent != 100 || rep.Unsent != 0 || posts != 100 {
		t.Errorf("sent %d, unsent %d, server saw %d at -rate 100 for 1s, want 100 sent, 0 unsent", rep.Sent, rep.Unsent, posts)
	}
	// Slots are 10ms apart from the start; the last is due at 990ms.
	if rep.ElapsedS != 0.99 {
		t.Errorf("elapsed %vs, want 0.99s (the last slot)", rep.ElapsedS)
	}
}

func TestRejectedByStatus(t *testing.T) {
	f, srv := newFake(t, 0)
	rep, _ := runJSON(t, f, "-url", srv.URL, "-token", "wrong", "-customers", "2", "-duration", "200ms")
	if rep.Sent == 0 || rep.Accepted != 0 || rep.Rejected[http.StatusUnauthorized] != rep.Sent {
		t.Errorf("sent %d accepted %d rejected %v, want every request rejected 401", rep.Sent, rep.Accepted, rep.Rejected)
	}
}

// A server slower than -rate must show as growing latency and unsent slots,
// not as a politely slower client (coordinated omission).
func TestRateCountsQueueing(t *testing.T) {
	f, srv := newFakeWith(t, &fakeAPI{delay: 50 * time.Millisecond})
	rep, _ := runJSON(t, f, "-url", srv.URL, "-token", testToken, "-customers", "1", "-duration", "1s", "-rate", "40")
	// Slot k is due at 25k ms. One customer, 50ms a request, sends slot k at
	// 50k ms and is answered at 50(k+1) ms: latency 50+25k ms, counted from
	// when the slot fell due. At 1000ms it has sent 20 of the 40 slots.
	if rep.Sent != 20 || rep.Unsent != 20 {
		t.Errorf("sent %d, unsent %d; want 20 and 20", rep.Sent, rep.Unsent)
	}
	want := LatencyMS{Count: 20, P50: 275, P90: 475, P99: 525, P999: 525, Max: 525}
	if rep.Overall.Latency != want {
		t.Errorf("latency %+v, want %+v (queueing included)", rep.Overall.Latency, want)
	}
}

// TestInterruptStillReports: canceling the run (ctrl-C) stops sending at
// once, long before the duration, and still prints the report and verifies.
func TestInterruptStillReports(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f, srv := newFakeWith(t, &fakeAPI{delay: 20 * time.Millisecond, cancel: cancel, cancelAt: 10})
	var out, errOut bytes.Buffer
	code := run(ctx, f.clock, []string{"-url", srv.URL, "-token", testToken, "-customers", "4", "-duration", "1m", "-verify"}, &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), "throughput") || !strings.Contains(out.String(), " 0 lost") {
		t.Errorf("exit %d, report:\n%s\nstderr: %s", code, out.String(), errOut.String())
	}
	f.mu.Lock()
	posts := f.posts
	f.mu.Unlock()
	// The 10th POST cancels; each of the 4 customers may have one more on its way.
	if posts < 10 || posts > 10+4 {
		t.Errorf("the server saw %d POSTs, want 10 to 14: sending did not stop at the interrupt", posts)
	}
	var elapsed float64
	_, line, _ := strings.Cut(out.String(), "\nelapsed")
	if _, err := fmt.Sscanf(line, "%fs", &elapsed); err != nil {
		t.Fatalf("no elapsed line in the report: %v\n%s", err, out.String())
	}
	if elapsed <= 0 || elapsed > 1 {
		t.Errorf("elapsed %vs in the report, want the time until the interrupt (under 1s of the 1m run)", elapsed)
	}
}
