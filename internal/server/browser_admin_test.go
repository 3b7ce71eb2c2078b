package server

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// The account, new-ticket and admin pages, each doing its main action in a
// real Chromium and checking the result on the page (and, where it is
// cheap, through the API).

// fill sets form inputs by CSS selector (text, select, textarea), as a
// person typing would, but in one step.
func (b *browser) fill(values map[string]string) {
	b.t.Helper()
	for sel, v := range values {
		js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return false; e.value = %q; return true })()`, sel, v)
		if !eval[bool](b, js) {
			b.t.Fatalf("fill %s: no such element on %s", sel, b.path())
		}
	}
}

// check ticks (or unticks) a checkbox.
func (b *browser) check(sel string, on bool) {
	b.t.Helper()
	if !eval[bool](b, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return false; e.checked = %v; return true })()`, sel, on)) {
		b.t.Fatalf("check %s: no such element on %s", sel, b.path())
	}
}

// submit clicks the submit button of the form and returns the status of
// the page the browser lands on.
func (b *browser) submit(form string) int64 {
	b.t.Helper()
	return b.navigate("submit "+form, chromedp.Click(chromedp.CSS(form+` button[type="submit"]`)))
}

// adminSignedIn is a demo app with Chromium signed in as its admin.
func adminSignedIn(t *testing.T, engine store.Dialect) (*testApp, *browser) {
	ta := newTestApp(t, engine, true)
	b := newBrowser(t, ta.URL)
	b.open("/login")
	if status := b.signIn("admin@groundcrew.local", "test-admin-password"); status != 200 {
		t.Fatalf("sign in: status %d", status)
	}
	return ta, b
}

// 4xx answers that a page shows on purpose are logged by the browser.
func pageRefusal(e consoleEntry) bool {
	return e.source == "network" && (strings.Contains(e.text, "status of 4"))
}

