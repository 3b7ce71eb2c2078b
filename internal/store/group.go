package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Group commits the transactions that callers run at the same time as one
// database transaction ("group commit"): one BEGIN, one COMMIT and one WAL
// flush for many small writes, such as the customer messages of a node's
// widget sockets, where each write on its own would spend most of its CPU on
// the transaction around it.
//
// A call returns only after the transaction that holds its writes has
// committed, or with an error when it has not, so a caller that answers
// "stored" after Tx returns nil never answers it for a write that is lost.
// When any call in a batch fails, or the batch cannot commit, the batch is
// rolled back and each of its calls runs again in a transaction of its own:
// a failing call fails alone and never takes its neighbours with it. So fn
// may run more than once, and only its last run counts; whatever it does
// outside the transaction must bear repeating.
type Group struct {
	db       *DB
	window   time.Duration
	gap      time.Duration // see GroupOptions.StreamGap
	max      int
	batches  int
	waitIdle bool

	mu      sync.Mutex
	queue   []*groupCall
	leading int // batches being gathered or run
	last    int // calls in the batch that ran last (customers' only, with patience)
	arrived time.Time
	close   bool // the last call came within gap of the one before

	// patience is how long a batch of background calls alone (GatherTx)
	// waits for company; a customer's call cuts the wait short (hurry).
	patience  time.Duration
	lingering bool
	hurry     chan struct{}

	runs, calls atomic.Int64

	// beforeCommit, when set (by tests), runs after the batch's calls and
	// before its COMMIT; an error fails the batch.
	beforeCommit func(ctx context.Context, tx *Tx) error
}

// GroupOptions tune a Group; zero values take the defaults.
type GroupOptions struct {
	// Window is how long a batch waits for more calls before it runs
	// while calls come together (default 1 ms). A call that finds the
	// group idle (it is alone in the queue, the last batch held one call
	// and the call before it came StreamGap or more earlier) runs at
	// once: at a trickle the window is pure latency. When calls come
	// less than StreamGap apart, a lone call waits too, so that a steady
	// stream commits in batches rather than one transaction (and, on
	// SQLite, one fsync) per call.
	Window time.Duration
	// StreamGap is how close calls must come for a lone one to wait the
	// window. Default: the window on SQLite, where each commit is an fsync
	// of the one writer; none on PostgreSQL, whose batches commit side by
	// side and where such a wait has not been measured.
	StreamGap time.Duration
	// WaitWhenIdle makes a lone call wait the window too, so that calls
	// started together are sure to share a batch (tests).
	WaitWhenIdle bool
	// MaxBatch bounds the calls of one transaction (default 64).
	MaxBatch int
	// Batches is how many transactions run at once: default 1 on SQLite
	// (one writer) and 4 on PostgreSQL.
	Batches int
}

// groupTimeout bounds one batch's transaction: a call's own deadline does
// not end its neighbours' transaction.
const groupTimeout = 15 * time.Second

type groupCall struct {
	ctx     context.Context
	key     int64
	fn      func(ctx context.Context, tx *Tx) error
	done    chan error // buffered: the batch never waits for its caller
	patient bool       // a background writer's (GatherTx), which no one waits on
}

// NewGroup returns a Group writing to db.
func NewGroup(db *DB, o GroupOptions) *Group {
	if o.Window <= 0 {
		o.Window = time.Millisecond
	}
	if o.StreamGap <= 0 && db.Dialect == SQLite {
		o.StreamGap = o.Window
	}
	if o.MaxBatch <= 0 {
		o.MaxBatch = 64
	}
	if o.Batches <= 0 {
		o.Batches = 1
		if db.Dialect == Postgres {
			o.Batches = 4
		}
	}
	return &Group{db: db, window: o.Window, gap: o.StreamGap, max: o.MaxBatch, batches: o.Batches, waitIdle: o.WaitWhenIdle,
		hurry: make(chan struct{}, 1)}
}

// Tx runs fn in a transaction shared with other callers' and returns once
// that transaction has committed (nil) or fn's writes are not stored (an
// error). Calls are ordered by key within a batch (the conversation's id,
// say), so that two batches lock the rows they share in the same order;
// calls with one key keep the order they arrived in. Inside an outer
// transaction (ctx from DB.Tx) fn simply joins it.
func (g *Group) Tx(ctx context.Context, key int64, fn func(ctx context.Context, tx *Tx) error) error {
	return g.tx(ctx, key, fn, false)
}

