package jsonrpc

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Network is what a chain client knows of a network by its id: the name
// messages use and the native asset's symbol.
type Network struct {
	Name   string
	Symbol string
}

// Endpoint is the checked start of a chain client's configuration.
type Endpoint struct {
	Name   string   // the network's name in messages; the id of a network not known
	Symbol string   // the native asset's symbol
	URL    *url.URL // the node's URL: http or https, with a host
}

// Node is how messages name the node: "the Bitcoin node at 127.0.0.1:8332".
// Only the host is shown, since the path or the user info may hold a secret.
func (e Endpoint) Node() string { return fmt.Sprintf("the %s node at %s", e.Name, e.URL.Host) }

// ParseEndpoint checks what every chain client's configuration starts with:
// a network id, a symbol (which known supplies for its networks), and the
// node's URL, taken as http when it has no scheme. urlForm says which URLs
// the client takes, for the error about one that is not http or https or
// has no host: "http(s)://host:port/…". Errors are errs.Invalid naming the
// field.
func ParseEndpoint(network, symbol, rawURL string, known map[string]Network, urlForm string) (Endpoint, error) {
	if network == "" {
		return Endpoint{}, errs.Field("network", "network is required")
	}
	n, isKnown := known[network]
	name := network
	if isKnown {
		name = n.Name
	}
	if symbol == "" {
		if !isKnown {
			return Endpoint{}, errs.Field("symbol", "symbol is required for network %q", network)
		}
		symbol = n.Symbol
	}
	if rawURL == "" {
		return Endpoint{}, errs.Field("url", "the %s node's URL is required", name)
	}
	if !strings.Contains(rawURL, "://") {
		rawURL = "http://" + rawURL
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Endpoint{}, errs.Field("url", "the %s node's URL must be %s", name, urlForm)
	}
	return Endpoint{Name: name, Symbol: symbol, URL: u}, nil
}
