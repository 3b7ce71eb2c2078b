// Package nlu reads a customer's message for the bot: its language, the
// intent with a confidence, the entities in it (transaction IDs, addresses
// with their candidate networks, assets, networks, amounts, order numbers)
// and the signals that send a case to a human at once (high stakes,
// distress, an explicit request for a person). It has no I/O on the
// analysis path: the built-in models are loaded from an embedded file made
// by go generate (trained.go), and the intent model is retrained in memory
// when operators change the training phrases.
package nlu

import (
	"context"
	"sort"
	"sync"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/routing/detect"
)

// Intents the bot knows out of the box. Operators may add more; these names
// are stable (the bot's flows and the evaluation key on them).
const (
	IntentDepositMissing       = "deposit_missing"
	IntentWithdrawalDelayed    = "withdrawal_delayed"
	IntentWithdrawalSuspended  = "withdrawal_suspended"
	IntentTwoFactorReset       = "two_factor_reset"
	IntentPasswordReset        = "password_reset"
	IntentAccountLocked        = "account_locked"
	IntentAccountCompromised   = "account_compromised"
	IntentPhishingReport       = "phishing_report"
	IntentIdentityVerification = "identity_verification"
	IntentFees                 = "fees"
	IntentP2PDispute           = "p2p_dispute"
	IntentFuturesLiquidation   = "futures_liquidation"
	IntentEarnStaking          = "earn_staking"
	IntentCardPayment          = "card_payment"
	IntentAPIKeys              = "api_keys"
	IntentCloseAccount         = "close_account"
	IntentTalkToHuman          = "talk_to_human"
	IntentOther                = "other"
)

// DefaultIntents lists the built-in intents in a fixed order.
var DefaultIntents = []string{
	IntentDepositMissing, IntentWithdrawalDelayed, IntentWithdrawalSuspended,
	IntentTwoFactorReset, IntentPasswordReset, IntentAccountLocked,
	IntentAccountCompromised, IntentPhishingReport, IntentIdentityVerification,
	IntentFees, IntentP2PDispute, IntentFuturesLiquidation, IntentEarnStaking,
	IntentCardPayment, IntentAPIKeys, IntentCloseAccount, IntentTalkToHuman,
	IntentOther,
}

// Entity kinds.
const (
	EntityTxID    = "txid"
	EntityAddress = "address"
	EntityAsset   = "asset"
	EntityNetwork = "network"
	EntityAmount  = "amount"
	EntityOrder   = "order"
)

