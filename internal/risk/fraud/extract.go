package fraud

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/chain"
	"golang.org/x/net/idna"
)

// Entity kinds.
const (
	KindAddress  = "address"  // a blockchain address, valid on some network of the registry
	KindTxID     = "txid"     // a transaction ID
	KindDomain   = "domain"   // a web site, from a link or a bare domain name
	KindPhone    = "phone"    // an international phone number, digits with "+"
	KindTelegram = "telegram" // a Telegram account, from a t.me link
	KindXHandle  = "x_handle" // an X account, from an x.com or twitter.com link
	KindHandle   = "handle"   // "@name": Telegram or X, the text does not say
)

// Kinds lists every entity kind.
var Kinds = []string{KindAddress, KindTxID, KindDomain, KindPhone, KindTelegram, KindXHandle, KindHandle}

// Entity is one thing a text names, in normalised form (so that two
// spellings of it are one entity).
type Entity struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// Identifier says whether a string is an address or a TxID; *chain.Registry.
type Identifier interface {
	Identify(text string) chain.Identification
}

// Limits on what one text contributes, so that a pasted log costs little.
const (
	maxEntities   = 40
	maxTokens     = 600
	minChainToken = 25 // shorter strings are neither TxIDs nor addresses
	maxChainToken = 130
	maxTextBytes  = 64 << 10
)

// fileExtensions are "domains" that are file names (screenshot.png).
var fileExtensions = []string{"png", "jpg", "jpeg", "gif", "webp", "heic", "pdf", "txt", "doc", "docx", "xls", "xlsx",
	"csv", "zip", "rar", "mp4", "mov", "json", "html", "htm", "log", "apk", "exe", "js", "css", "md"}

// socialHosts are where handles live: a link there is an account, not a site.
var socialHosts = map[string]string{"t.me": KindTelegram, "telegram.me": KindTelegram, "telegram.dog": KindTelegram,
	"x.com": KindXHandle, "twitter.com": KindXHandle, "mobile.twitter.com": KindXHandle, "www.x.com": KindXHandle, "www.twitter.com": KindXHandle}

var (
	// phonePattern: "+" and 8 to 15 digits, with the spaces, dashes, dots
	// and brackets people write between them. Numbers without "+" are
	// left alone: they are as often amounts, order numbers or UIDs.
	phonePattern = regexp.MustCompile(`\+[0-9][0-9 ().\-]{6,22}[0-9]`)
	handleChars  = regexp.MustCompile(`^[A-Za-z0-9_]{4,32}$`)
	labelPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	tldPattern   = regexp.MustCompile(`^([a-z]{2,24}|xn--[a-z0-9-]{1,59})$`)
)

// Extract finds the entities of a customer's text (already redacted by
// the guard: a secret is a marker by then, never an entity). It returns
// each entity once, in the order the text names them.
func Extract(text string, ids Identifier) []Entity {
	if len(text) > maxTextBytes {
		text = text[:maxTextBytes]
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, " ")
	}
	var out []Entity
	seen := map[Entity]bool{}
	add := func(e Entity) {
		if e.Value != "" && !seen[e] && len(out) < maxEntities {
			seen[e] = true
			out = append(out, e)
		}
	}
	for _, m := range phonePattern.FindAllString(text, maxEntities) {
		if p, ok := normalisePhone(m); ok {
			add(Entity{KindPhone, p})
		}
	}
	for i, tok := range strings.FieldsFunc(text, isSeparator) {
		if i >= maxTokens || len(out) >= maxEntities {
			break
		}
		if e, ok := tokenEntity(tok, ids); ok {
			add(e)
			continue
		}
		// "to:0x…" or "地址:TX…": a label glued to the value. (A payment
		// link, "bitcoin:bc1…", was read whole above.)
		if strings.Contains(tok, ":") && !strings.Contains(tok, "://") {
			for _, part := range strings.Split(tok, ":") {
				if e, ok := tokenEntity(part, ids); ok {
					add(e)
				}
			}
		}
	}
	return out
}

