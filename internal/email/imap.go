package email

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
)

// IMAP polling, for exchanges whose support mail lives with a provider.
// Sync goes by UID within the mailbox's UIDVALIDITY, from the last UID
// stored: after an outage every mail that arrived is fetched once, and the
// position moves after each mail is stored, so none is fetched twice (and
// if one were, its Message-ID is a duplicate). Mail is read with
// BODY.PEEK[]: the provider's \Seen flags stay the people's.

// Mailbox is one IMAP mailbox to poll.
type Mailbox struct {
	Name     string // shown to admins; unique; defaults to user@addr/folder
	Addr     string // host:port
	TLS      bool   // implicit TLS (993); false: plain (tests, a local proxy)
	Username string
	// Password signs in with LOGIN; OAuthToken instead with XOAUTH2, for
	// providers that turned password login off (Microsoft 365, Google
	// Workspace). TokenFunc, when set, is asked for a fresh token each poll.
	Password   string
	OAuthToken string
	TokenFunc  func(ctx context.Context) (string, error)
	Folder     string // INBOX when empty
	// Backlog imports the mail already in the mailbox when it is first
	// polled; by default sync starts with the mail that arrives after.
	Backlog bool
}

func (m *Mailbox) defaults() {
	if m.Folder == "" {
		m.Folder = "INBOX"
	}
	if m.Name == "" {
		m.Name = m.Username + "@" + m.Addr + "/" + m.Folder
	}
}

// AlertAfter is how many polls in a row may fail before a mailbox is shown
// to admins as not syncing.
const AlertAfter = 3

// RunPoller polls the configured mailboxes until ctx ends.
func (s *Service) RunPoller(ctx context.Context) {
	if len(s.cfg.Mailboxes) == 0 {
		return
	}
	t := time.NewTicker(s.cfg.PollEvery)
	defer t.Stop()
	for {
		for _, m := range s.cfg.Mailboxes {
			if _, err := s.Poll(ctx, m); err != nil && ctx.Err() == nil {
				s.log.Warn("email: mailbox poll failed", "mailbox", m.Name, "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Poll fetches the mail that arrived in m since the last poll, receives
// each, and records the mailbox's state; it returns how many it fetched.
func (s *Service) Poll(ctx context.Context, m Mailbox) (int, error) {
	m.defaults()
	n, err := s.poll(ctx, m)
	if rerr := s.recordPoll(ctx, m.Name, err); rerr != nil {
		return n, errors.Join(err, rerr)
	}
	return n, err
}

func (s *Service) poll(ctx context.Context, m Mailbox) (int, error) {
	c, err := dialIMAP(ctx, m)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if err := signIn(ctx, c, m); err != nil {
		return 0, err
	}
	sel, err := c.Select(m.Folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return 0, fmt.Errorf("select %s: %w", m.Folder, err)
	}
	validity, last, err := s.syncState(ctx, m.Name)
	if err != nil {
		return 0, err
	}
	if validity == 0 && !m.Backlog && sel.UIDNext > 0 {
		// First poll: years of old mail in a mailbox are not new tickets.
		return 0, s.setSyncState(ctx, m.Name, sel.UIDValidity, uint32(sel.UIDNext)-1, 0)
	}
	if validity != sel.UIDValidity {
		// The mailbox was re-created: its UIDs start again. Message-IDs
		// keep what was received before from being stored twice.
		last = 0
		if err := s.setSyncState(ctx, m.Name, sel.UIDValidity, 0, 0); err != nil {
			return 0, err
		}
	}
	if sel.NumMessages == 0 || (sel.UIDNext != 0 && uint32(sel.UIDNext) <= last+1) {
		return 0, nil
	}
	var set imap.UIDSet
	set.AddRange(imap.UID(last+1), 0) // last+1:*
	list, err := c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
	if err != nil {
		return 0, fmt.Errorf("fetch sizes: %w", err)
	}
	fetched := 0
	section := &imap.FetchItemBodySection{Peek: true}
	for _, msg := range list {
		uid := uint32(msg.UID)
		if uid <= last { // "n:*" returns the last mail even when it is older
			continue
		}
		if ctx.Err() != nil {
			return fetched, ctx.Err()
		}
		if msg.RFC822Size <= MaxBytes {
			bufs, err := c.Fetch(imap.UIDSetNum(msg.UID), &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
			if err != nil {
				return fetched, fmt.Errorf("fetch uid %d: %w", uid, err)
			}
			if len(bufs) == 1 {
				if _, err := s.Receive(ctx, bufs[0].FindBodySection(section), m.Name); err != nil {
					if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrRefused) {
						return fetched, fmt.Errorf("receive uid %d: %w", uid, err) // retried next poll
					}
					s.log.Warn("email: mail skipped", "mailbox", m.Name, "uid", uid, "err", err)
				}
			}
		} else {
			s.log.Warn("email: mail over the size limit skipped", "mailbox", m.Name, "uid", uid, "size", msg.RFC822Size)
		}
		fetched++
		last = uid
		if err := s.setSyncState(ctx, m.Name, sel.UIDValidity, last, 1); err != nil {
			return fetched, err
		}
	}
	return fetched, c.Logout().Wait()
}

func dialIMAP(ctx context.Context, m Mailbox) (*imapclient.Client, error) {
	opts := &imapclient.Options{Dialer: &net.Dialer{Timeout: 20 * time.Second}}
	var c *imapclient.Client
	var err error
	if m.TLS {
		host, _, _ := net.SplitHostPort(m.Addr)
		opts.TLSConfig = tlsConfig(host)
		c, err = imapclient.DialTLS(m.Addr, opts)
	} else {
		c, err = imapclient.DialInsecure(m.Addr, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", m.Addr, err)
	}
	go func() { // a cancelled poll closes the connection
		select {
		case <-ctx.Done():
			c.Close()
		case <-c.Closed():
		}
	}()
	return c, nil
}

func signIn(ctx context.Context, c *imapclient.Client, m Mailbox) error {
	token := m.OAuthToken
	if m.TokenFunc != nil {
		var err error
		if token, err = m.TokenFunc(ctx); err != nil {
			return fmt.Errorf("oauth token for %s: %w", m.Username, err)
		}
	}
	if token != "" {
		if err := c.Authenticate(xoauth2{user: m.Username, token: token}); err != nil {
			return fmt.Errorf("sign in as %s (XOAUTH2): %w", m.Username, err)
		}
		return nil
	}
	if err := c.Login(m.Username, m.Password).Wait(); err != nil {
		return fmt.Errorf("sign in as %s: %w", m.Username, err)
	}
	return nil
}

// xoauth2 is the SASL mechanism Google and Microsoft use for OAuth 2.0
// bearer tokens over IMAP (a fore-runner of RFC 7628's OAUTHBEARER).
type xoauth2 struct{ user, token string }

var _ sasl.Client = xoauth2{}

func (x xoauth2) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + x.user + "\x01auth=Bearer " + x.token + "\x01\x01"), nil
}

// Next answers the server's error challenge (a JSON status) with an empty
// response, after which the server fails the command with its reason.
func (x xoauth2) Next(challenge []byte) ([]byte, error) { return []byte{}, nil }
