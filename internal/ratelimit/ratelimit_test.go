package ratelimit

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newClock() *fakeClock { return &fakeClock{t: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)} }

func TestParseRule(t *testing.T) {
	cases := []struct {
		in      string
		want    Rule
		wantErr bool
	}{
		{"50/s:100", Rule{Rate: 50, Burst: 100}, false},
		{"10/m", Rule{Rate: 10.0 / 60, Burst: 10}, false},
		{" 30/M:5 ", Rule{Rate: 0.5, Burst: 5}, false},
		{"3600/h", Rule{Rate: 1, Burst: 3600}, false},
		{"0.5/s", Rule{Rate: 0.5, Burst: 1}, false},
		{"off", Rule{Off: true}, false},
		{"0", Rule{Off: true}, false},
		{"", Rule{}, true},
		{"10", Rule{}, true},
		{"10/d", Rule{}, true},
		{"-1/s", Rule{}, true},
		{"x/s", Rule{}, true},
		{"10/s:0", Rule{}, true},
		{"10/s:many", Rule{}, true},
		{"NaN/s", Rule{}, true},
		{"Inf/s", Rule{}, true},
	}
	for _, c := range cases {
		got, err := ParseRule(c.in)
		if (err != nil) != c.wantErr {
			t.Errorf("ParseRule(%q) error = %v, want error %v", c.in, err, c.wantErr)
			continue
		}
		if got != c.want {
			t.Errorf("ParseRule(%q) = %+v, want %+v", c.in, got, c.want)
		}
		if err == nil {
			back, err := ParseRule(got.String())
			if err != nil || back != got {
				t.Errorf("ParseRule(%q.String() = %q) = %+v, %v", c.in, got.String(), back, err)
			}
		}
	}
}

func TestBurstThenRefill(t *testing.T) {
	clk := newClock()
	l := New(Rule{Rate: 1, Burst: 3}, clk.now, 0)
	for i := range 3 {
		if ok, _ := l.Allow("ip:1"); !ok {
			t.Fatalf("request %d within the burst refused", i+1)
		}
	}
	ok, wait := l.Allow("ip:1")
	if ok || wait != time.Second {
		t.Fatalf("4th request: allowed=%v wait=%v; want refused, 1s", ok, wait)
	}
	// Another key has its own bucket.
	if ok, _ := l.Allow("ip:2"); !ok {
		t.Fatal("another key refused")
	}
	clk.add(400 * time.Millisecond)
	if ok, wait := l.Allow("ip:1"); ok || wait != 600*time.Millisecond {
		t.Fatalf("after 0.4s: allowed=%v wait=%v; want refused, 0.6s", ok, wait)
	}
	clk.add(600 * time.Millisecond)
	if ok, _ := l.Allow("ip:1"); !ok {
		t.Fatal("after the wait: still refused")
	}
	// A long pause refills only up to the burst.
	clk.add(time.Hour)
	for i := range 3 {
		if ok, _ := l.Allow("ip:1"); !ok {
			t.Fatalf("after an hour, request %d refused", i+1)
		}
	}
	if ok, _ := l.Allow("ip:1"); ok {
		t.Fatal("the bucket held more than its burst")
	}
}

func TestNilLimiterAllows(t *testing.T) {
	l := New(Rule{Off: true}, nil, 0)
	if l != nil {
		t.Fatal("an off rule made a limiter")
	}
	for range 1000 {
		if ok, _ := l.Allow("k"); !ok {
			t.Fatal("nil limiter refused")
		}
	}
	if l.Len() != 0 || !l.Rule().Off {
		t.Fatal("nil limiter state")
	}
}

func TestBoundedSize(t *testing.T) {
	clk := newClock()
	l := New(Rule{Rate: 1, Burst: 2}, clk.now, 100)
	// A flood of distinct keys never grows the table past its bound.
	for i := range 10_000 {
		l.Allow(fmt.Sprintf("ip:%d", i))
	}
	if n := l.Len(); n > 100 {
		t.Fatalf("%d buckets held, bound is 100", n)
	}
	// An emptied bucket is not the one dropped to make room: buckets that
	// are fuller go first.
	l2 := New(Rule{Rate: 1, Burst: 2}, clk.now, 10)
	l2.Allow("attacker")
	l2.Allow("attacker")
	for i := range 9 {
		l2.Allow(fmt.Sprintf("k%d", i))
	}
	l2.Allow("newcomer")
	if ok, _ := l2.Allow("attacker"); ok {
		t.Fatal("the attacker's empty bucket was dropped to make room")
	}
}

func TestIdleBucketsAreDropped(t *testing.T) {
	clk := newClock()
	l := New(Rule{Rate: 1, Burst: 2}, clk.now, 0)
	for i := range 50 {
		l.Allow(fmt.Sprintf("ip:%d", i))
	}
	if n := l.Len(); n != 50 {
		t.Fatalf("%d buckets, want 50", n)
	}
	clk.add(3 * time.Second) // longer than burst/rate: every bucket is full again
	l.Allow("late")
	if n := l.Len(); n != 1 {
		t.Fatalf("%d buckets after the idle period, want 1", n)
	}
}

func TestConcurrentUse(t *testing.T) {
	l := New(Rule{Rate: 1e-9, Burst: 100}, nil, 0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				if ok, _ := l.Allow("shared"); ok {
					mu.Lock()
					allowed++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if allowed != 100 {
		t.Fatalf("%d allowed from one bucket of 100", allowed)
	}
}

func BenchmarkAllow(b *testing.B) {
	l := New(Rule{Rate: 1e9, Burst: 1e9}, nil, 0)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			l.Allow("agent:1:token")
		}
	})
}
