package auth

import (
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Level is how far a customer has proven who they are. Account-specific
// help needs L1; actions on the account need L2.
type Level int

const (
	L0 Level = iota // anonymous: knowledge base, status, general questions
	L1              // signed in: the exchange signed the user's identity
	L2              // stepped up: a fresh 2FA or e-mail code, within StepUpWindow
)

// StepUpWindow is how long a confirmed 2FA or e-mail code counts as L2.
const StepUpWindow = 15 * time.Minute

// maxClockSkew is how far in the future an auth_time may be.
const maxClockSkew = time.Minute

func (l Level) String() string { return "L" + strconv.Itoa(int(l)) }

// Meaning says in a few words what reaching l takes.
func (l Level) Meaning() string {
	switch l {
	case L1:
		return "signed in through the exchange"
	case L2:
		return "stepped up with a fresh 2FA or e-mail code in the last " + strconv.Itoa(int(StepUpWindow.Minutes())) + " minutes"
	}
	return "anonymous"
}

// NeedLevel is the error for what (e.g. "A two-factor reset") when the
// customer is at have and it needs need: it names the level needed and how
// to get it.
func NeedLevel(what string, need, have Level) error {
	return errs.E(errs.Forbidden, "%s needs customer verification level %s (%s); the customer is at %s. "+
		"Request a step-up on the ticket (the ticket page's \"Request step-up\" button, or POST /api/v1/tickets/{id}/step-up) "+
		"and ask the customer to sign in and confirm on the /step-up page", what, need, need.Meaning(), have)
}
