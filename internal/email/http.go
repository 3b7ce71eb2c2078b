package email

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Status is the channel as admins see it: the mailboxes and the recent mail.
type Status struct {
	Listening bool            `json:"smtp_listening"`
	Relay     bool            `json:"relay_configured"`
	Address   string          `json:"address"`
	Mailboxes []MailboxStatus `json:"mailboxes"`
	Queued    int             `json:"queued"`      // outbound mails waiting for the relay
	Failed    int             `json:"failed"`      // outbound mails the relay refused for good
	Recent    []MailRecord    `json:"recent_mail"` // newest first
}

// MailRecord is one mail in or out, addresses masked.
type MailRecord struct {
	ID        int64     `json:"id"`
	Direction string    `json:"direction"`
	Address   string    `json:"address"` // the sender of inbound mail, the recipient of outbound
	Status    string    `json:"status"`
	Reason    string    `json:"reason,omitempty"`
	Auth      string    `json:"auth,omitempty"`
	Source    string    `json:"source,omitempty"`
	TicketID  *int64    `json:"ticket_id,omitempty"`
	Attempts  int       `json:"attempts"`
	CreatedAt time.Time `json:"created_at"`
}

// Listening marks that this node's SMTP listener runs (the wiring sets it).
func (s *Service) Listening(on bool) {
	s.mu.Lock()
	s.listening = on
	s.mu.Unlock()
}

// Status reports the channel's state with the last limit mails.
func (s *Service) Status(ctx context.Context, limit int) (Status, error) {
	boxes, err := s.Mailboxes(ctx)
	if err != nil {
		return Status{}, err
	}
	s.mu.Lock()
	st := Status{Listening: s.listening, Relay: s.cfg.Relay.Addr != "", Address: s.from.Address, Mailboxes: boxes}
	s.mu.Unlock()
	err = s.cfg.DB.QueryRow(ctx, `SELECT COUNT(CASE WHEN status = ? THEN 1 END), COUNT(CASE WHEN status = ? THEN 1 END)
		FROM email_messages WHERE direction = 'out' AND status IN (?, ?)`, StatusQueued, StatusFailed, StatusQueued, StatusFailed).Scan(&st.Queued, &st.Failed)
	if err != nil {
		return Status{}, fmt.Errorf("email status: %w", err)
	}
	rows, err := s.cfg.DB.Query(ctx, `SELECT id, direction, from_addr, to_addr, status, reason, auth, source, ticket_id, attempts, created_at
		FROM email_messages ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return Status{}, fmt.Errorf("email status: %w", err)
	}
	defer rows.Close()
	st.Recent = []MailRecord{}
	for rows.Next() {
		var m MailRecord
		var from, to string
		var created int64
		if err := rows.Scan(&m.ID, &m.Direction, &from, &to, &m.Status, &m.Reason, &m.Auth, &m.Source, &m.TicketID, &m.Attempts, &created); err != nil {
			return Status{}, fmt.Errorf("email status: %w", err)
		}
		m.Address = ticket.MaskEmail(from)
		if m.Direction == "out" {
			m.Address = ticket.MaskEmail(to)
		}
		m.CreatedAt = store.Time(created)
		st.Recent = append(st.Recent, m)
	}
	return st, rows.Err()
}

// HandleStatus serves GET /api/v1/email/status.
func (s *Service) HandleStatus(w http.ResponseWriter, r *http.Request) error {
	st, err := s.Status(r.Context(), 50)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, st)
}
