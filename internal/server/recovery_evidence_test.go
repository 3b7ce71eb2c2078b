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
		if res := ta.do("POST", fmt.Sprintf("/api/v1/recovery/appeals/%d/reject", id), "", map[string]string{"reason": "The deposit was credited."}, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("reject: %d", res.StatusCode)
		}
		var ticketID int64
		if err := ta.db.QueryRow(t.Context(), `SELECT ticket_id FROM recovery_appeals WHERE id = ?`, id).Scan(&ticketID); err != nil {
			t.Fatal(err)
		}

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
		req, _ := http.NewRequest("POST", fmt.Sprintf("%s/deposit-recovery/appeals/%d/evidence?lang=en", ta.URL, id), &form)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Origin", ta.URL)
		res, err := cb.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusConflict || !strings.Contains(string(page), "closed") {
			t.Errorf("evidence for a closed appeal: %d\n%s", res.StatusCode, page)
		}
		if n := ta.count(`SELECT COUNT(*) FROM attachments WHERE ticket_id = ?`, ticketID); n != 0 {
			t.Errorf("%d files stored on the closed appeal's ticket %d, want none", n, ticketID)
		}
	})
}
