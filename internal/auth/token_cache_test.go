package auth

import (
	"fmt"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// TestTokenCacheExpires: a cached principal is served until tokenCacheTTL
// has passed on the cache's clock, and not a moment after.
func TestTokenCacheExpires(t *testing.T) {
	clock := store.NewFakeClock(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))
	c := &tokenCache{now: clock.Now}
	p := Principal{Agent: Agent{ID: 7, Email: "a@example.com"}, Via: "token"}
	if _, ok := c.get("d1"); ok {
		t.Fatal("an empty cache found d1")
	}
	c.put("d1", p)
	clock.Advance(tokenCacheTTL)
	if got, ok := c.get("d1"); !ok || got.Agent.ID != 7 {
		t.Fatalf("at the TTL: %+v, %v; want the cached principal", got, ok)
	}
	clock.Advance(time.Millisecond)
	if _, ok := c.get("d1"); ok {
		t.Fatal("served after the TTL")
	}
	c.put("d2", p)
	c.clear()
	if _, ok := c.get("d2"); ok {
		t.Fatal("served after clear")
	}
}

// TestTokenCacheBounded: a full cache starts over instead of growing.
func TestTokenCacheBounded(t *testing.T) {
	c := &tokenCache{}
	for i := range tokenCacheMax {
		c.put(fmt.Sprint(i), Principal{})
	}
	if _, ok := c.get("0"); !ok {
		t.Fatal("the first entry is gone before the cache is full")
	}
	c.put("one more", Principal{})
	if _, ok := c.get("0"); ok || len(c.m) != 1 {
		t.Fatalf("a full cache kept %d entries", len(c.m))
	}
}
