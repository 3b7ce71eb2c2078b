package chat

// DeliverForTest hands frame to this node's sockets of ticketID as a live
// frame would come (seq 0: never deduplicated).
func (s *Service) DeliverForTest(ticketID int64, frame []byte) { s.hub.deliver(ticketID, 0, frame) }
