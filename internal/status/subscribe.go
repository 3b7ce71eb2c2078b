package status

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Notifier sends status e-mails. The e-mail channel (internal/email)
// implements it; until it is wired, LogNotifier logs what would be sent.
type Notifier interface {
	// Confirm asks to confirm a subscription: link opens it.
	Confirm(ctx context.Context, to, lang, network, link string) error
	// Notify tells a confirmed subscriber about an incident; unsubscribe
	// is their one-click link.
	Notify(ctx context.Context, to, lang string, in Incident, unsubscribe string) error
}

// LogNotifier logs instead of sending.
type LogNotifier struct{ Log *slog.Logger }

func (n LogNotifier) Confirm(ctx context.Context, to, lang, network, link string) error {
	n.Log.Info("status: would send a subscription confirmation", "network", network, "lang", lang)
	return nil
}

func (n LogNotifier) Notify(ctx context.Context, to, lang string, in Incident, unsubscribe string) error {
	n.Log.Info("status: would notify a subscriber", "incident", in.ID, "lang", lang)
	return nil
}

// Subscription is one address's subscription to one network ("" for all).
type Subscription struct {
	ID        int64
	Email     string
	Network   string
	Lang      string
	Confirmed bool
}

// ParseEmail checks an address a visitor typed: one plain address, no
// display name, at most 254 bytes, lower-cased domain.
func ParseEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 254 {
		return "", errs.Field("email", "enter one e-mail address")
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "", errs.Field("email", "enter one e-mail address such as name@example.com")
	}
	local, domain, ok := strings.Cut(a.Address, "@")
	if !ok || local == "" || !strings.Contains(domain, ".") || strings.ContainsAny(a.Address, " \t\r\n\"<>()[]\\,;:") {
		return "", errs.Field("email", "enter one e-mail address such as name@example.com")
	}
	return local + "@" + strings.ToLower(domain), nil
}

func newToken() (token, hash string) {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

// Subscribe stores an unconfirmed subscription (or renews the token of an
// existing one) and sends the confirmation link. It says nothing about
// whether the address was subscribed before.
func (s *Service) Subscribe(ctx context.Context, email, network, lang string) error {
	addr, err := ParseEmail(email)
	if err != nil {
		return err
	}
	if network != "" && !s.known[NetworkPrefix+network] {
		return errs.Field("network", "unknown network %q", network)
	}
	lang = langOr(lang)
	token, hash := newToken()
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE status_subscriptions SET token_hash = ?, lang = ? WHERE email = ? AND network = ?`, hash, lang, addr, network)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
		_, err = tx.Exec(ctx, `INSERT INTO status_subscriptions (email, network, lang, token_hash, created_at) VALUES (?, ?, ?, ?, ?)`,
			addr, network, lang, hash, tx.Now())
		return err
	})
	if err != nil {
		return fmt.Errorf("subscribe: %w", err)
	}
	return s.notifier.Confirm(ctx, addr, lang, network, s.publicURL+"/status/confirm?token="+token)
}

// Confirm confirms the subscription a token names; a token that names
// none is NotFound.
func (s *Service) Confirm(ctx context.Context, token string) (Subscription, error) {
	sub, err := s.byToken(ctx, token)
	if err != nil {
		return sub, err
	}
	if _, err := s.db.Exec(ctx, `UPDATE status_subscriptions SET confirmed_at = ? WHERE id = ? AND confirmed_at = 0`, s.db.Now(), sub.ID); err != nil {
		return sub, fmt.Errorf("confirm subscription: %w", err)
	}
	sub.Confirmed = true
	return sub, nil
}

// Unsubscribe removes every subscription of the address a token names:
// "unsubscribe" must stop the mails, not leave the address's other
// networks mailing it. The token is a status mail's signed link (any
// mail's, however old: an address no longer subscribed is simply told it
// is unsubscribed) or a confirmation link's.
func (s *Service) Unsubscribe(ctx context.Context, token string) error {
	email, err := s.linkAddress(token)
	if err != nil && !strings.Contains(token, ".") {
		var sub Subscription
		sub, err = s.byToken(ctx, token)
		email = sub.Email
	}
	if err != nil {
		return err
	}
	if _, err := s.db.Exec(ctx, `DELETE FROM status_subscriptions WHERE email = ?`, email); err != nil {
		return fmt.Errorf("unsubscribe: %w", err)
	}
	return nil
}

// unsubscribeToken is the token of the unsubscribe link in status mails to
// email: the address and a signature of it, the same in every mail, so a
// months-old mail's link works as well as the latest one's (a token kept
// as a hash and replaced at each mail would leave every older link dead).
func (s *Service) unsubscribeToken(email string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(email)) + "." + linkSignature(s.linkKeys[0], email)
}

func linkSignature(key []byte, email string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("status-unsubscribe\x00" + email))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// linkAddress is the address an unsubscribe link was signed for, with any
// of the link keys.
func (s *Service) linkAddress(token string) (string, error) {
	enc, sig, _ := strings.Cut(token, ".")
	b, err := base64.RawURLEncoding.DecodeString(enc)
	if err == nil && len(sig) == 24 {
		for _, key := range s.linkKeys {
			if hmac.Equal([]byte(sig), []byte(linkSignature(key, string(b)))) {
				return string(b), nil
			}
		}
	}
	return "", errs.E(errs.NotFound, "this link is not valid")
}

func (s *Service) byToken(ctx context.Context, token string) (Subscription, error) {
	var sub Subscription
	if len(token) < 20 || len(token) > 64 {
		return sub, errs.E(errs.NotFound, "this link is not valid (any more)")
	}
	var confirmed int64
	err := s.db.QueryRow(ctx, `SELECT id, email, network, lang, confirmed_at FROM status_subscriptions WHERE token_hash = ?`, hashToken(token)).
		Scan(&sub.ID, &sub.Email, &sub.Network, &sub.Lang, &confirmed)
	if errors.Is(err, sql.ErrNoRows) {
		return sub, errs.E(errs.NotFound, "this link is not valid (any more)")
	}
	if err != nil {
		return sub, fmt.Errorf("subscription: %w", err)
	}
	sub.Confirmed = confirmed > 0
	return sub, nil
}

// notifySubscribers tells the confirmed subscribers of the incident's
// networks (and those of all networks), one mail per address with its
// signed unsubscribe link.
func (s *Service) notifySubscribers(ctx context.Context, in Incident) error {
	networks := []any{""}
	for _, c := range in.Components {
		if n, ok := strings.CutPrefix(c, NetworkPrefix); ok {
			networks = append(networks, n)
		}
	}
	rows, err := s.db.Query(ctx, `SELECT id, email, lang FROM status_subscriptions WHERE confirmed_at > 0 AND network IN (?`+strings.Repeat(", ?", len(networks)-1)+`) ORDER BY id`, networks...)
	if err != nil {
		return err
	}
	var subs []Subscription
	for rows.Next() {
		var sub Subscription
		if err := rows.Scan(&sub.ID, &sub.Email, &sub.Lang); err != nil {
			rows.Close()
			return err
		}
		subs = append(subs, sub)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, sub := range subs {
		if seen[sub.Email] {
			continue
		}
		seen[sub.Email] = true
		link := s.publicURL + "/status/unsubscribe?token=" + s.unsubscribeToken(sub.Email)
		if err := s.notifier.Notify(ctx, sub.Email, sub.Lang, in, link); err != nil {
			s.log.Warn("status: notify a subscriber", "incident", in.ID, "err", err)
		}
	}
	return nil
}
