package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/cputime"
)

// WidgetConfig is a run of -mode widget: Sockets customers connected to
// the widget socket of the nodes in URLs (spread round robin), each with a
// conversation, sending Rate messages/s between them for Duration, while an
// agent replies through AgentURL's API at Replies/s.
type WidgetConfig struct {
	URLs     []string // nodes the customers connect to
	AgentURL string   // node the agent replies through
	Token    string   // the agent's API token (for replies)
	NATS     string   // where to watch the live views' feed; "" to skip
	// AgentPages is how many conversations get an agent's live ticket page
	// (GET /live/tickets/{id} on AgentURL), preferring conversations whose
	// socket is on another node.
	AgentPages int
	// PagesInOneBlock gives the pages to the first AgentPages sockets, as
	// runs before session 18 did, instead of sockets spread evenly over
	// the send order.
	PagesInOneBlock bool
	Sockets         int
	Open            int // sockets opened at once while ramping up
	Rate            float64
	Replies         float64
	Duration        time.Duration
	Timeout         time.Duration
	// Settle is how long to wait after the ramp (every socket open and its
	// conversation started) before the measured sends, so that the work
	// the conversation starts leave behind (routing, SLA timers, metrics)
	// is done by then; 0 measures at once, as before.
	Settle time.Duration
	// PhaseFile, if set, is written as PhaseFile+".start" when the
	// measured sends begin and PhaseFile+".end" when they end, so that a
	// script can read the node's CPU over exactly that window.
	PhaseFile string
	// Timeline, if set, gets one line per measured sample ("ack", "live"
	// or "page", the send's Unix time in µs, the latency in µs), so that a
	// slow sample can be lined up with what the node did at that moment.
	Timeline string
	// CPUProfile, if set, is where the generator's own CPU profile of
	// the measured sends goes: it shares the cores with the node.
	CPUProfile string
}

// WidgetReport is what a widget run measured.
type WidgetReport struct {
	Sockets      int            `json:"sockets"`
	Opened       int64          `json:"opened"`
	OpenFailed   int64          `json:"open_failed"`
	OpenLatency  LatencyMS      `json:"open_ms"` // connect, hello, first send and its ack
	RampSeconds  float64        `json:"ramp_s"`
	Elapsed      float64        `json:"elapsed_s"`
	Target       float64        `json:"target_per_s"`
	Sent         int64          `json:"sent"`
	Acked        int64          `json:"acked"`
	AckPerSecond float64        `json:"acked_per_s"`
	Unsent       int64          `json:"unsent"` // slots the senders were too busy to fill
	Errors       map[string]int `json:"errors"` // error frames and socket failures, by code
	Ack          LatencyMS      `json:"ack_ms"`
	// Live: a customer's send to its message.created event on the bus,
	// as every node's live views (the agents' workspaces) receive it.
	Live        LatencyMS `json:"live_ms"`
	LiveMissing int64     `json:"live_missing"`
	// Page: a customer's send to the message on an agent's open live
	// ticket page (AgentPages of the conversations).
	Pages        int       `json:"agent_pages"`
	PagesCross   int       `json:"agent_pages_other_node"`
	Page         LatencyMS `json:"page_ms"`
	PageMissing  int64     `json:"page_missing"`
	RepliesSent  int64     `json:"replies_sent"`
	RepliesAcked int64     `json:"replies_acked"`
	// Reply: the agent's POST to the reply arriving on the customer's socket.
	Reply        LatencyMS `json:"reply_ms"`
	ReplyMissing int64     `json:"reply_missing"`
	Samples      []string  `json:"error_samples,omitempty"`
	// WindowCPU is the generator's own CPU time over the measured sends
	// and their settling (not the ramp): it shares the cores with the node.
	WindowCPU float64 `json:"window_cpu_s"`
	agentURL  string
}

