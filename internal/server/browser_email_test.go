package server

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/smtp"
	"strconv"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestBrowserEmail: with the SMTP listener on, a customer's mail and a
// spoofed one sent to the printed port become e-mail tickets; the agent
// sees the channel and the DMARC warning on the ticket page (and the
// notice on a sender's held flood ticket), a subject that is markup shows
// as typed and runs nothing, and the admin sees the mail on the E-mail
// page.
func TestBrowserEmail(t *testing.T) {
	t.Parallel()
	cfg := Config{DataDir: t.TempDir(), Database: storetest.DSN(t, store.SQLite), AdminPassword: "test-admin-password", AdminToken: testAdminToken,
		Email: EmailConfig{SMTPAddr: "127.0.0.1:0", From: "Support <support@exchange.test>", TrustedAuthServIDs: []string{"mx.exchange.test"}}}
	app, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(func() {
		srv.Close()
		app.Close()
	})
	mail := func(raw string) {
		t.Helper()
		if err := smtp.SendMail(app.SMTPAddr(), nil, "maria@example.com", []string{"support@exchange.test"}, []byte(strings.ReplaceAll(raw, "\n", "\r\n"))); err != nil {
			t.Fatal(err)
		}
	}
	mail("From: Maria <maria@example.com>\nSubject: Deposit missing\nMessage-ID: <d1@example.com>\n\nMy deposit is missing.\n\n-- \nMaria\n")
	mail("Authentication-Results: mx.exchange.test; dmarc=fail header.from=example.com\nFrom: Maria <maria@example.com>\nSubject: Change my e-mail\nMessage-ID: <s1@evil.test>\nIn-Reply-To: <d1@example.com>\n\nPlease change my e-mail to new@evil.test.\n")
	spoofed := storetest.Scalar[int64](t, app.db, `SELECT ticket_id FROM email_messages WHERE rfc_message_id = 's1@evil.test'`)

	b := newBrowser(t, srv.URL)
	b.open("/login")
	b.signIn("admin@groundcrew.local", "test-admin-password")
	b.open("/tickets/" + strconv.FormatInt(spoofed, 10))
	if got := b.text(".ticket-page .meta"); !strings.Contains(got, "via E-mail") || !strings.Contains(got, "email-dmarc-fail") {
		t.Errorf("ticket meta %q, want the channel and the DMARC tag", got)
	}
	if got := b.text("#dmarc-warning"); !strings.Contains(got, "failed DMARC") {
		t.Errorf("DMARC warning %q", got)
	}
	b.screenshot("email-ticket-dmarc")
	// Past ten tickets in an hour, mail without a DMARC pass is held in a
	// ticket of its own, which says so.
	for i := range 9 {
		mail("From: Maria <maria@example.com>\nSubject: Question " + strconv.Itoa(i) + "\nMessage-ID: <q" + strconv.Itoa(i) + "@example.com>\n\nAnother question.\n")
	}
	held := storetest.Scalar[int64](t, app.db, `SELECT ticket_id FROM email_messages WHERE rfc_message_id = 'q8@example.com'`)
	b.open("/tickets/" + strconv.FormatInt(held, 10))
	if got := b.text("#flood-held-notice"); !strings.Contains(got, "held here") {
		t.Errorf("flood notice %q", got)
	}
	b.screenshot("email-ticket-flood-held")
	// A subject that is markup is shown as the text the customer typed:
	// in the inbox and on the ticket page, escaped, and nothing of it runs.
	hostile := `<script>window.pwned=1</script><img src=x onerror="window.pwned=2">`
	mail("From: Lee <lee@example.net>\nSubject: " + hostile + "\nMessage-ID: <x1@example.net>\n\nHello, my deposit has not arrived.\n")
	xss := storetest.Scalar[int64](t, app.db, `SELECT ticket_id FROM email_messages WHERE rfc_message_id = 'x1@example.net'`)
	b.open("/")
	if got := b.text("main"); !strings.Contains(got, hostile) {
		t.Errorf("the inbox does not show the subject as typed: %.300q", got)
	}
	b.open("/tickets/" + strconv.FormatInt(xss, 10))
	if got := b.text("h1"); !strings.Contains(got, hostile) {
		t.Errorf("ticket heading %q, want the subject as typed", got)
	}
	if eval[bool](b, `window.pwned !== undefined || document.querySelector("main img[src=x]") !== null`) {
		t.Error("the subject's markup ran or was rendered")
	}
	b.screenshot("email-ticket-markup-subject")
	b.open("/admin/email")
	if got := b.text("#mail-list"); !strings.Contains(got, "m***@example.com") || !strings.Contains(got, "failed") {
		t.Errorf("recent mail %q", got)
	}
	if got := b.text("#email-smtp"); got != "on" {
		t.Errorf("listener shown as %q", got)
	}
	b.screenshot("admin-email")
	b.checkConsole("e-mail pages", nil)
}
