package recovery

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Quote is what a customer is offered for one deposit and must accept
// before the appeal is submitted.
type Quote struct {
	ID            int64     `json:"id"`
	Decision      Decision  `json:"decision"`
	Fee           string    `json:"fee"`
	Net           string    `json:"net"`
	Asset         string    `json:"asset"`
	ExpectedHours int       `json:"expected_hours"`
	ExpiresAt     time.Time `json:"expires_at"`
}

// Appeal is one recovery case.
type Appeal struct {
	ID             int64     `json:"id"`
	UserID         string    `json:"user_id"`
	TicketID       int64     `json:"ticket_id,omitempty"`
	Network        string    `json:"network"`
	TxID           string    `json:"txid"`
	Index          int       `json:"index"`
	Asset          string    `json:"asset"`
	Amount         string    `json:"amount"`
	Address        string    `json:"address"`
	Memo           string    `json:"memo,omitempty"`
	From           string    `json:"from,omitempty"`
	Cause          string    `json:"cause"`
	Diagnosis      string    `json:"diagnosis,omitempty"`
	Path           string    `json:"path"`
	Action         string    `json:"action"`
	Fee            string    `json:"fee"`
	Net            string    `json:"net"`
	Needs          string    `json:"needs,omitempty"`
	ProofAddress   string    `json:"proof_address,omitempty"`
	Language       string    `json:"language"`
	Status         Status    `json:"status"`
	FirstApprover  int64     `json:"first_approver,omitempty"`
	SecondApprover int64     `json:"second_approver,omitempty"`
	NeedsSecond    bool      `json:"needs_second_approval"`
	Reason         string    `json:"reason,omitempty"`
	LastError      string    `json:"last_error,omitempty"`
	ResultRef      string    `json:"result_ref,omitempty"`  // the exchange's action or deposit id
	ResultTxID     string    `json:"result_txid,omitempty"` // the credited deposit's or the return's TxID
	CreatedAt      time.Time `json:"created_at"`
	StatusAt       time.Time `json:"status_at"`
	DueAt          time.Time `json:"due_at"`
	Evidence       int       `json:"evidence"`
}

// Overdue reports whether the appeal's current step has outrun its SLA.
func (a Appeal) Overdue(now time.Time) bool { return a.Status.Open() && now.After(a.DueAt) }

// Step is one entry of an appeal's timeline.
type Step struct {
	Status Status    `json:"status"`
	Actor  string    `json:"actor"`
	Note   string    `json:"note,omitempty"`
	At     time.Time `json:"at"`
}

