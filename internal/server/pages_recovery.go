package server

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/attach"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/recovery"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The customer's side of a recovery appeal: the quote from the deposit
// check's verdict, its acceptance, and the appeal's status page with the
// timeline, the fee, what is needed, evidence uploads and the signature.

func (p *pages) renderRecovery(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	lang, _ := data["Lang"].(string) // an appeal's page speaks its customer's language
	if lang == "" {
		lang = recoveryLanguage(r)
	}
	words := recovery.PageText(lang)
	data["Title"], data["Lang"], data["Languages"], data["T"] = words["title"], lang, ticket.Languages, words
	data["HTMLLang"], data["Dir"] = lang, textDirection(lang)
	if id, ok := p.customer(r); ok {
		data["Customer"] = id.UserID
		p.antiPhishing(r, lang, id.UserID, data)
	}
	p.render(w, status, "recovery", data)
}

// recoveryLanguage is the language of the recovery pages: the page's
// (?lang=, which every link and form of them carries), else the first
// of the 17 the browser asks for, else English.
func recoveryLanguage(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); slices.Contains(ticket.Languages, l) {
		return l
	}
	return acceptedLanguage(r.Header.Get("Accept-Language"))
}

// acceptedLanguage is the first of the 17 languages an Accept-Language
// header names ("pt-BR,pt;q=0.9" gives pt), in its order; English when
// it names none.
func acceptedLanguage(header string) string {
	for part := range strings.SplitSeq(header, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if slices.Contains(ticket.Languages, base) {
			return base
		}
	}
	return "en"
}

// textDirection is "rtl" for the one right-to-left language of the 17.
func textDirection(lang string) string {
	if lang == "ar" {
		return "rtl"
	}
	return ""
}

// recoveryQuote: POST /deposit-recovery/quote, from the deposit check's verdict.
func (p *pages) recoveryQuote(w http.ResponseWriter, r *http.Request) {
	id, ok := p.customerForm(w, r, 8<<10, p.renderRecovery)
	if !ok {
		return
	}
	if err := p.app.limits.deposit(requestIP(r), id.UserID); err != nil {
		p.renderRecovery(w, r, http.StatusTooManyRequests, map[string]any{"Error": p.customerError(w, r, err)})
		return
	}
	r = customerCtx(r, id.UserID)
	q, err := p.app.recovery.Service.Quote(r.Context(), recovery.Claim{UserID: id.UserID, TxID: r.PostFormValue("txid"),
		Network: r.PostFormValue("network"), Diagnosis: r.PostFormValue("diagnosis"), Language: recoveryLanguage(r)})
	if err != nil {
		p.renderRecovery(w, r, web.Status(err), map[string]any{"Error": p.customerError(w, r, err)})
		return
	}
	p.renderRecovery(w, r, http.StatusOK, map[string]any{"Quote": q})
}

// recoveryAccept: POST /deposit-recovery/accept submits the appeal at the quoted
// fee, opens the customer's ticket about it and shows its status page.
func (p *pages) recoveryAccept(w http.ResponseWriter, r *http.Request) {
	id, ok := p.customerForm(w, r, 8<<10, p.renderRecovery)
	if !ok {
		return
	}
	r = customerCtx(r, id.UserID)
	quoteID, _ := strconv.ParseInt(r.PostFormValue("quote_id"), 10, 64)
	a, err := p.app.recovery.Service.Accept(r.Context(), id.UserID, quoteID, r.PostFormValue("fee"), 0)
	if err != nil {
		p.renderRecovery(w, r, web.Status(err), map[string]any{"Error": p.customerError(w, r, err)})
		return
	}
	token := ""
	if c, err := r.Cookie(CustomerCookie); err == nil {
		token = c.Value
	}
	if _, err := p.app.recoveryTicket(r.Context(), token, a); err != nil {
		// The appeal stands; the team sees it in the queue without a ticket.
		p.app.log.Error("recovery: open the appeal's ticket", "appeal", a.ID, "err", err)
	}
	http.Redirect(w, r, appealURL(a.ID, recoveryLanguage(r), ""), http.StatusSeeOther)
}

func appealURL(id int64, lang, done string) string {
	u := "/deposit-recovery/appeals/" + strconv.FormatInt(id, 10) + "?lang=" + url.QueryEscape(lang)
	if done != "" {
		u += "&done=" + done
	}
	return u
}

// appealOf is the signed-in customer's appeal named by the path.
func (p *pages) appealOf(r *http.Request, id auth.CustomerIdentity) (recovery.Appeal, error) {
	n, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return recovery.Appeal{}, errs.E(errs.NotFound, "no appeal %q", r.PathValue("id"))
	}
	return p.app.recovery.Service.ForCustomer(r.Context(), id.UserID, n)
}

// appealNotices are the page words (recovery.PageText) that ?done= shows.
var appealNotices = map[string]string{"evidence": "notice_evidence", "proof": "notice_proof"}

// recoveryAppeal: GET /deposit-recovery/appeals/{id}, the customer's status page.
func (p *pages) recoveryAppeal(w http.ResponseWriter, r *http.Request) {
	id, ok := p.customer(r)
	if !ok {
		p.signInFirst(w, r)
		return
	}
	data := map[string]any{}
	if key, ok := appealNotices[r.URL.Query().Get("done")]; ok {
		data["Notice"] = recovery.PageText(recoveryLanguage(r))[key]
	}
	p.showAppeal(w, r, id, http.StatusOK, data)
}

// signInFirst is the recovery page of a customer the exchange has not
// signed in here.
func (p *pages) signInFirst(w http.ResponseWriter, r *http.Request) {
	p.renderRecovery(w, r, http.StatusUnauthorized, map[string]any{"Error": recovery.PageText(recoveryLanguage(r))["sign_in"]})
}

