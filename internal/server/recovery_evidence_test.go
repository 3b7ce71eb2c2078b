package server

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var quoteField = regexp.MustCompile(`name="quote_id" value="(\d+)">\s*<input type="hidden" name="fee" value="([^"]+)"`)

// A customer's file for an appeal that is already closed is refused with
// the page's message, and is not kept either: the file used to be stored
// on the appeal's ticket first and the refusal came after, so agents read
// a file the page said was not taken.
func TestEvidenceForAClosedAppealIsNotStored(t *testing.T) {
	t.Parallel()
	eachDemoEngine(t, func(t *testing.T, ta *testApp) {
		cb, id, ticketID := appealFromPages(t, ta)
		if res := ta.do("POST", fmt.Sprintf("/api/v1/recovery/appeals/%d/reject", id), "", map[string]string{"reason": "The deposit was credited."}, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("reject: %d", res.StatusCode)
		}
		status, page := uploadEvidence(t, ta, cb, id)
		if status != http.StatusConflict || !strings.Contains(page, "closed") {
			t.Errorf("evidence for a closed appeal: %d\n%s", status, page)
		}
		if n := ta.count(`SELECT COUNT(*) FROM attachments WHERE ticket_id = ?`, ticketID); n != 0 {
			t.Errorf("%d files stored on the closed appeal's ticket %d, want none", n, ticketID)
		}
	})
}

// Once the first of two approvals is recorded the evidence is frozen: the
// second approver judges what the first did. A late file is refused with
// the page's message and not stored, and the approvers' page says so.
func TestEvidenceIsFrozenAtTheFirstApproval(t *testing.T) {
	t.Parallel()
	eachDemoEngine(t, func(t *testing.T, ta *testApp) {
		cb, id, ticketID := appealFromPages(t, ta)
		// Above the schedule's threshold: the demo's fees set none for
		// this deposit, so the test marks it as a large appeal would be.
		if _, err := ta.db.Exec(t.Context(), `UPDATE recovery_appeals SET needs_second = 1, needs = 'none', status = 'in_review' WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
		if res := ta.do("POST", fmt.Sprintf("/api/v1/recovery/appeals/%d/approve", id), "", map[string]string{"note": "first"}, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("first approval: %d", res.StatusCode)
		}
		status, page := uploadEvidence(t, ta, cb, id)
		if status != http.StatusConflict || !strings.Contains(page, "already judged your evidence") {
			t.Errorf("evidence after the first approval: %d\n%s", status, page)
		}
		if n := ta.count(`SELECT COUNT(*) FROM attachments WHERE ticket_id = ?`, ticketID); n != 0 {
			t.Errorf("%d files stored on ticket %d after the first approval, want none", n, ticketID)
		}
		if n := ta.count(`SELECT COUNT(*) FROM recovery_evidence WHERE appeal_id = ?`, id); n != 0 {
			t.Errorf("%d evidence rows after the first approval, want none", n)
		}
		resp, body := cb.get(fmt.Sprintf("/deposit-recovery/appeals/%d?lang=en", id))
		if resp.StatusCode != http.StatusOK || strings.Contains(body, `id="evidence-form"`) || !strings.Contains(body, `id="evidence-frozen"`) {
			t.Errorf("customer's appeal page after the first approval: %d, want the upload form replaced by the frozen note\n%s", resp.StatusCode, body)
		}
		if code, body := ta.page(testAdminToken, fmt.Sprintf("/recovery/appeals/%d", id)); code != http.StatusOK || !strings.Contains(body, `id="evidence-frozen"`) {
			t.Errorf("approvers' page: %d, want the evidence shown as frozen\n%s", code, body)
		}
	})
}

// appealFromPages opens an appeal the way a customer does (identity
// link, quote, accept) and returns the customer's browser, the appeal and
// its ticket.
func appealFromPages(t *testing.T, ta *testApp) (*customerBrowser, int64, int64) {
	t.Helper()
	cb := ta.customer()
	resp, body := cb.get("/deposit-check?identity=" + url.QueryEscape(ta.linkToken("u-1002")))
	wantRedirect(t, resp, body, "/deposit-check")
	resp, body = cb.post("/deposit-recovery/quote?lang=en", url.Values{"network": {"bsc"},
		"txid": {"0x640e1289f5e04e3416f7691b699c76d90037eec53cc240eee6a9ff974c443c6d"}})
	m := quoteField.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("quote: %d\n%s", resp.StatusCode, body)
	}
	resp, body = cb.post("/deposit-recovery/accept?lang=en", url.Values{"quote_id": {m[1]}, "fee": {m[2]}})
	loc := wantRedirect(t, resp, body, "/deposit-recovery/appeals/")
	var id int64
	if _, err := fmt.Sscanf(strings.TrimPrefix(loc, "/deposit-recovery/appeals/"), "%d", &id); err != nil {
		t.Fatalf("appeal id in %q: %v", loc, err)
	}
	var ticketID int64
	if err := ta.db.QueryRow(t.Context(), `SELECT ticket_id FROM recovery_appeals WHERE id = ?`, id).Scan(&ticketID); err != nil {
		t.Fatal(err)
	}
	return cb, id, ticketID
}

// uploadEvidence sends a small PNG through the appeal's evidence form and
// returns the page's status and body.
func uploadEvidence(t *testing.T, ta *testApp, cb *customerBrowser, id int64) (int, string) {
	t.Helper()
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, err := mw.CreateFormFile("file", "statement.png")
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(fw, image.NewRGBA(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest("POST", fmt.Sprintf("%s/deposit-recovery/appeals/%d/evidence?lang=en", ta.URL, id), &form)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", ta.URL)
	res, err := cb.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	page, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(page)
}
