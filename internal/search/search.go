// Package search finds tickets by what their customers wrote without
// reading message bodies, which are sealed at rest. At intake the ticket
// store hands each customer message and each new ticket's fields to
// Index.Add, which keeps, per ticket, a keyed hash (HMAC-SHA256) of every
// e-mail address, TxID and blockchain address in them: a blind index. A
// search for one of those hashes the query the same way and looks the hash
// up; nothing is decrypted, and the table alone (in a dump, say) tells
// nobody which addresses or e-mails it holds. The hash keys are derived
// from the encryption keyring (seal.Keyring.Derive), one per key, so a
// search tries every configured key and rows written before a key rotation
// are still found while their key is configured.
package search

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Purpose is what the keyring derives the index keys for.
const Purpose = "ticket-blind-index"

// Entity kinds.
const (
	KindEmail = "email"
	KindChain = "chain" // a TxID or an address on any network
)

// Limits on what one text contributes, so that a pasted log costs little.
const (
	maxEntitiesPerText = 40
	maxTokensChecked   = 400
	minChainToken      = 25 // shorter strings are neither TxIDs nor addresses
	maxChainToken      = 130
	MaxResults         = 500 // tickets one entity search returns at most
)

// Entity is an e-mail address, TxID or address in normalised form.
type Entity struct {
	Kind  string
	Value string
}

// Identifier says whether a string is an address or TxID; *chain.Registry.
type Identifier interface {
	Identify(text string) chain.Identification
}

// Index writes and reads the blind index (table ticket_entities).
type Index struct {
	keys  []seal.Derived // active first
	chain Identifier
}

// New returns the index with keys from seal.Keyring.Derive(Purpose).
func New(keys []seal.Derived, chain Identifier) *Index {
	return &Index{keys: keys, chain: chain}
}

// Add records the entities of texts for ticketID, in the intake's
// transaction, hashed with the active key. The rows go with the commit
// (AtCommitRowOr), all of the transaction's in one INSERT: nothing in the
// intake's transaction reads them, and on PostgreSQL a new ticket or a
// message naming a TxID saves a round trip. A key already indexed for the
// ticket is skipped.
func (x *Index) Add(ctx context.Context, tx *store.Tx, ticketID int64, texts ...string) error {
	seen := map[Entity]bool{}
	for _, text := range texts {
		for _, e := range x.Entities(text) {
			if seen[e] {
				continue
			}
			seen[e] = true
			tx.AtCommitRowOr(`INSERT INTO ticket_entities (digest, ticket_id, key_id) VALUES`, `ON CONFLICT DO NOTHING`,
				x.digest(x.keys[0], e), ticketID, x.keys[0].ID)
		}
	}
	return nil
}

