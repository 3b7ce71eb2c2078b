package bitcoin

import (
	"context"
	"testing"
)

// TestHeadAgainstBtcd: Head follows btcd's tip and says it is not behind.
func TestHeadAgainstBtcd(t *testing.T) {
	n := startBtcd(t)
	n.generate(1)
	h0, err := n.client.Head(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n.generate(2)
	h1, err := n.client.Head(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if h0.Height != 1 || h1.Height != 3 || h1.Behind != 0 || h1.Time.IsZero() || h1.Time.Before(h0.Time) {
		t.Fatalf("heads %+v then %+v", h0, h1)
	}
}
