package sandbox

import (
	"context"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/exchange"
)

// DemoRiskKinds is the attack the demo fires by default: a sign-in from a
// new device in another country, then a large withdrawal.
var DemoRiskKinds = []exchange.RiskKind{exchange.RiskNewDeviceSignIn, exchange.RiskLargeWithdrawal}

// RiskEvents makes the risk events the exchange's risk engine would send
// about a demo customer (DemoRiskKinds when kinds is empty), at the
// sandbox's clock, each with a new id. The demo and the tests hand them
// to internal/risk, signed like the real engine's.
func (x *Exchange) RiskEvents(ctx context.Context, userID string, kinds ...exchange.RiskKind) ([]exchange.RiskEvent, error) {
	if len(kinds) == 0 {
		kinds = DemoRiskKinds
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	u, err := x.user(userID)
	if err != nil {
		return nil, err
	}
	// An attacker signs in from far away: a country the user is not in.
	away := "NG"
	if u.Country == away {
		away = "RO"
	}
	now := x.clock()
	var out []exchange.RiskEvent
	for _, k := range kinds {
		x.seq++
		e := exchange.RiskEvent{ID: "sbx-risk-" + strconv.Itoa(x.seq) + "-" + strconv.FormatInt(now.Unix(), 36),
			Kind: k, UserID: userID, At: now}
		switch k {
		case exchange.RiskSignInFailures:
			e.Count, e.IP, e.Country = 37, "102.89.34.17", away
		case exchange.RiskNewDeviceSignIn:
			e.Device, e.IP, e.Country = "Windows 10, Chrome 131", "102.89.34.17", away
		case exchange.RiskPasswordChanged, exchange.RiskTwoFactorReset, exchange.RiskTwoFactorDisabled, exchange.RiskAPIKeyCreated:
			e.Device, e.IP, e.Country = "Windows 10, Chrome 131", "102.89.34.17", away
		case exchange.RiskWithdrawalAddress:
			e.Network, e.Asset, e.Address = "tron", "USDT", external("tron", "attacker")
		case exchange.RiskLargeWithdrawal:
			e.Network, e.Asset, e.Amount, e.Address = "tron", "USDT", "9850", external("tron", "attacker")
		case exchange.RiskFlaggedWithdrawal:
			e.Network, e.Asset, e.Amount, e.Address = "tron", "USDT", "420", external("tron", "scam")
			e.Reason = "the address is on the exchange's list of reported scam addresses"
		case exchange.RiskAccountFrozen:
			e.Reason = "the risk engine froze the account after an unusual withdrawal"
		}
		out = append(out, e)
	}
	return out, nil
}
