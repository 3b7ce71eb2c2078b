package workforce

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Alerts raised anywhere (alert.raised: sign-in failure bursts, unstaffed
// queues, automation's notify action, stalled mailboxes) are kept here and
// shown to the agents each one is addressed to. Its audience is a role
// ("supervisor"), "team:<name>", "oncall:<team name>" or "queue:<name>".

// Alert is one raised alert as an agent sees it.
type Alert struct {
	ID        int64     `json:"id"`
	Alert     string    `json:"alert"`
	Severity  string    `json:"severity"`
	Audience  string    `json:"audience"`
	Message   string    `json:"message"`
	TicketID  int64     `json:"ticket_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// AlertWindow is how far back an agent's alert list reaches.
const AlertWindow = 7 * 24 * time.Hour

// maxAlertRows bounds one read before it is filtered for the agent.
const maxAlertRows = 1000

// onAlert keeps a raised alert; a redelivered event is one row.
func (s *Service) onAlert(ctx context.Context, ev store.Event) error {
	a, ok, err := auth.AlertRaised.Decode(ev)
	if !ok {
		return nil
	}
	if err != nil {
		s.log.Warn("workforce: unreadable alert skipped", "event", ev.ID, "err", err)
		return nil
	}
	var ticketID *int64
	if a.TicketID != 0 {
		ticketID = &a.TicketID
	}
	_, err = s.db.Exec(ctx, `INSERT INTO agent_alerts (event_id, alert, severity, audience, message, ticket_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
		ev.ID, a.Alert, a.Severity, a.Audience, a.Message, ticketID, ev.At.UnixMilli())
	if err != nil {
		return fmt.Errorf("keep alert %d: %w", ev.ID, err)
	}
	return nil
}

// AlertsFor lists, newest first, the alerts of the last AlertWindow that
// are addressed to agent: by role (admins get every one), to a team they
// are in, to a team's on-call while they were on call for it (and to that
// team's managers), or to a queue (its managers: queues have no members).
func (s *Service) AlertsFor(ctx context.Context, agent auth.Agent, limit int) ([]Alert, error) {
	since := s.Now().Add(-AlertWindow)
	all, err := s.recentAlerts(ctx, since)
	if err != nil {
		return nil, err
	}
	aud, err := s.audienceOf(ctx, agent, since)
	if err != nil {
		return nil, err
	}
	var out []Alert
	for _, a := range all {
		if aud.reaches(a) {
			out = append(out, a)
			if len(out) == limit {
				break
			}
		}
	}
	return out, nil
}

func (s *Service) recentAlerts(ctx context.Context, since time.Time) ([]Alert, error) {
	rows, err := s.db.Query(ctx, `SELECT id, alert, severity, audience, message, COALESCE(ticket_id, 0), created_at
		FROM agent_alerts WHERE created_at >= ? ORDER BY id DESC LIMIT ?`, since.UnixMilli(), maxAlertRows)
	if err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		var a Alert
		var at int64
		if err := rows.Scan(&a.ID, &a.Alert, &a.Severity, &a.Audience, &a.Message, &a.TicketID, &at); err != nil {
			return nil, fmt.Errorf("alerts: %w", err)
		}
		a.CreatedAt = time.UnixMilli(at).UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// audience is what decides which alerts reach one agent.
type audience struct {
	role    auth.Role
	manages bool
	teams   map[string]bool // names of the agent's teams
	onCall  map[string][]Shift
}

func (s *Service) audienceOf(ctx context.Context, agent auth.Agent, since time.Time) (audience, error) {
	aud := audience{role: agent.Role, manages: agent.Role.Allows(auth.PermTeamManage), teams: map[string]bool{}, onCall: map[string][]Shift{}}
	teams, err := s.people.Teams(ctx)
	if err != nil {
		return aud, fmt.Errorf("alerts: %w", err)
	}
	names := map[int64]string{}
	for _, t := range teams {
		names[t.ID] = strings.ToLower(t.Name)
		if slices.Contains(agent.Teams, t.ID) {
			aud.teams[strings.ToLower(t.Name)] = true
		}
	}
	shifts, err := s.Shifts(ctx, since, s.Now().Add(time.Minute), 0, agent.ID)
	if err != nil {
		return aud, err
	}
	for _, sh := range shifts {
		if sh.Kind == KindOnCall {
			aud.onCall[names[sh.TeamID]] = append(aud.onCall[names[sh.TeamID]], sh)
		}
	}
	return aud, nil
}

func (aud audience) reaches(a Alert) bool {
	if aud.role == auth.Admin {
		return true
	}
	kind, name, scoped := strings.Cut(a.Audience, ":")
	if !scoped {
		return string(aud.role) == a.Audience
	}
	name = strings.ToLower(strings.TrimSpace(name))
	switch kind {
	case "team":
		return aud.teams[name]
	case "oncall":
		if aud.manages && aud.teams[name] {
			return true
		}
		for _, sh := range aud.onCall[name] {
			if !a.CreatedAt.Before(sh.StartsAt) && a.CreatedAt.Before(sh.EndsAt) {
				return true
			}
		}
	case "queue":
		return aud.manages
	}
	return false
}
