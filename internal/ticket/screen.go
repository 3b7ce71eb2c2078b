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

	"github.com/groundcrew/groundcrew/internal/errs"
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

// PlainScreen is a Screen that can read a text as typed rather than as
// HTML. A subject, a name, a custom field's value and a tag are what the
// customer typed, never markup to render: read as HTML,
// "<script>alert(1)</script>" was reduced to the nothing a browser shows
// of it and stored as an empty subject, and a name "<b>Ana</b>" as "Ana".
type PlainScreen interface {
	InboundPlain(state []byte, previous int64, text string) Screened
}

// inboundPlain screens a plain-text field (subject, name, custom field,
// tags) as typed when the screen can.
func (s *Store) inboundPlain(state []byte, previous int64, text string) Screened {
	if p, ok := s.screen.(PlainScreen); ok {
		return p.InboundPlain(state, previous, text)
	}
	return s.screen.Inbound(state, previous, text)
}

// StateJoiner is a Screen that can make one state of two conversations'
// (guard.Join), whose latest texts are aRef and bRef, with their texts in
// the order they were written (order gives a text's ref the key to sort it
// by): the anonymous chat of a visitor who signs in joins the customer's
// (AttachCustomer), who may have typed elsewhere in the meantime. Without
// it, the anonymous state replaces the customer's.
type StateJoiner interface {
	JoinStates(a []byte, aRef int64, b []byte, bRef int64, order func(ref int64) int64) []byte
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
	var subject subjectScan
	out.kinds, out.changed, subject = s.screenJoined(in, customerFirst)
	// Fields: name, then custom fields by name, then tags, each a text.
	fields, save := formTexts(in, " ")
	// Field i is ref -(i+1): these refs never leave this function.
	texts := make([]string, len(fields))
	var state []byte
	for i, f := range fields {
		res := s.inboundPlain(state, int64(-i), *f.text)
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
	res, ok := subject.reuse(in.Subject)
	if !ok {
		res = s.inboundPlain(nil, RefSubject, in.Subject)
	}
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
	return len(s.inboundPlain(nil, 0, name+": "+*f.text).Kinds) == 0
}

// subjectScan is the subject's screen as the first text of a
// conversation (no state, previous RefSubject), kept by screenJoined.
type subjectScan struct {
	text string
	res  *Screened
}

// reuse returns the kept screen if it was of text: the screen is a pure
// function of its arguments, so screening the same subject alone again
// (screenIntake) would return the same result.
func (k subjectScan) reuse(text string) (Screened, bool) {
	if k.res == nil || k.text != text {
		return Screened{}, false
	}
	return *k.res, true
}

// screenJoined screens a new ticket's texts as one conversation, in the
// order a reader meets them: subject, customer name, custom fields (by
// name), tags and, when it is the customer's, the first message. Only the
// texts that hold part of a secret that spans several of them take this
// pass's redaction; the passes after it (and the message's own screen)
// find what lies within one text. It returns the kinds removed, the
// fields changed and the subject's screen as the conversation's first
// text, which screening the subject alone can reuse.
func (s *Store) screenJoined(in *NewTicket, customerFirst bool) ([]string, []string, subjectScan) {
	// Each tag a line of its own, in the order typed (made a set after
	// the screen), so a phrase one word a tag is read as it was sent.
	fields, save := formTexts(in, "\n")
	parts := append([]intakeText{{"subject", &in.Subject}}, fields...)
	if customerFirst && in.Message != "" {
		parts = append(parts, intakeText{"message", &in.Message})
	}
	if len(parts) < 2 {
		return nil, nil, subjectScan{}
	}
	texts := make([]string, len(parts))
	spans := make([]bool, len(parts)) // the text holds part of a secret across texts
	var kinds []string
	var state []byte
	first := subjectScan{text: in.Subject}
	for i, p := range parts {
		// Part i is ref -(i+1); these refs never leave this function.
		// The subject's call, with no state and previous 0, is the
		// one that screens it alone (screenIntake).
		var res Screened
		switch {
		case i == 0:
			res = s.inboundPlain(state, 0, *p.text)
			first.res = &res
		case p.name == "message":
			res = s.screen.Inbound(state, int64(-i), *p.text) // may be an HTML mail
		default:
			res = s.inboundPlain(state, int64(-i), *p.text)
		}
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
	return kinds, changed, first
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

// checkFieldNames refuses custom fields whose names, read in the order a
// form shows them, hold a secret (a phrase one word a field name). Values
// are redacted where they stand, but a name is a key: there is no
// redacted form of it to keep, so nothing is stored and the caller is
// told which kind was seen, never the words.
func (s *Store) checkFieldNames(fields map[string]string) error {
	if len(fields) < 2 {
		return nil // one name of at most 64 characters holds no phrase
	}
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sortFieldNames(names)
	kinds := s.inboundPlain(nil, 0, strings.Join(names, "\n")).Kinds
	if len(kinds) == 0 {
		return nil
	}
	return errs.Field("custom_fields", "custom field names together look like a secret (%s); nothing was stored: put text in a field's value, not in its name", strings.Join(kinds, ", "))
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

// auditIntake audits what screenIntake removed from a ticket's subject,
// name, custom fields or tags, in the ticket's transaction.
func (s *Store) auditIntake(ctx context.Context, tx *store.Tx, ticketID int64, in intake) error {
	if len(in.changed) == 0 {
		return nil
	}
	detail := map[string]any{"ticket_id": ticketID, "fields": in.changed, "kinds": in.kinds}
	if err := s.audit.Record(ctx, "guard.secret_redacted", "ticket", fmt.Sprint(ticketID), detail); err != nil {
		return err
	}
	return SecretRedacted.Emit(ctx, tx, SecretRedactedEvent{TicketID: ticketID, Fields: in.changed, Kinds: in.kinds})
}

// The screen state follows the customer: every customer text of every
// ticket of theirs (subjects and public messages, in the order stored)
// continues one state, so a phrase begun in one conversation and ended in
// another is still found. Refs in it name a message by its id, or a
// ticket's subject by minus the ticket's id.

// subjectRef is the ref of ticket ticketID's subject in a customer's state.
func subjectRef(ticketID int64) int64 { return -ticketID }

func stateAAD(customerID int64) string {
	return "screen_state:customer=" + strconv.FormatInt(customerID, 10)
}

// conversation is a customer's screen state as a transaction knows it.
type conversation struct {
	state    []byte
	previous int64 // the ref of the customer's latest text
	// warn: kinds of secret cut from the subject or form fields of ticket
	// warnTicket, for the warning after the customer's next message there.
	warn       []string
	warnTicket int64
}

// warnFor is what the next customer message in ticketID must warn of
// from earlier, and what the state keeps for later.
func (c *conversation) warnFor(ticketID int64) (now, keep []string, keepTicket int64) {
	if c.warnTicket == ticketID {
		return c.warn, nil, 0
	}
	return nil, c.warn, c.warnTicket
}

// storedState is a customer_screen_state row as read.
type storedState struct {
	state, warn string
	warnTicket  sql.NullInt64
	last        int64
}

// loadScreenState reads a customer's screen state and locks its row for
// the transaction (PostgreSQL; SQLite has one writer). No row is an empty
// state.
func (s *Store) loadScreenState(ctx context.Context, tx *store.Tx, customerID int64) (*conversation, error) {
	q := `SELECT state, warn, warn_ticket, last_ref FROM customer_screen_state WHERE customer_id = ?`
	if tx.Dialect() == store.Postgres {
		q += ` FOR UPDATE`
	}
	var st storedState
	err := tx.QueryRow(ctx, q, customerID).Scan(&st.state, &st.warn, &st.warnTicket, &st.last)
	if errors.Is(err, sql.ErrNoRows) {
		return &conversation{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load screen state: %w", err)
	}
	return s.openScreenState(customerID, st), nil
}

// openScreenState decodes a customer's stored screen state. A state that
// cannot be opened (its key retired, say) counts as empty: the guard then
// only loses sight of earlier texts.
func (s *Store) openScreenState(customerID int64, st storedState) *conversation {
	conv := &conversation{warn: strings.Fields(st.warn), warnTicket: st.warnTicket.Int64, previous: st.last}
	stored := st.state
	if s.sealer != nil {
		var err error
		if stored, err = s.sealer.Open(stored, stateAAD(customerID)); err != nil {
			return conv
		}
	}
	if b, err := base64.StdEncoding.DecodeString(stored); err == nil {
		conv.state = b
	}
	return conv
}

// sealedState is a screen state ready to store.
type sealedState struct {
	stored, warn string
	warnTicket   *int64
}

// sealScreenState seals a customer's screen state for storing, with the
// kinds the next message in warnTicket must warn of.
func (s *Store) sealScreenState(customerID int64, state []byte, warn []string, warnTicket int64) (*sealedState, error) {
	stored := base64.StdEncoding.EncodeToString(state)
	if s.sealer != nil {
		var err error
		if stored, err = s.sealer.Seal(stored, stateAAD(customerID)); err != nil {
			return nil, fmt.Errorf("seal screen state: %w", err)
		}
	}
	st := &sealedState{stored: stored, warn: strings.Join(warn, " ")}
	if len(warn) > 0 {
		st.warnTicket = &warnTicket
	}
	return st, nil
}

// upsertState is the statement that stores a screen state, its row given
// by rows (customer_id, state, warn, warn_ticket, last_ref, updated_at).
func upsertState(rows string) string {
	return `INSERT INTO customer_screen_state (customer_id, state, warn, warn_ticket, last_ref, updated_at) ` + rows + `
		ON CONFLICT (customer_id) DO UPDATE SET state = excluded.state, warn = excluded.warn, warn_ticket = excluded.warn_ticket,
		last_ref = excluded.last_ref, updated_at = excluded.updated_at`
}

// writeScreenState stores a sealed state ending with the customer text last.
func (s *Store) writeScreenState(ctx context.Context, tx *store.Tx, customerID int64, st sealedState, last int64) error {
	if _, err := tx.Exec(ctx, upsertState(`VALUES (?, ?, ?, ?, ?, ?)`), customerID, st.stored, st.warn, st.warnTicket, last, tx.Now()); err != nil {
		return fmt.Errorf("save screen state: %w", err)
	}
	return nil
}

// continueScreen continues the customer's screen state with a new
// ticket's subject, already screened on its own by screenIntake: a phrase
// the customer began in another ticket and ends in this subject is cut
// from both. It returns the state the ticket's first message continues.
// conv is the customer's state if the caller has read (and locked) it
// already, or nil.
func (s *Store) continueScreen(ctx context.Context, tx *store.Tx, customerID int64, conv *conversation, in *NewTicket, screened *intake) (*conversation, error) {
	if conv == nil {
		var err error
		if conv, err = s.loadScreenState(ctx, tx, customerID); err != nil {
			return nil, err
		}
	}
	next := &conversation{state: screened.state, warn: screened.kinds}
	if len(screened.kinds) == 0 {
		next.warn, next.warnTicket = conv.warn, conv.warnTicket // another ticket's, still owed
	}
	if len(conv.state) == 0 {
		return next, nil // nothing earlier to join: screenIntake's state stands
	}
	res := s.inboundPlain(conv.state, conv.previous, in.Subject)
	if len(res.Earlier) > 0 {
		if err := s.cutEarlier(ctx, tx, customerID, res.Earlier, res.Kinds); err != nil {
			return nil, err
		}
	}
	if res.Text != in.Subject {
		in.Subject = res.Text
		if !slices.Contains(screened.changed, "subject") {
			screened.changed = append(screened.changed, "subject")
		}
	}
	if len(res.Kinds) > 0 {
		screened.kinds = mergeKinds(screened.kinds, res.Kinds)
		next.warn, next.warnTicket = screened.kinds, 0
	}
	next.state = res.State
	return next, nil
}

// cutEarlier applies cuts to the customer's earlier texts, in whichever of
// their tickets each is: a subject, or a message re-read, opened, cut and
// sealed again. A text no longer the customer's is left alone. Each
// changed text is audited like a redacted message.
func (s *Store) cutEarlier(ctx context.Context, tx *store.Tx, customerID int64, cuts []Cut, kinds []string) error {
	byRef := map[int64][]Cut{}
	for _, c := range cuts {
		byRef[c.Ref] = append(byRef[c.Ref], c)
	}
	for ref, cs := range byRef {
		var err error
		switch {
		case ref < 0:
			err = s.cutSubject(ctx, tx, customerID, -ref, cs, kinds)
		case ref > 0:
			err = s.cutMessage(ctx, tx, customerID, ref, cs, kinds)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) cutSubject(ctx context.Context, tx *store.Tx, customerID, ticketID int64, cs []Cut, kinds []string) error {
	var subject string
	err := tx.QueryRow(ctx, `SELECT subject FROM tickets WHERE id = ? AND customer_id = ?`, ticketID, customerID).Scan(&subject)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("redact subject: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE tickets SET subject = ? WHERE id = ?`, applyCuts(subject, cs), ticketID); err != nil {
		return fmt.Errorf("redact subject: %w", err)
	}
	return s.auditEarlier(ctx, tx, ticketID, "ticket", ticketID, kinds)
}

func (s *Store) cutMessage(ctx context.Context, tx *store.Tx, customerID, id int64, cs []Cut, kinds []string) error {
	var ticketID int64
	var stored string
	err := tx.QueryRow(ctx, `SELECT m.ticket_id, m.body FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.id = ? AND t.customer_id = ?`,
		id, customerID).Scan(&ticketID, &stored)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("redact earlier message: %w", err)
	}
	body, err := s.openBody(ticketID, id, stored)
	if err != nil {
		return err
	}
	if stored, err = s.sealBody(ticketID, applyCuts(body, cs)); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE messages SET body = ? WHERE id = ?`, stored, id); err != nil {
		return fmt.Errorf("redact earlier message: %w", err)
	}
	return s.auditEarlier(ctx, tx, ticketID, "message", id, kinds)
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

// saveScreenState seals and stores conv's state as ending with the
// customer text last.
func (s *Store) saveScreenState(ctx context.Context, tx *store.Tx, customerID int64, conv *conversation, last int64) error {
	sealed, err := s.sealScreenState(customerID, conv.state, conv.warn, conv.warnTicket)
	if err != nil {
		return err
	}
	return s.writeScreenState(ctx, tx, customerID, *sealed, last)
}

// textOrder sorts a screen state's texts by when they were stored: a
// message by its id, a subject (subjectRef) by its ticket's first message,
// with which it was scanned. failed is the first error of a look-up.
func textOrder(ctx context.Context, tx *store.Tx) (order func(ref int64) int64, failed func() error) {
	var err error
	order = func(ref int64) int64 {
		if ref >= 0 || err != nil {
			return ref
		}
		var first sql.NullInt64
		if err = tx.QueryRow(ctx, `SELECT MIN(id) FROM messages WHERE ticket_id = ?`, -ref).Scan(&first); err != nil {
			err = fmt.Errorf("order screen state: %w", err)
			return ref
		}
		if !first.Valid {
			return ref
		}
		return first.Int64
	}
	return order, func() error { return err }
}

// joinScreenState moves customer from's screen state (an anonymous
// visitor's, whose conversation is being attached to customer to) into
// to's, the texts of both in the order they were written: a phrase typed
// half before the sign-in and half after, or partly in another browser
// meanwhile, is then found. from's row goes; a second attach of the same
// visitor finds nothing left to move.
func (s *Store) joinScreenState(ctx context.Context, tx *store.Tx, from, to int64) error {
	if from == to {
		return nil
	}
	// Locked in the order of the ids, as two sign-ins may join at once.
	first, second := min(from, to), max(from, to)
	a, err := s.loadScreenState(ctx, tx, first)
	if err != nil {
		return err
	}
	b, err := s.loadScreenState(ctx, tx, second)
	if err != nil {
		return err
	}
	src, dst := a, b
	if first != from {
		src, dst = b, a
	}
	if len(src.state) == 0 && len(src.warn) == 0 {
		return nil
	}
	joined := &conversation{state: src.state, previous: src.previous, warn: src.warn, warnTicket: src.warnTicket}
	if j, ok := s.screen.(StateJoiner); ok && len(dst.state) > 0 {
		order, failed := textOrder(ctx, tx)
		// Every word of the joined state is bound to its text, so the
		// latest ref is only kept as the row's.
		joined.state, joined.previous = j.JoinStates(dst.state, dst.previous, src.state, src.previous, order), max(dst.previous, src.previous)
		if err := failed(); err != nil {
			return err
		}
	}
	if len(joined.warn) == 0 {
		joined.warn, joined.warnTicket = dst.warn, dst.warnTicket
	}
	if err := s.saveScreenState(ctx, tx, to, joined, joined.previous); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM customer_screen_state WHERE customer_id = ?`, from); err != nil {
		return fmt.Errorf("move screen state: %w", err)
	}
	return nil
}
