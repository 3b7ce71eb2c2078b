package server

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/account"
	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// sandboxTicket opens a ticket for a sandbox user through the API: by
// e-mail (L0), or with the exchange's signed identity (L1) when identity
// is not empty.
func (ta *testApp) sandboxTicket(userID, identity string) ticket.Ticket {
	ta.t.Helper()
	u, err := ta.exchange.User(ta.t.Context(), userID)
	if err != nil {
		ta.t.Fatal(err)
	}
	body := map[string]any{"subject": "Help with my account", "message": "Please help.", "channel": "email",
		"customer": map[string]any{"external_id": userID, "email": u.Email, "name": u.Name, "identity": identity}}
	var tk ticket.Ticket
	if resp := ta.do("POST", "/api/v1/tickets", "", body, &tk); resp.StatusCode != http.StatusCreated {
		ta.t.Fatalf("create ticket for %s: %d", userID, resp.StatusCode)
	}
	return tk
}

func (ta *testApp) level(ticketID int64) auth.Verification {
	ta.t.Helper()
	var lv auth.Verification
	if resp := ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d/verification", ticketID), "", nil, &lv); resp.StatusCode != 200 {
		ta.t.Fatalf("verification of ticket %d: %d", ticketID, resp.StatusCode)
	}
	return lv
}

// customerBrowser is a customer's browser on the public pages: it keeps
// cookies, does not follow redirects, and sends Origin on POST.
type customerBrowser struct {
	ta *testApp
	c  *http.Client
}

func (ta *testApp) customer() *customerBrowser {
	return &customerBrowser{ta: ta, c: customerClient(ta.t)}
}

func (cb *customerBrowser) get(path string) (*http.Response, string) {
	cb.ta.t.Helper()
	resp, err := cb.c.Get(cb.ta.URL + path)
	if err != nil {
		cb.ta.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (cb *customerBrowser) post(path string, form url.Values) (*http.Response, string) {
	cb.ta.t.Helper()
	req, _ := http.NewRequest("POST", cb.ta.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", cb.ta.URL)
	resp, err := cb.c.Do(req)
	if err != nil {
		cb.ta.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func wantRedirect(t *testing.T, resp *http.Response, body, prefix string) string {
	t.Helper()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("status %d to %q, want 303 to %s…\n%s", resp.StatusCode, loc, prefix, body)
	}
	return loc
}

var (
	demoCode   = regexp.MustCompile(`id="demo-code">(\d{3}) (\d{3})<`)
	nonceField = regexp.MustCompile(`name="nonce" value="([^"]+)"`)
)

// stepUp is the customer's side of a step-up, through the real pages: sign
// in with the exchange's identity, go to the exchange (the sandbox's demo
// page) for their newest request, type the code it shows, and come back
// with a fresh L2 token. It returns the URL the exchange sent them back to.
func (cb *customerBrowser) stepUp(t *testing.T, userID string) string {
	t.Helper()
	resp, body := cb.get("/step-up?identity=" + url.QueryEscape(cb.ta.linkToken(userID)))
	wantRedirect(t, resp, body, "/step-up")
	if resp, body := cb.get("/step-up"); resp.StatusCode != 200 || !strings.Contains(body, "Support asked you to confirm") {
		t.Fatalf("step-up page: %d\n%s", resp.StatusCode, body)
	}
	resp, body = cb.post("/step-up", nil)
	exchange := wantRedirect(t, resp, body, "/sandbox/step-up?return_to=%2Fstep-up&nonce=")
	resp, body = cb.get(exchange)
	m := demoCode.FindStringSubmatch(body)
	n := nonceField.FindStringSubmatch(body)
	if resp.StatusCode != 200 || m == nil || n == nil || !strings.Contains(body, "demo only") {
		t.Fatalf("sandbox step-up page: %d, code %v, nonce %v\n%s", resp.StatusCode, m, n, body)
	}
	wrong := "000000"
	if m[1]+m[2] == wrong {
		wrong = "111111"
	}
	if resp, body := cb.post("/sandbox/step-up", url.Values{"code": {wrong}, "nonce": {n[1]}}); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "not right") {
		t.Fatalf("wrong code: %d", resp.StatusCode)
	}
	if resp, _ := cb.post("/sandbox/step-up", url.Values{"code": {m[1] + m[2]}}); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("a code without the request's nonce: %d, want 400", resp.StatusCode)
	}
	resp, body = cb.post("/sandbox/step-up", url.Values{"code": {m[1] + " " + m[2]}, "nonce": {n[1]}})
	back := strings.TrimPrefix(wantRedirect(t, resp, body, "/step-up?identity="), cb.ta.URL)
	resp, body = cb.get(back)
	wantRedirect(t, resp, body, "/step-up?done=1")
	if resp, body := cb.get("/step-up?done=1"); resp.StatusCode != 200 || !strings.Contains(body, "you are verified until") {
		t.Fatalf("after the step-up: %d\n%s", resp.StatusCode, body)
	}
	return back
}

func TestTicketResponsesMaskPersonalData(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		body := map[string]any{"subject": "Where is my XRP", "message": "Sent 250 XRP", "channel": "email",
			"customer": map[string]any{"external_id": "u-1003", "email": "jordan.lee@example.org", "name": "Jordan Lee"}}
		check := func(what string, c ticket.Customer) {
			t.Helper()
			if c.Email != "j***@example.org" || c.Name != "J*** L***" || !c.Masked || c.ExternalID != "u-1003" {
				t.Errorf("%s: customer %+v, want it masked", what, c)
			}
		}
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", body, &tk)
		check("create", tk.Customer)
		path := fmt.Sprintf("/api/v1/tickets/%d", tk.ID)
		var got ticket.Ticket
		ta.do("GET", path, "", nil, &got)
		check("get", got.Customer)
		ta.do("PATCH", path, "", map[string]any{"status": "open"}, &got)
		check("update", got.Customer)
		var list web.List[ticket.Ticket]
		ta.do("GET", "/api/v1/tickets", "", nil, &list)
		check("list", list.Items[0].Customer)
		// Stored as given: masking happens only on the way out.
		if email := storetest.Scalar[string](t, ta.db, `SELECT email FROM customers WHERE external_id = 'u-1003'`); email != "jordan.lee@example.org" {
			t.Fatalf("stored e-mail %q", email)
		}
	})
}

