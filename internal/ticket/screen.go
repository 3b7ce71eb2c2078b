package ticket

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Screen is the gate every message passes before anything stores it: secrets
// a customer pastes are cut out, and an agent's or bot's message that asks
// for one is refused. The guard package implements it; the ticket store
// calls it inside the transaction that writes the message.
type Screen interface {
	// Inbound redacts secrets from the next customer text of a
	// conversation. state is what the previous call returned for that
	// conversation (nil for the first text), and previous the ref of the
	// text that call scanned as it was stored (a message id, or RefSubject).
	// A secret that text completes with earlier texts is cut from those
	// too: Screened.Earlier.
	Inbound(state []byte, previous int64, text string) Screened
	// Outbound says why text must not be sent to a customer, or "" if it
	// may. previous holds the ticket's earlier agent and bot messages,
	// oldest first, so that a request spread over several is seen.
	Outbound(previous []string, text string) string
	// Warning tells the customer, in their language, what was removed and what to do.
	Warning(language string, kinds []string) string
}

// Screened is the result of an inbound screen.
type Screened struct {
	Text    string   // what to store: HTML reduced to the text a reader sees, secrets replaced by markers
	Kinds   []string // kinds of secret removed, here or in earlier texts; empty when none
	Earlier []Cut    // parts of a secret in earlier texts of the conversation
	State   []byte   // the conversation's state after this text
	// Held: State keeps words of this text as a possible part of a phrase,
	// so a later text may still cut them here. Its body then stays out of
	// events (see MessageCreatedEvent.Withheld).
	Held bool
}

// Cut asks to replace [Start, End) of the stored text Ref, which starts
// with First and ends with Last, by Marker.
type Cut struct {
	Ref         int64
	Start, End  int
	Marker      string
	First, Last string
}

// RefSubject is the ref of a ticket's subject: the first text of its
// conversation. Messages are referred to by their ids.
const RefSubject = 0

// applyCut cuts c out of text. If the words are no longer where the state
// says (the text changed since), it cuts them where they are now.
func applyCut(text string, c Cut) string {
	if c.Start >= 0 && c.Start <= c.End && c.End <= len(text) &&
		strings.HasPrefix(text[c.Start:], c.First) && strings.HasSuffix(text[:c.End], c.Last) {
		return text[:c.Start] + c.Marker + text[c.End:]
	}
	i := strings.Index(text, c.First)
	if i < 0 {
		return text
	}
	j := i + len(c.First)
	if k := strings.Index(text[i:], c.Last); k >= 0 && c.Last != c.First {
		j = i + k + len(c.Last)
	}
	return text[:i] + c.Marker + text[j:]
}

// applyCuts applies the cuts of one text, last first so that spans hold.
func applyCuts(text string, cuts []Cut) string {
	slices.SortFunc(cuts, func(a, b Cut) int { return b.Start - a.Start })
	for _, c := range cuts {
		text = applyCut(text, c)
	}
	return text
}

// intake is what screening a new ticket's customer text found before the
// ticket exists: the subject's state and which fields lost a secret.
type intake struct {
	state   []byte
	kinds   []string
	changed []string // fields that were redacted: "subject", "customer.name", "custom_fields.<name>", "tags"
}

// screenIntake redacts a new ticket's subject, customer name, custom field
// values and tags in place. The subject starts the conversation's state
// (the first message continues it); the other fields are screened as one
// conversation of their own, so that a phrase spread over form fields is
// found too. Before both, screenJoined finds a phrase spread over the
// subject, the fields and the customer's first message.
func (s *Store) screenIntake(in *NewTicket, customerFirst bool) intake {
	var out intake
	out.kinds, out.changed = s.screenJoined(in, customerFirst)
	// Fields: name, then custom fields by name, then tags, each a text.
	fields, save := formTexts(in, " ")
	// Field i is ref -(i+1): these refs never leave this function.
	texts := make([]string, len(fields))
	var state []byte
	for i, f := range fields {
		res := s.screen.Inbound(state, int64(-i), *f.text)
		if s.labelledClean(f, res) {
			res.Text, res.Kinds = *f.text, nil
		}
		texts[i] = res.Text
		for _, c := range res.Earlier {
			if j := int(-c.Ref) - 1; c.Ref < 0 && j < i {
				texts[j] = applyCut(texts[j], c)
			}
		}
		out.kinds = mergeKinds(out.kinds, res.Kinds)
		state = res.State
	}
	for i, f := range fields {
		if texts[i] != *f.text {
			if !slices.Contains(out.changed, f.name) {
				out.changed = append(out.changed, f.name)
			}
			*f.text = texts[i]
		}
	}
	save(out.changed)
	res := s.screen.Inbound(nil, RefSubject, in.Subject)
	if res.Text != in.Subject {
		if !slices.Contains(out.changed, "subject") {
			out.changed = append(out.changed, "subject")
		}
		in.Subject = res.Text
	}
	out.kinds = mergeKinds(out.kinds, res.Kinds)
	out.state = res.State
	return out
}

