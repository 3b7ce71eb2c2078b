package portal

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// passThrough stands in for the guard: the texts here are the test's own.
type passThrough struct{}

func (passThrough) Inbound(state []byte, _ int64, text string) ticket.Screened {
	return ticket.Screened{Text: text, State: state}
}
func (passThrough) Outbound([]string, string) string { return "" }
func (passThrough) Warning(string, []string) string  { return "" }

// promises is a fixed promised time per ticket.
type promises map[int64]time.Time

func (p promises) PromisedBy(_ context.Context, id int64) (*time.Time, error) {
	if at, ok := p[id]; ok {
		return &at, nil
	}
	return nil, nil
}

type fixture struct {
	db       *store.DB
	tickets  *ticket.Store
	signer   auth.IdentitySigner
	url      string
	mine     ticket.Ticket // u-ana's
	card     ticket.Ticket // u-ana's, by e-mail
	agent    ticket.Viewer
	theirs   ticket.Ticket // u-bob's
	promised time.Time
	links    int // sign-in links made: each gets its own token
}

// link is a fresh sign-in token for user, as the exchange mints one per
// link: short-lived, and unlike every earlier one (a two-part token is
// only its user and expiry, so each gets another second).
func (f *fixture) link(user string) string {
	f.links++
	return f.signer.Sign(user, 5*time.Minute+time.Duration(f.links)*time.Second)
}