func TestBrowserAdminAgentsAndTeams(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			ta, b := adminSignedIn(t, engine)

			// A team first, so the new agent can join it.
			b.open("/admin/teams")
			b.fill(map[string]string{`#new-team input[name=name]`: "Deposits <b>EN</b>", `#new-team select[name=product_area]`: "wallet_deposits", `#new-team select[name=language]`: "en"})
			if st := b.submit("#new-team form"); st != 200 {
				t.Fatalf("create team: status %d", st)
			}
			if !strings.HasPrefix(b.path(), "/admin/teams/") {
				t.Fatalf("after creating a team: %s", b.path())
			}
			if got := b.text("#team h1"); got != "Deposits <b>EN</b>" {
				t.Errorf("team name shown %q (escaped as text)", got)
			}
			if got := b.text("#team dl"); !strings.Contains(got, "Wallet deposits") || !strings.Contains(got, "English") {
				t.Errorf("team facts %q, want human labels", got)
			}
			teamID := strings.TrimPrefix(strings.SplitN(b.path(), "?", 2)[0], "/admin/teams/")

			// An invalid agent: the error is beside the field, what was typed stays.
			b.open("/admin/agents")
			b.fill(map[string]string{`#new-agent input[name=name]`: "Nadia Kaya", `#new-agent input[name=email]`: "nadia at example", `#new-agent select[name=role]`: "tier2", `#new-agent input[name=password]`: "a-long-enough-password"})
			eval[bool](b, `document.querySelector('#new-agent form').noValidate = true`)
			if st := b.submit("#new-agent form"); st != 422 && st != 400 {
				t.Errorf("bad e-mail: status %d, want 4xx", st)
			}
			if got := b.text("#new-agent .field-error"); !strings.Contains(got, "e-mail") {
				t.Errorf("field error %q", got)
			}
			if got := eval[string](b, `document.querySelector('#new-agent input[name=name]').value`); got != "Nadia Kaya" {
				t.Errorf("name typed is lost: %q", got)
			}
			b.checkConsole("bad agent", pageRefusal)

			b.fill(map[string]string{`#new-agent input[name=email]`: "nadia@example.com", `#new-agent input[name=password]`: "a-long-enough-password", `#new-agent select[name=role]`: "tier2"})
			b.check(`#new-agent input[name=teams][value="`+teamID+`"]`, true)
			if st := b.submit("#new-agent form"); st != 200 {
				t.Fatalf("create agent: status %d", st)
			}
			if got := b.text("#agent-role"); got != "Tier 2" {
				t.Errorf("role shown %q, want Tier 2", got)
			}
			if got := b.text("#agent-teams"); got != "Deposits <b>EN</b>" {
				t.Errorf("teams shown %q", got)
			}
			b.screenshot("admin-agent-" + string(engine))

			// Promote and switch off.
			b.fill(map[string]string{`#edit-agent select[name=role]`: "tier3"})
			b.check(`#edit-agent input[name=active]`, false)
			if st := b.submit("#edit-agent form"); st != 200 {
				t.Fatalf("update agent: status %d", st)
			}
			if got := b.text("#agent-role"); got != "Tier 3" {
				t.Errorf("role after edit %q, want Tier 3", got)
			}
			if got := b.text("#agent-state"); !strings.Contains(got, "Switched off") {
				t.Errorf("state after edit %q", got)
			}
			b.open("/admin/agents")
			if got := b.text("#agent-list"); !strings.Contains(got, "nadia@example.com") || strings.Contains(got, "tier3") {
				t.Errorf("agent list %q: want the new agent, with role labels", got)
			}
			b.screenshot("admin-agents-" + string(engine))

			// The two-factor policy, on the same page.
			b.check(`#totp-policy input[name=roles][value=tier1]`, true)
			if st := b.submit("#totp-policy form"); st != 200 {
				t.Fatalf("save policy: status %d", st)
			}
			if !eval[bool](b, `document.querySelector('#totp-policy input[name=roles][value=tier1]').checked`) {
				t.Error("the saved policy does not show Tier 1")
			}
			var policy struct{ Roles []string }
			ta.do("GET", "/api/v1/admin/totp-policy", testAdminToken, nil, &policy)
			if len(policy.Roles) != 1 || policy.Roles[0] != "tier1" {
				t.Errorf("policy through the API: %+v", policy)
			}
			b.checkConsole("agents", nil)
		})
	}
}

