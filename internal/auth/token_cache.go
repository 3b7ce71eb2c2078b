package auth

import (
	"sync"
	"time"
)

// tokenCacheTTL bounds how long a revoked token or a changed agent may still
// be seen as before on another node. Looking a token up costs three queries,
// which at thousands of API requests a second is most of the database's work.
const tokenCacheTTL = 5 * time.Second

const tokenCacheMax = 10000

type cachedPrincipal struct {
	p       Principal
	expires time.Time
}

type tokenCache struct {
	now func() time.Time // nil: the wall clock; tests set it to move time
	mu  sync.Mutex
	m   map[string]cachedPrincipal
}

func (c *tokenCache) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

func (c *tokenCache) get(digest string) (Principal, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[digest]
	if !ok || c.clock().After(e.expires) {
		return Principal{}, false
	}
	return e.p, true
}

func (c *tokenCache) put(digest string, p Principal) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= tokenCacheMax {
		c.m = make(map[string]cachedPrincipal)
	}
	c.m[digest] = cachedPrincipal{p: p, expires: c.clock().Add(tokenCacheTTL)}
}

// clear forgets everything; called on this node after any change to agents or tokens.
func (c *tokenCache) clear() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}
