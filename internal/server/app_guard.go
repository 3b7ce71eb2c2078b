package server

import (
	"net/url"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/published"
	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
)

// newGuardScreen is the guard in front of the ticket store, with the
// installation's own domains (and its public address) as allowed links.
func newGuardScreen(cfg Config) ticketguard.Screen { return ticketguard.New(allowedDomains(cfg)...) }

// newPublishedScreen is the same guard in front of what admins write for
// customers outside a conversation (incidents, macros, articles).
func newPublishedScreen(cfg Config, log *audit.Log) *published.Screen {
	return published.New(log, allowedDomains(cfg)...)
}

// allowedDomains are the installation's own domains and its public
// address: links to them are the exchange's.
func allowedDomains(cfg Config) []string {
	allowed := append([]string(nil), cfg.AllowedDomains...)
	if u, err := url.Parse(cfg.PublicURL); err == nil && u.Hostname() != "" {
		allowed = append(allowed, u.Hostname())
	}
	return allowed
}