// labelledClean reports whether a custom field's value, which res found
// a secret in on its own, holds none once read under the field's name, as
// the form shows it: a 64-digit hex string is a private key to the guard
// unless a word says otherwise, and in a field named "txid" the name is
// that word (the widget's pre-chat form asks for the deposit's TxID).
// Only a finding within the value itself is undone: one that joined
// earlier fields (res.Earlier) stands.
func (s *Store) labelledClean(f intakeText, res Screened) bool {
	name, ok := strings.CutPrefix(f.name, "custom_fields.")
	if !ok || len(res.Kinds) == 0 || len(res.Earlier) > 0 || res.Text == *f.text {
		return false
	}
	return len(s.screen.Inbound(nil, 0, name+": "+*f.text).Kinds) == 0
}

// screenJoined screens a new ticket's texts as one conversation, in the
// order a reader meets them: subject, customer name, custom fields (by
// name), tags and, when it is the customer's, the first message. Only the
// texts that hold part of a secret that spans several of them take this
// pass's redaction; the passes after it (and the message's own screen)
// find what lies within one text. It returns the kinds removed and the
// fields changed.
func (s *Store) screenJoined(in *NewTicket, customerFirst bool) ([]string, []string) {
	// Each tag a line of its own. Tags come sorted (Validate), so a
	// phrase spread over several of them is read in their sorted order.
	fields, save := formTexts(in, "\n")
	parts := append([]intakeText{{"subject", &in.Subject}}, fields...)
	if customerFirst && in.Message != "" {
		parts = append(parts, intakeText{"message", &in.Message})
	}
	if len(parts) < 2 {
		return nil, nil
	}
	texts := make([]string, len(parts))
	spans := make([]bool, len(parts)) // the text holds part of a secret across texts
	var kinds []string
	var state []byte
	for i, p := range parts {
		// Part i is ref -(i+1); these refs never leave this function.
		res := s.screen.Inbound(state, int64(-i), *p.text)
		texts[i] = res.Text
		for _, c := range res.Earlier {
			if j := int(-c.Ref) - 1; c.Ref < 0 && j < i {
				texts[j] = applyCut(texts[j], c)
				spans[j], spans[i] = true, true
				kinds = mergeKinds(kinds, res.Kinds)
			}
		}
		state = res.State
	}
	var changed []string
	for i, p := range parts {
		if !spans[i] || texts[i] == *p.text {
			continue
		}
		*p.text = texts[i]
		if p.name != "message" {
			changed = append(changed, p.name)
		}
	}
	save(changed)
	return kinds, changed
}

// intakeText is one of a new ticket's customer texts, screened in place.
type intakeText struct {
	name string
	text *string
}

// formTexts lists a new ticket's customer name, custom field values (in
// form order) and tags (joined by sep) as texts to screen, and returns
// what writes the screened values back into in; changed names the texts
// that lost something.
func formTexts(in *NewTicket, sep string) ([]intakeText, func(changed []string)) {
	var texts []intakeText
	if in.Customer.Name != "" {
		texts = append(texts, intakeText{"customer.name", &in.Customer.Name})
	}
	names := make([]string, 0, len(in.CustomFields))
	for k := range in.CustomFields {
		names = append(names, k)
	}
	sortFieldNames(names)
	values := make([]string, len(names))
	for i, k := range names {
		values[i] = in.CustomFields[k]
		texts = append(texts, intakeText{"custom_fields." + k, &values[i]})
	}
	tags := strings.Join(in.Tags, sep)
	if tags != "" {
		texts = append(texts, intakeText{"tags", &tags})
	}
	return texts, func(changed []string) {
		for i, k := range names {
			in.CustomFields[k] = values[i]
		}
		if tags != "" && slices.Contains(changed, "tags") {
			in.Tags = redactedTags(strings.Fields(tags))
		}
	}
}

// sortFieldNames orders custom field names as a form shows them: numbers
// by their value, so that "word 2" comes before "word 10" and a phrase
// typed a word a field is read in its order.
func sortFieldNames(names []string) {
	slices.SortFunc(names, func(a, b string) int {
		for a != "" && b != "" {
			da, db := digitPrefix(a), digitPrefix(b)
			if da != "" && db != "" {
				na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
				if c := cmp.Compare(len(na), len(nb)); c != 0 {
					return c
				}
				if c := strings.Compare(na, nb); c != 0 {
					return c
				}
				a, b = a[len(da):], b[len(db):]
				continue
			}
			ra, sa := utf8.DecodeRuneInString(a)
			rb, sb := utf8.DecodeRuneInString(b)
			if c := cmp.Compare(ra, rb); c != 0 {
				return c
			}
			a, b = a[sa:], b[sb:]
		}
		return cmp.Compare(len(a), len(b))
	})
}

