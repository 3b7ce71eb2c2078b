// Package server wires the domain packages into one HTTP server: the route
// table with each route's permission, middleware, health, metrics, pages,
// and the start-up and shutdown of the database, bus and relay.
package server

import (
	"fmt"
	"net/netip"
	"strings"
)

// Config is everything Groundcrew needs to start.
type Config struct {
	Addr           string         // listen address, e.g. 127.0.0.1:8080
	DataDir        string         // SQLite file, embedded NATS store
	Database       string         // "" (SQLite in DataDir) or postgres://...
	NATS           string         // "" (embedded) or nats://...
	TrustedProxies []netip.Prefix // X-Forwarded-For is believed only from these
	AdminEmail     string         // first admin, created when there are no agents
	AdminPassword  string         // optional; generated and printed otherwise
	AdminToken     string         // optional; an API token for the first admin
	Demo           bool           // seed demo teams, agents and tickets on an empty database
	PublicURL      string         // how users reach the server; defaults from Addr

	// IdentitySecret is shared with the exchange, which signs its users'
	// identity tokens with it. Empty: generated once and kept in the database.
	IdentitySecret string
	// ExchangeURL selects the exchange's HTTP adapter; empty runs the sandbox exchange.
	ExchangeURL    string
	ExchangeKeyID  string
	ExchangeSecret string
	// ChainNodes maps network ids to node URLs, e.g. "bitcoin=http://u:p@127.0.0.1:8332".
	// Networks without a node use the sandbox chain when the sandbox exchange runs.
	ChainNodes map[string]string
	// NetworksFile overrides or extends the built-in network registry.
	NetworksFile string
	// AllowedDomains are the domains agents' and bots' messages may link to,
	// besides PublicURL's host.
	AllowedDomains []string
	// RecoveryFee is quoted to customers whose deposit needs a recovery appeal.
	RecoveryFee string
}

// Validate checks c and fills in defaults.
func (c *Config) Validate() error {
	if c.Addr == "" {
		c.Addr = "127.0.0.1:8080"
	}
	if c.DataDir == "" {
		c.DataDir = "./groundcrew-data"
	}
	if c.AdminEmail == "" {
		c.AdminEmail = "admin@groundcrew.local"
	}
	if c.AdminPassword != "" && len(c.AdminPassword) < 12 {
		return fmt.Errorf("config: GROUNDCREW_ADMIN_PASSWORD must be at least 12 characters")
	}
	if c.AdminToken != "" && len(c.AdminToken) < 24 {
		return fmt.Errorf("config: GROUNDCREW_ADMIN_TOKEN must be at least 24 characters")
	}
	if c.ExchangeURL != "" && (c.ExchangeKeyID == "" || c.ExchangeSecret == "") {
		return fmt.Errorf("config: GROUNDCREW_EXCHANGE_URL needs GROUNDCREW_EXCHANGE_KEY_ID and GROUNDCREW_EXCHANGE_SECRET")
	}
	if c.RecoveryFee == "" {
		c.RecoveryFee = "25 USDT"
	}
	if c.PublicURL == "" {
		host := c.Addr
		if strings.HasPrefix(host, ":") {
			host = "127.0.0.1" + host
		}
		c.PublicURL = "http://" + host
	}
	return nil
}

// ParseChainNodes parses "network=url,network=url".
func ParseChainNodes(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		network, url, ok := strings.Cut(part, "=")
		if !ok || network == "" || !(strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "https://")) {
			return nil, fmt.Errorf("chain node %q: want network=http(s)://host:port", part)
		}
		out[network] = url
	}
	return out, nil
}

// ParseProxies parses a comma-separated list of IPs and CIDR prefixes.
func ParseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			addr, err := netip.ParseAddr(part)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q: %w", part, err)
			}
			out = append(out, netip.PrefixFrom(addr, addr.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: %w", part, err)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
