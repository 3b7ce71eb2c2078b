package server

import (
	"net/http"
	"net/url"

	"github.com/groundcrew/groundcrew/internal/recovery"
	"github.com/groundcrew/groundcrew/internal/web"
)

// recoveryStart: GET /deposit-recovery/start?network=&txid=&address=&memo=&lang=
// is where the bot's offer and the widget's "Recover a deposit" lead: the
// deposit, prefilled, and the button to the quote. It is bound to the
// customer signed in here (the exchange's identity token, as on the
// deposit check) and runs recovery's eligibility for that customer, so a
// link someone else opens shows them nothing of the deposit. Without a
// deposit it sends the customer to the deposit check first.
func (p *pages) recoveryStart(w http.ResponseWriter, r *http.Request) {
	lang := recoveryLanguage(r)
	q := r.URL.Query()
	if tok := q.Get("identity"); tok != "" {
		if err := p.signInFromLink(w, r, tok); err != nil {
			p.renderRecovery(w, r, http.StatusUnauthorized, map[string]any{"Error": p.customerError(w, r, err)})
			return
		}
		q.Del("identity") // keep the token out of the address bar and history
		http.Redirect(w, r, r.URL.Path+"?"+q.Encode(), http.StatusSeeOther)
		return
	}
	if q.Get("txid") == "" {
		http.Redirect(w, r, "/deposit-check?lang="+url.QueryEscape(lang), http.StatusSeeOther)
		return
	}
	id, ok := p.customer(r)
	if !ok {
		p.signInFirst(w, r)
		return
	}
	if err := p.app.limits.deposit(requestIP(r), id.UserID); err != nil {
		p.renderRecovery(w, r, http.StatusTooManyRequests, map[string]any{"Error": p.customerError(w, r, err)})
		return
	}
	r = customerCtx(r, id.UserID)
	d, err := p.app.recovery.Service.Check(r.Context(), recovery.Claim{UserID: id.UserID, TxID: q.Get("txid"),
		Network: q.Get("network"), Language: lang})
	if err != nil {
		p.renderRecovery(w, r, web.Status(err), map[string]any{"Error": p.customerError(w, r, err)})
		return
	}
	status := http.StatusOK
	if !d.Eligible && len(d.Reasons) > 0 && refusedAsNotTheirs(d.Reasons[0].Code) {
		// Someone else's deposit (a forwarded link): say no, show nothing of it.
		status, d.Facts = http.StatusForbidden, recovery.Facts{}
	}
	data := map[string]any{"Start": d, "Diagnosis": q.Get("diagnosis")}
	// The customer can see the transaction for themselves, on the explorer
	// the network's registry entry names.
	if n, err := p.app.registry.Network(d.Facts.Network); err == nil && d.Facts.TxID != "" && n.ExplorerTx != "" {
		data["Explorer"] = n.ExplorerURL(d.Facts.TxID)
	}
	p.renderRecovery(w, r, status, data)
}

// refusedAsNotTheirs: the deposit is not the signed-in customer's to claim.
func refusedAsNotTheirs(code string) bool {
	switch code {
	case recovery.ReasonOtherAccount, recovery.ReasonNotOurAddress, recovery.ReasonWithdrawal:
		return true
	}
	return false
}
