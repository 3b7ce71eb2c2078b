package email

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"regexp"
	"strconv"
	"strings"
)

// A reply token ties a mail to its ticket when the customer's client drops
// In-Reply-To and References (some webmail does, and forwarding does): it
// sits in the Reply-To address (support+t42-k3j9x2m4qa@…) and the subject
// ("[#42-k3j9x2m4qa]"). It is an HMAC of the ticket id, so a customer
// cannot write one for another ticket by changing the number; and even a
// right token joins the ticket only from its customer's address.
type tokens struct{ key []byte }

const tokenLen = 10

var b32 = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

func (t tokens) of(ticketID int64) string {
	m := hmac.New(sha256.New, t.key)
	m.Write([]byte("email-reply:" + strconv.FormatInt(ticketID, 10)))
	return b32.EncodeToString(m.Sum(nil))[:tokenLen]
}

func (t tokens) check(id, tok string) (int64, bool) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 || len(t.key) == 0 {
		return 0, false
	}
	return n, hmac.Equal([]byte(t.of(n)), []byte(strings.ToLower(tok)))
}

var (
	tokenInAddress = regexp.MustCompile(`\+t([0-9]{1,18})-([a-z2-7]{10})@`)
	tokenInSubject = regexp.MustCompile(`\s*\[#([0-9]{1,18})-([a-zA-Z2-7]{10})\]`)
)

func (t tokens) fromAddress(addr string) (int64, bool) {
	m := tokenInAddress.FindStringSubmatch(strings.ToLower(addr))
	if m == nil {
		return 0, false
	}
	return t.check(m[1], m[2])
}

func (t tokens) fromSubject(subject string) (int64, bool) {
	m := tokenInSubject.FindStringSubmatch(subject)
	if m == nil {
		return 0, false
	}
	return t.check(m[1], m[2])
}

// address is the reply address of a ticket: from's local part with the
// token after a "+".
func (t tokens) address(from string, ticketID int64) string {
	local, domain, _ := strings.Cut(from, "@")
	return local + "+t" + strconv.FormatInt(ticketID, 10) + "-" + t.of(ticketID) + "@" + domain
}

func (t tokens) subjectTag(ticketID int64) string {
	return "[#" + strconv.FormatInt(ticketID, 10) + "-" + t.of(ticketID) + "]"
}