// Quote checks c and, when eligible, records a quote for the customer to
// accept. A refusal is audited and returned as the Decision, with no quote.
func (s *Service) Quote(ctx context.Context, c Claim) (Quote, error) {
	d, err := s.Check(ctx, c)
	if err != nil {
		return Quote{}, err
	}
	if !d.Eligible {
		s.refused(ctx, c.UserID, d.Facts, d.Reasons[0].Code)
		return Quote{Decision: d}, nil
	}
	facts, err := json.Marshal(d)
	if err != nil {
		return Quote{}, fmt.Errorf("recovery quote: %w", err)
	}
	now := s.now()
	q := Quote{Decision: d, Fee: d.Fee, Net: d.Net, Asset: d.Facts.Asset, ExpectedHours: d.ExpectedHours, ExpiresAt: now.Add(s.QuoteTTL).UTC().Truncate(time.Millisecond)}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		q.ID, err = tx.InsertID(ctx, `INSERT INTO recovery_quotes (user_id, deposit_key, facts, fee, net, expected_hours, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.UserID, depositKey(d.Facts.Network, d.Facts.TxID, d.Facts.Index), string(facts),
			d.Fee, d.Net, d.ExpectedHours, now.UnixMilli(), q.ExpiresAt.UnixMilli())
		return err
	})
	if err != nil {
		return Quote{}, fmt.Errorf("recovery quote: %w", err)
	}
	return q, nil
}

// refused audits a refusal; the refusal itself changed nothing.
func (s *Service) refused(ctx context.Context, userID string, f Facts, code string) {
	txid := s.audit.ChainInput(f.TxID) // typed by the customer: never kept whole
	detail := map[string]any{"user_id": userID, "network": f.Network, "txid": txid, "reason": code}
	if err := s.audit.Record(ctx, "recovery.refused", "deposit", f.Network+":"+txid, detail); err != nil {
		s.log.Error("recovery: audit refusal", "err", err)
	}
}

// refuse audits a refusal of an action on an appeal and returns err.
func (s *Service) refuse(ctx context.Context, appealID int64, code string, err error) error {
	if aerr := s.audit.Record(ctx, "recovery.refused", "recovery_appeal", fmt.Sprint(appealID), map[string]any{"reason": code, "message": err.Error()}); aerr != nil {
		s.log.Error("recovery: audit refusal", "err", aerr)
	}
	return err
}

// Accept accepts quote quoteID at the fee the customer saw, which submits
// the appeal; the acceptance is audited. A fee that differs from the
// quote, or from what the schedule gives now, is refused: the customer
// accepts the terms they will pay, never others. The appeal is then
// checked again at once and goes to review, or is rejected with the reason.
func (s *Service) Accept(ctx context.Context, userID string, quoteID int64, fee string, ticketID int64) (Appeal, error) {
	var (
		factsJSON, quotedFee, owner string
		expires                     int64
		accepted                    sql.NullInt64
	)
	err := s.db.QueryRow(ctx, `SELECT user_id, facts, fee, expires_at, accepted_at FROM recovery_quotes WHERE id = ?`, quoteID).
		Scan(&owner, &factsJSON, &quotedFee, &expires, &accepted)
	if isNoRows(err) || err == nil && owner != userID {
		return Appeal{}, errs.E(errs.NotFound, "no quote %d", quoteID)
	}
	if err != nil {
		return Appeal{}, fmt.Errorf("recovery accept: %w", err)
	}
	var d Decision
	if err := json.Unmarshal([]byte(factsJSON), &d); err != nil {
		return Appeal{}, fmt.Errorf("recovery accept: quote %d: %w", quoteID, err)
	}
	refuse := func(code string, e error) (Appeal, error) {
		s.refused(ctx, userID, d.Facts, code)
		return Appeal{}, e
	}
	switch {
	case accepted.Valid:
		return refuse("quote_accepted", explain("quote_used", errs.E(errs.Conflict, "this quote was already accepted; its terms cannot change")))
	case s.now().UnixMilli() > expires:
		return refuse("quote_expired", explain("quote_expired", errs.E(errs.Conflict, "this quote has expired; ask for a new one")))
	case strings.TrimSpace(fee) != quotedFee:
		return refuse("fee_changed", explain("fee_changed", errs.Field("fee", "the fee you accepted (%s) is not the quoted fee (%s %s)", fee, quotedFee, d.Facts.Asset)))
	}
	sched, err := s.feeScheduleFor(ctx, d.Facts.Asset, d.Facts.Cause)
	if err != nil {
		return Appeal{}, err
	}
	amount, _ := parseDecimal(d.Facts.Amount)
	if now := formatDecimal(feeFor(sched, amount, min(d.Facts.Decimals, 8)), min(d.Facts.Decimals, 8)); now != quotedFee {
		return refuse("fee_changed", explain("fee_changed", errs.E(errs.Conflict, "the published fee changed since this quote (now %s %s); ask for a new quote", now, d.Facts.Asset)))
	}
	a := appealFrom(userID, ticketID, d)
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE recovery_quotes SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL`, tx.Now(), quoteID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return explain("quote_used", errs.E(errs.Conflict, "this quote was already accepted; its terms cannot change"))
		}
		if a.ID, err = s.insertAppeal(ctx, tx, quoteID, a); err != nil {
			return err
		}
		if err := s.audit.Record(ctx, "recovery.quote_accepted", "recovery_appeal", fmt.Sprint(a.ID),
			map[string]any{"quote_id": quoteID, "fee": quotedFee, "net": d.Net, "asset": d.Facts.Asset, "txid": s.audit.ChainInput(d.Facts.TxID)}); err != nil {
			return err
		}
		return AppealSubmitted.Emit(ctx, tx, AppealEvent{AppealID: a.ID, UserID: userID, Status: string(Submitted), Language: a.Language})
	})
	if errs.Is(err, errs.Conflict) {
		return refuse("already_appealed", err)
	}
	if err != nil {
		return Appeal{}, fmt.Errorf("recovery accept: %w", err)
	}
	checked, err := s.autoCheck(ctx, a.ID)
	if err != nil {
		// The appeal stands, submitted; the team's queue shows it and a
		// specialist checks it by hand.
		s.log.Error("recovery: automatic check", "appeal", a.ID, "err", err)
		return s.Get(ctx, a.ID)
	}
	return checked, nil
}

