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
// number, and the refused one left nothing. In the same batch a socket
// sends a stored client id again and two sockets of one conversation send
// one new client id: chat_sends' key refuses the second message, so each
// of those is acknowledged with the one stored message, its neighbours
// unharmed.
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
		again := n.dial(chat.In{})
		first := n.send(again, "Hello, my withdrawal is stuck")
		twinA := n.dial(chat.In{})
		twinConv := n.send(twinA, "Hello, I lost my 2FA").Conv()
		twinB := n.dial(chat.In{Resume: twinA.Welcome.Resume, Conversation: twinConv})
		stats := n.Chat().GatherSendsForTest(300 * time.Millisecond)

		// sendAwait sends id on c and returns its ack or error frame.
		sendAwait := func(c *chat.Client, id, text string) (chat.Frame, error) {
			ctx, cancel := timeout()
			defer cancel()
			if err := c.Send(ctx, id, text); err != nil {
				return chat.Frame{}, err
			}
			for {
				f, err := c.Next(ctx)
				if err != nil || f.Type == "ack" && f.ID == id || f.Type == "error" {
					return f, err
				}
			}
		}
		var againAck chat.Frame
		twinAcks := make([]chat.Frame, 2)

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
			var err error
			if againAck, err = sendAwait(again, first.ID, "Hello, my withdrawal is stuck"); err != nil {
				t.Error(err)
			}
		})
		for i, c := range []*chat.Client{twinA, twinB} {
			wg.Go(func() {
				var err error
				if twinAcks[i], err = sendAwait(c, "twin-1", "Here is my ticket number"); err != nil {
					t.Error(err)
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
		if againAck.Type != "ack" || !againAck.Duplicate || againAck.Seq != first.Seq {
			t.Errorf("the resent id got %s, want a duplicate ack of %d", againAck.Raw, first.Seq)
		}
		if got := storetest.Scalar[int](t, n.DB(), `SELECT COUNT(*) FROM messages WHERE ticket_id = ? AND author_kind = 'customer'`, first.Conv()); got != 1 {
			t.Errorf("the resent id's conversation has %d messages, want 1", got)
		}
		a, b := twinAcks[0], twinAcks[1]
		if a.Type != "ack" || b.Type != "ack" || a.Seq != b.Seq || a.Seq == 0 || a.Duplicate == b.Duplicate {
			t.Errorf("two sockets sent one new client id: acks %s and %s, want one stored and one duplicate of it", a.Raw, b.Raw)
		}
		if got := storetest.Scalar[int](t, n.DB(), `SELECT COUNT(*) FROM messages WHERE ticket_id = ? AND author_kind = 'customer'`, twinConv); got != 2 {
			t.Errorf("the twins' conversation has %d customer messages, want 2 (the first and one of the twins')", got)
		}
		if got := storetest.Scalar[int](t, n.DB(), `SELECT COUNT(*) FROM tickets`); got != open+fresh+2 {
			t.Errorf("%d tickets, want %d: the refused send left one", got, open+fresh)
		}
		if got := storetest.Scalar[int](t, n.DB(), `SELECT COUNT(*) FROM chat_sends WHERE client_id = 'g-bad'`); got != 0 {
			t.Errorf("the refused send's client id was stored")
		}
		if batches, sends := stats(); sends < open+fresh+4 || batches >= sends {
			t.Errorf("%d sends in %d batches: the test did not gather a batch", sends, batches)
		}
	})
}
