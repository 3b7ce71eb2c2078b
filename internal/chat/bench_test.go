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

// BenchmarkSendAck is one customer message over the socket, stored through
// the intake (guard, sealing, outbox) and acknowledged, with the limits
// out of the way (a new socket every 9 messages stays within the burst).
func BenchmarkSendAck(b *testing.B) {
	n := newNode(b, "sqlite")
	var c *chat.Client
	b.ResetTimer()
	for i := range b.N {
		if i%9 == 0 {
			b.StopTimer()
			if c != nil {
				c.Close()
			}
			var err error
			if c, err = n.tryDial(chat.In{}, nil); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		n.send(c, "My deposit of 250 USDT on Tron has not arrived yet")
	}
}

// BenchmarkAgentReplyToSocket is an agent's reply through the API until
// the customer's socket shows it: the store, the outbox relay, the bus and
// the node's fan-out.
func BenchmarkAgentReplyToSocket(b *testing.B) {
	n := newNode(b, "sqlite")
	c, err := n.tryDial(chat.In{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	conv := n.send(c, "hello").Conv()
	b.ResetTimer()
	for range b.N {
		id := n.reply(conv, "We are on it.")
		for {
			f := next(b, c)
			if f.Type == "message" && f.Seq == id {
				break
			}
		}
	}
}