func appealFrom(userID string, ticketID int64, d Decision) Appeal {
	f := d.Facts
	return Appeal{UserID: userID, TicketID: ticketID, Network: f.Network, TxID: f.TxID, Index: f.Index, Asset: f.Asset, Amount: f.Amount,
		Address: f.To, Memo: f.Memo, From: f.From, Cause: f.Cause, Path: f.Path, Action: f.Action, Fee: d.Fee, Net: d.Net,
		Needs: f.Needs, Language: d.Language, Status: Submitted, NeedsSecond: d.NeedsSecond}
}

// insertAppeal stores a new appeal; the unique index turns a second open
// appeal for the same deposit into a Conflict.
func (s *Service) insertAppeal(ctx context.Context, tx *store.Tx, quoteID int64, a Appeal) (int64, error) {
	now := tx.Now()
	key := depositKey(a.Network, a.TxID, a.Index)
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM recovery_appeals WHERE deposit_key = ? AND status <> 'rejected'`, key).Scan(&n); err != nil {
		return 0, err
	}
	if n > 0 {
		return 0, explain("appeal_exists", errs.E(errs.Conflict, "this deposit already has an open or completed appeal"))
	}
	id, err := tx.InsertID(ctx, `INSERT INTO recovery_appeals (user_id, ticket_id, quote_id, deposit_key, network, txid, out_index, asset, amount,
		address, memo, from_address, cause, diagnosis, path, action, fee, net, needs, language, status, needs_second, created_at, status_at, due_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.UserID, nullID(a.TicketID), quoteID, key, a.Network, a.TxID, a.Index, a.Asset, a.Amount, a.Address, a.Memo, a.From, a.Cause,
		a.Diagnosis, a.Path, a.Action, a.Fee, a.Net, a.Needs, a.Language, Submitted, boolInt(a.NeedsSecond), now, now, now+SLA[Submitted].Milliseconds())
	if err != nil {
		if isUniqueViolation(err) {
			return 0, explain("appeal_exists", errs.E(errs.Conflict, "this deposit already has an open appeal"))
		}
		return 0, err
	}
	k, err := newRollupKey(now, a.Cause, a.Network, a.Asset, a.Net, a.Fee)
	if err != nil {
		return 0, err
	}
	if err := countAppeal(ctx, tx, k, Submitted, +1); err != nil {
		return 0, err
	}
	return id, addStep(ctx, tx, id, Submitted, "customer:"+a.UserID, "quote accepted: fee "+a.Fee+" "+a.Asset)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isUniqueViolation(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "unique") || strings.Contains(s, "duplicate key")
}

func addStep(ctx context.Context, tx *store.Tx, id int64, st Status, actor, note string) error {
	return addMove(ctx, tx, id, st, actor, note, "", 0)
}

