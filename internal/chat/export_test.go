package chat

import (
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

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

// GatherSendsForTest makes the node's sends wait window for each other
// (one batch at a time), so that a test's concurrent sends share a batch;
// it returns how many batches and sends ran so far.
func (s *Service) GatherSendsForTest(window time.Duration) func() (batches, sends int64) {
	s.sends = store.NewGroup(s.cfg.DB, store.GroupOptions{Window: window, Batches: 1, WaitWhenIdle: true})
	return s.sends.Stats
}

// GatherQueueForTest sets how long queue signals gather before they are
// answered (see onQueue).
func (s *Service) GatherQueueForTest(window time.Duration) {
	s.queueDue.mu.Lock()
	defer s.queueDue.mu.Unlock()
	s.queueDue.window = window
}

// TimersForTest sets the sockets' heartbeat and per-frame write timeout;
// call it before any socket opens.
func (s *Service) TimersForTest(heartbeat, write time.Duration) {
	s.cfg.Heartbeat, s.cfg.WriteTimeout = heartbeat, write
}

// ScreenRaceForTest sets hooks that run before a customer's new screen
// share becomes visible to reassignments, and after a reassignment of a
// conversation with sockets here was handled (with the assignee it read);
// call it before any socket opens.
func (s *Service) ScreenRaceForTest(beforeShown func(ticketID int64), afterReassigned func(ticketID, agent int64)) {
	s.beforeScreenShown, s.afterReassigned = beforeShown, afterReassigned
}
