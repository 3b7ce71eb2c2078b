package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Config is what one run takes; main fills it from flags.
type Config struct {
	URL               string // base URL, without a trailing slash
	Token             string
	Customers         int
	Duration          time.Duration
	Rate              float64 // total messages/s; 0 = as fast as possible
	MessagesPerTicket int     // messages per ticket, the first (ticket creation) included
	Verify            bool
	AckedLog          io.Writer // nil: no log
	Timeout           time.Duration
	Clock             clock // nil: the wall clock
}

// clock is the generator's time: the schedule, the end of the run and every
// latency are read from it. Runs use the wall clock; tests use one that
// moves only when told, so their counts and latencies are exact.
type clock interface {
	Now() time.Time
	// SleepUntil waits until t or until ctx is done, and reports whether t came.
	SleepUntil(ctx context.Context, t time.Time) bool
}

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) SleepUntil(ctx context.Context, t time.Time) bool {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err() == nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// maxBody bounds how much of a response is read: the generator only needs ids.
const maxBody = 4 << 20

// generator is what the workers of one run share.
type generator struct {
	cfg      Config
	clock    clock
	client   *http.Client
	runID    string // makes bodies unique across runs, so verify can match them
	start    time.Time
	deadline time.Time
	slot     atomic.Int64 // next slot of the -rate schedule
	stopped  atomic.Int64 // when a worker first saw the run stop, as an offset from start; 0: not stopped
	acked    chan<- string
}

// ackedMsg is a message the API acknowledged. ID is 0 for a ticket's first
// message when the create response does not carry its id; verify then
// matches it by its (unique) body.
type ackedMsg struct {
	ID   int64
	Body string
}

type ackedTicket struct {
	ID   int64
	Msgs []ackedMsg
}

// worker is one simulated customer. It owns its Stats, so recording takes no lock.
type worker struct {
	g       *generator
	n       int
	stats   Stats
	tickets []ackedTicket // only with -verify
}

// Run drives the API until cfg.Duration has passed or ctx is canceled, then,
// with cfg.Verify, reads back every ticket created.
//
// Canceling ctx (ctrl-C) also aborts requests in flight; reaching the
// duration does not: those are let finish (bounded by cfg.Timeout) so the
// counts match what the server saw.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	// One idle connection per customer, or connections churn under load and
	// the run measures TCP handshakes.
	tr.MaxIdleConns = cfg.Customers
	tr.MaxIdleConnsPerHost = cfg.Customers
	g := &generator{
		cfg:    cfg,
		clock:  cfg.Clock,
		client: &http.Client{Transport: tr, Timeout: cfg.Timeout},
		runID:  fmt.Sprintf("%08x", rand.Uint32()),
	}
	if g.clock == nil {
		g.clock = wallClock{}
	}
	defer tr.CloseIdleConnections()

	var closeLog func() error
	if cfg.AckedLog != nil {
		g.acked, closeLog = startAckLog(cfg.AckedLog)
	}

	g.start = g.clock.Now()
	g.deadline = g.start.Add(cfg.Duration)

	workers := make([]*worker, cfg.Customers)
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{g: g, n: i}
		workers[i] = w
		wg.Go(func() { w.run(ctx) })
	}
	wg.Wait()
	elapsed := g.clock.Now().Sub(g.start)

	var total Stats
	var tickets []ackedTicket
	for _, w := range workers {
		total.merge(&w.stats)
		tickets = append(tickets, w.tickets...)
	}
	var unsent int64
	if cfg.Rate > 0 {
		end := cfg.Duration
		if s := time.Duration(g.stopped.Load()); s > 0 && s < end {
			end = s // stopped early: later slots were never due
		}
		due := int64(math.Ceil(end.Seconds() * cfg.Rate))
		unsent = max(0, due-total.Sent[KindCreate]-total.Sent[KindMessage])
	}
	rep := newReport(cfg, &total, elapsed, unsent)

	var err error
	if closeLog != nil {
		if err = closeLog(); err != nil {
			err = fmt.Errorf("acked log: %w", err)
		}
	}
	if cfg.Verify {
		// Verify even after ctrl-C: what was acknowledged so far still counts.
		rep.Verify = g.verify(context.WithoutCancel(ctx), tickets)
	}
	return rep, err
}

// startAckLog writes lines sent on the returned channel to w, from a single
// goroutine so lines never interleave. It flushes whenever it has caught up,
// so the log trails acknowledgements by little even if this process dies.
func startAckLog(w io.Writer) (chan<- string, func() error) {
	ch := make(chan string, 4096)
	done := make(chan error, 1)
	go func() {
		bw := bufio.NewWriter(w)
		var err error
		for line := range ch {
			if err != nil {
				continue // keep draining so workers never block
			}
			if _, err = bw.WriteString(line); err == nil && len(ch) == 0 {
				err = bw.Flush()
			}
		}
		if err == nil {
			err = bw.Flush()
		}
		done <- err
	}()
	return ch, func() error { close(ch); return <-done }
}