// tx is Tx; a patient call is a background writer's, which may wait for
// company longer than a customer would (see DB.GatherTx).
func (g *Group) tx(ctx context.Context, key int64, fn func(ctx context.Context, tx *Tx) error, patient bool) error {
	if txFrom(ctx, g.db) != nil {
		return g.db.Tx(ctx, fn)
	}
	c := &groupCall{ctx: ctx, key: key, fn: fn, done: make(chan error, 1), patient: patient}
	now := time.Now()
	g.mu.Lock()
	if !patient {
		g.close = now.Sub(g.arrived) < g.gap
		g.arrived = now
		if g.lingering {
			select {
			case g.hurry <- struct{}{}:
			default:
			}
		}
	}
	g.queue = append(g.queue, c)
	lead := g.leading < g.batches
	if lead {
		g.leading++
	}
	g.mu.Unlock()
	if lead {
		g.lead(c)
	}
	select {
	case err := <-c.done:
		return err
	case <-ctx.Done():
		// Its batch may still commit it: a caller that retries with the
		// same idempotency key finds it then.
		return ctx.Err()
	}
}

// Stats is how many batch transactions ran and how many calls they held.
func (g *Group) Stats() (batches, calls int64) { return g.runs.Load(), g.calls.Load() }

// lead runs batches until own has its answer; then, if calls still wait,
// it hands the lead to a goroutine of its own so that own's caller returns.
// own is nil in that goroutine, which leads until the queue is empty.
func (g *Group) lead(own *groupCall) {
	for {
		g.mu.Lock()
		busy := g.waitIdle || len(g.queue) > 1 || g.last > 1 || g.close
		short := len(g.queue) < g.max
		linger := short && g.patience > 0 && !slices.ContainsFunc(g.queue, func(c *groupCall) bool { return !c.patient })
		if linger {
			select { // a hurry left from an earlier wait
			case <-g.hurry:
			default:
			}
			g.lingering = true
		}
		g.mu.Unlock()
		switch {
		case linger:
			g.linger()
		case busy && short:
			time.Sleep(g.window) // let concurrent calls join
		}
		g.mu.Lock()
		n := min(len(g.queue), g.max)
		if n == 0 {
			g.leading--
			g.mu.Unlock()
			return
		}
		batch := g.take(n)
		g.last = n
		if g.patience > 0 {
			// Background calls gather by lingering; a batch of them says
			// nothing of whether customers' calls are coming together.
			g.last = n - countPatient(batch)
		}
		g.mu.Unlock()
		g.run(batch)
		if own != nil && slices.Contains(batch, own) {
			g.mu.Lock()
			if len(g.queue) == 0 {
				g.leading--
				g.mu.Unlock()
				return
			}
			g.mu.Unlock()
			go g.lead(nil)
			return
		}
	}
}

// take removes n calls from the queue for a batch: the first n, but with
// patience the background calls first. Under a backlog of customers'
// calls, the relay's marks waited several batches at the queue's tail,
// the relay's unmarked rows piled up and it fell behind the commits.
func (g *Group) take(n int) []*groupCall {
	if g.patience == 0 {
		batch := slices.Clone(g.queue[:n])
		g.queue = slices.Delete(g.queue, 0, n)
		return batch
	}
	batch := make([]*groupCall, 0, n)
	var rest []*groupCall
	for _, patient := range []bool{true, false} {
		for _, c := range g.queue {
			switch {
			case c.patient != patient:
			case len(batch) < n:
				batch = append(batch, c)
			default:
				rest = append(rest, c)
			}
		}
	}
	g.queue = rest
	return batch
}

func countPatient(batch []*groupCall) int {
	n := 0
	for _, c := range batch {
		if c.patient {
			n++
		}
	}
	return n
}

// linger lets more background calls join a batch that holds only such
// calls, until patience runs out or a customer's call comes.
func (g *Group) linger() {
	t := time.NewTimer(g.patience)
	select {
	case <-t.C:
	case <-g.hurry:
		t.Stop()
	}
	g.mu.Lock()
	g.lingering = false
	g.mu.Unlock()
}

