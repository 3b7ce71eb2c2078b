package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/server"
)

type flags struct {
	fs            *flag.FlagSet
	cfg           server.Config
	proxies       string
	chainNodes    string
	domains       string
	widgetOrigins string
	socketsPerIP  string
	tokenLife     string
	iceServers    string
	rateLimits    string
	logLvl        string
	eventLog      string
	debugAddr     string
	idemKeep      string
	bot           string
	emailPoll     string
	emailAuth     string
	level         slog.Level
	secretErr     error // the first GROUNDCREW_*_FILE that could not be used
}

// newFlags defines every flag with its GROUNDCREW_* variable as default.
// Secrets also come from GROUNDCREW_*_FILE, a path to a file holding them.
func newFlags(out io.Writer) *flags {
	f := &flags{fs: flag.NewFlagSet("groundcrew", flag.ContinueOnError)}
	f.fs.SetOutput(out)
	c := &f.cfg
	f.fs.StringVar(&c.Addr, "addr", env("ADDR", "127.0.0.1:8080"), "listen address `host:port` (GROUNDCREW_ADDR)")
	f.fs.StringVar(&c.DataDir, "data", env("DATA", "./groundcrew-data"), "data folder for SQLite and the embedded NATS (GROUNDCREW_DATA)")
	f.fs.StringVar(&c.Database, "database", env("DATABASE", ""), "database: empty for SQLite in the data folder, or postgres://... (GROUNDCREW_DATABASE)")
	f.fs.StringVar(&c.NATS, "nats", env("NATS", ""), "NATS server URL; empty runs an embedded JetStream server (GROUNDCREW_NATS)")
	f.fs.StringVar(&c.NATSListen, "nats-listen", env("NATS_LISTEN", ""), "let other nodes connect to the embedded NATS on this private `host:port` (no authentication); empty: in-process only (GROUNDCREW_NATS_LISTEN)")
	f.fs.StringVar(&c.PublicURL, "public-url", env("PUBLIC_URL", ""), "how customers and agents reach Groundcrew, e.g. https://support.exchange.example (the same on every node behind one load balancer); empty: http://<addr> (GROUNDCREW_PUBLIC_URL)")
	f.fs.StringVar(&f.proxies, "trusted-proxies", env("TRUSTED_PROXIES", ""), "comma-separated IPs/CIDRs whose X-Forwarded-For is believed (GROUNDCREW_TRUSTED_PROXIES)")
	f.fs.StringVar(&c.AdminEmail, "admin-email", env("ADMIN_EMAIL", "admin@groundcrew.local"), "e-mail of the first admin (GROUNDCREW_ADMIN_EMAIL)")
	f.fs.BoolVar(&c.Demo, "demo", env("DEMO", "") == "1" || env("DEMO", "") == "true", "seed demo data into a new database (GROUNDCREW_DEMO=1)")
	f.fs.BoolVar(&c.WebhookAllowPrivate, "webhook-allow-private", env("WEBHOOK_ALLOW_PRIVATE", "") == "1" || env("WEBHOOK_ALLOW_PRIVATE", "") == "true",
		"let webhooks and automation rules' webhooks go to loopback, private and link-local addresses (webhooks also over plain HTTP): development, or receivers on this network (GROUNDCREW_WEBHOOK_ALLOW_PRIVATE=1)")
	f.fs.StringVar(&f.bot, "bot", env("BOT", "demo"), "the support bot in the chat widget: on, off, or demo (on with --demo) (GROUNDCREW_BOT)")
	f.fs.StringVar(&c.LLM.URL, "llm-url", env("LLM_URL", ""), "an OpenAI-compatible endpoint the bot phrases answers with, e.g. http://127.0.0.1:11434 (GROUNDCREW_LLM_URL; off when empty)")
	f.fs.StringVar(&c.LLM.Model, "llm-model", env("LLM_MODEL", ""), "the model name at --llm-url (GROUNDCREW_LLM_MODEL)")
	c.LLM.APIKey = f.secret("LLM_API_KEY")
	f.fs.StringVar(&c.ExchangeURL, "exchange-url", env("EXCHANGE_URL", ""), "the exchange's Groundcrew contract URL; empty runs the sandbox exchange (GROUNDCREW_EXCHANGE_URL)")
	f.fs.StringVar(&c.ExchangeKeyID, "exchange-key-id", env("EXCHANGE_KEY_ID", ""), "key id for signing requests to the exchange (GROUNDCREW_EXCHANGE_KEY_ID)")
	f.fs.StringVar(&f.chainNodes, "chain-nodes", env("CHAIN_NODES", ""), "comma-separated network=URL chain nodes, e.g. bitcoin=http://u:p@127.0.0.1:8332 (GROUNDCREW_CHAIN_NODES)")
	f.fs.StringVar(&f.domains, "allowed-domains", env("ALLOWED_DOMAINS", ""), "comma-separated domains agents' and bots' messages may link to, besides this server's (GROUNDCREW_ALLOWED_DOMAINS)")
	f.fs.StringVar(&c.NetworksFile, "networks", env("NETWORKS", ""), "JSON file that overrides or extends the built-in network registry (GROUNDCREW_NETWORKS)")
	f.fs.StringVar(&c.ExchangeStepUpURL, "exchange-step-up-url", env("EXCHANGE_STEP_UP_URL", ""), "the exchange's step-up page, where customers confirm a fresh 2FA or e-mail code; empty with the sandbox exchange (GROUNDCREW_EXCHANGE_STEP_UP_URL)")
	f.fs.StringVar(&c.RecoveryFee, "recovery-fee", env("RECOVERY_FEE", "25 USDT"), "fee quoted for a deposit-recovery appeal (GROUNDCREW_RECOVERY_FEE)")
	f.fs.StringVar(&f.eventLog, "event-log-retention", env("EVENT_LOG_RETENTION", "168h"), "how long the event log keeps delivered events, e.g. 168h (GROUNDCREW_EVENT_LOG_RETENTION)")
	f.fs.StringVar(&c.EncryptionKeysFile, "encryption-keys-file", env("ENCRYPTION_KEYS_FILE", ""), "file with the message-body encryption keys, id:base64key one a line, the active key first; default: encryption.keys in the data folder (GROUNDCREW_ENCRYPTION_KEYS_FILE)")
	f.fs.StringVar(&f.rateLimits, "rate-limits", env("RATE_LIMITS", ""), "name=rule,... overriding the default rate limits, e.g. sign-in-ip=20/m:40,api-session=50/s:100,api-token=off; see the README (GROUNDCREW_RATE_LIMITS)")
	f.fs.StringVar(&c.ReportAddress, "report-address", env("REPORT_ADDRESS", ""), "where customers report impersonators; default: an official e-mail channel, security@ first (GROUNDCREW_REPORT_ADDRESS)")
	f.fs.StringVar(&c.MetricsAddr, "metrics-addr", env("METRICS_ADDR", ""), "serve /metrics on this `host:port` of its own instead of --addr, e.g. 127.0.0.1:9090; empty: on --addr, to this machine only unless GROUNDCREW_METRICS_TOKEN is set (GROUNDCREW_METRICS_ADDR)")
	f.fs.StringVar(&f.debugAddr, "debug-addr", env("DEBUG_ADDR", ""), "serve the Go profiler (/debug/pprof/) on this loopback `host:port`; empty: off (GROUNDCREW_DEBUG_ADDR)")
	f.fs.StringVar(&f.idemKeep, "idempotency-retention", env("IDEMPOTENCY_RETENTION", "24h"), "how long a create's response is kept for Idempotency-Key retries before it is pruned (GROUNDCREW_IDEMPOTENCY_RETENTION)")
	f.fs.StringVar(&f.widgetOrigins, "widget-origins", env("WIDGET_ORIGINS", ""), "comma-separated sites that embed the chat widget, as host patterns (exchange.example, *.exchange.example) or origins (https://exchange.example) (GROUNDCREW_WIDGET_ORIGINS)")
	f.fs.StringVar(&f.socketsPerIP, "widget-sockets-per-ip", env("WIDGET_SOCKETS_PER_IP", "100"), "chat sockets one client IP may hold open on this node; 0: no cap (GROUNDCREW_WIDGET_SOCKETS_PER_IP)")
	f.fs.StringVar(&c.Email.SMTPAddr, "smtp-addr", env("SMTP_ADDR", ""), "inbound SMTP listener `host:port` for customers' mail; empty: off, except with --demo (a free port on 127.0.0.1, printed at start) (GROUNDCREW_SMTP_ADDR)")
	f.fs.StringVar(&c.Email.SMTPTLSCert, "smtp-tls-cert", env("SMTP_TLS_CERT", ""), "PEM certificate (chain) the SMTP listener offers with STARTTLS; with --smtp-tls-key (GROUNDCREW_SMTP_TLS_CERT)")
	f.fs.StringVar(&c.Email.SMTPTLSKey, "smtp-tls-key", env("SMTP_TLS_KEY", ""), "PEM private key of --smtp-tls-cert (GROUNDCREW_SMTP_TLS_KEY)")
	f.fs.StringVar(&c.Email.From, "email-from", env("EMAIL_FROM", "Support <support@groundcrew.local>"), "the support address mail comes to and goes out from, \"Name <local@domain>\" (GROUNDCREW_EMAIL_FROM)")
	f.fs.StringVar(&c.Email.Relay, "smtp-relay", env("SMTP_RELAY", ""), "SMTP relay `host:port` agents' e-mail replies go out through; empty: not mailed (GROUNDCREW_SMTP_RELAY; user and password in GROUNDCREW_SMTP_RELAY_USER and GROUNDCREW_SMTP_RELAY_PASSWORD)")
	f.fs.StringVar(&c.Email.RelayTLS, "smtp-relay-tls", env("SMTP_RELAY_TLS", "none"), "none, starttls (587) or tls (465) (GROUNDCREW_SMTP_RELAY_TLS)")
	f.fs.StringVar(&f.tokenLife, "widget-token-life", env("WIDGET_TOKEN_LIFE", "10m"), "longest life (exp - iat) of a widget identity token without a jti, and of any sign-in token on a page link, an API intake or a Telegram link (GROUNDCREW_WIDGET_TOKEN_LIFE)")
	f.fs.StringVar(&f.emailPoll, "imap-poll-every", env("IMAP_POLL_EVERY", "1m"), "how often the IMAP mailboxes in GROUNDCREW_EMAIL_IMAP are polled (GROUNDCREW_IMAP_POLL_EVERY)")
	f.fs.StringVar(&f.emailAuth, "email-trusted-authserv", env("EMAIL_TRUSTED_AUTHSERV", ""), "comma-separated authserv-ids whose Authentication-Results headers count for the DMARC flag, e.g. mx.google.com (GROUNDCREW_EMAIL_TRUSTED_AUTHSERV)")
	f.fs.StringVar(&c.Email.DKIMKeyFile, "dkim-key-file", env("DKIM_KEY_FILE", ""), "PEM private key (RSA or Ed25519) to DKIM-sign outbound mail with; empty: unsigned (GROUNDCREW_DKIM_KEY_FILE)")
	f.fs.StringVar(&c.Email.DKIMSelector, "dkim-selector", env("DKIM_SELECTOR", "groundcrew"), "DKIM selector: the key's record is <selector>._domainkey.<domain> (GROUNDCREW_DKIM_SELECTOR)")
	f.fs.StringVar(&f.logLvl, "log-level", env("LOG_LEVEL", "info"), "debug, info, warn or error (GROUNDCREW_LOG_LEVEL)")
	c.AdminPassword = f.secret("ADMIN_PASSWORD")
	c.AdminToken = f.secret("ADMIN_TOKEN")
	c.ExchangeSecret = f.secret("EXCHANGE_SECRET")
	c.IdentitySecret = f.secret("IDENTITY_SECRET")
	c.MetricsToken = f.secret("METRICS_TOKEN")
	c.TelegramToken = f.secret("TELEGRAM_TOKEN")
	c.TelegramWebhookSecret = f.secret("TELEGRAM_WEBHOOK_SECRET")
	c.PhoneSecret = f.secret("PHONE_SECRET")
	c.ScreenTURNCredential = f.secret("SCREEN_TURN_CREDENTIAL")
	f.fs.BoolVar(&c.ScreenShareOff, "screen-share-off", env("SCREEN_SHARE", "on") == "off", "turn off customer-started screen sharing in the chat widget (GROUNDCREW_SCREEN_SHARE=off)")
	f.fs.StringVar(&f.iceServers, "screen-ice-servers", env("SCREEN_ICE_SERVERS", ""), "comma-separated STUN/TURN URLs for screen sharing; none are needed when customer and agent reach each other directly (GROUNDCREW_SCREEN_ICE_SERVERS)")
	f.fs.StringVar(&c.ScreenTURNUsername, "screen-turn-username", env("SCREEN_TURN_USERNAME", ""), "username for the turn: servers of --screen-ice-servers (GROUNDCREW_SCREEN_TURN_USERNAME; the credential is GROUNDCREW_SCREEN_TURN_CREDENTIAL or _FILE)")
	f.fs.BoolVar(&c.ScreenRecording, "screen-recording", env("SCREEN_RECORDING", "") == "on", "let an agent record a screen share when its customer agrees too; off by default (GROUNDCREW_SCREEN_RECORDING=on)")
	f.fs.StringVar(&c.TelegramMode, "telegram-mode", env("TELEGRAM_MODE", "polling"), "how the Telegram bot gets updates: polling or webhook (GROUNDCREW_TELEGRAM_MODE; the bot runs when GROUNDCREW_TELEGRAM_TOKEN or _FILE is set)")
	f.fs.StringVar(&c.TelegramBot, "telegram-bot", env("TELEGRAM_BOT", ""), "the official Telegram bot's @username (GROUNDCREW_TELEGRAM_BOT)")
	f.fs.StringVar(&c.TelegramAPI, "telegram-api", env("TELEGRAM_API", "https://api.telegram.org"), "the Telegram Bot API's base URL (GROUNDCREW_TELEGRAM_API)")
	c.Email.RelayUser = env("SMTP_RELAY_USER", "")
	c.Email.RelayPassword = f.secret("SMTP_RELAY_PASSWORD")
	c.Email.IMAP = f.secret("EMAIL_IMAP") // holds passwords or tokens
	// Not secret(): a key file that cannot be read must stop the start, not
	// fall back to another key. Server.Open reads EncryptionKeysFile.
	c.EncryptionKeys = env("ENCRYPTION_KEYS", "")
	f.fs.Usage = func() {}
	return f
}

