package chat

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// visitorPrefix starts the external id of a visitor's anonymous customer.
const visitorPrefix = "visitor:"

// visitorRef is the external id of visitor id's anonymous customer.
func visitorRef(id int64) string { return visitorPrefix + strconv.FormatInt(id, 10) }

// newResumeToken is 32 random bytes, base64url: 43 characters.
func newResumeToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// tokenHash is what the database keeps of a resume token or a jti.
func tokenHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// wellFormedResume reports whether s could be a resume token.
func wellFormedResume(s string) bool {
	if len(s) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}

// visitor finds the visitor of resume token. An empty, malformed or
// unknown token gets a new token and id 0: the visitor is stored only when
// it first needs to be (addVisitor), so that sockets which only say hello
// write nothing.
func visitor(ctx context.Context, db *store.DB, token string) (id int64, resume string, err error) {
	if wellFormedResume(token) {
		err := db.QueryRow(ctx, `SELECT id FROM chat_visitors WHERE token_hash = ?`, tokenHash(token)).Scan(&id)
		switch {
		case err == nil:
			return id, token, nil
		case !errors.Is(err, sql.ErrNoRows):
			return 0, "", fmt.Errorf("chat visitor: %w", err)
		}
	}
	return 0, newResumeToken(), nil
}

// addVisitor stores the visitor of resume token (made by visitor).
func addVisitor(ctx context.Context, db *store.DB, resume string) (int64, error) {
	var id int64
	err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO chat_visitors (token_hash, created_at, last_seen_at) VALUES (?, ?, ?)`, tokenHash(resume), now, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("new chat visitor: %w", err)
	}
	return id, nil
}

// useTokenID records that visitorID presented the identity token with jti
// (kept until expires). It reports false when another visitor used it
// first: a replay.
func useTokenID(ctx context.Context, db *store.DB, jti string, visitorID int64, expires time.Time) (bool, error) {
	var first int64
	h := tokenHash(jti)
	err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		if _, err := tx.Exec(ctx, `DELETE FROM chat_token_uses WHERE expires_at < ?`, now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO chat_token_uses (jti_hash, visitor_id, expires_at) VALUES (?, ?, ?) ON CONFLICT (jti_hash) DO NOTHING`,
			h, visitorID, expires.UnixMilli()); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT visitor_id FROM chat_token_uses WHERE jti_hash = ?`, h).Scan(&first)
	})
	if err != nil {
		return false, fmt.Errorf("identity token use: %w", err)
	}
	return first == visitorID, nil
}

// recordSend records that client message id clientID of ticketID stored
// messageID, with the commit: on PostgreSQL inside the commit's statement,
// one multi-row INSERT for a whole group-commit batch. It claims nothing
// first: the table's key refuses a second message for one client id, so a
// duplicate that reaches the database fails its commit (and its batch,
// whose other calls then run alone), and the caller finds the stored
// message with sentMessage. Duplicates are rare: the widget resends only
// what the replay after a reconnect did not show as stored.
func recordSend(tx *store.Tx, ticketID int64, clientID string, messageID int64) {
	tx.AtCommitRow(`INSERT INTO chat_sends (ticket_id, client_id, message_id, created_at) VALUES`, ticketID, clientID, messageID, tx.Now())
}

// sentMessage is the id of the message stored for client message id
// clientID of ticketID, or 0 when there is none.
func sentMessage(ctx context.Context, db *store.DB, ticketID int64, clientID string) (int64, error) {
	var id int64
	err := db.QueryRow(ctx, `SELECT message_id FROM chat_sends WHERE ticket_id = ? AND client_id = ?`, ticketID, clientID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("client message id %q: %w", clientID, err)
	}
	return id, nil
}

// clientIDs maps the message ids of ticketID in [from, to] that have a
// client message id to it, for replays to the sender.
func clientIDs(ctx context.Context, db *store.DB, ticketID, from, to int64) (map[int64]string, error) {
	rows, err := db.Query(ctx, `SELECT message_id, client_id FROM chat_sends WHERE ticket_id = ? AND message_id BETWEEN ? AND ?`, ticketID, from, to)
	if err != nil {
		return nil, fmt.Errorf("client message ids: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var client string
		if err := rows.Scan(&id, &client); err != nil {
			return nil, fmt.Errorf("client message ids: %w", err)
		}
		out[id] = client
	}
	return out, rows.Err()
}

// Read receipts: who is "customer" or "agent".
func markRead(ctx context.Context, db *store.DB, ticketID int64, who string, seq int64) error {
	col := "customer_seq"
	if who == "agent" {
		col = "agent_seq"
	}
	err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		if _, err := tx.Exec(ctx, `INSERT INTO chat_reads (ticket_id, customer_seq, agent_seq, updated_at) VALUES (?, 0, 0, ?) ON CONFLICT (ticket_id) DO NOTHING`, ticketID, now); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE chat_reads SET `+col+` = ?, updated_at = ? WHERE ticket_id = ? AND `+col+` < ?`, seq, now, ticketID, seq)
		return err
	})
	if err != nil {
		return fmt.Errorf("read receipt of ticket %d: %w", ticketID, err)
	}
	return nil
}

func readSeqs(ctx context.Context, db *store.DB, ticketID int64) (customer, agent int64, err error) {
	err = db.QueryRow(ctx, `SELECT customer_seq, agent_seq FROM chat_reads WHERE ticket_id = ?`, ticketID).Scan(&customer, &agent)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("read receipts of ticket %d: %w", ticketID, err)
	}
	return customer, agent, nil
}

// assignee is the agent assigned to ticketID, 0 for none: the one agent a
// customer's screen share may reach.
func assignee(ctx context.Context, db *store.DB, ticketID int64) (int64, error) {
	var id sql.NullInt64
	if err := db.QueryRow(ctx, `SELECT assignee_id FROM tickets WHERE id = ?`, ticketID).Scan(&id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return 0, fmt.Errorf("chat: assignee of ticket %d: %w", ticketID, err)
	}
	return id.Int64, nil
}
