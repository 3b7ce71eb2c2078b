package attach

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Tickets tells whether an agent may see a ticket; *ticket.Store does.
type Tickets interface {
	Visible(ctx context.Context, v ticket.Viewer, id int64) (ticket.Ticket, error)
}

// HTTP serves the attachment API to agents.
type HTTP struct {
	Store    *Store
	Tickets  Tickets
	ViewerOf func(r *http.Request) ticket.Viewer
}

// maxUpload bounds an upload request: the file plus multipart framing.
const maxUpload = MaxSize + 64<<10

// HandleUpload: POST /api/v1/tickets/{id}/attachments. The body is either
// multipart/form-data with a "file" part (what a browser form sends) or the
// file itself, named by ?name=.
func (h *HTTP) HandleUpload(w http.ResponseWriter, r *http.Request) error {
	v := h.ViewerOf(r)
	t, err := h.ticket(r, v)
	if err != nil {
		return err
	}
	name, data, err := ReadUpload(r)
	if err != nil {
		return err
	}
	agent := v.AgentID
	a, err := h.Store.Add(r.Context(), t.ID, Uploader{Kind: "agent", AgentID: &agent}, name, data)
	if err != nil {
		return err
	}
	w.Header().Set("Location", downloadPath(a.ID))
	return web.JSON(w, http.StatusCreated, view(a))
}

// HandleList: GET /api/v1/tickets/{id}/attachments.
func (h *HTTP) HandleList(w http.ResponseWriter, r *http.Request) error {
	t, err := h.ticket(r, h.ViewerOf(r))
	if err != nil {
		return err
	}
	as, err := h.Store.List(r.Context(), t.ID)
	if err != nil {
		return err
	}
	out := make([]attachmentView, len(as))
	for i, a := range as {
		out[i] = view(a)
	}
	return web.JSON(w, http.StatusOK, map[string]any{"attachments": out})
}

// HandleDownload: GET /api/v1/attachments/{id}.
func (h *HTTP) HandleDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	a, err := h.Store.Get(r.Context(), id)
	if err != nil {
		return err
	}
	v := h.ViewerOf(r)
	if _, err := h.Tickets.Visible(r.Context(), v, a.TicketID); err != nil {
		if errs.Is(err, errs.Forbidden) {
			return errs.E(errs.NotFound, "no attachment %d", id) // do not confirm it exists
		}
		return err
	}
	data, err := h.Store.Open(r.Context(), a, "agent:"+strconv.FormatInt(v.AgentID, 10))
	if err != nil {
		return err
	}
	Serve(w, a, data)
	return nil
}

// Serve writes a file as a download: never rendered by the browser in
// Groundcrew's origin, whatever its bytes are.
func Serve(w http.ResponseWriter, a Attachment, data []byte) {
	hd := w.Header()
	hd.Set("Content-Type", a.ContentType)
	hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.Name}))
	hd.Set("Content-Length", strconv.Itoa(len(data)))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	hd.Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
}

func (h *HTTP) ticket(r *http.Request, v ticket.Viewer) (ticket.Ticket, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return ticket.Ticket{}, err
	}
	return h.Tickets.Visible(r.Context(), v, id)
}

// ReadUpload reads an uploaded file from a request: the "file" part of a
// multipart form, or the whole body named by ?name=.
func ReadUpload(r *http.Request) (string, []byte, error) {
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if !strings.HasPrefix(mt, "multipart/") {
		data, err := web.ReadBody(r, MaxSize)
		return r.URL.Query().Get("name"), data, err
	}
	mr, err := multipartReader(r, params["boundary"])
	if err != nil {
		return "", nil, err
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return "", nil, fileErr(errs.Invalid, "the form has no part named \"file\"", ReasonEmpty)
		}
		if err != nil {
			return "", nil, fileErr(errs.Invalid, "the multipart body cannot be read: %v", ReasonUnreadable, err)
		}
		if part.FormName() != "file" {
			continue
		}
		var buf bytes.Buffer
		n, err := io.Copy(&buf, io.LimitReader(part, MaxSize+1))
		if err != nil {
			return "", nil, fileErr(errs.Invalid, "the file cannot be read: %v", ReasonUnreadable, err)
		}
		if n > MaxSize {
			return "", nil, fileErr(errs.TooLarge, "the file is larger than %d MB", ReasonSize, MaxSize>>20)
		}
		return part.FileName(), buf.Bytes(), nil
	}
}

type attachmentView struct {
	Attachment
	URL string `json:"url"`
}

func view(a Attachment) attachmentView { return attachmentView{Attachment: a, URL: downloadPath(a.ID)} }

func downloadPath(id int64) string { return "/api/v1/attachments/" + strconv.FormatInt(id, 10) }

func multipartReader(r *http.Request, boundary string) (*multipart.Reader, error) {
	if boundary == "" {
		return nil, fileErr(errs.Invalid, "the multipart body has no boundary", ReasonUnreadable)
	}
	return multipart.NewReader(http.MaxBytesReader(nil, r.Body, maxUpload), boundary), nil
}
