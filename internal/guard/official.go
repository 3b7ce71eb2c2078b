package guard

// Official-channel verification: the registry of the exchange's own
// e-mail addresses and domains, phone numbers, Telegram and X accounts and
// web domains, and the check anyone can run against it ("is this really
// you?") — the main defence against support impersonators. This file holds
// the kinds and how a value of each kind is normalised; official_match.go
// says whether a value is official or imitates an official one.

import (
	"net"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Kinds of official channel.
const (
	ChannelEmail       = "email"        // support@exchange.example
	ChannelEmailDomain = "email_domain" // every address at exchange.example (and its subdomains)
	ChannelPhone       = "phone"        // +1 800 555 0199
	ChannelTelegram    = "telegram"     // @ExchangeSupport
	ChannelURLDomain   = "url_domain"   // exchange.example (and its subdomains)
	ChannelXHandle     = "x_handle"     // @ExchangeHelp on X (Twitter)
)

// ChannelKinds lists every kind of official channel.
var ChannelKinds = []string{ChannelEmail, ChannelEmailDomain, ChannelPhone, ChannelTelegram, ChannelURLDomain, ChannelXHandle}

// Limits on registry entries and on what the verification check reads.
const (
	MaxChannelValue = 254
	MaxChannelLabel = 100
	MaxVerifyInput  = 512
)

// Channel is one official way the exchange reaches its customers.
type Channel struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	Value     string    `json:"value"` // as shown to customers
	Label     string    `json:"label"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`

	normalized string // what comparisons use; see normalizeChannel
}

// NewChannel is what adding a channel to the registry takes.
type NewChannel struct {
	Kind   string `json:"kind"`
	Value  string `json:"value"`
	Label  string `json:"label"`
	Active *bool  `json:"active,omitempty"` // default true
}

// defaultLabels name a channel whose admin gave it no label.
var defaultLabels = map[string]string{
	ChannelEmail:       "Official support e-mail",
	ChannelEmailDomain: "Official e-mail domain",
	ChannelPhone:       "Official support phone line",
	ChannelTelegram:    "Official Telegram account",
	ChannelURLDomain:   "Official website",
	ChannelXHandle:     "Official X (Twitter) account",
}

// normalizeChannel checks value as a channel of kind and returns the form
// comparisons use and the form customers see.
func normalizeChannel(kind, value string) (normalized, display string, err error) {
	value = strings.TrimSpace(value)
	if value == "" || len(value) > MaxChannelValue || !utf8.ValidString(value) {
		return "", "", errs.Field("value", "value is required (at most %d bytes of UTF-8)", MaxChannelValue)
	}
	switch kind {
	case ChannelEmail:
		local, domain, ok := parseEmail(value)
		if !ok {
			return "", "", errs.Field("value", "value must be an e-mail address such as support@exchange.example")
		}
		return local + "@" + domain, local + "@" + hostToUnicode(domain), nil
	case ChannelEmailDomain, ChannelURLDomain:
		host, ok := parseHost(value)
		if !ok {
			return "", "", errs.Field("value", "value must be a domain name such as exchange.example")
		}
		return host, hostToUnicode(host), nil
	case ChannelPhone:
		digits, intl, ok := parsePhone(value)
		if !ok || !intl {
			return "", "", errs.Field("value", "value must be a phone number in international form, such as +1 800 555 0199")
		}
		return "+" + digits, value, nil
	case ChannelTelegram, ChannelXHandle:
		h, ok := parseHandle(value)
		if !ok || !validHandle(kind, h) {
			return "", "", errs.Field("value", "value must be a %s such as @ExchangeSupport", say(kindKey(kind)).in("en"))
		}
		return strings.ToLower(h), "@" + h, nil
	}
	return "", "", errs.Field("kind", "kind must be one of %s", strings.Join(ChannelKinds, ", "))
}