func TestBrowserAdminChannelsFormAndAudit(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			_, b := adminSignedIn(t, engine)

			// Official channels: add one, then remove it.
			b.open("/admin/channels")
			b.fill(map[string]string{`#new-channel select[name=kind]`: "email", `#new-channel input[name=value]`: "help@exchange-admin.example", `#new-channel input[name=label]`: "Help desk"})
			if st := b.submit("#new-channel form"); st != 200 {
				t.Fatalf("add channel: status %d", st)
			}
			if got := b.text("#channel-list"); !strings.Contains(got, "help@exchange-admin.example") {
				t.Fatalf("channel list %q", got)
			}
			id := eval[string](b, `[...document.querySelectorAll('#channel-list tr[data-id]')].find(r => r.innerText.includes('help@exchange-admin.example')).dataset.id`)
			b.screenshot("admin-channels-" + string(engine))
			if st := b.submit(`#channel-list tr[data-id="` + id + `"] form`); st != 200 {
				t.Fatalf("remove channel: status %d", st)
			}
			if n := eval[int](b, `document.querySelectorAll('#channel-list tr[data-id="`+id+`"]').length`); n != 0 {
				t.Errorf("removed channel still listed")
			}
			if got := b.text(".notice"); !strings.Contains(got, "removed") {
				t.Errorf("notice %q", got)
			}

			// The ticket form: add a field required everywhere on the agent's form.
			b.open("/admin/form")
			b.fill(map[string]string{`#edit-field input[name=key]`: "order_ref", `#edit-field input[name=label]`: "Order reference", `#edit-field select[name=kind]`: "withdrawal_id"})
			b.check(`#edit-field input[name=required_in][value="*"]`, true)
			if st := b.submit("#edit-field form"); st != 200 {
				t.Fatalf("add field: status %d", st)
			}
			if got := b.text(`#field-list tr[data-key="order_ref"]`); !strings.Contains(got, "Order reference") || !strings.Contains(got, "every area") {
				t.Errorf("field row %q", got)
			}
			b.screenshot("admin-form-" + string(engine))

			// Macros: add one, then change it.
			b.open("/admin/macros")
			b.fill(map[string]string{`#edit-macro input[name=name]`: "Deposit received", `#edit-macro select[name=language]`: "es",
				`#edit-macro textarea[name=body]`: "Hola {{customer.first_name}}, hemos recibido su depósito."})
			if st := b.submit("#edit-macro form"); st != 200 {
				t.Fatalf("add macro: status %d", st)
			}
			row := eval[string](b, `[...document.querySelectorAll('#macro-list tr[data-id]')].find(r => r.innerText.includes('Deposit received'))?.innerText ?? ''`)
			if !strings.Contains(row, "Spanish") {
				t.Errorf("macro row %q, want the language's name", row)
			}
			b.fill(map[string]string{`#edit-macro input[name=name]`: "Deposit received", `#edit-macro textarea[name=body]`: "Hola {{nope}}"})
			if st := b.submit("#edit-macro form"); st < 400 {
				t.Errorf("a macro with an unknown placeholder: %d", st)
			}
			if got := b.text("#edit-macro .field-error"); got == "" {
				t.Error("no field error for the unknown placeholder")
			}
			b.screenshot("admin-macros-" + string(engine))

			// The audit log: the chain verifies, and a filter narrows the list.
			b.open("/admin/audit?verify=1")
			if got := b.text("#verdict"); !strings.HasPrefix(got, "Intact") {
				t.Errorf("verdict %q", got)
			}
			b.fill(map[string]string{`#audit-filter input[name=action]`: "official_channel.removed"})
			b.submit("#audit-filter")
			actions := eval[[]string](b, `[...document.querySelectorAll('#audit-list td.action')].map(td => td.innerText)`)
			if len(actions) == 0 {
				t.Errorf("no audit entries for the removal (page %s)", b.path())
			}
			for _, a := range actions {
				if a != "official_channel.removed" {
					t.Errorf("filtered list has %q", a)
				}
			}
			// Paging: the next page starts below the last entry shown.
			b.open("/admin/audit?limit=5")
			first := eval[[]string](b, `[...document.querySelectorAll('#audit-list tr[data-seq]')].map(r => r.dataset.seq)`)
			b.navigate("older entries", chromedp.Click(chromedp.CSS("#older")))
			next := eval[[]string](b, `[...document.querySelectorAll('#audit-list tr[data-seq]')].map(r => r.dataset.seq)`)
			if len(first) != 5 || len(next) == 0 || atoi(t, next[0]) >= atoi(t, first[4]) {
				t.Errorf("pages %v then %v", first, next)
			}
			b.open("/admin/audit?verify=1")
			b.screenshot("admin-audit-" + string(engine))
			b.checkConsole("channels, form, macros, audit", pageRefusal)
		})
	}
}