func TestCreateTicketWithIdentity(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		cases := []struct {
			name, identity string
			status         int
			level          auth.Level
		}{
			{"without identity", "", 201, auth.L0},
			{"signed in", ta.linkToken(sandbox.UserJordan), 201, auth.L1},
			{"forged", auth.IdentitySigner{Secret: []byte("attacker")}.Sign(sandbox.UserJordan, time.Hour), 400, 0},
			{"expired", ta.identity.Sign(sandbox.UserJordan, -time.Minute), 400, 0},
			{"another user's", ta.linkToken(sandbox.UserMaria), 400, 0},
			{"lives an hour", ta.identity.Sign(sandbox.UserJordan, time.Hour), 400, 0},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				body := map[string]any{"subject": "Help", "message": "Hello", "channel": "chat",
					"customer": map[string]any{"external_id": sandbox.UserJordan, "identity": c.identity}}
				var out map[string]any
				resp := ta.do("POST", "/api/v1/tickets", "", body, &out)
				if resp.StatusCode != c.status {
					t.Fatalf("status %d, want %d: %v", resp.StatusCode, c.status, out)
				}
				if c.status != 201 {
					if out["field"] != "customer.identity" {
						t.Fatalf("problem %v, want it to name customer.identity", out)
					}
					return
				}
				if lv := ta.level(int64(out["id"].(float64))); lv.Level != c.level {
					t.Fatalf("level %s, want %s", lv.Label, c.level)
				}
			})
		}
	})
}

