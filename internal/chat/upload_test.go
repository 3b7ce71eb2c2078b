package chat_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// pngBytes is a small real PNG.
func pngBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 6))
	img.Set(2, 3, color.RGBA{200, 10, 10, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pixelBomb is a PNG whose header claims 60000 × 60000 pixels (its CRC
// right, so that only the size gives it away).
func pixelBomb(t *testing.T) []byte {
	b := pngBytes(t)
	binary.BigEndian.PutUint32(b[16:], 60000)
	binary.BigEndian.PutUint32(b[20:], 60000)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

type upload struct {
	resume, identity, origin string
	conversation             int64
	name                     string
	body                     []byte
}

type uploadAnswer struct {
	status int
	header http.Header
	result chat.UploadResult
	Type   string `json:"type"`
	Detail string `json:"detail"`
}

func (n *node) upload(t *testing.T, u upload) uploadAnswer {
	t.Helper()
	target := fmt.Sprintf("%s%s?conversation=%d&name=%s", n.URL, chat.UploadPath, u.conversation, u.name)
	req, err := http.NewRequest("POST", target, bytes.NewReader(u.body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	if u.resume != "" {
		req.Header.Set(chat.HeaderResume, u.resume)
	}
	if u.identity != "" {
		req.Header.Set(chat.HeaderIdentity, u.identity)
	}
	if u.origin != "" {
		req.Header.Set("Origin", u.origin)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := uploadAnswer{status: resp.StatusCode, header: resp.Header}
	if resp.StatusCode == http.StatusCreated {
		err = json.Unmarshal(raw, &a.result)
	} else {
		err = json.Unmarshal(raw, &a)
	}
	if err != nil {
		t.Fatalf("upload answer %d %s: %v", resp.StatusCode, raw, err)
	}
	return a
}

// TestWidgetUpload: a customer sends a screenshot from the widget. The
// upload speaks for the socket's visitor (its resume token), the file is
// cleaned and stored as the customer's, and a message of the conversation
// names it on every socket and on the agent's side. Bad files, strangers
// and floods are refused with a problem naming why, and store nothing.
func TestWidgetUpload(t *testing.T) {
	eachEngine(t, func(t *testing.T, n *node) {
		c := n.dial(chat.In{})
		w := c.Welcome
		ack := n.send(c, "My deposit is missing, here is a screenshot")
		conv := ack.Conv()
		files := func() int { return storetest.Scalar[int](t, n.DB(), `SELECT COUNT(*) FROM attachments`) }

		got := n.upload(t, upload{resume: w.Resume, conversation: conv, name: "Screen%20Shot.png", body: pngBytes(t)})
		if got.status != http.StatusCreated || got.result.Name != "Screen Shot.png" || got.result.ContentType != "image/png" || got.result.Seq == 0 {
			t.Fatalf("upload: %d %+v %s", got.status, got.result, got.Detail)
		}
		m := expect(t, c, "message")
		if m.Author != "customer" || m.Seq != got.result.Seq || m.Text != chat.FileMessage("Screen Shot.png") {
			t.Fatalf("message frame %s, want the customer's file message %d", m.Raw, got.result.Seq)
		}
		var list struct {
			Attachments []struct {
				ID           int64  `json:"id"`
				UploaderKind string `json:"uploader_kind"`
				MessageID    *int64 `json:"message_id"`
			} `json:"attachments"`
		}
		if code := n.api("GET", fmt.Sprintf("/api/v1/tickets/%d/attachments", conv), nil, &list); code != 200 || len(list.Attachments) != 1 {
			t.Fatalf("agent's attachment list: %d %+v", code, list)
		}
		if a := list.Attachments[0]; a.UploaderKind != "customer" || a.MessageID == nil || *a.MessageID != got.result.Seq {
			t.Fatalf("attachment %+v, want the customer's, linked to message %d", a, got.result.Seq)
		}

		ok := n.upload(t, upload{resume: w.Resume, conversation: conv, origin: "https://shop.exchange.example", name: "b.png", body: pngBytes(t)})
		if ok.status != 201 || ok.header.Get("Access-Control-Allow-Origin") != "https://shop.exchange.example" {
			t.Fatalf("upload from an allowed origin: %d, ACAO %q", ok.status, ok.header.Get("Access-Control-Allow-Origin"))
		}
		expect(t, c, "message")

		// Each bad upload from a visitor of its own: the per-customer limit
		// is tested on its own below.
		fresh := func() (string, int64) {
			s := n.dial(chat.In{})
			return s.Welcome.Resume, n.send(s, "hello").Conv()
		}
		bad := []struct {
			name   string
			u      func() upload
			status int
			typ    string
		}{
			{"no resume token", func() upload { return upload{conversation: conv, body: pngBytes(t)} }, 401, "unauthorized"},
			{"a made-up resume token", func() upload { return upload{resume: strings.Repeat("A", 43), conversation: conv, body: pngBytes(t)} }, 401, "unauthorized"},
			{"another visitor's conversation", func() upload { r, _ := fresh(); return upload{resume: r, conversation: conv, body: pngBytes(t)} }, 404, "not_found"},
			{"no conversation", func() upload { r, _ := fresh(); return upload{resume: r, body: pngBytes(t)} }, 400, "invalid"},
			{"a foreign page", func() upload {
				r, id := fresh()
				return upload{resume: r, conversation: id, origin: "https://evil.example", body: pngBytes(t)}
			}, 403, "forbidden"},
			{"a forged identity", func() upload {
				r, id := fresh()
				return upload{resume: r, identity: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", conversation: id, body: pngBytes(t)}
			}, 401, "unauthorized"},
			{"an SVG", func() upload {
				r, id := fresh()
				return upload{resume: r, conversation: id, name: "x.png", body: []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)}
			}, 400, "file-type"},
			{"a pixel bomb", func() upload {
				r, id := fresh()
				return upload{resume: r, conversation: id, name: "big.png", body: pixelBomb(t)}
			}, 413, "file-pixels"},
			{"over 10 MB", func() upload {
				r, id := fresh()
				return upload{resume: r, conversation: id, name: "huge.pdf", body: bytes.Repeat([]byte("%PDF-"), 2<<20+1)}
			}, 413, "file-too-large"},
		}
		for _, b := range bad {
			got := n.upload(t, b.u())
			if got.status != b.status || !strings.HasSuffix(got.Type, "/"+b.typ) {
				t.Errorf("%s: %d %s (%s), want %d %s", b.name, got.status, got.Type, got.Detail, b.status, b.typ)
			}
		}
		if n := files(); n != 2 {
			t.Fatalf("%d files stored after refused uploads, want 2", n)
		}

		// Five files in a burst, then one every 10 s: the flood is refused.
		limited := false
		for i := 0; i < 6 && !limited; i++ {
			got := n.upload(t, upload{resume: w.Resume, conversation: conv, name: "x.txt", body: []byte("plain text")})
			limited = got.status == http.StatusTooManyRequests && got.header.Get("Retry-After") != ""
		}
		if !limited {
			t.Fatal("no 429 after a burst of uploads")
		}
	})
}

// TestWidgetUploadSignedIn: a signed-in customer's upload needs their
// identity token, checked as hello checks it; the resume token alone does
// not reach the customer's conversation.
func TestWidgetUploadSignedIn(t *testing.T) {
	n := newNode(t, "sqlite")
	token := userJWT(t, "u-upload", nil)
	c := n.dial(chat.In{Token: token})
	w := c.Welcome
	conv := n.send(c, "signed in").Conv()
	if got := n.upload(t, upload{resume: w.Resume, conversation: conv, name: "a.png", body: pngBytes(t)}); got.status != 401 && got.status != 404 {
		t.Fatalf("upload without the identity token: %d, want 401 or 404", got.status)
	}
	got := n.upload(t, upload{resume: w.Resume, identity: token, conversation: conv, name: "a.png", body: pngBytes(t)})
	if got.status != 201 {
		t.Fatalf("signed-in upload: %d %s", got.status, got.Detail)
	}
	if m := expect(t, c, "message"); m.Seq != got.result.Seq || m.Author != "customer" {
		t.Fatalf("message frame %s", m.Raw)
	}
	// The file's message is the customer's in the agent's view.
	tk := n.ticket(conv)
	last := tk.Messages[len(tk.Messages)-1]
	if last.AuthorKind != "customer" || last.Body != chat.FileMessage("a.png") {
		t.Fatalf("agent sees %+v", last)
	}
	if got := n.upload(t, upload{resume: w.Resume, identity: userJWT(t, "u-upload", map[string]any{"exp": 1}), conversation: conv, body: pngBytes(t)}); got.status != 401 {
		t.Fatalf("expired identity: %d", got.status)
	}
}