func setup(t testing.TB, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	ring, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte{7}, seal.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := ticket.NewStore(db, audit.New(db), passThrough{}, ring)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db, tickets: ts, signer: auth.IdentitySigner{Secret: []byte("portal-test-secret-0123456789abcdef")}}
	if f.mine, err = ts.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Deposit <b>missing</b>", Message: "My USDT has not arrived", Channel: "chat",
		Customer: ticket.NewCustomer{ExternalID: "u-ana"}}); err != nil {
		t.Fatal(err)
	}
	if f.card, err = ts.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Card payment", Message: "Card declined", Channel: "email",
		Customer: ticket.NewCustomer{ExternalID: "u-ana", Email: "ana@example.com"}}); err != nil {
		t.Fatal(err)
	}
	if f.theirs, err = ts.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Bob's withdrawal", Message: "Bob's secret story", Channel: "chat",
		Customer: ticket.NewCustomer{ExternalID: "u-bob"}}); err != nil {
		t.Fatal(err)
	}
	var agent int64
	err = db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		agent, err = tx.InsertID(ctx, `INSERT INTO agents (email, name, role, active, created_at, updated_at) VALUES ('a@example.com', 'A', 'tier1', 1, ?, ?)`, store.Now(), store.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	v := ticket.Viewer{AgentID: agent, AllTeams: true}
	f.agent = v
	if _, err := ts.AddMessage(ctx, v, f.mine.ID, ticket.NewMessage{Body: "We are checking the chain."}); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.AddNote(ctx, v, f.mine.ID, ticket.NewMessage{Body: "INTERNAL: looks like a wrong network"}); err != nil {
		t.Fatal(err)
	}
	f.promised = time.Date(2030, 1, 2, 15, 4, 0, 0, time.UTC)
	p := &Portal{DB: db, Tickets: ts, Identity: f.signer, Links: auth.NewVerifications(db, audit.New(db), f.signer), SLA: promises{f.mine.ID: f.promised}, Log: slog.New(slog.DiscardHandler)}
	mux := http.NewServeMux()
	for _, r := range p.Routes() {
		mux.Handle(r.Pattern(), r.Handler)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

// client is a browser without redirects, signed in as user (if set).
func (f *fixture) client(t testing.TB, user string) *http.Client {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if user != "" {
		res, err := c.Get(f.url + "/help/en/signin?token=" + url.QueryEscape(f.link(user)))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign in: %d", res.StatusCode)
		}
		c.Jar = &jar{cookies: res.Cookies()}
	}
	return c
}

// jar holds the sign-in's cookie for every request.
type jar struct{ cookies []*http.Cookie }

func (j *jar) SetCookies(*url.URL, []*http.Cookie) {}
func (j *jar) Cookies(*url.URL) []*http.Cookie     { return j.cookies }

func get(t testing.TB, c *http.Client, u string) (int, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func post(t testing.TB, c *http.Client, u string, form url.Values) (int, string, string) {
	t.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header.Get("Location")
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (f *fixture) customerMessages(t testing.TB, id int64) int {
	return storetest.Scalar[int](t, f.db, `SELECT COUNT(*) FROM messages WHERE ticket_id = ? AND author_kind = 'customer'`, id)
}

func TestSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		c := f.client(t, "")
		for name, c2 := range map[string]struct {
			token, want string
		}{
			"missing": {"", "not valid"},
			"garbage": {"abc.def.ghi", "not valid"},
			"forged":  {auth.IdentitySigner{Secret: []byte("another-secret-0123456789abcdef!!")}.Sign("u-ana", time.Hour), "not valid"},
			"expired": {f.signer.Sign("u-ana", -time.Hour), "expired"},
			"huge":    {strings.Repeat("a", 10000), "not valid"},
			// A sign-in link's token is short-lived: the exchange mints
			// one per link (auth.VerifySignIn).
			"an hour long": {f.signer.Sign("u-ana", time.Hour), "not valid"},
		} {
			code, body := get(t, c, f.url+"/help/en/signin?token="+url.QueryEscape(c2.token))
			if code != http.StatusUnauthorized || !strings.Contains(body, c2.want) {
				t.Errorf("%s token: %d, want 401 saying %q", name, code, c2.want)
			}
		}
		tok := f.link("u-ana")
		res, err := c.Get(f.url + "/help/ar/signin?token=" + url.QueryEscape(tok))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/help/ar/requests" {
			t.Fatalf("sign in: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		ck := res.Cookies()
		if len(ck) != 1 || ck[0].Name != Cookie || !ck[0].HttpOnly || ck[0].SameSite != http.SameSiteLaxMode || ck[0].Secure || ck[0].Path != "/" {
			t.Fatalf("cookie %+v", ck)
		}
		// The cookie is the page's own sign-in for about an hour, not the
		// link's token, which is spent: the same link again is refused.
		page, err := f.signer.Verify(ck[0].Value)
		if ck[0].Value == tok || err != nil || page.UserID != "u-ana" || time.Until(page.Expires) < 50*time.Minute || time.Until(page.Expires) > auth.CustomerPageLife {
			t.Fatalf("page sign-in %+v, %v", page, err)
		}
		if code, body := get(t, c, f.url+"/help/en/signin?token="+url.QueryEscape(tok)); code != http.StatusUnauthorized || !strings.Contains(body, "expired") {
			t.Errorf("replayed link: %d, want 401 saying it expired", code)
		}
		// Signed out, the pages say how to sign in and show nothing.
		for _, p := range []string{"/help/en/requests", fmt.Sprintf("/help/en/requests/%d", f.mine.ID)} {
			if code, body := get(t, c, f.url+p); code != http.StatusUnauthorized || strings.Contains(body, "Deposit") {
				t.Errorf("%s signed out: %d", p, code)
			}
		}
		if code, _ := get(t, c, f.url+"/help/xx/signin?token=x"); code != http.StatusNotFound {
			t.Errorf("unknown language: %d", code)
		}
	})
}

func TestListAndConversation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		ana := f.client(t, "u-ana")
		code, body := get(t, ana, f.url+"/help/en/requests")
		if code != http.StatusOK {
			t.Fatalf("list: %d", code)
		}
		for _, want := range []string{"Deposit &lt;b&gt;missing&lt;/b&gt;", "Card payment", "Answer expected by", "2030-01-02 15:04 UTC", "email", "chat", "Received"} {
			if !strings.Contains(body, want) {
				t.Errorf("list lacks %q", want)
			}
		}
		if strings.Contains(body, "Bob") {
			t.Error("list shows another customer's ticket")
		}
		code, body = get(t, ana, fmt.Sprintf("%s/help/en/requests/%d", f.url, f.mine.ID))
		if code != http.StatusOK {
			t.Fatalf("conversation: %d", code)
		}
		for _, want := range []string{"My USDT has not arrived", "We are checking the chain.", "You", "Support", `name="csrf"`} {
			if !strings.Contains(body, want) {
				t.Errorf("conversation lacks %q", want)
			}
		}
		if strings.Contains(body, "INTERNAL") {
			t.Error("conversation shows an internal note")
		}
		code, body = get(t, ana, f.url+"/help/ar/requests")
		if code != http.StatusOK || !strings.Contains(body, `dir="rtl"`) || !strings.Contains(body, "طلباتي") {
			t.Errorf("Arabic list: %d", code)
		}
		for _, p := range []string{fmt.Sprintf("/help/en/requests/%d", f.theirs.ID), "/help/en/requests/999999", "/help/en/requests/abc", "/help/en/requests/-1", "/help/xx/requests"} {
			if code, body := get(t, ana, f.url+p); code != http.StatusNotFound || strings.Contains(body, "Bob") {
				t.Errorf("%s: %d, want 404", p, code)
			}
		}
		// A customer with no tickets sees an empty list, not an error.
		if code, body := get(t, f.client(t, "u-new"), f.url+"/help/en/requests"); code != http.StatusOK || !strings.Contains(body, "no requests yet") {
			t.Errorf("empty list: %d", code)
		}
	})
}

