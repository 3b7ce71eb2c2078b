// Package egress decides where Groundcrew may send a request an admin
// configured (a webhook subscription, an automation rule's webhook): by
// default only public addresses, so that a saved URL cannot reach the
// installation's own network or the cloud metadata service (SSRF). Both
// senders use these functions on save and again when they dial.
package egress

import (
	"net"
	"net/netip"
	"strings"
	"syscall"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// CheckHost refuses a URL host that is a local name, an address that is
// not public, or a numeric form some resolvers still read as an address
// (010.0.0.1, 2130706433, 0x7f000001), unless allowPrivate. A public name
// passes: what it resolves to is checked when dialling (Control).
func CheckHost(host string, allowPrivate bool) error {
	if allowPrivate {
		return nil
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || strings.HasSuffix(host, ".local") || strings.HasSuffix(host, ".internal") {
		return errs.E(errs.Invalid, "url: %s is a local name; webhooks go to public addresses", host)
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if !Public(ip) {
			return errs.E(errs.Invalid, "url: %s is not a public address; webhooks go to public addresses", host)
		}
		return nil
	}
	if strings.Trim(host, "0123456789.") == "" || strings.HasPrefix(host, "0x") {
		return errs.E(errs.Invalid, "url: %s is not a host name or a dotted address", host)
	}
	return nil
}

// Public reports whether ip is an address on the public internet.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsMulticast() || ip.IsUnspecified() || ip.IsInterfaceLocalMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// nonPublic are ranges the net/netip predicates leave out.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, broadcast
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64 (can reach IPv4 private space)
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("fec0::/10"),      // site-local (deprecated)
	netip.MustParsePrefix("::ffff:0:0/96"),  // mapped, checked after Unmap anyway
}

// Control is a net.Dialer's Control: it refuses, at connect time, an
// address that is not public unless allowPrivate() says so. It is the
// check CheckHost cannot make for names, and it holds after a DNS answer
// changes.
func Control(allowPrivate func() bool) func(network, address string, _ syscall.RawConn) error {
	return func(_, address string, _ syscall.RawConn) error {
		if allowPrivate() {
			return nil
		}
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		ip, err := netip.ParseAddr(host)
		if err != nil || !Public(ip) {
			return errs.E(errs.Forbidden, "webhook target %s is not a public address", host)
		}
		return nil
	}
}
