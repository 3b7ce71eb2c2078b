package chat_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/chat"
)

// BenchmarkHeldSockets measures the memory that open, idle widget sockets
// take: 1000 of them said hello to one node, and the heap and stacks grew
// by bytes/socket. Client and server run in this one process, so the
// figure is both ends of each socket: an upper bound for the server.
func BenchmarkHeldSockets(b *testing.B) {
	const sockets = 1000
	for range b.N {
		b.StopTimer()
		n := newNode(b, "sqlite")
		before := memInUse()
		clients := make([]*chat.Client, 0, sockets)
		b.StartTimer()
		for range sockets {
			c, err := n.tryDial(chat.In{}, &chat.DialOptions{Buffer: 4})
			if err != nil {
				b.Fatal(err)
			}
			clients = append(clients, c)
		}
		b.StopTimer()
		after := memInUse()
		b.ReportMetric(float64(after-before)/sockets, "bytes/socket")
		b.ReportMetric(float64(n.Chat().Sockets()), "sockets")
		for _, c := range clients {
			c.Close()
		}
	}
}

func memInUse() uint64 {
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}
