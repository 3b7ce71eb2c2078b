package email

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// UserPhrase returns the anti-phishing phrase an exchange user set, and
// their language; the wiring asks the exchange (exchange.User).
type UserPhrase func(ctx context.Context, externalID string) (phrase, language string, err error)

// KnownCustomerPhrase finds the phrase of the customer a mail goes to: the
// ticket's customer when the exchange knows them (signed in once, on the
// chat or the help center), else a known customer with the very address
// the mail goes to. The phrase is only ever sent to that address, which
// is the account's own: a stranger writing from another address learns
// nothing, and one writing from the account's address is its owner or has
// their mailbox already.
func KnownCustomerPhrase(db *store.DB, user UserPhrase) PhraseFunc {
	return func(ctx context.Context, customerID int64, email string) (string, string, error) {
		var ext string
		err := db.QueryRow(ctx, `SELECT external_id FROM customers WHERE external_id <> '' AND (id = ? OR email = ?)
			ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END, id LIMIT 1`, customerID, email, customerID).Scan(&ext)
		if errors.Is(err, sql.ErrNoRows) {
			return "", "", nil
		}
		if err != nil {
			return "", "", fmt.Errorf("anti-phishing phrase of customer %d: %w", customerID, err)
		}
		phrase, lang, err := user(ctx, ext)
		if errs.Is(err, errs.NotFound) {
			return "", "", nil
		}
		return phrase, lang, err
	}
}
