package webhook

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func offeredForTest(t string) bool {
	return t == "ticket.created" || t == "message.created" || t == "sla.breached"
}

// TestParseInput: good input is normalised; each bad field is refused with
// a message naming it.
func TestParseInput(t *testing.T) {
	in, err := ParseInput([]byte(`{"name":"  CRM ","url":"https://hooks.example.com/x","events":["sla.breached","ticket.created","sla.breached"]}`), true, offeredForTest, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	if *in.Name != "CRM" || strings.Join(*in.Events, ",") != "sla.breached,ticket.created" || *in.Scope != ScopeMetadata {
		t.Errorf("normalised: %q %v %q", *in.Name, *in.Events, *in.Scope)
	}
	for body, want := range map[string]string{
		`{"url":"https://a.example","events":["ticket.created"]}`:                        "name",
		`{"name":"x","events":["ticket.created"]}`:                                       "url",
		`{"name":"x","url":"https://a.example"}`:                                         "events",
		`{"name":"x","url":"https://a.example","events":[]}`:                             "events",
		`{"name":"x","url":"https://a.example","events":["note.created"]}`:               "not an event type",
		`{"name":"x","url":"https://a.example","events":["ticket.created"],"scope":"x"}`: "scope",
		`{"name":"x","url":"http://a.example","events":["ticket.created"]}`:              "https",
		`{"name":"x","url":"ftp://a.example","events":["ticket.created"]}`:               "https",
		`{"name":"x","url":"https://u:p@a.example","events":["ticket.created"]}`:         "password",
		`{"name":"x","url":"https://a.example/#f","events":["ticket.created"]}`:          "fragment",
		`{"name":"x","url":"https://a.example","events":["ticket.created"],"extra":1}`:   "extra",
		`{"name":"a\nb","url":"https://a.example","events":["ticket.created"]}`:          "name",
		`[]`: "",
	} {
		_, err := ParseInput([]byte(body), true, offeredForTest, Policy{})
		if errs.KindOf(err) != errs.Invalid || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v; want Invalid about %q", body, err, want)
		}
	}
	if _, err := ParseInput([]byte(`{}`), false, offeredForTest, Policy{}); err != nil {
		t.Errorf("an empty change: %v", err)
	}
}

// TestTargetPolicy: loopback, private, link-local and local names are
// refused unless the installation allows them, when the URL is checked
// and again when a request connects.
func TestTargetPolicy(t *testing.T) {
	for _, u := range []string{"https://127.0.0.1/", "https://localhost:8443/", "https://[::1]/", "https://10.1.2.3/", "https://192.168.0.1/",
		"https://172.16.0.1/", "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/", "https://0.0.0.0/", "https://[fd00::1]/",
		"https://[::ffff:127.0.0.1]/", "https://metadata.google.internal/", "https://2130706433/", "https://0x7f000001/", "https://printer.local/"} {
		if _, err := CheckURL(u, Policy{}); errs.KindOf(err) != errs.Invalid {
			t.Errorf("%s accepted: %v", u, err)
		}
	}
	if _, err := CheckURL("https://hooks.example.com/a?b=c", Policy{}); err != nil {
		t.Errorf("public name refused: %v", err)
	}
	if _, err := CheckURL("http://127.0.0.1:8080/hook", Policy{AllowPrivate: true}); err != nil {
		t.Errorf("127.0.0.1 refused with AllowPrivate: %v", err)
	}

	// A name that resolves to a private address passes CheckURL but not the
	// connection; so does a subscription stored while private targets were
	// allowed, after they no longer are.
	rcv := newReceiver(t, "ok")
	resp, err := newClient(Policy{}, time.Second).Post(rcv.URL, "application/json", strings.NewReader("{}"))
	if err == nil {
		resp.Body.Close()
		t.Fatal("the client connected to 127.0.0.1")
	}
	if !strings.Contains(err.Error(), "not a public address") {
		t.Errorf("refusal: %v", err)
	}
	if len(rcv.received()) != 0 {
		t.Error("the receiver got the request")
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, nil)
		sub := e.subscribe(rcv.URL, ScopeMetadata, "ticket.created")
		strict := e.svc.cfg
		strict.Policy, strict.Client = Policy{}, nil
		svc, err := New(strict)
		if err != nil {
			t.Fatal(err)
		}
		e.customerTicket("u-ssrf", "Hello")
		e.pump()
		if _, err := svc.DeliverDue(e.ctx); err != nil {
			t.Fatal(err)
		}
		log, err := svc.Deliveries(e.ctx, sub.ID, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 1 || len(log[0].Log) != 1 || !strings.Contains(log[0].Log[0].Error, "not a public address") {
			t.Errorf("log: %+v", log)
		}
	})
}

// TestNoRedirects: a 3xx is a failed attempt; the Location is not followed.
func TestNoRedirects(t *testing.T) {
	rcv := newReceiver(t, "ok")
	redirect := newReceiver(t, "ok")
	redirect.Config.Handler = http.RedirectHandler(rcv.URL, http.StatusTemporaryRedirect)
	resp, err := newClient(Policy{AllowPrivate: true}, time.Second).Post(redirect.URL, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTemporaryRedirect || len(rcv.received()) != 0 {
		t.Errorf("redirect followed: %d, %d received", resp.StatusCode, len(rcv.received()))
	}
}

// FuzzParseInput: no input crashes the parser, and what it accepts obeys
// the rules (events offered, scope known, URL re-checks to itself).
func FuzzParseInput(f *testing.F) {
	for _, s := range []string{
		`{"name":"CRM","url":"https://hooks.example.com/x","events":["ticket.created"],"scope":"message_bodies"}`,
		`{"name":"x","url":"http://127.0.0.1:9/","events":["sla.breached","sla.breached"]}`,
		`{"url":"https://[::1]/"}`, `{"active":false}`, `{"name":"\u0000"}`, `{"url":"https://0x7f.1/"}`, `{"events":null}`, `null`, ``,
	} {
		f.Add([]byte(s), true, false)
		f.Add([]byte(s), false, true)
	}
	f.Fuzz(func(t *testing.T, body []byte, create, allow bool) {
		in, err := ParseInput(body, create, offeredForTest, Policy{AllowPrivate: allow})
		if err != nil {
			if k := errs.KindOf(err); k != errs.Invalid && k != errs.TooLarge {
				t.Fatalf("error of kind %v: %v", k, err)
			}
			return
		}
		if create && (in.Name == nil || in.URL == nil || in.Events == nil || in.Scope == nil) {
			t.Fatalf("accepted a new subscription without a field: %+v", in)
		}
		if in.Events != nil {
			for _, e := range *in.Events {
				if !offeredForTest(e) {
					t.Fatalf("accepted event %q", e)
				}
			}
		}
		if in.Scope != nil && *in.Scope != ScopeMetadata && *in.Scope != ScopeBodies {
			t.Fatalf("accepted scope %q", *in.Scope)
		}
		if in.URL != nil {
			again, err := CheckURL(*in.URL, Policy{AllowPrivate: allow})
			if err != nil || again != *in.URL {
				t.Fatalf("url %q re-checks to %q, %v", *in.URL, again, err)
			}
		}
	})
}
