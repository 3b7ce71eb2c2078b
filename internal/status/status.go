// Package status is the public status page and incident mode: components
// (each network of the chain registry and each product area), incidents and
// scheduled maintenance with updates in the 17 languages, the automatic
// feed from the chain clients and the exchange, the tickets an incident
// brings, and e-mail subscriptions per network.
package status

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// State is a component's state on the status page. The order of States is
// their severity: a component shows the worst state of what affects it.
type State string

const (
	Operational          State = "operational"
	Maintenance          State = "maintenance"
	Degraded             State = "degraded"
	DepositsDelayed      State = "deposits_delayed"
	WithdrawalsSuspended State = "withdrawals_suspended"
)

// States lists the states, least severe first.
var States = []State{Operational, Maintenance, Degraded, DepositsDelayed, WithdrawalsSuspended}

// Impacts are the states an incident may give its components.
var Impacts = []State{Degraded, DepositsDelayed, WithdrawalsSuspended, Maintenance}

// worse is the more severe of a and b.
func worse(a, b State) State {
	if slices.Index(States, b) > slices.Index(States, a) {
		return b
	}
	return a
}

// Kinds of incident.
const (
	KindIncident    = "incident"
	KindMaintenance = "maintenance"
)

// Incident and maintenance states. Maintenance is scheduled until it
// starts; an incident is open from the start.
const (
	Scheduled = "scheduled"
	Open      = "open"
	Resolved  = "resolved"
)

// SourceOperator marks an incident an operator opened; automatic ones name
// their feed (watch:tron:stalled).
const SourceOperator = "operator"

// Component keys: "network:" + a registry network id, "product:" + a
// ticket product area.
const (
	NetworkPrefix = "network:"
	ProductPrefix = "product:"
)

// Component is one line of the status page.
type Component struct {
	Key   string `json:"key"`
	Group string `json:"group"` // network or product
	ID    string `json:"id"`    // the network id or product area
	Name  string `json:"name"`  // the network's name; the product area's English name
	State State  `json:"state"`
}

// Incident is an incident or a scheduled maintenance.
type Incident struct {
	ID         int64             `json:"id"`
	Kind       string            `json:"kind"`
	State      string            `json:"state"`
	Impact     State             `json:"impact"`
	Source     string            `json:"source"`
	Asset      string            `json:"asset,omitempty"`
	Titles     map[string]string `json:"titles"`
	Components []string          `json:"components"`
	StartsAt   time.Time         `json:"starts_at"`
	EndsAt     *time.Time        `json:"ends_at,omitempty"`
	CreatedAt  time.Time         `json:"created_at"`
	ResolvedAt *time.Time        `json:"resolved_at,omitempty"`
	Updates    []Update          `json:"updates"`
	Tickets    int               `json:"tickets"` // how many tickets it brought

	firstTicket  int64 // tickets from this id on are new to it
	firstMessage int64 // and messages
}

// Update is one update of an incident.
type Update struct {
	ID     int64             `json:"id"`
	State  string            `json:"state"`
	Bodies map[string]string `json:"bodies"`
	Author string            `json:"author,omitempty"`
	At     time.Time         `json:"at"`
}

// Title is the incident's title in lang, else in English.
func (in Incident) Title(lang string) string { return inLang(in.Titles, lang) }

// Latest is the newest update, if any.
func (in Incident) Latest() (Update, bool) {
	if len(in.Updates) == 0 {
		return Update{}, false
	}
	return in.Updates[len(in.Updates)-1], true
}

// Body is the update's text in lang, else in English.
func (u Update) Body(lang string) string { return inLang(u.Bodies, lang) }

// Affects reports whether the incident touches component key.
func (in Incident) Affects(key string) bool { return slices.Contains(in.Components, key) }

// Active: open, or maintenance whose window has started.
func (in Incident) Active(now time.Time) bool {
	switch in.State {
	case Open:
		return true
	case Scheduled:
		return !now.Before(in.StartsAt)
	}
	return false
}

