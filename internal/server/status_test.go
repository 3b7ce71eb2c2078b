package server

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/status"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// The status page's operator API and its pages (added to apiPages here, so
// that page_coverage_test.go's table keeps its alignment).
func init() {
	for k, v := range map[string]onPage{
		"GET /api/v1/status/incidents":                      {"GET /admin/status", ""},
		"POST /api/v1/status/incidents":                     {"POST /admin/status", ""},
		"POST /api/v1/status/incidents/{id}/updates":        {"POST /admin/status/{id}/update", ""},
		"POST /api/v1/status/incidents/{id}/resolve":        {"POST /admin/status/{id}/resolve", ""},
		"POST /api/v1/status/incidents/{id}/tickets/status": {"POST /admin/status/{id}/tickets", ""},
	} {
		apiPages[k] = v
	}
	openAPITypes["StatusNewIncident"] = status.NewIncident{}
	openAPITypes["StatusNewUpdate"] = status.NewUpdate{}
	openAPIResponseTypes["StatusIncident"] = status.Incident{}
	openAPIResponseTypes["StatusUpdate"] = status.Update{}
	openAPIResponseTypes["StatusComponent"] = status.Component{}
}

// TestBrowserIncidentMode: an operator opens an incident on USDT on Tron;
// the widget and the help center show its banner; a customer asking about
// a Tron deposit gets a ticket tagged with it; resolving it tells them in
// the widget. Then the public page on a desktop, a phone and in Arabic.
func TestBrowserIncidentMode(t *testing.T) {
	t.Parallel()
	ta, b := adminSignedIn(t, store.SQLite)
	if st := b.open("/admin/status"); st != 200 {
		t.Fatalf("/admin/status: %d %s", st, eval[string](b, `document.body.innerText`))
	}
	b.do("fill the incident", chromedp.Evaluate[chromedp.Void](`(() => {
		const f = document.querySelector("#new-incident form");
		f.querySelector("[name=impact]").value = "deposits_delayed";
		f.querySelector("[name=asset]").value = "USDT";
		f.querySelector("[name=components][value='network:tron']").checked = true;
		f.querySelector("[name=title]").value = "USDT deposits on Tron are delayed";
		f.querySelector("[name=body]").value = "Deposits are credited late; no funds are lost.";
	})()`))
	if st := b.submit("#new-incident form"); st != 200 {
		t.Fatalf("open the incident: %d", st)
	}
	if got := b.text(".notice"); !strings.Contains(got, "on the status page") {
		t.Fatalf("after opening: %q / %q", got, b.text("main"))
	}
	id := eval[int](b, `+[...document.querySelectorAll("#incident-list tr[data-id]")].find(r => r.innerText.includes("USDT deposits on Tron"))?.dataset.id`)
	if id == 0 {
		t.Fatal("the incident is not listed")
	}

	b.open("/demo/exchange?as=" + sandbox.UserMaria + "&lang=en")
	b.openWidget()
	b.waitInFrame("the incident banner", `doc.getElementById("incident-banner")?.textContent.includes("USDT deposits on Tron are delayed")`)
	b.viewportShot("status-widget-banner")
	b.typeInWidget("My USDT deposit on Tron has not arrived")
	tk := waitTicketTagged(t, ta, b, status.TagFor(int64(id)))

	b.open("/help/en/")
	if got := b.text("#incident-banner"); !strings.Contains(got, "USDT deposits on Tron are delayed") {
		t.Errorf("help center banner %q", got)
	}
	if href := eval[string](b, `document.getElementById("status-link")?.getAttribute("href") ?? ""`); href != "/status?lang=en" {
		t.Errorf("help center status link %q", href)
	}
	b.screenshot("status-help-banner")

	b.open("/admin/status")
	b.screenshot("status-admin")
	if n := b.text(fmt.Sprintf(`#incident-list tr[data-id="%d"] td.tickets`, id)); n != "1" {
		t.Errorf("the incident lists %q tickets, want 1", n)
	}
	b.fill(map[string]string{fmt.Sprintf(`#incident-list tr[data-id="%d"] textarea[name=body]`, id): "Fixed: every delayed deposit is credited."})
	b.navigate("resolve", chromedp.Click(fmt.Sprintf(`#incident-list tr[data-id="%d"] button[formaction$="/resolve"]`, id)))
	if got := b.text(".notice"); !strings.Contains(got, "resolved") {
		t.Fatalf("after resolving: %q", got)
	}

	b.open("/demo/exchange?as=" + sandbox.UserMaria + "&lang=en")
	b.openWidget()
	b.waitInFrame("the customer told", `[...doc.querySelectorAll("li.msg .bubble")].some(e => e.textContent.includes("is resolved") && e.textContent.includes("every delayed deposit is credited"))`)
	if slices.Contains(ticketTags(t, ta, tk.ID), "") {
		t.Error("empty tag")
	}

	for _, shot := range []struct {
		name, lang string
		phone      bool
	}{{"status-desktop", "en", false}, {"status-phone", "de", true}, {"status-ar", "ar", true}} {
		if shot.phone {
			b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
		}
		b.open("/status?lang=" + shot.lang)
		if w := eval[int](b, `document.documentElement.scrollWidth`); shot.phone && w > 390 {
			t.Errorf("%s is %d px wide on a phone", shot.name, w)
		}
		b.screenshot(shot.name)
	}
	if dir := eval[string](b, `getComputedStyle(document.body).direction`); dir != "rtl" {
		t.Errorf("Arabic status page direction %q", dir)
	}
	b.checkConsole("incident mode", func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") })
}

// waitTicketTagged waits for the widget conversation's ticket to carry tag.
func waitTicketTagged(t *testing.T, ta *testApp, b *browser, tag string) ticket.Ticket {
	t.Helper()
	b.waitInFrame("the conversation stored", `!!doc.defaultView.localStorage.getItem("gc.conv.demo.`+sandbox.UserMaria+`")`)
	deadline := time.Now().Add(widgetWait)
	for {
		tk := b.widgetTicket(ta, sandbox.UserMaria)
		if slices.Contains(tk.Tags, tag) {
			return tk
		}
		if time.Now().After(deadline) {
			t.Fatalf("ticket %d tags %v, want %s", tk.ID, tk.Tags, tag)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func ticketTags(t *testing.T, ta *testApp, id int64) []string {
	t.Helper()
	var tk ticket.Ticket
	if resp := ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", id), "", nil, &tk); resp.StatusCode != 200 {
		t.Fatalf("GET ticket: %d", resp.StatusCode)
	}
	return tk.Tags
}

// TestDepositCheckCitesIncident: a customer's deposit check on a network
// with an open incident shows the incident beside the verdict, in their
// language where it has one.
func TestDepositCheckCitesIncident(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	sc := sandbox.Scenarios()[1]
	if _, err := ta.status.Open(t.Context(), status.NewIncident{Impact: status.DepositsDelayed, Components: []string{"network:" + sc.Network},
		Titles: map[string]string{"en": "Slow deposits", "es": "Depósitos lentos"}, Bodies: map[string]string{"en": "We are on it."}}); err != nil {
		t.Fatal(err)
	}
	c := customerClient(t)
	token := ta.linkToken(sc.UserID)
	if resp, err := c.Get(ta.URL + "/deposit-check?lang=es&identity=" + url.QueryEscape(token)); err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %v", err)
	}
	req, _ := http.NewRequest("POST", ta.URL+"/deposit-check?lang=es", strings.NewReader(url.Values{"txid": {sc.TxID}, "address": {sc.Address}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", ta.URL)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `id="incident-note"`) || !strings.Contains(string(body), "Depósitos lentos") {
		t.Fatalf("deposit check %d without the incident:\n%s", resp.StatusCode, body)
	}
}

// TestStatusAPI: the operators' API through the real router: bad input is
// refused and changes nothing; an incident is opened, updated and resolved
// once; the public JSON follows.
func TestStatusAPI(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	bad := []string{
		`{"titles":{"en":"x"},"bodies":{"en":"y"},"components":["network:nowhere"]}`,
		`{"titles":{"de":"x"},"bodies":{"en":"y"},"components":["network:tron"]}`,
		`{"titles":{"en":"x"},"bodies":{"en":"y"},"components":["network:tron"],"unknown":1}`,
		`{"titles":`,
	}
	for _, body := range bad {
		if resp := ta.do("POST", "/api/v1/status/incidents", "", body, nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", body, resp.StatusCode)
		}
	}
	var list struct {
		Incidents []status.Incident `json:"incidents"`
	}
	ta.do("GET", "/api/v1/status/incidents", "", nil, &list)
	for _, in := range list.Incidents {
		if in.Source == status.SourceOperator { // the sandbox's paused asset opens an automatic one
			t.Fatalf("bad input stored %+v", in)
		}
	}
	var in status.Incident
	if resp := ta.do("POST", "/api/v1/status/incidents", "", `{"impact":"withdrawals_suspended","titles":{"en":"<b>ETH</b> withdrawals paused"},"bodies":{"en":"We are upgrading our Ethereum node; withdrawals resume when it is done."},"components":["network:ethereum"]}`, &in); resp.StatusCode != http.StatusCreated {
		t.Fatalf("open: %d", resp.StatusCode)
	}
	if resp := ta.do("POST", fmt.Sprintf("/api/v1/status/incidents/%d/updates", in.ID), "", `{"bodies":{"en":"Half done.","ja":"半分完了"}}`, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("update: %d", resp.StatusCode)
	}
	var pub struct {
		Overall string            `json:"overall"`
		Active  []status.Incident `json:"active"`
	}
	ta.do("GET", "/status.json", "-", nil, &pub)
	// The sandbox's automatic incident may open at any moment, before or
	// after ours, so look ours up instead of taking the first.
	i := slices.IndexFunc(pub.Active, func(a status.Incident) bool { return a.ID == in.ID })
	if pub.Overall != "withdrawals_suspended" || i < 0 || len(pub.Active[i].Updates) != 2 {
		t.Fatalf("public JSON %+v", pub)
	}
	if resp := ta.do("POST", fmt.Sprintf("/api/v1/status/incidents/%d/resolve", in.ID), "", `{"bodies":{"en":"Done."}}`, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("resolve: %d", resp.StatusCode)
	}
	if resp := ta.do("POST", fmt.Sprintf("/api/v1/status/incidents/%d/resolve", in.ID), "", `{"bodies":{"en":"Again."}}`, nil); resp.StatusCode != http.StatusConflict {
		t.Fatalf("resolve twice: %d", resp.StatusCode)
	}
	if resp := ta.do("POST", "/api/v1/status/incidents/999/tickets/status", "", `{"status":"solved"}`, nil); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("bulk on a missing incident: %d", resp.StatusCode)
	}
}
