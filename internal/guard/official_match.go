package guard

import (
	"net"
	"strings"
	"unicode/utf8"
)

// Verdicts of a verification.
const (
	VerdictOfficial    = "official"
	VerdictNotOfficial = "not_official"
	VerdictLookalike   = "lookalike" // not official, and imitating something that is
)

// Verdicts lists every verdict.
var Verdicts = []string{VerdictOfficial, VerdictNotOfficial, VerdictLookalike}

// What a verification can be about.
const (
	TargetAgent    = "agent"    // an agent's verification code
	TargetEmail    = "email"    // an e-mail address
	TargetPhone    = "phone"    // a phone number
	TargetTelegram = "telegram" // a Telegram account, from a t.me link
	TargetXHandle  = "x_handle" // an X account, from an x.com link
	TargetHandle   = "handle"   // "@name": a Telegram or an X account
	TargetURL      = "url"      // a link or a domain
)

// Targets lists every kind of verification target.
var Targets = []string{TargetAgent, TargetEmail, TargetPhone, TargetTelegram, TargetXHandle, TargetHandle, TargetURL}

// outcome is how a target compares with the registry.
type outcome struct {
	verdict  string
	channel  *Channel // the official channel it is, or imitates
	imitates string   // what it imitates, as customers see it
	detail   []phrase // why, when there is more to say
}

// match compares a target (anything but an agent code) with the active
// channels: an exact match is official; one that imitates an official
// channel is a look-alike; anything else is not official.
func match(t target, chans []Channel) outcome {
	switch t.kind {
	case TargetEmail:
		return matchEmail(t, chans)
	case TargetURL:
		return matchHost(t, chans)
	case TargetPhone:
		return matchPhone(t, chans)
	}
	return matchHandle(t, chans)
}

func matchEmail(t target, chans []Channel) outcome {
	addr := t.local + "@" + t.domain
	for i, c := range chans {
		if c.Kind == ChannelEmail && c.normalized == addr {
			return outcome{verdict: VerdictOfficial, channel: &chans[i]}
		}
	}
	for i, c := range chans {
		if c.Kind == ChannelEmailDomain && domainUnder(t.domain, c.normalized) {
			return outcome{verdict: VerdictOfficial, channel: &chans[i],
				detail: []phrase{say("v_email_domain_ours", "domain", hostToUnicode(c.normalized))}}
		}
	}
	// The same address at a domain that imitates ours is the usual fake.
	for i, c := range chans {
		if c.Kind != ChannelEmail {
			continue
		}
		local, domain, _ := strings.Cut(c.normalized, "@")
		if hostLooksLike(t.domain, domain) && skeleton(t.local) == skeleton(local) {
			return outcome{verdict: VerdictLookalike, channel: &chans[i], imitates: c.Value, detail: []phrase{hostDetail(t.domain, domain)}}
		}
	}
	for i, c := range chans {
		domain := officialDomain(c)
		if domain == "" {
			continue
		}
		if domain == t.domain {
			return outcome{verdict: VerdictNotOfficial,
				detail: []phrase{say("v_email_our_domain", "domain", hostToUnicode(domain))}}
		}
		if hostLooksLike(t.domain, domain) {
			imitates := c.Value
			if c.Kind != ChannelEmail {
				imitates = t.local + "@" + hostToUnicode(domain)
			}
			return outcome{verdict: VerdictLookalike, channel: &chans[i], imitates: imitates, detail: []phrase{hostDetail(t.domain, domain)}}
		}
	}
	return outcome{verdict: VerdictNotOfficial}
}

func matchHost(t target, chans []Channel) outcome {
	for i, c := range chans {
		if c.Kind == ChannelURLDomain && domainUnder(t.host, c.normalized) {
			return outcome{verdict: VerdictOfficial, channel: &chans[i], detail: []phrase{t.note}}
		}
	}
	for i, c := range chans {
		domain := officialDomain(c)
		if domain != "" && domain != t.host && hostLooksLike(t.host, domain) {
			return outcome{verdict: VerdictLookalike, channel: &chans[i], imitates: hostToUnicode(domain), detail: []phrase{t.note, hostDetail(t.host, domain)}}
		}
	}
	return outcome{verdict: VerdictNotOfficial, detail: []phrase{t.note}}
}

func matchPhone(t target, chans []Channel) outcome {
	for i, c := range chans {
		if c.Kind != ChannelPhone {
			continue
		}
		official := strings.TrimPrefix(c.normalized, "+")
		if t.digits == official || !t.intl && len(t.digits) >= 9 && strings.HasSuffix(official, t.digits) {
			return outcome{verdict: VerdictOfficial, channel: &chans[i]}
		}
	}
	for i, c := range chans {
		if c.Kind != ChannelPhone {
			continue
		}
		official := strings.TrimPrefix(c.normalized, "+")
		if !t.intl && len(t.digits) < len(official) {
			official = official[len(official)-len(t.digits):] // compare a national number with the end of ours
		}
		if withinOneEdit(t.digits, official) {
			return outcome{verdict: VerdictLookalike, channel: &chans[i], imitates: c.Value,
				detail: []phrase{say("v_phone_one_digit")}}
		}
	}
	return outcome{verdict: VerdictNotOfficial}
}

