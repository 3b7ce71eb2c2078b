package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The headers of every delivery. A receiver checks them with Verify (or
// the same steps in its own language; see README "Webhooks out").
const (
	HeaderTimestamp = "Groundcrew-Timestamp" // Unix seconds when the attempt was signed
	HeaderSignature = "Groundcrew-Signature" // "v1=" + hex HMAC-SHA256(secret, timestamp + "." + body)
	HeaderDelivery  = "Groundcrew-Delivery"  // the delivery's id; a resend has a new one
	HeaderEventID   = "Groundcrew-Event-Id"  // the event's id: the same on a retry and a resend, for de-duplication
	HeaderEventType = "Groundcrew-Event-Type"
)

// SignatureVersion prefixes the signature, so that a later scheme can be
// added beside it without breaking receivers of this one.
const SignatureVersion = "v1"

// DefaultTolerance is how far a timestamp may be from the receiver's clock
// before Verify refuses it as a replay (or a badly wrong clock).
const DefaultTolerance = 5 * time.Minute

// Sign returns the signature header's value for body sent at ts.
func Sign(secret []byte, ts time.Time, body []byte) string {
	return SignatureVersion + "=" + hex.EncodeToString(mac(secret, strconv.FormatInt(ts.Unix(), 10), body))
}

func mac(secret []byte, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Errors Verify returns.
var (
	ErrNoSignature  = errors.New("webhook: no signature or timestamp header")
	ErrBadSignature = errors.New("webhook: signature does not match")
	ErrStale        = errors.New("webhook: timestamp outside the tolerance (a replay, or a wrong clock)")
)

// Verify checks a delivery as a receiver should: the timestamp header is
// within tolerance of now (so an old request replayed later is refused)
// and one of the signature header's v1 values is the HMAC-SHA256 of
// timestamp + "." + body under secret, compared in constant time. body
// must be the raw bytes received, before any JSON parsing. A tolerance of
// 0 means DefaultTolerance.
//
// Within the tolerance a captured request could be sent again: a receiver
// that must refuse that too keeps the Groundcrew-Delivery ids it accepted
// for the tolerance (see Replays).
func Verify(secret []byte, h http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	tsText, sigs := h.Get(HeaderTimestamp), h.Get(HeaderSignature)
	if tsText == "" || sigs == "" {
		return ErrNoSignature
	}
	ts, err := strconv.ParseInt(tsText, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: bad timestamp %q", ErrNoSignature, tsText)
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return ErrStale
	}
	want := mac(secret, tsText, body)
	// Several values (comma-separated) let a sender sign with an old and a
	// new secret while it rotates.
	for _, part := range strings.Split(sigs, ",") {
		v, hexSig, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || v != SignatureVersion {
			continue
		}
		got, err := hex.DecodeString(hexSig)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return ErrBadSignature
}

// Replays remembers the delivery ids a receiver accepted, for as long as
// Verify would accept their timestamps, so that a request captured and
// sent again within the tolerance is refused too. It is a sketch of what
// a receiver does (one process, in memory); not safe for concurrent use.
type Replays struct {
	Tolerance time.Duration
	seen      map[string]time.Time
}

// Check records id as seen at now; false when it was seen already.
func (r *Replays) Check(id string, now time.Time) bool {
	tol := r.Tolerance
	if tol <= 0 {
		tol = DefaultTolerance
	}
	if r.seen == nil {
		r.seen = map[string]time.Time{}
	}
	for k, at := range r.seen {
		if now.Sub(at) > 2*tol {
			delete(r.seen, k)
		}
	}
	if _, dup := r.seen[id]; dup {
		return false
	}
	r.seen[id] = now
	return true
}
