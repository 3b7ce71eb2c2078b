package server

import (
	"context"
	"crypto"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/email"
)

// EmailConfig is the e-mail channel's part of Config. Everything is off
// until set: no SMTP listener, no mailboxes polled, no mail sent.
type EmailConfig struct {
	// SMTPAddr is where the inbound SMTP listener listens ("" off;
	// "127.0.0.1:0" a free port, which SMTPAddr() then reports).
	SMTPAddr string
	// SMTPTLSCert and SMTPTLSKey (PEM files) let senders use STARTTLS.
	SMTPTLSCert string
	SMTPTLSKey  string
	// From is the support address, "Name <local@domain>"; its domain is
	// the one the listener takes mail for.
	From string
	// Relay is the SMTP relay agents' replies go out through ("" keeps
	// them in the ticket only).
	Relay         string
	RelayUser     string
	RelayPassword string
	RelayTLS      string // none, starttls or tls
	// IMAP lists mailboxes to poll: imaps://user:password@host:993/INBOX,
	// or imaps://user@host/INBOX?token=... for XOAUTH2; comma-separated.
	IMAP      string
	PollEvery time.Duration
	// TrustedAuthServIDs: whose Authentication-Results headers count.
	TrustedAuthServIDs []string
	// DKIMKeyFile is a PEM private key (RSA or Ed25519) to sign outbound
	// mail with, as DKIMSelector._domainkey.<From's domain>.
	DKIMKeyFile  string
	DKIMSelector string
}

// ParseMailboxes parses EmailConfig.IMAP.
func ParseMailboxes(s string) ([]email.Mailbox, error) {
	var out []email.Mailbox
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		u, err := url.Parse(part)
		if err != nil || (u.Scheme != "imap" && u.Scheme != "imaps") || u.User == nil || u.Host == "" {
			return nil, fmt.Errorf("mailbox %q: want imaps://user:password@host:993/INBOX", redactURL(part))
		}
		m := email.Mailbox{Addr: u.Host, TLS: u.Scheme == "imaps", Username: u.User.Username(), Folder: strings.TrimPrefix(u.Path, "/"),
			OAuthToken: u.Query().Get("token"), Name: u.Query().Get("name"), Backlog: u.Query().Get("backlog") == "1"}
		m.Password, _ = u.User.Password()
		if _, _, err := net.SplitHostPort(m.Addr); err != nil {
			m.Addr = net.JoinHostPort(m.Addr, map[bool]string{true: "993", false: "143"}[m.TLS])
		}
		if m.Password == "" && m.OAuthToken == "" {
			return nil, fmt.Errorf("mailbox %q: a password or ?token= is needed", redactURL(part))
		}
		out = append(out, m)
	}
	return out, nil
}

func redactURL(s string) string {
	if u, err := url.Parse(s); err == nil && u.User != nil {
		u.User = url.User(u.User.Username())
		u.RawQuery = ""
		return u.String()
	}
	return "(unreadable)"
}

// openEmail builds the e-mail channel over the ticket store (after
// openCrypto: the exchange answers for anti-phishing phrases).
func (a *App) openEmail() error {
	c := a.cfg.Email
	boxes, err := ParseMailboxes(c.IMAP)
	if err != nil {
		return fmt.Errorf("config: GROUNDCREW_EMAIL_IMAP: %w", err)
	}
	cfg := email.Config{
		DB: a.db, Tickets: a.tickets.Store, Files: a.files.Store, Sealer: a.keys, Screen: a.screen, Log: a.log.With("part", "email"),
		From: c.From, TokenKey: a.keys.Derive("email-reply-token")[0].Bytes, TrustedAuthServIDs: c.TrustedAuthServIDs,
		Relay:     email.Relay{Addr: c.Relay, Username: c.RelayUser, Password: c.RelayPassword, TLS: c.RelayTLS},
		Mailboxes: boxes, PollEvery: c.PollEvery,
	}
	if a.exchange != nil {
		cfg.Phrase = email.KnownCustomerPhrase(a.db, func(ctx context.Context, id string) (string, string, error) {
			u, err := a.exchange.User(ctx, id)
			return u.AntiPhishingPhrase, u.Language, err
		})
	}
	if c.SMTPTLSCert != "" || c.SMTPTLSKey != "" {
		cert, err := tls.LoadX509KeyPair(c.SMTPTLSCert, c.SMTPTLSKey)
		if err != nil {
			return fmt.Errorf("config: GROUNDCREW_SMTP_TLS_CERT and GROUNDCREW_SMTP_TLS_KEY: %w", err)
		}
		cfg.ListenTLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	if c.DKIMKeyFile != "" {
		signer, err := readDKIMKey(c.DKIMKeyFile)
		if err != nil {
			return err
		}
		_, domain, _ := strings.Cut(c.From, "@")
		cfg.DKIM = email.DKIM{Domain: strings.TrimSuffix(strings.TrimSpace(domain), ">"), Selector: c.DKIMSelector, Signer: signer}
	}
	if a.cfg.Demo && c.Relay == "" {
		// The demo's relay is a mailbox of its own, shown at /demo/mail.
		if a.demoMail, err = email.StartDemoMailbox(); err != nil {
			return fmt.Errorf("demo mailbox: %w", err)
		}
		cfg.Relay = email.Relay{Addr: a.demoMail.Addr()}
	}
	if a.email, err = email.New(cfg); err != nil {
		return err
	}
	if c.SMTPAddr != "" {
		if a.smtpLn, err = net.Listen("tcp", c.SMTPAddr); err != nil {
			return fmt.Errorf("smtp listener on %s: %w", c.SMTPAddr, err)
		}
	}
	return nil
}

func readDKIMKey(path string) (crypto.Signer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: DKIM key: %w", err)
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, errors.New("config: DKIM key: not a PEM file")
	}
	if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s, nil
		}
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	return nil, errors.New("config: DKIM key: want an RSA or Ed25519 private key (PKCS#8 or PKCS#1 PEM)")
}

// startEmail starts the listener, the outbound consumer and sender, and
// the mailbox poller.
func (a *App) startEmail(ctx context.Context) error {
	if err := a.email.Start(ctx, a.bus); err != nil {
		return err
	}
	for _, run := range []func(context.Context){a.email.RunSender, a.email.RunPoller} {
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			run(ctx)
		}()
	}
	if a.smtpLn != nil {
		a.email.Listening(true)
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			if err := a.email.ServeSMTP(ctx, a.smtpLn); err != nil {
				a.log.Error("smtp listener stopped", "err", err)
			}
		}()
	}
	return nil
}

// SMTPAddr is where the inbound SMTP listener listens, "" when it is off.
func (a *App) SMTPAddr() string {
	if a.smtpLn == nil {
		return ""
	}
	return a.smtpLn.Addr().String()
}

// SupportAddress is the address mail to the support desk goes to.
func (a *App) SupportAddress() string { return a.email.SupportAddress() }

// emailPageRoutes is the demo mailbox's page, in demo mode.
func (a *App) emailPageRoutes() []pageRoute {
	if a.demoMail == nil {
		return nil
	}
	a.demoMail.CSS = a.assets.URL("app.css")
	return []pageRoute{{"GET /demo/mail", a.demoMail}}
}

// DemoMailbox reports whether the demo mailbox (/demo/mail) takes the
// mail agents send.
func (a *App) DemoMailbox() bool { return a.demoMail != nil }
