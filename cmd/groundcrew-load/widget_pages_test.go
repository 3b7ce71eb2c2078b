package main

import "testing"

// TestPagesSpreadOverTheSendOrder: the senders go round the sockets in
// order, so the watched ones must lie evenly apart for the page samples to
// cover the whole run rather than one burst a round.
func TestPagesSpreadOverTheSendOrder(t *testing.T) {
	socks := make([]*widgetSocket, 100)
	index := map[*widgetSocket]int{}
	for i := range socks {
		socks[i] = &widgetSocket{}
		index[socks[i]] = i
	}
	cases := []struct {
		n    int
		want []int
	}{
		{4, []int{0, 25, 50, 75}},
		{3, []int{0, 33, 66}},
		{1, []int{0}},
		{100, nil}, // all of them
		{150, nil},
	}
	for _, c := range cases {
		got := spread(socks, c.n)
		if c.want == nil {
			if len(got) != len(socks) {
				t.Errorf("spread(100 sockets, %d) picked %d; want all 100", c.n, len(got))
			}
			continue
		}
		if len(got) != len(c.want) {
			t.Fatalf("spread(100 sockets, %d) picked %d; want %d", c.n, len(got), len(c.want))
		}
		for i, s := range got {
			if index[s] != c.want[i] {
				t.Errorf("spread(100 sockets, %d)[%d] = socket %d; want %d", c.n, i, index[s], c.want[i])
			}
		}
	}
}
