//go:build unix

// End-to-end tests: they build the real groundcrew binary once and drive it
// as a separate process, over HTTP and its command line, the way an operator
// would. `go test -short` skips them.
package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite" // registers "sqlite" for tampering with the audit log

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// e2eVersion is stamped into the test binary with -ldflags -X main.version.
const e2eVersion = "e2e-test"

var (
	e2eDir    string // TestMain's temporary folder; the binary is built into it
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "groundcrew-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	e2eDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// groundcrewBinary builds cmd/groundcrew once per test run (only when an e2e
// test actually runs) and returns its path.
func groundcrewBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: skipped with -short")
	}
	buildOnce.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		binPath = filepath.Join(e2eDir, "groundcrew")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, goTool, "build", "-o", binPath, "-ldflags", "-X main.version="+e2eVersion, ".")
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// childEnv is the test's environment without any GROUNDCREW_* variable (so
// the developer's own settings cannot leak into the child), plus extra.
func childEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GROUNDCREW_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// output collects a child's stdout or stderr as lines, keeping the last
// maxLines, and wakes a waiter whenever something arrives.
type output struct {
	mu      sync.Mutex
	lines   []string
	dropped int
	partial []byte
	notify  chan struct{}
}

const maxLines = 5000

func newOutput() *output { return &output{notify: make(chan struct{}, 1)} }

func (o *output) Write(b []byte) (int, error) {
	o.mu.Lock()
	o.partial = append(o.partial, b...)
	for {
		i := bytes.IndexByte(o.partial, '\n')
		if i < 0 {
			break
		}
		o.lines = append(o.lines, string(o.partial[:i]))
		o.partial = o.partial[i+1:]
	}
	if n := len(o.lines) - maxLines; n > 0 {
		o.lines = append([]string(nil), o.lines[n:]...)
		o.dropped += n
	}
	o.mu.Unlock()
	select {
	case o.notify <- struct{}{}:
	default:
	}
	return len(b), nil
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	s := strings.Join(o.lines, "\n")
	if len(o.partial) > 0 {
		s += "\n" + string(o.partial)
	}
	if o.dropped > 0 {
		s = fmt.Sprintf("[%d earlier lines dropped]\n", o.dropped) + s
	}
	return s
}

func (o *output) find(re *regexp.Regexp) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, l := range o.lines {
		if m := re.FindStringSubmatch(l); m != nil {
			return m
		}
	}
	return nil
}

// proc is a running groundcrew process.
type proc struct {
	t      *testing.T
	name   string
	cmd    *exec.Cmd
	stdout *output
	stderr *output
	done   chan struct{} // closed when the process has exited
}

func startProc(t *testing.T, name string, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{t: t, name: name, stdout: newOutput(), stderr: newOutput(), done: make(chan struct{})}
	p.cmd = exec.Command(groundcrewBinary(t), args...)
	p.cmd.Env = env
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	p.cmd.WaitDelay = 5 * time.Second
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("%s: start: %v", name, err)
	}
	go func() {
		_ = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		if !p.exited() {
			_ = p.cmd.Process.Kill()
			select {
			case <-p.done:
			case <-time.After(10 * time.Second):
				t.Errorf("%s: pid %d did not exit after SIGKILL", name, p.cmd.Process.Pid)
			}
		}
		if t.Failed() {
			t.Logf("%s stdout:\n%s", name, p.stdout)
			t.Logf("%s stderr:\n%s", name, p.stderr)
		}
	})
	return p
}

func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// waitLine waits until a stdout line matches re and returns its submatches.
func (p *proc) waitLine(re *regexp.Regexp, timeout time.Duration) []string {
	p.t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		if m := p.stdout.find(re); m != nil {
			return m
		}
		select {
		case <-p.stdout.notify:
		case <-p.done:
			if m := p.stdout.find(re); m != nil {
				return m
			}
			p.t.Fatalf("%s exited (%v) before printing a line matching %q", p.name, p.cmd.ProcessState, re)
		case <-deadline.C:
			p.t.Fatalf("%s printed no line matching %q within %s", p.name, re, timeout)
		}
	}
}

