package chat_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestConcurrentSendsShareACommit sends from many sockets at once, into
// their conversations and starting new ones, with one send in the batch
// that the store refuses: that one gets its error frame, its neighbours
// their acks, every acked message is stored once under its sequence
// number, and the refused one left nothing.
func TestConcurrentSendsShareACommit(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		const open, fresh = 8, 4
		var clients []*chat.Client
		for range open {
			c := n.dial(chat.In{})
			n.send(c, "Hello, my deposit is missing")
			clients = append(clients, c)
		}
		for range fresh {
			clients = append(clients, n.dial(chat.In{}))
		}
		bad := n.dial(chat.In{})
		stats := n.Chat().GatherSendsForTest(300 * time.Millisecond)

		acks := make([]chat.Frame, len(clients))
		var badFrame chat.Frame
		var wg sync.WaitGroup
		for i, c := range clients {
			wg.Go(func() {
				ctx, cancel := timeout()
				defer cancel()
				id := fmt.Sprint("g-", i)
				if err := c.Send(ctx, id, fmt.Sprint("message number ", i)); err != nil {
					t.Error(err)
					return
				}
				for {
					f, err := c.Next(ctx)
					if err != nil {
						t.Errorf("socket %d: %v", i, err)
						return
					}
					if f.Type == "ack" || f.Type == "error" {
						acks[i] = f
						return
					}
				}
			})
		}
		wg.Go(func() {
			ctx, cancel := timeout()
			defer cancel()
			in := chat.In{Type: "send", ID: "g-bad", Text: "My deposit", Fields: map[string]string{"network": "trc20", "txid": "not a transaction id"}}
			if err := bad.Write(ctx, in); err != nil {
				t.Error(err)
				return
			}
			f, err := bad.Await(ctx, "error")
			if err != nil {
				t.Error(err)
			}
			badFrame = f
		})
		wg.Wait()

		if badFrame.Code != chat.CodeInvalidField || badFrame.Ref != "g-bad" {
			t.Errorf("the refused send got %s, want invalid_field", badFrame.Raw)
		}
		for i, f := range acks {
			if f.Type != "ack" || f.ID != fmt.Sprint("g-", i) || f.Seq == 0 {
				t.Errorf("socket %d got %s, want its ack", i, f.Raw)
				continue
			}
			body := storetest.Scalar[int](t, n.DB(), `SELECT COUNT(*) FROM chat_sends WHERE client_id = ? AND message_id = ?`, f.ID, f.Seq)
			if body != 1 {
				t.Errorf("socket %d: acked message %d is not stored under its client id", i, f.Seq)
			}
		}
		if got := storetest.Scalar[int](t, n.DB(), `SELECT COUNT(*) FROM tickets`); got != open+fresh {
			t.Errorf("%d tickets, want %d: the refused send left one", got, open+fresh)
		}
		if got := storetest.Scalar[int](t, n.DB(), `SELECT COUNT(*) FROM chat_sends WHERE client_id = 'g-bad'`); got != 0 {
			t.Errorf("the refused send's client id was stored")
		}
		if batches, sends := stats(); sends != open+fresh+1 || batches >= sends {
			t.Errorf("%d sends in %d batches: the test did not gather a batch", sends, batches)
		}
	})
}
