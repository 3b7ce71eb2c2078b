package store

import (
	"sync/atomic"
	"time"
)

// Clock returns the current time. Code that stores or compares times asks
// the database's clock (db.Now, tx.Now) rather than the wall clock, so that
// a test can move time forward instead of editing rows.
type Clock func() time.Time

// clockBox holds a DB's clock; a nil box or clock means the wall clock.
type clockBox struct{ fn atomic.Pointer[Clock] }

func (b *clockBox) now() time.Time {
	if b != nil {
		if fn := b.fn.Load(); fn != nil {
			return (*fn)()
		}
	}
	return time.Now()
}

// SetClock makes c the time source of db and of every transaction on it;
// nil restores the wall clock. Tests use it; production never calls it.
func (db *DB) SetClock(c Clock) {
	if c == nil {
		db.clock.fn.Store(nil)
		return
	}
	db.clock.fn.Store(&c)
}

// Clock returns db's time source, to hand to code that keeps time outside
// SQL (caches, token checks).
func (db *DB) Clock() Clock { return db.clock.now }

// Now is the database clock's current time in Unix milliseconds, the unit
// every table uses.
func (db *DB) Now() int64 { return db.clock.now().UnixMilli() }

// Now is the current time of the transaction's database clock, in Unix
// milliseconds.
func (tx *Tx) Now() int64 { return tx.db.Now() }

// FakeClock is a settable clock for tests.
type FakeClock struct{ ms atomic.Int64 }

// NewFakeClock starts a fake clock at t.
func NewFakeClock(t time.Time) *FakeClock {
	c := &FakeClock{}
	c.Set(t)
	return c
}

// Now returns the fake time.
func (c *FakeClock) Now() time.Time { return time.UnixMilli(c.ms.Load()).UTC() }

// Set moves the clock to t.
func (c *FakeClock) Set(t time.Time) { c.ms.Store(t.UnixMilli()) }

// Advance moves the clock forward by d.
func (c *FakeClock) Advance(d time.Duration) { c.ms.Add(d.Milliseconds()) }
