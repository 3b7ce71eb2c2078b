package chat

import "time"

// DeliverForTest hands frame to this node's sockets of ticketID as a live
// frame would come (seq 0: never deduplicated).
func (s *Service) DeliverForTest(ticketID int64, frame []byte) { s.hub.deliver(ticketID, 0, frame) }

// ShowingForTest is how many sockets of this node show ticketID.
func (s *Service) ShowingForTest(ticketID int64) int {
	s.hub.mu.RLock()
	defer s.hub.mu.RUnlock()
	return len(s.hub.conns[ticketID])
}

var timeZero = time.Unix(1_700_000_000, 0)