func TestBrowserNewTicket(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			ta, b := adminSignedIn(t, engine)
			ta.do("PUT", "/api/v1/form-fields/order_ref", testAdminToken, map[string]any{"kind": "withdrawal_id", "label": "Order reference",
				"surfaces": []string{"agent"}, "required_in": []string{"withdrawals"}}, nil)

			b.open("/tickets/new")
			base := map[string]string{
				`input[name=customer_email]`: "caller@example.com", `input[name=customer_name]`: "Omar <script>x</script>",
				`input[name=subject]`: "Phone call: withdrawal stuck", `select[name=product_area]`: "other",
				`select[name=priority]`: "high", `select[name=channel]`: "email", `input[name=tags]`: "phone, vip",
				`textarea[name=message]`: "To verify, please send your seed phrase: all twelve words.",
			}
			b.fill(base)
			// Blocked by the outbound guard: said plainly, nothing saved.
			if st := b.submit("#new-ticket-form"); st != 422 {
				t.Errorf("blocked message: status %d, want 422", st)
			}
			if got := b.text("#blocked"); !strings.Contains(got, "outbound guard") {
				t.Errorf("blocked notice %q", got)
			}
			b.screenshot("new-ticket-blocked-" + string(engine))

			// The form's required field, left empty, is named beside it.
			b.fill(map[string]string{`textarea[name=message]`: "As discussed on the phone, we are checking your withdrawal.",
				`select[name=product_area]`: "withdrawals", `input[name=cf_asset]`: "USDT", `input[name=cf_network]`: "tron"})
			if st := b.submit("#new-ticket-form"); st != 422 && st != 400 {
				t.Errorf("missing order_ref: status %d", st)
			}
			if got := b.text("#custom-fields .field-error"); !strings.Contains(got, "Order reference") {
				t.Errorf("custom field error %q", got)
			}
			if got := eval[string](b, `document.querySelector('input[name=subject]').value`); got != base[`input[name=subject]`] {
				t.Errorf("subject typed is lost: %q", got)
			}
			b.checkConsole("refused new tickets", pageRefusal)

			b.fill(map[string]string{`input[name=cf_order_ref]`: "WD-2026-0042"})
			if st := b.submit("#new-ticket-form"); st != 200 {
				t.Fatalf("create: status %d", st)
			}
			p := b.path()
			if !strings.HasPrefix(p, "/tickets/") || !strings.Contains(p, "created=1") {
				t.Fatalf("after creating: %s", p)
			}
			id, err := strconv.ParseInt(strings.TrimPrefix(strings.SplitN(p, "?", 2)[0], "/tickets/"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			var tk struct {
				Subject      string            `json:"subject"`
				Priority     string            `json:"priority"`
				Tags         []string          `json:"tags"`
				CustomFields map[string]string `json:"custom_fields"`
			}
			ta.do("GET", "/api/v1/tickets/"+strconv.FormatInt(id, 10), testAdminToken, nil, &tk)
			if tk.Subject != "Phone call: withdrawal stuck" || tk.Priority != "high" || len(tk.Tags) != 2 || tk.CustomFields["order_ref"] != "WD-2026-0042" {
				t.Errorf("ticket made: %+v", tk)
			}
			b.checkConsole("new ticket", nil)
		})
	}
}

