package email

import (
	"context"
	"crypto"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/attach"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Tickets is the ticket store's customer intake (guard and sealing on) and
// the reading of agents' replies; *ticket.Store implements it.
type Tickets interface {
	CreateForCustomer(ctx context.Context, in ticket.NewTicket) (ticket.Ticket, error)
	AppendAsCustomer(ctx context.Context, c ticket.CustomerRef, ticketID int64, body string) (ticket.Message, error)
	OpenEventBody(ctx context.Context, ev ticket.MessageCreatedEvent) (string, error)
}

// Files keeps attachments as the chat's are; *attach.Store implements it.
type Files interface {
	Add(ctx context.Context, ticketID int64, by attach.Uploader, name string, data []byte) (attach.Attachment, error)
	LinkMessage(ctx context.Context, id, messageID int64) error
}

// Sealer seals the full mails kept; *seal.Keyring implements it.
type Sealer interface {
	Seal(plaintext, aad string) (string, error)
	Open(stored, aad string) (string, error)
}

// PhraseFunc returns the anti-phishing phrase of the customer a mail goes
// to (and their language), "" when they have none or are not known.
type PhraseFunc func(ctx context.Context, customerID int64, email string) (phrase, language string, err error)

// Relay is the SMTP server outbound mail is handed to.
type Relay struct {
	Addr     string // host:port; empty: outbound mail stays off
	Username string // with Password: AUTH PLAIN (after STARTTLS when offered)
	Password string
	// TLS is RelayNone (a relay on this machine or a private network),
	// RelayStartTLS (587) or RelayTLS (465).
	TLS string
}

// Relay TLS modes.
const (
	RelayNone     = "none"
	RelayStartTLS = "starttls"
	RelayTLS      = "tls"
)

// DKIM signs outbound mail when Signer is set.
type DKIM struct {
	Domain   string
	Selector string
	Signer   crypto.Signer
}

// Config is what the channel needs.
type Config struct {
	DB      *store.DB
	Tickets Tickets
	Files   Files // nil: attachments are listed but not kept
	Sealer  Sealer
	Log     *slog.Logger
	// Screen is the guard (as the ticket store has it): a mail whose text
	// holds a secret is kept without its body. nil keeps every mail whole.
	Screen ticket.Screen
	// From is the support address mails go out from, e.g.
	// "Example Support <support@example.com>"; its domain names our
	// Message-IDs and reply addresses.
	From string
	// TokenKey keys the reply tokens (derived from the keyring).
	TokenKey []byte
	// TrustedAuthServIDs are the authserv-ids whose Authentication-Results
	// headers count (lower case).
	TrustedAuthServIDs []string
	Relay              Relay
	DKIM               DKIM
	Phrase             PhraseFunc
	// ListenTLS, when set, lets senders switch the listener's sessions to
	// TLS with STARTTLS (mail servers do when it is offered).
	ListenTLS *tls.Config
	// MaxBytes refuses larger mail at SMTP (MaxBytes, 25 MB, when 0 or more).
	MaxBytes int64
	// Mailboxes are polled every PollEvery (1 minute when 0).
	Mailboxes []Mailbox
	PollEvery time.Duration
}

// Service is the e-mail channel of one node.
type Service struct {
	cfg    Config
	log    *slog.Logger
	tokens tokens
	from   *mail.Address
	kick   chan struct{}
	ourIDs *regexp.Regexp // our outbound Message-IDs, as bounces quote them
	// surveys and site make survey mails (StartSurveys).
	surveys SurveyOffers
	site    string

	mu        sync.Mutex
	listening bool
}

// New checks cfg and returns the channel.
func New(cfg Config) (*Service, error) {
	if cfg.DB == nil || cfg.Tickets == nil || cfg.Sealer == nil {
		return nil, errors.New("email: a database, the ticket store and a sealer are required")
	}
	if len(cfg.TokenKey) < 16 {
		return nil, errors.New("email: a reply-token key of at least 16 bytes is required")
	}
	if cfg.From == "" {
		cfg.From = "Support <support@groundcrew.local>"
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil || !strings.Contains(from.Address, "@") {
		return nil, fmt.Errorf("email: from address %q: want \"Name <local@domain>\"", cfg.From)
	}
	from.Address = strings.ToLower(from.Address)
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	for i := range cfg.TrustedAuthServIDs {
		cfg.TrustedAuthServIDs[i] = strings.ToLower(strings.TrimSpace(cfg.TrustedAuthServIDs[i]))
	}
	if cfg.MaxBytes <= 0 || cfg.MaxBytes > MaxBytes {
		cfg.MaxBytes = MaxBytes
	}
	if cfg.PollEvery <= 0 {
		cfg.PollEvery = time.Minute
	}
	s := &Service{cfg: cfg, log: cfg.Log, tokens: tokens{key: cfg.TokenKey}, from: from, kick: make(chan struct{}, 1)}
	s.ourIDs = regexp.MustCompile(`gc\.[0-9]{1,18}\.[0-9a-f]{12}@` + regexp.QuoteMeta(s.domain()))
	return s, nil
}

func (s *Service) fromAddress() string { return s.from.Address }

// domain is our mail domain: the From address's.
func (s *Service) domain() string {
	_, d, _ := strings.Cut(s.from.Address, "@")
	return d
}

// now is the database clock (tests set it).
func (s *Service) now() time.Time { return s.cfg.DB.Clock()() }

// SupportAddress is the address customers write to.
func (s *Service) SupportAddress() string { return s.from.Address }
