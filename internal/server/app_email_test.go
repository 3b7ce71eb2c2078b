package server

import (
	"strings"
	"testing"
)

func TestParseMailboxes(t *testing.T) {
	t.Parallel()
	got, err := ParseMailboxes("imaps://support%40ex.example:pa%3Ass@imap.ex.example/INBOX, imap://ops@127.0.0.1:1143/Support?token=tok&name=ops&backlog=1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d mailboxes", len(got))
	}
	a, b := got[0], got[1]
	if a.Addr != "imap.ex.example:993" || !a.TLS || a.Username != "support@ex.example" || a.Password != "pa:ss" || a.Folder != "INBOX" {
		t.Errorf("first: %+v", a)
	}
	if b.Addr != "127.0.0.1:1143" || b.TLS || b.OAuthToken != "tok" || b.Name != "ops" || !b.Backlog || b.Folder != "Support" {
		t.Errorf("second: %+v", b)
	}
	for _, bad := range []string{"http://u:p@host/INBOX", "imaps://host/INBOX", "imaps://user@host/INBOX", "imaps://user:secret@/INBOX"} {
		_, err := ParseMailboxes(bad)
		if err == nil {
			t.Errorf("%q accepted", bad)
		} else if strings.Contains(err.Error(), "secret") {
			t.Errorf("%q: the error shows the password: %v", bad, err)
		}
	}
}
