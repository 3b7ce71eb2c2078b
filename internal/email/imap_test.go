package email

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// imapServer is go-imap's in-memory server on a free port, with one user
// whose INBOX the test fills.
type imapServer struct {
	addr string
	user *imapmemserver.User
	srv  *imapserver.Server
}

func startIMAP(t *testing.T) *imapServer {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("support@exchange.test", "mailbox-password")
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		InsecureAuth: true,
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return &imapServer{addr: ln.Addr().String(), user: user, srv: srv}
}

func (s *imapServer) deliver(t *testing.T, raw []byte) {
	t.Helper()
	if _, err := s.user.Append("INBOX", literal(raw), &imap.AppendOptions{Time: time.Now()}); err != nil {
		t.Fatal(err)
	}
}

type literalReader struct {
	*strings.Reader
	n int64
}

func (l literalReader) Size() int64 { return l.n }

func literal(b []byte) imap.LiteralReader {
	return literalReader{strings.NewReader(string(b)), int64(len(b))}
}

// TestIMAPPolling: mail is fetched by UID from where the last poll
// stopped, each once, across polls and an outage; a mailbox that cannot
// be reached is alerted after AlertAfter polls in a row.
func TestIMAPPolling(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		srv := startIMAP(t)
		box := Mailbox{Name: "support", Addr: srv.addr, Username: "support@exchange.test", Password: "mailbox-password"}
		e.svc.cfg.Mailboxes = []Mailbox{box}

		// Mail already there when the mailbox is first polled is not
		// imported (unless Backlog is set, as the archive below is).
		srv.deliver(t, crlf("From: old@example.com\nSubject: last year\n\nAn old mail.\n"))
		if n, err := e.svc.Poll(e.ctx, box); err != nil || n != 0 {
			t.Fatalf("first poll: %d, %v; want 0", n, err)
		}
		mails := threadMails(t, "")
		for _, raw := range mails[:3] {
			srv.deliver(t, raw)
		}
		if n, err := e.svc.Poll(e.ctx, box); err != nil || n != 3 {
			t.Fatalf("first poll: %d, %v; want 3", n, err)
		}
		if n, err := e.svc.Poll(e.ctx, box); err != nil || n != 0 {
			t.Fatalf("second poll: %d, %v; want 0", n, err)
		}
		// An outage: the server refuses us for a while, mail keeps coming.
		bad := box
		bad.Password = "wrong"
		for i := range AlertAfter {
			if _, err := e.svc.Poll(e.ctx, bad); err == nil || strings.Contains(err.Error(), "record poll") {
				t.Fatalf("poll %d with a wrong password: %v", i, err)
			}
		}
		srv.deliver(t, mails[3])
		st, err := e.svc.Mailboxes(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(st) != 1 || !st[0].Alert || st[0].Failures != AlertAfter || !strings.Contains(st[0].LastError, "sign in") {
			t.Errorf("after %d failed polls: %+v, want an alert", AlertAfter, st)
		}
		if n, err := e.svc.Poll(e.ctx, box); err != nil || n != 1 {
			t.Fatalf("poll after the outage: %d, %v; want 1", n, err)
		}
		st, _ = e.svc.Mailboxes(e.ctx)
		if st[0].Alert || st[0].Fetched != 4 || st[0].LastUID != 5 {
			t.Errorf("after recovery: %+v, want no alert, 4 fetched", st[0])
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.channel = 'email'`); n != 4 {
			t.Errorf("%d messages from 4 mails", n)
		}
		// The same mails in another folder (a provider's copy): Message-IDs
		// keep them from being stored twice.
		if err := srv.user.Create("Archive", nil); err != nil {
			t.Fatal(err)
		}
		for _, raw := range mails[:4] {
			if _, err := srv.user.Append("Archive", literal(raw), &imap.AppendOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		arch := box
		arch.Name, arch.Folder, arch.Backlog = "archive", "Archive", true
		if n, err := e.svc.Poll(e.ctx, arch); err != nil || n != 4 {
			t.Fatalf("archive poll: %d, %v", n, err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.channel = 'email'`); n != 4 {
			t.Errorf("%d messages after the copies, want still 4", n)
		}
	})
}
