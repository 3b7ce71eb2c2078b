package ticket

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/mail"
	"reflect"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Auditor records access to customer data; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// Store reads and writes tickets.
type Store struct {
	db     *store.DB
	audit  Auditor
	screen Screen
	sealer Sealer
	// identity checks customer.identity on new tickets; nil refuses it.
	identity IdentityChecker
	// fields checks new tickets' custom fields against the form; nil: none.
	fields FieldChecker
	// entities records what a search finds tickets by; nil: nothing.
	entities EntityIndexer
	// assignCheck refuses giving a ticket to an agent; nil: none.
	assignCheck AssignCheck
	// withheld shares reads of withheld bodies among a node's consumers.
	withheld withheldReads
}

// AssignCheck is asked before an update gives ticket ticketID to agentID
// (routing's certification gate: a supervisor cannot assign the security
// queue's ticket to an agent the gate refuses); its error refuses it.
type AssignCheck func(ctx context.Context, agentID, ticketID int64) error

// WithAssignCheck makes updates that assign a ticket ask c first.
func (s *Store) WithAssignCheck(c AssignCheck) *Store {
	s.assignCheck = c
	return s
}

// IdentityChecker checks the identity token the exchange signed for a new
// ticket's customer and records the verification level it proves, in the
// transaction ctx carries; *auth.Verifications implements it.
type IdentityChecker interface {
	RecordIntake(ctx context.Context, token, externalID string, customerID, ticketID int64) error
}

// WithIdentity lets new tickets carry the customer's signed identity
// (customer.identity), checked and recorded by ic.
func (s *Store) WithIdentity(ic IdentityChecker) *Store {
	s.identity = ic
	return s
}

// NewStore returns a ticket store that passes every subject and message
// through sc (the guard) and seals every message body with sl. Both are
// required: a store that skips the guard or stores bodies in clear would be
// a way around both, so a missing one is an error at start-up, never a
// silent pass-through. Tests that want no guard pass a screen of their own.
func NewStore(db *store.DB, audit Auditor, sc Screen, sl Sealer) (*Store, error) {
	switch {
	case db == nil || isNil(audit):
		return nil, errors.New("ticket store: a database and an audit log are required")
	case isNil(sc):
		return nil, errors.New("ticket store: the guard's screen is required; a store without it would keep customers' secrets")
	case isNil(sl):
		return nil, errors.New("ticket store: the sealer is required; a store without it would keep message bodies in clear")
	}
	return &Store{db: db, audit: audit, screen: sc, sealer: sl}, nil
}

// isNil reports whether v is nil or an interface holding a nil pointer.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Func, reflect.Interface, reflect.Slice, reflect.Chan:
		return rv.IsNil()
	}
	return false
}

// NewCustomer identifies the customer of a new ticket.
type NewCustomer struct {
	ExternalID string `json:"external_id"`
	Email      string `json:"email"`
	Name       string `json:"name"`
	Language   string `json:"language"`
	// Identity is the exchange's signed identity token for ExternalID, when
	// the customer wrote in signed in (the chat widget passes it on): the
	// ticket then starts at verification level L1 (or L2).
	Identity string `json:"identity"`
}

// MaxIdentityToken bounds customer.identity.
const MaxIdentityToken = 2048

// NewTicket is what creating a ticket takes.
type NewTicket struct {
	Subject      string            `json:"subject"`
	Message      string            `json:"message"`
	Channel      string            `json:"channel"`
	Customer     NewCustomer       `json:"customer"`
	Priority     Priority          `json:"priority"`
	ProductArea  string            `json:"product_area"`
	Language     string            `json:"language"`
	Tier         int               `json:"tier"`
	TeamID       *int64            `json:"team_id"`
	Tags         []string          `json:"tags"`
	CustomFields map[string]string `json:"custom_fields"`
}