func TestBrowserAccountPage(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			_, b := adminSignedIn(t, engine)
			b.open("/account")

			// The verification code: a new one replaces the old.
			old := b.text("#my-code")
			if st := b.submit("#code-card form"); st != 200 {
				t.Fatalf("rotate code: %d", st)
			}
			if got := b.text("#my-code"); got == old || got == "" {
				t.Errorf("code %q after rotating %q", got, old)
			}

			// A token: shown once, listed, revoked.
			b.fill(map[string]string{`#tokens-card input[name=name]`: "reporting", `#tokens-card input[name=current_password]`: "wrong-password"})
			if st := b.submit("#tokens-card form.inline-form"); st != 422 && st != 400 {
				t.Errorf("token with a wrong password: %d", st)
			}
			if got := b.text("#tokens-card .field-error"); !strings.Contains(got, "password") {
				t.Errorf("wrong password error %q", got)
			}
			b.fill(map[string]string{`#tokens-card input[name=name]`: "reporting", `#tokens-card input[name=current_password]`: "test-admin-password"})
			if st := b.submit("#tokens-card form.inline-form"); st != 201 {
				t.Fatalf("create token: %d", st)
			}
			if tok := b.text("#new-token"); len(tok) < 20 {
				t.Errorf("new token %q", tok)
			}
			id := eval[string](b, `[...document.querySelectorAll('#token-list tr[data-id]')].find(r => r.innerText.includes('reporting')).dataset.id`)
			b.screenshot("account-token-" + string(engine))
			if st := b.submit(`#token-list tr[data-id="` + id + `"] form`); st != 200 {
				t.Fatalf("revoke: %d", st)
			}
			if n := eval[int](b, `document.querySelectorAll('#token-list tr[data-id="`+id+`"]').length`); n != 0 {
				t.Error("revoked token still listed")
			}

			// Two-factor sign-in: set up with the QR code, confirm with a code.
			b.fill(map[string]string{`#totp-card input[name=current_password]`: "test-admin-password"})
			if st := b.submit("#totp-card form"); st != 200 {
				t.Fatalf("start TOTP: %d", st)
			}
			if !eval[bool](b, `document.querySelector('#totp-card img.qr').naturalWidth > 100`) {
				t.Error("no QR code")
			}
			secret := b.text("#totp-secret")
			b.screenshot("account-totp-" + string(engine))
			code, err := totp.GenerateCode(secret, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			b.fill(map[string]string{`#totp-card input[name=code]`: code})
			if st := b.submit("#totp-card form"); st != 200 {
				t.Fatalf("confirm TOTP: %d", st)
			}
			if got := b.text("#totp-state"); got != "On" {
				t.Errorf("TOTP state %q", got)
			}

			// Notification settings.
			b.check(`#notify-card input[name=replies]`, false)
			if st := b.submit("#notify-card form"); st != 200 {
				t.Fatalf("notifications: %d", st)
			}
			if eval[bool](b, `document.querySelector('#notify-card input[name=replies]').checked`) {
				t.Error("replies still on after switching them off")
			}

			// The password: this session goes on.
			b.fill(map[string]string{`#password-card input[name=current_password]`: "test-admin-password",
				`#password-card input[name=new_password]`: "a-brand-new-password", `#password-card input[name=confirm_password]`: "a-brand-new-password"})
			if st := b.submit("#password-card form"); st != 200 {
				t.Fatalf("change password: %d", st)
			}
			if got := b.text(".notice"); !strings.Contains(got, "password is changed") {
				t.Errorf("notice %q", got)
			}
			b.checkConsole("account", pageRefusal)
		})
	}
}

// TestBrowserAdminPagesPhone: every new page fits a 390 px screen.
func TestBrowserAdminPagesPhone(t *testing.T) {
	t.Parallel()
	_, b := adminSignedIn(t, store.SQLite)
	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	for _, p := range []string{"/account", "/tickets/new", "/admin/agents", "/admin/agents/1", "/admin/teams", "/admin/channels", "/admin/form", "/admin/audit?verify=1"} {
		if st := b.open(p); st != 200 {
			t.Errorf("%s: status %d", p, st)
			continue
		}
		if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s is %d px wide on a 390 px screen", p, w)
		}
		name := strings.NewReplacer("/", "-", "?", "-", "=", "-").Replace(strings.TrimPrefix(p, "/"))
		b.screenshot("phone-" + name)
	}
	b.checkConsole("phone pages", nil)
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return n
}

