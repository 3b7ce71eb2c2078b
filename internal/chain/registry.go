package chain

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// The network table is data, not code: an operator adds a chain or changes
// confirmations by editing a JSON file, never by patching validators.
//
//go:embed networks.json
var embeddedNetworks []byte

// Network is what support needs to know about one chain.
type Network struct {
	ID             string          `json:"id"`
	Name           string          `json:"name"`
	Symbol         string          `json:"symbol"` // native asset
	TokenStandard  string          `json:"token_standard,omitempty"`
	AddressFormats []AddressFormat `json:"address_formats"`
	TxIDFormats    []TxIDFormat    `json:"txid_formats"`
	Memo           MemoRule        `json:"memo"`
	Confirmations  int64           `json:"confirmations"`      // the exchange credits a deposit after this many
	BlockTime      float64         `json:"block_time_seconds"` // average, for "about N minutes" estimates
	ExplorerTx     string          `json:"explorer_tx"`        // URL template with {txid}
	Disabled       bool            `json:"disabled,omitempty"` // an operator may switch off a built-in chain
}

// AddressFormat describes one address encoding a network accepts.
type AddressFormat struct {
	Kind           string   `json:"kind"`
	Versions       []int    `json:"versions,omitempty"`         // base58check version bytes
	HRP            string   `json:"hrp,omitempty"`              // segwit and bech32 human-readable part
	HRPs           []string `json:"hrps,omitempty"`             // cardano: accepted prefixes
	Prefix         string   `json:"prefix,omitempty"`           // cashaddr prefix
	Lengths        []int    `json:"lengths,omitempty"`          // bech32: accepted payload sizes in bytes
	NotDepositHRPs []string `json:"not_deposit_hrps,omitempty"` // valid on the chain but not for deposits
}

// TxIDFormat describes how a network writes transaction IDs.
type TxIDFormat struct {
	Kind string `json:"kind"`
	Case string `json:"case,omitempty"` // how explorers usually print hex: "lower" or "upper"
}

// MemoRule says whether deposits need a memo and what one looks like.
type MemoRule struct {
	Requirement string     `json:"requirement"` // "required", "optional" or "none"
	Label       string     `json:"label,omitempty"`
	Kinds       []MemoKind `json:"kinds,omitempty"` // any one of these is acceptable
}

// MemoKind is one acceptable shape of memo.
type MemoKind struct {
	Kind     string `json:"kind"` // "uint32", "uint64" or "text"
	MaxBytes int    `json:"max_bytes,omitempty"`
}

func (m MemoRule) label() string {
	if m.Label == "" {
		return "memo"
	}
	return m.Label
}

// Memo requirements.
const (
	MemoRequired = "required"
	MemoOptional = "optional"
	MemoNone     = "none"
)

// ExplorerURL is the block-explorer page for txid.
func (n Network) ExplorerURL(txid string) string {
	return strings.ReplaceAll(n.ExplorerTx, "{txid}", url.PathEscape(txid))
}

// TimeToConfirm estimates how long until a deposit with have confirmations
// reaches the number the exchange needs, from the average block time.
func (n Network) TimeToConfirm(have int64) time.Duration {
	left := n.Confirmations - have
	if left <= 0 {
		return 0
	}
	return time.Duration(float64(left) * n.BlockTime * float64(time.Second))
}

// Registry is the set of networks the exchange supports. It is read-only
// after LoadRegistry, so one value is safely shared by every request.
type Registry struct {
	networks []Network // in file order, disabled ones removed
	byID     map[string]int
}

type registryFile struct {
	Networks []json.RawMessage `json:"networks"`
}

var networkID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// LoadRegistry reads the built-in network table and, when overridePath is
// set, merges the operator's file over it: an entry whose id exists changes
// only the fields it names; a new id adds a network.
func LoadRegistry(overridePath string) (*Registry, error) {
	var override []byte
	if overridePath != "" {
		b, err := os.ReadFile(overridePath)
		if err != nil {
			return nil, fmt.Errorf("chain: read network overrides: %w", err)
		}
		override = b
	}
	r, err := parseRegistry(embeddedNetworks, override)
	if err != nil {
		return nil, fmt.Errorf("chain: load networks (overrides %q): %w", overridePath, err)
	}
	return r, nil
}

