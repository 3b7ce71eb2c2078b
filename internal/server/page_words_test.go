package server

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/groundcrew/groundcrew/internal/store"
)

// rawCode is a snake_case token ("first_response", "wrong_network"):
// the spelling of an enum in code, which people should not have to read.
var rawCode = regexp.MustCompile(`\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b`)

// codeElements hold text that is code on purpose (an event subject, a
// JSON sample, a setting's key) and are not read.
var codeElements = []string{"code", "pre", "kbd", "samp", "script", "style", "textarea", "template"}

// macroPlaceholder is a macro's {{customer.first_name}}: the spelling agents
// type into a macro, shown as they typed it. A handle (@some_bot in a
// customer's words, a training phrase) is a name, not a code, and is read
// past the same way; so is a name a customer quotes (an API key called
// "arb_bot").
var macroPlaceholder = regexp.MustCompile(`\{\{[^{}]*\}\}|@[A-Za-z0-9_]+|"[A-Za-z0-9_]+"|“[A-Za-z0-9_]+”|«[A-Za-z0-9_]+»`)

// visibleText is the text a person reads on a page: what is not inside a
// code element, nor hidden.
func visibleText(doc *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if slices.Contains(codeElements, n.Data) {
				return
			}
			for _, a := range n.Attr {
				if a.Key == "hidden" || a.Key == "aria-hidden" && a.Val == "true" {
					return
				}
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// pageLinks are the workspace pages a page links to: same-site paths,
// not the API, files, downloads or sign-out.
func pageLinks(doc *html.Node) []string {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" && strings.HasPrefix(a.Val, "/") && !strings.HasPrefix(a.Val, "//") {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// skipLink: links that are no agent page to read.
func skipLink(path string) bool {
	for _, p := range []string{"/api/", "/static/", "/logout", "/files/", "/attachments/", "/widget", "/help", "/status", "/survey/", "/deposit-recovery/", "/verify", "/portal", "/metrics"} {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return strings.Contains(path, "export") || strings.Contains(path, ".csv")
}

// shape is a path with its numbers taken out: the walk reads a few pages
// of each shape (three tickets, not all of them).
var digitsRun = regexp.MustCompile(`\d+`)

// TestAgentPagesShowNoRawCodes walks the demo's agent pages as an admin,
// following links from the inbox, and fails on a snake_case token a
// person would read (outside <code> and the like): labels are for
// people, codes for the API. A link that leads nowhere (404) fails too.
func TestAgentPagesShowNoRawCodes(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	seedOpenAppeals(ta, 2) // the demo has none: the queue and an appeal show causes and steps
	queue := []string{"/"}
	seen := map[string]bool{"/": true}
	from := map[string]string{} // a link's page, to name a broken one's
	shapes := map[string]int{}
	found := map[string][]string{} // "token (in context)" -> pages
	visited := 0
	for len(queue) > 0 && visited < 400 {
		path := queue[0]
		queue = queue[1:]
		u, err := url.Parse(path)
		if err != nil {
			continue
		}
		shape := digitsRun.ReplaceAllString(u.Path, "N")
		if shapes[shape]++; shapes[shape] > 3 {
			continue
		}
		status, body := ta.page(testAdminToken, path)
		visited++
		if status == http.StatusNotFound || status >= 500 {
			t.Errorf("%s, linked from %s, answers %d", path, from[path], status)
		}
		if status != http.StatusOK {
			continue
		}
		doc, err := html.Parse(strings.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		text := strings.Join(strings.Fields(macroPlaceholder.ReplaceAllString(visibleText(doc), "")), " ")
		for _, at := range rawCode.FindAllStringIndex(text, -1) {
			tok := text[at[0]:at[1]] + " (in “" + text[max(0, at[0]-30):min(len(text), at[1]+30)] + "”)"
			if !slices.Contains(found[tok], path) {
				found[tok] = append(found[tok], path)
			}
		}
		for _, l := range pageLinks(doc) {
			l, _, _ = strings.Cut(l, "#")
			if !seen[l] && !skipLink(l) {
				seen[l], from[l] = true, path
				queue = append(queue, l)
			}
		}
	}
	if visited < 30 {
		t.Fatalf("the walk read only %d pages", visited)
	}
	var lines []string
	for tok, pages := range found {
		lines = append(lines, tok+" on "+strings.Join(pages[:min(len(pages), 3)], ", "))
	}
	sort.Strings(lines)
	if len(lines) > 0 {
		t.Errorf("raw codes shown to people on %d page(s) walked of %d:\n%s", len(found), visited, strings.Join(lines, "\n"))
	}
	for _, must := range []string{"/supervisor", "/recovery", "/recovery/appeals/N", "/admin/recovery", "/admin/status", "/admin/automation", "/workforce/alerts"} {
		if shapes[must] == 0 {
			t.Errorf("the walk never reached %s", must)
		}
	}
	t.Logf("%d agent pages read", visited)

	// Alerts reach people as written, too: the alerts API and the live
	// notice on supervisors' pages (routing.js) show the sentence without
	// the page's areaWords. A Thai deposit question nobody online takes
	// raises routing's unstaffed alert.
	body := newTicketBody("walk-unstaffed")
	body["language"], body["product_area"], body["message"] = "th", "wallet_deposits", "ฝากเงินแล้วยังไม่เข้าบัญชี"
	ta.do("POST", "/api/v1/tickets", "", body, nil)
	var alerts struct {
		Alerts []struct{ Alert, Message string }
	}
	unstaffed := 0
	for deadline := time.Now().Add(15 * time.Second); unstaffed == 0 && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		ta.do("GET", "/api/v1/me/alerts", testAdminToken, nil, &alerts)
		for _, a := range alerts.Alerts {
			if a.Alert == "routing.queue_unstaffed" {
				unstaffed++
			}
		}
	}
	if unstaffed == 0 {
		t.Errorf("no unstaffed alert to read among %d alerts", len(alerts.Alerts))
	}
	for _, a := range alerts.Alerts {
		if code := rawCode.FindString(a.Message); code != "" {
			t.Errorf("alert %s shows %q: %s", a.Alert, code, a.Message)
		}
	}
}