// widgetRun is what the sockets and senders of one run share.
type widgetRun struct {
	cfg    WidgetConfig
	runID  string
	socks  []*widgetSocket
	client *http.Client

	mu       sync.Mutex
	errs     map[string]int
	samples  []string
	live     arrivals // on the bus
	page     arrivals // on agents' live pages
	acks     []time.Duration
	ackFrom  []time.Time // each ack's send, beside acks
	opens    []time.Duration
	replyAt  map[string]time.Time // reply text → when the agent posted it
	replyLat []time.Duration

	sent, acked, unsent, repliesSent, repliesAcked atomic.Int64
}

// arrivals times messages from their send to where they arrive, whichever
// of the ack (which names the seq) and the arrival comes first.
type arrivals struct {
	sent map[int64]time.Time // seq → when its send left, until it arrives
	seen map[int64]time.Time // seq → when it arrived, until its ack names it
	lat  []time.Duration
	from []time.Time // each sample's send, beside lat
}

func newArrivals() arrivals {
	return arrivals{sent: map[int64]time.Time{}, seen: map[int64]time.Time{}}
}

func (a *arrivals) acked(seq int64, at time.Time) {
	if seen, ok := a.seen[seq]; ok {
		a.lat = append(a.lat, seen.Sub(at))
		a.from = append(a.from, at)
		delete(a.seen, seq)
		return
	}
	a.sent[seq] = at
}

func (a *arrivals) arrived(seq int64, now time.Time) {
	if at, ok := a.sent[seq]; ok {
		a.lat = append(a.lat, now.Sub(at))
		a.from = append(a.from, at)
		delete(a.sent, seq)
		return
	}
	a.seen[seq] = now
}

type widgetSocket struct {
	c       *chat.Client
	url     string
	conv    int64
	watched bool // an agent's live page shows its conversation
	mu      sync.Mutex
	next    int
	sent    map[string]time.Time // client id → when sent, until acked
}

func (r *widgetRun) fail(code, detail string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs[code]++
	if len(r.samples) < maxErrorSamples {
		r.samples = append(r.samples, code+": "+detail)
	}
}

// RunWidget opens the sockets, sends and replies for cfg.Duration, waits a
// little for what is still in flight, and reports.
func RunWidget(ctx context.Context, cfg WidgetConfig) (*WidgetReport, error) {
	r := &widgetRun{
		cfg: cfg, runID: strconv.FormatInt(time.Now().UnixNano(), 36),
		client: &http.Client{Timeout: cfg.Timeout},
		errs:   map[string]int{}, live: newArrivals(), page: newArrivals(), replyAt: map[string]time.Time{},
	}
	if cfg.NATS != "" {
		stop, err := r.watchLive(cfg.NATS)
		if err != nil {
			return nil, err
		}
		defer stop()
	}
	rampStart := time.Now()
	r.openAll(ctx)
	rep := &WidgetReport{Sockets: cfg.Sockets, Target: cfg.Rate, RampSeconds: time.Since(rampStart).Seconds(), agentURL: cfg.AgentURL}
	defer func() {
		for _, s := range r.socks {
			s.c.Close()
		}
	}()
	if len(r.socks) == 0 {
		return r.report(rep, 0), errors.New("no socket could be opened")
	}
	// The measured phase starts with clean books: the ramp's first sends
	// (which start the conversations) are in open_ms only.
	if cfg.AgentPages > 0 && cfg.Token != "" {
		stop, err := r.openPages(ctx, rep)
		if err != nil {
			return r.report(rep, 0), err
		}
		defer stop()
	}
	if cfg.Settle > 0 {
		select {
		case <-time.After(cfg.Settle):
		case <-ctx.Done():
		}
	}
	r.mu.Lock()
	r.acks, r.live.lat, r.page.lat = nil, nil, nil
	r.ackFrom, r.live.from, r.page.from = nil, nil, nil
	r.mu.Unlock()
	r.sent.Store(0)
	r.acked.Store(0)
	r.phase("start")
	cpu0, _ := cputime.Process()

	if cfg.CPUProfile != "" {
		stop, err := startProfile(cfg.CPUProfile)
		if err != nil {
			return r.report(rep, 0), err
		}
		defer stop()
	}
	runCtx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	wg.Go(func() { r.sendLoop(runCtx) })
	if cfg.Replies > 0 && cfg.Token != "" {
		wg.Go(func() { r.replyLoop(runCtx) })
	}
	wg.Wait()
	elapsed := time.Since(start)
	r.settle(ctx, 5*time.Second)
	r.phase("end")
	if cpu1, ok := cputime.Process(); ok {
		rep.WindowCPU = (cpu1 - cpu0).Seconds()
	}
	if cfg.Timeline != "" {
		if err := r.writeTimeline(cfg.Timeline); err != nil {
			r.fail("timeline", err.Error())
		}
	}
	return r.report(rep, elapsed), nil
}

