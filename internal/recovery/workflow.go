package recovery

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/store"
)

func agentActor(id int64) string { return fmt.Sprintf("agent:%d", id) }

// Approve records agentID's approval of an appeal in review. Above the
// schedule's threshold it takes two approvers, and the second must not be
// the first (maker-checker). A case that needs proof of ownership or the
// sending platform's statement cannot be approved without it. The final
// approval executes the recovery at once.
func (s *Service) Approve(ctx context.Context, agentID, id int64, note string) (Appeal, error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return Appeal{}, err
	}
	switch {
	case a.Status != InReview:
		return Appeal{}, s.refuse(ctx, id, "not_in_review", errs.E(errs.Conflict, "appeal %d is %s, not in review", id, a.Status))
	case a.Needs == NeedSignature && a.ProofAddress == "":
		return Appeal{}, s.refuse(ctx, id, "proof_missing", errs.E(errs.Conflict, "the customer has not yet proved they own the sending address"))
	case a.Needs == NeedStatement && a.Evidence == 0:
		return Appeal{}, s.refuse(ctx, id, "statement_missing", errs.E(errs.Conflict, "the customer has not yet uploaded the sending platform's statement"))
	case a.FirstApprover == agentID:
		return Appeal{}, s.refuse(ctx, id, "same_approver", errs.E(errs.Conflict, "you gave the first approval; a second approver must be someone else"))
	}
	if s.Gate != nil {
		if err := s.Gate.Clear(ctx, agentID, ApprovalGate); err != nil {
			return Appeal{}, s.refuse(ctx, id, "not_certified", err)
		}
	}
	first := a.NeedsSecond && a.FirstApprover == 0
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if first {
			res, err := tx.Exec(ctx, `UPDATE recovery_appeals SET first_approver = ? WHERE id = ? AND status = 'in_review' AND first_approver IS NULL`, agentID, id)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n != 1 {
				return errs.E(errs.Conflict, "appeal %d was approved by someone else meanwhile", id)
			}
			if err := addStep(ctx, tx, id, InReview, agentActor(agentID), "first approval; a second approver is needed above the threshold. "+note); err != nil {
				return err
			}
			return s.audit.Record(ctx, "recovery.approved_first", "recovery_appeal", fmt.Sprint(id), map[string]any{"note": note})
		}
		col, cond := "first_approver", "first_approver IS NULL"
		if a.NeedsSecond {
			col, cond = "second_approver", "first_approver IS NOT NULL AND first_approver <> ?"
		}
		args := []any{agentID, id}
		if a.NeedsSecond {
			args = append(args, agentID)
		}
		res, err := tx.Exec(ctx, `UPDATE recovery_appeals SET `+col+` = ? WHERE id = ? AND `+cond, args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errs.E(errs.Conflict, "appeal %d's approvals changed meanwhile", id)
		}
		if err := s.move(ctx, tx, id, Approved, agentActor(agentID), note, InReview); err != nil {
			return err
		}
		return s.audit.Record(ctx, "recovery.approved", "recovery_appeal", fmt.Sprint(id), map[string]any{"note": note, "fee": a.Fee, "net": a.Net})
	})
	if err != nil {
		return Appeal{}, fmt.Errorf("recovery approve %d: %w", id, err)
	}
	if first {
		return s.Get(ctx, id)
	}
	return s.Execute(ctx, agentID, id)
}

