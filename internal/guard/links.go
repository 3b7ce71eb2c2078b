package guard

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Links in outbound messages: every URL, "www." host and bare domain name
// must point at an allowed domain or one of its subdomains.

// Top-level domains that a bare "name.tld" must end in to count as a link
// (a scheme or "www." makes anything a link).
var linkTLDs = setOf(
	"com", "net", "org", "io", "app", "xyz", "info", "biz", "uk", "de", "fr", "ru", "cn", "jp", "kr",
	"br", "es", "pl", "tr", "vn", "th", "ua", "ar", "link", "site", "online", "top", "live", "pro",
	"finance", "exchange", "wallet", "support", "help", "page", "dev", "tech", "cc", "tv", "to", "ly", "gg", "ai",
	"club", "shop", "store", "cloud", "eu", "ch", "nl", "se", "fi", "dk", "cz", "pt", "gr", "ro",
	"hu", "sg", "hk", "tw", "ph", "ae", "sa", "eg", "mx", "cl", "pe", "ca", "au", "nz", "za", "ng", "ke",
	"network", "digital", "money", "cash", "trade", "market", "capital", "fund", "bank", "claims", "gift",
	"click", "buzz", "icu", "vip", "one", "world", "today", "space", "website", "tk", "ml", "ga", "cf", "gq", "ws",
	"su", "kz", "by", "ir", "pk", "bd", "lk", "np", "mn", "uz", "az", "ge", "il", "qa", "kw", "om",
)

type link struct {
	start, end int
	host       string
}

// findLinks finds URLs with a scheme, "www." hosts and bare domain names.
func findLinks(text, lower string) []link {
	var out []link
	isDelim := func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("<>()[]{}\"'`|，。、「」（）【】《》！？；：", r)
	}
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		if isDelim(r) {
			i += size
			continue
		}
		j := i
		for j < len(lower) {
			r2, s2 := utf8.DecodeRuneInString(lower[j:])
			if isDelim(r2) {
				break
			}
			j += s2
		}
		chunk := lower[i:j]
		start, end := i, j
		i = j
		for end > start && strings.ContainsRune(".,;:!?", rune(lower[end-1])) {
			end--
		}
		chunk = lower[start:end]
		if h, ok := looseLinkHost(chunk); ok {
			out = append(out, link{start, end, h})
			continue
		}
		if strings.Contains(chunk, "@") && !strings.Contains(chunk, "://") {
			continue // an e-mail address, not a link
		}
		var host string
		switch {
		case strings.Contains(chunk, "://"):
			k := strings.Index(chunk, "://")
			start += k - schemeLen(chunk[:k])
			u, err := url.Parse(text[start:end])
			if err != nil || u.Host == "" {
				host = hostPart(chunk[k+3:])
			} else {
				host = strings.ToLower(u.Hostname())
			}
		case strings.HasPrefix(chunk, "www."):
			host = hostPart(chunk)
		default:
			h := hostPart(chunk)
			if !looksLikeDomain(h, strings.ContainsAny(chunk, "/?#")) {
				continue
			}
			host = h
		}
		host = strings.TrimSuffix(host, ".")
		if host != "" {
			out = append(out, link{start, end, host})
		}
	}
	return out
}