// phase marks the measured window's start or end in cfg.PhaseFile.
func (r *widgetRun) phase(name string) {
	if r.cfg.PhaseFile == "" {
		return
	}
	at := time.Now().Format(time.RFC3339Nano) + "\n"
	if err := os.WriteFile(r.cfg.PhaseFile+"."+name, []byte(at), 0o644); err != nil {
		r.fail("phase file", err.Error())
	}
}

// openAll connects cfg.Sockets customers, cfg.Open at a time. Each says
// hello and sends a first message, which starts its conversation.
func (r *widgetRun) openAll(ctx context.Context) {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		next atomic.Int64
	)
	for range max(1, r.cfg.Open) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= r.cfg.Sockets || ctx.Err() != nil {
					return
				}
				s, d, err := r.open(ctx, i)
				if err != nil {
					r.fail("open", err.Error())
					continue
				}
				mu.Lock()
				r.socks = append(r.socks, s)
				r.opens = append(r.opens, d)
				mu.Unlock()
				go r.readLoop(s)
			}
		})
	}
	wg.Wait()
}

func (r *widgetRun) open(ctx context.Context, i int) (*widgetSocket, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	start := time.Now()
	url := r.cfg.URLs[i%len(r.cfg.URLs)] + chat.Path
	c, err := chat.Dial(ctx, url, chat.In{Lang: "en"}, &chat.DialOptions{Buffer: 8})
	if err != nil {
		return nil, 0, err
	}
	id := fmt.Sprintf("%s-%d-0", r.runID, i)
	if err := c.Send(ctx, id, fmt.Sprintf("load %s customer %d: hello, my deposit is missing", r.runID, i)); err != nil {
		c.Close()
		return nil, 0, err
	}
	ack, err := c.Await(ctx, "ack")
	if err == nil {
		err = ack.Err()
	}
	if err != nil {
		c.Close()
		return nil, 0, fmt.Errorf("first send: %w", err)
	}
	return &widgetSocket{c: c, url: r.cfg.URLs[i%len(r.cfg.URLs)], conv: ack.Conv(), next: 1, sent: map[string]time.Time{}}, time.Since(start), nil
}

// sendLoop sends cfg.Rate messages a second on an open-loop schedule,
// round robin over the sockets (each socket's own limit is a message a
// second), through a pool of writers so a slow socket holds up no other.
func (r *widgetRun) sendLoop(ctx context.Context) {
	work := make(chan *widgetSocket, 1024)
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			for s := range work {
				r.send(ctx, s)
			}
		})
	}
	defer func() { close(work); wg.Wait() }()
	interval := time.Duration(float64(time.Second) / r.cfg.Rate)
	start := time.Now()
	for n := 0; ; n++ {
		at := start.Add(time.Duration(n) * interval)
		if d := time.Until(at); d > 0 {
			select {
			case <-time.After(d):
			case <-ctx.Done():
				return
			}
		} else if ctx.Err() != nil {
			return
		}
		select {
		case work <- r.socks[n%len(r.socks)]:
		default:
			r.unsent.Add(1)
		}
	}
}

func (r *widgetRun) send(ctx context.Context, s *widgetSocket) {
	s.mu.Lock()
	id := fmt.Sprintf("%s-%p-%d", r.runID, s, s.next)
	s.next++
	now := time.Now()
	s.sent[id] = now
	s.mu.Unlock()
	r.sent.Add(1)
	// A send begun before the run ended is finished, not cut off.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.cfg.Timeout)
	defer cancel()
	if err := s.c.Send(wctx, id, "load "+id+": any news on my deposit?"); err != nil {
		r.fail("write", err.Error())
		s.mu.Lock()
		delete(s.sent, id)
		s.mu.Unlock()
	}
}

