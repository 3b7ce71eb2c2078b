package ticket

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Update changes a ticket; nil fields stay as they are. AssigneeID 0 unassigns,
// TeamID 0 unroutes.
type Update struct {
	Subject      *string            `json:"subject"`
	Status       *Status            `json:"status"`
	Priority     *Priority          `json:"priority"`
	ProductArea  *string            `json:"product_area"`
	Language     *string            `json:"language"`
	TeamID       *int64             `json:"team_id"`
	AssigneeID   *int64             `json:"assignee_id"`
	Tags         *[]string          `json:"tags"`
	CustomFields *map[string]string `json:"custom_fields"`
}

func (u *Update) validate() error {
	if u.Subject != nil {
		*u.Subject = strings.TrimSpace(*u.Subject)
		if err := checkText("subject", *u.Subject, MaxSubject, true); err != nil {
			return err
		}
	}
	if u.Status != nil {
		if err := oneOf("status", *u.Status, Statuses); err != nil {
			return err
		}
	}
	if u.Priority != nil {
		if err := oneOf("priority", *u.Priority, Priorities); err != nil {
			return err
		}
	}
	if u.ProductArea != nil {
		if err := oneOf("product_area", *u.ProductArea, ProductAreas); err != nil {
			return err
		}
	}
	if u.Language != nil {
		if err := oneOf("language", *u.Language, Languages); err != nil {
			return err
		}
	}
	if u.Tags != nil {
		tags, err := normalizeTags(*u.Tags)
		if err != nil {
			return err
		}
		*u.Tags = tags
	}
	if u.CustomFields != nil {
		return checkCustomFields(*u.CustomFields)
	}
	return nil
}

// Change is one field's old and new value, as events and audits show it.
type Change struct {
	From any `json:"from"`
	To   any `json:"to"`
}

// UpdateTicket applies u to ticket id, if v may see it, and emits one
// ticket.updated event listing what changed.
func (s *Store) UpdateTicket(ctx context.Context, v Viewer, id int64, u Update) (Ticket, error) {
	return s.update(ctx, v, id, u, "")
}

