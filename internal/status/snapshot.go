package status

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Snapshot is the status page's state at one moment: every node builds it
// from the database and rebuilds it on any status event, so reads (the
// page, the banner, the bot's answer) never touch the database.
type Snapshot struct {
	Built      time.Time   `json:"updated_at"`
	Components []Component `json:"components"`
	Active     []Incident  `json:"active"`   // open incidents and maintenance under way
	Upcoming   []Incident  `json:"upcoming"` // scheduled maintenance
	Recent     []Incident  `json:"recent"`   // resolved in the last RecentDays
	Gen        int64       `json:"-"`

	rendered sync.Map // cache key (page and language) → *rendered
}

// RecentDays is how far back the page lists resolved incidents.
const RecentDays = 14

// Overall is the worst state of any component.
func (sn *Snapshot) Overall() State {
	st := Operational
	for _, c := range sn.Components {
		st = worse(st, c.State)
	}
	return st
}

// Current is the snapshot, built on first use.
func (s *Service) Current(ctx context.Context) *Snapshot {
	if sn := s.snap.Load(); sn != nil {
		return sn
	}
	s.Refresh(ctx)
	if sn := s.snap.Load(); sn != nil {
		return sn
	}
	return s.build(nil) // the database failed: an all-operational page rather than none
}

// Refresh rebuilds the snapshot from the database now. A failure keeps the
// old one (and is logged): the page stays up while the database is not.
func (s *Service) Refresh(ctx context.Context) {
	s.rebuild.Lock()
	defer s.rebuild.Unlock()
	list, err := s.incidents(ctx, `i.state <> 'resolved' OR i.resolved_at > ?`, s.now().Add(-RecentDays*24*time.Hour).UnixMilli())
	if err != nil {
		s.log.Error("status: rebuild the page", "err", err)
		return
	}
	s.snap.Store(s.build(list))
}

func (s *Service) build(list []Incident) *Snapshot {
	sn := &Snapshot{Built: s.now(), Components: slices.Clone(s.components), Gen: s.gen.Add(1)}
	for _, in := range list {
		switch {
		case in.State == Open:
			sn.Active = append(sn.Active, in)
		case in.State == Scheduled:
			sn.Upcoming = append(sn.Upcoming, in)
		default:
			sn.Recent = append(sn.Recent, in)
		}
	}
	slices.SortFunc(sn.Upcoming, func(a, b Incident) int { return a.StartsAt.Compare(b.StartsAt) })
	for i, c := range sn.Components {
		for _, in := range sn.Active {
			if in.Affects(c.Key) {
				sn.Components[i].State = worse(sn.Components[i].State, in.Impact)
			}
		}
	}
	return sn
}

// Start keeps this node's snapshot current: any status event from any
// node rebuilds it. Events that come while a rebuild runs are coalesced
// into one more, so a burst (a thousand tickets linked) costs two.
func (s *Service) Start(ctx context.Context, b *bus.Bus) error {
	kick := make(chan struct{}, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-kick:
				s.Refresh(ctx)
			}
		}
	}()
	return b.Subscribe(ctx, bus.SubjectPrefix+"status.>", func(store.Event) {
		select {
		case kick <- struct{}{}:
		default:
		}
	})
}

// OpenIncidentFor is the newest active incident that concerns a network
// (registry id), an asset (symbol) or a product area; any of the three may
// be empty. An incident on one asset of a network concerns that asset (or
// a question that names no asset); one on a whole network concerns every
// asset on it. The bot answers from it.
func (s *Service) OpenIncidentFor(network, asset, productArea string) (Incident, bool) {
	for _, in := range s.Current(context.Background()).Active {
		if in.concerns(network, asset, productArea) {
			return in, true
		}
	}
	return Incident{}, false
}

func (in Incident) concerns(network, asset, productArea string) bool {
	if productArea != "" && in.Affects(ProductPrefix+productArea) {
		return true
	}
	if network == "" || !in.Affects(NetworkPrefix+network) {
		return false
	}
	return in.Asset == "" || asset == "" || strings.EqualFold(in.Asset, asset)
}

// Banner is what the widget and the help center show while an incident is
// open: the newest active incident's title and latest update in lang.
type Banner struct {
	Title, Text, Href string
	State             State
}

// BannerFor is the banner in lang, if an incident is active.
func (s *Service) BannerFor(lang string) (Banner, bool) {
	sn := s.Current(context.Background())
	if len(sn.Active) == 0 {
		return Banner{}, false
	}
	in := sn.Active[0]
	b := Banner{Title: in.Title(lang), Href: "/status?lang=" + langOr(lang), State: in.Impact}
	if u, ok := in.Latest(); ok && u.Body(lang) != b.Title {
		b.Text = u.Body(lang) // an automatic incident's update repeats its title
	}
	return b, true
}

// Link is the status page's name and address in lang, for other pages'
// links to it (the help center's footer).
func (s *Service) Link(lang string) (label, href string) {
	lang = langOr(lang)
	return text(lang).Title, "/status?lang=" + lang
}
