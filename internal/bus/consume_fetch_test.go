package bus

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nats-io/nats.go/jetstream"
)

// waitingStream is a jetstream.Consumer with n messages waiting; it
// records what each fetch asked for.
type waitingStream struct {
	jetstream.Consumer
	n     int
	asked []int
}

func (w *waitingStream) FetchNoWait(batch int) (jetstream.MessageBatch, error) {
	w.asked = append(w.asked, batch)
	k := min(batch, w.n)
	w.n -= k
	return fixedBatch(k), nil
}

// fixedBatch is a finished fetch of n messages.
type fixedBatch int

func (b fixedBatch) Messages() <-chan jetstream.Msg {
	ch := make(chan jetstream.Msg, int(b))
	for range int(b) {
		ch <- nil
	}
	close(ch)
	return ch
}

func (fixedBatch) Error() error { return nil }

// TestConsumerFetchesWhatIsWaiting: a consumer asks for a small batch
// while few events wait (each fetch allocates room for what it asks
// for), for its maximum once a fetch comes back full (a backlog), and
// for twice what came once the backlog is gone.
func TestConsumerFetchesWhatIsWaiting(t *testing.T) {
	stream := &waitingStream{n: 1500}
	c := &consumer{max: DefaultBatch, ask: min(DefaultBatch, minFetch), cons: stream}
	var got []int
	for stream.n > 0 {
		msgs, err := c.fetch(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, len(msgs))
	}
	stream.n = 3
	if msgs, err := c.fetch(context.Background()); err != nil || len(msgs) != 3 {
		t.Fatalf("after the backlog: %d messages, %v; want 3", len(msgs), err)
	}
	stream.n = 40
	if _, err := c.fetch(context.Background()); err != nil {
		t.Fatal(err)
	}
	stream.n = 5
	if msgs, err := c.fetch(context.Background()); err != nil || len(msgs) != 5 {
		t.Fatalf("after a full fetch: %d messages, %v; want 5", len(msgs), err)
	}
	// 1,500 waiting: 32 (full), then 500 at a time; 3 with 500 asked; 40
	// with 32 asked (full), so 5 with 500 asked.
	want := []int{32, 500, 500, 500, 500, 32, 500}
	if diff := cmp.Diff(want, stream.asked); diff != "" {
		t.Errorf("fetches asked for (-want +got):\n%s\n(got batches %v)", diff, got)
	}
}
