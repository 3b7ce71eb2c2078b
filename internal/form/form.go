// Package form holds the ticket form: the fields admins define (asset,
// network, TxID, amount, withdrawal id and their own), where each shows
// (the chat widget's pre-chat form, the API, the agent's new-ticket form)
// and in which product areas it is required. Values are checked here, TxIDs
// and addresses against the chain registry, and stored in the ticket's
// custom fields under the field's key, so routing and the bot read them and
// the customer is not asked twice.
package form

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Surface is where a form is filled in.
type Surface string

const (
	Widget Surface = "widget" // the customer's pre-chat form
	API    Surface = "api"    // integrations creating tickets
	Agent  Surface = "agent"  // the agent's new-ticket form
)

// Surfaces lists every surface.
var Surfaces = []Surface{Widget, API, Agent}

// Kind says what a field holds and how it is checked.
type Kind string

const (
	Text         Kind = "text"          // free text, at most MaxText characters
	Amount       Kind = "amount"        // a positive decimal number
	Asset        Kind = "asset"         // a ticker such as USDT
	Network      Kind = "network"       // a network id of the chain registry
	TxID         Kind = "txid"          // valid on the ticket's network, or on some network
	Address      Kind = "address"       // likewise
	Memo         Kind = "memo"          // a memo or tag, checked when the network is known
	WithdrawalID Kind = "withdrawal_id" // the exchange's reference: letters, digits, - and _
	Select       Kind = "select"        // one of Options
)

// Kinds lists every kind.
var Kinds = []Kind{Text, Amount, Asset, Network, TxID, Address, Memo, WithdrawalID, Select}

// AllAreas in RequiredIn makes a field required in every product area.
const AllAreas = "*"

// MaxText bounds a text value, in characters.
const MaxText = 500

// Field is one field of the ticket form.
type Field struct {
	Key        string            `json:"key"`    // the custom field it fills
	Kind       Kind              `json:"kind"`   //
	Label      string            `json:"label"`  // English, for agents
	Labels     map[string]string `json:"labels"` // by language, for customers; English is the fallback
	Options    []string          `json:"options,omitempty"`
	Surfaces   []Surface         `json:"surfaces"`    // where it shows
	RequiredIn []string          `json:"required_in"` // product areas, or "*"
	Position   int               `json:"position"`
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Validate checks a definition an admin sends. areas are the product areas
// a field may be required in.
func (f *Field) Validate(areas []string) error {
	switch {
	case !keyPattern.MatchString(f.Key):
		return errs.Field("key", "a field key is 1 to 40 lower-case letters, digits or _, starting with a letter")
	case !slices.Contains(Kinds, f.Kind):
		return errs.Field("kind", "kind must be one of %v", Kinds)
	case strings.TrimSpace(f.Label) == "" || utf8.RuneCountInString(f.Label) > 80:
		return errs.Field("label", "a label is 1 to 80 characters")
	case f.Kind == Select && len(f.Options) == 0:
		return errs.Field("options", "a select field needs at least one option")
	case f.Kind != Select && len(f.Options) > 0:
		return errs.Field("options", "only a select field has options")
	case len(f.Options) > 50:
		return errs.Field("options", "at most 50 options")
	}
	for _, o := range f.Options {
		if strings.TrimSpace(o) == "" || utf8.RuneCountInString(o) > 80 {
			return errs.Field("options", "an option is 1 to 80 characters")
		}
	}
	for lang, l := range f.Labels {
		if len(lang) < 2 || len(lang) > 5 || strings.TrimSpace(l) == "" || utf8.RuneCountInString(l) > 80 {
			return errs.Field("labels", "labels map a language code to 1 to 80 characters")
		}
	}
	for _, s := range f.Surfaces {
		if !slices.Contains(Surfaces, s) {
			return errs.Field("surfaces", "surfaces are %v", Surfaces)
		}
	}
	for _, a := range f.RequiredIn {
		if a != AllAreas && !slices.Contains(areas, a) {
			return errs.Field("required_in", "%q is not a product area (%v, or %q for all)", a, areas, AllAreas)
		}
	}
	if f.Labels == nil {
		f.Labels = map[string]string{}
	}
	if f.Surfaces == nil {
		f.Surfaces = []Surface{}
	}
	if f.RequiredIn == nil {
		f.RequiredIn = []string{}
	}
	return nil
}

// Shows reports whether f is on surface s.
func (f Field) Shows(s Surface) bool { return slices.Contains(f.Surfaces, s) }

// Required reports whether f must be filled in for product area area.
func (f Field) Required(area string) bool {
	return slices.Contains(f.RequiredIn, AllAreas) || slices.Contains(f.RequiredIn, area)
}

// LabelIn is f's label in language lang, or English.
func (f Field) LabelIn(lang string) string {
	if l := f.Labels[lang]; l != "" {
		return l
	}
	if l := f.Labels["en"]; l != "" {
		return l
	}
	return f.Label
}

func (f Field) String() string { return fmt.Sprintf("%s (%s)", f.Key, f.Kind) }