// wait waits for the process to exit and returns its exit code.
func (p *proc) wait(timeout time.Duration) int {
	p.t.Helper()
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(timeout):
		p.t.Fatalf("%s did not exit within %s", p.name, timeout)
		return -1
	}
}

func (p *proc) signal(sig os.Signal) {
	p.t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatalf("%s: signal %v: %v", p.name, sig, err)
	}
}

// serverProc is a started `groundcrew serve` and what it printed on start-up.
type serverProc struct {
	*proc
	URL       string
	StartedIn string // as printed, e.g. "490ms"
	Created   bool   // it created the first admin
	AdminLine string
	Token     string
}

var (
	runningRe = regexp.MustCompile(`^Groundcrew (\S+) is running at (http://\S+) \(started in ([^)]+)\)$`)
	adminRe   = regexp.MustCompile(`^First admin: (\S+)  password: (.+)$`)
	tokenRe   = regexp.MustCompile(`^API token:\s+(\S+)$`)
	signInRe  = regexp.MustCompile(`^Sign in at (\S+)/login$`)
	lastRe    = regexp.MustCompile(`^(API token:|Sign in at )`)
)

// startServe runs `groundcrew serve` on a free port of 127.0.0.1 and waits
// until it has printed its address and credentials.
func startServe(t *testing.T, name string, env []string, dataDir string) *serverProc {
	t.Helper()
	p := startProc(t, name, env, "serve", "--addr", "127.0.0.1:0", "--data", dataDir)
	m := p.waitLine(runningRe, 90*time.Second)
	if m[1] != e2eVersion {
		t.Errorf("%s: version printed %q, want %q", name, m[1], e2eVersion)
	}
	s := &serverProc{proc: p, URL: m[2], StartedIn: m[3]}
	p.waitLine(lastRe, 10*time.Second)
	if m := p.stdout.find(adminRe); m != nil {
		s.Created, s.AdminLine = true, m[0]
	}
	if m := p.stdout.find(tokenRe); m != nil {
		s.Token = m[1]
	}
	t.Logf("%s: %s, started in %s", name, s.URL, s.StartedIn)
	return s
}

// ready is GET /readyz's answer.
type ready struct {
	Checks  map[string]string `json:"checks"`
	Backlog int64             `json:"outbox_backlog"`
}

func getReady(c *http.Client, base string) (int, ready, error) {
	var r ready
	resp, err := c.Get(base + "/readyz")
	if err != nil {
		return 0, r, err
	}
	defer resp.Body.Close()
	err = json.NewDecoder(resp.Body).Decode(&r)
	return resp.StatusCode, r, err
}

