package server

import (
	"cmp"
	"context"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/chat/widget"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/form"
)

// openWidget wires the chat widget's loader, frame and (in demo mode) the
// demo exchange page. It runs after openCrypto, which makes the identity
// signer and the sandbox's demo customers.
func (a *App) openWidget(ctx context.Context) error {
	cfg := widget.Config{Origins: a.cfg.WidgetOrigins, Demo: a.cfg.Demo, Log: a.log,
		Form:   func(ctx context.Context) ([]form.Field, error) { return a.forms.Store.On(ctx, form.Widget) },
		Banner: a.widgetBanner, HelpURL: a.cfg.PublicURL + "/help/"}
	if a.cfg.Demo {
		seen := map[string]bool{}
		for _, c := range a.demoCustomers {
			dc := widget.DemoCustomer{UserID: c.UserID, Name: c.Name, Scenario: c.Scenario}
			if u, err := a.exchange.User(ctx, c.UserID); err == nil {
				dc.Lang = u.Language
			}
			cfg.DemoCustomers = append(cfg.DemoCustomers, dc)
			seen[c.UserID] = true
		}
		// The sandbox users without a deposit scenario, such as Karim (Arabic,
		// frozen account), can chat too.
		for _, id := range []string{sandbox.UserMaria, sandbox.UserLiWei, sandbox.UserJordan, sandbox.UserAyse, sandbox.UserAn, sandbox.UserOlena, sandbox.UserKarim} {
			if u, err := a.exchange.User(ctx, id); err == nil && !seen[id] {
				scenario := "account " + string(u.State)
				cfg.DemoCustomers = append(cfg.DemoCustomers, widget.DemoCustomer{UserID: id, Name: u.Name, Scenario: scenario, Lang: u.Language})
			}
		}
		cfg.MintIdentity = a.mintDemoIdentity
	}
	w, err := widget.New(cfg)
	if err != nil {
		return err
	}
	a.widget = w
	return nil
}

// mintDemoIdentity signs a demo customer's identity JWT with the
// installation's identity secret, as the exchange's back-end does for its
// signed-in users (docs/chat-protocol.md, Identity): without a jti, so for
// the widget's short life (the installation's, chat.DefaultTokenLife
// unless set) only; each page load mints one, and the widget fetches the
// next from /demo/exchange/token before it expires.
func (a *App) mintDemoIdentity(userID, name string) (string, error) {
	now := time.Now()
	life := cmp.Or(a.cfg.WidgetTokenLife, chat.DefaultTokenLife)
	claims := jwt.MapClaims{"sub": userID, "iat": now.Unix(), "exp": now.Add(life).Unix()}
	if name != "" {
		claims["name"] = name
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(a.identity.Secret)
}
