package nlu

// The stakes reader: a second logistic regression over the same features
// with two classes, "needs a person now" and "ordinary". The cue lists name
// the plain ways of saying a theft, a scam or despair; the reader learns
// the many other ways from whole labelled messages, where no one word
// decides (a payroll deposit, savings lost to a liquidation, a buyer's
// fake receipt for thousands).

const (
	classStakes   = "high_stakes"
	classOrdinary = "ordinary"
	// stakesAt is the reader's probability from which a message is high
	// stakes. Classes are weighted equally in training, so one half is the
	// even point. (0.4 flagged 6 more ordinary messages in a
	// leave-one-set-out run and caught no high-stakes one more; the cues
	// carry most of the recall, the reader the phrasings they lack.)
	stakesAt = 0.5
)

// ordinaryIntents are those whose messages are routine requests: their
// built-in phrases teach the reader what ordinary sounds like.
// (Compromised accounts always need a person; the other intents have
// both kinds.)
var ordinaryIntents = map[string]bool{
	IntentWithdrawalSuspended: true, IntentTwoFactorReset: true, IntentPasswordReset: true,
	IntentAccountLocked: true, IntentIdentityVerification: true, IntentFees: true,
	IntentEarnStaking: true, IntentAPIKeys: true, IntentCloseAccount: true, IntentOther: true,
}

// stakesPhrases are the reader's training examples: the labelled messages
// with their label, the built-in phrases of compromised accounts as high
// stakes, those of ordinary intents as ordinary, and the rest as the cue
// rules read them (most are plain questions: "is this e-mail a scam?"
// must teach the reader that naming a scam is not being in one).
func stakesPhrases(phrases []Phrase, sets []labelledSet) []Phrase {
	cues := newSignalCues()
	var out []Phrase
	for _, p := range phrases {
		class := classOrdinary
		switch {
		case p.Intent == IntentAccountCompromised:
			class = classStakes
		case ordinaryIntents[p.Intent]:
		case cues.hits(p.Text).highStakes(p.Intent, 1, largestSum(p.Text)):
			class = classStakes
		}
		out = append(out, Phrase{Intent: class, Lang: p.Lang, Text: p.Text})
	}
	for _, s := range sets {
		for _, l := range s.Messages {
			class := classOrdinary
			if l.HighStakes {
				class = classStakes
			}
			out = append(out, Phrase{Intent: class, Lang: l.Lang, Text: l.Text})
		}
	}
	return out
}

// stakesProb is the reader's probability that the features are a
// high-stakes message (0 when it knows none of them).
func (m *model) stakesProb(feats []string) float64 {
	probs := m.probs(feats)
	for c, name := range m.intents {
		if name == classStakes && probs != nil {
			return probs[c]
		}
	}
	return 0
}

// readerCounts: whether the stakes reader may decide for this intent.
// Routine intents are left to the cues (a locked account is no loss until
// someone else is in it). A phishing report is high stakes only once money
// or secrets went to the impostor, so there it needs a word of sending:
// naming a scam ("is this e-mail a scam?") or being asked for coins ("send
// me 1 BTC") is not being in one. A withdrawal the exchange shows as
// completed is on the chain (completedCues): only the cues decide there.
func (h cueHits) readerCounts(intent string) bool {
	switch {
	case ordinaryIntents[intent]:
		return false
	case intent == IntentPhishingReport:
		return h.sent
	case intent == IntentWithdrawalDelayed:
		return !h.completed
	}
	return true
}