// Validate checks the input and fills in defaults.
func (in *NewTicket) Validate() error {
	in.Subject = strings.TrimSpace(in.Subject)
	if err := checkText("subject", in.Subject, MaxSubject, true); err != nil {
		return err
	}
	if err := checkText("message", in.Message, MaxBody, true); err != nil {
		return err
	}
	if err := oneOf("channel", in.Channel, Channels); err != nil {
		return err
	}
	c := &in.Customer
	c.ExternalID, c.Email, c.Name = strings.TrimSpace(c.ExternalID), strings.ToLower(strings.TrimSpace(c.Email)), strings.TrimSpace(c.Name)
	if c.ExternalID == "" && c.Email == "" {
		return errs.Field("customer", "customer needs an external_id or an email")
	}
	if err := checkText("customer.external_id", c.ExternalID, 200, false); err != nil {
		return err
	}
	if err := checkText("customer.name", c.Name, 200, false); err != nil {
		return err
	}
	if err := checkText("customer.email", c.Email, 254, false); err != nil {
		return err
	}
	if c.Identity != "" && c.ExternalID == "" {
		return errs.Field("customer.identity", "customer.identity needs customer.external_id, the exchange user id it signs")
	}
	if len(c.Identity) > MaxIdentityToken {
		return errs.Field("customer.identity", "customer.identity is longer than %d bytes", MaxIdentityToken)
	}
	if c.Email != "" {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email {
			return errs.Field("customer.email", "customer.email must be a plain e-mail address")
		}
	}
	if c.Language != "" {
		if err := oneOf("customer.language", c.Language, Languages); err != nil {
			return err
		}
	}
	if in.Priority == "" {
		in.Priority = "normal"
	}
	if err := oneOf("priority", in.Priority, Priorities); err != nil {
		return err
	}
	if in.ProductArea == "" {
		in.ProductArea = "other"
	}
	if err := oneOf("product_area", in.ProductArea, ProductAreas); err != nil {
		return err
	}
	if in.Language == "" {
		in.Language = c.Language
	}
	if in.Language == "" {
		in.Language = "en"
	}
	if err := oneOf("language", in.Language, Languages); err != nil {
		return err
	}
	if in.Tier == 0 {
		in.Tier = 1
	}
	if in.Tier < 1 || in.Tier > 3 {
		return errs.Field("tier", "tier must be 1, 2 or 3")
	}
	var err error
	if in.Tags, err = normalizeTags(in.Tags); err != nil {
		return err
	}
	if in.CustomFields == nil {
		in.CustomFields = map[string]string{}
	}
	return checkCustomFields(in.CustomFields)
}

// create opens a ticket with its first message, in.Message written as first
// says (the customer's, or the opening agent's); CreateForCustomer and
// CreateAsAgent are its doors.
func (s *Store) create(ctx context.Context, in NewTicket, first NewMessage) (Ticket, error) {
	if err := in.Validate(); err != nil {
		return Ticket{}, err
	}
	if err := s.checkFieldNames(in.CustomFields); err != nil {
		return Ticket{}, err
	}
	screened := s.screenIntake(&in, first.Author == "customer") // subject, name, custom fields and tags
	in.Tags = tagSet(in.Tags)
	// As for a follow-up (Store.add): a customer's first message that ends
	// its transaction may go with the commit on PostgreSQL.
	ends := first.Author == "customer" && s.db.Dialect == store.Postgres && s.db.Ends(ctx)
	var id int64
	var built *Ticket
	err := s.db.TxRetry(ctx, func(ctx context.Context, tx *store.Tx) error {
		built = nil // as if this attempt were the first
		customer, exact, locked, err := s.customerWithState(ctx, tx, in.Customer)
		if err != nil {
			return err
		}
		customerID := customer.ID
		// The subject continues the customer's screen state (their other
		// tickets); the first message continues the subject.
		conv, err := s.continueScreen(ctx, tx, customerID, locked, &in, &screened)
		if err != nil {
			return err
		}
		if in.TeamID != nil {
			if err := teamExists(ctx, tx, *in.TeamID); err != nil {
				return err
			}
		}
		// Nothing cut from the fields (which may rewrite the subject or add
		// a warning) and at most one tag (whose order the database would
		// decide): unless the message is redacted, the ticket is exactly
		// what this transaction writes, and need not be read back. Only
		// then may its message go with the commit: load would not see it.
		known := exact && len(screened.changed) == 0 && len(in.Tags) <= 1
		now := store.Now()
		var nextID int64
		id, nextID, err = insertTicket(ctx, tx, customerID, in, now, ends && known)
		if err != nil {
			return err
		}
		if err := insertTags(ctx, tx, id, in.Tags); err != nil { // a new ticket has none to delete
			return err
		}
		if err := s.indexTicket(ctx, tx, id, in); err != nil {
			return err
		}
		conv.previous = subjectRef(id)
		if conv.warnTicket == 0 {
			conv.warnTicket = id // the warning screenIntake's cuts call for is owed here
		}
		// A customer's first message saves the state with itself; anyone
		// else's leaves it ending with the subject.
		if first.Author != "customer" {
			if err := s.saveScreenState(ctx, tx, customerID, conv, subjectRef(id)); err != nil {
				return err
			}
		}
		if err := s.auditIntake(ctx, tx, id, screened); err != nil {
			return err
		}
		if tok := in.Customer.Identity; tok != "" {
			if s.identity == nil {
				return errs.Field("customer.identity", "this server cannot check customer identity tokens")
			}
			if err := s.identity.RecordIntake(ctx, tok, in.Customer.ExternalID, customerID, id); err != nil {
				return err
			}
		}
		if err := TicketCreated.Emit(ctx, tx, TicketCreatedEvent{TicketID: id, CustomerID: customerID, Channel: in.Channel,
			Priority: in.Priority, ProductArea: in.ProductArea, Language: in.Language, Tier: in.Tier, TeamID: in.TeamID}); err != nil {
			return err
		}
		first.Body = in.Message
		// The ticket is this transaction's own: its head and screen state
		// are known, not read back.
		h := ticketHead{status: StatusNew, language: in.Language, probe: Ticket{ID: id, TeamID: in.TeamID, Customer: Customer{ID: customerID}}, nextID: nextID}
		first.hold = holdRefuse // a new ticket's first message is rephrased, not held
		m, stop, kinds, err := s.addMessageTo(ctx, tx, h, conv, first, false)
		if err == nil && stop.reason != "" {
			err = &errs.Error{Kind: errs.Forbidden, Msg: "This ticket was not opened: " + stop.reason, Err: ErrBlocked}
		}
		if err == nil && known && len(kinds) == 0 {
			built = openedTicket(id, in, customer, now, m)
		}
		return err
	})
	if err != nil {
		return Ticket{}, fmt.Errorf("create ticket: %w", err)
	}
	if built != nil {
		return *built, nil
	}
	return s.load(ctx, id)
}

