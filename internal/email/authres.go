package email

import (
	"slices"
	"strings"

	"github.com/emersion/go-msgauth/authres"
)

// Sender authentication as the receiving server recorded it. Anyone can
// write an Authentication-Results header into a mail, so only headers whose
// authserv-id is one the installation trusts (its own MX, or the mailbox
// provider's, e.g. "mx.google.com") count; the rest are ignored.

// Auth results of one mail.
const (
	AuthPass = "pass"
	AuthFail = "fail" // DMARC failed for the From domain: the sender may be forged
	AuthNone = "none" // no trusted result, or none that decides
)

// CheckAuth reads the topmost trusted Authentication-Results header (headers
// in the mail's order, top first) and says
// whether the From domain passed DMARC, failed it, or neither is known.
// Without a DMARC result, SPF failing with no DKIM pass counts as a failure.
func CheckAuth(headers []string, trusted []string, from string) string {
	_, fromDomain, _ := strings.Cut(from, "@")
	spfFail, dkimPass := false, false
	for _, r := range topmostTrusted(headers, trusted) {
		switch r := r.(type) {
		case *authres.DMARCResult:
			if r.From != "" && !strings.EqualFold(r.From, fromDomain) {
				continue // about another domain than this From
			}
			switch r.Value {
			case authres.ResultPass:
				return AuthPass
			case authres.ResultFail:
				return AuthFail
			}
		case *authres.SPFResult:
			spfFail = spfFail || r.Value == authres.ResultFail || r.Value == authres.ResultSoftFail
		case *authres.DKIMResult:
			dkimPass = dkimPass || r.Value == authres.ResultPass
		}
	}
	if spfFail && !dkimPass {
		return AuthFail
	}
	return AuthNone
}

// topmostTrusted is the results of the first header with a trusted
// authserv-id. Only that one is the receiving server's own (RFC 8601,
// section 5): a sender may write lower ones with the same id, such as a
// dkim=pass that would excuse a failed SPF check.
func topmostTrusted(headers, trusted []string) []authres.Result {
	for _, h := range headers {
		id, results, err := authres.Parse(h)
		if err == nil && slices.Contains(trusted, strings.ToLower(id)) {
			return results
		}
	}
	return nil
}
