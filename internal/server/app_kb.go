package server

import (
	"context"
	"net/http"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"

	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/ratelimit"
)

// openKB wires the knowledge base, its search and the help center.
func (a *App) openKB() {
	st := &kb.Store{DB: a.db, Screen: a.published, Audit: a.audit}
	a.kbSearch = kb.NewSearch(st, a.log)
	a.help = &kb.Help{Store: st, Search: a.kbSearch, ClientIP: requestIP, Log: a.log,
		// "Was this helpful?": ten answers a minute per address.
		Feedback: ratelimit.New(ratelimit.Rule{Rate: 10.0 / 60, Burst: 10}, time.Now, 100_000)}
	a.kbHTTP = &kb.HTTP{Store: st, Search: a.kbSearch, AuthorOf: authorOf}
}

// startKB builds this node's search index and keeps it current.
func (a *App) startKB(ctx context.Context) error { return a.kbSearch.Start(ctx, a.bus) }

// authorOf names the signed-in agent in an article's history.
func authorOf(r *http.Request) string {
	p, _ := auth.PrincipalFrom(r.Context())
	return p.Agent.Name
}
