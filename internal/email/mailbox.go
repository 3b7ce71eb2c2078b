package email

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// MailboxStatus is how one polled mailbox is doing, for admins.
type MailboxStatus struct {
	Name      string     `json:"name"`
	LastUID   int64      `json:"last_uid"`
	Fetched   int64      `json:"fetched"`
	Failures  int        `json:"failures"` // polls failed in a row
	LastError string     `json:"last_error,omitempty"`
	LastOKAt  *time.Time `json:"last_ok_at,omitempty"`
	// Alert: the mailbox has stopped syncing (AlertAfter failed polls in a
	// row, or no good poll for StaleAfter).
	Alert bool `json:"alert"`
}

// StaleAfter: a mailbox with no successful poll for this long is alerted
// even if its polls do not fail (a poller stuck or not running).
const StaleAfter = 30 * time.Minute

func (s *Service) syncState(ctx context.Context, name string) (validity, last uint32, err error) {
	var v, l int64
	err = s.cfg.DB.QueryRow(ctx, `SELECT uid_validity, last_uid FROM email_mailboxes WHERE name = ?`, name).Scan(&v, &l)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("mailbox %s: %w", name, err)
	}
	return uint32(v), uint32(l), nil
}

// setSyncState records the position reached; fetched adds to the count.
// Every node polls, so the position only moves forward within a validity:
// a node that was slower does not send the others back.
func (s *Service) setSyncState(ctx context.Context, name string, validity, last uint32, fetched int) error {
	err := s.cfg.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		_, err := tx.Exec(ctx, `INSERT INTO email_mailboxes (name, uid_validity, last_uid, fetched, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET uid_validity = excluded.uid_validity,
			last_uid = CASE WHEN excluded.uid_validity <> email_mailboxes.uid_validity OR excluded.last_uid > email_mailboxes.last_uid
				THEN excluded.last_uid ELSE email_mailboxes.last_uid END,
			fetched = email_mailboxes.fetched + excluded.fetched, updated_at = excluded.updated_at`,
			name, int64(validity), int64(last), fetched, now)
		return err
	})
	if err != nil {
		return fmt.Errorf("mailbox %s: record position: %w", name, err)
	}
	return nil
}

// recordPoll notes a poll's result; the AlertAfter-th failure in a row is
// logged as an error, which is when the admin page shows the alert.
func (s *Service) recordPoll(ctx context.Context, name string, pollErr error) error {
	ctx = context.WithoutCancel(ctx)
	now := s.cfg.DB.Now()
	var err error
	if pollErr == nil {
		_, err = s.cfg.DB.Exec(ctx, `INSERT INTO email_mailboxes (name, last_ok_at, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET failures = 0, last_error = '', last_ok_at = excluded.last_ok_at, updated_at = excluded.updated_at`,
			name, now, now)
	} else {
		var failures int
		err = s.cfg.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			return tx.QueryRow(ctx, `INSERT INTO email_mailboxes (name, failures, last_error, updated_at) VALUES (?, 1, ?, ?)
				ON CONFLICT (name) DO UPDATE SET failures = email_mailboxes.failures + 1, last_error = excluded.last_error, updated_at = excluded.updated_at
				RETURNING failures`, name, cut(pollErr.Error(), 500), now).Scan(&failures)
		})
		if err == nil && failures == AlertAfter {
			s.log.Error("email: mailbox has stopped syncing", "mailbox", name, "failures", failures, "err", pollErr)
		}
	}
	if err != nil {
		return fmt.Errorf("mailbox %s: record poll: %w", name, err)
	}
	return nil
}

// Mailboxes lists the configured mailboxes with their state.
func (s *Service) Mailboxes(ctx context.Context) ([]MailboxStatus, error) {
	out := []MailboxStatus{}
	now := s.now()
	for _, m := range s.cfg.Mailboxes {
		m.defaults()
		st := MailboxStatus{Name: m.Name}
		var lastOK int64
		err := s.cfg.DB.QueryRow(ctx, `SELECT last_uid, fetched, failures, last_error, last_ok_at FROM email_mailboxes WHERE name = ?`, m.Name).
			Scan(&st.LastUID, &st.Fetched, &st.Failures, &st.LastError, &lastOK)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("mailbox status: %w", err)
		}
		if lastOK > 0 {
			t := store.Time(lastOK)
			st.LastOKAt = &t
		}
		st.Alert = st.Failures >= AlertAfter || (st.LastOKAt != nil && now.Sub(*st.LastOKAt) > StaleAfter) ||
			(st.LastOKAt == nil && st.Failures > 0)
		out = append(out, st)
	}
	return out, nil
}
