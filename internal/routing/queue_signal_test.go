package routing

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// A ticket joining a queue signals the waiting chat tickets whose place it
// changes (itself and those behind it), not the whole queue: every signal
// costs each node a QueueInfo per ticket.
func TestJoiningAQueueSignalsThoseBehindOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		waiting := e.turkishChats(3)
		email := e.ticket("email", "tr", "Tasfiye", liquidationTR)
		cases := []struct {
			name     string
			priority string
			behind   func(id int64) []int64 // the signals expected besides id's own
		}{
			{"normal joins at the back", "normal", func(int64) []int64 { return nil }},
			{"high goes ahead of the normal ones", "high", func(int64) []int64 { return waiting }},
		}
		for _, c := range cases {
			e.sig.subjects = nil
			id := e.ticket("chat", "tr", "Tasfiye", liquidationTR)
			if c.priority != "normal" {
				// Routed again into a fresh queue place: out and back in.
				if _, err := db.Exec(ctx, `UPDATE tickets SET priority = ?, queue_id = NULL WHERE id = ?`, c.priority, id); err != nil {
					t.Fatal(err)
				}
				e.sig.subjects = nil
				if _, err := e.svc.Route(ctx, id); err != nil {
					t.Fatal(err)
				}
			}
			want := []string{fmt.Sprintf("live.queue.%d", id)}
			for _, b := range c.behind(id) {
				want = append(want, fmt.Sprintf("live.queue.%d", b))
			}
			got := queueSignals(e.sig.subjects)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: signalled %v, want %v (e-mail ticket %d never)", c.name, got, want, email)
			}
			if pos, _, ok, err := e.svc.QueueInfo(ctx, id); err != nil || !ok {
				t.Fatalf("%s: queue info %d %v %v", c.name, pos, ok, err)
			}
			waiting = append(waiting, id)
		}
	})
}

// turkishChats opens n Turkish futures chats, routed into one queue.
func (e *env) turkishChats(n int) []int64 {
	var ids []int64
	for range n {
		ids = append(ids, e.ticket("chat", "tr", "Tasfiye", liquidationTR))
	}
	return ids
}

func queueSignals(subjects []string) []string {
	var out []string
	for _, s := range subjects {
		var id int64
		if _, err := fmt.Sscanf(s, "live.queue.%d", &id); err == nil {
			out = append(out, s)
		}
	}
	return out
}

// countingTickets counts the per-ticket reads routing makes.
type countingTickets struct {
	Tickets
	facts int
}

func (c *countingTickets) RouteFacts(ctx context.Context, id int64) (ticket.RouteFacts, error) {
	c.facts++
	return c.Tickets.RouteFacts(ctx, id)
}

// Redispatch passes over the waiting chats nobody online could take
// without reading them one by one, and still offers the ones someone can.
func TestRedispatchReadsOnlyChatsSomeoneCanTake(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		turkish := e.turkishChats(3)
		counting := &countingTickets{Tickets: e.svc.tickets}
		e.svc.tickets = counting
		cases := []struct {
			name      string
			online    func()
			wantReads int // dispatch's reads: one per chat someone can take
			offered   int
		}{
			{"nobody online", func() {}, 0, 0},
			{"an agent without the skills", func() { e.agent("Ana", Skills{Languages: []string{"pt"}, Tiers: []int{1}}) }, 0, 0},
			{"a Turkish futures agent with room for three", func() { e.agent("Ayse", turkishFutures) }, len(turkish), len(turkish)},
		}
		for _, c := range cases {
			c.online()
			counting.facts = 0
			if err := e.svc.Redispatch(ctx); err != nil {
				t.Fatal(err)
			}
			if counting.facts > c.wantReads {
				t.Errorf("%s: %d reads of routing facts, want at most %d", c.name, counting.facts, c.wantReads)
			}
			if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM routing_offers`); n != c.offered {
				t.Errorf("%s: %d chats offered, want %d", c.name, n, c.offered)
			}
		}
	})
}