func parseRegistry(base, override []byte) (*Registry, error) {
	var list []Network
	index := map[string]int{}
	for i, doc := range [][]byte{base, override} {
		if doc == nil {
			continue
		}
		var f registryFile
		if err := strictUnmarshal(doc, &f); err != nil {
			return nil, fmt.Errorf("network file: %w", err)
		}
		for _, raw := range f.Networks {
			var head struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(raw, &head); err != nil {
				return nil, fmt.Errorf("network entry: %w", err)
			}
			at, exists := index[head.ID]
			if exists && i == 0 {
				return nil, fmt.Errorf("network %q is listed twice", head.ID)
			}
			var n Network
			if exists {
				n = list[at] // unmarshalling over a copy keeps the fields the override leaves out
			}
			if err := strictUnmarshal(raw, &n); err != nil {
				return nil, fmt.Errorf("network %q: %w", head.ID, err)
			}
			if exists {
				list[at] = n
			} else {
				index[head.ID] = len(list)
				list = append(list, n)
			}
		}
	}
	r := &Registry{byID: map[string]int{}}
	for _, n := range list {
		if err := checkNetwork(n); err != nil {
			return nil, fmt.Errorf("network %q: %w", n.ID, err)
		}
		if n.Disabled {
			continue
		}
		r.byID[n.ID] = len(r.networks)
		r.networks = append(r.networks, n)
	}
	return r, nil
}

func strictUnmarshal(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields() // a misspelt field in an operator file must not pass silently
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("data after the JSON document")
	}
	return nil
}

// checkNetwork refuses a table the validators could not use, so a bad
// operator file stops start-up instead of failing every deposit later.
func checkNetwork(n Network) error {
	switch {
	case !networkID.MatchString(n.ID):
		return fmt.Errorf("id must be lower-case letters, digits and dashes")
	case n.Name == "" || n.Symbol == "":
		return fmt.Errorf("name and symbol are required")
	case len(n.AddressFormats) == 0 || len(n.TxIDFormats) == 0:
		return fmt.Errorf("at least one address format and one txid format are required")
	case n.Confirmations < 1:
		return fmt.Errorf("confirmations must be at least 1")
	case !(n.BlockTime > 0):
		return fmt.Errorf("block_time_seconds must be positive")
	case !strings.Contains(n.ExplorerTx, "{txid}"):
		return fmt.Errorf("explorer_tx must contain {txid}")
	}
	for _, f := range n.AddressFormats {
		if err := checkAddressFormat(f); err != nil {
			return fmt.Errorf("address format %q: %w", f.Kind, err)
		}
	}
	for _, f := range n.TxIDFormats {
		if !txidKinds[f.Kind] {
			return fmt.Errorf("unknown txid format %q", f.Kind)
		}
	}
	switch n.Memo.Requirement {
	case MemoNone:
		if len(n.Memo.Kinds) > 0 {
			return fmt.Errorf("memo kinds given but memo requirement is none")
		}
	case MemoRequired, MemoOptional:
		if len(n.Memo.Kinds) == 0 {
			return fmt.Errorf("memo requirement %q needs at least one memo kind", n.Memo.Requirement)
		}
	default:
		return fmt.Errorf("memo requirement must be required, optional or none")
	}
	for _, k := range n.Memo.Kinds {
		switch {
		case k.Kind == "text" && k.MaxBytes < 1:
			return fmt.Errorf("text memo needs max_bytes")
		case k.Kind != "text" && k.Kind != "uint32" && k.Kind != "uint64":
			return fmt.Errorf("unknown memo kind %q", k.Kind)
		}
	}
	return nil
}

func checkAddressFormat(f AddressFormat) error {
	switch f.Kind {
	case "base58check":
		if len(f.Versions) == 0 {
			return fmt.Errorf("versions are required")
		}
		for _, v := range f.Versions {
			if v < 0 || v > 255 {
				return fmt.Errorf("version %d is not a byte", v)
			}
		}
	case "segwit":
		if f.HRP == "" {
			return fmt.Errorf("hrp is required")
		}
	case "bech32":
		if f.HRP == "" || len(f.Lengths) == 0 {
			return fmt.Errorf("hrp and lengths are required")
		}
	case "cardano":
		if len(f.HRPs) == 0 {
			return fmt.Errorf("hrps are required")
		}
	case "cashaddr":
		if f.Prefix == "" {
			return fmt.Errorf("prefix is required")
		}
	case "evm", "tron", "solana", "xrp", "stellar", "ton":
	default:
		return fmt.Errorf("unknown kind")
	}
	if f.HRP != strings.ToLower(f.HRP) || f.Prefix != strings.ToLower(f.Prefix) {
		return fmt.Errorf("hrp and prefix must be lower case")
	}
	return nil
}

// Networks lists the enabled networks in table order. Callers must not
// modify the slices inside.
func (r *Registry) Networks() []Network {
	return append([]Network(nil), r.networks...)
}

// Network returns the network with the given id, or an errs.Invalid error
// naming the field, since an unknown network is always the caller's input.
func (r *Registry) Network(id string) (Network, error) {
	i, ok := r.byID[id]
	if !ok {
		return Network{}, errs.Field("network", "unknown network %q", id)
	}
	return r.networks[i], nil
}
