package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// openPages opens an agent's live ticket page (the workspace's server-sent
// events) for cfg.AgentPages conversations, those whose socket is on
// another node than AgentURL first, and times each customer message from
// its send to its "message" event there. The returned func closes them.
func (r *widgetRun) openPages(ctx context.Context, rep *WidgetReport) (func(), error) {
	var cross, local []*widgetSocket
	for _, s := range r.socks {
		if s.url != r.cfg.AgentURL {
			cross = append(cross, s)
		} else {
			local = append(local, s)
		}
	}
	pick := spread
	if r.cfg.PagesInOneBlock {
		pick = func(c []*widgetSocket, n int) []*widgetSocket { return c[:min(n, len(c))] }
	}
	picked := pick(cross, r.cfg.AgentPages)
	picked = append(picked, pick(local, r.cfg.AgentPages-len(picked))...)
	ctx, cancel := context.WithCancel(ctx)
	client := &http.Client{} // no timeout: the streams stay open for the run
	for _, s := range picked {
		req, err := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/live/tickets/%d", r.cfg.AgentURL, s.conv), nil)
		if err != nil {
			cancel()
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+r.cfg.Token)
		req.Header.Set("Accept", "text/event-stream")
		resp, err := client.Do(req)
		if err != nil {
			cancel()
			return nil, fmt.Errorf("agent page of conversation %d: %w", s.conv, err)
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			cancel()
			return nil, fmt.Errorf("agent page of conversation %d: status %d", s.conv, resp.StatusCode)
		}
		go r.readPage(resp)
		r.mu.Lock()
		s.watched = true
		r.mu.Unlock()
		rep.Pages++
		if s.url != r.cfg.AgentURL {
			rep.PagesCross++
		}
	}
	return cancel, nil
}

// readPage times the customer messages an agent's live page shows.
func (r *widgetRun) readPage(resp *http.Response) {
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	event := ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: ") && event == "message":
			now := time.Now()
			var m struct {
				ID         int64  `json:"id"`
				AuthorKind string `json:"author_kind"`
			}
			if json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &m) == nil && m.AuthorKind == "customer" {
				r.mu.Lock()
				r.page.arrived(m.ID, now)
				r.mu.Unlock()
			}
		case line == "":
			event = ""
		}
	}
}

// spread picks n of c evenly apart. The senders go round the sockets in
// order, so pages of sockets next to each other would all be written to
// within one short burst per round (a quarter of a second in five at
// 10,000 sockets and 2,000/s), and the page's percentiles would describe
// those bursts only: one stall that met a burst made the run's p99.
func spread(c []*widgetSocket, n int) []*widgetSocket {
	if n >= len(c) {
		return c
	}
	out := make([]*widgetSocket, 0, n)
	for i := range n {
		out = append(out, c[i*len(c)/n])
	}
	return out
}
