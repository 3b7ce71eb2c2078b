package phone

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/store"
)

// The chat widget's callback request (internal/chat, callback_request
// frames) goes through RequestCallback like the help center's form; what
// differs is kept here: the callback lands on the widget's conversation,
// and a signed-in customer may use the number we already know for them.

// callbackOnConversation schedules r on the widget's conversation and
// tells the customer there, in their language; the message passes the
// outbound guard (a refusal rolls the whole request back).
func (s *Service) callbackOnConversation(ctx context.Context, tx *store.Tx, r CallbackRequest, cb *Callback) error {
	id, err := s.addCallback(ctx, tx, r.TicketID, r.Number, r.Source, "", r.WindowStart, r.WindowEnd)
	if err != nil {
		return err
	}
	if *cb, err = s.callback(ctx, tx, id); err != nil {
		return err
	}
	if s.Reply != nil {
		if err := s.Reply(ctx, r.TicketID, ConfirmText(r.Language, *cb)); err != nil {
			return fmt.Errorf("confirm callback on ticket %d: %w", r.TicketID, err)
		}
	}
	return nil
}

// ConfirmText is what the customer is told once a callback is booked, in
// lang: the help center's confirmation, the masked number and the window
// in UTC (the widget shows it in the customer's own time as well).
func ConfirmText(lang string, cb Callback) string {
	t, _ := textsFor(lang)
	return fmt.Sprintf("%s %s · %s–%s UTC", t.Done, Mask(cb.Number),
		cb.WindowStart.UTC().Format("2006-01-02 15:04"), cb.WindowEnd.UTC().Format("15:04"))
}

// KnownNumber is the number last remembered for a signed-in customer
// (externalID), "" when there is none.
func (s *Service) KnownNumber(ctx context.Context, externalID string) (string, error) {
	if externalID == "" {
		return "", nil
	}
	var n string
	err := s.db.QueryRow(ctx, `SELECT number FROM phone_numbers WHERE external_id = ? ORDER BY updated_at DESC LIMIT 1`, externalID).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("known number: %w", err)
	}
	return n, nil
}