// insertTicket adds a new ticket's row for customerID and returns its id.
// withID (PostgreSQL) also takes an id for the first message from its
// sequence in the same statement, so that the message can be written with
// the commit (writeMessage): a round trip fewer for a new ticket. No other
// writer can reach the ticket before it commits, so its messages still
// commit in the order of their ids.
func insertTicket(ctx context.Context, tx *store.Tx, customerID int64, in NewTicket, now int64, withID bool) (id, nextID int64, err error) {
	fields, _ := json.Marshal(in.CustomFields)
	q := `INSERT INTO tickets (subject, customer_id, channel, status, priority, product_area, language, tier, team_id, custom_fields, message_count, created_at, updated_at, last_message_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id`
	args := []any{in.Subject, customerID, in.Channel, string(StatusNew), string(in.Priority), in.ProductArea, in.Language, in.Tier, in.TeamID, string(fields), now, now, now}
	if !withID || tx.Dialect() != store.Postgres {
		err = tx.QueryRow(ctx, q, args...).Scan(&id)
		return id, 0, err
	}
	err = tx.QueryRow(ctx, q+`, nextval('messages_id_seq')`, args...).Scan(&id, &nextID)
	return id, nextID, err
}

// openedTicket is the ticket create has just written, as load would read
// it: in after validation and screening, the customer's record as stored,
// and the first message m.
func openedTicket(id int64, in NewTicket, c Customer, created int64, m Message) *Ticket {
	t := &Ticket{ID: id, Subject: in.Subject, Customer: c, Channel: in.Channel, Status: StatusNew, Priority: in.Priority,
		ProductArea: in.ProductArea, Language: in.Language, Tier: in.Tier, Tags: append([]string{}, in.Tags...),
		CustomFields: maps.Clone(in.CustomFields), MessageCount: 1,
		CreatedAt: store.Time(created), UpdatedAt: m.CreatedAt, LastMessageAt: m.CreatedAt}
	if t.CustomFields == nil {
		t.CustomFields = map[string]string{}
	}
	if in.TeamID != nil {
		team := *in.TeamID
		t.TeamID = &team
	}
	return t
}

// upsertCustomer finds or adds the customer c names and returns their
// record; exact says that it is the record as stored (false only when a
// concurrent transaction wrote it, and only the id is known).
// byExternalID finds a customer by the exchange's user id. The unique
// index on external_id leaves out the empty id, and a planner uses such a
// partial index only when the query itself rules the empty id out: with
// "external_id = ?" alone SQLite (and PostgreSQL's generic plans) read
// every customer, once per new conversation.
const byExternalID = `external_id = ? AND external_id <> ''`

