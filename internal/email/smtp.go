package email

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-smtp"
)

// The SMTP listener takes mail for our domain from the internet (or from
// the installation's own MX in front of it): a mail over MaxBytes is
// refused while it is sent (552), one that cannot be read is refused for
// good (554), and one we could not store is deferred (451) so that the
// sender tries again later.

// NewSMTPServer returns an SMTP server that hands each mail to s.Receive.
// It takes mail for our domain's addresses only (no relaying).
func (s *Service) NewSMTPServer() *smtp.Server {
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{s: s}, nil
	}))
	srv.Domain = s.domain()
	srv.MaxMessageBytes = s.cfg.MaxBytes
	srv.MaxRecipients = 50
	srv.ReadTimeout = 2 * time.Minute
	srv.WriteTimeout = 2 * time.Minute
	srv.ErrorLog = smtpLog{s}
	srv.TLSConfig = s.cfg.ListenTLS // nil: no STARTTLS
	return srv
}

type smtpLog struct{ s *Service }

func (l smtpLog) Printf(format string, v ...any) {
	l.s.log.Debug("smtp: " + strings.TrimSpace(fmt.Sprintf(format, v...)))
}
func (l smtpLog) Println(v ...any) { l.s.log.Debug("smtp", "msg", v) }

// ServeSMTP serves SMTP on ln until ctx ends.
func (s *Service) ServeSMTP(ctx context.Context, ln net.Listener) error {
	srv := s.NewSMTPServer()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shut); err != nil {
			_ = srv.Close()
		}
	}()
	err := srv.Serve(ln)
	if errors.Is(err, smtp.ErrServerClosed) || ctx.Err() != nil {
		return nil
	}
	return err
}

type session struct {
	s    *Service
	rcpt int
}

func (ss *session) Reset()        { ss.rcpt = 0 }
func (ss *session) Logout() error { return nil }

func (ss *session) Mail(from string, _ *smtp.MailOptions) error { return nil }

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	_, domain, ok := strings.Cut(strings.ToLower(to), "@")
	if !ok || domain != ss.s.domain() {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Relaying denied: this server takes mail for " + ss.s.domain() + " only"}
	}
	ss.rcpt++
	return nil
}

func (ss *session) Data(r io.Reader) error {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, io.LimitReader(r, ss.s.cfg.MaxBytes+1)); err != nil {
		return err // go-smtp answers ErrDataTooLarge with 552
	}
	if int64(buf.Len()) > ss.s.cfg.MaxBytes {
		return smtp.ErrDataTooLarge
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := ss.s.Receive(ctx, buf.Bytes(), "smtp")
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrMalformed) || errors.Is(err, ErrRefused):
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "Message refused: " + firstLine(err.Error())}
	default:
		ss.s.log.Error("email: receive over smtp", "err", err)
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Temporary failure; please try again later"}
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return cut(s, 200)
}

func tlsConfig(host string) *tls.Config {
	return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
}
