package bus

import (
	"context"
	"fmt"
)

// Pending is, for each durable consumer started on this node, how many
// events wait for it: not yet delivered plus delivered and not yet
// acknowledged. Operations graph it as the bus backlog.
func (b *Bus) Pending(ctx context.Context) (map[string]uint64, error) {
	b.mu.Lock()
	cs := append([]*consumer(nil), b.consumers...)
	b.mu.Unlock()
	out := make(map[string]uint64, len(cs))
	for _, c := range cs {
		info, err := c.cons.Info(ctx)
		if err != nil {
			return out, fmt.Errorf("bus: consumer %s info: %w", c.name, err)
		}
		out[c.name] = info.NumPending + uint64(info.NumAckPending)
	}
	return out, nil
}