// waitReady polls /readyz until it answers 200 and returns that answer.
func waitReady(t *testing.T, s *serverProc, timeout time.Duration) ready {
	t.Helper()
	c := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(timeout)
	var last string
	for {
		code, r, err := getReady(c, s.URL)
		if err == nil && code == http.StatusOK {
			return r
		}
		last = fmt.Sprintf("status %d, %+v, err %v", code, r, err)
		if time.Now().After(deadline) {
			t.Fatalf("%s: /readyz not 200 within %s; last: %s", s.name, timeout, last)
		}
		if s.exited() {
			t.Fatalf("%s exited while waiting for /readyz (%v)", s.name, s.cmd.ProcessState)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// api calls the JSON API with a bearer token.
type api struct {
	base, token string
	c           *http.Client
}

func newAPI(base, token string, conns int) *api {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = conns, conns
	return &api{base: base, token: token, c: &http.Client{Transport: tr, Timeout: 15 * time.Second}}
}

// do sends body as JSON and decodes a 2xx answer into out. It returns the
// status (0 when no response arrived) and the body of a non-2xx answer.
func (a *api) do(ctx context.Context, method, path string, body, out any) (int, string, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, "", err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.base+path, rd)
	if err != nil {
		return 0, "", err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	resp, err := a.c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		// The status line arrived but the body did not: not an acknowledgement.
		return 0, "", fmt.Errorf("read %s %s response: %w", method, path, err)
	}
	if resp.StatusCode/100 != 2 {
		return resp.StatusCode, string(raw), nil
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return 0, "", fmt.Errorf("decode %s %s response: %w (%.200s)", method, path, err, raw)
		}
	}
	return resp.StatusCode, "", nil
}

type ticketJSON struct {
	ID       int64  `json:"id"`
	Subject  string `json:"subject"`
	Messages []struct {
		ID   int64  `json:"id"`
		Body string `json:"body"`
	} `json:"messages"`
}

func newTicketBody(subject, message string, customer int) map[string]any {
	return map[string]any{
		"subject": subject,
		"message": message,
		"channel": "api",
		"customer": map[string]string{
			"external_id": fmt.Sprintf("e2e-customer-%d", customer),
			"email":       fmt.Sprintf("customer%d@example.com", customer),
			"name":        fmt.Sprintf("Customer %d", customer),
		},
	}
}

// ackedMsg is a message the server acknowledged with a 2xx. ID is 0 for a
// ticket's first message: the create response does not list it, so it is
// found by its (unique) body.
type ackedMsg struct {
	Ticket int64
	ID     int64
	Body   string
}

const testToken = "gct_e2e-admin-token-0123456789abcdef"

// TestKill9LosesNothingAcknowledged kills the server with SIGKILL while
// clients are writing and checks, after a restart on the same data, that
// every message it acknowledged is there, that the outbox drains, and that
// every committed event reached the recorder exactly once.
func TestKill9LosesNothingAcknowledged(t *testing.T) {
	groundcrewBinary(t)
	for _, engine := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			var dsn string
			if engine == store.Postgres {
				dsn = storetest.DSN(t, store.Postgres) // skips (fails under CI) without GROUNDCREW_TEST_POSTGRES
			}
			testKill9(t, dsn)
		})
	}
}

