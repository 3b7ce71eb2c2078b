package server

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/guard"
)

// openOfficial builds the official-channel registry, which finds agents by
// their verification codes through auth, and the rate limits.
func (a *App) openOfficial() {
	a.official = guard.NewOfficial(a.db, a.audit, agentDirectory{a.auth}, a.cfg.ReportAddress)
	a.limits = newLimits(a.cfg.RateLimits)
}

// agentDirectory tells the verification check who holds a code: the
// agent's first name and team names, nothing else.
type agentDirectory struct{ auth *auth.Service }

func (d agentDirectory) AgentByVerificationCode(ctx context.Context, code string) (guard.VerifiedAgent, error) {
	ag, err := d.auth.AgentByVerificationCode(ctx, code)
	if err != nil {
		return guard.VerifiedAgent{}, err
	}
	var teams []string
	for _, id := range ag.Teams {
		t, err := d.auth.Team(ctx, id)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return guard.VerifiedAgent{}, err
		}
		if err == nil {
			teams = append(teams, t.Name)
		}
	}
	return guard.VerifiedAgent{ID: ag.ID, FirstName: ag.FirstName(), Team: strings.Join(teams, ", ")}, nil
}

// DemoExchangeDomain is the sandbox exchange's own domain in the demo.
const DemoExchangeDomain = "groundcrew.example"

// DemoTelegram is the demo's official Telegram account.
const DemoTelegram = "@GroundcrewExchangeSupport"

// demoChannels are the official channels a demo database starts with.
func (a *App) demoChannels() []guard.NewChannel {
	out := []guard.NewChannel{
		{Kind: guard.ChannelEmail, Value: "support@" + DemoExchangeDomain, Label: "Support team e-mail"},
		{Kind: guard.ChannelEmail, Value: "security@" + DemoExchangeDomain, Label: "Security team: report phishing and impersonators here"},
		{Kind: guard.ChannelEmailDomain, Value: DemoExchangeDomain, Label: "Every address at our e-mail domain"},
		{Kind: guard.ChannelURLDomain, Value: DemoExchangeDomain, Label: "The exchange's website and app"},
		{Kind: guard.ChannelTelegram, Value: DemoTelegram, Label: "Official Telegram support account"},
		{Kind: guard.ChannelXHandle, Value: "@GroundcrewHelp", Label: "Official X (Twitter) support account"},
		{Kind: guard.ChannelPhone, Value: "+1 800 555 0199", Label: "Support phone line (we never call you first)"},
	}
	if u, err := url.Parse(a.cfg.PublicURL); err == nil && u.Hostname() != "" && u.Hostname() != DemoExchangeDomain {
		out = append(out, guard.NewChannel{Kind: guard.ChannelURLDomain, Value: u.Hostname(), Label: "This help center"})
	}
	return out
}

// seedOfficialChannels adds the demo channels that are not listed yet.
func (a *App) seedOfficialChannels(ctx context.Context) error {
	for _, c := range a.demoChannels() {
		if _, err := a.official.AddChannel(ctx, c); err != nil && !errs.Is(err, errs.Conflict) {
			return fmt.Errorf("seed official channel %s: %w", c.Value, err)
		}
	}
	return nil
}