// update is UpdateTicket; actor names a system part making the change
// (SystemUpdate), "" for an agent.
func (s *Store) update(ctx context.Context, v Viewer, id int64, u Update, actor string) (Ticket, error) {
	if err := u.validate(); err != nil {
		return Ticket{}, err
	}
	if u.CustomFields != nil {
		if err := s.checkFieldNames(*u.CustomFields); err != nil {
			return Ticket{}, err
		}
	}
	screened := s.screenUpdate(&u)
	if reason := s.subjectRefusal(actor, u.Subject); reason != "" {
		// Refused: but a ticket the agent may not see is refused as such,
		// with no audit record on it.
		t, err := s.load(ctx, id)
		if err != nil {
			return Ticket{}, err
		}
		if !v.CanSee(t) {
			return Ticket{}, errs.E(errs.Forbidden, "ticket %d belongs to a team you are not in", id)
		}
		return Ticket{}, s.refuseSubject(ctx, v.AgentID, id, *u.Subject, reason)
	}
	if u.Tags != nil {
		tags := tagSet(*u.Tags)
		u.Tags = &tags
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		t, err := s.load(ctx, id)
		if err != nil {
			return err
		}
		if !v.CanSee(t) {
			return errs.E(errs.Forbidden, "ticket %d belongs to a team you are not in", id)
		}
		if err := s.auditIntake(ctx, tx, id, screened); err != nil {
			return err
		}
		changes := map[string]Change{}
		set := func(column string, from, to any) error {
			if fmt.Sprint(from) == fmt.Sprint(to) {
				return nil
			}
			changes[column] = Change{From: from, To: to}
			_, err := tx.Exec(ctx, `UPDATE tickets SET `+column+` = ? WHERE id = ?`, to, id)
			return err
		}
		var steps []error
		if u.Subject != nil {
			steps = append(steps, set("subject", t.Subject, *u.Subject))
		}
		if u.Status != nil {
			steps = append(steps, set("status", string(t.Status), string(*u.Status)))
		}
		if u.Priority != nil {
			steps = append(steps, set("priority", string(t.Priority), string(*u.Priority)))
		}
		if u.ProductArea != nil {
			steps = append(steps, set("product_area", t.ProductArea, *u.ProductArea))
		}
		if u.Language != nil {
			steps = append(steps, set("language", t.Language, *u.Language))
			if actor == "" {
				// A person chose it (even the value it had): detection no
				// longer may change it.
				_, err := tx.Exec(ctx, `UPDATE tickets SET language_by_agent = 1 WHERE id = ?`, id)
				steps = append(steps, err)
			}
		}
		if u.TeamID != nil {
			if *u.TeamID != 0 {
				if err := teamExists(ctx, tx, *u.TeamID); err != nil {
					return err
				}
			}
			steps = append(steps, set("team_id", nullable(t.TeamID), zeroNil(*u.TeamID)))
		}
		if u.AssigneeID != nil {
			if *u.AssigneeID != 0 {
				if err := agentActive(ctx, tx, *u.AssigneeID); err != nil {
					return err
				}
				if s.assignCheck != nil && (t.AssigneeID == nil || *t.AssigneeID != *u.AssigneeID) {
					if err := s.assignCheck(ctx, *u.AssigneeID, id); err != nil {
						return err
					}
				}
			}
			steps = append(steps, set("assignee_id", nullable(t.AssigneeID), zeroNil(*u.AssigneeID)))
		}
		if u.CustomFields != nil {
			from, _ := json.Marshal(t.CustomFields)
			to, _ := json.Marshal(*u.CustomFields)
			steps = append(steps, set("custom_fields", string(from), string(to)))
		}
		if u.Tags != nil && strings.Join(t.Tags, ",") != strings.Join(*u.Tags, ",") {
			changes["tags"] = Change{From: t.Tags, To: *u.Tags}
			steps = append(steps, setTags(ctx, tx, id, *u.Tags))
		}
		if err := errors.Join(steps...); err != nil {
			return err
		}
		if len(changes) == 0 {
			return nil
		}
		now := tx.Now()
		if _, err := tx.Exec(ctx, `UPDATE tickets SET updated_at = ? WHERE id = ?`, now, id); err != nil {
			return err
		}
		if err := touch(ctx, tx, id, now); err != nil {
			return err
		}
		if c, ok := changes["status"]; ok {
			ev := StatusChangedEvent{TicketID: id, From: Status(fmt.Sprint(c.From)), To: Status(fmt.Sprint(c.To))}
			if err := StatusChanged.Emit(ctx, tx, ev); err != nil {
				return err
			}
			if ev.To == StatusSolved || ev.To == StatusClosed {
				// Nothing to come back for.
				if err := endSnooze(ctx, tx, id, SnoozeEndedSolve); err != nil {
					return err
				}
			}
		}
		return TicketUpdated.Emit(ctx, tx, TicketUpdatedEvent{TicketID: id, AgentID: v.AgentID, Actor: actor, Changes: changes})
	})
	if err != nil {
		return Ticket{}, fmt.Errorf("update ticket %d: %w", id, err)
	}
	return s.load(ctx, id)
}

// nullable turns an optional id into a value a SQL driver accepts.
func nullable(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func zeroNil(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func agentActive(ctx context.Context, tx *store.Tx, id int64) error {
	var active int
	err := tx.QueryRow(ctx, `SELECT active FROM agents WHERE id = ?`, id).Scan(&active)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && active != 1) {
		return errs.Field("assignee_id", "no active agent %d", id)
	}
	return err
}

// NewEscalation moves a ticket to another tier.
type NewEscalation struct {
	ToTier int    `json:"to_tier"`
	Reason string `json:"reason"`
}

// Escalate moves ticket id to another tier, records why and who, and clears
// the assignee so the new tier's queue picks it up: a hand-off with no
// specialist and no summary.
func (s *Store) Escalate(ctx context.Context, v Viewer, id int64, in NewEscalation) (Escalation, error) {
	return s.EscalateWithSummary(ctx, v, id, SpecialistEscalation{ToTier: in.ToTier, Reason: in.Reason})
}

// screenUpdate cuts secrets out of the texts u sets (subject, custom
// fields, tags) as screenIntake does for a new ticket's: an agent pasting
// a customer's words into the subject, or an integration copying a form
// field later, stores no more than the intake would have.
func (s *Store) screenUpdate(u *Update) intake {
	if u.Subject == nil && u.CustomFields == nil && u.Tags == nil {
		return intake{} // a status or an assignee: no text to screen
	}
	var in NewTicket
	if u.Subject != nil {
		in.Subject = *u.Subject
	}
	if u.CustomFields != nil {
		in.CustomFields = maps.Clone(*u.CustomFields)
	}
	if u.Tags != nil {
		in.Tags = slices.Clone(*u.Tags)
	}
	out := s.screenIntake(&in, false)
	if len(out.changed) == 0 {
		return out
	}
	if u.Subject != nil {
		u.Subject = &in.Subject
	}
	if u.CustomFields != nil {
		u.CustomFields = &in.CustomFields
	}
	if u.Tags != nil {
		u.Tags = &in.Tags
	}
	return out
}
