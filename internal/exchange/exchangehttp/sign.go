// Package exchangehttp carries package exchange over HTTP: a versioned,
// documented contract (openapi.json), a Client that an exchange's real
// back-end answers, and a Server that serves any exchange.Exchange over the
// same contract (so the sandbox, or an exchange written in Go, can be
// reached over the network).
//
// Every request is signed with HMAC-SHA256 over
//
//	timestamp + "\n" + method + "\n" + path?query + "\n" + hex(sha256(body))
//
// and sent with the headers X-Groundcrew-Key-Id, X-Groundcrew-Timestamp
// (Unix seconds) and X-Groundcrew-Signature (lowercase hex). path?query is
// the request target exactly as sent, so nothing between the two sides may
// rewrite it. A timestamp more than ReplayWindow away from the server's
// clock is refused.
package exchangehttp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Signature headers.
const (
	HeaderKeyID     = "X-Groundcrew-Key-Id"
	HeaderTimestamp = "X-Groundcrew-Timestamp"
	HeaderSignature = "X-Groundcrew-Signature"
)

const (
	// ReplayWindow is how far a request's timestamp may be from the
	// server's clock, either way.
	ReplayWindow = 5 * time.Minute
	// MinSecret is the shortest shared secret accepted, in bytes.
	MinSecret = 32
	// MaxKeyID bounds a key id.
	MaxKeyID = 64
)

// Auth is the parsed signature headers of a request.
type Auth struct {
	KeyID     string
	Timestamp string // as sent; it is what was signed
	Unix      int64
	Signature []byte // 32 bytes
}

// ParseAuth reads the signature headers, refusing anything malformed with
// an errs.Unauthorized error. It checks shape only; Verify checks meaning.
func ParseAuth(h http.Header) (Auth, error) {
	one := func(name string) (string, error) {
		v := h.Values(name)
		switch {
		case len(v) == 0 || v[0] == "":
			return "", errs.E(errs.Unauthorized, "the request is not signed: %s is missing", name)
		case len(v) > 1:
			return "", errs.E(errs.Unauthorized, "%s is sent more than once", name)
		}
		return v[0], nil
	}
	var a Auth
	var err error
	if a.KeyID, err = one(HeaderKeyID); err != nil {
		return Auth{}, err
	}
	if !validKeyID(a.KeyID) {
		return Auth{}, errs.E(errs.Unauthorized, "%s must be 1 to %d letters, digits, '.', '_' or '-'", HeaderKeyID, MaxKeyID)
	}
	if a.Timestamp, err = one(HeaderTimestamp); err != nil {
		return Auth{}, err
	}
	if !digits(a.Timestamp, 12) {
		return Auth{}, errs.E(errs.Unauthorized, "%s must be Unix seconds", HeaderTimestamp)
	}
	a.Unix, _ = strconv.ParseInt(a.Timestamp, 10, 64) // 12 digits always fit
	sig, err := one(HeaderSignature)
	if err != nil {
		return Auth{}, err
	}
	if a.Signature, err = hex.DecodeString(sig); err != nil || len(a.Signature) != sha256.Size {
		return Auth{}, errs.E(errs.Unauthorized, "%s must be 64 hexadecimal digits", HeaderSignature)
	}
	return a, nil
}

func validKeyID(s string) bool {
	if len(s) == 0 || len(s) > MaxKeyID {
		return false
	}
	for _, c := range []byte(s) {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

func digits(s string, max int) bool {
	if len(s) == 0 || len(s) > max {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Signature is the hex HMAC-SHA256 of a request under secret.
func Signature(secret []byte, timestamp, method, requestURI string, body []byte) string {
	sum := sha256.Sum256(body)
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(timestamp + "\n" + method + "\n" + requestURI + "\n" + hex.EncodeToString(sum[:])))
	return hex.EncodeToString(mac.Sum(nil))
}

// Sign sets the signature headers on req, whose body is body, at now.
func Sign(req *http.Request, keyID string, secret, body []byte, now time.Time) {
	ts := strconv.FormatInt(now.Unix(), 10)
	req.Header.Set(HeaderKeyID, keyID)
	req.Header.Set(HeaderTimestamp, ts)
	req.Header.Set(HeaderSignature, Signature(secret, ts, req.Method, req.URL.RequestURI(), body))
}

// Verify checks a parsed signature against the request and the clock, in
// constant time. Any failure is errs.Unauthorized.
func (a Auth) Verify(secret []byte, method, requestURI string, body []byte, now time.Time) error {
	if skew := now.Unix() - a.Unix; skew > int64(ReplayWindow/time.Second) || -skew > int64(ReplayWindow/time.Second) {
		return errs.E(errs.Unauthorized, "%s is more than %v from the server's clock; check both clocks", HeaderTimestamp, ReplayWindow)
	}
	want, _ := hex.DecodeString(Signature(secret, a.Timestamp, method, requestURI, body))
	if !hmac.Equal(want, a.Signature) {
		return errUnknownKey
	}
	return nil
}

// errUnknownKey is the one answer for an unknown key id and a wrong
// signature, so that key ids cannot be probed.
var errUnknownKey = errs.E(errs.Unauthorized, "unknown key id or wrong signature")