// run commits batch in one transaction, or, when that fails, each call
// alone. Every call gets exactly one answer.
func (g *Group) run(batch []*groupCall) {
	answered := 0
	defer func() {
		if r := recover(); r != nil {
			for _, c := range batch[answered:] {
				c.done <- fmt.Errorf("group commit: %v", r)
			}
			panic(r)
		}
	}()
	g.runs.Add(1)
	g.calls.Add(int64(len(batch)))
	slices.SortStableFunc(batch, func(a, b *groupCall) int { return cmp.Compare(a.key, b.key) })
	err := g.commit(batch)
	if err == nil || len(batch) == 1 {
		for _, c := range batch {
			c.done <- err
			answered++
		}
		return
	}
	for _, c := range batch {
		c.done <- g.db.TxRetry(c.ctx, c.fn)
		answered++
	}
}

// commit runs the calls of batch in one transaction.
func (g *Group) commit(batch []*groupCall) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(batch[0].ctx), groupTimeout)
	defer cancel()
	deadline, _ := ctx.Deadline()
	// A batch holds the rows of several conversations and customers, which
	// another node's batch may lock in another order: a deadlock runs the
	// batch again (its calls bear repeating) before each call runs alone.
	return g.db.TxRetry(ctx, func(_ context.Context, tx *Tx) error {
		for _, c := range batch {
			// Each call sees its own context's values, the shared
			// transaction, and the batch's deadline rather than its own.
			cctx, cancel := context.WithDeadline(context.WithoutCancel(c.ctx), deadline)
			err := c.fn(context.WithValue(cctx, txKey{}, txCtx{db: g.db, tx: tx}), tx)
			cancel()
			if err != nil {
				return err
			}
		}
		if g.beforeCommit != nil {
			return g.beforeCommit(ctx, tx)
		}
		return nil
	})
}

// gatherWindow is how long the background writers' shared transaction
// waits for more of them while they come together: they are not what a
// customer waits on, so a little longer than a send's window.
const gatherWindow = 2 * time.Millisecond

// gatherPatience is how long, on SQLite, the background writers' calls
// wait for each other when no customer's call is with them. The durable
// consumers take each event within a few milliseconds of each other, and
// each commit alone was one more fsync that a customer's next message
// could wait behind; a customer's call ends the wait at once.
const gatherPatience = 5 * time.Millisecond

// GatherTx runs fn in a write transaction that it may share with the other
// background writers' calls made at the same time (the bus's durable
// consumers: metrics, SLA, automation, webhooks, the recorder...), as
// Group.Tx does. Each consumer's batch used to be a transaction of its
// own, with its own fsync on SQLite's one writer connection, queued ahead
// of the customers' messages; now the batches that are ready together
// commit once. key orders the calls inside a transaction (one key per
// writer), so that on PostgreSQL two shared transactions take their
// writers' locks in the same order. As with Group, fn may run more than
// once (alone, after its shared transaction failed): only its last run
// counts.
func (db *DB) GatherTx(ctx context.Context, key int64, fn func(ctx context.Context, tx *Tx) error) error {
	return db.gatherer().tx(ctx, key, fn, true)
}

// GatherStats is how many shared transactions GatherTx ran and how many
// calls they held.
func (db *DB) GatherStats() (batches, calls int64) { return db.gatherer().Stats() }

// SendGroup returns the Group that customers' messages commit through. On
// SQLite it is the one GatherTx uses: the one writer connection used to
// take the consumers' transactions and the messages' batches in turn, each
// with its fsync, so a message could wait behind a consumer's commit; now
// what waits together commits together. On PostgreSQL, where transactions
// commit side by side, each call returns a new Group with the defaults.
func (db *DB) SendGroup() *Group {
	if db.Dialect == SQLite {
		return db.gatherer()
	}
	return NewGroup(db, GroupOptions{})
}

func (db *DB) gatherer() *Group {
	db.gatherOnce.Do(func() {
		o := GroupOptions{Window: gatherWindow, MaxBatch: 32}
		if db.Dialect == SQLite {
			o = GroupOptions{} // the sends' window: customers wait on it (SendGroup)
		}
		db.gather = NewGroup(db, o)
		if db.Dialect == SQLite {
			db.gather.patience = gatherPatience
		}
	})
	return db.gather
}
