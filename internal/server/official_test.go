package server

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// eachDemoEngine runs fn against a fresh demo app on every engine.
func eachDemoEngine(t *testing.T, fn func(t *testing.T, ta *testApp)) {
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			fn(t, newTestApp(t, engine, true))
		})
	}
}

// verify calls the public API without credentials.
func (ta *testApp) verify(value string) (int, guard.Verification) {
	ta.t.Helper()
	var v guard.Verification
	resp := ta.do("POST", "/api/v1/verify", "-", map[string]string{"value": value}, &v)
	return resp.StatusCode, v
}

func TestOfficialChannelsAPI(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var list web.List[guard.Channel]
		if resp := ta.do("GET", "/api/v1/official-channels", "", nil, &list); resp.StatusCode != 200 || len(list.Items) != 0 {
			t.Fatalf("empty registry: %d %+v", resp.StatusCode, list)
		}
		add := func(kind, value string) guard.Channel {
			t.Helper()
			var c guard.Channel
			if resp := ta.do("POST", "/api/v1/official-channels", "", map[string]string{"kind": kind, "value": value, "label": "Official " + kind}, &c); resp.StatusCode != 201 {
				t.Fatalf("add %s %s: %d", kind, value, resp.StatusCode)
			}
			return c
		}
		tg := add("telegram", "https://t.me/GroundcrewExchangeSupport")
		add("email", "security@groundcrew.example")
		add("url_domain", "groundcrew.example")
		if tg.Value != "@GroundcrewExchangeSupport" || !tg.Active {
			t.Fatalf("telegram channel %+v", tg)
		}
		var p web.Problem
		if resp := ta.do("POST", "/api/v1/official-channels", "", map[string]string{"kind": "telegram", "value": "@groundcrewexchangesupport"}, &p); resp.StatusCode != 409 {
			t.Errorf("the same account twice: %d %+v", resp.StatusCode, p)
		}
		if resp := ta.do("POST", "/api/v1/official-channels", "", map[string]string{"kind": "fax", "value": "1"}, &p); resp.StatusCode != 400 || p.Field != "kind" {
			t.Errorf("unknown kind: %d %+v", resp.StatusCode, p)
		}
		_, tier1 := ta.agentToken(auth.Tier1)
		if resp := ta.do("POST", "/api/v1/official-channels", tier1, map[string]string{"kind": "telegram", "value": "@TierOneFakeDesk"}, &p); resp.StatusCode != 403 {
			t.Errorf("tier 1 adds a channel: %d", resp.StatusCode)
		}

		cases := []struct {
			in, verdict, message string
		}{
			{"@GroundcrewExchangeSupport", guard.VerdictOfficial, "@GroundcrewExchangeSupport is ours: Official telegram."},
			{"@GroundcrewExchangeSuppport", guard.VerdictLookalike, "@GroundcrewExchangeSuppport looks like our @GroundcrewExchangeSupport but is NOT us."},
			{"security@gr0undcrew.example", guard.VerdictLookalike, "security@gr0undcrew.example looks like our security@groundcrew.example but is NOT us."},
			{"https://xn--grundcrew-12h.example/login", guard.VerdictLookalike, "grоundcrew.example (really xn--grundcrew-12h.example) looks like our groundcrew.example but is NOT us."},
			{"https://app.groundcrew.example/deposit", guard.VerdictOfficial, "app.groundcrew.example is ours: Official url_domain."},
			{"+1 800 555 0100", guard.VerdictNotOfficial, "+18005550100 is NOT us: our official channels have no such phone number."},
		}
		for _, c := range cases {
			status, v := ta.verify(c.in)
			if status != 200 || v.Verdict != c.verdict || v.Message != c.message || v.Official != (c.verdict == guard.VerdictOfficial) {
				t.Errorf("verify %q: %d %+v; want %s %q", c.in, status, v, c.verdict, c.message)
			}
			if !v.Official && (v.Report == nil || v.Report.Address != "security@groundcrew.example") {
				t.Errorf("verify %q: report %+v, want the security address", c.in, v.Report)
			}
		}
		if status, _ := ta.verify("what is this"); status != 400 {
			t.Errorf("nonsense: %d, want 400", status)
		}
		// The answer in the customer's language; an unknown one refused.
		var v guard.Verification
		if resp := ta.do("POST", "/api/v1/verify", "-", map[string]string{"value": "@GroundcrewExchangeSuppport", "lang": "ar"}, &v); resp.StatusCode != 200 ||
			v.Message != "ليس نحن: \u2068@GroundcrewExchangeSuppport\u2069 يشبه قناتنا \u2068@GroundcrewExchangeSupport\u2069 لكنه ليس تابعًا لنا." {
			t.Errorf("verify in Arabic: %d %q", resp.StatusCode, v.Message)
		}
		if resp := ta.do("POST", "/api/v1/verify", "-", map[string]string{"value": "@GroundcrewExchangeSuppport", "lang": "xx"}, &p); resp.StatusCode != 400 || p.Field != "lang" {
			t.Errorf("verify in an unknown language: %d %+v", resp.StatusCode, p)
		}

		// Agents' codes: on /me, verifiable, rotatable.
		_, tier2 := ta.agentToken(auth.Tier2)
		var me struct {
			Agent            auth.Agent `json:"agent"`
			VerificationCode string     `json:"verification_code"`
		}
		ta.do("GET", "/api/v1/me", tier2, nil, &me)
		if _, ok := guard.ParseVerificationCode(me.VerificationCode); !ok {
			t.Fatalf("/me verification_code = %q", me.VerificationCode)
		}
		team, err := ta.auth.CreateTeam(t.Context(), auth.NewTeam{Name: "Deposits EN"})
		if err != nil {
			t.Fatal(err)
		}
		teams := []int64{team.ID}
		ta.auth.UpdateAgent(t.Context(), me.Agent.ID, auth.AgentUpdate{Teams: &teams})
		status, v := ta.verify(strings.ToLower(me.VerificationCode))
		if status != 200 || !v.Official || v.Agent == nil || v.Agent.FirstName != "tier2" || v.Agent.Team != "Deposits EN" {
			t.Fatalf("verify the agent's code: %d %+v", status, v)
		}
		if strings.Contains(fmt.Sprint(v), "@example.com") {
			t.Errorf("the verification shows the agent's e-mail: %+v", v)
		}
		var rotated map[string]string
		if resp := ta.do("POST", "/api/v1/me/verification-code", tier2, nil, &rotated); resp.StatusCode != 200 || rotated["verification_code"] == me.VerificationCode {
			t.Fatalf("rotate: %d %v", resp.StatusCode, rotated)
		}
		if _, v := ta.verify(me.VerificationCode); v.Official {
			t.Errorf("the old code still verifies after rotation")
		}
		if _, v := ta.verify(rotated["verification_code"]); !v.Official {
			t.Errorf("the new code does not verify")
		}
		// A deactivated agent's code is not official.
		no := false
		ta.auth.UpdateAgent(t.Context(), me.Agent.ID, auth.AgentUpdate{Active: &no})
		if _, v := ta.verify(rotated["verification_code"]); v.Official {
			t.Errorf("a deactivated agent's code verifies")
		}

		// Every check is audited, by IP, without the checked person's mailbox or number.
		entries, _, err := ta.audit.List(t.Context(), audit.Filter{Action: "verify.checked"}, web.Page{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != len(cases)+5 { // and the check in Arabic; the unknown language is refused unchecked
			t.Errorf("%d verify.checked records, want %d", len(entries), len(cases)+5)
		}
		for _, e := range entries {
			if e.IP != "127.0.0.1" || e.ActorKind != audit.ActorAPI || strings.Contains(string(e.Detail), "8005550100") || strings.Contains(string(e.Detail), "security@") {
				t.Errorf("audit record %+v", e)
			}
		}

		if resp := ta.do("DELETE", fmt.Sprintf("/api/v1/official-channels/%d", tg.ID), "", nil, nil); resp.StatusCode != 204 {
			t.Fatalf("delete: %d", resp.StatusCode)
		}
		if resp := ta.do("DELETE", fmt.Sprintf("/api/v1/official-channels/%d", tg.ID), "", nil, nil); resp.StatusCode != 404 {
			t.Fatalf("delete twice: %d", resp.StatusCode)
		}
		if _, v := ta.verify("@GroundcrewExchangeSupport"); v.Official {
			t.Errorf("a removed channel still verifies")
		}
	})
}