// customerError is what a customer's deposit or recovery page says about
// err, in the page's language; internal faults are logged here, once, and
// a rate limit's Retry-After is set.
func (p *pages) customerError(w http.ResponseWriter, r *http.Request, err error) string {
	web.LimitMessage(w, err)
	msg, ok := recovery.ErrorText(recoveryLanguage(r), err)
	if !ok {
		p.app.log.Error("customer page", "path", r.URL.Path, "err", err)
	}
	return msg
}

func (p *pages) showAppeal(w http.ResponseWriter, r *http.Request, id auth.CustomerIdentity, status int, data map[string]any) {
	a, err := p.appealOf(r, id)
	if err != nil {
		data["Error"] = p.customerError(w, r, err)
		p.renderRecovery(w, r, web.Status(err), data)
		return
	}
	v, err := p.app.recovery.Service.View(r.Context(), a)
	if err != nil {
		data["Error"] = p.customerError(w, r, err)
		status = web.Status(err)
	}
	lang := recoveryLanguage(r)
	if r.URL.Query().Get("lang") == "" && slices.Contains(ticket.Languages, a.Language) {
		lang = a.Language // the language the customer asked for the quote in
	}
	data["Lang"] = lang
	type step struct {
		Name, At, Note string
	}
	var steps []step
	for _, s := range v.Timeline {
		steps = append(steps, step{Name: recovery.StatusText(lang, s.Status), At: s.At.Format("2006-01-02 15:04 UTC"), Note: customerNote(s)})
	}
	data["Appeal"], data["Steps"], data["StatusName"] = v, steps, recovery.StatusText(lang, a.Status)
	if a.Needs == recovery.NeedSignature && a.ProofAddress == "" {
		data["NeedText"] = recovery.ReasonText(lang, recovery.ReasonNeedsSignature)
	}
	if a.Needs == recovery.NeedStatement && a.Evidence == 0 {
		data["NeedText"] = recovery.ReasonText(lang, recovery.ReasonNeedsStatement)
	}
	if a.Status.Open() && a.EvidenceFrozen() {
		data["FrozenText"], _ = recovery.ErrorText(lang, a.TakesEvidence())
	}
	p.renderRecovery(w, r, status, data)
}

// customerNote is what the customer reads of a step: the team's internal
// notes stay internal; a rejection's reason and the result are shown.
func customerNote(s recovery.Step) string {
	switch s.Status {
	case recovery.Rejected, recovery.Completed:
		return s.Note
	}
	return ""
}

// recoveryEvidence: POST /deposit-recovery/appeals/{id}/evidence, a file (the
// sending platform's statement, a screenshot) under the attachment rules.
func (p *pages) recoveryEvidence(w http.ResponseWriter, r *http.Request) {
	id, ok := p.customerForm(w, r, attach.MaxSize+64<<10, p.renderRecovery)
	if !ok {
		return
	}
	r = customerCtx(r, id.UserID)
	a, err := p.appealOf(r, id)
	if err == nil && a.TicketID == 0 {
		err = recovery.ErrNoConversation
	}
	if err == nil {
		err = a.TakesEvidence() // before the upload is read and cleaned
	}
	if err == nil {
		var name string
		var data []byte
		if name, data, err = attach.ReadUpload(r); err == nil {
			// The evidence is recorded in the file's transaction: an appeal
			// approved or closed since the check above refuses both.
			_, err = p.app.files.Store.AddThen(r.Context(), a.TicketID, attach.Uploader{Kind: "customer"}, name, data,
				func(ctx context.Context, file attach.Attachment) error {
					return p.app.recovery.Service.AddEvidence(ctx, id.UserID, a.ID, file.ID, "uploaded "+file.Name)
				})
		}
	}
	if err != nil {
		p.showAppeal(w, r, id, web.Status(err), map[string]any{"Error": p.customerError(w, r, err)})
		return
	}
	http.Redirect(w, r, appealURL(a.ID, recoveryLanguage(r), "evidence"), http.StatusSeeOther)
}

// recoveryProof: POST /deposit-recovery/appeals/{id}/proof, the signed challenge.
func (p *pages) recoveryProof(w http.ResponseWriter, r *http.Request) {
	id, ok := p.customerForm(w, r, 8<<10, p.renderRecovery)
	if !ok {
		return
	}
	r = customerCtx(r, id.UserID)
	a, err := p.appealOf(r, id)
	if err == nil {
		_, err = p.app.recovery.Service.SubmitProof(r.Context(), id.UserID, a.ID, strings.TrimSpace(r.PostFormValue("signature")))
	}
	if err != nil {
		p.showAppeal(w, r, id, web.Status(err), map[string]any{"Error": p.customerError(w, r, err)})
		return
	}
	http.Redirect(w, r, appealURL(a.ID, recoveryLanguage(r), "proof"), http.StatusSeeOther)
}

// recoveryFees: GET /deposit-recovery/fees, the published schedules (linked from
// the help center and the quote).
func (p *pages) recoveryFees(w http.ResponseWriter, r *http.Request) {
	fs, err := p.app.recovery.Service.Fees(r.Context())
	causes := make(map[string]string, len(recovery.Causes))
	for _, c := range recovery.Causes {
		causes[c] = diagnose.Title(recoveryLanguage(r), c)
	}
	data := map[string]any{"Fees": fs, "ShowFees": true, "CauseTitles": causes}
	status := http.StatusOK
	if err != nil {
		data["Error"], status = p.customerError(w, r, err), web.Status(err)
	}
	p.renderRecovery(w, r, status, data)
}
