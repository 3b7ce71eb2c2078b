package attach

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Attachment is a stored file's record; its bytes are read with Store.Open.
type Attachment struct {
	ID           int64  `json:"id"`
	TicketID     int64  `json:"ticket_id"`
	UploaderKind string `json:"uploader_kind"` // "customer" or "agent"
	UploaderID   *int64 `json:"uploader_id,omitempty"`
	Name         string `json:"name"`
	ContentType  string `json:"content_type"`
	Size         int64  `json:"size"`
	SHA256       string `json:"sha256"`
	Width        int    `json:"width,omitempty"`
	Height       int    `json:"height,omitempty"`
	// MessageID is the conversation message that announced the file (a
	// customer's upload from the chat widget), if any.
	MessageID *int64    `json:"message_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	blobKey   string
}

// Uploader says who attached a file: a customer (AgentID nil) or an agent.
type Uploader struct {
	Kind    string // "customer" or "agent"
	AgentID *int64
}

// Sealer encrypts file contents at rest; *seal.Keyring implements it.
type Sealer interface {
	Seal(plaintext, aad string) (string, error)
	Open(stored, aad string) (string, error)
}

// Auditor records who read a file; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// Store keeps attachments: records in the database, bytes in Blobs, sealed.
type Store struct {
	db     *store.DB
	blobs  Blobs
	sealer Sealer
	audit  Auditor
	// Redact cuts secrets out of a file's name before it is stored (the
	// guard's scan): customers name files, and a name is listed on the
	// ticket as given. Nil keeps names as cleaned (tests only).
	Redact func(text string) string
}

// NewStore returns a store; blobs nil keeps the bytes in the database.
func NewStore(db *store.DB, blobs Blobs, sealer Sealer, audit Auditor) (*Store, error) {
	if db == nil || sealer == nil || audit == nil {
		return nil, errors.New("attachment store: a database, a sealer and an audit log are required")
	}
	if blobs == nil {
		blobs = DBBlobs{DB: db}
	}
	return &Store{db: db, blobs: blobs, sealer: sealer, audit: audit}, nil
}

func blobAAD(key string) string { return "attachment:" + key }

// Add cleans a file and attaches it to a ticket. The caller has checked
// that the uploader may write on the ticket. The bytes are written first:
// a failure after that leaves an unreferenced blob, never a record without
// its file.
func (s *Store) Add(ctx context.Context, ticketID int64, by Uploader, name string, data []byte) (Attachment, error) {
	return s.AddThen(ctx, ticketID, by, name, data, nil)
}

// AddThen is Add with then run in the transaction that records the file:
// when then refuses it (an appeal closed meanwhile), no record is kept and
// the bytes are deleted, so no one can read a file that was refused.
func (s *Store) AddThen(ctx context.Context, ticketID int64, by Uploader, name string, data []byte,
	then func(ctx context.Context, a Attachment) error) (Attachment, error) {
	if by.Kind != "customer" && by.Kind != "agent" {
		return Attachment{}, fmt.Errorf("add attachment: unknown uploader kind %q", by.Kind)
	}
	c, err := Clean(name, data)
	if err != nil {
		return Attachment{}, err
	}
	if s.Redact != nil {
		c.Name = s.Redact(c.Name)
	}
	key, err := newBlobKey()
	if err != nil {
		return Attachment{}, err
	}
	sealed, err := s.sealer.Seal(string(c.Data), blobAAD(key))
	if err != nil {
		return Attachment{}, fmt.Errorf("add attachment: seal: %w", err)
	}
	if err := s.blobs.Put(ctx, key, []byte(sealed)); err != nil {
		return Attachment{}, fmt.Errorf("add attachment: %w", err)
	}
	sum := sha256.Sum256(c.Data)
	a := Attachment{TicketID: ticketID, UploaderKind: by.Kind, UploaderID: by.AgentID, Name: c.Name, ContentType: c.ContentType,
		Size: int64(len(c.Data)), SHA256: hex.EncodeToString(sum[:]), Width: c.Width, Height: c.Height, blobKey: key}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		a.CreatedAt = store.Time(now)
		var err error
		a.ID, err = tx.InsertID(ctx, `INSERT INTO attachments (ticket_id, uploader_kind, uploader_id, name, content_type, size, sha256, width, height, blob_key, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ticketID, a.UploaderKind, a.UploaderID, a.Name, a.ContentType, a.Size, a.SHA256, a.Width, a.Height, key, now)
		if err != nil {
			return err
		}
		if then != nil {
			if err := then(ctx, a); err != nil {
				return err
			}
		}
		return AttachmentAdded.Emit(ctx, tx, AddedEvent{TicketID: ticketID, AttachmentID: a.ID, UploaderKind: a.UploaderKind,
			UploaderID: a.UploaderID, ContentType: a.ContentType, Size: a.Size})
	})
	if err != nil {
		if derr := s.blobs.Delete(context.WithoutCancel(ctx), key); derr != nil {
			err = errors.Join(err, derr)
		}
		return Attachment{}, fmt.Errorf("add attachment to ticket %d: %w", ticketID, err)
	}
	return a, nil
}