func testKill9(t *testing.T, dsn string) {
	const (
		clients     = 16
		sendFor     = 2 * time.Second
		msgsPerTick = 5 // the ticket's first message included
	)
	dataDir := t.TempDir()
	env := childEnv("GROUNDCREW_ADMIN_TOKEN="+testToken, "GROUNDCREW_LOG_LEVEL=warn")
	if dsn != "" {
		env = append(env, "GROUNDCREW_DATABASE="+dsn)
	}
	first := startServe(t, "serve#1", env, dataDir)
	if first.Token != testToken {
		t.Fatalf("first start printed token %q, want the one from GROUNDCREW_ADMIN_TOKEN", first.Token)
	}
	waitReady(t, first, 30*time.Second)

	cl := newAPI(first.URL, testToken, clients)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		killed    atomic.Bool
		inflight  atomic.Int64
		mu        sync.Mutex
		acked     []ackedMsg
		ackedTix  = map[int64]bool{}
		preKill   = map[string]int{} // failures before the kill, by kind
		postKill  = map[string]int{} // failures once the server was killed
		sent      atomic.Int64
		wg        sync.WaitGroup
		runID     = strconv.FormatInt(time.Now().UnixNano(), 36)
		recordAck = func(m ackedMsg) {
			mu.Lock()
			acked = append(acked, m)
			ackedTix[m.Ticket] = true
			mu.Unlock()
		}
	)
	var sample []string // a few pre-kill failure details
	failed := func(kind string) {
		mu.Lock()
		defer mu.Unlock()
		if killed.Load() {
			postKill[kind]++
		} else {
			preKill[kind]++
		}
	}
	send := func(method, path string, body, out any) bool {
		inflight.Add(1)
		sent.Add(1)
		code, errBody, err := cl.do(ctx, method, path, body, out)
		inflight.Add(-1)
		switch {
		case err != nil:
			failed("transport")
			if !killed.Load() {
				mu.Lock()
				if len(sample) < 5 {
					sample = append(sample, fmt.Sprintf("%s %s: %v", method, path, err))
				}
				mu.Unlock()
			}
			return false
		case code/100 != 2:
			failed(strconv.Itoa(code))
			if !killed.Load() {
				mu.Lock()
				if len(sample) < 5 {
					sample = append(sample, fmt.Sprintf("%s %s: %d %.300s", method, path, code, errBody))
				}
				mu.Unlock()
			}
			return false
		}
		return true
	}
	for c := range clients {
		wg.Go(func() {
			for seq := 0; !killed.Load(); seq++ {
				subject := fmt.Sprintf("e2e %s c%d t%d", runID, c, seq)
				body := subject + " m0: my withdrawal is stuck"
				var tk ticketJSON
				if !send("POST", "/api/v1/tickets", newTicketBody(subject, body, c), &tk) {
					if killed.Load() {
						return
					}
					continue
				}
				if tk.ID <= 0 {
					t.Errorf("create answered 2xx without a ticket id: %+v", tk)
					return
				}
				recordAck(ackedMsg{Ticket: tk.ID, Body: body})
				for k := 1; k < msgsPerTick && !killed.Load(); k++ {
					mbody := fmt.Sprintf("%s m%d: any news?", subject, k)
					var m struct {
						ID int64 `json:"id"`
					}
					if send("POST", fmt.Sprintf("/api/v1/tickets/%d/customer-messages", tk.ID),
						map[string]any{"body": mbody, "customer": map[string]string{"external_id": fmt.Sprintf("e2e-customer-%d", c)}}, &m) {
						if m.ID <= 0 {
							t.Errorf("add message answered 2xx without an id")
							return
						}
						recordAck(ackedMsg{Ticket: tk.ID, ID: m.ID, Body: mbody})
					}
				}
			}
		})
	}

	time.Sleep(sendFor)
	mu.Lock()
	ackedBefore := len(acked)
	mu.Unlock()
	inflightAtKill := inflight.Load()
	// Mark the kill first: a request that fails between the signal and the
	// mark would otherwise count as a failure before the kill.
	killed.Store(true)
	first.signal(syscall.SIGKILL)
	if code := first.wait(10 * time.Second); code != -1 {
		t.Errorf("after SIGKILL the exit code is %d, want -1 (killed by a signal)", code)
	}
	clientsDone := make(chan struct{})
	go func() { wg.Wait(); close(clientsDone) }()
	select {
	case <-clientsDone:
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("clients did not stop within 30s of the kill")
	}
	mu.Lock()
	t.Logf("load: %d requests sent by %d clients over %s; %d messages on %d tickets acknowledged (%d of them acknowledged before the SIGKILL was sent); %d requests in flight at the kill",
		sent.Load(), clients, sendFor, len(acked), len(ackedTix), ackedBefore, inflightAtKill)
	t.Logf("failures before the kill: %v; after it: %v", preKill, postKill)
	mu.Unlock()
	if len(acked) == 0 {
		t.Fatal("no message was acknowledged before the kill: the load did not run")
	}
	if len(preKill) > 0 {
		// Not a lost message, but the server refused or failed requests
		// under modest load before anything went wrong.
		t.Errorf("requests failed before the kill: %v; e.g. %q", preKill, sample)
	}
	if postKill["transport"] == 0 {
		t.Logf("note: no request was cut off by the kill (clients were between requests)")
	}

	// Restart on the same data.
	second := startServe(t, "serve#2", env, dataDir)
	if second.Created {
		t.Errorf("the restart created a first admin again: %q", second.AdminLine)
	}
	if second.stdout.find(signInRe) == nil {
		t.Errorf("the restart did not print the sign-in line")
	}
	r := waitReady(t, second, 60*time.Second)
	t.Logf("after restart: first 200 from /readyz reported outbox_backlog=%d, checks %v", r.Backlog, r.Checks)

	// The relay must publish whatever the kill left in the outbox.
	c := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(30 * time.Second)
	start := time.Now()
	for r.Backlog != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("outbox_backlog still %d 30s after restart: the relay did not catch up", r.Backlog)
		}
		time.Sleep(100 * time.Millisecond)
		code, rr, err := getReady(c, second.URL)
		if err != nil || code != http.StatusOK {
			t.Fatalf("/readyz after restart: status %d, %v, %+v", code, err, rr)
		}
		r = rr
	}
	t.Logf("outbox_backlog reached 0 %s after the first ready answer", time.Since(start).Round(time.Millisecond))
	checkEventLog(t, dsn, dataDir, acked)

	// Every acknowledged message must be there.
	byTicket := map[int64][]ackedMsg{}
	for _, m := range acked {
		byTicket[m.Ticket] = append(byTicket[m.Ticket], m)
	}
	ids := make([]int64, 0, len(byTicket))
	for id := range byTicket {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	rd := newAPI(second.URL, testToken, 8)
	var (
		vmu      sync.Mutex
		lost     []string
		nLost    int
		getErrs  []string
		work     = make(chan int64)
		verifyWG sync.WaitGroup
	)
	for range 8 {
		verifyWG.Go(func() {
			for id := range work {
				var tk ticketJSON
				code, body, err := rd.do(context.Background(), "GET", fmt.Sprintf("/api/v1/tickets/%d", id), nil, &tk)
				if err != nil || code != http.StatusOK {
					vmu.Lock()
					getErrs = append(getErrs, fmt.Sprintf("ticket %d: status %d %v %.200s", id, code, err, body))
					nLost += len(byTicket[id])
					vmu.Unlock()
					continue
				}
				haveID, haveBody := map[int64]string{}, map[string]bool{}
				for _, m := range tk.Messages {
					haveID[m.ID], haveBody[m.Body] = m.Body, true
				}
				for _, m := range byTicket[id] {
					ok := haveBody[m.Body]
					if m.ID != 0 {
						b, found := haveID[m.ID]
						ok = found && b == m.Body
					}
					if !ok {
						vmu.Lock()
						nLost++
						if len(lost) < 20 {
							lost = append(lost, fmt.Sprintf("ticket %d message %d %q", m.Ticket, m.ID, m.Body))
						}
						vmu.Unlock()
					}
				}
			}
		})
	}
	for _, id := range ids {
		work <- id
	}
	close(work)
	verifyWG.Wait()
	t.Logf("verify: %d acknowledged messages on %d tickets read back; %d lost", len(acked), len(ids), nLost)
	if len(getErrs) > 0 {
		t.Errorf("%d acknowledged tickets could not be read back, e.g. %q", len(getErrs), getErrs[:min(5, len(getErrs))])
	}
	if nLost > 0 {
		t.Errorf("%d acknowledged messages lost after SIGKILL and restart, e.g.:\n%s", nLost, strings.Join(lost, "\n"))
	}

	// The audit log's hash chain must survive the kill too.
	var rep struct {
		OK       bool   `json:"ok"`
		Checked  int64  `json:"checked"`
		FirstBad int64  `json:"first_bad"`
		Problem  string `json:"problem"`
	}
	if code, body, err := rd.do(context.Background(), "GET", "/api/v1/audit/verify", nil, &rep); err != nil || code != http.StatusOK {
		t.Errorf("GET /api/v1/audit/verify: status %d, %v %.300s", code, err, body)
	} else if !rep.OK {
		t.Errorf("audit chain broken after SIGKILL: %+v", rep)
	} else {
		t.Logf("audit chain intact after SIGKILL: %d records", rep.Checked)
	}

	second.signal(syscall.SIGTERM)
	if code := second.wait(30 * time.Second); code != 0 {
		t.Errorf("serve#2 exited %d after SIGTERM, want 0", code)
	}
}

