package chat_test

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/server"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
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

// BenchmarkSendAckConcurrent is customer messages sent by many sockets at
// once, as a node under load sees them, on each engine: it reports the CPU
// that each stored and acknowledged message cost this process (node and
// clients) and PostgreSQL. Every socket starts its conversation before the
// timer, then sends up to 8 messages (within the per-socket burst).
//
//	bash -c 'source scripts/pg-test-server.sh && go test ./internal/chat -run XXX -bench SendAckConcurrent -benchtime 2000x'
func BenchmarkSendAckConcurrent(b *testing.B) {
	const senders, perSocket = 32, 8
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			n := newNode(b, engine, func(c *server.Config) { c.WidgetSocketsPerIP = 0 })
			clients := make([]*chat.Client, (b.N+perSocket-1)/perSocket)
			inParallel(b, senders, len(clients), func(i int) {
				c, err := n.tryDial(chat.In{}, nil)
				if err != nil {
					b.Error(err)
					return
				}
				n.send(c, "Hello, I need help with a deposit")
				clients[i] = c
			})
			// What the node burns idle (relay, consumers, timers, NATS) is
			// billed to the messages for as long as they take: measure it.
			idleSelf, idlePG := storetest.CPU(b, n.DB())
			time.Sleep(2 * time.Second)
			self, pg := storetest.CPU(b, n.DB())
			idleSelf, idlePG = self-idleSelf, pg-idlePG
			b.ResetTimer() // (which drops metrics reported before it)
			inParallel(b, senders, len(clients), func(i int) {
				for range min(perSocket, b.N-i*perSocket) {
					n.send(clients[i], "My deposit of 250 USDT on Tron has not arrived yet")
				}
			})
			b.StopTimer()
			self2, pg2 := storetest.CPU(b, n.DB())
			b.ReportMetric(float64(self2-self)/float64(b.N)/1e3, "cpu-µs/op")
			b.ReportMetric(float64(idleSelf)/2e6, "idle-cpu-ms/s")
			if engine == store.Postgres {
				b.ReportMetric(float64(pg2-pg)/float64(b.N)/1e3, "pg-cpu-µs/op")
				b.ReportMetric(float64(idlePG)/2e6, "idle-pg-cpu-ms/s")
			}
		})
	}
}

// inParallel runs fn(0..n-1) on workers goroutines.
func inParallel(b *testing.B, workers, n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n && !b.Failed(); i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
	if b.Failed() {
		b.FailNow()
	}
}
