package guard

import (
	"context"
	"fmt"
)

// Classify compares input (a domain, a link, a phone number or a Telegram
// or X account) with the official registry as Verify does, without an
// audit record: for a system reading customers' messages (the fraud
// pattern index), not a customer asking. verdict is one of Verdicts;
// imitates names the official channel a look-alike imitates. Input Verify
// would refuse, or an agent's code, is not official and imitates nothing.
func (o *Official) Classify(ctx context.Context, input string) (verdict, imitates string, err error) {
	t, err := parseTarget(input)
	if err != nil || t.kind == TargetAgent {
		return VerdictNotOfficial, "", nil
	}
	chans, err := o.activeChannels(ctx)
	if err != nil {
		return "", "", fmt.Errorf("classify: %w", err)
	}
	out := match(t, chans)
	return out.verdict, out.imitates, nil
}
