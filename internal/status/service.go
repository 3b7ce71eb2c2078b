package status

import (
	"context"
	"crypto/rand"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Auditor records who changed what (audit.Log).
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// Tickets is what incident mode does to tickets (ticket.Store).
type Tickets interface {
	Get(ctx context.Context, v ticket.Viewer, id int64) (ticket.Ticket, error)
	OpenEventBody(ctx context.Context, ev ticket.MessageCreatedEvent) (string, error)
	SystemReply(ctx context.Context, id int64, body string) (ticket.Message, error)
	SystemUpdate(ctx context.Context, id int64, u ticket.Update, actor, reason string) (ticket.Ticket, error)
}

// Network is a chain registry network as the status page names it.
type Network struct {
	ID, Name, Symbol string
	Aliases          []string // other names customers use: the token standard (TRC-20)
}

// Config builds a Service.
type Config struct {
	DB       *store.DB
	Audit    Auditor
	Tickets  Tickets   // nil: incident mode links no tickets
	Networks []Network // the chain registry's networks, in its order
	Notifier Notifier  // nil: LogNotifier
	Log      *slog.Logger
	// PublicURL is where customers reach this server (links in feeds and
	// e-mails), e.g. https://support.exchange.example.
	PublicURL string
	// Reminders are how long before scheduled maintenance subscribers are
	// reminded; default 24 h and 1 h.
	Reminders []time.Duration
	// Screen refuses titles and updates that the outbound guard refuses
	// (*published.Screen): every customer reads them. nil screens nothing.
	Screen Screen
	// LinkKeys sign the unsubscribe links of status mails, the key to sign
	// with first; a link signed with any of them works, so one in a
	// months-old mail still unsubscribes after a key is added. The server
	// derives them from the encryption keyring. Empty: a random key, and
	// links work until the process restarts (tests).
	LinkKeys [][]byte
}

// Screen checks text customers will read; fields maps an input field to
// its text, kind and id name what is saved for the audit.
type Screen interface {
	Check(ctx context.Context, kind, id string, fields map[string]string) error
}

// Service keeps incidents and the cached status page.
type Service struct {
	db         *store.DB
	audit      Auditor
	tickets    Tickets
	notifier   Notifier
	log        *slog.Logger
	publicURL  string
	reminders  []time.Duration
	networks   []Network
	screen     Screen
	linkKeys   [][]byte
	components []Component // every component, operational
	known      map[string]bool

	snap    atomic.Pointer[Snapshot]
	rebuild sync.Mutex // one rebuild at a time
	gen     atomic.Int64
}

// New builds the Service; Start subscribes it to the bus.
func New(cfg Config) *Service {
	s := &Service{db: cfg.DB, audit: cfg.Audit, tickets: cfg.Tickets, notifier: cfg.Notifier, log: cfg.Log, screen: cfg.Screen,
		publicURL: cfg.PublicURL, reminders: cfg.Reminders, networks: cfg.Networks, known: map[string]bool{}, linkKeys: cfg.LinkKeys}
	if len(s.linkKeys) == 0 {
		key := make([]byte, 32)
		_, _ = rand.Read(key)
		s.linkKeys = [][]byte{key}
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.notifier == nil {
		s.notifier = LogNotifier{Log: s.log}
	}
	if len(s.reminders) == 0 {
		s.reminders = []time.Duration{24 * time.Hour, time.Hour}
	}
	slices.SortFunc(s.reminders, func(a, b time.Duration) int { return int(b - a) })
	for _, n := range cfg.Networks {
		s.components = append(s.components, Component{Key: NetworkPrefix + n.ID, Group: "network", ID: n.ID, Name: n.Name, State: Operational})
	}
	for _, a := range ticket.ProductAreas {
		if a == "other" { // not a product customers can check on
			continue
		}
		s.components = append(s.components, Component{Key: ProductPrefix + a, Group: "product", ID: a, Name: areaNames[SourceLang][a], State: Operational})
	}
	for _, c := range s.components {
		s.known[c.Key] = true
	}
	return s
}

// KnownComponent reports whether key names a component of the page.
func (s *Service) KnownComponent(key string) bool { return s.known[key] }

// Components lists every component, operational, in page order.
func (s *Service) Components() []Component { return slices.Clone(s.components) }

// now is the database's clock (a test clock in tests).
func (s *Service) now() time.Time { return store.Time(s.db.Now()) }

// networkName is a network's name, or its id when unknown.
func (s *Service) networkName(id string) string {
	for _, n := range s.networks {
		if n.ID == id {
			return n.Name
		}
	}
	return id
}
