package main

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
)

// Kind is the kind of request a simulated customer sends.
type Kind int

const (
	KindCreate  Kind = iota // POST /api/v1/tickets
	KindMessage             // POST /api/v1/tickets/{id}/customer-messages
	numKinds
)

var kindNames = [numKinds]string{"create ticket", "add message"}

// maxErrorSamples bounds the error texts kept: one failure mode usually
// repeats thousands of times, and a few distinct texts are enough to diagnose it.
const maxErrorSamples = 5

// Stats is what one worker counts. Each worker owns its Stats and they are
// merged once at the end, so recording a request takes no lock.
type Stats struct {
	Sent     [numKinds]int64
	Accepted [numKinds]int64
	Rejected map[int]int64 // by HTTP status code
	Errors   int64         // transport failures and unusable 2xx responses
	Canceled int64         // in flight when ctrl-C aborted them; neither success nor failure
	Latency  [numKinds][]time.Duration
	Samples  []string // distinct error texts, at most maxErrorSamples
}

func (s *Stats) reject(code int) {
	if s.Rejected == nil {
		s.Rejected = map[int]int64{}
	}
	s.Rejected[code]++
}

func (s *Stats) sample(msg string) {
	if len(s.Samples) < maxErrorSamples && !slices.Contains(s.Samples, msg) {
		s.Samples = append(s.Samples, msg)
	}
}

func (s *Stats) merge(o *Stats) {
	for k := range numKinds {
		s.Sent[k] += o.Sent[k]
		s.Accepted[k] += o.Accepted[k]
		s.Latency[k] = append(s.Latency[k], o.Latency[k]...)
	}
	for code, n := range o.Rejected {
		if s.Rejected == nil {
			s.Rejected = map[int]int64{}
		}
		s.Rejected[code] += n
	}
	s.Errors += o.Errors
	s.Canceled += o.Canceled
	for _, m := range o.Samples {
		s.sample(m)
	}
}

// percentile returns the nearest-rank p-th percentile (0 < p <= 100) of an
// ascending slice: the smallest value with at least p% of values <= it.
// Nearest-rank always returns an observed latency, never an interpolated one.
func percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	// The epsilon keeps 99.9% of 1000 at rank 999: p/100 is inexact in binary.
	rank := int(math.Ceil(p*float64(n)/100 - 1e-9))
	return sorted[min(max(rank, 1), n)-1]
}

// LatencyMS summarizes latencies in milliseconds.
type LatencyMS struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50"`
	P90   float64 `json:"p90"`
	P99   float64 `json:"p99"`
	P999  float64 `json:"p99_9"`
	Max   float64 `json:"max"`
}

// summarize sorts lat in place and returns its percentiles.
func summarize(lat []time.Duration) LatencyMS {
	slices.Sort(lat)
	ms := func(p float64) float64 {
		return math.Round(float64(percentile(lat, p))/1e3) / 1e3 // µs precision
	}
	return LatencyMS{Count: len(lat), P50: ms(50), P90: ms(90), P99: ms(99), P999: ms(99.9), Max: ms(100)}
}

// KindReport is the outcome of one kind of request.
type KindReport struct {
	Sent     int64     `json:"sent"`
	Accepted int64     `json:"accepted"`
	Latency  LatencyMS `json:"latency_ms"` // of every request answered with any status
}

// VerifyReport is what reading back every created ticket found.
type VerifyReport struct {
	Tickets    int      `json:"tickets"`
	Messages   int      `json:"messages"`   // acknowledged messages checked, first messages included
	Lost       int      `json:"lost"`       // acknowledged but missing from the ticket
	Unverified int      `json:"unverified"` // the ticket could not be read back
	Samples    []string `json:"samples,omitempty"`
}

// Report is the outcome of a run.
type Report struct {
	URL               string  `json:"url"`
	Customers         int     `json:"customers"`
	DurationS         float64 `json:"duration_s"`
	TargetRate        float64 `json:"target_rate"` // messages/s; 0 = as fast as possible
	MessagesPerTicket int     `json:"messages_per_ticket"`
	ElapsedS          float64 `json:"elapsed_s"`

	Sent     int64         `json:"sent"`
	Accepted int64         `json:"accepted"`
	Rejected map[int]int64 `json:"rejected"` // by status code
	Errors   int64         `json:"errors"`
	Canceled int64         `json:"canceled"`
	// Unsent counts send times of the -rate schedule that fell due before the
	// end but were never sent because every customer was still busy: the
	// target rate was not reached.
	Unsent int64 `json:"unsent"`

	// Throughput is accepted messages per second; creating a ticket counts as
	// one message since it carries the first.
	Throughput float64 `json:"accepted_messages_per_s"`

	Create  KindReport `json:"create_ticket"`
	Message KindReport `json:"add_message"`
	Overall KindReport `json:"overall"`

	ErrorSamples []string      `json:"error_samples,omitempty"`
	Verify       *VerifyReport `json:"verify,omitempty"`
}

