package nlu

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/store"
)

// flushEvery is how often a node writes its intent counters.
const flushEvery = 10 * time.Second

// countWindow is how far back the intents page counts.
const countWindow = 30 * 24 * time.Hour

// Service is the analyser with its operators' training and its counters:
// the one the bot and the API use. Every node has one; each retrains when
// any node changes the training (TrainingChangedTopic).
type Service struct {
	Analyzer *Analyzer
	Store    *Store
	log      *slog.Logger
	clock    func() time.Time
	retrain  chan struct{}

	mu      sync.Mutex
	pending map[string]int64 // analyses per intent not yet written
}

// NewService builds the analyser on the built-in phrases; Start adds the
// operators' phrases.
func NewService(db *store.DB, registry *chain.Registry, log *slog.Logger) *Service {
	s := &Service{Store: &Store{DB: db}, log: log, clock: db.Clock(), retrain: make(chan struct{}, 1), pending: map[string]int64{}}
	s.Analyzer = New(registry, WithObserver(s.record))
	return s
}

// record counts one analysis the bot made.
func (s *Service) record(a Analysis) {
	s.mu.Lock()
	s.pending[a.Intent]++
	s.mu.Unlock()
}

// Start trains on the stored phrases and subscribes to training changes.
func (s *Service) Start(ctx context.Context, b *bus.Bus) error {
	if err := b.Subscribe(ctx, bus.SubjectPrefix+TrainingChangedTopic.Name, func(store.Event) { s.RequestRetrain() }); err != nil {
		return fmt.Errorf("nlu start: %w", err)
	}
	return s.Retrain(ctx)
}

// RequestRetrain asks Run to retrain soon; requests made while one is
// pending coalesce.
func (s *Service) RequestRetrain() {
	select {
	case s.retrain <- struct{}{}:
	default:
	}
}

// Run retrains on request and writes the counters every flushEvery, until
// ctx ends; then it writes them once more.
func (s *Service) Run(ctx context.Context) {
	t := time.NewTicker(flushEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := s.Flush(fctx); err != nil {
				s.log.Error("nlu: write intent counters", "err", err)
			}
			return
		case <-s.retrain:
			if err := s.Retrain(ctx); err != nil && ctx.Err() == nil {
				s.log.Error("nlu: retrain", "err", err)
			}
		case <-t.C:
			if err := s.Flush(ctx); err != nil && ctx.Err() == nil {
				s.log.Error("nlu: write intent counters", "err", err)
			}
		}
	}
}

// Retrain reloads the operators' phrases and swaps in a new model.
func (s *Service) Retrain(ctx context.Context) error {
	stored, err := s.Store.Phrases(ctx, "")
	if err != nil {
		return err
	}
	extra := make([]Phrase, len(stored))
	for i, p := range stored {
		extra[i] = Phrase{Intent: p.Intent, Lang: p.Lang, Text: p.Text}
	}
	s.Analyzer.Retrain(extra)
	return nil
}

// Flush writes the counted analyses. On failure they are kept for the next
// try.
func (s *Service) Flush(ctx context.Context) error {
	s.mu.Lock()
	batch := s.pending
	s.pending = map[string]int64{}
	s.mu.Unlock()
	if err := s.Store.AddCounts(ctx, s.clock(), batch); err != nil {
		s.mu.Lock()
		for k, n := range batch {
			s.pending[k] += n
		}
		s.mu.Unlock()
		return err
	}
	return nil
}

// IntentInfo is one intent on the admin page and in the API.
type IntentInfo struct {
	Name           string `json:"name"`
	Builtin        bool   `json:"builtin"`
	Description    string `json:"description"`
	BuiltinPhrases int    `json:"builtin_phrases"`
	AddedPhrases   int    `json:"added_phrases"`
	Fired30d       int64  `json:"fired_30d"` // analyses the bot made in the last 30 days, this node's unwritten ones included
}

// Intents lists every intent, built-in first.
func (s *Service) Intents(ctx context.Context) ([]IntentInfo, error) {
	custom, err := s.Store.CustomIntents(ctx)
	if err != nil {
		return nil, err
	}
	added, err := s.Store.Phrases(ctx, "")
	if err != nil {
		return nil, err
	}
	fired, err := s.Store.Fired(ctx, s.clock().Add(-countWindow))
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	for k, n := range s.pending {
		fired[k] += n
	}
	s.mu.Unlock()
	builtin := map[string]int{}
	for _, p := range builtinPhrases() {
		builtin[p.Intent]++
	}
	addedN := map[string]int{}
	for _, p := range added {
		addedN[p.Intent]++
	}
	out := make([]IntentInfo, 0, len(DefaultIntents)+len(custom))
	for _, name := range DefaultIntents {
		out = append(out, IntentInfo{Name: name, Builtin: true, BuiltinPhrases: builtin[name], AddedPhrases: addedN[name], Fired30d: fired[name]})
	}
	for _, c := range custom {
		out = append(out, IntentInfo{Name: c.Name, Description: c.Description, AddedPhrases: addedN[c.Name], Fired30d: fired[c.Name]})
	}
	return out, nil
}

// IntentDetail is one intent with its phrases.
type IntentDetail struct {
	IntentInfo
	BuiltinList []Phrase       `json:"builtin_phrases_list"`
	AddedList   []StoredPhrase `json:"added_phrases_list"`
}

// Intent returns one intent with its phrases.
func (s *Service) Intent(ctx context.Context, name string) (IntentDetail, error) {
	all, err := s.Intents(ctx)
	if err != nil {
		return IntentDetail{}, err
	}
	i := slices.IndexFunc(all, func(x IntentInfo) bool { return x.Name == name })
	if i < 0 {
		return IntentDetail{}, errNoIntent(name)
	}
	d := IntentDetail{IntentInfo: all[i], BuiltinList: []Phrase{}}
	for _, p := range builtinPhrases() {
		if p.Intent == name {
			d.BuiltinList = append(d.BuiltinList, p)
		}
	}
	if d.AddedList, err = s.Store.Phrases(ctx, name); err != nil {
		return IntentDetail{}, err
	}
	return d, nil
}

// AddIntent adds an intent (Store.AddIntent).
func (s *Service) AddIntent(ctx context.Context, c CustomIntent) (CustomIntent, error) {
	return s.Store.AddIntent(ctx, c)
}

// RemoveIntent removes an added intent and its phrases (Store.RemoveIntent).
func (s *Service) RemoveIntent(ctx context.Context, name string) error {
	return s.Store.RemoveIntent(ctx, name)
}

// AddPhrase adds a training phrase (Store.AddPhrase).
func (s *Service) AddPhrase(ctx context.Context, in NewPhrase) (StoredPhrase, error) {
	return s.Store.AddPhrase(ctx, in)
}

// RemovePhrase removes an added phrase (Store.RemovePhrase).
func (s *Service) RemovePhrase(ctx context.Context, id int64) error {
	return s.Store.RemovePhrase(ctx, id)
}

// Inspect analyses text without counting it (Analyzer.Inspect).
func (s *Service) Inspect(ctx context.Context, text, pageLang string) Analysis {
	return s.Analyzer.Inspect(ctx, text, pageLang)
}