// validHandle applies the services' own rules: Telegram usernames are 5 to
// 32 letters, digits and underscores; X handles 1 to 15.
func validHandle(kind, h string) bool {
	lo, hi := 5, 32
	if kind == ChannelXHandle {
		lo, hi = 1, 15
	}
	if len(h) < lo || len(h) > hi {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// parseEmail splits an e-mail address ("Name <a@b>" and "mailto:" too) into
// its lower-cased local part and its domain in ASCII (punycode) form.
func parseEmail(s string) (local, domain string, ok bool) {
	s = strings.TrimSpace(s)
	if rest, found := cutPrefixFold(s, "mailto:"); found {
		s = rest
		if k := strings.IndexByte(s, '?'); k >= 0 {
			s = s[:k]
		}
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		}
	}
	if strings.ContainsAny(s, "<>") {
		a, err := mail.ParseAddress(s)
		if err != nil {
			return "", "", false
		}
		s = a.Address
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return "", "", false
	}
	local = strings.ToLower(s[:at])
	if len(local) > 64 || strings.ContainsFunc(local, func(r rune) bool { return unicode.IsSpace(r) || r == '@' || r == '/' }) {
		return "", "", false
	}
	domain, ok = parseHost(s[at+1:])
	if !ok || net.ParseIP(domain) != nil || !strings.Contains(domain, ".") {
		return "", "", false
	}
	return local, domain, true
}

// parseHost turns a host name, or a URL, into its lower-case ASCII
// (punycode) form, as a browser would: full-width and other compatibility
// characters are folded (NFKC), and a trailing dot goes. IP addresses and
// "localhost" pass as they are.
func parseHost(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return "", false
		}
		s = u.Hostname()
	} else if ip := net.ParseIP(strings.Trim(s, "[]")); ip != nil {
		return ip.String(), true
	} else {
		s = hostPart(s)
	}
	s = strings.TrimSuffix(norm.NFKC.String(strings.ToLower(s)), ".")
	s = strings.NewReplacer("。", ".", "．", ".", "｡", ".").Replace(s)
	if s == "" || len(s) > 253 {
		return "", false
	}
	if ip := net.ParseIP(strings.Trim(s, "[]")); ip != nil {
		return ip.String(), true
	}
	ascii, err := hostToASCII(s)
	if err != nil || len(ascii) > 253 {
		return "", false
	}
	for _, label := range strings.Split(ascii, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return "", false
		}
		if strings.HasPrefix(label, "xn--") && !canonicalACE(label) {
			return "", false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z') {
				return "", false
			}
		}
	}
	if ascii != "localhost" && !strings.Contains(ascii, ".") {
		return "", false
	}
	return ascii, true
}

// canonicalACE reports whether an "xn--" label is one a browser could
// produce: it decodes, and its Unicode form folds and encodes back to it.
func canonicalACE(label string) bool {
	uni := hostToUnicode(label)
	if uni == label {
		return false
	}
	again, err := hostToASCII(norm.NFKC.String(strings.ToLower(uni)))
	return err == nil && again == label
}

// parsePhone keeps a phone number's digits. intl reports a number written
// with its country code ("+", or the "00" international prefix).
func parsePhone(s string) (digits string, intl bool, ok bool) {
	s = strings.TrimSpace(s)
	if rest, found := cutPrefixFold(s, "tel:"); found {
		s = rest
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case unicode.IsDigit(r): // other scripts' digits: ٠١٢ ...
			b.WriteRune('0' + rune(digitValue(r)))
		case r == '+' && i == 0:
			intl = true
		case strings.ContainsRune(" ()-./\u00a0", r):
		default:
			return "", false, false
		}
	}
	digits = b.String()
	if !intl && strings.HasPrefix(digits, "00") {
		digits, intl = digits[2:], true
	}
	if len(digits) < 7 || len(digits) > 15 {
		return "", false, false
	}
	return digits, intl, true
}

// digitValue is the value of a decimal digit of any script.
func digitValue(r rune) int {
	for _, z := range []rune{0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0xFF10} {
		if r >= z && r <= z+9 {
			return int(r - z)
		}
	}
	return 0
}

// Hosts whose links name a Telegram or X account.
var (
	telegramHosts = []string{"t.me", "telegram.me", "telegram.dog"}
	xHosts        = []string{"x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com"}
)

// parseHandle reads "@name", "name", "t.me/name" or "x.com/name" (with or
// without https:// and www.) and returns the name as typed. The name may
// hold characters that no real handle can: that is how fakes look.
func parseHandle(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if h, _, ok := handleFromLink(s); ok {
		return h, true
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "@"), "＠")
	return s, handleChars(s)
}

// handleChars reports whether s could be shown as an account name: letters
// of any script, digits, "_" and ".", and the invisible characters fakes
// hide in names.
func handleChars(s string) bool {
	if s == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || isZeroWidth(r)) {
			return false
		}
	}
	return true
}

// handleFromLink reads a Telegram or X link and says which it is.
func handleFromLink(s string) (handle, kind string, ok bool) {
	lower := strings.ToLower(s)
	if rest, found := strings.CutPrefix(lower, "tg://resolve?"); found {
		q, err := url.ParseQuery(s[len(s)-len(rest):])
		if err != nil || !handleChars(q.Get("domain")) {
			return "", "", false
		}
		return q.Get("domain"), ChannelTelegram, true
	}
	if !strings.Contains(lower, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return "", "", false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	switch {
	case slices.Contains(telegramHosts, host):
		kind = ChannelTelegram
	case slices.Contains(xHosts, host):
		kind = ChannelXHandle
	default:
		return "", "", false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if kind == ChannelTelegram && len(parts) > 1 && parts[0] == "s" {
		parts = parts[1:] // t.me/s/name: the channel's web preview
	}
	name := strings.TrimPrefix(parts[0], "@")
	if strings.HasPrefix(name, "+") || strings.HasPrefix(name, "joinchat") || !handleChars(name) {
		return "", "", false // an invite link names no account
	}
	return name, kind, true
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