// tokenEntity reads one word of the text as an entity.
func tokenEntity(tok string, ids Identifier) (Entity, bool) {
	tok = strings.Trim(tok, ".,;:!?…\"'`*")
	if tok == "" {
		return Entity{}, false
	}
	if tok[0] == '@' {
		h := strings.TrimRight(tok[1:], ".")
		if handleChars.MatchString(h) {
			return Entity{KindHandle, strings.ToLower(h)}, true
		}
		return Entity{}, false
	}
	if strings.Contains(tok, "@") { // an e-mail address: the customer's own, as often as not
		return Entity{}, false
	}
	// A payment link's parameters ("?amount=0.1") are not part of the address.
	ct, _, _ := strings.Cut(tok, "?")
	if len(ct) >= minChainToken && len(ct) <= maxChainToken && hasDigit(ct) && !strings.ContainsAny(ct, "/.") {
		if e, ok := chainEntity(ct, ids); ok {
			return e, true
		}
	}
	return linkEntity(tok)
}

// chainEntity asks the chain registry what tok is. A string that could be
// a private key is not an entity (the guard redacts those anyway).
func chainEntity(tok string, ids Identifier) (Entity, bool) {
	id := ids.Identify(tok)
	for _, w := range id.Warnings {
		if w.Code == chain.WarnSecret {
			return Entity{}, false
		}
	}
	switch {
	case len(id.Addresses) > 0:
		return Entity{KindAddress, normaliseChain(id.InputCleaned)}, true
	case len(id.TxIDs) > 0:
		return Entity{KindTxID, normaliseChain(id.InputCleaned)}, true
	}
	return Entity{}, false
}

// linkEntity reads a link or a bare domain name: a site, or an account on
// Telegram or X.
func linkEntity(tok string) (Entity, bool) {
	raw := tok
	if !strings.Contains(raw, "://") {
		if !strings.Contains(raw, ".") {
			return Entity{}, false
		}
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return Entity{}, false
	}
	host, ok := normaliseHost(u.Hostname())
	if !ok {
		return Entity{}, false
	}
	if kind, social := socialHosts[host]; social {
		name, _, _ := strings.Cut(strings.Trim(u.Path, "/"), "/")
		name = strings.TrimPrefix(name, "@")
		if !handleChars.MatchString(name) {
			return Entity{}, false
		}
		return Entity{kind, strings.ToLower(name)}, true
	}
	return Entity{KindDomain, host}, true
}

// normaliseHost returns host in lower-case ASCII (punycode for an
// internationalised name, which is how a look-alike shows its real
// letters), without "www."; ok is false for what is no public domain name.
func normaliseHost(host string) (string, bool) {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" || len(host) > 253 {
		return "", false
	}
	ascii, err := idna.Lookup.ToASCII(host)
	if err != nil {
		return "", false
	}
	ascii = strings.TrimPrefix(ascii, "www.")
	labels := strings.Split(ascii, ".")
	if len(labels) < 2 {
		return "", false
	}
	for _, l := range labels {
		if !labelPattern.MatchString(l) {
			return "", false
		}
	}
	tld := labels[len(labels)-1]
	if !tldPattern.MatchString(tld) || slices.Contains(fileExtensions, tld) {
		return "", false
	}
	return ascii, true
}

// normalisePhone keeps "+" and the digits; ok is false outside 8 to 15 digits.
func normalisePhone(s string) (string, bool) {
	var b strings.Builder
	b.WriteByte('+')
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	n := b.Len() - 1
	return b.String(), n >= 8 && n <= 15
}

// normaliseChain makes the spellings of one value equal: hex without its
// 0x and in lower case, single-case strings (bech32, cashaddr) in lower
// case; mixed-case base58 is case-sensitive and stays as it is.
func normaliseChain(s string) string {
	if h := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"); h != "" && isHex(h) {
		if len(h) == 40 { // an EVM address keeps its 0x: that is how people read it
			return "0x" + strings.ToLower(h)
		}
		return strings.ToLower(h)
	}
	if strings.ToLower(s) == s || strings.ToUpper(s) == s {
		return strings.ToLower(s)
	}
	return s
}

func isSeparator(r rune) bool {
	if unicode.IsSpace(r) {
		return true
	}
	// Chinese, Japanese, Korean and Thai are written without spaces, and
	// no address, TxID or scam domain worth tracking is in their letters.
	if r >= 0x0E00 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai) || unicode.In(r, unicode.Punct) && r >= 0x3000) {
		return true
	}
	switch r {
	case ',', ';', '(', ')', '[', ']', '{', '}', '<', '>', '"', '\'', '`', '|', '，', '、', '。', '：', '（', '）', '「', '」', '«', '»':
		return true
	}
	return false
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0
}

func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