// run loops: create a ticket, add follow-ups to it, start over, until the
// duration has passed or ctx is canceled. Canceling ctx also aborts the
// requests in flight; reaching the duration does not.
func (w *worker) run(ctx context.Context) {
	for seq := 0; ; seq++ {
		at, ok := w.pace(ctx)
		if !ok {
			return
		}
		t, ok := w.create(ctx, at, seq)
		if !ok {
			continue // no ticket to follow up on: open another
		}
		for k := 1; k < w.g.cfg.MessagesPerTicket; k++ {
			at, ok := w.pace(ctx)
			if !ok {
				break
			}
			w.addMessage(ctx, at, t, seq, k)
		}
		if w.g.cfg.Verify {
			w.tickets = append(w.tickets, *t)
		}
	}
}

// pace waits until the next request is due and returns the time it was due,
// from which its latency is measured. With -rate, requests follow one
// schedule shared by all customers (open loop): a slow response does not
// delay the schedule, so time spent waiting for a free customer counts as
// latency instead of being silently omitted.
func (w *worker) pace(ctx context.Context) (time.Time, bool) {
	g := w.g
	now := g.clock.Now()
	if ctx.Err() != nil || !now.Before(g.deadline) {
		g.stop(now)
		return time.Time{}, false
	}
	if g.cfg.Rate <= 0 {
		return now, true
	}
	// Offsets are computed from the slot number, not accumulated, so rounding never drifts.
	slot := g.slot.Add(1) - 1
	at := g.start.Add(time.Duration(float64(slot) * float64(time.Second) / g.cfg.Rate))
	if !at.Before(g.deadline) {
		return time.Time{}, false
	}
	if !g.clock.SleepUntil(ctx, at) {
		g.stop(g.clock.Now())
		return time.Time{}, false
	}
	return at, true
}

// stop notes when a worker first saw the run stop.
func (g *generator) stop(now time.Time) {
	g.stopped.CompareAndSwap(0, max(1, int64(now.Sub(g.start))))
}

type newCustomer struct {
	ExternalID string `json:"external_id"`
	Email      string `json:"email"`
	Name       string `json:"name"`
}

type newTicket struct {
	Subject  string      `json:"subject"`
	Message  string      `json:"message"`
	Channel  string      `json:"channel"`
	Customer newCustomer `json:"customer"`
	Language string      `json:"language"`
}

// created is the part of a 201 response the generator uses. The create
// response may or may not list the first message; it is used if it does.
type created struct {
	ID       int64 `json:"id"`
	Messages []struct {
		ID int64 `json:"id"`
	} `json:"messages"`
}

func (w *worker) create(ctx context.Context, at time.Time, seq int) (*ackedTicket, bool) {
	g := w.g
	body := fmt.Sprintf("load %s c%d t%d m0: my order has not arrived", g.runID, w.n, seq)
	in := newTicket{
		Subject: fmt.Sprintf("load %s c%d t%d", g.runID, w.n, seq),
		Message: body,
		Channel: "api",
		Customer: newCustomer{
			ExternalID: fmt.Sprintf("u-%d", w.n),
			Email:      fmt.Sprintf("u%d@example.com", w.n),
			Name:       fmt.Sprintf("User %d", w.n),
		},
		Language: "en",
	}
	resp, ok := w.send(ctx, KindCreate, at, g.cfg.URL+"/api/v1/tickets", in, "")
	if !ok {
		return nil, false
	}
	first := ackedMsg{Body: body}
	if len(resp.Messages) > 0 {
		first.ID = resp.Messages[0].ID
	}
	w.ack(resp.ID, first.ID)
	return &ackedTicket{ID: resp.ID, Msgs: []ackedMsg{first}}, true
}

func (w *worker) addMessage(ctx context.Context, at time.Time, t *ackedTicket, seq, k int) {
	g := w.g
	body := fmt.Sprintf("load %s c%d t%d m%d: any news?", g.runID, w.n, seq, k)
	// A key unique to this message: harmless without retries, and exercises
	// the server's idempotency path under load.
	key := fmt.Sprintf("load-%s-%d-%d-%d", g.runID, w.n, seq, k)
	url := fmt.Sprintf("%s/api/v1/tickets/%d/customer-messages", g.cfg.URL, t.ID)
	in := map[string]any{"body": body, "customer": map[string]string{"external_id": fmt.Sprintf("u-%d", w.n)}}
	resp, ok := w.send(ctx, KindMessage, at, url, in, key)
	if !ok {
		return
	}
	w.ack(t.ID, resp.ID)
	if g.cfg.Verify {
		t.Msgs = append(t.Msgs, ackedMsg{ID: resp.ID, Body: body})
	}
}

func (w *worker) ack(ticketID, msgID int64) {
	if w.g.acked != nil {
		w.g.acked <- fmt.Sprintf("%d %d\n", ticketID, msgID)
	}
}