// TestStepUpEndToEnd: an e-mail ticket starts at L0, where the account is
// refused; the agent asks for a step-up; the customer signs in (L1) and
// confirms a fresh code on the exchange (L2); then the actions go to the
// exchange, whose locks still hold.
func TestStepUpEndToEnd(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		tk := ta.sandboxTicket(sandbox.UserMaria, "")
		id := tk.ID
		_, tier1 := ta.agentToken(auth.Tier1)
		_, tier2 := ta.agentToken(auth.Tier2)
		api := func(token, method, path string, want int, contains string) map[string]any {
			t.Helper()
			var out map[string]any
			resp := ta.do(method, fmt.Sprintf("/api/v1/tickets/%d/%s", id, path), token, nil, &out)
			if resp.StatusCode != want || !strings.Contains(fmt.Sprint(out), contains) {
				t.Fatalf("%s %s: %d %v; want %d mentioning %q", method, path, resp.StatusCode, out, want, contains)
			}
			return out
		}
		if lv := ta.level(id); lv.Level != auth.L0 {
			t.Fatalf("e-mail ticket at %s, want L0", lv.Label)
		}
		api(tier2, "GET", "account", 403, "needs customer verification level L1")
		api(tier2, "POST", "actions/two_factor_reset", 403, "needs customer verification level L2")
		api(tier1, "POST", "actions/two_factor_reset", 403, "lacks the account.action permission")
		api(tier2, "POST", "actions/freeze_account", 404, "the actions are two_factor_reset and unlock_withdrawals")

		su := api(tier1, "POST", "step-up", 201, "pending")
		if lv := ta.level(id); lv.StepUp == nil || lv.StepUp.ID != int64(su["id"].(float64)) {
			t.Fatalf("verification after the request: %+v", lv)
		}

		// Bad identities are refused on the customer's page and change nothing.
		cb := ta.customer()
		for name, tok := range map[string]string{
			"forged":  auth.IdentitySigner{Secret: []byte("attacker")}.Sign(sandbox.UserMaria, time.Hour),
			"expired": ta.identity.Sign(sandbox.UserMaria, -time.Minute),
			"stale":   ta.identity.SignStepUp(sandbox.UserMaria, time.Now().Add(-20*time.Minute), time.Hour, "n"),
		} {
			if resp, body := cb.get("/step-up?identity=" + url.QueryEscape(tok)); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `class="error"`) {
				t.Errorf("%s identity on /step-up: %d", name, resp.StatusCode)
			}
		}
		if lv := ta.level(id); lv.Level != auth.L0 {
			t.Fatalf("refused identities changed the level to %s", lv.Label)
		}
		// Sending the customer on needs the form from this site.
		req, _ := http.NewRequest("POST", ta.URL+"/step-up", nil)
		req.Header.Set("Origin", "https://evil.example")
		if resp, err := cb.c.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
			t.Fatalf("cross-site POST /step-up: %v %v", resp.StatusCode, err)
		}

		cb.stepUp(t, sandbox.UserMaria)
		lv := ta.level(id)
		if lv.Level != auth.L2 || lv.Until == nil || lv.Until.Before(time.Now().Add(14*time.Minute)) || lv.StepUp != nil {
			t.Fatalf("after the step-up: %+v, want L2 for 15 minutes", lv)
		}
		acct := api(tier2, "GET", "account", 200, "withdrawals_locked")
		if acct["email"] != "m***@example.com" || acct["masked"] != true {
			t.Fatalf("account = %v, want its personal data masked", acct)
		}
		api(tier2, "POST", "actions/two_factor_reset", 200, "requested")
		again := api(tier2, "POST", "actions/two_factor_reset", 200, "requested")
		if again["replayed"] != true {
			t.Errorf("a repeated reset = %v, want the first result replayed", again)
		}
		api(tier2, "POST", "actions/unlock_withdrawals", 200, "withdrawals are unlocked")

		// Olena, also stepped up: her new-address hold refuses the unlock with
		// the exchange's explanation, and nothing can override it.
		ol := ta.sandboxTicket(sandbox.UserOlena, ta.linkToken(sandbox.UserOlena))
		if lv := ta.level(ol.ID); lv.Level != auth.L1 {
			t.Fatalf("signed-in ticket at %s, want L1", lv.Label)
		}
		var p web.Problem
		if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/step-up", ol.ID), tier2, nil, nil); resp.StatusCode != 201 {
			t.Fatalf("step-up on Olena's ticket: %d", resp.StatusCode)
		}
		ta.customer().stepUp(t, sandbox.UserOlena)
		resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/actions/unlock_withdrawals", ol.ID), tier2, nil, &p)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(p.Detail, "new_address_withdrawal_hold until") || !strings.Contains(p.Detail, "nothing overrides it") {
			t.Fatalf("unlock during a hold: %d %+v", resp.StatusCode, p)
		}

		counts := map[string]int{}
		entries, _, err := ta.audit.List(t.Context(), audit.Filter{}, web.Page{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			counts[e.Action]++
		}
		for action, want := range map[string]int{
			"customer.step_up_requested": 2,
			"customer.verified":          5, // Maria: sign-in, step-up; Olena: ticket intake, sign-in, step-up
			"customer.account_action":    5, // Maria: L0 refusal, reset, repeat, unlock; Olena: refused unlock (unknown actions and permission refusals are not attempts)
			"customer.account_viewed":    1,
		} {
			if counts[action] != want {
				t.Errorf("%d %s audit records, want %d", counts[action], action, want)
			}
		}
	})
}