// Reject closes an open appeal (not one being executed) with a reason
// the customer is shown.
func (s *Service) Reject(ctx context.Context, agentID, id int64, reason string) (Appeal, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || len(reason) > 1000 {
		return Appeal{}, errs.Field("reason", "a reason of 1 to 1000 characters is required; the customer reads it")
	}
	if s.Outbound != nil {
		if why := s.Outbound(reason); why != "" {
			return Appeal{}, s.refuse(ctx, id, "outbound_guard", errs.Field("reason", "the outbound guard blocked this reason: %s", why))
		}
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE recovery_appeals SET reason = ? WHERE id = ? AND status IN ('submitted', 'checked', 'in_review', 'approved')`, reason, id); err != nil {
			return err
		}
		if err := s.move(ctx, tx, id, Rejected, agentActor(agentID), reason, Submitted, Checked, InReview, Approved); err != nil {
			return err
		}
		return s.audit.Record(ctx, "recovery.rejected", "recovery_appeal", fmt.Sprint(id), map[string]any{"reason": reason})
	})
	if errs.Is(err, errs.Conflict) {
		return Appeal{}, s.refuse(ctx, id, "not_open", err)
	}
	if err != nil {
		return Appeal{}, fmt.Errorf("recovery reject %d: %w", id, err)
	}
	return s.Get(ctx, id)
}

// Execute asks the exchange to credit or return an approved appeal's
// deposit. The deposit's one execution is claimed first (a row whose key
// is the deposit), so no other appeal can ever execute it; the exchange
// call carries the appeal's idempotency key, so a retry after a failure
// half-way (the exchange acted, we did not record it) replays the first
// result instead of crediting twice. A failure leaves the appeal executing
// with the error shown, ready to retry.
func (s *Service) Execute(ctx context.Context, agentID, id int64) (Appeal, error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return Appeal{}, err
	}
	if a.Status != Approved && a.Status != Executing {
		return Appeal{}, s.refuse(ctx, id, "not_approved", errs.E(errs.Conflict, "appeal %d is %s; only an approved appeal is executed", id, a.Status))
	}
	if a.Status == Executing && a.ResultTxID != "" {
		return a, nil // executed; Watch completes it once confirmed
	}
	key := depositKey(a.Network, a.TxID, a.Index)
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var owner int64
		err := tx.QueryRow(ctx, `SELECT appeal_id FROM recovery_executions WHERE deposit_key = ?`, key).Scan(&owner)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.Exec(ctx, `INSERT INTO recovery_executions (deposit_key, appeal_id, state, started_at) VALUES (?, ?, 'started', ?)`, key, id, tx.Now()); err != nil {
				if isUniqueViolation(err) {
					return errs.E(errs.Conflict, "this deposit is already being credited or returned by another appeal")
				}
				return err
			}
		case err != nil:
			return err
		case owner != id:
			return errs.E(errs.Conflict, "this deposit was already credited or returned by appeal %d", owner)
		}
		if a.Status == Approved {
			return s.move(ctx, tx, id, Executing, agentActor(agentID), "sent to the exchange", Approved)
		}
		return addStep(ctx, tx, id, Executing, agentActor(agentID), "retry")
	})
	if errs.Is(err, errs.Conflict) {
		return Appeal{}, s.refuse(ctx, id, "already_executed", err)
	}
	if err != nil {
		return Appeal{}, fmt.Errorf("recovery execute %d: %w", id, err)
	}
	res, callErr := s.call(ctx, a)
	if callErr != nil {
		return s.executionFailed(ctx, id, callErr)
	}
	return s.executed(ctx, agentID, a, res)
}

// call asks the exchange; the idempotency key is the appeal's.
func (s *Service) call(ctx context.Context, a Appeal) (exchange.ActionResult, error) {
	ref, idem := fmt.Sprintf("recovery-%d", a.ID), fmt.Sprintf("recovery-appeal-%d", a.ID)
	if a.Action == ActionReturn {
		contract := ""
		if tx, err := s.findTx(ctx, Claim{TxID: a.TxID, Network: a.Network}); err == nil && a.Index < len(tx.Transfers) {
			contract = tx.Transfers[a.Index].Contract
		}
		return s.exchange.ReturnDeposit(ctx, exchange.ReturnRequest{Network: a.Network, TxID: a.TxID, UserID: a.UserID, Contract: contract,
			Asset: a.Asset, Amount: a.Net, ToAddress: a.From, TicketRef: ref, IdempotencyKey: idem})
	}
	return s.exchange.CreditDeposit(ctx, exchange.CreditRequest{Network: a.Network, TxID: a.TxID, UserID: a.UserID, Asset: a.Asset,
		Amount: a.Net, TicketRef: ref, IdempotencyKey: idem})
}

func (s *Service) executionFailed(ctx context.Context, id int64, callErr error) (Appeal, error) {
	msg := callErr.Error()
	if len(msg) > 500 {
		msg = msg[:500]
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE recovery_appeals SET last_error = ? WHERE id = ?`, msg, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE recovery_executions SET state = 'failed' WHERE appeal_id = ?`, id); err != nil {
			return err
		}
		if err := addStep(ctx, tx, id, Executing, "exchange", "failed: "+msg); err != nil {
			return err
		}
		return s.audit.Record(ctx, "recovery.execution_failed", "recovery_appeal", fmt.Sprint(id), map[string]any{"error": msg})
	})
	if err != nil {
		s.log.Error("recovery: record execution failure", "appeal", id, "err", err)
	}
	return Appeal{}, fmt.Errorf("recovery execute %d: the exchange refused or failed; the appeal can be retried: %w", id, callErr)
}

// executed records the exchange's result. A credit completes the appeal
// at once (the deposit's own TxID is the credited one); a return waits in
// Executing until Watch sees its transaction confirmed.
func (s *Service) executed(ctx context.Context, agentID int64, a Appeal, res exchange.ActionResult) (Appeal, error) {
	ref, txid := res.ID, res.TxID
	if res.DepositID != "" {
		ref = res.DepositID
	}
	if a.Action == ActionCredit {
		txid = a.TxID
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE recovery_appeals SET result_ref = ?, result_txid = ?, last_error = '' WHERE id = ?`, ref, txid, a.ID); err != nil {
			return err
		}
		note := fmt.Sprintf("%s by the exchange (%s)", a.Action, ref)
		if res.Replayed {
			note += "; a repeat of the first request, not a second " + a.Action
		}
		if err := s.audit.Record(ctx, "recovery.executed", "recovery_appeal", fmt.Sprint(a.ID),
			map[string]any{"action": a.Action, "ref": ref, "txid": txid, "replayed": res.Replayed}); err != nil {
			return err
		}
		if a.Action == ActionReturn {
			return addStep(ctx, tx, a.ID, Executing, "exchange", note+"; return "+txid+" broadcast, waiting for confirmations")
		}
		return s.complete(ctx, tx, a.ID, note)
	})
	if err != nil {
		return Appeal{}, fmt.Errorf("recovery execute %d: record result: %w", a.ID, err)
	}
	return s.Get(ctx, a.ID)
}