// readLoop handles one socket's frames until it closes.
func (r *widgetRun) readLoop(s *widgetSocket) {
	for {
		f, err := s.c.Next(context.Background())
		if err != nil {
			return
		}
		now := time.Now()
		switch f.Type {
		case "ack":
			s.mu.Lock()
			at, ok := s.sent[f.ID]
			delete(s.sent, f.ID)
			s.mu.Unlock()
			if !ok {
				continue // the ramp's first send
			}
			r.acked.Add(1)
			r.mu.Lock()
			r.acks = append(r.acks, now.Sub(at))
			r.ackFrom = append(r.ackFrom, at)
			if r.cfg.NATS != "" {
				r.live.acked(f.Seq, at)
			}
			if s.watched {
				r.page.acked(f.Seq, at)
			}
			r.mu.Unlock()
		case "message":
			if f.Author != "agent" {
				continue
			}
			r.mu.Lock()
			if at, ok := r.replyAt[f.Text]; ok {
				r.replyLat = append(r.replyLat, now.Sub(at))
				delete(r.replyAt, f.Text)
			}
			r.mu.Unlock()
		case "error":
			r.fail(f.Code, f.Message)
			if f.Ref != "" {
				s.mu.Lock()
				delete(s.sent, f.Ref)
				s.mu.Unlock()
			}
		}
	}
}

// watchLive subscribes to the message.created events every node's live
// views get, and times each of this run's messages from its send.
func (r *widgetRun) watchLive(url string) (func(), error) {
	nc, err := nats.Connect(url)
	if err != nil {
		return nil, fmt.Errorf("watch live events: %w", err)
	}
	_, err = nc.Subscribe(bus.SubjectPrefix+"message.created", func(m *nats.Msg) {
		now := time.Now()
		ev, err := bus.DecodeMsg(m)
		if err != nil {
			return
		}
		var msg struct {
			MessageID  int64  `json:"message_id"`
			AuthorKind string `json:"author_kind"`
		}
		if json.Unmarshal(ev.Data, &msg) != nil || msg.AuthorKind != "customer" {
			return
		}
		r.mu.Lock()
		r.live.arrived(msg.MessageID, now)
		r.mu.Unlock()
	})
	if err == nil {
		err = nc.Flush()
	}
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("watch live events: %w", err)
	}
	return nc.Close, nil
}

// replyLoop posts agent replies at cfg.Replies a second to random
// conversations, through the agent's node.
func (r *widgetRun) replyLoop(ctx context.Context) {
	interval := time.Duration(float64(time.Second) / r.cfg.Replies)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	sem := make(chan struct{}, 32)
	for n := 0; ; n++ {
		select {
		case <-tick.C:
		case <-ctx.Done():
			return
		}
		select {
		case sem <- struct{}{}:
		default:
			continue // replies back up: skip this one rather than queue
		}
		s := r.socks[rand.IntN(len(r.socks))]
		// Worded as agents write, so the outbound guard reads it as the
		// honest reply it is: "agent reply <id>: ..." read as a request
		// to its learned reader for some ids (about 7 % after session 20).
		text := fmt.Sprintf("Thanks for waiting, we are looking into it (ref %s-%d).", r.runID, n)
		wg.Go(func() {
			defer func() { <-sem }()
			r.reply(ctx, s.conv, text)
		})
	}
}