func inLang(texts map[string]string, lang string) string {
	if t, ok := texts[lang]; ok && t != "" {
		return t
	}
	return texts[SourceLang]
}

// SourceLang is the language every incident text has.
const SourceLang = "en"

// Text limits.
const (
	MaxTitle = 200
	MaxBody  = 4000
)

// NewIncident opens an incident, or schedules maintenance.
type NewIncident struct {
	Kind       string            `json:"kind"`   // incident (default) or maintenance
	Impact     State             `json:"impact"` // default degraded; maintenance for maintenance
	Asset      string            `json:"asset"`  // e.g. USDT; "" for the whole network
	Titles     map[string]string `json:"titles"` // English required
	Bodies     map[string]string `json:"bodies"` // the first update; English required
	Components []string          `json:"components"`
	StartsAt   time.Time         `json:"starts_at"` // maintenance: when it starts
	EndsAt     time.Time         `json:"ends_at"`   // maintenance: when it should end
	Source     string            `json:"-"`         // set by the automatic feed
	Author     string            `json:"-"`
}

// NewUpdate posts an update on an incident.
type NewUpdate struct {
	Bodies map[string]string `json:"bodies"`
	Author string            `json:"-"`
}

// checkTexts validates a language -> text map: English present, languages
// among the 17, lengths bounded. Text is plain: pages escape it.
func checkTexts(field string, texts map[string]string, max int) (map[string]string, error) {
	out := make(map[string]string, len(texts))
	for lang, t := range texts {
		if !slices.Contains(ticket.Languages, lang) {
			return nil, errs.Field(field, "%s: %q is not one of the 17 languages", field, lang)
		}
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if !utf8.ValidString(t) || utf8.RuneCountInString(t) > max {
			return nil, errs.Field(field, "%s.%s must be valid text of at most %d characters", field, lang, max)
		}
		out[lang] = t
	}
	if out[SourceLang] == "" {
		return nil, errs.Field(field, "%s needs the English text (en); other languages fall back to it", field)
	}
	return out, nil
}

func (in *NewIncident) validate(known func(string) bool, now time.Time) error {
	if in.Kind == "" {
		in.Kind = KindIncident
	}
	switch in.Kind {
	case KindIncident:
		if in.Impact == "" {
			in.Impact = Degraded
		}
		if in.StartsAt.IsZero() {
			in.StartsAt = now
		}
	case KindMaintenance:
		in.Impact = Maintenance
		if in.StartsAt.IsZero() || !in.EndsAt.After(in.StartsAt) {
			return errs.Field("ends_at", "maintenance needs starts_at and a later ends_at")
		}
	default:
		return errs.Field("kind", "kind must be incident or maintenance")
	}
	if !slices.Contains(Impacts, in.Impact) {
		return errs.Field("impact", "impact must be one of degraded, deposits_delayed, withdrawals_suspended, maintenance")
	}
	in.Asset = strings.ToUpper(strings.TrimSpace(in.Asset))
	if len(in.Asset) > 20 || strings.ContainsAny(in.Asset, " <>\"'&") {
		return errs.Field("asset", "asset must be a symbol such as USDT")
	}
	var err error
	if in.Titles, err = checkTexts("titles", in.Titles, MaxTitle); err != nil {
		return err
	}
	if in.Bodies, err = checkTexts("bodies", in.Bodies, MaxBody); err != nil {
		return err
	}
	if len(in.Components) == 0 {
		return errs.Field("components", "name at least one component (network:tron, product:withdrawals)")
	}
	slices.Sort(in.Components)
	in.Components = slices.Compact(in.Components)
	for _, c := range in.Components {
		if !known(c) {
			return errs.Field("components", "unknown component %q", c)
		}
	}
	return nil
}

// LatestText is the newest update's text in lang ("" without updates).
func (in Incident) LatestText(lang string) string {
	u, _ := in.Latest()
	return u.Body(lang)
}
