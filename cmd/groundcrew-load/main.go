// Command groundcrew-load drives the groundcrew HTTP API with many concurrent
// simulated customers and reports throughput and latency percentiles.
//
// Each customer opens a ticket, posts follow-up messages to it, then opens
// another, until -duration has passed or it is interrupted (ctrl-C stops
// early and still prints the report; a second ctrl-C quits at once).
//
// With -mode widget it speaks the chat widget's WebSocket protocol instead
// (docs/chat-protocol.md): -sockets customers connect to the nodes in -url
// (comma-separated, spread round robin), each starts a conversation, then
// they send -rate messages/s between them while an agent replies through
// -agent-url's API at -replies/s. It reports acks, the time from a send to
// its message.created event on the bus that every node's live views read
// (-nats) and to an agent's open live ticket page (-agent-pages), and from
// an agent's reply to the customer's socket.
//
// Exit status: 0, or 1 if -verify found acknowledged messages missing or the
// run failed, or 2 for bad flags.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal, restore the default so a second one kills.
	context.AfterFunc(ctx, stop)
	os.Exit(run(ctx, wallClock{}, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, clk clock, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("groundcrew-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := Config{Clock: clk}
	fs.StringVar(&cfg.URL, "url", "http://127.0.0.1:8080", "base `URL` of the groundcrew API")
	// The env default is applied after parsing, so -h never prints the secret.
	fs.StringVar(&cfg.Token, "token", "", "bearer `token` (default $GROUNDCREW_ADMIN_TOKEN)")
	fs.IntVar(&cfg.Customers, "customers", 50, "concurrent simulated customers")
	fs.DurationVar(&cfg.Duration, "duration", 10*time.Second, "how long to send")
	fs.Float64Var(&cfg.Rate, "rate", 0, "target total messages/s across all customers, on an open-loop schedule; 0 = as fast as possible")
	fs.IntVar(&cfg.MessagesPerTicket, "messages-per-ticket", 5, "messages per ticket, the one creating it included")
	fs.BoolVar(&cfg.Verify, "verify", false, "after the run, read back every ticket and count acknowledged messages missing")
	ackedLog := fs.String("acked-log", "", "append `file`: one line \"ticket_id message_id\" per acknowledged message (message_id 0: the first message of a ticket whose create response did not list it)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	fs.DurationVar(&cfg.Timeout, "timeout", 10*time.Second, "per-request timeout")
	mode := fs.String("mode", "api", "api (customers through the HTTP API), widget (customers on the widget's WebSocket) or page (GET one public page)")
	pagePath := fs.String("path", "/status", "page mode: the page to GET")
	var w WidgetConfig
	fs.IntVar(&w.Sockets, "sockets", 1000, "widget mode: customers connected at once")
	fs.IntVar(&w.Open, "open", 50, "widget mode: sockets opened at once while ramping up")
	fs.StringVar(&w.AgentURL, "agent-url", "", "widget mode: the node agents reply through (default: the first -url)")
	fs.StringVar(&w.NATS, "nats", "", "widget mode: NATS `URL` to time message.created events on (the live views' feed); empty: not timed")
	fs.IntVar(&w.AgentPages, "agent-pages", 50, "widget mode: conversations an agent has open on a live ticket page on -agent-url (needs -token), those of sockets on other nodes first")
	fs.BoolVar(&w.PagesInOneBlock, "agent-pages-in-one-block", false, "widget mode: open the pages of the first -agent-pages sockets (sent to in one burst each round, as before session 18) instead of sockets spread evenly over the send order")
	fs.Float64Var(&w.Replies, "replies", 10, "widget mode: agent replies/s (needs -token)")
	fs.DurationVar(&w.Settle, "settle", 0, "widget mode: after every socket has started its conversation, wait this long before the measured sends (the starts' background work drains first); 0: measure at once")
	fs.StringVar(&w.CPUProfile, "cpuprofile", "", "widget mode: write the load generator's own CPU profile over the measured sends to `file`")
	fs.StringVar(&w.Timeline, "timeline", "", "widget mode: write every measured sample to `file` as \"kind send_unix_µs latency_µs\" (kind ack, live or page)")
	fs.StringVar(&w.PhaseFile, "phase-file", "", "widget mode: write `prefix`.start and prefix.end when the measured sends begin and end")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if cfg.Token == "" {
		cfg.Token = os.Getenv("GROUNDCREW_ADMIN_TOKEN")
	}
	switch *mode {
	case "api":
	case "widget":
		return runWidget(ctx, fs, cfg, w, *asJSON, stdout, stderr)
	case "page":
		return runPage(ctx, cfg, *pagePath, *asJSON, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "groundcrew-load: -mode %q: want api, widget or page\n", *mode)
		return 2
	}
	if err := check(fs, &cfg); err != nil {
		fmt.Fprintf(stderr, "groundcrew-load: %v\n", err)
		return 2
	}

	if *ackedLog != "" {
		f, err := os.OpenFile(*ackedLog, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			fmt.Fprintf(stderr, "groundcrew-load: %v\n", err)
			return 1
		}
		defer f.Close()
		cfg.AckedLog = f
	}

	rep, err := Run(ctx, cfg)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
	} else {
		rep.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "groundcrew-load: %v\n", err)
		return 1
	}
	if rep.Verify != nil && rep.Verify.Lost > 0 {
		return 1
	}
	return 0
}

// check validates flags and normalizes the URL.
func check(fs *flag.FlagSet, cfg *Config) error {
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	case cfg.Token == "":
		return errors.New("no token: set -token or GROUNDCREW_ADMIN_TOKEN")
	case cfg.Customers < 1:
		return errors.New("-customers must be at least 1")
	case cfg.Duration <= 0:
		return errors.New("-duration must be positive")
	case cfg.Rate < 0:
		return errors.New("-rate must not be negative")
	case cfg.MessagesPerTicket < 1:
		return errors.New("-messages-per-ticket must be at least 1")
	case cfg.Timeout <= 0:
		return errors.New("-timeout must be positive")
	}
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("-url %q: want http(s)://host[:port]", cfg.URL)
	}
	cfg.URL = strings.TrimRight(cfg.URL, "/")
	return nil
}