func (f *flags) parse(args []string) error {
	if err := f.fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(f.fs.Output(), usage)
			f.fs.PrintDefaults()
		}
		return err
	}
	if f.secretErr != nil {
		return f.secretErr
	}
	if f.fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", f.fs.Arg(0))
	}
	if err := checkDebugAddr(f.debugAddr); err != nil {
		return err
	}
	if err := f.level.UnmarshalText([]byte(f.logLvl)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	switch f.bot {
	case "on", "1", "true":
		f.cfg.Bot = true
	case "off", "0", "false":
	case "demo", "":
		f.cfg.Bot = f.cfg.Demo
	default:
		return fmt.Errorf("--bot: want on, off or demo, got %q", f.bot)
	}
	var err error
	if f.cfg.EventLogRetention, err = time.ParseDuration(f.eventLog); err != nil || f.cfg.EventLogRetention <= 0 {
		return fmt.Errorf("--event-log-retention: want a positive duration such as 168h, got %q", f.eventLog)
	}
	if f.cfg.IdempotencyRetention, err = time.ParseDuration(f.idemKeep); err != nil || f.cfg.IdempotencyRetention <= 0 {
		return fmt.Errorf("--idempotency-retention %q: want a positive duration such as 24h", f.idemKeep)
	}
	if f.cfg.TrustedProxies, err = server.ParseProxies(f.proxies); err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	for _, d := range strings.Split(f.domains, ",") {
		if d = strings.TrimSpace(d); d != "" {
			f.cfg.AllowedDomains = append(f.cfg.AllowedDomains, strings.ToLower(d))
		}
	}
	for _, u := range strings.Split(f.iceServers, ",") {
		if u = strings.TrimSpace(u); u != "" {
			f.cfg.ScreenICEServers = append(f.cfg.ScreenICEServers, u)
		}
	}
	for _, o := range strings.Split(f.widgetOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			f.cfg.WidgetOrigins = append(f.cfg.WidgetOrigins, strings.ToLower(o))
		}
	}
	if f.cfg.WidgetSocketsPerIP, err = strconv.Atoi(f.socketsPerIP); err != nil || f.cfg.WidgetSocketsPerIP < 0 {
		return fmt.Errorf("--widget-sockets-per-ip: want a number, 0 for no cap, got %q", f.socketsPerIP)
	}
	if f.cfg.WidgetTokenLife, err = time.ParseDuration(f.tokenLife); err != nil || f.cfg.WidgetTokenLife <= 0 {
		return fmt.Errorf("--widget-token-life %q: want a positive duration, such as 10m", f.tokenLife)
	}
	if f.cfg.Email.PollEvery, err = time.ParseDuration(f.emailPoll); err != nil || f.cfg.Email.PollEvery < time.Second {
		return fmt.Errorf("--imap-poll-every %q: want a duration of a second or more, such as 1m", f.emailPoll)
	}
	for _, id := range strings.Split(f.emailAuth, ",") {
		if id = strings.TrimSpace(id); id != "" {
			f.cfg.Email.TrustedAuthServIDs = append(f.cfg.Email.TrustedAuthServIDs, strings.ToLower(id))
		}
	}
	if f.cfg.Demo && f.cfg.Email.SMTPAddr == "" {
		f.cfg.Email.SMTPAddr = "127.0.0.1:0" // the demo takes mail on a free port, printed at start
	}
	if f.cfg.RateLimits, err = server.ParseRateLimits(f.rateLimits); err != nil {
		return fmt.Errorf("--rate-limits: %w", err)
	}
	if f.cfg.ChainNodes, err = server.ParseChainNodes(f.chainNodes); err != nil {
		return fmt.Errorf("--chain-nodes: %w", err)
	}
	return f.cfg.Validate()
}