// postForm posts a form to the app as a browser on the same site would.
func (ta *testApp) postForm(c *http.Client, path string, form url.Values) (*http.Response, string) {
	ta.t.Helper()
	req, _ := http.NewRequest("POST", ta.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", ta.URL)
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		ta.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (ta *testApp) get(c *http.Client, path string) (*http.Response, string) {
	ta.t.Helper()
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Get(ta.URL + path)
	if err != nil {
		ta.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestVerifyPage(t *testing.T) {
	t.Parallel()
	eachDemoEngine(t, func(t *testing.T, ta *testApp) {
		resp, body := ta.get(nil, "/verify")
		if resp.StatusCode != 200 || !strings.Contains(body, `action="/verify?lang=en"`) || !strings.Contains(body, DemoTelegram) || !strings.Contains(body, "security@"+DemoExchangeDomain) {
			t.Fatalf("GET /verify: %d\n%s", resp.StatusCode, body)
		}
		resp, body = ta.postForm(nil, "/verify", url.Values{"value": {"@GroundcrewExchangeSuppport"}})
		if resp.StatusCode != 200 || !strings.Contains(body, `data-verdict="lookalike"`) ||
			!strings.Contains(body, "@GroundcrewExchangeSuppport looks like our @GroundcrewExchangeSupport but is NOT us.") ||
			!strings.Contains(body, `href="mailto:security@`+DemoExchangeDomain+`"`) {
			t.Fatalf("POST /verify fake: %d\n%s", resp.StatusCode, body)
		}
		resp, body = ta.get(nil, "/verify?value="+url.QueryEscape("https://t.me/GroundcrewExchangeSupport"))
		if resp.StatusCode != 200 || !strings.Contains(body, `data-verdict="official"`) || strings.Contains(body, "What to do") {
			t.Fatalf("GET /verify?value= real: %d\n%s", resp.StatusCode, body)
		}
		// The demo agents' codes verify with first name and teams only (Priya is in
		// Deposits EN).
		var code string
		if err := ta.db.QueryRow(t.Context(), `SELECT verification_code FROM agents WHERE email = ?`, "tier2@demo.groundcrew.local").Scan(&code); err != nil {
			t.Fatal(err)
		}
		resp, body = ta.postForm(nil, "/verify", url.Values{"value": {code}})
		if resp.StatusCode != 200 || !strings.Contains(body, "belongs to Priya, a real agent in our Deposits EN team") || strings.Contains(body, "Tier Two") {
			t.Fatalf("POST /verify agent code: %d\n%s", resp.StatusCode, body)
		}
		if resp, body = ta.postForm(nil, "/verify", url.Values{"value": {"hello world"}}); resp.StatusCode != 400 || !strings.Contains(body, `class="error"`) {
			t.Fatalf("POST /verify nonsense: %d\n%s", resp.StatusCode, body)
		}
		req, _ := http.NewRequest("POST", ta.URL+"/verify", strings.NewReader("value=x"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://evil.example")
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 403 {
			t.Fatalf("cross-site POST /verify: %v %v", resp, err)
		}
	})
}

func TestWorkspaceShowsVerificationCode(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	c := customerClient(t)
	resp, _ := ta.postForm(c, "/login", url.Values{"email": {"admin@groundcrew.local"}, "password": {"test-admin-password"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %d", resp.StatusCode)
	}
	code := storetest.Scalar[string](t, ta.db, `SELECT verification_code FROM agents WHERE email = ?`, "admin@groundcrew.local")
	_, body := ta.get(c, "/")
	if code == "" || !strings.Contains(body, `<strong id="agent-code">`+code+`</strong>`) {
		t.Fatalf("the inbox header lacks the agent's code %q:\n%s", code, body)
	}
}

func TestDepositCheckShowsAntiPhishingPhrase(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		for _, c := range []struct {
			user, lang, want string
		}{
			{sandbox.UserMaria, "en", `Your anti-phishing phrase: <strong>lua azul</strong>`},
			{sandbox.UserMaria, "pt", `Sua frase antiphishing: <strong>lua azul</strong>`},
			{sandbox.UserOlena, "uk", `Ваша антифішингова фраза: <strong>сонячний ранок</strong>`},
			{sandbox.UserJordan, "en", ""}, // no phrase set
		} {
			cl := customerClient(t)
			tok := ta.linkToken(c.user)
			ta.get(cl, "/deposit-check?lang="+c.lang+"&identity="+url.QueryEscape(tok))
			resp, body := ta.get(cl, "/deposit-check?lang="+c.lang)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", c.user, resp.StatusCode)
			}
			has := strings.Contains(body, `id="anti-phishing"`)
			if c.want == "" && has || c.want != "" && !strings.Contains(body, c.want) {
				t.Errorf("%s in %s: anti-phishing phrase shown=%v, want %q", c.user, c.lang, has, c.want)
			}
		}
		// Signed out: no phrase.
		if _, body := ta.get(customerClient(t), "/deposit-check"); strings.Contains(body, `id="anti-phishing"`) {
			t.Error("the phrase shows without a signed-in customer")
		}
	})
}
