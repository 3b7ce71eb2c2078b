package email

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-smtp"
)

// DemoMailbox stands for the customer's mail provider in the demo: an SMTP
// server on 127.0.0.1 that the demo uses as its relay, keeping the last
// demoKeep mails in memory, and a page (/demo/mail) that shows them as the
// customer would see them, headers that thread them included. It is not
// for production: anyone who can open the page reads the mail.
type DemoMailbox struct {
	mu     sync.Mutex
	mails  []DemoMail
	srv    *smtp.Server
	ln     net.Listener
	served chan struct{} // closed when Serve has returned
	CSS    string        // a stylesheet URL for the page, "" for none
}

// DemoMail is one mail the demo relay took.
type DemoMail struct {
	At         time.Time
	From, To   string
	Subject    string
	MessageID  string
	InReplyTo  string
	References string
	Text       string
	HasHTML    bool
	DKIM       bool
}

const demoKeep = 50

// StartDemoMailbox listens on a free port of 127.0.0.1 until Close.
func StartDemoMailbox() (*DemoMailbox, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	d := &DemoMailbox{ln: ln, served: make(chan struct{})}
	d.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &demoSession{d: d}, nil }))
	d.srv.Domain = "demo-mail.local"
	d.srv.MaxMessageBytes = MaxBytes
	go func() {
		defer close(d.served)
		_ = d.srv.Serve(ln)
	}()
	return d, nil
}

// Addr is the relay address to configure.
func (d *DemoMailbox) Addr() string { return d.ln.Addr().String() }

// Close stops the server. It stops accepting and waits for Serve to
// return before Shutdown waits for the open connections: go-smtp counts
// connections in a WaitGroup that Serve adds to, and a Wait not ordered
// after Serve's last Add is a data race (the race detector caught it when
// an App closed while a connection was open).
func (d *DemoMailbox) Close() error {
	err := d.ln.Close()
	<-d.served
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	// Shutdown closes the listener again; that error is not news.
	if serr := d.srv.Shutdown(ctx); serr != nil && !errors.Is(serr, net.ErrClosed) {
		return serr
	}
	if errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}

// Mails returns the kept mails, newest first.
func (d *DemoMailbox) Mails() []DemoMail {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]DemoMail, len(d.mails))
	for i, m := range d.mails {
		out[len(d.mails)-1-i] = m
	}
	return out
}

func (d *DemoMailbox) keep(raw []byte, to string) error {
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	m := DemoMail{At: time.Now(), To: to, MessageID: r.Header.Get("Message-Id"), InReplyTo: r.Header.Get("In-Reply-To"),
		References: r.Header.Get("References"), DKIM: r.Header.Get("DKIM-Signature") != ""}
	m.Subject, _ = r.Header.Subject()
	if from, err := r.Header.AddressList("From"); err == nil && len(from) > 0 {
		m.From = from[0].String()
	}
	for {
		p, err := r.NextPart()
		if err != nil {
			break
		}
		ct := p.Header.Get("Content-Type")
		b, _ := io.ReadAll(io.LimitReader(p.Body, 1<<20))
		switch {
		case strings.HasPrefix(ct, "text/plain") && m.Text == "":
			m.Text = strings.ReplaceAll(string(b), "\r\n", "\n")
		case strings.HasPrefix(ct, "text/html"):
			m.HasHTML = true
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.mails = append(d.mails, m)
	if len(d.mails) > demoKeep {
		d.mails = d.mails[len(d.mails)-demoKeep:]
	}
	return nil
}

type demoSession struct {
	d  *DemoMailbox
	to []string
}

func (s *demoSession) Reset()                               { s.to = nil }
func (s *demoSession) Logout() error                        { return nil }
func (s *demoSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *demoSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}
func (s *demoSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(s.to) == 0 {
		return errors.New("no recipient")
	}
	return s.d.keep(raw, strings.Join(s.to, ", "))
}

var demoPage = template.Must(template.New("mail").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo mailbox</title>{{with .CSS}}<link rel="stylesheet" href="{{.}}">{{end}}</head>
<body><main class="page"><section class="card" id="demo-mail">
<h1>Demo mailbox</h1>
<p class="muted">The mail Groundcrew sent through the demo relay, newest first, as the customer's mail client gets it. Reload after an agent answers an e-mail ticket.</p>
{{range .Mails}}<article class="card demo-mail">
<dl>
<dt>To</dt><dd class="to">{{.To}}</dd>
<dt>From</dt><dd>{{.From}}</dd>
<dt>Subject</dt><dd class="subject">{{.Subject}}</dd>
<dt>Message-ID</dt><dd><code>{{.MessageID}}</code></dd>
<dt>In-Reply-To</dt><dd><code class="in-reply-to">{{.InReplyTo}}</code></dd>
<dt>References</dt><dd><code>{{.References}}</code></dd>
<dt>Parts</dt><dd>text{{if .HasHTML}} and HTML{{end}}{{if .DKIM}} · DKIM-signed{{end}}</dd>
</dl>
<pre class="text">{{.Text}}</pre>
</article>{{else}}<p id="no-mail">No mail yet. Answer an e-mail ticket in the workspace.</p>{{end}}
</section></main></body></html>
`))

// ServeHTTP shows the kept mails.
func (d *DemoMailbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = demoPage.Execute(w, map[string]any{"Mails": d.Mails(), "CSS": d.CSS})
}