func TestReply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		ana := f.client(t, "u-ana")
		page := fmt.Sprintf("%s/help/en/requests/%d", f.url, f.mine.ID)
		_, body := get(t, ana, page)
		m := csrfField.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no CSRF token on the page")
		}
		csrf := m[1]
		before := f.customerMessages(t, f.mine.ID)
		for name, c := range map[string]struct {
			form url.Values
			want int
		}{
			"no csrf":    {url.Values{"body": {"hello"}}, http.StatusForbidden},
			"wrong csrf": {url.Values{"body": {"hello"}, "csrf": {"x" + csrf}}, http.StatusForbidden},
			"empty":      {url.Values{"body": {" \n\t "}, "csrf": {csrf}}, http.StatusBadRequest},
			"too long":   {url.Values{"body": {strings.Repeat("a", ticket.MaxBody+1)}, "csrf": {csrf}}, http.StatusRequestEntityTooLarge},
			"huge":       {url.Values{"body": {strings.Repeat("a", 1<<20)}, "csrf": {csrf}}, http.StatusRequestEntityTooLarge},
		} {
			if code, _, _ := post(t, ana, page, c.form); code != c.want {
				t.Errorf("%s: %d, want %d", name, code, c.want)
			}
		}
		// Another customer's ticket, with a valid form: not found, nothing stored.
		bobBefore := f.customerMessages(t, f.theirs.ID)
		if code, _, _ := post(t, ana, fmt.Sprintf("%s/help/en/requests/%d", f.url, f.theirs.ID), url.Values{"body": {"mine now"}, "csrf": {csrf}}); code != http.StatusNotFound {
			t.Errorf("reply on another's ticket: %d", code)
		}
		// Bob's own CSRF token does not work with Ana's cookie.
		bob := f.client(t, "u-bob")
		_, bobPage := get(t, bob, fmt.Sprintf("%s/help/en/requests/%d", f.url, f.theirs.ID))
		if code, _, _ := post(t, ana, page, url.Values{"body": {"x"}, "csrf": {csrfField.FindStringSubmatch(bobPage)[1]}}); code != http.StatusForbidden {
			t.Errorf("another customer's CSRF token: %d", code)
		}
		if got := f.customerMessages(t, f.mine.ID); got != before {
			t.Fatalf("bad replies stored: %d messages, want %d", got, before)
		}
		if got := f.customerMessages(t, f.theirs.ID); got != bobBefore {
			t.Fatalf("another customer's ticket changed: %d messages, want %d", got, bobBefore)
		}
		// A closed request shows no reply box and takes no reply.
		closed := ticket.StatusClosed
		if _, err := f.tickets.UpdateTicket(context.Background(), f.agent, f.card.ID, ticket.Update{Status: &closed}); err != nil {
			t.Fatal(err)
		}
		cardPage := fmt.Sprintf("%s/help/en/requests/%d", f.url, f.card.ID)
		if code, body := get(t, ana, cardPage); code != http.StatusOK || strings.Contains(body, `class="reply"`) || !strings.Contains(body, "is closed") {
			t.Errorf("closed request: %d, reply box shown or no note", code)
		}
		if code, body, _ := post(t, ana, cardPage, url.Values{"body": {"reopen?"}, "csrf": {csrf}}); code != http.StatusConflict || !strings.Contains(body, "is closed") {
			t.Errorf("reply on a closed request: %d", code)
		}
		if got := f.customerMessages(t, f.card.ID); got != 1 {
			t.Errorf("closed request has %d customer messages, want 1", got)
		}
		// Signed out: nothing.
		if code, _, _ := post(t, f.client(t, ""), page, url.Values{"body": {"x"}, "csrf": {csrf}}); code != http.StatusUnauthorized {
			t.Errorf("signed-out reply: %d", code)
		}
		reply := "Still nothing <script>alert(1)</script> after 3 days"
		code, _, loc := post(t, ana, page, url.Values{"body": {reply}, "csrf": {csrf}})
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, fmt.Sprintf("/help/en/requests/%d#m", f.mine.ID)) {
			t.Fatalf("reply: %d to %q", code, loc)
		}
		if got := f.customerMessages(t, f.mine.ID); got != before+1 {
			t.Fatalf("%d customer messages after the reply, want %d", got, before+1)
		}
		_, body = get(t, ana, page)
		if !strings.Contains(body, "Still nothing &lt;script&gt;alert(1)&lt;/script&gt; after 3 days") {
			t.Error("the reply is not shown escaped on the page")
		}
	})
}
