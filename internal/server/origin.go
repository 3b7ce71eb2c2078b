package server

import (
	"net/http"

	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/workspace"
)

// sameOriginOnly refuses cross-site requests to a public sign-in route
// (login CSRF); the sign-in pages check the same in the workspace.
func (a *App) sameOriginOnly(next web.Handler) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !web.FromOurSite(r, a.cfg.PublicURL) {
			return workspace.ErrCrossSite
		}
		return next(w, r)
	}
}
