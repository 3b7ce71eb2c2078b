package chat

import (
	"context"
	"encoding/json"
	"time"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Survey is a satisfaction survey offered in the widget after the
// conversation is solved: the scale, the words in the customer's language,
// and the signed token the widget answers with (POST /api/v1/surveys/{token},
// which checks it). It has metrics.Offer's shape: internal/server converts
// one into the other directly, so the compiler keeps them in step while
// chat stays free of the metrics package.
type Survey struct {
	Kind     string `json:"kind"` // csat or nps
	Token    string `json:"token"`
	Min      int    `json:"min"`
	Max      int    `json:"max"`
	Question string `json:"question"`
	Low      string `json:"low"`
	High     string `json:"high"`
	Comment  string `json:"comment"`
	Send     string `json:"send"`
	Thanks   string `json:"thanks"`
}

// surveyFrame is the survey frame of ticketID's waiting surveys; ok is
// false when none waits (or they cannot be read: the conversation goes on
// without them).
func (s *Service) surveyFrame(ctx context.Context, ticketID int64) (Out, bool) {
	if s.cfg.Surveys == nil {
		return Out{}, false
	}
	svs, err := s.cfg.Surveys(ctx, ticketID)
	if err != nil {
		s.log.Warn("chat: surveys of a conversation unreadable", "ticket", ticketID, "err", err)
		return Out{}, false
	}
	if len(svs) == 0 {
		return Out{}, false
	}
	return Out{Type: "survey", Conversation: ticketID, Surveys: svs}, true
}

// OfferSurveys sends ticketID's waiting surveys to this node's sockets of
// it; internal/server calls it on every node when metrics offers one.
func (s *Service) OfferSurveys(ticketID int64) {
	if !s.hub.has(ticketID) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, ok := s.surveyFrame(ctx, ticketID)
	if !ok {
		return
	}
	frame, _ := json.Marshal(out)
	s.hub.deliver(ticketID, 0, frame)
}

// offerOnResume sends the waiting surveys of a solved conversation the
// customer comes back to.
func (c *conn) offerOnResume(ctx context.Context, ticketID int64, status ticket.Status) error {
	if status != ticket.StatusSolved && status != ticket.StatusClosed {
		return nil
	}
	out, ok := c.s.surveyFrame(ctx, ticketID)
	if !ok {
		return nil
	}
	return c.write(out)
}
