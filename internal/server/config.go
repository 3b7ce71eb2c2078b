// Package server wires the domain packages into one HTTP server: the API
// route table with each route's permission, middleware, health, metrics,
// the customer-facing pages, the agent workspace's page table (mounted from
// internal/workspace), and the start-up and shutdown of the database, bus
// and relay.
package server

import (
	"fmt"
	"net/netip"
	"path"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/bot/llm"
	"github.com/groundcrew/groundcrew/internal/seal"
)

// Config is everything Groundcrew needs to start.
type Config struct {
	Addr           string         // listen address, e.g. 127.0.0.1:8080
	DataDir        string         // SQLite file, embedded NATS store
	Database       string         // "" (SQLite in DataDir) or postgres://...
	NATS           string         // "" (embedded) or nats://...
	NATSListen     string         // embedded NATS only: private host:port other nodes connect to (no auth)
	TrustedProxies []netip.Prefix // X-Forwarded-For is believed only from these
	AdminEmail     string         // first admin, created when there are no agents
	AdminPassword  string         // optional; generated and printed otherwise
	AdminToken     string         // optional; an API token for the first admin
	Demo           bool           // seed demo teams, agents and tickets on an empty database
	Bot            bool           // the support bot answers in the chat widget (internal/bot)
	// LLM is an optional OpenAI-compatible model the bot phrases its
	// knowledge-base answers with (internal/bot/llm); off without a URL.
	LLM       llm.Config
	PublicURL string // how users reach the server; defaults from Addr

	// IdentitySecret is shared with the exchange, which signs its users'
	// identity tokens with it. Empty: generated once and kept in the database.
	IdentitySecret string
	// ExchangeURL selects the exchange's HTTP adapter; empty runs the sandbox exchange.
	ExchangeURL    string
	ExchangeKeyID  string
	ExchangeSecret string
	// ExchangeStepUpURL is the exchange's page where a signed-in user confirms
	// a fresh 2FA or e-mail code; it sends them back to /step-up with an L2
	// identity token. Empty with the sandbox exchange: its demo page.
	ExchangeStepUpURL string
	// ChainNodes maps network ids to node URLs, e.g. "bitcoin=http://u:p@127.0.0.1:8332".
	// Networks without a node use the sandbox chain when the sandbox exchange runs.
	ChainNodes map[string]string
	// NetworksFile overrides or extends the built-in network registry.
	NetworksFile string
	// AllowedDomains are the domains agents' and bots' messages may link to,
	// besides PublicURL's host.
	AllowedDomains []string
	// RecoveryFee is quoted to customers whose deposit needs a recovery appeal.
	RecoveryFee string

	// EncryptionKeys seals message bodies at rest: "id:base64key,..." (32-byte
	// AES-256 keys), the active key first, older ones after it until re-sealing
	// is done. EncryptionKeysFile names a file holding the same list instead.
	// With neither, the key list is encryption.keys in DataDir, made with one
	// random key on first start: never in the database, so that a database
	// dump (or backup, or replica) alone does not reveal message bodies.
	EncryptionKeys     string
	EncryptionKeysFile string
	// ResealBatch is how many messages one re-seal transaction handles after
	// a key rotation (500 when 0); ResealPause is the rest between batches,
	// which leaves the database to intake on a busy node.
	ResealBatch int
	ResealPause time.Duration
	// WebhookAllowPrivate lets webhook targets and automation rules'
	// webhooks be loopback, private or link-local addresses (and webhooks
	// plain HTTP): development, tests, or receivers on the installation's
	// own network; off, they must be public addresses (SSRF).
	WebhookAllowPrivate bool
	// EventLogRetention is how long the recorder's event_log keeps events
	// (7 days when 0).
	EventLogRetention time.Duration

	// RateLimits are the per-IP, per-e-mail, per-customer and per-agent
	// request limits (ratelimit.go); unset ones take their defaults.
	RateLimits RateLimits
	// MetricsAddr, when set, is the listen address of its own for /metrics,
	// which the main listener then does not serve. MetricsToken, when set,
	// is the bearer token /metrics requires wherever it is served. With
	// neither, the main listener serves /metrics to this machine only
	// (a loopback peer, not through a proxy).
	MetricsAddr  string
	MetricsToken string

	// IdempotencyRetention is how long a create's response is kept for
	// Idempotency-Key retries (DefaultIdempotencyRetention when 0); older
	// keys are pruned in the background.
	IdempotencyRetention time.Duration
	// ReportAddress is where customers report impersonators, shown by the
	// verification page. Empty: an official e-mail channel (security@ first).
	ReportAddress string
	// WidgetOrigins are the exchange's sites that embed the chat widget:
	// host patterns ("exchange.example", "*.exchange.example") or origins
	// ("https://exchange.example"). The chat socket accepts these origins
	// besides this server's own (docs/chat-protocol.md).
	WidgetOrigins []string
	// WidgetSocketsPerIP caps the chat sockets one client IP holds open on a
	// node (0: no cap; the command's default is 100).
	WidgetSocketsPerIP int
	// WidgetTokenLife bounds the life of a widget identity token without
	// a jti (0: chat.DefaultTokenLife, 10 minutes): any browser with a copy
	// could replay one until it expires (docs/chat-protocol.md, Identity).
	// It bounds every other sign-in token too: a page's ?identity=, an API
	// intake's customer.identity and a Telegram link's identity.
	WidgetTokenLife time.Duration
	// Screen sharing from the widget (docs/chat-protocol.md, "Screen
	// sharing"): on unless ScreenShareOff. ScreenICEServers are STUN/TURN
	// URLs ("stun:stun.example:3478", "turn:turn.example:3478"); TURN ones
	// get ScreenTURNUsername and ScreenTURNCredential. ScreenRecording lets
	// an agent record a share whose customer agreed; off by default.
	ScreenShareOff       bool
	ScreenICEServers     []string
	ScreenTURNUsername   string
	ScreenTURNCredential string
	ScreenRecording      bool

	// The official Telegram bot (internal/telegram): off without a token.
	// TelegramMode is "polling" (the default) or "webhook", which needs
	// TelegramWebhookSecret and a PublicURL Telegram can reach.
	TelegramToken         string
	TelegramWebhookSecret string
	TelegramMode          string
	TelegramBot           string // the bot's @username, listed as an official channel
	TelegramAPI           string // the Bot API's base URL; default https://api.telegram.org
	// PhoneSecret signs the telephony provider's call events (internal/phone).
	PhoneSecret string
	// Email is the e-mail channel (app_email.go, docs/email.md).
	Email EmailConfig
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
	if c.NATSListen != "" && c.NATS != "" {
		return fmt.Errorf("config: GROUNDCREW_NATS_LISTEN is for the embedded NATS; unset it or GROUNDCREW_NATS")
	}
	if c.ExchangeURL != "" && (c.ExchangeKeyID == "" || c.ExchangeSecret == "") {
		return fmt.Errorf("config: GROUNDCREW_EXCHANGE_URL needs GROUNDCREW_EXCHANGE_KEY_ID and GROUNDCREW_EXCHANGE_SECRET")
	}
	if c.EncryptionKeys != "" && c.EncryptionKeysFile != "" {
		return fmt.Errorf("config: set GROUNDCREW_ENCRYPTION_KEYS or GROUNDCREW_ENCRYPTION_KEYS_FILE, not both")
	}
	if c.EncryptionKeys != "" {
		if _, err := seal.Parse(c.EncryptionKeys); err != nil {
			return fmt.Errorf("config: GROUNDCREW_ENCRYPTION_KEYS: %w", err)
		}
	}
	if u := c.ExchangeStepUpURL; u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return fmt.Errorf("config: GROUNDCREW_EXCHANGE_STEP_UP_URL must be an http(s) URL")
	}
	if err := c.validateChannels(); err != nil {
		return err
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return fmt.Errorf("config: GROUNDCREW_METRICS_TOKEN must be at least 16 characters")
	}
	if c.MetricsAddr != "" && c.MetricsAddr == c.Addr {
		return fmt.Errorf("config: --metrics-addr must differ from --addr")
	}
	if c.IdempotencyRetention < 0 {
		return fmt.Errorf("config: GROUNDCREW_IDEMPOTENCY_RETENTION must not be negative")
	}
	if c.IdempotencyRetention == 0 {
		c.IdempotencyRetention = DefaultIdempotencyRetention
	}
	for _, o := range c.WidgetOrigins {
		if _, err := path.Match(o, ""); err != nil || o == "" || strings.ContainsAny(o, " /?#") && !strings.Contains(o, "://") {
			return fmt.Errorf("config: GROUNDCREW_WIDGET_ORIGINS: %q is not a host pattern or origin", o)
		}
	}
	if c.WidgetSocketsPerIP < 0 {
		return fmt.Errorf("config: GROUNDCREW_WIDGET_SOCKETS_PER_IP must not be negative")
	}
	for _, u := range c.ScreenICEServers {
		scheme, rest, _ := strings.Cut(u, ":")
		if rest == "" || strings.ContainsAny(u, " ,") || (scheme != "stun" && scheme != "stuns" && scheme != "turn" && scheme != "turns") {
			return fmt.Errorf("config: GROUNDCREW_SCREEN_ICE_SERVERS: %q is not a stun:, stuns:, turn: or turns: URL", u)
		}
	}
	switch c.Email.RelayTLS {
	case "":
		c.Email.RelayTLS = "none"
	case "none", "starttls", "tls":
	default:
		return fmt.Errorf("config: GROUNDCREW_SMTP_RELAY_TLS must be none, starttls or tls")
	}
	if c.Email.DKIMKeyFile != "" && c.Email.DKIMSelector == "" {
		return fmt.Errorf("config: GROUNDCREW_DKIM_KEY_FILE needs GROUNDCREW_DKIM_SELECTOR")
	}
	if c.RecoveryFee == "" {
		c.RecoveryFee = "25 USDT"
	}
	if u := c.PublicURL; u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return fmt.Errorf("config: GROUNDCREW_PUBLIC_URL must be an http(s) URL")
	}
	c.PublicURL = strings.TrimSuffix(c.PublicURL, "/")
	if c.PublicURL == "" {
		host := c.Addr
		if strings.HasPrefix(host, ":") {
			host = "127.0.0.1" + host
		}
		c.PublicURL = "http://" + host
	}
	return nil
}

// ParseChainNodes parses "network=url,network=url".
func ParseChainNodes(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		network, url, ok := strings.Cut(part, "=")
		if !ok || network == "" || !(strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "https://")) {
			return nil, fmt.Errorf("chain node %q: want network=http(s)://host:port", part)
		}
		out[network] = url
	}
	return out, nil
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