// send POSTs in as JSON and records the outcome. It reports whether the
// request was accepted with a usable id.
func (w *worker) send(ctx context.Context, kind Kind, at time.Time, url string, in any, idemKey string) (created, bool) {
	var out created
	payload, err := json.Marshal(in)
	if err != nil {
		panic(err) // the request types always marshal
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		w.fail(ctx, err)
		return out, false
	}
	w.g.authorize(req)
	req.Header.Set("Content-Type", "application/json")
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	w.stats.Sent[kind]++
	resp, err := w.g.client.Do(req)
	if err != nil {
		w.fail(ctx, err)
		return out, false
	}
	// Read the whole body, so latency is to the full response and the
	// connection can be reused.
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	if err != nil {
		w.fail(ctx, err)
		return out, false
	}
	w.stats.Latency[kind] = append(w.stats.Latency[kind], w.g.clock.Now().Sub(at))
	if resp.StatusCode/100 != 2 {
		w.stats.reject(resp.StatusCode)
		return out, false
	}
	if err := json.Unmarshal(data, &out); err != nil || out.ID <= 0 {
		// Accepted but unusable: without an id nothing can follow up on it.
		w.stats.Errors++
		w.stats.sample(fmt.Sprintf("%s %s: %d response without an id", kindNames[kind], url, resp.StatusCode))
		return out, false
	}
	w.stats.Accepted[kind]++
	return out, true
}

// errorPause is how long a customer waits after a transport error when not
// paced by -rate: without it a dead server (as in a crash test) turns the
// run into a busy loop of refused connections that swamps the counts.
const errorPause = 10 * time.Millisecond

// fail records a request that got no response.
func (w *worker) fail(ctx context.Context, err error) {
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		w.stats.Canceled++
		return
	}
	w.stats.Errors++
	w.stats.sample(err.Error())
	if w.g.cfg.Rate <= 0 {
		w.g.clock.SleepUntil(ctx, w.g.clock.Now().Add(errorPause))
	}
}

func (g *generator) authorize(req *http.Request) {
	req.Header.Set("Authorization", "Bearer "+g.cfg.Token)
}

// verify reads back every ticket and checks every acknowledged message is in it.
func (g *generator) verify(ctx context.Context, tickets []ackedTicket) *VerifyReport {
	ch := make(chan *ackedTicket)
	results := make([]VerifyReport, g.cfg.Customers)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			for t := range ch {
				g.verifyTicket(ctx, t, &results[i])
			}
		})
	}
	for i := range tickets {
		ch <- &tickets[i]
	}
	close(ch)
	wg.Wait()

	var v VerifyReport
	for _, r := range results {
		v.Tickets += r.Tickets
		v.Messages += r.Messages
		v.Lost += r.Lost
		v.Unverified += r.Unverified
		for _, s := range r.Samples {
			if len(v.Samples) < maxErrorSamples {
				v.Samples = append(v.Samples, s)
			}
		}
	}
	return &v
}

func (g *generator) verifyTicket(ctx context.Context, t *ackedTicket, v *VerifyReport) {
	v.Tickets++
	v.Messages += len(t.Msgs)
	note := func(format string, args ...any) {
		if len(v.Samples) < maxErrorSamples {
			v.Samples = append(v.Samples, fmt.Sprintf(format, args...))
		}
	}
	got, status, err := g.getTicket(ctx, t.ID)
	switch {
	case err != nil:
		v.Unverified += len(t.Msgs)
		note("ticket %d: unverified: %v", t.ID, err)
		return
	case status == http.StatusNotFound:
		v.Lost += len(t.Msgs)
		note("ticket %d: lost: not found", t.ID)
		return
	case status/100 != 2:
		v.Unverified += len(t.Msgs)
		note("ticket %d: unverified: status %d", t.ID, status)
		return
	}
	ids := make(map[int64]bool, len(got.Messages))
	bodies := make(map[string]bool, len(got.Messages))
	for _, m := range got.Messages {
		ids[m.ID], bodies[m.Body] = true, true
	}
	for _, m := range t.Msgs {
		if (m.ID != 0 && !ids[m.ID]) || (m.ID == 0 && !bodies[m.Body]) {
			v.Lost++
			note("ticket %d: lost message %d %q", t.ID, m.ID, m.Body)
		}
	}
}

type ticketView struct {
	Messages []struct {
		ID   int64  `json:"id"`
		Body string `json:"body"`
	} `json:"messages"`
}

func (g *generator) getTicket(ctx context.Context, id int64) (ticketView, int, error) {
	var out ticketView
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/api/v1/tickets/%d", g.cfg.URL, id), nil)
	if err != nil {
		return out, 0, err
	}
	g.authorize(req)
	resp, err := g.client.Do(req)
	if err != nil {
		return out, 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody))
		return out, resp.StatusCode, nil
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return out, resp.StatusCode, fmt.Errorf("decode: %w", err)
	}
	return out, resp.StatusCode, nil
}
