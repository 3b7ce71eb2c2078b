package server

import (
	"context"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/metrics"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// openMetrics builds the service metrics, surveys and dashboards over the
// SLA's policies and calendars, with survey links signed by a key derived
// from the keyring. Call after openPages (it renders in the shared
// layout with the shared static files).
func (a *App) openMetrics() error {
	var keys [][]byte
	for _, k := range a.keys.Derive("metrics.survey-link") {
		keys = append(keys, k.Bytes)
	}
	svc := metrics.New(a.db, a.sla.Service, keys, a.log)
	h, err := metrics.NewHTTP(svc, a.assets, a.redactText, a.metricNames)
	if err != nil {
		return err
	}
	h.Members = func(ctx context.Context, team int64) ([]int64, error) {
		t, err := a.auth.Team(ctx, team)
		return t.Members, err
	}
	a.dash = h
	return nil
}

// metricNames names teams, agents and queues on the dashboards.
func (a *App) metricNames(ctx context.Context, dim metrics.Dim, key string) string {
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return ""
	}
	switch dim {
	case metrics.DimTeam:
		if t, err := a.auth.Team(ctx, id); err == nil {
			return t.Name
		}
	case metrics.DimAgent:
		if ag, err := a.auth.Agent(ctx, id); err == nil {
			return ag.Name
		}
	case metrics.DimQueue:
		qs, err := a.routing.Queues(ctx)
		if err != nil {
			return ""
		}
		for _, q := range qs {
			if q.ID == id {
				return q.Name
			}
		}
	}
	return ""
}

// startMetrics starts the metrics consumer and the e-mail channel's and
// the Telegram bot's survey consumers, and tells the chat sockets of every node when a survey is
// offered on their conversation.
func (a *App) startMetrics(ctx context.Context) error {
	if err := a.dash.Start(ctx, a.bus); err != nil {
		return err
	}
	if err := a.email.StartSurveys(ctx, a.bus, a.dash.Service, a.cfg.PublicURL); err != nil {
		return err
	}
	if a.telegram != nil {
		if err := a.telegram.ConsumeSurveys(ctx, a.bus, a.dash.Service, a.redactText); err != nil {
			return err
		}
	}
	return a.bus.Subscribe(ctx, metrics.SurveyOffered.Subject(), func(ev store.Event) {
		if e, ok, err := metrics.SurveyOffered.Decode(ev); err == nil && ok {
			a.chat.OfferSurveys(e.TicketID)
		}
	})
}

// chatSurveys are the surveys the widget offers on a solved conversation.
func (a *App) chatSurveys(ctx context.Context, ticketID int64) ([]chat.Survey, error) {
	offers, err := a.dash.PendingSurveys(ctx, ticketID)
	out := make([]chat.Survey, len(offers))
	for i, o := range offers {
		out[i] = chat.Survey(o)
	}
	return out, err
}

// seedDemoMetrics gives the demo's dashboards two weeks of history (rollup
// rows of the demo teams and agents, not tickets).
func (a *App) seedDemoMetrics(ctx context.Context, teams, agents []int64) error {
	return a.dash.DemoHistory(ctx, time.UnixMilli(a.db.Now()).UTC(), 14, teams, agents)
}

// surveyPanel is the ticket page's customer-satisfaction card.
func (a *App) surveyPanel(r *http.Request, t ticket.Ticket) template.HTML {
	if a.dash == nil {
		return ""
	}
	return a.dash.SurveyPanel(r.Context(), t.ID)
}
