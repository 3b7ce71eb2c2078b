package chat

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/attach"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// UploadPath is where the widget posts a customer's file.
const UploadPath = "/chat/v1/attachments"

// Files is what the widget's upload needs of the attachment store;
// *attach.Store implements it.
type Files interface {
	Add(ctx context.Context, ticketID int64, by attach.Uploader, name string, data []byte) (attach.Attachment, error)
	LinkMessage(ctx context.Context, id, messageID int64) error
}

// Upload headers: the socket's credentials, which a POST cannot send in a
// hello frame. No cookies: as on the socket, who the customer is comes only
// from these.
const (
	HeaderResume   = "X-Chat-Resume"
	HeaderIdentity = "X-Chat-Identity"
)

// FileMessage is the conversation message that announces a customer's file.
func FileMessage(name string) string { return "📎 " + name }

// UploadResult answers a widget upload.
type UploadResult struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	// Seq is the message that names the file in the conversation; it comes
	// over the socket too.
	Seq int64 `json:"seq"`
}

// HandleUpload is POST /chat/v1/attachments?conversation=N&name=F: a
// customer sends a screenshot or PDF from the widget. The body is the file
// (or a multipart form with a "file" part). X-Chat-Resume is the widget's
// resume token; X-Chat-Identity, for a signed-in customer, the identity
// token, checked as hello checks it. The Origin rules are the socket's.
// The file is cleaned and sealed as every attachment is; a message of the
// conversation names it, so both sides see it.
func (s *Service) HandleUpload(w http.ResponseWriter, r *http.Request) {
	if err := s.upload(w, r); err != nil {
		writeUploadError(w, r, s.log, err)
	}
}

// HandleUploadPreflight is OPTIONS /chat/v1/attachments, the CORS
// preflight of a page on an allowed widget origin.
func (s *Service) HandleUploadPreflight(w http.ResponseWriter, r *http.Request) {
	if !s.originAllowed(r) {
		web.WriteError(w, r, s.log, errs.E(errs.Forbidden, "this site may not send files to the chat"))
		return
	}
	s.allowOrigin(w, r)
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", "POST")
	h.Set("Access-Control-Allow-Headers", "Content-Type, "+HeaderResume+", "+HeaderIdentity)
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
}

func (s *Service) upload(w http.ResponseWriter, r *http.Request) error {
	if !s.originAllowed(r) {
		return errs.E(errs.Forbidden, "this site may not send files to the chat")
	}
	s.allowOrigin(w, r)
	if s.cfg.Files == nil {
		return errs.E(errs.NotFound, "this server takes no files in the chat")
	}
	ctx, cancel := context.WithTimeout(r.Context(), opTimeout)
	defer cancel()
	ref, err := s.uploader(ctx, r)
	if err != nil {
		return err
	}
	if ok, after := s.uploads.take(ref.ExternalID, time.Now()); !ok {
		return errs.Limited(after, "too many files; wait a moment before sending the next")
	}
	conv, err := strconv.ParseInt(r.URL.Query().Get("conversation"), 10, 64)
	if err != nil || conv <= 0 {
		return errs.Field("conversation", "conversation must be the id of the chat conversation the file belongs to")
	}
	view, err := s.cfg.Conversations.CustomerTicket(ctx, ref, conv)
	if errs.Is(err, errs.NotFound) || err == nil && view.Channel != "chat" {
		return errs.E(errs.NotFound, "this conversation is not yours")
	}
	if err != nil {
		return err
	}
	if view.Status == ticket.StatusClosed {
		return errs.E(errs.Conflict, "this conversation is closed; write a message to start a new one, then send the file")
	}
	name, data, err := attach.ReadUpload(r)
	if err != nil {
		return err
	}
	a, err := s.cfg.Files.Add(ctx, conv, attach.Uploader{Kind: "customer"}, name, data)
	if err != nil {
		return err
	}
	// The file is stored: a failure from here leaves it in the ticket's
	// files (the agent sees it there), never a message naming no file. The
	// link commits with the message, so a live page that gets the message
	// finds its file.
	var m ticket.Message
	err = s.cfg.DB.Tx(ctx, func(ctx context.Context, _ *store.Tx) error {
		var err error
		if m, err = s.cfg.Conversations.AppendAsCustomer(ctx, ref, conv, FileMessage(a.Name)); err != nil {
			return err
		}
		return s.cfg.Files.LinkMessage(ctx, a.ID, m.ID)
	})
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, UploadResult{ID: a.ID, Name: a.Name, ContentType: a.ContentType, Size: a.Size, Seq: m.ID})
}

