package webhook

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/store"
)

// activeKeyChecker is what *seal.Keyring offers to tell values sealed with
// an older key.
type activeKeyChecker interface {
	SealedWithActive(stored string) bool
}

// Reseal seals again, with the active key, the subscriptions' secrets and
// the waiting deliveries' payloads that an older key sealed, so that the
// older key can be dropped after a rotation (the ticket store's re-seal
// job does the same for message bodies). Delivered payloads are left: the
// log prunes them. It returns how many values it re-sealed.
func (s *Service) Reseal(ctx context.Context) (int, error) {
	keys, ok := s.cfg.Sealer.(activeKeyChecker)
	if !ok {
		return 0, nil
	}
	n := 0
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		type row struct {
			id, sub, event int64
			sealed         string
		}
		read := func(q string) ([]row, error) {
			rows, err := tx.Query(ctx, q)
			if err != nil {
				return nil, err
			}
			defer rows.Close()
			var out []row
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.id, &r.sub, &r.event, &r.sealed); err != nil {
					return nil, err
				}
				if !keys.SealedWithActive(r.sealed) {
					out = append(out, r)
				}
			}
			return out, rows.Err()
		}
		secrets, err := read(`SELECT id, id, 0, secret FROM webhook_subscriptions`)
		if err != nil {
			return fmt.Errorf("reseal webhook secrets: %w", err)
		}
		for _, r := range secrets {
			if err := s.resealOne(ctx, tx, `UPDATE webhook_subscriptions SET secret = ? WHERE id = ?`, r.id, r.sealed, secretAAD(r.id)); err != nil {
				return err
			}
			n++
		}
		payloads, err := read(`SELECT id, subscription_id, event_id, payload FROM webhook_deliveries WHERE state = 'pending'`)
		if err != nil {
			return fmt.Errorf("reseal webhook payloads: %w", err)
		}
		for _, r := range payloads {
			if err := s.resealOne(ctx, tx, `UPDATE webhook_deliveries SET payload = ? WHERE id = ?`, r.id, r.sealed, payloadAAD(r.sub, r.event)); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

func (s *Service) resealOne(ctx context.Context, tx *store.Tx, update string, id int64, sealed, aad string) error {
	plain, err := s.cfg.Sealer.Open(sealed, aad)
	if err != nil {
		return fmt.Errorf("reseal webhook row %d: %w", id, err)
	}
	again, err := s.cfg.Sealer.Seal(plain, aad)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, update, again, id); err != nil {
		return fmt.Errorf("reseal webhook row %d: %w", id, err)
	}
	return nil
}