// TestStepUpBelongsToTheRequest: the L2 a customer reaches for one request
// does not reach their other ticket, and the exchange's return URL, replayed,
// completes nothing.
func TestStepUpBelongsToTheRequest(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		first := ta.sandboxTicket(sandbox.UserMaria, "")
		if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/step-up", first.ID), "", nil, nil); resp.StatusCode != 201 {
			t.Fatalf("step-up request: %d", resp.StatusCode)
		}
		cb := ta.customer()
		back := cb.stepUp(t, sandbox.UserMaria)
		if lv := ta.level(first.ID); lv.Level != auth.L2 {
			t.Fatalf("the asking ticket: %s, want L2", lv.Label)
		}
		// A new ticket, opened signed in while the first is at L2, stays L1.
		second := ta.sandboxTicket(sandbox.UserMaria, ta.linkToken(sandbox.UserMaria))
		if lv := ta.level(second.ID); lv.Level != auth.L1 {
			t.Fatalf("a second ticket of the stepped-up customer: %s, want L1", lv.Label)
		}
		var p web.Problem
		resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/actions/two_factor_reset", second.ID), "", nil, &p)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(p.Detail, "the customer is at L1") {
			t.Fatalf("a 2FA reset on the second ticket: %d %s", resp.StatusCode, p.Detail)
		}
		// Even with a request pending on the second ticket, the first
		// confirmation's return URL, replayed, completes nothing.
		if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/step-up", second.ID), "", nil, nil); resp.StatusCode != 201 {
			t.Fatalf("second step-up request: %d", resp.StatusCode)
		}
		if resp, body := ta.customer().get(back); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "used already") {
			t.Fatalf("replayed return URL: %d\n%s", resp.StatusCode, body)
		}
		if lv := ta.level(second.ID); lv.Level != auth.L1 || lv.StepUp == nil {
			t.Fatalf("after the replay: %+v, want L1 with the request still pending", lv)
		}
		// Fifteen minutes on (the database's clock), the first ticket is L1 again.
		clock := store.NewFakeClock(time.Now().Add(auth.StepUpWindow + time.Minute))
		ta.db.SetClock(clock.Now)
		if lv := ta.level(first.ID); lv.Level != auth.L1 {
			t.Fatalf("after the window: %s, want L1", lv.Label)
		}
		// And a request begun but answered after it lapsed completes nothing.
		ta.db.SetClock(nil)
		resp, body := cb.post("/step-up", nil)
		exchange := wantRedirect(t, resp, body, "/sandbox/step-up?")
		nonce, err := url.ParseQuery(exchange[strings.Index(exchange, "?")+1:])
		if err != nil {
			t.Fatal(err)
		}
		late := ta.identity.SignStepUp(sandbox.UserMaria, time.Now(), time.Hour, nonce.Get("nonce"))
		clock.Set(time.Now().Add(auth.StepUpRequestLifetime + time.Minute))
		ta.db.SetClock(clock.Now)
		if resp, body := cb.get("/step-up?identity=" + url.QueryEscape(late)); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "lapsed") {
			t.Fatalf("a confirmation for a lapsed request: %d\n%s", resp.StatusCode, body)
		}
	})
}