// uploader is the customer an upload speaks for, from the request's
// headers, by the rules of hello: the resume token names an anonymous
// visitor; a valid identity token, the signed-in customer.
func (s *Service) uploader(ctx context.Context, r *http.Request) (ticket.CustomerRef, error) {
	resume := r.Header.Get(HeaderResume)
	if !wellFormedResume(resume) {
		return ticket.CustomerRef{}, errs.E(errs.Unauthorized, "this chat session is unknown; reload the chat")
	}
	visitorID, _, err := visitor(ctx, s.cfg.DB, resume)
	if err != nil {
		return ticket.CustomerRef{}, err
	}
	token := r.Header.Get(HeaderIdentity)
	if token == "" {
		if visitorID == 0 {
			return ticket.CustomerRef{}, errs.E(errs.Unauthorized, "this chat session is unknown; reload the chat")
		}
		return ticket.CustomerRef{ExternalID: visitorRef(visitorID)}, nil
	}
	id, err := s.cfg.Identities.Verify(token)
	if err != nil {
		msg := "the sign-in is not valid; sign in on the exchange again"
		if errors.Is(err, auth.ErrIdentityExpired) {
			msg = "the sign-in has expired; sign in on the exchange again"
		}
		return ticket.CustomerRef{}, errs.E(errs.Unauthorized, "%s", msg)
	}
	if !s.shortLived(id) {
		return ticket.CustomerRef{}, errs.E(errs.Unauthorized, "this sign-in token lives too long; the exchange must sign a fresh one")
	}
	if id.TokenID != "" {
		if visitorID == 0 {
			if visitorID, err = addVisitor(ctx, s.cfg.DB, resume); err != nil {
				return ticket.CustomerRef{}, err
			}
		}
		first, err := useTokenID(ctx, s.cfg.DB, id.TokenID, visitorID, id.Expires)
		if err != nil {
			return ticket.CustomerRef{}, err
		}
		if !first {
			return ticket.CustomerRef{}, errs.E(errs.Unauthorized, "this sign-in was used in another browser; sign in on the exchange again")
		}
	}
	return ticket.CustomerRef{ExternalID: id.UserID}, nil
}

// originAllowed applies the socket's Origin rule: none (not a browser),
// this server itself, or one of the allowed widget origins.
func (s *Service) originAllowed(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	if err != nil || u.Host == "" {
		return false // "null" too: a sandboxed or opaque origin
	}
	if strings.EqualFold(u.Host, r.Host) {
		return true
	}
	for _, p := range s.cfg.Origins {
		target := u.Host
		if strings.Contains(p, "://") {
			target = u.Scheme + "://" + u.Host
		}
		if ok, err := path.Match(strings.ToLower(p), strings.ToLower(target)); err == nil && ok {
			return true
		}
	}
	return false
}

// allowOrigin lets a page on an allowed origin read the answer. No
// credentials are allowed: the upload uses none but its headers.
func (s *Service) allowOrigin(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Origin")
	if o := r.Header.Get("Origin"); o != "" {
		w.Header().Set("Access-Control-Allow-Origin", o)
	}
}

// Problem types of refused files, so that the widget can say why in the
// customer's language (RFC 9457 identifies a problem by its type).
const problemBase = "https://groundcrew.dev/problems/"

func writeUploadError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	why := attach.ReasonOf(err)
	if why == "" && errs.KindOf(err) == errs.TooLarge {
		why = attach.ReasonSize // the body, cut off before it reached the cleaner
	}
	e, ok := errs.As(err)
	if why == "" || !ok {
		web.WriteError(w, r, log, err)
		return
	}
	status := web.Status(err)
	web.WriteProblem(w, web.Problem{Type: problemBase + "file-" + strings.ReplaceAll(string(why), "_", "-"), Title: http.StatusText(status),
		Status: status, Detail: e.Msg, Instance: r.URL.Path, Field: "file"})
}

// uploadLimiter is a token bucket per customer (the visitor's anonymous
// one, or the signed-in customer), so that one cannot fill a ticket with
// files. The buckets are forgotten when there are many.
type uploadLimiter struct {
	rate Rate
	mu   sync.Mutex
	m    map[string]*tokenBucket
}

func (l *uploadLimiter) take(customer string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.m == nil || len(l.m) > 10000 {
		l.m = map[string]*tokenBucket{}
	}
	b := l.m[customer]
	if b == nil {
		b = newBucket(l.rate, now)
		l.m[customer] = b
	}
	return b.take(now)
}
