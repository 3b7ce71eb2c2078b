package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps prepared statements by query text. The pure-Go SQLite
// driver parses every statement it is handed; preparing each query once
// took the SQL parser out of the profile of intake (it was ~18% of CPU).
// PostgreSQL's driver caches statements per connection itself.
type stmtCache struct {
	pool    *sql.DB
	mu      sync.Mutex
	m       map[string]*sql.Stmt
	pending map[string]bool // seen inside a transaction, to prepare after it
}

// maxCachedStmts bounds the cache; queries built at run time (IN lists of
// varying length) beyond it are simply not cached.
const maxCachedStmts = 512

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, m: make(map[string]*sql.Stmt), pending: make(map[string]bool)}
}

// lookup returns the prepared statement for query without preparing one:
// inside a write transaction the single write connection is taken, and
// preparing on the pool would wait for it forever. A miss is remembered and
// prepared by preparePending once the transaction is over.
func (c *stmtCache) lookup(query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.m[query]; ok {
		return s
	}
	if len(c.m)+len(c.pending) < maxCachedStmts {
		c.pending[query] = true
	}
	return nil
}

// preparePending prepares the statements lookup missed. Call it with no
// transaction open on this goroutine.
func (c *stmtCache) preparePending(ctx context.Context) {
	if c == nil {
		return
	}
	c.mu.Lock()
	var queries []string
	for q := range c.pending {
		queries = append(queries, q)
	}
	clear(c.pending)
	c.mu.Unlock()
	for _, q := range queries {
		_, _ = c.get(ctx, q) // a query that cannot be prepared keeps running unprepared
	}
}

// get returns the prepared statement for query, or nil when it is not cached
// and the cache is full (the caller then runs the query unprepared).
func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	if c == nil {
		return nil, nil
	}
	c.mu.Lock()
	s, ok := c.m[query]
	full := len(c.m) >= maxCachedStmts
	c.mu.Unlock()
	if ok || full {
		return s, nil
	}
	// Prepare without holding the lock: preparing waits for a connection,
	// and the goroutine holding one may need the lock to finish.
	s, err := c.pool.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.m[query]; ok || c.m == nil {
		s.Close() // another goroutine won the race, or the cache was closed
		return prev, nil
	}
	c.m[query] = s
	return s, nil
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.m {
		s.Close()
	}
	c.m = nil
}