func upsertCustomer(ctx context.Context, tx *store.Tx, c NewCustomer) (Customer, bool, error) {
	var got Customer
	var err error
	const cols = `id, external_id, email, name, language`
	scan := []any{&got.ID, &got.ExternalID, &got.Email, &got.Name, &got.Language}
	// ScanRow: as a new ticket's first statement, it carries BEGIN.
	if c.ExternalID != "" {
		err = tx.ScanRow(ctx, scan, `SELECT `+cols+` FROM customers WHERE `+byExternalID, c.ExternalID)
	} else {
		err = tx.ScanRow(ctx, scan, `SELECT `+cols+` FROM customers WHERE external_id = '' AND email = ? ORDER BY id LIMIT 1`, c.Email)
	}
	return settleCustomer(ctx, tx, c, got, err)
}

// settleCustomer is upsertCustomer after its read, which found got or
// failed with err (sql.ErrNoRows: no such customer yet).
func settleCustomer(ctx context.Context, tx *store.Tx, c NewCustomer, got Customer, err error) (Customer, bool, error) {
	now := tx.Now()
	added := Customer{ExternalID: c.ExternalID, Email: c.Email, Name: c.Name, Language: c.Language}
	switch {
	case errors.Is(err, sql.ErrNoRows) && c.ExternalID != "":
		// Two first tickets of one new customer may race here: the loser
		// waits for the winner's commit, inserts nothing and reads its row.
		err = tx.QueryRow(ctx, `INSERT INTO customers (external_id, email, name, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (external_id) WHERE external_id <> '' DO NOTHING RETURNING id`,
			c.ExternalID, c.Email, c.Name, c.Language, now, now).Scan(&added.ID)
		if errors.Is(err, sql.ErrNoRows) {
			err = tx.QueryRow(ctx, `SELECT id FROM customers WHERE `+byExternalID, c.ExternalID).Scan(&added.ID)
			return Customer{ID: added.ID}, false, err
		}
		return added, true, err
	case errors.Is(err, sql.ErrNoRows):
		added.ID, err = tx.InsertID(ctx, `INSERT INTO customers (external_id, email, name, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			c.ExternalID, c.Email, c.Name, c.Language, now, now)
		return added, true, err
	case err != nil:
		return Customer{}, false, err
	}
	return fillCustomer(ctx, tx, got, c)
}

// fillCustomer fills in what the stored record got lacks from c, and
// returns the record as upsertCustomer does.
func fillCustomer(ctx context.Context, tx *store.Tx, got Customer, c NewCustomer) (Customer, bool, error) {
	if !fillsIn(got, c) {
		// Nothing the record lacks is in the request (a record that is
		// complete, or a channel that never sends a language): no UPDATE
		// round trip, and no row version written for nothing.
		return got, true, nil
	}
	// A new ticket only fills in what the customer's record lacks: anyone
	// who may create a ticket could otherwise change where a customer's
	// e-mail goes. Changing contact data is UpdateCustomer's, audited.
	now := tx.Now()
	err := tx.QueryRow(ctx, `UPDATE customers SET email = CASE WHEN email = '' THEN ? ELSE email END, name = CASE WHEN name = '' THEN ? ELSE name END,
		language = CASE WHEN language = '' THEN ? ELSE language END, updated_at = ? WHERE id = ? AND (email = '' OR name = '' OR language = '')
		RETURNING email, name, language`,
		c.Email, c.Name, c.Language, now, got.ID).Scan(&got.Email, &got.Name, &got.Language)
	if errors.Is(err, sql.ErrNoRows) {
		return Customer{ID: got.ID}, false, nil // filled in meanwhile by another transaction
	}
	return got, err == nil, err
}

// customerWithState is upsertCustomer that, on PostgreSQL, also locks and
// reads the screen state of a customer known by the exchange's user id, in
// the same statement (which carries BEGIN): a round trip fewer for a
// returning customer's new ticket. The state is nil when the customer is
// new (continueScreen then reads it) and empty when they have none yet.
// The lock is taken in the lateral subquery, which returns the state's
// latest version if it had to wait, as loadScreenState's does. The e-mail
// form is left out: it is rare (e-mail from senders the exchange does not
// know), and keeps upsertCustomer's read.
func (s *Store) customerWithState(ctx context.Context, tx *store.Tx, c NewCustomer) (Customer, bool, *conversation, error) {
	if tx.Dialect() != store.Postgres || c.ExternalID == "" {
		got, exact, err := upsertCustomer(ctx, tx, c)
		return got, exact, nil, err
	}
	var got Customer
	var st storedState
	var hasState bool
	err := tx.ScanRow(ctx, []any{&got.ID, &got.ExternalID, &got.Email, &got.Name, &got.Language, &hasState, &st.state, &st.warn, &st.warnTicket, &st.last},
		`SELECT c.id, c.external_id, c.email, c.name, c.language, s.customer_id IS NOT NULL, COALESCE(s.state, ''), COALESCE(s.warn, ''), s.warn_ticket, COALESCE(s.last_ref, 0)
		FROM customers c LEFT JOIN LATERAL (SELECT customer_id, state, warn, warn_ticket, last_ref FROM customer_screen_state WHERE customer_id = c.id FOR UPDATE) s ON true
		WHERE c.`+byExternalID, c.ExternalID)
	if err != nil {
		got, exact, err := settleCustomer(ctx, tx, c, got, err)
		return got, exact, nil, err
	}
	conv := &conversation{}
	if hasState {
		conv = s.openScreenState(got.ID, st)
	}
	got, exact, err := fillCustomer(ctx, tx, got, c)
	return got, exact, conv, err
}

// fillsIn reports whether c has a value for a field the stored record got
// lacks.
func fillsIn(got Customer, c NewCustomer) bool {
	return got.Email == "" && c.Email != "" || got.Name == "" && c.Name != "" || got.Language == "" && c.Language != ""
}

func teamExists(ctx context.Context, tx *store.Tx, id int64) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM teams WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return errs.Field("team_id", "no team %d", id)
	}
	return nil
}

func setTags(ctx context.Context, tx *store.Tx, ticketID int64, tags []string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM ticket_tags WHERE ticket_id = ?`, ticketID); err != nil {
		return err
	}
	return insertTags(ctx, tx, ticketID, tags)
}

func insertTags(ctx context.Context, tx *store.Tx, ticketID int64, tags []string) error {
	for _, t := range tags {
		if _, err := tx.Exec(ctx, `INSERT INTO ticket_tags (ticket_id, tag) VALUES (?, ?)`, ticketID, t); err != nil {
			return err
		}
	}
	return nil
}

// NewMessage is what adding a message takes. Only the body comes from the
// caller: who wrote it is decided by the server (the store's method that
// adds it), never by the request.
type NewMessage struct {
	Body     string     `json:"body"`
	Author   AuthorKind `json:"-"` // set by AddMessage, AddNote, AppendAsCustomer
	AuthorID *int64     `json:"-"` // the agent, for agent messages and notes
	hold     holdMode   // what a hold for review does to it (an agent's reply is kept for review)
	// atCommit: the message is the last write of its transaction (store's
	// DB.Ends), so on PostgreSQL it may go with the COMMIT (writeMessage).
	atCommit bool
	// Macros are the macros the agent inserted, recorded with an agent's
	// public reply (see MacroUses); the caller looks their languages up.
	Macros []MacroUse `json:"-"`
}

// MacroUse is a macro inserted into a reply, in its language at the time.
type MacroUse struct {
	MacroID  int64  `json:"macro_id"`
	Language string `json:"language"`
}

// AddMessage appends agent v's public message to a ticket v may see. It
// passes the outbound guard.
func (s *Store) AddMessage(ctx context.Context, v Viewer, ticketID int64, in NewMessage) (Message, error) {
	if err := asAgent(v, &in); err != nil {
		return Message{}, err
	}
	return s.add(ctx, v.gate(), ticketID, in, false)
}

// AddNote appends agent v's internal note, which the customer never sees.
func (s *Store) AddNote(ctx context.Context, v Viewer, ticketID int64, in NewMessage) (Message, error) {
	if err := asAgent(v, &in); err != nil {
		return Message{}, err
	}
	return s.add(ctx, v.gate(), ticketID, in, true)
}

// asAgent makes in agent v's message: an agent writes as themselves only.
func asAgent(v Viewer, in *NewMessage) error {
	if v.AgentID == 0 {
		return errs.E(errs.Unauthorized, "an agent's message needs a signed-in agent")
	}
	id := v.AgentID
	in.Author, in.AuthorID = "agent", &id
	return nil
}

// Validate checks the input. The author must have been set by the store.
func (in *NewMessage) Validate() error {
	if err := oneOf("author", in.Author, AuthorKinds); err != nil {
		return err
	}
	return checkText("body", in.Body, MaxBody, true)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
