package form

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
)

// Chain is what the checks need of the network registry; *chain.Registry
// implements it.
type Chain interface {
	Network(id string) (chain.Network, error)
	Networks() []chain.Network
	ValidateTxID(network, txid string) error
	ValidateAddress(network, address string) error
	ValidateMemo(network, memo string) error
	Identify(text string) chain.Identification
}

var (
	amountPattern     = regexp.MustCompile(`^[0-9]{1,30}(\.[0-9]{1,18})?$`)
	assetPattern      = regexp.MustCompile(`^[A-Z0-9]{2,12}$`)
	withdrawalPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{3,64}$`)
)

// Check checks the values filled in on surface for a ticket about area
// against the form: a field shown there and required for area must be
// present; every defined field's value must be valid for its kind, on the
// network the form names when it names one. It returns the values to
// store, normalised (trimmed, tickers upper-case, network ids as the
// registry spells them). On the API and agent surfaces keys the form does
// not define pass unchanged: an integration may keep its own data in
// custom fields. The widget is anyone on the internet, so there only the
// fields it shows are kept; the rest are dropped, not refused (a field
// removed while the widget was open must not stop the customer's message).
// Errors name the field and never repeat the value, which may be a secret
// pasted in the wrong box.
func Check(fields []Field, c Chain, surface Surface, area string, values map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(values))
	for k, v := range values {
		if surface != Widget || slices.ContainsFunc(fields, func(f Field) bool { return f.Key == k && f.Shows(Widget) }) {
			out[k] = v
		}
	}
	network := ""
	for _, f := range fields {
		if f.Kind == Network && strings.TrimSpace(out[f.Key]) != "" {
			id, err := checkNetwork(c, f, out[f.Key])
			if err != nil {
				return nil, err
			}
			out[f.Key], network = id, id
			break
		}
	}
	for _, f := range fields {
		v := strings.TrimSpace(out[f.Key])
		if v == "" {
			if f.Shows(surface) && f.Required(area) {
				return nil, errs.Field(path(f), "%s is required", f.Label)
			}
			delete(out, f.Key)
			continue
		}
		norm, err := checkValue(c, f, network, v)
		if err != nil {
			return nil, err
		}
		out[f.Key] = norm
	}
	return out, nil
}

func path(f Field) string { return "custom_fields." + f.Key }

func checkValue(c Chain, f Field, network, v string) (string, error) {
	bad := func(format string, args ...any) error {
		return errs.Field(path(f), f.Label+": "+format, args...)
	}
	switch f.Kind {
	case Text:
		if utf8.RuneCountInString(v) > MaxText {
			return "", bad("at most %d characters", MaxText)
		}
	case Amount:
		v = strings.ReplaceAll(v, ",", ".")
		if !amountPattern.MatchString(v) || strings.Trim(v, "0.") == "" {
			return "", bad("write a positive number such as 250 or 0.015")
		}
	case Asset:
		v = strings.ToUpper(v)
		if !assetPattern.MatchString(v) {
			return "", bad("write the asset's ticker, such as USDT or BTC")
		}
	case Network:
		return checkNetwork(c, f, v)
	case WithdrawalID:
		if !withdrawalPattern.MatchString(v) {
			return "", bad("a withdrawal id is 3 to 64 letters, digits, - or _")
		}
	case Select:
		for _, o := range f.Options {
			if strings.EqualFold(o, v) {
				return o, nil
			}
		}
		return "", bad("choose one of %v", f.Options)
	case TxID, Address, Memo:
		return v, checkOnChain(c, f, network, v)
	}
	return v, nil
}

// checkOnChain checks a TxID, address or memo on the form's network. A
// TxID or address that is not valid there but is on another network is
// kept: a deposit sent on the wrong network is exactly what the customer
// needs help with, and the deposit diagnosis names it. One valid nowhere
// is refused, with the reason for the form's network when it has one.
func checkOnChain(c Chain, f Field, network, v string) error {
	var err error
	switch {
	case f.Kind == Memo:
		if network != "" {
			err = c.ValidateMemo(network, v)
		}
	case f.Kind == TxID:
		if network != "" {
			if err = c.ValidateTxID(network, v); err == nil {
				return nil
			}
		}
		if len(c.Identify(v).TxIDs) > 0 {
			return nil
		}
		if err == nil {
			return errs.Field(path(f), "%s: this is not a transaction ID on any network Groundcrew knows", f.Label)
		}
	case f.Kind == Address:
		if network != "" {
			if err = c.ValidateAddress(network, v); err == nil {
				return nil
			}
		}
		if len(c.Identify(v).Addresses) > 0 {
			return nil
		}
		if err == nil {
			return errs.Field(path(f), "%s: this is not an address on any network Groundcrew knows", f.Label)
		}
	}
	if err != nil {
		msg := err.Error()
		if e, ok := errs.As(err); ok {
			msg = e.Msg
		}
		return errs.Field(path(f), "%s: %s", f.Label, msg)
	}
	return nil
}

// checkNetwork accepts a registry id in any case, a network's name, or a
// token standard that names one network only (customers write "TRC20";
// "ERC-20" is on several networks and so names none).
func checkNetwork(c Chain, f Field, v string) (string, error) {
	if n, err := c.Network(strings.ToLower(v)); err == nil {
		return n.ID, nil
	}
	squash := strings.NewReplacer("-", "", " ", "", "_", "")
	want := strings.ToUpper(squash.Replace(v))
	var byStandard []string
	for _, n := range c.Networks() {
		if strings.EqualFold(n.Name, v) {
			return n.ID, nil
		}
		if n.TokenStandard != "" && strings.ToUpper(squash.Replace(n.TokenStandard)) == want {
			byStandard = append(byStandard, n.ID)
		}
	}
	if len(byStandard) == 1 {
		return byStandard[0], nil
	}
	return "", errs.Field(path(f), "%s: not a network Groundcrew knows", f.Label)
}