func TestStepUpPageSendsToTheExchange(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	ta.cfg.ExchangeStepUpURL = "https://exchange.example/security/step-up?lang=en"
	tk := ta.sandboxTicket(sandbox.UserAn, "")
	ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/step-up", tk.ID), "", nil, nil)
	cb := ta.customer()
	cb.get("/step-up?identity=" + url.QueryEscape(ta.linkToken(sandbox.UserAn)))
	resp, body := cb.get("/step-up")
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self' https://exchange.example;") {
		t.Errorf("CSP %q does not let the form go on to the exchange", csp)
	}
	if !strings.Contains(body, "Confirm with my code on the exchange") {
		t.Fatalf("step-up page lacks the button:\n%s", body)
	}
	resp, body = cb.post("/step-up", nil)
	want := "https://exchange.example/security/step-up?lang=en&return_to=" + url.QueryEscape(ta.cfg.PublicURL+"/step-up") + "&nonce="
	if loc := wantRedirect(t, resp, body, "https://"); !strings.HasPrefix(loc, want) || len(loc) < len(want)+40 {
		t.Fatalf("sent to %q, want %q and the request's nonce", loc, want)
	}
	// Other pages keep form-action to this site.
	if resp, _ := cb.get("/deposit-check"); strings.Contains(resp.Header.Get("Content-Security-Policy"), "exchange.example") {
		t.Error("the exchange's origin leaked into another page's CSP")
	}
}

func TestRevealAPI(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		tk := ta.sandboxTicket(sandbox.UserJordan, ta.linkToken(sandbox.UserJordan))
		path := fmt.Sprintf("/api/v1/tickets/%d/reveal", tk.ID)
		tier2ID, tier2 := ta.agentToken(auth.Tier2)
		_, tier1 := ta.agentToken(auth.Tier1)
		var p web.Problem
		if resp := ta.do("POST", path, tier1, map[string]any{"reason": "customer asked to confirm the e-mail"}, &p); resp.StatusCode != 403 || !strings.Contains(p.Detail, "customer.reveal") {
			t.Fatalf("tier1 reveal: %d %+v", resp.StatusCode, p)
		}
		if resp := ta.do("POST", path, tier2, map[string]any{"reason": "because"}, &p); resp.StatusCode != 400 || p.Field != "reason" {
			t.Fatalf("short reason: %d %+v", resp.StatusCode, p)
		}
		var out account.Revealed
		if resp := ta.do("POST", path, tier2, map[string]any{"reason": "customer asked to confirm the e-mail on file"}, &out); resp.StatusCode != 200 {
			t.Fatalf("reveal: %d", resp.StatusCode)
		}
		if out.Customer.Email != "jordan.lee@example.org" || out.Customer.Name != "Jordan Lee" || out.Customer.Masked ||
			out.Account == nil || out.Account.Country != "CA" {
			t.Fatalf("revealed = %+v", out)
		}
		entries, _, err := ta.audit.List(t.Context(), audit.Filter{Action: "customer.pii_revealed"}, web.Page{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].ActorID != fmt.Sprint(tier2ID) || !strings.Contains(string(entries[0].Detail), "customer asked to confirm the e-mail on file") {
			t.Fatalf("reveal audit = %+v", entries)
		}
		// The ticket itself stays masked for the same agent afterwards.
		var got ticket.Ticket
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), tier2, nil, &got)
		if !got.Customer.Masked {
			t.Fatal("a reveal unmasked the ticket for later requests")
		}
	})
}