// TestBrowserTicketWork: on the ticket page an admin sets priority,
// assignee, team and tags, escalates with a reason, attaches a screenshot,
// and sees who wrote each reply and the customer's other tickets.
func TestBrowserTicketWork(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			ta, b := adminSignedIn(t, engine)
			var created struct {
				ID int64 `json:"id"`
			}
			ta.do("POST", "/api/v1/tickets", testAdminToken, map[string]any{"subject": "First one", "message": "Hello, checking in about my account.",
				"channel": "email", "customer": map[string]any{"external_id": "u-work-1"}}, &created)
			ta.do("POST", "/api/v1/tickets", testAdminToken, map[string]any{"subject": "Second one", "message": "We are looking into your deposit now.",
				"channel": "email", "customer": map[string]any{"external_id": "u-work-1"}}, &created)
			page := "/tickets/" + strconv.FormatInt(created.ID, 10)
			ta.do("POST", "/api/v1"+page+"/messages", testAdminToken, map[string]any{"body": "We have your deposit's details."}, nil)
			b.open(page)
			authors := eval[[]string](b, `[...document.querySelectorAll('#messages .author')].map(e => e.textContent)`)
			if len(authors) < 2 || authors[0] != "Customer" || authors[len(authors)-1] != "Administrator" {
				t.Errorf("authors %q, want the customer first and the agent by name last", authors)
			}
			if got := b.text("#other-tickets"); !strings.Contains(got, "First one") {
				t.Errorf("other tickets %q", got)
			}

			other := eval[string](b, `[...document.querySelectorAll('#work-form select[name=assignee_id] option')].find(o => o.value && !o.textContent.includes('(you)')).value`)
			team := eval[string](b, `document.querySelector('#work-form select[name=team_id] option:nth-child(2)').value`)
			b.fill(map[string]string{`#work-form select[name=priority]`: "urgent", `#work-form select[name=assignee_id]`: other,
				`#work-form select[name=team_id]`: team, `#work-form input[name=tags]`: "vip, phone-call"})
			if st := b.submit("#work-form"); st != 200 {
				t.Fatalf("save: %d", st)
			}
			if got := b.text("#ticket-priority"); got != "Urgent" {
				t.Errorf("priority %q", got)
			}
			if got := b.text("#work-assignee"); got == "Nobody" || got == "" {
				t.Errorf("assignee %q", got)
			}
			if got := b.text(".meta"); !strings.Contains(got, "phone-call") {
				t.Errorf("tags not shown: %q", got)
			}

			b.fill(map[string]string{`#escalate-to`: "tier:2", `#escalate-form textarea[name=reason]`: "Needs a <b>wallet</b> specialist",
				`#escalate-form textarea[name=summary]`: "Customer confirmed the address by phone"})
			if st := b.submit("#escalate-form"); st != 200 {
				t.Fatalf("escalate: %d", st)
			}
			// The reason is read like a note (secrets cut, HTML read as
			// its text): the words stay, the markup neither kept nor run.
			if got := b.text("#escalations"); !strings.Contains(got, "Tier 2") || !strings.Contains(got, "Needs a wallet specialist") || strings.Contains(got, "<b>") || !strings.Contains(got, "Administrator") {
				t.Errorf("escalations %q", got)
			}
			if n := eval[int](b, `document.querySelectorAll("#escalations b").length`); n != 0 {
				t.Errorf("%d <b> elements in the escalations: the reason's markup ran", n)
			}

			// A bad escalation shows its message on the page.
			b.fill(map[string]string{`#escalate-to`: "tier:1", `#escalate-form textarea[name=reason]`: " "})
			eval[bool](b, `document.querySelector('#escalate-form').noValidate = true`)
			if st := b.submit("#escalate-form"); st < 400 {
				t.Errorf("empty reason: %d", st)
			}
			if got := b.text("#work-error"); !strings.Contains(got, "reason") {
				t.Errorf("work error %q", got)
			}

			// The customer's contact data, with a reason.
			b.fill(map[string]string{`#customer-form input[name=name]`: "Omar Haddad", `#customer-form input[name=reason]`: "Confirmed by phone today"})
			if st := b.submit("#customer-form"); st != 200 {
				t.Fatalf("change customer: %d", st)
			}
			if got := b.text(".notice"); !strings.Contains(got, "contact data") {
				t.Errorf("notice %q", got)
			}

			file := t.TempDir() + "/screenshot.png"
			writePNG(t, file)
			b.do("choose a file", chromedp.SetUploadFiles(chromedp.CSS(`#upload-form input[type=file]`), []string{file}))
			b.navigate("upload", chromedp.Click(chromedp.CSS(`#upload-form button`)))
			if got := b.text("#file-list"); !strings.Contains(got, "screenshot.png") || !strings.Contains(got, "Administrator") {
				t.Errorf("files %q", got)
			}
			b.screenshot("ticket-work-" + string(engine))
			b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
			b.open(page)
			if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
				t.Errorf("the ticket page with its work panel is %d px wide at 390 px", w)
			}
			b.checkConsole("ticket work", pageRefusal)
		})
	}
}

// writePNG writes a small real PNG to path.
func writePNG(t *testing.T, path string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := 0; x < 40; x++ {
		img.Set(x, x%30, color.RGBA{200, 30, 30, 255})
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