func (s *Service) complete(ctx context.Context, tx *store.Tx, id int64, note string) error {
	if _, err := tx.Exec(ctx, `UPDATE recovery_executions SET state = 'done', done_at = ? WHERE appeal_id = ?`, tx.Now(), id); err != nil {
		return err
	}
	return s.move(ctx, tx, id, Completed, "system", note, Executing)
}

// Watch checks again the appeals whose automatic check could not run (the
// exchange was down), completes the returns whose transactions reached the
// network's confirmations, and reports how many returns it completed.
func (s *Service) Watch(ctx context.Context) (int, error) {
	stuck, err := s.list(ctx, `SELECT `+appealColumns+` FROM recovery_appeals WHERE status = 'submitted' ORDER BY id LIMIT 100`)
	if err != nil {
		return 0, err
	}
	for _, a := range stuck {
		if _, err := s.autoCheck(ctx, a.ID); err != nil {
			s.log.Warn("recovery: automatic check", "appeal", a.ID, "err", err)
		}
	}
	pending, err := s.list(ctx, `SELECT `+appealColumns+` FROM recovery_appeals WHERE status = 'executing' AND result_txid <> '' ORDER BY id LIMIT 500`)
	if err != nil {
		return 0, err
	}
	done := 0
	for _, a := range pending {
		tx, err := s.findTx(ctx, Claim{TxID: a.ResultTxID, Network: a.Network})
		if err != nil || tx.Confirmations < s.required(a.Network) {
			continue
		}
		err = s.db.Tx(ctx, func(ctx context.Context, stx *store.Tx) error {
			return s.complete(ctx, stx, a.ID, fmt.Sprintf("return %s confirmed (%d confirmations)", a.ResultTxID, tx.Confirmations))
		})
		if err != nil {
			return done, fmt.Errorf("recovery watch %d: %w", a.ID, err)
		}
		done++
	}
	return done, nil
}

// TakesEvidence refuses evidence for a closed appeal, and for one with an
// approval recorded: a second approver must judge the evidence the first
// one did. A page that stores an uploaded file asks it first, and
// AddEvidence asks the database again in its transaction.
func (a Appeal) TakesEvidence() error {
	if !a.Status.Open() {
		return explain("appeal_closed", errs.E(errs.Conflict, "this appeal is closed"))
	}
	if a.EvidenceFrozen() {
		return explain("evidence_frozen", errs.E(errs.Conflict, "an approval is recorded, so the appeal's evidence is frozen"))
	}
	return nil
}

// EvidenceFrozen reports whether the appeal takes no more evidence because
// an approver has already judged it.
func (a Appeal) EvidenceFrozen() bool { return a.FirstApprover != 0 }

// AddEvidence attaches an uploaded file (an attachment id) or a note to
// the customer's own open appeal. Called inside the transaction that
// records the file, it refuses the file with it.
func (s *Service) AddEvidence(ctx context.Context, userID string, id, attachmentID int64, note string) error {
	a, err := s.ForCustomer(ctx, userID, id)
	if err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	if err := a.TakesEvidence(); err != nil {
		return err
	}
	switch {
	case attachmentID == 0 && note == "":
		return errs.Field("attachment_id", "attach a file or write a note")
	case len(note) > 2000:
		return errs.Field("note", "the note is longer than 2000 characters")
	}
	if s.Redact != nil && note != "" {
		note = s.Redact(note)
	}
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := s.holdForEvidence(ctx, tx, a); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO recovery_evidence (appeal_id, kind, attachment_id, note, at) VALUES (?, ?, ?, ?, ?)`,
			id, NeedStatement, nullID(attachmentID), note, tx.Now()); err != nil {
			return err
		}
		return addStep(ctx, tx, id, a.Status, "customer:"+userID, "evidence added")
	})
}

// holdForEvidence locks the appeal's row if it still takes evidence, so an
// approval or a closing waits for this transaction, or this one sees it:
// the check read before the transaction may be stale.
func (s *Service) holdForEvidence(ctx context.Context, tx *store.Tx, a Appeal) error {
	res, err := tx.Exec(ctx, `UPDATE recovery_appeals SET status = status WHERE id = ? AND first_approver IS NULL AND status NOT IN ('completed', 'rejected')`, a.ID)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 1 {
		return err
	}
	now, err := s.Get(ctx, a.ID)
	if err != nil {
		return err
	}
	if err := now.TakesEvidence(); err != nil {
		return err
	}
	return explain("appeal_closed", errs.E(errs.Conflict, "appeal %d changed meanwhile", a.ID))
}
