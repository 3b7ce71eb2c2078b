package server

import (
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
)

// flakyProxy forwards TCP to the test server and can cut every connection
// and refuse new ones, as a train going into a tunnel does to a phone.
type flakyProxy struct {
	ln    net.Listener
	to    string
	mu    sync.Mutex
	down  bool
	conns []net.Conn
}

func newFlakyProxy(t *testing.T, target string) *flakyProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &flakyProxy{ln: ln, to: u.Host}
	t.Cleanup(func() { ln.Close(); p.cut(false) })
	go p.serve()
	return p
}

func (p *flakyProxy) URL() string { return "http://" + p.ln.Addr().String() }

func (p *flakyProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.down
		if !down {
			p.conns = append(p.conns, c)
		}
		p.mu.Unlock()
		if down {
			c.Close()
			continue
		}
		go p.pipe(c)
	}
}

func (p *flakyProxy) pipe(c net.Conn) {
	s, err := net.Dial("tcp", p.to)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns = append(p.conns, s)
	p.mu.Unlock()
	go func() { _, _ = io.Copy(s, c); s.Close() }()
	_, _ = io.Copy(c, s)
	c.Close()
}

// cut closes every connection; with down, new ones are refused until up.
func (p *flakyProxy) cut(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *flakyProxy) up() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}

// TestBrowserWidgetReconnects: the connection drops; an agent replies and
// the customer writes meanwhile. When it comes back the widget resumes
// from the last sequence: the reply shows once, the customer's message is
// stored once.
func TestBrowserWidgetReconnects(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	p := newFlakyProxy(t, ta.URL)
	b := newBrowser(t, p.URL())

	b.open("/demo/exchange?as=" + sandbox.UserJordan + "&lang=en")
	b.openWidget()
	b.typeInWidget("Hello, my XRP has no tag")
	b.waitInFrame("the first message stored", `[...doc.querySelectorAll("li.mine[data-seq] .bubble")].some(e => e.textContent === "Hello, my XRP has no tag")`)
	tk := b.widgetTicket(ta, sandbox.UserJordan)

	p.cut(true)
	b.waitInFrame("the reconnecting notice", `!doc.getElementById("conn").hidden && doc.getElementById("conn-text").textContent.includes("Reconnecting")`)
	reply := "Thanks Jordan, we are looking at the XRP deposit now."
	if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/messages", tk.ID), "", map[string]any{"body": reply}, nil); resp.StatusCode != 201 {
		t.Fatalf("agent reply: status %d", resp.StatusCode)
	}
	b.typeInWidget("Written in the tunnel")
	if got := inFrame[string](b, `doc.querySelector("li.mine.pending .receipt").textContent`); got != "Sending…" {
		t.Errorf("an unsent message's receipt says %q, want Sending…", got)
	}
	b.viewportShot("widget-reconnecting")

	p.up()
	b.waitInFrame("the reply after reconnecting", fmt.Sprintf(`[...doc.querySelectorAll("li.agent .bubble")].some(e => e.textContent === %q)`, reply))
	b.waitInFrame("the tunnel message stored", `[...doc.querySelectorAll("li.mine[data-seq] .bubble")].some(e => e.textContent === "Written in the tunnel") && doc.getElementById("conn").hidden`)
	count := func(text string) int {
		return inFrame[int](b, fmt.Sprintf(`[...doc.querySelectorAll("li.msg .bubble")].filter(e => e.textContent === %q).length`, text))
	}
	for _, text := range []string{"Hello, my XRP has no tag", reply, "Written in the tunnel"} {
		if n := count(text); n != 1 {
			t.Errorf("%q shown %d times, want once", text, n)
		}
	}
	stored := 0
	for _, m := range b.widgetTicket(ta, sandbox.UserJordan).Messages {
		if m.Body == "Written in the tunnel" {
			stored++
		}
	}
	if stored != 1 {
		t.Errorf("the message written while offline is stored %d times, want once", stored)
	}
	b.checkConsole("reconnect", func(e consoleEntry) bool {
		return strings.Contains(e.text, "/chat/v1/socket") || strings.Contains(e.text, "ERR_") || strings.Contains(e.text, "WebSocket")
	})
}
