package diagnose

import (
	"context"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/web"
)

// Auditor records each look-up; *audit.Log implements it. ChainInput
// is what a record may keep of the TxID field (audit.Log.ChainInput).
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
	ChainInput(input string) string
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
	// The field is free text: a key pasted there has a TxID's shape, and
	// the audit log keeps what it is given for good.
	txid := h.Audit.ChainInput(res.TxID)
	detail := map[string]any{"txid": txid, "network": res.Network, "verdict": res.Verdict, "user_id": req.UserID, "ticket_id": req.TicketID}
	if err := h.Audit.Record(ctx, "deposit.diagnosed", "txid", txid, detail); err != nil {
		return Result{}, err
	}
	return res, nil
}
