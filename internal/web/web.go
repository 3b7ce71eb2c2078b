// Package web holds what every package's HTTP handlers share: the handler
// type that returns errors, JSON decoding with precise errors, RFC 9457
// problem bodies, and pagination.
package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Handler is an HTTP handler that returns its error instead of writing it,
// so that errors become problem bodies (and are logged) in one place.
type Handler func(w http.ResponseWriter, r *http.Request) error

// MaxBody is the default limit on request bodies.
const MaxBody = 1 << 20

// Problem is an RFC 9457 problem body.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	Field    string `json:"field,omitempty"`
}

var statusOf = map[errs.Kind]int{
	errs.Internal:     http.StatusInternalServerError,
	errs.Invalid:      http.StatusBadRequest,
	errs.NotFound:     http.StatusNotFound,
	errs.Conflict:     http.StatusConflict,
	errs.Unauthorized: http.StatusUnauthorized,
	errs.Forbidden:    http.StatusForbidden,
	errs.RateLimited:  http.StatusTooManyRequests,
	errs.TooLarge:     http.StatusRequestEntityTooLarge,
	errs.Unavailable:  http.StatusServiceUnavailable,
	errs.Blocked:      http.StatusUnprocessableEntity,
}

// Status is the HTTP status for an error's kind; the one place that mapping lives.
func Status(err error) int { return statusOf[errs.KindOf(err)] }

// WriteError writes err as a problem body. Internal errors are logged here,
// once, and their text is not shown to the caller.
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	status := Status(err)
	p := Problem{
		Type:     "https://groundcrew.dev/problems/" + errs.KindOf(err).String(),
		Title:    http.StatusText(status),
		Status:   status,
		Instance: r.URL.Path,
	}
	if e, ok := errs.As(err); ok && e.Kind != errs.Internal {
		p.Detail = e.Msg
		p.Field = e.Field
	} else {
		log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		p.Detail = "An internal error occurred; it has been logged."
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="groundcrew"`)
	}
	if e, ok := errs.As(err); ok && e.Kind == errs.RateLimited && e.RetryAfter > 0 {
		w.Header().Set("Retry-After", RetryAfter(e.RetryAfter))
	}
	WriteProblem(w, p)
}

// RetryAfter is the Retry-After header value for a wait: whole seconds,
// rounded up, at least 1.
func RetryAfter(d time.Duration) string {
	return strconv.FormatInt(max(1, int64((d+time.Second-1)/time.Second)), 10)
}

// WriteProblem writes a problem body with its status.
func WriteProblem(w http.ResponseWriter, p Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// CSVHeaders make the response a CSV download named filename. Exports
// carry personal data (agents' figures, customers' words), so no cache
// keeps them, as no JSON answer is kept.
func CSVHeaders(w http.ResponseWriter, filename string) {
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
}

// JSON writes v as a JSON response with the given status.
func JSON(w http.ResponseWriter, status int, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode response: %w", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err = w.Write(append(body, '\n'))
	return err
}

// ReadBody reads at most limit bytes of the request body.
func ReadBody(r *http.Request, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = MaxBody
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, errs.E(errs.Invalid, "could not read the request body")
	}
	if int64(len(body)) > limit {
		return nil, errs.E(errs.TooLarge, "the request body is larger than %d bytes", limit)
	}
	return body, nil
}

// Decode reads a JSON request body into dst, refusing unknown fields,
// trailing data and bodies over limit bytes, with errors that say where.
func Decode(r *http.Request, limit int64, dst any) ([]byte, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return nil, errs.E(errs.Invalid, "Content-Type must be application/json, not %q", ct)
	}
	body, err := ReadBody(r, limit)
	if err != nil {
		return nil, err
	}
	return body, Unmarshal(body, dst)
}

// Unmarshal decodes a JSON document strictly into dst. Strings holding
// invalid UTF-8, a NUL or a lone surrogate are refused, naming the field.
func Unmarshal(body []byte, dst any) error {
	if len(strings.TrimSpace(string(body))) == 0 {
		return errs.E(errs.Invalid, "the request body is empty; a JSON object is required")
	}
	if err := checkStrings(body); err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if dec.More() {
		return errs.E(errs.Invalid, "the request body has data after the JSON object")
	}
	return nil
}

func decodeError(err error) error {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return errs.E(errs.Invalid, "malformed JSON at byte %d: %s", syntax.Offset, syntax.Error())
	case errors.As(err, &typeErr):
		if typeErr.Field != "" {
			return errs.Field(typeErr.Field, "field %q must be %s, not %s", typeErr.Field, typeName(typeErr.Type.Kind().String()), typeErr.Value)
		}
		return errs.E(errs.Invalid, "the request body must be a JSON object, not %s", typeErr.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errs.E(errs.Invalid, "malformed JSON: the body ends too early")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return errs.Field(field, "unknown field %q", field)
	default:
		return errs.E(errs.Invalid, "malformed JSON: %v", err)
	}
}

func typeName(kind string) string {
	switch kind {
	case "int", "int64", "int32", "uint", "uint64", "float64":
		return "a number"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "map", "struct":
		return "an object"
	}
	return kind
}

// Page is a keyset page request: at most Limit items past the cursor (an id;
// 0 means from the start). Lists choose their own direction.
type Page struct {
	Cursor int64
	Limit  int
}

// PageFrom reads ?limit= and ?cursor= (an opaque id from the previous page's next_cursor).
func PageFrom(r *http.Request, defaultLimit, maxLimit int) (Page, error) {
	p := Page{Limit: defaultLimit}
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return p, errs.Field("limit", "limit must be a whole number from 1 to %d", maxLimit)
		}
		p.Limit = n
	}
	if s := r.URL.Query().Get("cursor"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return p, errs.Field("cursor", "cursor is not one this server handed out")
		}
		p.Cursor = n
	}
	return p, nil
}

// List is the envelope of every paginated response.
type List[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// PathID parses a positive integer path value such as {id}.
func PathID(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0, errs.E(errs.NotFound, "no %s %q", name, r.PathValue(name))
	}
	return n, nil
}
