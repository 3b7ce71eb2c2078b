package routing

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

// benchIndex is 5,000 online agents with mixed skills carrying 100,000
// open tickets between them.
func benchIndex(b *testing.B) (*Index, []Need) {
	rng := rand.New(rand.NewPCG(1, 2))
	ix := NewIndex()
	const agents, open = 5000, 100_000
	loads := make([]int, agents)
	for i := 0; i < open; i++ {
		loads[rng.IntN(agents)]++
	}
	for i := 0; i < agents; i++ {
		p := Profile{AgentID: int64(i + 1), Availability: Online, MaxChats: 4, MaxTickets: 60, Tiers: []int{1 + i%3},
			Languages: []string{"en", ticket.Languages[rng.IntN(len(ticket.Languages))]}, Tickets: loads[i], Chats: rng.IntN(4),
			LastAssignedAt: rng.Int64N(1_000_000)}
		if i%4 != 0 {
			p.Areas = []string{ticket.ProductAreas[rng.IntN(len(ticket.ProductAreas))], ticket.ProductAreas[rng.IntN(len(ticket.ProductAreas))]}
		}
		if i%50 == 0 {
			p.Certifications = []string{"security"}
		}
		ix.Put(p)
	}
	needs := make([]Need, 1024)
	for i := range needs {
		needs[i] = Need{Language: ticket.Languages[rng.IntN(len(ticket.Languages))], Area: ticket.ProductAreas[rng.IntN(len(ticket.ProductAreas))],
			Tier: 1 + rng.IntN(3), Chat: i%2 == 0}
		if i%20 == 0 {
			needs[i].Specialist = "security"
		}
	}
	return ix, needs
}

// BenchmarkPick is one assignment decision; it reports the 99th
// percentile of single decisions as p99-ns.
func BenchmarkPick(b *testing.B) {
	ix, needs := benchIndex(b)
	skip := func(int64) bool { return false }
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		ix.Pick(needs[i%len(needs)], skip)
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	if len(times) > 0 {
		b.ReportMetric(float64(times[len(times)*99/100].Nanoseconds()), "p99-ns")
	}
	_ = slices.Max(times)
}