func (r *widgetRun) reply(ctx context.Context, conv int64, text string) {
	body, _ := json.Marshal(map[string]string{"body": text})
	req, err := http.NewRequestWithContext(context.WithoutCancel(ctx), "POST", fmt.Sprintf("%s/api/v1/tickets/%d/messages", r.cfg.AgentURL, conv), bytes.NewReader(body))
	if err != nil {
		r.fail("reply", err.Error())
		return
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+r.cfg.Token)
	r.mu.Lock()
	r.replyAt[text] = time.Now()
	r.mu.Unlock()
	r.repliesSent.Add(1)
	resp, err := r.client.Do(req)
	if err != nil {
		r.fail("reply", err.Error())
		return
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
	if resp.StatusCode/100 != 2 {
		r.fail("reply "+strconv.Itoa(resp.StatusCode), string(msg))
		r.mu.Lock()
		delete(r.replyAt, text)
		r.mu.Unlock()
		return
	}
	r.repliesAcked.Add(1)
}

// settle waits up to d for acks, live events and replies still in flight.
func (r *widgetRun) settle(ctx context.Context, d time.Duration) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		r.mu.Lock()
		pending := len(r.live.sent) + len(r.page.sent) + len(r.replyAt)
		r.mu.Unlock()
		for _, s := range r.socks {
			s.mu.Lock()
			pending += len(s.sent)
			s.mu.Unlock()
		}
		if pending == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (r *widgetRun) report(rep *WidgetReport, elapsed time.Duration) *WidgetReport {
	r.mu.Lock()
	defer r.mu.Unlock()
	rep.Opened = int64(len(r.socks))
	rep.OpenFailed = int64(r.cfg.Sockets) - rep.Opened
	rep.OpenLatency = summarize(r.opens)
	rep.Elapsed = elapsed.Seconds()
	rep.Sent, rep.Acked, rep.Unsent = r.sent.Load(), r.acked.Load(), r.unsent.Load()
	if elapsed > 0 {
		rep.AckPerSecond = float64(rep.Acked) / elapsed.Seconds()
	}
	rep.Errors, rep.Samples = r.errs, r.samples
	rep.Ack = summarize(r.acks)
	rep.Live = summarize(r.live.lat)
	rep.LiveMissing = int64(len(r.live.sent))
	rep.Page = summarize(r.page.lat)
	rep.PageMissing = int64(len(r.page.sent))
	rep.RepliesSent, rep.RepliesAcked = r.repliesSent.Load(), r.repliesAcked.Load()
	rep.Reply = summarize(r.replyLat)
	rep.ReplyMissing = int64(len(r.replyAt))
	return rep
}

// WriteText prints the report for a person.
func (rep *WidgetReport) WriteText(w io.Writer) {
	lat := func(l LatencyMS) string {
		return fmt.Sprintf("p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  (n=%d)", l.P50, l.P90, l.P99, l.Max, l.Count)
	}
	fmt.Fprintf(w, "sockets: %d of %d open (ramp %.1f s; connect+hello+first message %s)\n", rep.Opened, rep.Sockets, rep.RampSeconds, lat(rep.OpenLatency))
	fmt.Fprintf(w, "sent %d messages in %.1f s (target %.0f/s), acked %d (%.0f/s); %d unsent slots\n", rep.Sent, rep.Elapsed, rep.Target, rep.Acked, rep.AckPerSecond, rep.Unsent)
	fmt.Fprintf(w, "send → ack:               %s\n", lat(rep.Ack))
	fmt.Fprintf(w, "send → live event on bus: %s; %d never seen\n", lat(rep.Live), rep.LiveMissing)
	fmt.Fprintf(w, "send → agent's live page: %s; %d never seen (%d pages open on %s, %d of them for sockets on another node)\n",
		lat(rep.Page), rep.PageMissing, rep.Pages, rep.agentURL, rep.PagesCross)
	fmt.Fprintf(w, "agent replies: %d posted, %d accepted; post → customer socket: %s; %d never arrived\n", rep.RepliesSent, rep.RepliesAcked, lat(rep.Reply), rep.ReplyMissing)
	if rep.Acked > 0 {
		fmt.Fprintf(w, "load generator in the measured window: cpu %.2f s, %.3f ms per acked message\n", rep.WindowCPU, 1000*rep.WindowCPU/float64(rep.Acked))
	}
	if len(rep.Errors) > 0 {
		fmt.Fprintf(w, "errors: %v\n", rep.Errors)
		for _, s := range rep.Samples {
			fmt.Fprintf(w, "  e.g. %.300s\n", s)
		}
	}
}