// Entity is one thing found in the text. Start and End are byte offsets
// into the analysed text (End exclusive), so text[Start:End] is what the
// customer wrote. Value is normalised: the TxID, address or order number
// as written, the asset's ticker ("USDT"), the network's chain registry id
// ("tron" for "TRC20"), the amount as written ("500 USDT", "$1,200").
// Networks lists the candidate networks of a txid or address (registry
// ids), best first; for a network entity it holds that one network. An
// asset may lie inside an amount; other entities never overlap.
type Entity struct {
	Kind     string   `json:"kind"`
	Value    string   `json:"value"`
	Networks []string `json:"networks,omitempty"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
}

// Analysis is what the bot knows about one message.
type Analysis struct {
	Lang       string   `json:"lang"`       // one of detect.Languages
	Intent     string   `json:"intent"`     // one of the intents; IntentOther when unsure
	Confidence float64  `json:"confidence"` // in [0, 1]
	Entities   []Entity `json:"entities"`
	// Alternatives are the next most likely intents, for "did you mean"
	// choices when the confidence is low.
	Alternatives []Alternative `json:"alternatives"`
	// HighStakes: a hacked or compromised account, stolen funds, a scam in
	// progress or a large loss; the bot hands these off at once.
	HighStakes bool `json:"high_stakes"`
	// Distress: panic, despair or anger that a bot should not answer alone.
	Distress bool `json:"distress"`
	// WantsHuman: the customer asks for a person, in any words or language.
	WantsHuman bool `json:"wants_human"`
}

// Alternative is a less likely intent and its confidence.
type Alternative struct {
	Intent     string  `json:"intent"`
	Confidence float64 `json:"confidence"`
}

// adjust combines the classifier's ranking with the cues, which name
// things the phrases may not: a theft or a SIM swap makes a compromised
// account more likely, someone posing as staff or a scam's lure (a
// drainer's signature, an "investment", a fee before a payout) a
// phishing report, and an explicit
// request for a person puts a person first when it opens the message or
// the classifier has a person close behind.
func adjust(ranked []scored, cues cueHits) []scored {
	if len(ranked) == 0 {
		return ranked
	}
	if cues.compromised {
		boost(ranked, IntentAccountCompromised, 4)
	}
	if cues.harm.unmade {
		// A key, address or withdrawal the customer did not make is
		// someone else's doing: the takeover leads, however sure the
		// classifier is of the thing's own topic (api_keys).
		lead(ranked, IntentAccountCompromised)
	}
	if cues.impostor || cues.lured {
		boost(ranked, IntentPhishingReport, 4)
	}
	if cues.swapped {
		boost(ranked, IntentAccountCompromised, 4)
	}
	// A person named in a report of an impostor is usually the impostor
	// ("a fake agent called me", "how do I know an agent is real?"), not
	// one the customer asks for, unless the request opens the message.
	named := ranked[0].Intent == IntentPhishingReport || cues.impostor
	if r := rankOf(ranked, IntentTalkToHuman); cues.human && r > 0 && r < len(ranked) &&
		(cues.humanFirst && r < 3 || !named && (ranked[0].Intent == IntentOther || r == 1)) {
		lead(ranked, IntentTalkToHuman)
	}
	return ranked
}

// lead puts intent first with twice the leader's odds, without a made-up
// certainty; an intent that is first already keeps its probability.
func lead(ranked []scored, intent string) {
	if r := rankOf(ranked, intent); r > 0 && r < len(ranked) {
		boost(ranked, intent, 2*ranked[0].Prob/max(ranked[r].Prob, 1e-9))
	}
}

// rankOf is intent's place in ranked (0 for the first), or len(ranked).
func rankOf(ranked []scored, intent string) int {
	for i, r := range ranked {
		if r.Intent == intent {
			return i
		}
	}
	return len(ranked)
}

// boost multiplies one intent's probability by f, renormalises and sorts.
func boost(ranked []scored, intent string, f float64) {
	sum := 0.0
	for i := range ranked {
		if ranked[i].Intent == intent {
			ranked[i].Prob *= f
		}
		sum += ranked[i].Prob
	}
	for i := range ranked {
		ranked[i].Prob /= sum
	}
	sort.Slice(ranked, func(i, k int) bool { return ranked[i].Prob > ranked[k].Prob })
}

// maxAlternatives is how many runners-up an analysis lists.
const maxAlternatives = 3

// Analyzer analyses messages. It is safe for concurrent use; Retrain swaps
// the model atomically.
type Analyzer struct {
	registry *chain.Registry
	networks []networkName
	cues     *signalCues
	builtin  []Phrase
	// ownPhrases: builtin was given (WithPhrases), so the shared model of
	// the built-in phrases does not apply.
	ownPhrases bool
	mu         sync.RWMutex
	model      *model
	stakes     *model // the stakes reader; operators' phrases do not change it
	onResult   func(Analysis)
}

// Option configures an Analyzer.
type Option func(*Analyzer)

// WithObserver calls f after every analysis (the per-intent counters).
// f must be quick and must not block.
func WithObserver(f func(Analysis)) Option { return func(a *Analyzer) { a.onResult = f } }

// WithPhrases trains the intent model on ps instead of the built-in
// phrases and labelled sets (tests, and a deployment with its own phrase
// set).
func WithPhrases(ps []Phrase) Option {
	return func(a *Analyzer) { a.builtin, a.ownPhrases = ps, true }
}

// New returns an analyser using the chain registry for addresses and
// transaction IDs (nil: none are recognised), trained on the built-in
// phrases.
func New(registry *chain.Registry, opts ...Option) *Analyzer {
	a := &Analyzer{registry: registry}
	for _, o := range opts {
		o(a)
	}
	if !a.ownPhrases {
		a.builtin = builtinTraining()
	}
	if a.stakes == nil {
		a.stakes = builtinStakes()
	}
	a.networks = networkNames(registry)
	a.cues = newSignalCues()
	a.Retrain(nil)
	return a
}

// Retrain trains a new model on the built-in phrases plus extra and swaps
// it in; analyses in flight finish on the old one.
func (a *Analyzer) Retrain(extra []Phrase) {
	var m *model
	if len(extra) == 0 && !a.ownPhrases {
		m = builtinModel() // shared: the built-in phrases alone
	} else {
		m = trainModel(a.builtin, extra)
	}
	a.mu.Lock()
	a.model = m
	a.mu.Unlock()
}

// Analyze reads text. pageLang is the language of the page or channel the
// customer writes from ("" when unknown); it decides only when the text is
// too short to say. Analyze never fails: empty or unreadable input gives
// IntentOther with confidence 0. The bot's analyses are counted per intent
// (WithObserver); use Inspect for analyses that are not the bot's.
func (a *Analyzer) Analyze(ctx context.Context, text, pageLang string) Analysis {
	res := a.Inspect(ctx, text, pageLang)
	if a.onResult != nil {
		a.onResult(res)
	}
	return res
}

// Inspect is Analyze without counting: for the API, tests and evaluation.
func (a *Analyzer) Inspect(ctx context.Context, text, pageLang string) Analysis {
	text = capText(text)
	lang := detect.DetectLanguage(text, detect.Priors{Page: pageLang})
	res := Analysis{Lang: lang.Code, Intent: IntentOther, Entities: []Entity{}, Alternatives: []Alternative{}}
	if res.Lang == "" {
		res.Lang = "en"
	}
	res.Entities = a.entities(text)
	a.mu.RLock()
	m := a.model
	a.mu.RUnlock()
	sum := largestSum(text)
	feats := append(featureSet(blankEntities(text, res.Entities)), sumTags(sum)...)
	cues := a.cues.hits(text)
	ranked := adjust(m.classify(feats), cues)
	if len(ranked) > 0 {
		res.Intent, res.Confidence = ranked[0].Intent, ranked[0].Prob
		for _, r := range ranked[1:min(len(ranked), 1+maxAlternatives)] {
			res.Alternatives = append(res.Alternatives, Alternative{r.Intent, r.Prob})
		}
	}
	stakesP := a.stakes.stakesProb(feats)
	res.HighStakes = cues.highStakes(res.Intent, res.Confidence, sum) || cues.readerDecides(res.Intent, text) && stakesP >= unsureAt ||
		cues.leansToHuman(ranked, text, sum, hasAddress(res.Entities)) || !cues.cautious && a.buriedTakeover(m, text) ||
		cues.mustHandOn(res.Intent, sum)
	res.Distress, res.WantsHuman = cues.distress, cues.human
	// The classifier and the cues each know ways of asking for a person.
	if res.Intent == IntentTalkToHuman && res.Confidence >= 0.5 {
		res.WantsHuman = true
	}
	if res.WantsHuman && res.Intent == IntentOther {
		res.Intent, res.Confidence = IntentTalkToHuman, max(res.Confidence, 0.6)
	}
	return res
}
