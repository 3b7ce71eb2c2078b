package ticket

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/store"
)

// An internal note mentions an agent with "@" and the local part of the
// agent's e-mail address ("@jordan" for jordan@example.com), or the whole
// address when two agents share a local part ("@jordan@example.com").

// maxMentions bounds the agents one note may mention.
const maxMentions = 20

// ParseMentions returns the distinct handles a note mentions, lowercased,
// in the order they first appear. An "@" inside a word (an e-mail address
// written in the note) is not a mention.
func ParseMentions(body string) []string {
	var out []string
	for i := 0; i < len(body); {
		at := strings.IndexByte(body[i:], '@')
		if at < 0 {
			break
		}
		at += i
		i = at + 1
		if at > 0 {
			prev, _ := utf8.DecodeLastRuneInString(body[:at])
			if handleRune(prev) || prev == '@' {
				continue
			}
		}
		if first, _ := utf8.DecodeRuneInString(body[i:]); !handleRune(first) {
			continue
		}
		end := i
		for end < len(body) {
			r, size := utf8.DecodeRuneInString(body[end:])
			if !handleRune(r) && r != '@' {
				break
			}
			end += size
		}
		// A sentence may end right after a handle: "thanks @jordan."
		handle := strings.TrimRight(body[i:end], ".-@")
		i = end
		if handle == "" || len(handle) > 254 {
			continue
		}
		handle = strings.ToLower(handle)
		if !slices.Contains(out, handle) {
			out = append(out, handle)
		}
		if len(out) == maxMentions {
			break
		}
	}
	return out
}

// handleRune reports whether r may appear in a mention handle.
func handleRune(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-' || r == '+')
}

// recordMentions stores the mentions of note m, which its author wrote in
// tx, and emits mention.created for each agent mentioned. Handles that name
// no active agent are plain text. An author mentioning themselves is not
// notified.
func (s *Store) recordMentions(ctx context.Context, tx *store.Tx, m Message) ([]int64, error) {
	handles := ParseMentions(m.Body)
	if len(handles) == 0 {
		return nil, nil
	}
	agents, err := mentionable(ctx, tx)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, h := range handles {
		for _, a := range agents {
			local, _, _ := strings.Cut(a.email, "@")
			if (h == a.email || h == local) && !slices.Contains(ids, a.id) && (m.AuthorID == nil || *m.AuthorID != a.id) {
				ids = append(ids, a.id)
			}
		}
	}
	now := tx.Now()
	for _, id := range ids {
		if _, err := tx.Exec(ctx, `INSERT INTO mentions (message_id, agent_id, ticket_id, author_id, created_at) VALUES (?, ?, ?, ?, ?)`,
			m.ID, id, m.TicketID, m.AuthorID, now); err != nil {
			return nil, fmt.Errorf("record mention: %w", err)
		}
		if err := MentionCreated.Emit(ctx, tx, MentionCreatedEvent{TicketID: m.TicketID, MessageID: m.ID, AgentID: id, AuthorID: m.AuthorID}); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

type mentionableAgent struct {
	id    int64
	email string
}

func mentionable(ctx context.Context, tx *store.Tx) ([]mentionableAgent, error) {
	rows, err := tx.Query(ctx, `SELECT id, email FROM agents WHERE active = 1 AND role <> 'integration' ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("agents to mention: %w", err)
	}
	defer rows.Close()
	var out []mentionableAgent
	for rows.Next() {
		var a mentionableAgent
		if err := rows.Scan(&a.id, &a.email); err != nil {
			return nil, fmt.Errorf("agents to mention: %w", err)
		}
		a.email = strings.ToLower(a.email)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Mention is one internal note that mentions the agent reading it.
type Mention struct {
	TicketID  int64     `json:"ticket_id"`
	MessageID int64     `json:"message_id"`
	Subject   string    `json:"subject"`
	AuthorID  *int64    `json:"author_id"`
	CreatedAt time.Time `json:"created_at"`
	Read      bool      `json:"read"`
}

// Mentions lists the notes that mention agent v, newest first, on tickets
// v may see; unreadOnly keeps those v has not opened the ticket since.
func (s *Store) Mentions(ctx context.Context, v Viewer, unreadOnly bool, limit int) ([]Mention, error) {
	q := `SELECT m.ticket_id, m.message_id, t.subject, m.author_id, m.created_at, m.read_at
		FROM mentions m JOIN tickets t ON t.id = m.ticket_id WHERE m.agent_id = ?`
	args := []any{v.AgentID}
	if unreadOnly {
		q += ` AND m.read_at = 0`
	}
	if cond, condArgs := v.visible("t"); cond != "" {
		q += ` AND ` + cond
		args = append(args, condArgs...)
	}
	if limit < 1 || limit > 500 {
		limit = 100
	}
	rows, err := s.db.Query(ctx, q+` ORDER BY m.message_id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("mentions of agent %d: %w", v.AgentID, err)
	}
	defer rows.Close()
	out := []Mention{}
	for rows.Next() {
		var m Mention
		var author sql.NullInt64
		var created, read int64
		if err := rows.Scan(&m.TicketID, &m.MessageID, &m.Subject, &author, &created, &read); err != nil {
			return nil, fmt.Errorf("mentions of agent %d: %w", v.AgentID, err)
		}
		if author.Valid {
			m.AuthorID = &author.Int64
		}
		m.CreatedAt, m.Read = store.Time(created), read != 0
		out = append(out, m)
	}
	return out, rows.Err()
}

// MentionedTickets returns the ids of the tickets v may see where a note
// mentions v and v has not opened the ticket since, newest mention first:
// the inbox's "mentions" view.
func (s *Store) MentionedTickets(ctx context.Context, v Viewer) ([]int64, error) {
	ms, err := s.Mentions(ctx, v, true, 500)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, m := range ms {
		if !slices.Contains(ids, m.TicketID) {
			ids = append(ids, m.TicketID)
		}
	}
	return ids, nil
}

// MarkMentionsRead marks agent agentID's mentions on ticket ticketID read,
// as opening the ticket does, and returns how many were unread.
func (s *Store) MarkMentionsRead(ctx context.Context, agentID, ticketID int64) (int64, error) {
	res, err := s.db.Exec(ctx, `UPDATE mentions SET read_at = ? WHERE agent_id = ? AND ticket_id = ? AND read_at = 0`, s.db.Now(), agentID, ticketID)
	if err != nil {
		return 0, fmt.Errorf("mark mentions on ticket %d read: %w", ticketID, err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