func digitPrefix(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// redactedTags turns tags that hold a marker back into valid tags: a tag
// has no spaces, so "[seed phrase removed]" becomes "seed-phrase-removed",
// and "wallet-[seed phrase removed]" "wallet-seed-phrase-removed".
func redactedTags(words []string) []string {
	joined := markerInTags.ReplaceAllStringFunc(strings.Join(words, " "), func(m string) string {
		return strings.ReplaceAll(strings.Trim(m, "[]"), " ", "-")
	})
	out := strings.Fields(joined)
	slices.Sort(out)
	return slices.Compact(out)
}

// markerInTags matches a guard marker ("[seed phrase removed]").
var markerInTags = regexp.MustCompile(`\[[^\[\]]*\]`)

func mergeKinds(a, b []string) []string {
	for _, k := range b {
		if !slices.Contains(a, k) {
			a = append(a, k)
		}
	}
	slices.Sort(a)
	return a
}

// startScreen stores a new ticket's conversation state (the subject's),
// unless save is false (the customer's first message stores it), and
// audits what screenIntake removed, in the ticket's transaction.
func (s *Store) startScreen(ctx context.Context, tx *store.Tx, ticketID int64, in intake, save bool) error {
	if save {
		if err := s.saveScreenState(ctx, tx, ticketID, in.state, in.kinds, RefSubject); err != nil {
			return err
		}
	}
	if len(in.changed) == 0 {
		return nil
	}
	detail := map[string]any{"ticket_id": ticketID, "fields": in.changed, "kinds": in.kinds}
	if err := s.audit.Record(ctx, "guard.secret_redacted", "ticket", fmt.Sprint(ticketID), detail); err != nil {
		return err
	}
	return SecretRedacted.Emit(ctx, tx, SecretRedactedEvent{TicketID: ticketID, Fields: in.changed, Kinds: in.kinds})
}

func stateAAD(ticketID int64) string {
	return "screen_state:ticket=" + strconv.FormatInt(ticketID, 10)
}

// storedState is a ticket's screen_state row as read.
type storedState struct {
	state, warn string
	last        sql.NullInt64
}

// loadScreenState reads a ticket's conversation state, the kinds of secret
// still to warn of and the ref of its latest customer text, and locks the
// row for the transaction (PostgreSQL; SQLite has one writer).
func (s *Store) loadScreenState(ctx context.Context, tx *store.Tx, ticketID int64) (*conversation, error) {
	q := `SELECT state, warn, last_ref FROM screen_state WHERE ticket_id = ?`
	if tx.Dialect() == store.Postgres {
		q += ` FOR UPDATE`
	}
	var st storedState
	err := tx.QueryRow(ctx, q, ticketID).Scan(&st.state, &st.warn, &st.last)
	if errors.Is(err, sql.ErrNoRows) {
		ref, err := lastCustomerText(ctx, tx, ticketID)
		return &conversation{previous: ref}, err
	}
	if err != nil {
		return nil, fmt.Errorf("load screen state: %w", err)
	}
	return s.openScreenState(ctx, tx, ticketID, st)
}

// openScreenState decodes a ticket's stored screen state. A state that
// cannot be opened (its key retired, say) counts as empty: the guard then
// only loses sight of earlier messages.
func (s *Store) openScreenState(ctx context.Context, tx *store.Tx, ticketID int64, st storedState) (*conversation, error) {
	conv := &conversation{warn: strings.Fields(st.warn), previous: st.last.Int64}
	if !st.last.Valid { // saved before the state kept it
		var err error
		if conv.previous, err = lastCustomerText(ctx, tx, ticketID); err != nil {
			return nil, err
		}
	}
	stored := st.state
	if s.sealer != nil {
		var err error
		if stored, err = s.sealer.Open(stored, stateAAD(ticketID)); err != nil {
			return conv, nil
		}
	}
	if b, err := base64.StdEncoding.DecodeString(stored); err == nil {
		conv.state = b
	}
	return conv, nil
}

// saveScreenState stores a ticket's conversation state, sealed, the kinds
// of secret the next customer message's warning must name, and the ref of
// the customer text the state ends with.
func (s *Store) saveScreenState(ctx context.Context, tx *store.Tx, ticketID int64, state []byte, warn []string, last int64) error {
	sealed, err := s.sealScreenState(ticketID, state, warn)
	if err != nil {
		return err
	}
	return s.writeScreenState(ctx, tx, ticketID, *sealed, last)
}

// sealedState is a screen state ready to store.
type sealedState struct {
	stored, warn string
}

// sealScreenState seals a ticket's conversation state for storing.
func (s *Store) sealScreenState(ticketID int64, state []byte, warn []string) (*sealedState, error) {
	stored := base64.StdEncoding.EncodeToString(state)
	if s.sealer != nil {
		var err error
		if stored, err = s.sealer.Seal(stored, stateAAD(ticketID)); err != nil {
			return nil, fmt.Errorf("seal screen state: %w", err)
		}
	}
	return &sealedState{stored: stored, warn: strings.Join(warn, " ")}, nil
}

// upsertState is the statement that stores a screen state, its row given
// by rows (ticket_id, state, warn, last_ref, updated_at).
func upsertState(rows string) string {
	return `INSERT INTO screen_state (ticket_id, state, warn, last_ref, updated_at) ` + rows + `
		ON CONFLICT (ticket_id) DO UPDATE SET state = excluded.state, warn = excluded.warn, last_ref = excluded.last_ref, updated_at = excluded.updated_at`
}

// writeScreenState stores a sealed state ending with the customer text last.
func (s *Store) writeScreenState(ctx context.Context, tx *store.Tx, ticketID int64, st sealedState, last int64) error {
	if _, err := tx.Exec(ctx, upsertState(`VALUES (?, ?, ?, ?, ?)`), ticketID, st.stored, st.warn, last, tx.Now()); err != nil {
		return fmt.Errorf("save screen state: %w", err)
	}
	return nil
}

// lastCustomerText is the ref of the conversation's latest customer text:
// its last public customer message, or the subject.
func lastCustomerText(ctx context.Context, tx *store.Tx, ticketID int64) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM messages WHERE ticket_id = ? AND author_kind = 'customer' AND internal = 0 ORDER BY id DESC LIMIT 1`, ticketID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return RefSubject, nil
	}
	if err != nil {
		return 0, fmt.Errorf("last customer message: %w", err)
	}
	return id, nil
}

// cutEarlier applies cuts to the ticket's earlier texts: the subject, or
// messages re-read, opened, cut and sealed again. Each changed text is
// audited like a redacted message.
func (s *Store) cutEarlier(ctx context.Context, tx *store.Tx, ticketID int64, cuts []Cut, kinds []string) error {
	byRef := map[int64][]Cut{}
	for _, c := range cuts {
		byRef[c.Ref] = append(byRef[c.Ref], c)
	}
	for ref, cs := range byRef {
		if ref == RefSubject {
			var subject string
			if err := tx.QueryRow(ctx, `SELECT subject FROM tickets WHERE id = ?`, ticketID).Scan(&subject); err != nil {
				return fmt.Errorf("redact subject: %w", err)
			}
			if _, err := tx.Exec(ctx, `UPDATE tickets SET subject = ? WHERE id = ?`, applyCuts(subject, cs), ticketID); err != nil {
				return fmt.Errorf("redact subject: %w", err)
			}
			if err := s.auditEarlier(ctx, tx, ticketID, "ticket", ticketID, kinds); err != nil {
				return err
			}
			continue
		}
		var stored string
		err := tx.QueryRow(ctx, `SELECT body FROM messages WHERE id = ? AND ticket_id = ?`, ref, ticketID).Scan(&stored)
		if errors.Is(err, sql.ErrNoRows) {
			continue // no longer in this ticket
		}
		if err != nil {
			return fmt.Errorf("redact earlier message: %w", err)
		}
		body, err := s.openBody(ticketID, ref, stored)
		if err != nil {
			return err
		}
		if stored, err = s.sealBody(ticketID, applyCuts(body, cs)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE messages SET body = ? WHERE id = ?`, stored, ref); err != nil {
			return fmt.Errorf("redact earlier message: %w", err)
		}
		if err := s.auditEarlier(ctx, tx, ticketID, "message", ref, kinds); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) auditEarlier(ctx context.Context, tx *store.Tx, ticketID int64, kind string, id int64, kinds []string) error {
	detail := map[string]any{"ticket_id": ticketID, "kinds": kinds, "earlier": true}
	ev := SecretRedactedEvent{TicketID: ticketID, Kinds: kinds, Earlier: true}
	if kind == "message" {
		detail["message_id"], ev.MessageID = id, id
	} else {
		detail["fields"], ev.Fields = []string{"subject"}, []string{"subject"}
	}
	if err := s.audit.Record(ctx, "guard.secret_redacted", kind, fmt.Sprint(id), detail); err != nil {
		return err
	}
	return SecretRedacted.Emit(ctx, tx, ev)
}