func matchHandle(t target, chans []Channel) outcome {
	kinds := t.handleKinds()
	lower := strings.ToLower(t.handle)
	for i, c := range chans {
		if inKinds(c.Kind, kinds) && c.normalized == lower && validHandle(c.Kind, t.handle) {
			return outcome{verdict: VerdictOfficial, channel: &chans[i]}
		}
	}
	var first *Channel
	for i, c := range chans {
		if first == nil && inKinds(c.Kind, kinds) {
			first = &chans[i]
		}
	}
	// Look-alikes of our accounts on the same service first, then of our
	// accounts on the other one (a Telegram account named like our X one).
	for _, sameService := range []bool{true, false} {
		for i, c := range chans {
			if c.Kind != ChannelTelegram && c.Kind != ChannelXHandle || inKinds(c.Kind, kinds) != sameService {
				continue
			}
			if handleLooksLike(t.handle, c.normalized) {
				var detail phrase
				if !isASCII(t.handle) || strings.ContainsFunc(t.handle, isZeroWidth) {
					detail = say("v_handle_script")
				} else if !sameService {
					detail = say("v_handle_other_service", "service", serviceName(c.Kind))
				}
				return outcome{verdict: VerdictLookalike, channel: &chans[i], imitates: c.Value, detail: []phrase{detail}}
			}
		}
	}
	// A name that carries our brand ("GroundcrewHelpDesk") is a fake too.
	hs := handleSkeleton(t.handle)
	for _, brand := range brands(chans) {
		if strings.Contains(hs, brand) {
			o := outcome{verdict: VerdictLookalike, detail: []phrase{say("v_brand")}}
			if first != nil {
				o.channel, o.imitates = first, first.Value
				o.detail = append(o.detail, say("v_brand_ours", "kind", first.Kind, "official", first.Value))
			}
			return o
		}
	}
	return outcome{verdict: VerdictNotOfficial}
}

func inKinds(kind string, kinds []string) bool {
	for _, k := range kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// domainUnder reports whether host is domain or one of its subdomains.
func domainUnder(host, domain string) bool {
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// officialDomain is the domain a channel stands for, if it names one that
// a look-alike could imitate (not an IP address or "localhost").
func officialDomain(c Channel) string {
	var d string
	switch c.Kind {
	case ChannelEmailDomain, ChannelURLDomain:
		d = c.normalized
	case ChannelEmail:
		_, d, _ = strings.Cut(c.normalized, "@")
	}
	if d == "localhost" || net.ParseIP(d) != nil {
		return ""
	}
	return d
}

// brands are the names our domains carry ("groundcrew" for
// groundcrew.example), long enough not to turn up by chance.
func brands(chans []Channel) []string {
	var out []string
	for _, c := range chans {
		d := officialDomain(c)
		if d == "" {
			continue
		}
		label := brandLabel(skeleton(hostToUnicode(d)))
		if utf8.RuneCountInString(label) >= 4 && !inKinds(label, out) {
			out = append(out, label)
		}
	}
	return out
}

// brandLabel is the label before the top-level domain.
func brandLabel(host string) string {
	labels := strings.Split(host, ".")
	if len(labels) >= 2 {
		return labels[len(labels)-2]
	}
	return host
}

// hostLooksLike reports whether host (ASCII form) imitates official (ASCII
// form): the same after folding look-alike characters, one letter off, our
// domain inside another ("groundcrew.example.login-verify.io"), or our
// name in another domain ("groundcrew-support.com"). A subdomain of
// official itself is not a look-alike; callers check that first.
func hostLooksLike(host, official string) bool {
	if domainUnder(host, official) {
		return false
	}
	hs, os := skeleton(hostToUnicode(host)), skeleton(hostToUnicode(official))
	switch {
	case hs == os, strings.HasSuffix(hs, "."+os), strings.Contains(hs, os):
		return true
	case withinOneEdit(registrable(hs), registrable(os)):
		return true
	}
	label := brandLabel(os)
	return utf8.RuneCountInString(label) >= 4 && strings.Contains(hs, label)
}

// hostDetail explains an internationalized look-alike host.
func hostDetail(host, official string) phrase {
	uni := hostToUnicode(host)
	if uni != host {
		return say("v_host_script", "name", uni, "ascii", host, "official", hostToUnicode(official))
	}
	return phrase{}
}

// handleSkeleton folds a handle to the letters it looks like and drops
// the separators that fakes add ("Groundcrew_Exchange.Support").
func handleSkeleton(h string) string {
	return strings.NewReplacer("_", "", ".", "", "-", "").Replace(skeleton(strings.TrimPrefix(h, "@")))
}

// handleLooksLike reports whether handle imitates official: the same
// after folding, official with something added, or a letter or two off.
func handleLooksLike(handle, official string) bool {
	hs, os := handleSkeleton(handle), handleSkeleton(official)
	if hs == "" || os == "" {
		return false
	}
	if hs == os || len(os) >= 5 && strings.Contains(hs, os) {
		return true
	}
	tolerance := 1
	if len(os) > 8 {
		tolerance = 2
	}
	return editDistance(hs, os, tolerance) <= tolerance
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours, by rune),
// or limit+1 as soon as it must be more than limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit+1)
}