// newReport builds the report of a run from the merged worker stats; it
// sorts the latency slices in place.
func newReport(cfg Config, s *Stats, elapsed time.Duration, unsent int64) *Report {
	r := &Report{
		URL:               cfg.URL,
		Customers:         cfg.Customers,
		DurationS:         cfg.Duration.Seconds(),
		TargetRate:        cfg.Rate,
		MessagesPerTicket: cfg.MessagesPerTicket,
		ElapsedS:          math.Round(elapsed.Seconds()*1e3) / 1e3,
		Rejected:          map[int]int64{},
		Errors:            s.Errors,
		Canceled:          s.Canceled,
		Unsent:            unsent,
		ErrorSamples:      s.Samples,
	}
	maps.Copy(r.Rejected, s.Rejected)
	kind := func(k Kind) KindReport {
		return KindReport{Sent: s.Sent[k], Accepted: s.Accepted[k], Latency: summarize(s.Latency[k])}
	}
	r.Create, r.Message = kind(KindCreate), kind(KindMessage)
	all := slices.Concat(s.Latency[KindCreate], s.Latency[KindMessage])
	r.Overall = KindReport{
		Sent:     r.Create.Sent + r.Message.Sent,
		Accepted: r.Create.Accepted + r.Message.Accepted,
		Latency:  summarize(all),
	}
	r.Sent, r.Accepted = r.Overall.Sent, r.Overall.Accepted
	if elapsed > 0 {
		r.Throughput = math.Round(float64(r.Accepted)/elapsed.Seconds()*10) / 10
	}
	return r
}

// WriteText prints the report for a person.
func (r *Report) WriteText(w io.Writer) {
	rate := "max"
	if r.TargetRate > 0 {
		rate = fmt.Sprintf("%g/s", r.TargetRate)
	}
	fmt.Fprintf(w, "target      %s  customers=%d duration=%gs rate=%s messages-per-ticket=%d\n",
		r.URL, r.Customers, r.DurationS, rate, r.MessagesPerTicket)
	fmt.Fprintf(w, "elapsed     %.3fs\n", r.ElapsedS)
	fmt.Fprintf(w, "requests    %d sent, %d accepted, %d rejected, %d errors, %d canceled\n",
		r.Sent, r.Accepted, sum(r.Rejected), r.Errors, r.Canceled)
	if len(r.Rejected) > 0 {
		codes := make([]string, 0, len(r.Rejected))
		for _, c := range slices.Sorted(maps.Keys(r.Rejected)) {
			codes = append(codes, fmt.Sprintf("%d: %d", c, r.Rejected[c]))
		}
		fmt.Fprintf(w, "rejected    %s\n", strings.Join(codes, ", "))
	}
	if r.TargetRate > 0 {
		fmt.Fprintf(w, "unsent      %d (due by the -rate schedule but every customer was busy)\n", r.Unsent)
	}
	fmt.Fprintf(w, "throughput  %.1f accepted messages/s\n", r.Throughput)
	fmt.Fprintf(w, "latency ms  %-14s %8s %9s %9s %9s %9s %9s\n", "", "count", "p50", "p90", "p99", "p99.9", "max")
	for _, k := range []struct {
		name string
		l    LatencyMS
	}{{kindNames[KindCreate], r.Create.Latency}, {kindNames[KindMessage], r.Message.Latency}, {"overall", r.Overall.Latency}} {
		fmt.Fprintf(w, "            %-14s %8d %9.3f %9.3f %9.3f %9.3f %9.3f\n",
			k.name, k.l.Count, k.l.P50, k.l.P90, k.l.P99, k.l.P999, k.l.Max)
	}
	for _, s := range r.ErrorSamples {
		fmt.Fprintf(w, "error       %s\n", s)
	}
	if v := r.Verify; v != nil {
		fmt.Fprintf(w, "verify      %d tickets, %d acknowledged messages, %d lost, %d unverified\n",
			v.Tickets, v.Messages, v.Lost, v.Unverified)
		for _, s := range v.Samples {
			fmt.Fprintf(w, "            %s\n", s)
		}
	}
}

func sum(m map[int]int64) (n int64) {
	for _, v := range m {
		n += v
	}
	return n
}