func addMove(ctx context.Context, tx *store.Tx, id int64, st Status, actor, note string, from Status, spent int64) error {
	now := tx.Now()
	if _, err := tx.Exec(ctx, `INSERT INTO recovery_steps (appeal_id, status, actor, note, from_status, spent_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		id, st, actor, note, from, spent, now); err != nil {
		return err
	}
	if from == "" {
		return nil
	}
	return countMove(ctx, tx, now, from, spent)
}

// move changes an appeal's status from one of from to to, with a timeline
// step, inside tx. A status that moved meanwhile is a Conflict.
func (s *Service) move(ctx context.Context, tx *store.Tx, id int64, to Status, actor, note string, from ...Status) error {
	var (
		cur                                         Status
		since, created                              int64
		user, lang, cause, network, asset, net, fee string
	)
	if err := tx.QueryRow(ctx, `SELECT status, status_at, user_id, language, created_at, cause, network, asset, net, fee
		FROM recovery_appeals WHERE id = ?`, id).Scan(&cur, &since, &user, &lang, &created, &cause, &network, &asset, &net, &fee); err != nil {
		return fmt.Errorf("recovery move %d: %w", id, err)
	}
	if !slices.Contains(from, cur) {
		return errs.E(errs.Conflict, "appeal %d is no longer %s", id, joinStatuses(from))
	}
	now := tx.Now()
	args := []any{to, now, now + SLA[to].Milliseconds()}
	if !to.Open() {
		args = append(args, now)
	}
	args = append(args, id, cur)
	res, err := tx.Exec(ctx, `UPDATE recovery_appeals SET status = ?, status_at = ?, due_at = ?`+closedAt(to)+` WHERE id = ? AND status = ?`, args...)
	if err != nil {
		return fmt.Errorf("recovery move %d to %s: %w", id, to, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errs.E(errs.Conflict, "appeal %d is no longer %s", id, joinStatuses(from))
	}
	k, err := newRollupKey(created, cause, network, asset, net, fee)
	if err != nil {
		return fmt.Errorf("recovery move %d: %w", id, err)
	}
	if err := moveAppeal(ctx, tx, k, cur, to); err != nil {
		return err
	}
	if err := addMove(ctx, tx, id, to, actor, note, cur, now-since); err != nil {
		return err
	}
	return StatusChanged.Emit(ctx, tx, AppealEvent{AppealID: id, UserID: user, Status: string(to), Language: lang,
		Text: StatusText(lang, to)})
}

func closedAt(to Status) string {
	if to.Open() {
		return ""
	}
	return `, closed_at = ?`
}

func joinStatuses(ss []Status) string {
	var out []string
	for _, s := range ss {
		out = append(out, string(s))
	}
	return strings.Join(out, " or ")
}

// autoCheck re-runs eligibility on a submitted appeal: still eligible, it
// goes to review; otherwise it is rejected with the reason.
func (s *Service) autoCheck(ctx context.Context, id int64) (Appeal, error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return Appeal{}, err
	}
	f := Facts{Network: a.Network, TxID: a.TxID, Index: a.Index, Cause: a.Cause}
	code, err := s.exchangeRecord(ctx, a.UserID, &f)
	if err != nil {
		return Appeal{}, err
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if code != "" {
			if _, err := tx.Exec(ctx, `UPDATE recovery_appeals SET reason = ? WHERE id = ?`, code, id); err != nil {
				return err
			}
			return s.move(ctx, tx, id, Rejected, "system", ReasonText(a.Language, code), Submitted)
		}
		if err := s.move(ctx, tx, id, Checked, "system", "chain and exchange facts confirmed", Submitted); err != nil {
			return err
		}
		return s.move(ctx, tx, id, InReview, "system", "queued for a recovery specialist", Checked)
	})
	if err != nil {
		return Appeal{}, fmt.Errorf("recovery check %d: %w", id, err)
	}
	return s.Get(ctx, id)
}

const appealColumns = `id, user_id, COALESCE(ticket_id, 0), network, txid, out_index, asset, amount, address, memo, from_address, cause, diagnosis,
	path, action, fee, net, needs, proof_address, language, status, COALESCE(first_approver, 0), COALESCE(second_approver, 0),
	needs_second, reason, last_error, result_ref, result_txid, created_at, status_at, due_at,
	(SELECT COUNT(*) FROM recovery_evidence e WHERE e.appeal_id = recovery_appeals.id)`

func scanAppeal(row interface{ Scan(...any) error }) (Appeal, error) {
	var a Appeal
	var second int
	var created, statusAt, due int64
	err := row.Scan(&a.ID, &a.UserID, &a.TicketID, &a.Network, &a.TxID, &a.Index, &a.Asset, &a.Amount, &a.Address, &a.Memo, &a.From,
		&a.Cause, &a.Diagnosis, &a.Path, &a.Action, &a.Fee, &a.Net, &a.Needs, &a.ProofAddress, &a.Language, &a.Status, &a.FirstApprover,
		&a.SecondApprover, &second, &a.Reason, &a.LastError, &a.ResultRef, &a.ResultTxID, &created, &statusAt, &due, &a.Evidence)
	if err != nil {
		return a, err
	}
	a.NeedsSecond = second == 1
	a.CreatedAt, a.StatusAt, a.DueAt = store.Time(created), store.Time(statusAt), store.Time(due)
	return a, nil
}

// Get returns appeal id (for agents).
func (s *Service) Get(ctx context.Context, id int64) (Appeal, error) {
	a, err := scanAppeal(s.db.QueryRow(ctx, `SELECT `+appealColumns+` FROM recovery_appeals WHERE id = ?`, id))
	if isNoRows(err) {
		return Appeal{}, errs.E(errs.NotFound, "no appeal %d", id)
	}
	if err != nil {
		return Appeal{}, fmt.Errorf("recovery get %d: %w", id, err)
	}
	return a, nil
}

// ForCustomer returns appeal id if it is userID's; another's is NotFound.
func (s *Service) ForCustomer(ctx context.Context, userID string, id int64) (Appeal, error) {
	a, err := s.Get(ctx, id)
	if err == nil && a.UserID != userID {
		return Appeal{}, errs.E(errs.NotFound, "no appeal %d", id)
	}
	return a, err
}

// CustomerAppeals lists userID's appeals, newest first.
func (s *Service) CustomerAppeals(ctx context.Context, userID string) ([]Appeal, error) {
	return s.list(ctx, `SELECT `+appealColumns+` FROM recovery_appeals WHERE user_id = ? ORDER BY id DESC LIMIT 100`, userID)
}

func (s *Service) list(ctx context.Context, q string, args ...any) ([]Appeal, error) {
	rows, err := s.db.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("recovery list: %w", err)
	}
	defer rows.Close()
	var out []Appeal
	for rows.Next() {
		a, err := scanAppeal(rows)
		if err != nil {
			return nil, fmt.Errorf("recovery list: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Timeline lists appeal id's steps in order.
func (s *Service) Timeline(ctx context.Context, id int64) ([]Step, error) {
	rows, err := s.db.Query(ctx, `SELECT status, actor, note, at FROM recovery_steps WHERE appeal_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("recovery timeline %d: %w", id, err)
	}
	defer rows.Close()
	var out []Step
	for rows.Next() {
		var st Step
		var at int64
		if err := rows.Scan(&st.Status, &st.Actor, &st.Note, &at); err != nil {
			return nil, fmt.Errorf("recovery timeline %d: %w", id, err)
		}
		st.At = store.Time(at)
		out = append(out, st)
	}
	return out, rows.Err()
}

// LinkTicket links the customer's ticket about appeal id, once.
func (s *Service) LinkTicket(ctx context.Context, id, ticketID int64) error {
	_, err := s.db.Exec(ctx, `UPDATE recovery_appeals SET ticket_id = ? WHERE id = ? AND ticket_id IS NULL`, ticketID, id)
	if err != nil {
		return fmt.Errorf("recovery link ticket %d: %w", id, err)
	}
	return nil
}
