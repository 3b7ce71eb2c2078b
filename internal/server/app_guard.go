package server

import (
	"net/url"

	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
)

// newGuardScreen is the guard in front of the ticket store, with the
// installation's own domains (and its public address) as allowed links.
func newGuardScreen(cfg Config) ticketguard.Screen {
	allowed := append([]string(nil), cfg.AllowedDomains...)
	if u, err := url.Parse(cfg.PublicURL); err == nil && u.Hostname() != "" {
		allowed = append(allowed, u.Hostname())
	}
	return ticketguard.New(allowed...)
}