func runWidget(ctx context.Context, fs *flag.FlagSet, cfg Config, w WidgetConfig, asJSON bool, stdout, stderr io.Writer) int {
	w.Token, w.Duration, w.Timeout, w.Rate = cfg.Token, cfg.Duration, cfg.Timeout, cfg.Rate
	err := func() error {
		switch {
		case fs.NArg() > 0:
			return fmt.Errorf("unexpected arguments: %v", fs.Args())
		case w.Sockets < 1:
			return errors.New("-sockets must be at least 1")
		case w.Rate <= 0:
			return errors.New("-rate must be positive in widget mode")
		case w.Duration <= 0 || w.Timeout <= 0:
			return errors.New("-duration and -timeout must be positive")
		case w.Replies < 0 || w.AgentPages < 0 || w.Settle < 0:
			return errors.New("-replies, -agent-pages and -settle must not be negative")
		}
		for _, raw := range strings.Split(cfg.URL, ",") {
			u, err := url.Parse(strings.TrimSpace(raw))
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return fmt.Errorf("-url %q: want http(s)://host[:port][,http(s)://...]", raw)
			}
			w.URLs = append(w.URLs, strings.TrimRight(strings.TrimSpace(raw), "/"))
		}
		if w.AgentURL == "" {
			w.AgentURL = w.URLs[0]
		}
		w.AgentURL = strings.TrimRight(w.AgentURL, "/")
		return nil
	}()
	if err != nil {
		fmt.Fprintf(stderr, "groundcrew-load: %v\n", err)
		return 2
	}
	rep, err := RunWidget(ctx, w)
	if rep != nil {
		if asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			enc.Encode(rep)
		} else {
			rep.WriteText(stdout)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "groundcrew-load: %v\n", err)
		return 1
	}
	return 0
}