// looseLinkHost is the host of a link written without "://" that a
// browser still follows to that host: protocol-relative ("//host/x", also
// with backslashes) and a web scheme with fewer slashes ("http:/host",
// "https:host"), which browsers repair. Markdown and HTML articles render
// both as live links, so the allow-list must see them.
func looseLinkHost(chunk string) (string, bool) {
	rest, ok := "", false
	switch {
	case strings.HasPrefix(chunk, "//"), strings.HasPrefix(chunk, `\\`), strings.HasPrefix(chunk, `/\`), strings.HasPrefix(chunk, `\/`):
		rest, ok = chunk, true
	default:
		scheme, after, found := strings.Cut(chunk, ":")
		if found && !strings.HasPrefix(after, "//") && webSchemes[scheme] {
			rest, ok = after, true
		}
	}
	if !ok {
		return "", false
	}
	rest = strings.TrimLeft(rest, `/\`)
	if k := strings.IndexByte(rest, '\\'); k >= 0 {
		rest = rest[:k]
	}
	host := strings.TrimSuffix(hostPart(rest), ".")
	// One label ("//note") is a comment or a path, not another site.
	return host, strings.Contains(host, ".")
}

// The schemes whose missing slashes browsers put back.
var webSchemes = setOf("http", "https", "ws", "wss", "ftp")

// schemeLen is the length of the scheme letters just before "://".
func schemeLen(s string) int {
	n := 0
	for n < len(s) && isASCIIWordByte(s[len(s)-1-n]) {
		n++
	}
	return n
}

func hostPart(s string) string {
	if k := strings.IndexAny(s, "/?#"); k >= 0 {
		s = s[:k]
	}
	if k := strings.LastIndexByte(s, '@'); k >= 0 {
		s = s[k+1:]
	}
	if k := strings.LastIndexByte(s, ':'); k >= 0 && !strings.Contains(s[k:], "]") {
		s = s[:k]
	}
	return s
}

func looksLikeDomain(h string, hasPath bool) bool {
	labels := strings.Split(h, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !(r == '-' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || r >= 0x80 && (unicode.IsLetter(r) || unicode.IsMark(r))) {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	switch {
	case linkTLDs[tld], idnTLDs[tld], strings.HasPrefix(tld, "xn--"):
		return true
	case wordTLDs[tld]:
		return hasPath
	}
	return false
}

// Country domains that are also short words ("hi.my", "log.in"): a bare
// name in them counts as a link only with a path after it.
var wordTLDs = setOf("my", "in", "it", "to", "me", "at", "no", "be", "am", "id", "is", "so", "do", "us", "as", "co")

var idnTLDs = setOf("рф", "укр", "бел", "рус", "онлайн", "сайт", "орг", "ком", "中国", "中國", "香港", "台湾", "台灣", "公司",
	"网络", "網絡", "한국", "ไทย", "مصر", "السعودية", "امارات")

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func badLinks(text, lower string, allowed []string) []Violation {
	links := findLinks(text, lower)
	if len(links) == 0 {
		return nil
	}
	allow := make([]string, 0, len(allowed))
	for _, a := range allowed {
		a = strings.TrimSuffix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(a)), "*."), ".")
		if a == "" {
			continue
		}
		if ascii, err := hostToASCII(norm.NFKC.String(a)); err == nil {
			a = ascii
		}
		allow = append(allow, a)
	}
	var out []Violation
	for _, l := range links {
		host := norm.NFKC.String(l.host)
		ascii, err := hostToASCII(host)
		if err != nil {
			ascii = host
		}
		if domainAllowed(ascii, allow) {
			continue
		}
		out = append(out, Violation{Kind: ViolationLinkNotAllowed, Detail: linkDetail(ascii, allow), Start: l.start, End: l.end})
	}
	return out
}

func domainAllowed(host string, allow []string) bool {
	for _, a := range allow {
		if host == a || strings.HasSuffix(host, "."+a) {
			return true
		}
	}
	return false
}

func linkDetail(ascii string, allow []string) string {
	uni := hostToUnicode(ascii)
	var b strings.Builder
	if uni != ascii {
		fmt.Fprintf(&b, "The link goes to %q (an internationalized domain, really %q), which is not on the allow-list.", uni, ascii)
	} else {
		fmt.Fprintf(&b, "The link goes to %q, which is not on the allow-list.", ascii)
	}
	if like := lookalike(uni, allow); like != "" {
		fmt.Fprintf(&b, " It imitates %q: likely phishing.", like)
	}
	if len(allow) == 0 {
		b.WriteString(" No domains are allowed for links.")
	}
	return b.String()
}

// lookalike returns the allowed domain that host imitates: the same
// after folding look-alike characters, one letter off, or the allowed
// name inside another domain ("binance.com.login-verify.io").
func lookalike(host string, allow []string) string {
	hs := skeleton(host)
	for _, a := range allow {
		as := skeleton(a)
		switch {
		case hs == as || strings.HasSuffix(hs, "."+as):
			return a
		case strings.Contains(hs, as) || strings.Contains(hs, strings.TrimSuffix(as, tldOf(as))):
			return a
		case withinOneEdit(registrable(hs), registrable(as)):
			return a
		}
	}
	return ""
}

func tldOf(h string) string {
	if k := strings.LastIndexByte(h, '.'); k >= 0 {
		return h[k:]
	}
	return ""
}

func registrable(h string) string {
	labels := strings.Split(h, ".")
	if len(labels) >= 2 {
		return labels[len(labels)-2] + "." + labels[len(labels)-1]
	}
	return h
}

// skeleton folds a host name to the letters it looks like: accents off,
// Cyrillic and Greek look-alikes to Latin, 0 to o, 1 to l, rn to m.
func skeleton(h string) string {
	var b []byte
	latin := false
	for i := 0; i < len(h); {
		r, size := utf8.DecodeRuneInString(h[i:])
		b, latin = appendRuneKey(b, h[i:i+size], r, latin)
		i += size
	}
	s := string(b)
	s = strings.NewReplacer("0", "o", "1", "l", "rn", "m", "vv", "w", "ı", "i").Replace(s)
	return s
}