func env(name, def string) string {
	if v, ok := os.LookupEnv("GROUNDCREW_" + name); ok {
		return v
	}
	return def
}

// secret reads GROUNDCREW_<name>, or the file named by GROUNDCREW_<name>_FILE.
// A named file that cannot be read or holds nothing is an error (kept for
// parse to return): starting without the secret, or with a generated one,
// would hide a broken mount until a customer or an admin meets it. Setting
// both variables is an error too, as it is unclear which one is meant.
func (f *flags) secret(name string) string {
	v := env(name, "")
	path := env(name+"_FILE", "")
	switch {
	case path == "":
		return v
	case v != "":
		f.fail(fmt.Errorf("GROUNDCREW_%s and GROUNDCREW_%s_FILE are both set: set one", name, name))
		return v
	}
	b, err := os.ReadFile(path)
	if err != nil {
		f.fail(fmt.Errorf("GROUNDCREW_%s_FILE=%s: cannot read the secret: %w", name, path, err))
		return ""
	}
	v = strings.TrimSpace(string(b))
	if v == "" {
		f.fail(fmt.Errorf("GROUNDCREW_%s_FILE=%s: the file is empty", name, path))
	}
	return v
}

func (f *flags) fail(err error) {
	if f.secretErr == nil {
		f.secretErr = err
	}
}
