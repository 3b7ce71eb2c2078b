package server

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
)

func TestDiagnoseAPIAndAudit(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		for _, sc := range sandbox.Scenarios() {
			var res diagnose.Result
			resp := ta.do("POST", "/api/v1/deposits/diagnose", "", map[string]any{"txid": sc.TxID, "address": sc.Address, "user_id": sc.UserID}, &res)
			if resp.StatusCode != 200 || res.Verdict != sc.Expect {
				t.Errorf("%s: %d verdict %q, want %q", sc.Name, resp.StatusCode, res.Verdict, sc.Expect)
			}
		}
		entries, _, err := ta.audit.List(t.Context(), audit.Filter{Action: "deposit.diagnosed"}, web.Page{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != len(sandbox.Scenarios()) || entries[0].ActorKind != audit.ActorAgent {
			t.Fatalf("%d deposit.diagnosed audit records (first %+v), want %d by an agent", len(entries), entries, len(sandbox.Scenarios()))
		}
		var p web.Problem
		if resp := ta.do("POST", "/api/v1/deposits/diagnose", "", map[string]any{"txid": ""}, &p); resp.StatusCode != 400 {
			t.Errorf("empty txid: %d %+v", resp.StatusCode, p)
		}
		var id map[string]any
		if resp := ta.do("POST", "/api/v1/chain/identify", "", map[string]any{"text": sandbox.TxCredited}, &id); resp.StatusCode != 200 || len(id["txids"].([]any)) == 0 {
			t.Errorf("identify: %d %+v", resp.StatusCode, id)
		}
	})
}

// customerClient is a browser-like client: it keeps cookies, does not
// follow redirects, and sends Origin on POST.
func customerClient(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func TestDepositCheckPage(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	c := customerClient(t)
	get := func(path string) (*http.Response, string) {
		resp, err := c.Get(ta.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	post := func(origin string, form url.Values) (*http.Response, string) {
		req, _ := http.NewRequest("POST", ta.URL+"/deposit-check?lang=es", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", origin)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	sc := sandbox.Scenarios()[1] // the missing XRP tag
	form := url.Values{"txid": {sc.TxID}, "address": {sc.Address}}

	if resp, body := get("/deposit-check"); resp.StatusCode != 200 || !strings.Contains(body, "Sign in on the exchange") || !strings.Contains(body, "Demo customers") {
		t.Fatalf("anonymous page: %d", resp.StatusCode)
	}
	if resp, _ := post(ta.URL, form); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("check without signing in: %d", resp.StatusCode)
	}
	forged := "eyJzdWIiOiJ1LTEwMDMiLCJleHAiOjk5OTk5OTk5OTl9.c2lnbmF0dXJl"
	if resp, body := get("/deposit-check?identity=" + forged); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Please sign in on the exchange first.") {
		t.Fatalf("forged identity: %d", resp.StatusCode)
	}
	token := ta.linkToken(sc.UserID)
	if resp, _ := get("/deposit-check?lang=es&identity=" + url.QueryEscape(token)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in redirect: %d", resp.StatusCode)
	}
	if resp, body := post("http://evil.example", form); resp.StatusCode != http.StatusForbidden || strings.Contains(body, `data-verdict`) {
		t.Fatalf("cross-site post: %d", resp.StatusCode)
	}
	resp, body := post(ta.URL, form)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-verdict="missing_memo"`) || !strings.Contains(body, `lang="es"`) {
		t.Fatalf("check: %d\n%s", resp.StatusCode, body)
	}
	entries, _, _ := ta.audit.List(t.Context(), audit.Filter{Action: "deposit.diagnosed", ActorKind: audit.ActorCustomer}, web.Page{Limit: 10})
	if len(entries) != 1 || entries[0].ActorID != sc.UserID {
		t.Fatalf("customer look-up audit = %+v", entries)
	}
}
