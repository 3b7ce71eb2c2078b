package widget

import (
	"encoding/json"
	"net/http"
)

type demoData struct {
	Lang, Dir string
	Languages []languageOption
	Customers []DemoCustomer
	As        *DemoCustomer // nil: anonymous
	Token     string
	TokenURL  string // where the widget gets a fresh token (data-identity-url)
	Error     string
	Markets   []demoMarket
}

type demoMarket struct {
	Pair, Price, Change, Volume string
	Up                          bool
}

// demoMarkets are the fake exchange's made-up prices: a page that looks
// like an exchange, not data about any real one.
var demoMarkets = []demoMarket{
	{"BTC/USDT", "97,412.50", "+1.84%", "1.92B", true},
	{"ETH/USDT", "3,608.12", "+0.92%", "884.1M", true},
	{"SOL/USDT", "231.40", "−2.15%", "402.7M", false},
	{"TRX/USDT", "0.2471", "+0.36%", "96.3M", true},
	{"XRP/USDT", "2.318", "−0.74%", "310.5M", false},
	{"TON/USDT", "6.114", "+3.02%", "74.8M", true},
}

// serveDemo: GET /demo/exchange?as=USER&lang=TAG, a fake exchange page with
// the widget embedded (demo mode only). ?as= signs the page in as a demo
// customer: the page mints that customer's identity token server-side, as
// an exchange's back-end would, and hands it to the widget.
func (w *Widget) serveDemo(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := demoData{Customers: w.cfg.DemoCustomers, Markets: demoMarkets}
	status := http.StatusOK
	if as := q.Get("as"); as != "" {
		for i := range w.cfg.DemoCustomers {
			if w.cfg.DemoCustomers[i].UserID == as {
				d.As = &w.cfg.DemoCustomers[i]
			}
		}
		switch {
		case d.As == nil:
			d.Error, status = "There is no demo customer "+as+"; the page is signed out.", http.StatusNotFound
		case w.cfg.MintIdentity == nil:
			d.Error, d.As, status = "This server cannot sign demo identities.", nil, http.StatusInternalServerError
		default:
			tok, err := w.cfg.MintIdentity(d.As.UserID, d.As.Name)
			if err != nil {
				w.cfg.Log.Error("demo exchange: mint identity", "user", as, "err", err)
				d.Error, d.As, status = "Signing the demo identity failed; the page is signed out.", nil, http.StatusInternalServerError
			}
			d.Token, d.TokenURL = tok, "/demo/exchange/token?as="+d.As.UserID
		}
	}
	tag := q.Get("lang")
	if tag == "" && d.As != nil {
		tag = d.As.Lang
	}
	d.Lang = Language(tag)
	d.Dir, d.Languages = Dir(d.Lang), languageOptions(d.Lang)
	w.render(rw, status, "demo", d)
}

// serveDemoToken: GET /demo/exchange/token?as=USER, a fresh identity token
// for the demo customer, as an exchange's back-end answers its own page
// (the widget asks before the token it has expires: data-identity-url).
// A real exchange answers only for the user its session cookie signs in;
// the demo has no sessions, and its customers are made up.
func (w *Widget) serveDemoToken(rw http.ResponseWriter, r *http.Request) {
	rw.Header().Set("Cache-Control", "no-store")
	as := r.URL.Query().Get("as")
	var found *DemoCustomer
	for i := range w.cfg.DemoCustomers {
		if w.cfg.DemoCustomers[i].UserID == as {
			found = &w.cfg.DemoCustomers[i]
		}
	}
	if found == nil || w.cfg.MintIdentity == nil {
		http.Error(rw, "no such demo customer", http.StatusNotFound)
		return
	}
	tok, err := w.cfg.MintIdentity(found.UserID, found.Name)
	if err != nil {
		w.cfg.Log.Error("demo exchange: mint identity", "user", as, "err", err)
		http.Error(rw, "signing failed", http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(rw).Encode(map[string]string{"token": tok})
}