// Tickets returns the tickets whose customer wrote e (newest first, at most
// MaxResults); which of them a viewer may see is the caller's to decide.
func (x *Index) Tickets(ctx context.Context, db *store.DB, e Entity) ([]int64, error) {
	marks := make([]string, len(x.keys))
	args := make([]any, 0, len(x.keys)+1)
	for i, k := range x.keys {
		marks[i] = "?"
		args = append(args, x.digest(k, e))
	}
	args = append(args, MaxResults)
	rows, err := db.Query(ctx, `SELECT DISTINCT ticket_id FROM ticket_entities WHERE digest IN (`+strings.Join(marks, ",")+`) ORDER BY ticket_id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("blind index search: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("blind index search: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("blind index search: %w", err)
	}
	return ids, nil
}

func (x *Index) digest(k seal.Derived, e Entity) string {
	m := hmac.New(sha256.New, k.Bytes)
	m.Write([]byte(e.Kind))
	m.Write([]byte{0})
	m.Write([]byte(e.Value))
	return hex.EncodeToString(m.Sum(nil))
}

// Query reads a search box's text as one entity: an e-mail address, or a
// string the chain registry knows as a TxID or an address. ok is false for
// anything else (a ticket number, words of a subject).
func (x *Index) Query(q string) (Entity, bool) {
	q = strings.TrimSpace(q)
	if strings.Contains(q, "@") {
		if v, ok := normaliseEmail(q); ok {
			return Entity{KindEmail, v}, true
		}
		return Entity{}, false
	}
	if len(q) < minChainToken || len(q) > 4*maxChainToken {
		return Entity{}, false
	}
	return x.chainEntity(q)
}

// ChainRef is input's blind-index hash (with the active key) and normal
// form when input is a TxID or an address, for records that must name
// the value without keeping it (audit.ChainRefs).
func (x *Index) ChainRef(input string) (digest, normal string, ok bool) {
	input = strings.TrimSpace(input)
	if len(input) < minChainToken || len(input) > 4*maxChainToken {
		return "", "", false
	}
	e, ok := x.chainEntity(input)
	if !ok {
		return "", "", false
	}
	return x.digest(x.keys[0], e), e.Value, true
}

// Entities finds the e-mail addresses, TxIDs and addresses in text.
func (x *Index) Entities(text string) []Entity {
	var out []Entity
	seen := map[Entity]bool{}
	tokens := strings.FieldsFunc(text, isSeparator)
	for i, tok := range tokens {
		if i >= maxTokensChecked || len(out) >= maxEntitiesPerText {
			break
		}
		var e Entity
		var ok bool
		if strings.Contains(tok, "@") {
			var v string
			v, ok = normaliseEmail(tok)
			e = Entity{KindEmail, v}
		} else if len(tok) >= minChainToken && len(tok) <= maxChainToken && hasDigit(tok) {
			e, ok = x.chainEntity(tok)
		}
		if ok && !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

func (x *Index) chainEntity(s string) (Entity, bool) {
	id := x.chain.Identify(s)
	if len(id.Addresses) == 0 && len(id.TxIDs) == 0 {
		return Entity{}, false
	}
	return Entity{KindChain, normaliseChain(id.InputCleaned)}, true
}

// normaliseChain makes the spellings of one value equal: hex without its
// 0x and in lower case (an EVM checksum's mixed case, a TxID pasted with
// or without 0x), and single-case strings (bech32, cashaddr) in lower case.
// Mixed-case base58 is case-sensitive and stays as it is.
func normaliseChain(s string) string {
	if h := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"); h != "" && isHex(h) {
		return strings.ToLower(h)
	}
	if strings.ToLower(s) == s || strings.ToUpper(s) == s {
		return strings.ToLower(s)
	}
	return s
}

var emailPattern = regexp.MustCompile(`^[a-z0-9._%+\-]{1,64}@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,24}$`)

// normaliseEmail trims what surrounds an address in prose ("<a@b.io>,",
// "mailto:") and lower-cases it; ok is false when what is left is no address.
func normaliseEmail(s string) (string, bool) {
	s = strings.ToLower(strings.Trim(s, " \t<>()[]{}\"'`,;:.!?"))
	s = strings.TrimPrefix(s, "mailto:")
	if len(s) > 254 || !emailPattern.MatchString(s) {
		return "", false
	}
	return s, true
}

func isSeparator(r rune) bool {
	if unicode.IsSpace(r) {
		return true
	}
	switch r {
	case ',', ';', '(', ')', '[', ']', '{', '}', '<', '>', '"', '\'', '`', '|', '，', '、', '。', '：', '（', '）', '「', '」':
		return true
	}
	return false
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0
}

func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// Finder is the index over one database, for the inbox's search box.
type Finder struct {
	Index *Index
	DB    *store.DB
}

// Find returns the tickets whose customer wrote text, when text is an
// e-mail address, a TxID or an address; kind names which ("" when none).
func (f Finder) Find(ctx context.Context, text string) (ids []int64, kind string, err error) {
	e, ok := f.Index.Query(text)
	if !ok {
		return nil, "", nil
	}
	ids, err = f.Index.Tickets(ctx, f.DB, e)
	if err == nil && e.Kind == KindEmail {
		// The customer record's own address (kept in clear) finds their
		// tickets too, those that never mentioned it included.
		var more []int64
		more, err = f.customerTickets(ctx, strings.TrimSpace(text), e.Value)
		for _, id := range more {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		slices.Reverse(ids)
	}
	if ids == nil {
		ids = []int64{}
	}
	kind = "e-mail address"
	if e.Kind == KindChain {
		kind = "TxID or address"
	}
	return ids, kind, err
}

// customerTickets are the tickets of the customers whose e-mail address is
// typed or normalised (the column keeps what the exchange sent).
func (f Finder) customerTickets(ctx context.Context, typed, normalised string) ([]int64, error) {
	rows, err := f.DB.Query(ctx, `SELECT t.id FROM tickets t JOIN customers c ON c.id = t.customer_id
		WHERE c.email IN (?, ?) ORDER BY t.id DESC LIMIT ?`, typed, normalised, MaxResults)
	if err != nil {
		return nil, fmt.Errorf("customer e-mail search: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("customer e-mail search: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("customer e-mail search: %w", err)
	}
	return ids, nil
}
