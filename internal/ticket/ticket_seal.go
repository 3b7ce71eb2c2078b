package ticket

import (
	"fmt"
	"strconv"
)

// Sealer encrypts message bodies at rest; *seal.Keyring implements it.
// aad is bound to the ciphertext without being stored in it: a value opens
// only with the aad it was sealed with. Open returns text that was stored
// before sealing was on (no sealed-value prefix) unchanged.
type Sealer interface {
	Seal(plaintext, aad string) (string, error)
	Open(stored, aad string) (string, error)
}

// The store seals every message body it writes and opens every one it
// reads (NewStore requires the sealer).
//
// Only messages.body is sealed. Subjects stay plaintext: the inbox lists,
// filters and sorts them, and the guard has already cut secrets out of them.

// bodyAAD binds a sealed body to its table, column and ticket. The message
// id would bind it to its row, but a new row's id is known only after the
// INSERT, which would cost an UPDATE per message; the ticket id is known
// before. So a body copied into another ticket (another customer) does not
// open there, while a swap between two messages of one ticket would.
// Whatever moves messages between tickets must re-seal their bodies.
func bodyAAD(ticketID int64) string {
	return "messages.body:ticket=" + strconv.FormatInt(ticketID, 10)
}

// sealBody is what the messages.body column stores for body.
func (s *Store) sealBody(ticketID int64, body string) (string, error) {
	out, err := s.sealer.Seal(body, bodyAAD(ticketID))
	if err != nil {
		return "", fmt.Errorf("seal message body: %w", err)
	}
	return out, nil
}

// openBody turns a stored messages.body back into its text.
func (s *Store) openBody(ticketID, messageID int64, stored string) (string, error) {
	out, err := s.sealer.Open(stored, bodyAAD(ticketID))
	if err != nil {
		return "", fmt.Errorf("open body of message %d: %w", messageID, err)
	}
	return out, nil
}
