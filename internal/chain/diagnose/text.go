package diagnose

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// messages.json holds each verdict's title and explanation, and each next
// step's text, in the 17 customer languages. Placeholders in braces are
// filled from the facts; a language missing a text falls back to English.
//
//go:embed messages.json
var messagesJSON []byte

type catalogue map[string]struct {
	Verdicts map[string]struct {
		Title       string `json:"title"`
		Explanation string `json:"explanation"`
	} `json:"verdicts"`
	Steps map[string]string `json:"steps"`
}

var messages = func() catalogue {
	var c catalogue
	if err := json.Unmarshal(messagesJSON, &c); err != nil {
		panic(fmt.Sprintf("diagnose: messages.json: %v", err))
	}
	return c
}()

// evidence.json holds each evidence line's label and value in the 17
// customer languages, keyed by what the line says; a language missing one
// (or a value that is only placeholders) falls back to English.
//
//go:embed evidence.json
var evidenceJSON []byte

var evidenceLines = func() map[string]map[string]Evidence {
	var c map[string]map[string]Evidence
	if err := json.Unmarshal(evidenceJSON, &c); err != nil {
		panic(fmt.Sprintf("diagnose: evidence.json: %v", err))
	}
	return c
}()

// evidenceLine is line key in lang with kv's placeholders filled.
func evidenceLine(lang, key string, kv ...string) Evidence {
	e, en := evidenceLines[lang][key], evidenceLines["en"][key]
	if e.Label == "" {
		e.Label = en.Label
	}
	if e.Value == "" {
		e.Value = en.Value
	}
	pairs := make([]string, 0, len(kv))
	for i := 0; i+1 < len(kv); i += 2 {
		pairs = append(pairs, "{"+kv[i]+"}", kv[i+1])
	}
	e.Value = strings.NewReplacer(pairs...).Replace(e.Value)
	return e
}

// Languages lists the languages explanations exist in.
func Languages() []string {
	out := make([]string, 0, len(messages))
	for l := range messages {
		out = append(out, l)
	}
	return out
}

// Title is a verdict's short title in lang (English when lang has none),
// or "" for a verdict it does not know. Recovery's causes share the
// verdicts' codes, so their published fees are labelled with it too.
func Title(lang, verdict string) string {
	if _, ok := messages["en"].Verdicts[verdict]; !ok {
		return ""
	}
	return text(language(lang), verdict, "title", nil)
}

func language(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	if _, ok := messages[l]; ok {
		return l
	}
	return "en"
}

var severities = map[string]string{
	NotFound: "bad", NodeUnavailable: "info", Pending: "wait", Failed: "bad", Credited: "good",
	WrongNetwork: "bad", NotOurAddress: "bad", MissingMemo: "bad", WrongMemo: "bad", UnlistedToken: "bad",
	BelowMinimum: "bad", DepositsSuspended: "wait", NotCredited: "info",
}

var nextSteps = map[string]string{
	NotFound: StepCheckTxID, NodeUnavailable: StepRetryLater, Pending: StepWait, Failed: StepContactSender,
	Credited: StepNone, WrongNetwork: StepRecoveryAppeal, NotOurAddress: StepContactSender, MissingMemo: StepSelfCredit,
	WrongMemo: StepSelfCredit, UnlistedToken: StepRecoveryAppeal, BelowMinimum: StepRecoveryAppeal,
	DepositsSuspended: StepWait, NotCredited: StepContactSupport,
}

func text(lang, key string, kind string, vars map[string]string) string {
	pick := func(l string) string {
		m := messages[l]
		switch kind {
		case "title":
			return m.Verdicts[key].Title
		case "explanation":
			return m.Verdicts[key].Explanation
		default:
			return m.Steps[key]
		}
	}
	s := pick(lang)
	if s == "" {
		s = pick("en")
	}
	for k, v := range vars {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

// finish turns a verdict and its facts into the answer.
func (d *Diagnoser) finish(f facts, verdict string) Result {
	step := nextSteps[verdict]
	vars := map[string]string{"txid": f.req.TxID, "fee": d.RecoveryFee}
	for k, v := range f.vars {
		vars[k] = v
	}
	for _, k := range []string{"network", "address_network", "asset", "amount", "minimum"} {
		if vars[k] == "" {
			vars[k] = "?"
		}
	}
	r := Result{
		Verdict:     verdict,
		Severity:    severities[verdict],
		Title:       text(f.lang, verdict, "title", vars),
		Explanation: text(f.lang, verdict, "explanation", vars),
		NextStep:    NextStep{Kind: step, Text: text(f.lang, step, "step", vars)},
		Language:    f.lang,
		TxID:        f.req.TxID,
		Evidence:    f.evidence,
		DepositID:   f.vars["deposit_id"],
	}
	if step == StepRecoveryAppeal {
		r.NextStep.Fee = d.RecoveryFee
	}
	if r.Evidence == nil {
		r.Evidence = []Evidence{}
	}
	if len(f.found) > 0 {
		r.Network = f.found[0].Network
		for _, t := range f.found[1:] {
			r.AlsoFoundOn = append(r.AlsoFoundOn, t.Network)
		}
	}
	r.Confirmations, _ = strconv.ParseInt(f.vars["confirmations"], 10, 64)
	r.RequiredConfirmations, _ = strconv.ParseInt(f.vars["required"], 10, 64)
	r.ETAMinutes, _ = strconv.ParseInt(f.vars["minutes"], 10, 64)
	return r
}
