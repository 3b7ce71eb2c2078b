package server

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/chat/widget"
	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/ratelimit"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/status"
)

// statusInterval is how often the maintenance timer and the automatic feed
// (chain tips, the exchange's paused assets) run.
const statusInterval = 30 * time.Second

// openStatus wires the status page, incident mode and their banners in the
// widget and the help center (after openCrypto, openKB and openWidget).
func (a *App) openStatus() {
	var networks []status.Network
	for _, n := range a.registry.Networks() {
		sn := status.Network{ID: n.ID, Name: n.Name, Symbol: n.Symbol}
		if n.TokenStandard != "" {
			sn.Aliases = []string{n.TokenStandard}
		}
		networks = append(networks, sn)
	}
	a.status = status.New(status.Config{DB: a.db, Audit: a.audit, Tickets: a.tickets.Store, Networks: networks,
		Log: a.log, PublicURL: strings.TrimRight(a.cfg.PublicURL, "/"), Screen: a.published, LinkKeys: linkKeys(a.keys, "status.unsubscribe-link")})
	a.statusPages = &status.Pages{Status: a.status, ClientIP: requestIP,
		// Subscriptions: five a minute per address.
		Subscribe: ratelimit.New(ratelimit.Rule{Rate: 5.0 / 60, Burst: 5}, time.Now, 100_000)}
	a.statusHTTP = &status.HTTP{Status: a.status, AuthorOf: authorOf}
	a.help.Status = statusForHelp{a.status}
}

// widgetBanner is the open incident's notice for the chat widget's frame.
func (a *App) widgetBanner(lang string) (widget.Banner, bool) {
	if a.status == nil {
		return widget.Banner{}, false
	}
	b, ok := a.status.BannerFor(lang)
	return widget.Banner{Title: b.Title, Text: b.Text, Href: b.Href}, ok
}

// statusForHelp shows the status page in the help center.
type statusForHelp struct{ s *status.Service }

func (h statusForHelp) Banner(lang string) (kb.Banner, bool) {
	b, ok := h.s.BannerFor(lang)
	return kb.Banner{Title: b.Title, Text: b.Text, Href: b.Href}, ok
}

func (h statusForHelp) Link(lang string) (string, string) { return h.s.Link(lang) }

// startStatus keeps this node's page current, starts incident mode's
// durable consumer, the maintenance timer and the automatic feed.
func (a *App) startStatus(ctx context.Context) error {
	if err := a.status.Start(ctx, a.bus); err != nil {
		return err
	}
	if err := a.status.StartIncidentMode(ctx, a.bus); err != nil {
		return err
	}
	w := &status.Watcher{Status: a.status, Now: a.db.Clock(), BlockTime: map[string]time.Duration{}}
	for _, n := range a.registry.Networks() {
		w.BlockTime[n.ID] = time.Duration(n.BlockTime * float64(time.Second))
	}
	for _, c := range a.diagnose.Diagnoser.Clients {
		if h, ok := c.(chain.HeadReader); ok {
			w.Clients = append(w.Clients, h)
		}
	}
	feed := &status.ExchangeFeed{Status: a.status, Exchange: a.exchange}
	// The exchange's paused assets are read once before the node serves, so
	// their automatic incidents exist from the first request on instead of
	// appearing (and taking the banner) a moment after an operator's.
	if err := feed.Check(ctx); err != nil {
		a.log.Warn("status: exchange feed", "err", err)
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		t := time.NewTicker(statusInterval)
		defer t.Stop()
		for {
			if err := a.status.Tick(ctx); err != nil && ctx.Err() == nil {
				a.log.Error("status: maintenance timer", "err", err)
			}
			w.Check(ctx)
			if err := feed.Check(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("status: exchange feed", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return nil
}

// depositIncident is the open incident a deposit's diagnosis cites: one on
// its network (and asset), or on deposits as a product.
func (a *App) depositIncident(res diagnose.Result) (status.Banner, bool) {
	if a.status == nil {
		return status.Banner{}, false
	}
	asset := ""
	if res.Transfer != nil {
		asset = res.Transfer.Asset
	}
	in, ok := a.status.OpenIncidentFor(res.Network, asset, "wallet_deposits")
	if !ok {
		return status.Banner{}, false
	}
	b := status.Banner{Title: in.Title(res.Language), Href: "/status?lang=" + res.Language + "#incident-" + strconv.FormatInt(in.ID, 10), State: in.Impact}
	if u, ok := in.Latest(); ok {
		b.Text = u.Body(res.Language)
	}
	return b, true
}

// linkKeys are the keyring's keys derived for purpose, the active key's
// first: links signed with it keep working while their key is configured.
func linkKeys(k *seal.Keyring, purpose string) [][]byte {
	var out [][]byte
	for _, d := range k.Derive(purpose) {
		out = append(out, d.Bytes)
	}
	return out
}