func newBlobKey() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("blob key: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

const columns = `id, ticket_id, uploader_kind, uploader_id, name, content_type, size, sha256, width, height, blob_key, message_id, created_at`

func scan(row interface{ Scan(...any) error }) (Attachment, error) {
	var a Attachment
	var created int64
	err := row.Scan(&a.ID, &a.TicketID, &a.UploaderKind, &a.UploaderID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.Width, &a.Height, &a.blobKey, &a.MessageID, &created)
	a.CreatedAt = store.Time(created)
	return a, err
}

// Get returns an attachment's record.
func (s *Store) Get(ctx context.Context, id int64) (Attachment, error) {
	a, err := scan(s.db.QueryRow(ctx, `SELECT `+columns+` FROM attachments WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Attachment{}, errs.E(errs.NotFound, "no attachment %d", id)
	}
	if err != nil {
		return Attachment{}, fmt.Errorf("get attachment %d: %w", id, err)
	}
	return a, nil
}

// List returns a ticket's attachments, oldest first.
func (s *Store) List(ctx context.Context, ticketID int64) ([]Attachment, error) {
	rows, err := s.db.Query(ctx, `SELECT `+columns+` FROM attachments WHERE ticket_id = ? ORDER BY id`, ticketID)
	if err != nil {
		return nil, fmt.Errorf("list attachments of ticket %d: %w", ticketID, err)
	}
	defer rows.Close()
	out := []Attachment{}
	for rows.Next() {
		a, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("list attachments of ticket %d: %w", ticketID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// LinkMessage records that message messageID of the file's ticket
// announces attachment id.
func (s *Store) LinkMessage(ctx context.Context, id, messageID int64) error {
	if _, err := s.db.Exec(ctx, `UPDATE attachments SET message_id = ? WHERE id = ?`, messageID, id); err != nil {
		return fmt.Errorf("link attachment %d to message %d: %w", id, messageID, err)
	}
	return nil
}

// Open returns a file's bytes and audits the read: reader says who, e.g.
// "agent:12" or "customer:7".
func (s *Store) Open(ctx context.Context, a Attachment, reader string) ([]byte, error) {
	sealed, err := s.blobs.Get(ctx, a.blobKey)
	if err != nil {
		return nil, fmt.Errorf("open attachment %d: %w", a.ID, err)
	}
	plain, err := s.sealer.Open(string(sealed), blobAAD(a.blobKey))
	if err != nil {
		return nil, fmt.Errorf("open attachment %d: %w", a.ID, err)
	}
	if err := s.audit.Record(ctx, "attachment.downloaded", "attachment", strconv.FormatInt(a.ID, 10),
		map[string]any{"ticket_id": a.TicketID, "reader": reader}); err != nil {
		return nil, fmt.Errorf("open attachment %d: %w", a.ID, err)
	}
	return []byte(plain), nil
}