// run runs the binary to completion and returns its stdout, stderr and exit code.
func runBinary(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, groundcrewBinary(t), args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("groundcrew %s: timed out after 60s\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), stdout.String(), stderr.String())
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("groundcrew %s: %v", strings.Join(args, " "), err)
	}
	return stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()
}

func TestStartupAndCommands(t *testing.T) {
	groundcrewBinary(t)
	t.Parallel()
	env := childEnv()

	t.Run("version", func(t *testing.T) {
		out, errOut, code := runBinary(t, env, "version")
		if code != 0 || strings.TrimSpace(out) != "groundcrew "+e2eVersion {
			t.Errorf("version: exit %d, stdout %q, stderr %q; want exit 0 and %q", code, out, errOut, "groundcrew "+e2eVersion)
		}
	})
	t.Run("help", func(t *testing.T) {
		out, errOut, code := runBinary(t, env, "help")
		if code != 0 {
			t.Errorf("help: exit %d, stderr %q", code, errOut)
		}
		for _, want := range []string{"groundcrew serve", "groundcrew migrate", "groundcrew audit verify", "groundcrew version", "-addr", "-data", "GROUNDCREW_DATABASE"} {
			if !strings.Contains(out, want) {
				t.Errorf("help does not mention %q:\n%s", want, out)
			}
		}
	})
	t.Run("unknown command", func(t *testing.T) {
		out, errOut, code := runBinary(t, env, "frobnicate")
		if code == 0 {
			t.Errorf("unknown command exited 0; stdout %q", out)
		}
		if !strings.Contains(errOut, `unknown command "frobnicate"`) || !strings.Contains(errOut, "groundcrew help") {
			t.Errorf("unknown command: stderr %q does not name the command and point at help", errOut)
		}
		_, errOut, code = runBinary(t, env, "audit", "check")
		if code == 0 || !strings.Contains(errOut, "audit verify") {
			t.Errorf("audit check: exit %d, stderr %q; want non-zero and a hint at \"audit verify\"", code, errOut)
		}
	})
	t.Run("bad flag", func(t *testing.T) {
		_, errOut, code := runBinary(t, env, "serve", "--no-such-flag")
		if code == 0 || !strings.Contains(errOut, "no-such-flag") {
			t.Errorf("serve --no-such-flag: exit %d, stderr %q; want non-zero naming the flag", code, errOut)
		}
	})

	t.Run("serve, shut down, verify, tamper", func(t *testing.T) {
		dataDir := t.TempDir()
		s := startServe(t, "serve", env, dataDir)
		t.Logf("start-up time printed on an empty data folder: %s", s.StartedIn)
		if _, err := time.ParseDuration(s.StartedIn); err != nil {
			t.Errorf("start-up time %q is not a duration: %v", s.StartedIn, err)
		}
		m := s.stdout.find(adminRe)
		if m == nil {
			t.Fatalf("no first-admin line on an empty data folder:\n%s", s.stdout)
		}
		if m[1] != "admin@groundcrew.local" {
			t.Errorf("first admin %q, want admin@groundcrew.local", m[1])
		}
		pw := strings.Fields(m[2])
		if len(pw) == 0 || len(pw[0]) < 12 {
			t.Errorf("first-admin line shows no usable generated password: %q", m[0])
		}
		if !strings.HasPrefix(s.Token, "gct_") {
			t.Errorf("API token line shows %q, want a gct_ token", s.Token)
		}
		waitReady(t, s, 30*time.Second)

		// The printed token works, and leaves some events and audit records behind.
		cl := newAPI(s.URL, s.Token, 1)
		var tk ticketJSON
		code, body, err := cl.do(context.Background(), "POST", "/api/v1/tickets", newTicketBody("startup ticket", "hello from the e2e test", 1), &tk)
		if err != nil || code != http.StatusCreated {
			t.Fatalf("create ticket with the printed token: status %d, %v %.300s", code, err, body)
		}

		s.signal(syscall.SIGTERM)
		if code := s.wait(30 * time.Second); code != 0 {
			t.Errorf("serve exited %d after SIGTERM, want 0", code)
		}
		if !strings.Contains(s.stderr.String(), "draining") {
			t.Logf("note: no drain message on stderr:\n%s", s.stderr)
		}

		dbPath := filepath.Join(dataDir, "groundcrew.db")
		db, err := sql.Open("sqlite", dbPath)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var backlog int
		if err := db.QueryRow(`SELECT COUNT(*) FROM outbox WHERE published_at IS NULL`).Scan(&backlog); err != nil {
			t.Fatalf("count outbox: %v", err)
		}
		if backlog != 0 {
			t.Errorf("%d outbox events unpublished after a graceful shutdown, want 0 (drained)", backlog)
		}

		out, errOut, code := runBinary(t, env, "migrate", "--data", dataDir)
		if code != 0 || !strings.Contains(out, "applied 0 migration(s)") {
			t.Errorf("migrate on a migrated folder: exit %d, stdout %q, stderr %q", code, out, errOut)
		}

		out, errOut, code = runBinary(t, env, "audit", "verify", "--data", dataDir)
		if code != 0 || !strings.Contains(out, "audit log intact") {
			t.Fatalf("audit verify: exit %d, stdout %q, stderr %q; want 0 and \"audit log intact\"", code, out, errOut)
		}
		t.Logf("audit verify: %s", strings.TrimSpace(out))

		res, err := db.Exec(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)
		if err != nil {
			t.Fatalf("tamper: %v", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("tamper: %d rows changed, want 1", n)
		}
		db.Close()

		out, errOut, code = runBinary(t, env, "audit", "verify", "--data", dataDir)
		if code != 1 || !strings.Contains(out, "TAMPERED") {
			t.Errorf("audit verify after tampering: exit %d, stdout %q, stderr %q; want 1 and TAMPERED", code, out, errOut)
		}
		t.Logf("audit verify after tampering: exit %d: %s", code, strings.TrimSpace(out))
	})
}

func TestSignInAndTicketFlow(t *testing.T) {
	groundcrewBinary(t)
	t.Parallel()
	const password = "correct-horse-battery-e2e"
	env := childEnv("GROUNDCREW_ADMIN_PASSWORD="+password, "GROUNDCREW_ADMIN_TOKEN="+testToken)
	s := startServe(t, "serve", env, t.TempDir())
	if !s.Created || !strings.Contains(s.AdminLine, "from GROUNDCREW_ADMIN_PASSWORD") || strings.Contains(s.AdminLine, password) {
		t.Errorf("first-admin line %q: want it to say the password came from GROUNDCREW_ADMIN_PASSWORD, without printing it", s.AdminLine)
	}
	if s.Token != testToken {
		t.Errorf("printed token %q, want the one from GROUNDCREW_ADMIN_TOKEN", s.Token)
	}
	waitReady(t, s, 30*time.Second)

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{
		Jar:     jar,
		Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}

	// Not signed in: the inbox sends the browser to the sign-in page.
	resp, err := browser.Get(s.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Errorf("GET / signed out: %d to %q, want 303 to /login", resp.StatusCode, resp.Header.Get("Location"))
	}

	signIn := func(pw string) *http.Response {
		t.Helper()
		b, _ := json.Marshal(map[string]string{"email": "admin@groundcrew.local", "password": pw})
		resp, err := browser.Post(s.URL+"/api/v1/sessions", "application/json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	if resp := signIn("wrong-password-123"); resp.StatusCode/100 != 4 {
		t.Errorf("sign in with a wrong password: status %d, want 4xx", resp.StatusCode)
	}
	resp = signIn(password)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("sign in: status %d, want 201", resp.StatusCode)
	}
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "gc_session" {
			session = c
		}
	}
	if session == nil || session.Value == "" {
		t.Fatalf("sign in set no gc_session cookie; Set-Cookie: %q", resp.Header.Values("Set-Cookie"))
	}
	if !session.HttpOnly {
		t.Errorf("gc_session cookie is not HttpOnly")
	}

	subject := fmt.Sprintf("Withdrawal stuck e2e %d", time.Now().UnixNano())
	cl := newAPI(s.URL, testToken, 1)
	var tk ticketJSON
	code, body, err := cl.do(context.Background(), "POST", "/api/v1/tickets", newTicketBody(subject, "My BTC withdrawal has been pending for a day.", 7), &tk)
	if err != nil || code != http.StatusCreated || tk.ID <= 0 {
		t.Fatalf("create ticket: status %d, %v, id %d %.300s", code, err, tk.ID, body)
	}

	resp, err = browser.Get(s.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET / signed in: status %d, Content-Type %q, want 200 HTML\n%.2000s", resp.StatusCode, resp.Header.Get("Content-Type"), page)
	}
	if !bytes.Contains(page, []byte(subject)) {
		t.Errorf("the inbox does not show the new ticket %q:\n%.3000s", subject, page)
	}
	if !bytes.Contains(page, []byte(fmt.Sprintf(`data-id="%d"`, tk.ID))) {
		t.Errorf("the inbox has no row for ticket %d", tk.ID)
	}

	s.signal(syscall.SIGTERM)
	if code := s.wait(30 * time.Second); code != 0 {
		t.Errorf("serve exited %d after SIGTERM, want 0", code)
	}
}
