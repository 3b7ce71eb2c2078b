package ticket

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Personal data is masked in every response and page by default, for every
// role: agents see enough to recognise a customer ("j***@example.org",
// "J*** L***") and reveal the rest with a reason, which is audited. These
// functions are the one place that decides what masked looks like.

// MaskEmail keeps the first character of the local part and the domain:
// "jordan.lee@example.org" → "j***@example.org".
func MaskEmail(email string) string {
	local, domain, ok := strings.Cut(email, "@")
	if !ok {
		return MaskName(email)
	}
	return firstRune(local) + "***@" + domain
}

// MaskName keeps the first letter of each word: "Jordan Lee" → "J*** L***".
func MaskName(name string) string {
	words := strings.FieldsFunc(name, unicode.IsSpace)
	for i, w := range words {
		words[i] = firstRune(w) + "***"
	}
	return strings.Join(words, " ")
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

// Mask returns c with its personal data masked.
func (c Customer) Mask() Customer {
	if c.Masked {
		return c
	}
	c.Email, c.Name, c.Masked = MaskEmail(c.Email), MaskName(c.Name), true
	return c
}

// MaskPII returns t with its customer's personal data masked. The HTTP
// handlers and pages apply it to every ticket they show.
func (t Ticket) MaskPII() Ticket {
	t.Customer = t.Customer.Mask()
	return t
}

// Head returns a ticket without its messages, if v may see it. It does not
// audit a view: callers that show the customer's data audit what they show.
func (s *Store) Head(ctx context.Context, v Viewer, id int64) (Ticket, error) {
	return s.Visible(ctx, v, id)
}

// CustomerByExternalID returns the customer the exchange knows as userID.
func (s *Store) CustomerByExternalID(ctx context.Context, userID string) (Customer, error) {
	var c Customer
	err := s.db.QueryRow(ctx, `SELECT id, external_id, email, name, language FROM customers WHERE `+byExternalID, userID).
		Scan(&c.ID, &c.ExternalID, &c.Email, &c.Name, &c.Language)
	if errors.Is(err, sql.ErrNoRows) || userID == "" {
		return Customer{}, errs.E(errs.NotFound, "no customer with exchange user id %q", userID)
	}
	if err != nil {
		return Customer{}, fmt.Errorf("customer %q: %w", userID, err)
	}
	return c, nil
}
