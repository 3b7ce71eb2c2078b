package ticket

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
)

// CustomerUpdate changes a customer's contact data; nil fields stay as they
// are. Reason says why, for the audit log.
type CustomerUpdate struct {
	Email    *string `json:"email"`
	Name     *string `json:"name"`
	Language *string `json:"language"`
	Reason   string  `json:"reason"`
}

// Reasons for a contact-data change are between these lengths, in characters.
const (
	MinUpdateReason = 10
	MaxUpdateReason = 500
)

// Validate checks u and normalises it.
func (u *CustomerUpdate) Validate() error {
	u.Reason = strings.TrimSpace(u.Reason)
	if err := checkText("reason", u.Reason, 4*MaxUpdateReason, true); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(u.Reason); n < MinUpdateReason || n > MaxUpdateReason {
		return errs.Field("reason", "say why the customer's contact data changes, in %d to %d characters", MinUpdateReason, MaxUpdateReason)
	}
	if u.Email == nil && u.Name == nil && u.Language == nil {
		return errs.Field("email", "give at least one of email, name or language to change")
	}
	if u.Email != nil {
		*u.Email = strings.ToLower(strings.TrimSpace(*u.Email))
		if err := checkText("email", *u.Email, 254, false); err != nil {
			return err
		}
		if a, err := mail.ParseAddress(*u.Email); *u.Email != "" && (err != nil || a.Address != *u.Email) {
			return errs.Field("email", "email must be a plain e-mail address")
		}
	}
	if u.Name != nil {
		*u.Name = strings.TrimSpace(*u.Name)
		if err := checkText("name", *u.Name, 200, false); err != nil {
			return err
		}
	}
	if u.Language != nil && *u.Language != "" {
		return oneOf("language", *u.Language, Languages)
	}
	return nil
}

// UpdateCustomer changes customer id's contact data, with an event and an
// audit record ("customer.updated") that name the fields changed and show
// their values masked, never in clear.
func (s *Store) UpdateCustomer(ctx context.Context, id int64, u CustomerUpdate) (Customer, error) {
	if err := u.Validate(); err != nil {
		return Customer{}, err
	}
	// The agent types both: a secret the customer read out on the phone
	// must not reach the customers row or the audit log.
	u.Reason = s.redact(u.Reason)
	if u.Name != nil {
		*u.Name = s.redactPlain(*u.Name)
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var c Customer
		err := tx.QueryRow(ctx, `SELECT id, external_id, email, name, language FROM customers WHERE id = ?`, id).
			Scan(&c.ID, &c.ExternalID, &c.Email, &c.Name, &c.Language)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "no customer %d", id)
		}
		if err != nil {
			return err
		}
		changes := map[string]Change{}
		next := c
		if u.Email != nil && *u.Email != c.Email {
			changes["email"], next.Email = Change{From: MaskEmail(c.Email), To: MaskEmail(*u.Email)}, *u.Email
		}
		if u.Name != nil && *u.Name != c.Name {
			changes["name"], next.Name = Change{From: MaskName(c.Name), To: MaskName(*u.Name)}, *u.Name
		}
		if u.Language != nil && *u.Language != c.Language {
			changes["language"], next.Language = Change{From: c.Language, To: *u.Language}, *u.Language
		}
		if len(changes) == 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE customers SET email = ?, name = ?, language = ?, updated_at = ? WHERE id = ?`,
			next.Email, next.Name, next.Language, tx.Now(), id); err != nil {
			return err
		}
		fields := make([]string, 0, len(changes))
		for _, f := range []string{"email", "name", "language"} {
			if _, ok := changes[f]; ok {
				fields = append(fields, f)
			}
		}
		if err := CustomerUpdated.Emit(ctx, tx, CustomerUpdatedEvent{CustomerID: id, Fields: fields}); err != nil {
			return err
		}
		return s.audit.Record(ctx, "customer.updated", "customer", strconv.FormatInt(id, 10),
			map[string]any{"fields": fields, "changes": changes, "reason": u.Reason})
	})
	if err != nil {
		return Customer{}, fmt.Errorf("update customer %d: %w", id, err)
	}
	return s.customer(ctx, id)
}

func (s *Store) customer(ctx context.Context, id int64) (Customer, error) {
	var c Customer
	err := s.db.QueryRow(ctx, `SELECT id, external_id, email, name, language FROM customers WHERE id = ?`, id).
		Scan(&c.ID, &c.ExternalID, &c.Email, &c.Name, &c.Language)
	if errors.Is(err, sql.ErrNoRows) {
		return Customer{}, errs.E(errs.NotFound, "no customer %d", id)
	}
	if err != nil {
		return Customer{}, fmt.Errorf("customer %d: %w", id, err)
	}
	return c, nil
}

// HandleUpdateCustomer: PATCH /api/v1/customers/{id}. The answer is masked
// like every other.
func (h *HTTP) HandleUpdateCustomer(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var u CustomerUpdate
	if _, err := web.Decode(r, 16<<10, &u); err != nil {
		return err
	}
	c, err := h.Store.UpdateCustomer(r.Context(), id, u)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, c.Mask())
}
