package email

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/metrics"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Satisfaction surveys on e-mail tickets: when metrics offers a CSAT
// survey on a solved e-mail conversation, a durable consumer queues one
// mail in the survey's language, in the ticket's thread, with the signed
// survey link and one link per score. The score links only open the
// survey page with that score chosen: mail scanners follow links, so
// nothing is answered until the customer sends the page's form.

const surveyConsumer = "email-survey"

// SurveyOffers is what the channel needs of metrics' surveys
// (*metrics.Service).
type SurveyOffers interface {
	SurveyOffer(ctx context.Context, id int64) (metrics.Offer, error)
}

// StartSurveys starts the survey consumer (when a relay is configured);
// links are made absolute with site, the server's public URL.
func (s *Service) StartSurveys(ctx context.Context, b Consumer, sv SurveyOffers, site string) error {
	if s.cfg.Relay.Addr == "" {
		return nil
	}
	s.surveys, s.site = sv, strings.TrimRight(site, "/")
	return b.ConsumeBatch(ctx, surveyConsumer, metrics.SurveyOffered.Subject(), 20, s.HandleSurveys)
}

// HandleSurveys queues the survey mails of evs, once per event.
func (s *Service) HandleSurveys(ctx context.Context, evs []store.Event) error {
	for _, ev := range evs {
		e, ok, err := metrics.SurveyOffered.Decode(ev)
		if err != nil || !ok || e.Kind != metrics.KindCSAT || e.Channel != "email" {
			continue // NPS stays the widget's: one question per solved mail thread
		}
		if err := bus.Once(ctx, s.cfg.DB, surveyConsumer, ev.ID, func(ctx context.Context, tx *store.Tx) error {
			return s.queueSurvey(ctx, tx, e)
		}); err != nil {
			return fmt.Errorf("email: survey %d: %w", e.SurveyID, err)
		}
	}
	s.Kick()
	return nil
}

func (s *Service) queueSurvey(ctx context.Context, tx *store.Tx, e metrics.SurveyOfferedEvent) error {
	r, customerID, send, err := s.mailTo(ctx, e.TicketID)
	if err != nil || !send {
		return err
	}
	if r, _, err = s.addressed(ctx, r, customerID); err != nil {
		return err
	}
	o, err := s.surveys.SurveyOffer(ctx, e.SurveyID)
	if err != nil {
		return err
	}
	link := s.site + "/survey/" + o.Token
	r.Date = s.now()
	r.Body = fmt.Sprintf("%s\n%d = %s · %d = %s", o.Question, o.Min, o.Low, o.Max, o.High)
	for v := o.Min; v <= o.Max; v++ {
		n := strconv.Itoa(v)
		r.Scale = append(r.Scale, NoticeLink{Text: n, URL: link + "?score=" + n})
	}
	r.Links = []NoticeLink{{Text: o.Comment, URL: link}}
	id := s.newMessageID(e.SurveyID)
	sealed, err := s.composeSealed(r, id)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO email_messages (direction, rfc_message_id, ticket_id, from_addr, to_addr, status, raw, next_at, created_at)
		VALUES ('out', ?, ?, ?, ?, ?, ?, 0, ?)`, id, r.TicketID, s.from.Address, r.To, StatusQueued, sealed, tx.Now())
	return err
}
