package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/attach"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// upload posts a file as a browser form does and decodes the answer.
func (ta *testApp) upload(ticketID int64, token, name string, data []byte, out any) *http.Response {
	ta.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		ta.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return ta.raw("POST", fmt.Sprintf("/api/v1/tickets/%d/attachments", ticketID), token, mw.FormDataContentType(), body.Bytes(), out)
}

// raw sends a request with any body and content type.
func (ta *testApp) raw(method, path, token, contentType string, body []byte, out any) *http.Response {
	ta.t.Helper()
	req, err := http.NewRequest(method, ta.URL+path, bytes.NewReader(body))
	if err != nil {
		ta.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ta.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		ta.t.Fatal(err)
	}
	if out != nil {
		if b, ok := out.(*[]byte); ok {
			*b = raw
		} else if err := json.Unmarshal(raw, out); err != nil {
			ta.t.Fatalf("%s %s: %d %q: %v", method, path, resp.StatusCode, raw, err)
		}
	}
	return resp
}

// screenshot is a PNG with a script hidden after its end, as a polyglot
// upload carries one.
func screenshot(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	img.Set(3, 4, color.RGBA{200, 10, 10, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return append(b.Bytes(), "<script>alert(document.cookie)</script>"...)
}

func TestAttachments(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("files"), &tk)

		var a attach.Attachment
		resp := ta.upload(tk.ID, testAdminToken, `..\..\proof<b>.html`, screenshot(t), &a)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		if a.ContentType != "image/png" || a.Name != "proof<b>.png" || a.Width != 16 {
			t.Fatalf("stored %+v", a)
		}

		var file []byte
		resp = ta.raw("GET", fmt.Sprintf("/api/v1/attachments/%d", a.ID), testAdminToken, "", nil, &file)
		if resp.StatusCode != 200 {
			t.Fatalf("download: %d", resp.StatusCode)
		}
		disp, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
		if err != nil || disp != "attachment" || params["filename"] != a.Name {
			t.Errorf("Content-Disposition %q", resp.Header.Get("Content-Disposition"))
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("download headers %v", resp.Header)
		}
		if bytes.Contains(file, []byte("<script>")) {
			t.Error("the script after the image's end was kept")
		}
		if _, err := png.Decode(bytes.NewReader(file)); err != nil {
			t.Errorf("downloaded file is not a PNG: %v", err)
		}
		if n := storetest.Scalar[int64](t, ta.db, `SELECT COUNT(*) FROM attachment_blobs WHERE data LIKE '%IHDR%'`); n != 0 {
			t.Error("a file is stored in clear")
		}
		if n := storetest.Scalar[int64](t, ta.db, `SELECT COUNT(*) FROM audit_log WHERE action = 'attachment.downloaded'`); n != 1 {
			t.Errorf("%d download audit records, want 1", n)
		}

		var ev store.Event
		var data string
		if err := ta.db.QueryRow(t.Context(), `SELECT id, type, data FROM outbox WHERE type = ?`, attach.AttachmentAdded.Type()).Scan(&ev.ID, &ev.Type, &data); err != nil {
			t.Fatalf("no attachment.added event: %v", err)
		}
		ev.Data = json.RawMessage(data)
		added, ok, err := attach.AttachmentAdded.Decode(ev)
		if err != nil || !ok || added.AttachmentID != a.ID || added.TicketID != tk.ID || added.UploaderKind != "agent" {
			t.Fatalf("attachment.added = %+v (%v, %v)", added, ok, err)
		}

		var list struct{ Attachments []attach.Attachment }
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d/attachments", tk.ID), "", nil, &list)
		if len(list.Attachments) != 1 || list.Attachments[0].ID != a.ID {
			t.Fatalf("list = %+v", list)
		}
	})
}

func TestAttachmentsRefuseBadFilesAndOtherTeams(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var deposits, security auth.Team
		ta.do("POST", "/api/v1/teams", "", map[string]any{"name": "Deposits"}, &deposits)
		ta.do("POST", "/api/v1/teams", "", map[string]any{"name": "Security"}, &security)
		theirs := newTicketBody("theirs")
		theirs["team_id"] = security.ID
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", theirs, &tk)
		var a attach.Attachment
		ta.upload(tk.ID, testAdminToken, "a.png", screenshot(t), &a)
		_, tier1 := ta.agentToken(auth.Tier1, deposits.ID)

		cases := []struct {
			name   string
			status int
			send   func(p *web.Problem) *http.Response
		}{
			{"svg", 400, func(p *web.Problem) *http.Response {
				return ta.upload(tk.ID, testAdminToken, "logo.png", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), p)
			}},
			{"html as pdf", 400, func(p *web.Problem) *http.Response {
				return ta.upload(tk.ID, testAdminToken, "statement.pdf", []byte("<html><img src=x onerror=alert(1)></html>"), p)
			}},
			{"too large", 413, func(p *web.Problem) *http.Response {
				return ta.raw("POST", fmt.Sprintf("/api/v1/tickets/%d/attachments?name=big.pdf", tk.ID), testAdminToken, "application/pdf", make([]byte, attach.MaxSize+10), p)
			}},
			{"form without file", 400, func(p *web.Problem) *http.Response {
				return ta.raw("POST", fmt.Sprintf("/api/v1/tickets/%d/attachments", tk.ID), testAdminToken, "multipart/form-data; boundary=x", []byte("--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhi\r\n--x--\r\n"), p)
			}},
			{"upload to another team's ticket", 403, func(p *web.Problem) *http.Response {
				return ta.upload(tk.ID, tier1, "a.png", screenshot(t), p)
			}},
			{"download another team's file", 404, func(p *web.Problem) *http.Response {
				return ta.raw("GET", fmt.Sprintf("/api/v1/attachments/%d", a.ID), tier1, "", nil, p)
			}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				var p web.Problem
				resp := c.send(&p)
				if resp.StatusCode != c.status || p.Status != c.status || p.Detail == "" {
					t.Fatalf("%d %+v, want %d with a problem body", resp.StatusCode, p, c.status)
				}
			})
		}
		if n := storetest.Scalar[int64](t, ta.db, `SELECT COUNT(*) FROM attachments`); n != 1 {
			t.Fatalf("%d attachments stored, want only the first", n)
		}
	})
}
