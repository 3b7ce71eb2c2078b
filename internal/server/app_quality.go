package server

import (
	"context"
	"html/template"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/academy/feedback"
	"github.com/groundcrew/groundcrew/internal/academy/quality"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// openQuality builds QA reviews and product feedback. Call after
// openPages (their pages render in the shared layout).
func (a *App) openQuality() error {
	var err error
	names := func(ctx context.Context, id int64) string {
		if ag, err := a.auth.Agent(ctx, id); err == nil {
			return ag.Name
		}
		return ""
	}
	qs := quality.New(a.db, qualityEvidence{a}, a.log)
	qs.Redact = a.redactText
	if a.qa, err = quality.NewHTTP(qs, a.assets, names); err != nil {
		return err
	}
	fs := feedback.New(a.db, a.log)
	fs.Conversations = feedbackConversations{a.tickets.Store}
	fs.Redact = a.redactText
	see := func(r *http.Request, id int64) error {
		_, err := a.tickets.Store.Head(r.Context(), viewerOf(r), id)
		return err
	}
	a.feedback, err = feedback.NewHTTP(fs, a.assets, see, a.db.Clock())
	return err
}

// qualityEvidence gathers what the SLA timers, the metrics and the
// customer's verification say of a ticket under review. The reviewer reads
// it as they may see the ticket.
type qualityEvidence struct{ a *App }

func (q qualityEvidence) Evidence(ctx context.Context, id int64) (quality.Evidence, error) {
	var ev quality.Evidence
	timers, err := q.a.sla.Service.ForTicket(ctx, id)
	if err != nil {
		return ev, err
	}
	for _, t := range timers {
		if t.Target != sla.FirstResponse {
			continue
		}
		ev.Policy = t.PolicyName
		switch {
		case t.Breached:
			ev.FirstResponse = "breached"
		case t.State == sla.Met:
			ev.FirstResponse = "met"
		}
	}
	f, err := q.a.dash.Service.TicketFacts(ctx, id)
	if err != nil {
		return ev, err
	}
	ev.FirstReplyAt, ev.Solved, ev.Reopens, ev.CSAT, ev.CSATComment = f.FirstReplyAt, f.Solved, f.Reopens, f.CSAT, f.CSATComment
	t, err := q.a.tickets.Store.Head(ctx, viewerIn(ctx), id)
	if err != nil {
		return ev, err
	}
	lv, err := q.a.levels.Status(ctx, t.Customer.ID, id, t.CreatedAt)
	if err != nil {
		return ev, err
	}
	ev.Level = lv.Label
	if lv.VerifiedAt != nil {
		ev.VerifiedAt = *lv.VerifiedAt
	}
	uses, err := q.a.tickets.Store.MacroUses(ctx, id)
	if err != nil {
		return ev, err
	}
	ev.Language = t.Language
	for _, u := range uses {
		ev.MacroLanguages = append(ev.MacroLanguages, u.Language)
	}
	return ev, nil
}

// startQuality starts the consumer that counts guard events per ticket
// for the QA samples and scorecards.
func (a *App) startQuality(ctx context.Context) error { return a.qa.Start(ctx, a.bus) }

// feedbackPanel is the ticket page's product-feedback card.
func (a *App) feedbackPanel(r *http.Request, t ticket.Ticket) template.HTML {
	if a.feedback == nil {
		return ""
	}
	return a.feedback.Panel(r, t)
}

// feedbackConversations reads a sample conversation for the feedback
// report as the requesting manager may see it (the read is audited as a
// view, like any other).
type feedbackConversations struct{ s *ticket.Store }

func (c feedbackConversations) Conversation(ctx context.Context, id int64) (feedback.Conversation, error) {
	t, err := c.s.Get(ctx, viewerIn(ctx), id)
	if err != nil {
		return feedback.Conversation{}, err
	}
	out := feedback.Conversation{Subject: t.Subject, CustomerName: t.Customer.Name, CustomerEmail: t.Customer.Email}
	for _, m := range t.Messages {
		if !m.Internal {
			out.Lines = append(out.Lines, feedback.Line{Author: string(m.AuthorKind), Body: m.Body})
		}
	}
	return out, nil
}

// redactText is text with the secrets the guard finds cut out, for the
// free text that is not a message (survey comments, feedback notes).
func (a *App) redactText(text string) string { return a.screen.Detector().ScanText(text).Redacted }
