package server

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// pickFile hands the widget's file input a file made in the page (bytes
// from base64), as choosing it in the file dialog does, and fires change.
func (b *browser) pickFile(name, mime, base64 string, size int) {
	b.t.Helper()
	b.do("pick "+name, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const doc = %s;
		let bytes = Uint8Array.from(atob(%q), (c) => c.charCodeAt(0));
		if (%d > bytes.length) { const big = new Uint8Array(%d); big.set(bytes); bytes = big; }
		const dt = new DataTransfer();
		dt.items.add(new File([bytes], %q, { type: %q }));
		const input = doc.getElementById("file");
		input.files = dt.files;
		input.dispatchEvent(new Event("change"));
	})()`, frameDoc, base64, size, size, name, mime)))
}

// onePixelPNG is a 1 × 1 PNG, base64.
const onePixelPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

// TestBrowserWidgetUploadQueueArea: in the widget a customer picks a
// topic (whose required fields the form then marks), writes, is told their
// place in the queue, sends a screenshot and a file the server refuses;
// the agent's ticket page shows the screenshot on the customer's message.
func TestBrowserWidgetUploadQueueArea(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	promise := time.Now().Add(90 * time.Minute)
	ta.chat.Use(chat.WithQueueInfo(func(context.Context, int64) (chat.QueueInfo, bool, error) {
		return chat.QueueInfo{Position: 3, Wait: 4 * time.Minute, PromisedBy: &promise}, true, nil
	}))
	b := newBrowser(t, ta.URL)
	b.open("/demo/exchange?lang=en")
	b.openWidget()

	// The topic: withdrawals require the asset and the network.
	b.waitInFrame("the topic choice", `doc.getElementById("area") && !doc.getElementById("details").hidden`)
	if n := inFrame[int](b, `doc.getElementById("area").options.length`); n != len(ticket.ProductAreas)+1 {
		t.Errorf("topic choice has %d options, want the %d areas and none", n, len(ticket.ProductAreas))
	}
	b.do("choose withdrawals", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s; const s = doc.getElementById("area"); s.value = "withdrawals"; s.dispatchEvent(new Event("change")); })()`, frameDoc)))
	b.waitInFrame("the asset marked required", `doc.querySelector('[name="asset"]').required && !doc.querySelector('[name="asset"]').parentElement.querySelector(".req").hidden`)
	if label := inFrame[string](b, `doc.getElementById("area").selectedOptions[0].textContent`); label != "Withdrawals" {
		t.Errorf("topic label %q, want Withdrawals", label)
	}
	b.do("settle", chromedp.Sleep(200*time.Millisecond))
	b.viewportShot("widget-prechat-area")
	b.typeInWidget("My BTC withdrawal is stuck")
	b.waitInFrame("the missing asset asked for", `doc.querySelector('[name="asset"]').getAttribute("aria-invalid") === "true"`)
	if n := inFrame[int](b, `doc.querySelectorAll("li.mine").length`); n != 0 {
		t.Fatalf("%d messages sent without the required asset", n)
	}
	b.do("fill in the asset and network", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s;
		doc.querySelector('[name="asset"]').value = "BTC"; doc.querySelector('[name="network"]').value = "bitcoin";
		doc.getElementById("composer").requestSubmit(); })()`, frameDoc)))
	b.waitInFrame("the message acknowledged", `[...doc.querySelectorAll("li.mine")].some(li => li.dataset.seq)`)
	tk := b.widgetTicket(ta, "anon")
	if tk.ProductArea != "withdrawals" || tk.CustomFields["asset"] != "BTC" {
		t.Errorf("ticket area %q, fields %v; want withdrawals with the asset", tk.ProductArea, tk.CustomFields)
	}

	// Routing says where the conversation stands.
	if err := ta.bus.Signal(chat.QueueSubject(tk.ID), nil); err != nil {
		t.Fatal(err)
	}
	b.waitInFrame("the queue notice", `!doc.getElementById("queue").hidden`)
	q := inFrame[string](b, `doc.getElementById("queue").innerText`)
	if !strings.Contains(q, "You are number 3 in the queue, about 4 minutes") || !strings.Contains(q, "We promise a reply by ") {
		t.Errorf("queue notice %q", q)
	}

	// A screenshot goes up; the conversation shows it as the customer's.
	b.pickFile("shot.png", "image/png", onePixelPNG, 0)
	b.waitInFrame("the file message", `[...doc.querySelectorAll("li.mine[data-seq] .bubble")].some(e => e.textContent === "📎 shot.png")`)
	// A file that is not a screenshot, and one too large, are refused in words.
	b.pickFile("notes.svg", "image/svg+xml", "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=", 0)
	b.waitInFrame("the type refused", `[...doc.querySelectorAll("li.error .bubble")].some(e => e.textContent.startsWith("Only screenshots"))`)
	b.pickFile("bomb.png", "image/png", pixelBombPNG(t), 0)
	b.waitInFrame("the pixel bomb refused", `[...doc.querySelectorAll("li.error .bubble")].some(e => e.textContent.startsWith("This image has too many pixels"))`)
	b.pickFile("huge.png", "image/png", onePixelPNG, 10<<20+1)
	b.waitInFrame("the size refused", `[...doc.querySelectorAll("li.error .bubble")].some(e => e.textContent.startsWith("This file is too large"))`)

	// A recovery phrase split over two messages: when the second completes
	// it, the first is rewritten on screen too (an edit frame).
	b.typeInWidget("legal winner thank year wave sausage")
	b.waitInFrame("the first half stored", `[...doc.querySelectorAll("li.mine[data-seq] .bubble")].some(e => e.textContent === "legal winner thank year wave sausage")`)
	b.typeInWidget("worth useful legal winner thank yellow")
	b.waitInFrame("the first half rewritten", `![...doc.querySelectorAll("li.mine .bubble")].some(e => e.textContent.includes("sausage")) && doc.querySelectorAll("li.mine.redacted .warn").length >= 2`)
	b.do("settle", chromedp.Sleep(300*time.Millisecond))
	b.viewportShot("widget-upload-queue")

	var files struct {
		Attachments []struct {
			Name         string `json:"name"`
			UploaderKind string `json:"uploader_kind"`
		} `json:"attachments"`
	}
	ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d/attachments", tk.ID), "", nil, &files)
	if len(files.Attachments) != 1 || files.Attachments[0].Name != "shot.png" || files.Attachments[0].UploaderKind != "customer" {
		t.Fatalf("the ticket's files %+v, want the customer's screenshot only", files.Attachments)
	}

	// Arabic: the notice in Arabic, right to left.
	b.do("switch to Arabic", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s; const s = doc.getElementById("lang"); s.value = "ar"; s.dispatchEvent(new Event("change")); })()`, frameDoc)))
	b.waitInFrame("the Arabic queue notice", `doc.documentElement.dir === "rtl" && doc.getElementById("queue").innerText.includes("ترتيبك 3")`)
	b.do("settle", chromedp.Sleep(300*time.Millisecond))
	b.viewportShot("widget-upload-queue-rtl")
	b.do("phone viewport", chromedp.EmulateViewport(390, 844))
	b.do("settle", chromedp.Sleep(300*time.Millisecond))
	b.viewportShot("widget-upload-queue-phone")
	b.do("desktop viewport", chromedp.EmulateViewport(1280, 900))

	// The agent's ticket page shows the file on the customer's message.
	b.open("/login")
	if status := b.signIn("admin@groundcrew.local", "test-admin-password"); status != 200 {
		t.Fatalf("sign in: status %d", status)
	}
	b.open(fmt.Sprintf("/tickets/%d", tk.ID))
	if got := b.text("#messages li.from-customer a.file-link"); got != "shot.png" {
		t.Errorf("file link on the ticket page %q, want shot.png", got)
	}

	// Live, without reload: an agent's reply under the agent's name, and a
	// second screenshot on the customer's message with its download.
	b.waitFor("the live channel", `document.getElementById("live-state").textContent === "Live"`, widgetWait)
	if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/messages", tk.ID), "", map[string]any{"body": "Which network did you use?"}, nil); resp.StatusCode != 201 {
		t.Fatalf("reply: %d", resp.StatusCode)
	}
	b.waitFor("the live reply with its author", `[...document.querySelectorAll("#messages li.arrived")].some(li => li.querySelector(".author")?.textContent === "Administrator" && li.querySelector(".body").textContent === "Which network did you use?")`, widgetWait)
	resume := eval[string](b, `localStorage.getItem("gc.resume")`)
	req, err := http.NewRequest("POST", fmt.Sprintf("%s%s?conversation=%d&name=second.png", ta.URL, chat.UploadPath, tk.ID), strings.NewReader(mustBase64(t, onePixelPNG)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(chat.HeaderResume, resume)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("second upload: %d", resp.StatusCode)
	}
	b.waitFor("the live file message", `[...document.querySelectorAll("#messages li.arrived a.file-link")].some(a => a.textContent === "second.png" && a.getAttribute("href").startsWith("/api/v1/attachments/"))`, widgetWait)
	b.screenshot("ticket-customer-file")
}

// pixelBombPNG is onePixelPNG claiming 60000 × 60000 pixels (CRC fixed),
// base64.
func pixelBombPNG(t *testing.T) string {
	b := []byte(mustBase64(t, onePixelPNG))
	binary.BigEndian.PutUint32(b[16:], 60000)
	binary.BigEndian.PutUint32(b[20:], 60000)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return base64.StdEncoding.EncodeToString(b)
}

func mustBase64(t *testing.T, s string) string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
