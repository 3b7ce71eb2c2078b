package phone

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// The provider signs each request: SignatureHeader holds "v1=" and the hex
// HMAC-SHA256, keyed with the shared secret, of TimestampHeader's value (Unix
// seconds), a ".", and the raw body. A request outside ReplayWindow of our
// clock is refused, so a captured request cannot be played later.
const (
	TimestampHeader = "X-Groundcrew-Timestamp"
	SignatureHeader = "X-Groundcrew-Signature"
	ReplayWindow    = 5 * time.Minute
)

// Sign returns the SignatureHeader value for body sent at ts.
func Sign(secret []byte, ts int64, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(strconv.FormatInt(ts, 10)))
	m.Write([]byte("."))
	m.Write(body)
	return "v1=" + hex.EncodeToString(m.Sum(nil))
}

// CheckSignature checks a request's headers against body at now.
func CheckSignature(secret []byte, timestamp, signature string, body []byte, now time.Time) error {
	if len(secret) == 0 {
		return errs.E(errs.Unavailable, "phone events are not configured: set GROUNDCREW_PHONE_SECRET")
	}
	ts, err := strconv.ParseInt(strings.TrimSpace(timestamp), 10, 64)
	if err != nil {
		return errs.E(errs.Unauthorized, "the %s header must be the Unix time in seconds", TimestampHeader)
	}
	if d := now.Sub(time.Unix(ts, 0)); d > ReplayWindow || d < -ReplayWindow {
		return errs.E(errs.Unauthorized, "the %s header is more than %s from our clock", TimestampHeader, ReplayWindow)
	}
	want := Sign(secret, ts, body)
	for _, got := range strings.Split(signature, ",") {
		if hmac.Equal([]byte(strings.TrimSpace(got)), []byte(want)) {
			return nil
		}
	}
	return errs.E(errs.Unauthorized, "the %s header does not match the body", SignatureHeader)
}
