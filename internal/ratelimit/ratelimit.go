// Package ratelimit holds keyed token buckets in memory: one bucket per key
// (an IP address, an e-mail, an agent), refilled at a steady rate up to a
// burst. State is per node and bounded: idle buckets are dropped, and when
// the table is full the fullest of a few sampled buckets makes room.
package ratelimit

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Rule is a rate and a burst: Burst requests at once, then Rate a second.
// The zero Rule is "not set" (callers fill in their default); Off allows
// everything.
type Rule struct {
	Rate  float64 // tokens added per second
	Burst int     // bucket size
	Off   bool
}

// ParseRule reads "N/s", "N/m" or "N/h", optionally followed by ":BURST"
// ("50/s:100", "10/m"); without a burst the burst is N. "off" disables.
func ParseRule(s string) (Rule, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "off" || s == "0" {
		return Rule{Off: true}, nil
	}
	spec, burstText, hasBurst := strings.Cut(s, ":")
	num, unit, ok := strings.Cut(spec, "/")
	if !ok {
		return Rule{}, fmt.Errorf("rate %q: want N/s, N/m or N/h, optionally :BURST, or off", s)
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || n <= 0 || math.IsInf(n, 0) || math.IsNaN(n) || n > 1e9 {
		return Rule{}, fmt.Errorf("rate %q: %q is not a positive number", s, num)
	}
	var per float64
	switch strings.TrimSpace(unit) {
	case "s", "sec", "second":
		per = 1
	case "m", "min", "minute":
		per = 60
	case "h", "hour":
		per = 3600
	default:
		return Rule{}, fmt.Errorf("rate %q: unit %q must be s, m or h", s, unit)
	}
	burst := int(math.Ceil(n))
	if hasBurst {
		b, err := strconv.Atoi(strings.TrimSpace(burstText))
		if err != nil || b < 1 || b > 1e9 {
			return Rule{}, fmt.Errorf("rate %q: burst %q must be a whole number from 1", s, burstText)
		}
		burst = b
	}
	return Rule{Rate: n / per, Burst: burst}, nil
}

// String writes r the way ParseRule reads it.
func (r Rule) String() string {
	switch {
	case r.Off:
		return "off"
	case r.Rate <= 0:
		return ""
	case r.Rate >= 1:
		return fmt.Sprintf("%s/s:%d", strconv.FormatFloat(r.Rate, 'f', -1, 64), r.Burst)
	case r.Rate*60 >= 1:
		return fmt.Sprintf("%s/m:%d", strconv.FormatFloat(r.Rate*60, 'f', -1, 64), r.Burst)
	}
	return fmt.Sprintf("%s/h:%d", strconv.FormatFloat(r.Rate*3600, 'f', -1, 64), r.Burst)
}

// DefaultMaxKeys bounds the buckets one Limiter keeps.
const DefaultMaxKeys = 100_000

// sample is how many buckets a full table looks at to choose one to drop.
const sample = 8

type bucket struct {
	tokens float64
	last   time.Time
}

// Limiter is a table of token buckets, safe for concurrent use. A nil
// *Limiter allows everything.
type Limiter struct {
	rule    Rule
	now     func() time.Time
	maxKeys int
	idle    time.Duration // a bucket untouched this long is full again

	mu        sync.Mutex
	buckets   map[string]*bucket
	nextSweep time.Time
}

// New returns a limiter for rule, or nil when the rule is off. now is the
// clock (time.Now when nil); maxKeys bounds the table (DefaultMaxKeys when 0).
func New(rule Rule, now func() time.Time, maxKeys int) *Limiter {
	if rule.Off || rule.Rate <= 0 || rule.Burst < 1 {
		return nil
	}
	if now == nil {
		now = time.Now
	}
	if maxKeys <= 0 {
		maxKeys = DefaultMaxKeys
	}
	idle := time.Duration(float64(rule.Burst) / rule.Rate * float64(time.Second))
	return &Limiter{rule: rule, now: now, maxKeys: maxKeys, idle: idle, buckets: map[string]*bucket{}}
}

// Rule is the limiter's rule.
func (l *Limiter) Rule() Rule {
	if l == nil {
		return Rule{Off: true}
	}
	return l.rule
}

// Allow takes a token from key's bucket. When the bucket is empty it
// reports false and how long until a token is there.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	if l == nil {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		l.makeRoom(now)
		b = &bucket{tokens: float64(l.rule.Burst), last: now}
		l.buckets[key] = b
	} else if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens = min(float64(l.rule.Burst), b.tokens+elapsed.Seconds()*l.rule.Rate)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.rule.Rate * float64(time.Second))
	return false, max(wait, time.Millisecond)
}

// makeRoom drops idle buckets (they would be full again, so forgetting
// them changes nothing), at most once per idle period so that a flood of
// new keys does not rescan the table each time; then, while the table is
// full, it drops the fullest of a few sampled buckets. Called with mu held.
func (l *Limiter) makeRoom(now time.Time) {
	if !now.Before(l.nextSweep) {
		for k, b := range l.buckets {
			if now.Sub(b.last) >= l.idle {
				delete(l.buckets, k)
			}
		}
		l.nextSweep = now.Add(max(l.idle, time.Second))
	}
	for len(l.buckets) >= l.maxKeys {
		var victim string
		best := -1.0
		n := 0
		for k, b := range l.buckets {
			level := b.tokens + now.Sub(b.last).Seconds()*l.rule.Rate
			if level > best {
				victim, best = k, level
			}
			if n++; n == sample {
				break
			}
		}
		delete(l.buckets, victim)
	}
}

// Len is the number of buckets held.
func (l *Limiter) Len() int {
	if l == nil {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
