package recovery

import (
	"errors"
	"math"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// explained is an error the customer's pages can say in the customer's
// language: key names its text ("error.<key>" in messages.json). It wraps
// the errs.Error that the API and the logs read, unchanged.
type explained struct {
	key string
	err error
}

func (e *explained) Error() string { return e.err.Error() }
func (e *explained) Unwrap() error { return e.err }

// explain marks err as the customer-facing refusal key.
func explain(key string, err error) error { return &explained{key: key, err: err} }

// ErrorText is what a customer's page says about err in lang, and whether
// err is one the customer may read about (false for internal faults,
// which the caller logs; the text is then the localised "try again").
// Refusals this package names are said in their own words; others by the
// input field at fault or the kind of refusal, so a deposit check's or an
// upload's errors read in the page's language too.
func ErrorText(lang string, err error) (string, bool) {
	var x *explained
	if errors.As(err, &x) {
		return message(lang, "error."+x.key, nil), true
	}
	e, ok := errs.As(err)
	if !ok || e.Kind == errs.Internal {
		return message(lang, "error.internal", nil), false
	}
	key := "invalid"
	switch {
	case e.Field == "txid" || e.Field == "network":
		key = "txid_invalid"
	case e.Field == "signature":
		key = "signature_invalid"
	case e.Field == "file" || e.Kind == errs.TooLarge:
		key = "file_refused"
	case e.Field == "attachment_id":
		key = "evidence_empty"
	case e.Kind == errs.Unauthorized:
		return message(lang, "page.sign_in", nil), true
	case e.Kind == errs.Forbidden:
		key = "other_site"
	case e.Kind == errs.NotFound:
		key = "not_found"
	case e.Kind == errs.RateLimited:
		secs := max(1, int(math.Ceil(e.RetryAfter.Seconds())))
		return message(lang, "error.rate_limited", map[string]string{"seconds": strconv.Itoa(secs)}), true
	case e.Kind == errs.Unavailable:
		key = "unavailable"
	}
	return message(lang, "error."+key, nil), true
}

// ErrNoConversation refuses evidence for an appeal that has no ticket yet
// to hold the file.
var ErrNoConversation = explain("no_conversation", errs.E(errs.Conflict, "this appeal has no conversation to attach files to yet; write to support"))
