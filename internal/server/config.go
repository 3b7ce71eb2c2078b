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
	if c.PublicURL == "" {
		host := c.Addr
		if strings.HasPrefix(host, ":") {
			host = "127.0.0.1" + host
		}
		c.PublicURL = "http://" + host
	}
	return nil
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
