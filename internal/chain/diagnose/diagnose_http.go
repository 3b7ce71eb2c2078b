package diagnose

import (
	"context"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/web"
)

// Auditor records each look-up; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// HTTP serves POST /api/v1/deposits/diagnose.
type HTTP struct {
	Diagnoser *Diagnoser
	Audit     Auditor
}

// HandleDiagnose answers a diagnosis request and audits it.
func (h *HTTP) HandleDiagnose(w http.ResponseWriter, r *http.Request) error {
	var req Request
	if _, err := web.Decode(r, 8<<10, &req); err != nil {
		return err
	}
	res, err := h.Run(r.Context(), req)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, res)
}

// Run diagnoses and writes the audit record: who looked up which TxID for
// which customer, and the verdict.
func (h *HTTP) Run(ctx context.Context, req Request) (Result, error) {
	res, err := h.Diagnoser.Diagnose(ctx, req)
	if err != nil {
		return Result{}, err
	}
	txid := h.auditedTxID(res.TxID)
	detail := map[string]any{"txid": txid, "network": res.Network, "verdict": res.Verdict, "user_id": req.UserID, "ticket_id": req.TicketID}
	if err := h.Audit.Record(ctx, "deposit.diagnosed", "txid", txid, detail); err != nil {
		return Result{}, err
	}
	return res, nil
}

// notATxID stands in the audit for a TxID field that no network's format fits.
const notATxID = "(not a transaction id)"

// auditedTxID is what the audit may keep of the TxID field. The field is
// free text, and a customer who confuses words pastes the recovery phrase
// or the key their wallet showed; the audit log is append-only, so what
// it records stays for good. A TxID of some network's format is kept (a
// raw hex key has that shape too, and nothing here can tell them apart),
// anything else is recorded only as not being one.
func (h *HTTP) auditedTxID(txid string) string {
	if len(h.Diagnoser.Registry.TxIDNetworks(txid)) == 0 {
		return notATxID
	}
	return txid
}
