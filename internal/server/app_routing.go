package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"

	"github.com/groundcrew/groundcrew/internal/routing"
)

// openRouting builds routing over the ticket store and the bus.
func (a *App) openRouting() {
	a.routing = routing.New(a.db, a.tickets.Store, a.bus, a.log)
	a.routing.Node = nodeName()
	a.routingHTTP = &routing.HTTP{Service: a.routing, ViewerOf: viewerOf, Visible: a.tickets.Store.Visible}
}

// startRouting starts routing's consumer, index and sweeps, and the
// workspace's routing stream.
func (a *App) startRouting(ctx context.Context) error {
	if err := a.routing.Start(ctx, a.bus); err != nil {
		return err
	}
	return a.workspace.StartRouting(ctx, a.bus.OnSignal)
}

// nodeName names this process among the nodes sharing the database.
func nodeName() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return host + "-" + hex.EncodeToString(b)
}
