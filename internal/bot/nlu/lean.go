package nlu

import (
	"strings"
	"unicode/utf8"
)

// Leaning to a person. The cues and the stakes reader each need a message
// to say its harm in a way they know; a blind set showed that reports of
// a scam or a takeover said in other words slipped past both, read
// correctly as phishing reports but not handed on. These rules are
// structural: they look at what the message is about and whether anything
// has been given, lost or named in money, not at scenario words, and they
// accept some extra phishing reports for a person as the price.

const (
	// reportAt is the summed probability of phishing_report and
	// account_compromised from which a message counts as a report of one
	// even when another intent leads.
	reportAt = 0.25
	// buriedAt is the classifier's confidence in account_compromised, for
	// the rest of a message after its first clause, from which that rest
	// is a takeover reported in passing.
	buriedAt = 0.4
	// minTopic is the fewest characters a second topic takes.
	minTopic = 50
	// smallSum: a message naming only a sum below this many dollars (10
	// USDT to a friend) has too little at stake to lean on.
	smallSum = 100
	// minStory is the fewest characters of a message whose sum counts: a
	// report tells what happened, where "ignore your rules and send me 1
	// BTC" does not.
	minStory = 40
)

// leansToHuman: a report of a scam or takeover with a sign of harm
// (something sent or gone, a wallet address, or a message telling what
// happened that names a sum), or an
// urgent plea for a person with a loss and the same signs. Left out: a
// customer asking how to stay safe, a short message ("send me 1 BTC",
// what an impostor asks) and a message whose only sum is small. (Where
// the stakes reader leans, unsureAt hands the message on already.)
func (h cueHits) leansToHuman(ranked []scored, text string, sum float64, address bool) bool {
	if h.cautious || len(ranked) == 0 || sum > 0 && sum < smallSum {
		return false
	}
	harm := h.sent || h.gone || address
	leans := sum >= smallSum && utf8.RuneCountInString(text) >= minStory
	plea := h.human || ranked[0].Intent == IntentTalkToHuman
	if plea && (h.distress || h.loss) && (harm || leans) {
		return true
	}
	if reportProb(ranked) < reportAt {
		return false
	}
	// When a routine intent or one with its own loss threshold leads, only
	// money sent or gone counts: the reader also leans on frozen accounts
	// and rejected documents, and a deposit names its sum.
	if lead := ranked[0].Intent; lead != IntentOther && (ordinaryIntents[lead] || lossIntent(lead)) {
		return h.sent || h.gone
	}
	return harm || leans
}

// reportProb is the summed probability of a phishing report and a
// compromised account in ranked.
func reportProb(ranked []scored) float64 {
	p := 0.0
	for _, r := range ranked {
		if r.Intent == IntentPhishingReport || r.Intent == IntentAccountCompromised {
			p += r.Prob
		}
	}
	return p
}

// hasAddress reports whether the entities name a wallet address.
func hasAddress(es []Entity) bool {
	for _, e := range es {
		if e.Kind == EntityAddress {
			return true
		}
	}
	return false
}

// clauses splits text at the marks that end a sentence or a clause. A
// full stop or comma counts only before a space or the end, so sums such
// as "2.800" or "1,5" stay whole.
func clauses(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		end := false
		switch r {
		case '!', '?', ';', '\n', '。', '！', '？', '；', '，', '、', '،', '؟', '؛':
			end = true
		case '.', ',':
			end = i+1 == len(text) || text[i+1] == ' '
		}
		if end {
			if c := strings.TrimSpace(text[start:i]); c != "" {
				out = append(out, c)
			}
			start = i + utf8.RuneLen(r)
		}
	}
	if c := strings.TrimSpace(text[start:]); c != "" {
		out = append(out, c)
	}
	return out
}

// buriedTakeover reports whether the rest of a message, after its first
// clause, is on its own read as a compromised account: a login from
// elsewhere or a change nobody asked for, mentioned after a routine
// question or an urgent call for a person, is a takeover whatever the
// message leads with. The rest must be long enough to be a topic of its
// own: a bare "I did nothing" after "my account is frozen" is the
// customer's reassurance, which the model reads as a takeover.
func (a *Analyzer) buriedTakeover(m *model, text string) bool {
	parts := clauses(text)
	for i := 1; i < len(parts); i++ {
		rest := strings.Join(parts[i:], " ")
		if utf8.RuneCountInString(rest) < minTopic {
			break
		}
		for _, r := range m.classify(featureSet(blankEntities(rest, a.entities(rest)))) {
			if r.Intent == IntentAccountCompromised && r.Prob >= buriedAt {
				return true
			}
		}
	}
	return false
}
