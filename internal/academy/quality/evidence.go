package quality

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Evidence is what the rest of the system recorded about a conversation
// that bears on its review: the SLA's first-response timer, the metrics'
// solves and reopens, the CSAT answer and the customer's verification.
// internal/server gathers it; a zero field means "not known".
type Evidence struct {
	FirstResponse string    // the first-response target: "met", "breached", or "" (no target or no reply yet)
	Policy        string    // the SLA policy that set it
	FirstReplyAt  time.Time // the first human reply
	Solved        bool
	Reopens       int
	CSAT          int // 1–5; 0 when not answered
	CSATComment   string
	Level         string    // the customer's verification level now ("L0", "L1", "L2")
	VerifiedAt    time.Time // when the customer proved it; zero for never
	Language      string    // the ticket's language
	// MacroLanguages are the languages of the macros agents inserted into
	// their public replies, one per insert, oldest first.
	MacroLanguages []string
}

// EvidenceSource gathers a ticket's evidence.
type EvidenceSource interface {
	Evidence(ctx context.Context, ticketID int64) (Evidence, error)
}

// prefill suggests scores from what the data can tell, each with its
// evidence; the reviewer confirms or overrides every one on the form.
// Categories the data cannot decide get evidence without a score (a hint
// where to look), and the rest are left to the reviewer.
func (s *Service) prefill(ctx context.Context, id int64) (map[string]int, map[string]string, error) {
	pre, why := map[string]int{}, map[string]string{}
	guard, err := s.guardSignals(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	fromGuard(guard, pre, why)
	if s.evidence == nil {
		return pre, why, nil
	}
	ev, err := s.evidence.Evidence(ctx, id)
	if err != nil {
		return nil, nil, fmt.Errorf("quality: evidence of ticket %d: %w", id, err)
	}
	fromSLA(ev, pre, why)
	fromResolution(ev, pre, why)
	fromVerification(ev, pre, why)
	fromMacros(ev, pre, why)
	if ev.CSAT > 0 {
		why["empathy"] = fmt.Sprintf("The customer rated the conversation %d/5%s.", ev.CSAT, quoted(ev.CSATComment))
	}
	return pre, why, nil
}

// fromGuard: a refused outbound message puts "never asked for a secret" at
// 0 for the reviewer to confirm; a customer's secret cut by the guard is a
// hint to check that the agent warned them and did not repeat the request.
func fromGuard(n map[string]int, pre map[string]int, why map[string]string) {
	pre["no_secret_asked"] = MaxScore
	why["no_secret_asked"] = "The outbound guard refused none of the agent's messages on this ticket."
	switch {
	case n[SignalOutboundBlocked] > 0:
		pre["no_secret_asked"] = 0
		why["no_secret_asked"] = fmt.Sprintf("The outbound guard refused %d message(s) the agent wrote on this ticket: check what they asked for.", n[SignalOutboundBlocked])
	case n[SignalSecretRedacted] > 0:
		why["no_secret_asked"] = fmt.Sprintf("No agent message was refused, but the customer sent a secret %d time(s) (the guard cut it): check the agent warned them and did not ask for it.", n[SignalSecretRedacted])
	}
}

// fromSLA scores the first reply against the SLA's first-response target.
func fromSLA(ev Evidence, pre map[string]int, why map[string]string) {
	switch ev.FirstResponse {
	case "met":
		pre["answered_in_time"] = MaxScore
		why["answered_in_time"] = fmt.Sprintf("First reply within the first-response target of %q%s.", ev.Policy, at(ev.FirstReplyAt))
	case "breached":
		pre["answered_in_time"] = 1
		why["answered_in_time"] = fmt.Sprintf("The first-response target of %q was breached%s: check whether the agent could have answered sooner.", ev.Policy, at(ev.FirstReplyAt))
	default:
		if ev.FirstReplyAt.IsZero() {
			why["answered_in_time"] = "No human reply recorded, and no first-response target met or breached."
		}
	}
}

// fromResolution scores a solve that held against one the customer reopened.
func fromResolution(ev Evidence, pre map[string]int, why map[string]string) {
	switch {
	case ev.Solved && ev.Reopens == 0:
		pre["resolved_once"] = MaxScore
		why["resolved_once"] = "Solved and not reopened."
	case ev.Reopens > 0:
		pre["resolved_once"] = max(MaxScore-ev.Reopens-1, 0)
		why["resolved_once"] = fmt.Sprintf("Reopened %d time(s) after a solve.", ev.Reopens)
	default:
		why["resolved_once"] = "Not solved yet."
	}
}

// fromVerification: a customer verified before the agent's first reply
// leaves nothing to doubt; otherwise the reviewer reads whether the agent
// gave account-specific help before the customer proved who they are.
func fromVerification(ev Evidence, pre map[string]int, why map[string]string) {
	switch {
	case ev.VerifiedAt.IsZero():
		why["verified_level"] = "The customer never verified (L0): check that no account-specific details or actions were given."
	case ev.FirstReplyAt.IsZero() || ev.VerifiedAt.Before(ev.FirstReplyAt):
		pre["verified_level"] = MaxScore
		why["verified_level"] = fmt.Sprintf("The customer was verified (%s)%s, before the agent's first reply.", ev.Level, at(ev.VerifiedAt))
	default:
		why["verified_level"] = fmt.Sprintf("The customer was verified (%s)%s, after the agent's first reply%s: check nothing account-specific came before.",
			ev.Level, at(ev.VerifiedAt), at(ev.FirstReplyAt))
	}
}

// fromMacros checks the canned text against the customer's language: a
// macro in another language puts clarity at 1 for the reviewer to
// confirm (the customer read a reply they may not understand); macros all
// in the ticket's language are a hint only, as clarity is more than the
// language.
func fromMacros(ev Evidence, pre map[string]int, why map[string]string) {
	if len(ev.MacroLanguages) == 0 || ev.Language == "" {
		return
	}
	var wrong []string
	for _, l := range ev.MacroLanguages {
		if l != ev.Language && !slices.Contains(wrong, l) {
			wrong = append(wrong, l)
		}
	}
	if len(wrong) == 0 {
		why["clarity"] = fmt.Sprintf("%d macro(s) sent, all in the customer's language (%s): check the agent's own words.", len(ev.MacroLanguages), ev.Language)
		return
	}
	pre["clarity"] = 1
	why["clarity"] = fmt.Sprintf("Macro(s) in %s sent on a ticket in %s: check the customer could read the reply.", strings.Join(wrong, ", "), ev.Language)
}

func at(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return " at " + t.UTC().Format("2006-01-02 15:04 UTC")
}

func quoted(comment string) string {
	if comment == "" {
		return ""
	}
	return fmt.Sprintf(": %q", shorten(comment))
}
