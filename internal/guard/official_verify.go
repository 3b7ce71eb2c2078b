package guard

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// VerifiedAgent is what a verification says about an agent: a first name
// and a team, nothing more.
type VerifiedAgent struct {
	ID        int64  `json:"-"` // for the audit record only
	FirstName string `json:"first_name"`
	Team      string `json:"team"`
}

// AgentDirectory finds the active agent who holds a verification code; it
// returns an errs.NotFound error when none does. The auth package's agents
// implement it (through the server).
type AgentDirectory interface {
	AgentByVerificationCode(ctx context.Context, code string) (VerifiedAgent, error)
}

// Auditor records actions; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// Official keeps the registry of official channels and answers "is this
// really you?".
type Official struct {
	db     *store.DB
	audit  Auditor
	agents AgentDirectory
	report string
}

// NewOfficial returns the registry kept in db. reportAddress is where
// customers report impersonators; empty picks an official e-mail channel
// (security@, abuse@, phishing@ or report@ first).
func NewOfficial(db *store.DB, audit Auditor, agents AgentDirectory, reportAddress string) *Official {
	return &Official{db: db, audit: audit, agents: agents, report: strings.TrimSpace(reportAddress)}
}

// Verification is the answer to "is this really you?".
type Verification struct {
	Kind     string         `json:"kind"`  // one of Targets
	Value    string         `json:"value"` // what was checked, normalised
	Verdict  string         `json:"verdict"`
	Official bool           `json:"official"`
	Message  string         `json:"message"`
	Detail   string         `json:"detail,omitempty"`
	Label    string         `json:"label,omitempty"`    // the official channel's label
	Agent    *VerifiedAgent `json:"agent,omitempty"`    // the agent a code belongs to
	Imitates string         `json:"imitates,omitempty"` // the official channel a look-alike imitates
	Report   *ReportAdvice  `json:"report,omitempty"`   // what to do with one that is not us
}

// ReportAdvice tells a customer what to do about an impersonator.
type ReportAdvice struct {
	Text    string `json:"text"`
	Address string `json:"address,omitempty"`
}

// target is a parsed verification input.
type target struct {
	kind    string
	display string
	code    string // agent
	local   string // email
	domain  string // email, ASCII
	host    string // url, ASCII
	digits  string // phone
	intl    bool   // phone written with its country code
	handle  string // telegram, x_handle, handle: as typed, without "@"
	ascii   string // url, email: the ASCII (punycode) form, when display is not it
	note    phrase // something the customer should know whatever the verdict
}

func (t target) handleKinds() []string {
	switch t.kind {
	case TargetTelegram:
		return []string{ChannelTelegram}
	case TargetXHandle:
		return []string{ChannelXHandle}
	}
	return []string{ChannelTelegram, ChannelXHandle}
}

var errNoTarget = badInput(say("intro"), "enter an e-mail address, a phone number, a Telegram or X account (@name), a web address, or an agent's verification code (GC-XXXX-XXXX)")

// inputError is why a /verify input cannot be read, as a sentence of
// verify_page.json: VerifyErrorText says it in the customer's language
// (the Telegram bot answers with it), while the API keeps the English.
type inputError struct{ p phrase }

func (e inputError) Error() string { return e.p.in("en") }

// badInput is an Invalid error of the value field, in English, that
// carries p for VerifyErrorText.
func badInput(p phrase, english string) error {
	return &errs.Error{Kind: errs.Invalid, Field: "value", Msg: english, Err: inputError{p}}
}

// VerifyErrorText is what to tell a customer, in lang, for an error of
// VerifyIn that is not internal: what was wrong with the input, or, for
// any other refusal (a rate limit), to try again in a moment.
func VerifyErrorText(err error, lang string) string {
	var in inputError
	if errors.As(err, &in) {
		return in.p.in(lang)
	}
	return say("e_busy").in(lang)
}

// parseTarget works out what the customer pasted.
func parseTarget(input string) (target, error) {
	if !utf8.ValidString(input) {
		return target{}, badInput(say("intro"), "value must be valid UTF-8")
	}
	s := strings.TrimSpace(input)
	s = strings.Trim(s, "\"'“”‘’«»`")
	s = strings.TrimRight(s, ",;!?")
	s = strings.TrimSpace(s)
	if s == "" {
		return target{}, errNoTarget
	}
	if utf8.RuneCountInString(s) > MaxVerifyInput {
		return target{}, badInput(say("e_too_long", "max", strconv.Itoa(MaxVerifyInput)), fmt.Sprintf("value is longer than %d characters", MaxVerifyInput))
	}
	if code, ok := ParseVerificationCode(s); ok {
		return target{kind: TargetAgent, code: code, display: code}, nil
	}
	lower := strings.ToLower(s)
	if h, kind, ok := handleFromLink(s); ok {
		t := target{kind: TargetTelegram, handle: h, display: "@" + h}
		if kind == ChannelXHandle {
			t.kind = TargetXHandle
		}
		return t, nil
	}
	hasScheme := strings.Contains(lower, "://")
	if strings.HasPrefix(lower, "mailto:") || !hasScheme && strings.Contains(s, "@") && !strings.HasPrefix(s, "@") && !strings.HasPrefix(s, "＠") {
		local, domain, ok := parseEmail(s)
		if !ok {
			return target{}, badInput(say("e_email"), "this is not an e-mail address we can read; paste it as name@domain")
		}
		t := target{kind: TargetEmail, local: local, domain: domain, display: local + "@" + hostToUnicode(domain)}
		if t.display != local+"@"+domain {
			t.ascii = local + "@" + domain
		}
		return t, nil
	}
	if hasScheme || strings.HasPrefix(lower, "www.") {
		return parseURLTarget(s)
	}
	if strings.HasPrefix(s, "@") || strings.HasPrefix(s, "＠") {
		h, ok := parseHandle(s)
		if !ok {
			return target{}, badInput(say("e_handle"), "an account name has only letters, digits and underscores after the @")
		}
		return target{kind: TargetHandle, handle: h, display: "@" + h}, nil
	}
	if net.ParseIP(s) == nil {
		if digits, intl, ok := parsePhone(s); ok {
			display := digits
			if intl {
				display = "+" + digits
			}
			return target{kind: TargetPhone, digits: digits, intl: intl, display: display}, nil
		}
	}
	if !strings.ContainsAny(s, " \t") && (strings.ContainsAny(s, "./") || net.ParseIP(s) != nil) {
		return parseURLTarget(s)
	}
	if h, ok := parseHandle(s); ok && utf8.RuneCountInString(h) >= 3 {
		return target{kind: TargetHandle, handle: h, display: "@" + h}, nil
	}
	return target{}, errNoTarget
}

func parseURLTarget(s string) (target, error) {
	raw := s
	if !strings.Contains(strings.ToLower(s), "://") {
		raw = "https://" + s
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return target{}, badInput(say("e_url"), "this is not a web address we can read")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return target{}, badInput(say("e_scheme"), "only web links (http:// or https://) can be checked")
	}
	host, ok := parseHost(u.Hostname())
	if !ok {
		return target{}, badInput(say("e_url"), "this link has no valid domain name")
	}
	t := target{kind: TargetURL, host: host, display: hostToUnicode(host)}
	if t.display != host {
		t.ascii = host
	}
	if u.User != nil {
		t.note = say("v_url_userinfo", "host", t.display)
	}
	return t, nil
}

// Verify checks input against the registry and the agents' codes, and
// answers in English; see VerifyIn.
func (o *Official) Verify(ctx context.Context, input string) (Verification, error) {
	return o.VerifyIn(ctx, input, "en")
}

// VerifyIn checks input against the registry and the agents' codes, and
// answers in lang (one of the 17 customer languages, else English): a
// customer who reads the verdict in a language not theirs is the one a
// scammer talks round. It audits the check: what kind of thing was
// checked and the verdict, with the caller's IP from the context's actor
// but nothing else about them.
func (o *Official) VerifyIn(ctx context.Context, input, lang string) (Verification, error) {
	t, err := parseTarget(input)
	if err != nil {
		return Verification{}, err
	}
	chans, err := o.activeChannels(ctx)
	if err != nil {
		return Verification{}, err
	}
	v := Verification{Kind: t.kind, Value: t.display}
	audited := map[string]any{"kind": t.kind}
	targetKind, targetID := "", ""
	if t.kind == TargetAgent {
		a, err := o.agents.AgentByVerificationCode(ctx, t.code)
		switch {
		case err == nil:
			v.Verdict, v.Agent = VerdictOfficial, &a
			msg := say("v_agent_ok", "code", t.display, "name", a.FirstName)
			if a.Team != "" {
				msg = say("v_agent_ok_team", "code", t.display, "name", a.FirstName, "team", a.Team)
			}
			v.Message, v.Detail = msg.in(lang), say("v_agent_detail").in(lang)
			targetKind, targetID = "agent", fmt.Sprint(a.ID)
		case errs.Is(err, errs.NotFound):
			v.Verdict = VerdictNotOfficial
			v.Message = say("v_agent_unknown", "code", t.display).in(lang)
		default:
			return Verification{}, fmt.Errorf("verify: %w", err)
		}
	} else {
		out := match(t, chans)
		v.Verdict, v.Imitates, v.Detail = out.verdict, out.imitates, sentences(lang, out.detail...)
		shown := t.display // in messages: an internationalized name with its real, ASCII form
		if t.ascii != "" {
			shown = say("v_really", "value", t.display, "ascii", t.ascii).in(lang)
		}
		switch out.verdict {
		case VerdictOfficial:
			v.Label = out.channel.Label
			v.Message = say("v_official", "value", t.display, "label", out.channel.Label).in(lang)
			targetKind, targetID = "official_channel", fmt.Sprint(out.channel.ID)
		case VerdictLookalike:
			if strings.EqualFold(v.Imitates, t.display) && out.channel != nil {
				// Our name, registered by someone else on another service.
				v.Message = say("v_other_service", "value", t.display, "service", serviceName(t.kind), "kind", out.channel.Kind, "official", v.Imitates).in(lang)
				v.Detail = ""
			} else if v.Imitates != "" {
				v.Message = say("v_looks_like", "value", shown, "official", v.Imitates).in(lang)
			} else {
				v.Message = say("v_uses_name", "value", shown).in(lang)
			}
			if out.channel != nil {
				audited["imitates"] = out.channel.ID
			}
		default:
			v.Message = say("v_not_ours", "value", shown, "kind", targetNoun(t)).in(lang)
		}
		// Public names of the fakes help the security team; an e-mail's
		// mailbox and a phone number might be the customer's own, so only
		// the domain of an address is kept, and nothing of a number.
		switch t.kind {
		case TargetEmail:
			audited["domain"] = t.domain
		case TargetURL:
			audited["value"] = t.host
		case TargetHandle, TargetTelegram, TargetXHandle:
			audited["value"] = t.display
		}
	}
	v.Official = v.Verdict == VerdictOfficial
	if !v.Official {
		v.Report = o.reportAdvice(chans, lang)
	}
	audited["verdict"] = v.Verdict
	if err := o.audit.Record(ctx, "verify.checked", targetKind, targetID, audited); err != nil {
		return Verification{}, fmt.Errorf("verify: %w", err)
	}
	return v, nil
}

func serviceName(kind string) string {
	if kind == TargetXHandle {
		return "X"
	}
	return "Telegram"
}

// targetNoun is the channel kind a target is checked against ("handle"
// when it may be a Telegram or an X account).
func targetNoun(t target) string {
	if t.kind == TargetURL {
		return ChannelURLDomain
	}
	return t.kind
}

// reportAdvice says what to do about an impersonator, and where to report it.
func (o *Official) reportAdvice(chans []Channel, lang string) *ReportAdvice {
	addr := o.ReportAddress(chans)
	if addr != "" {
		return &ReportAdvice{Address: addr, Text: say("v_report_address").in(lang)}
	}
	return &ReportAdvice{Text: say("v_report_chat").in(lang)}
}

// ReportAddress is where impersonators are reported: the configured
// address, or an official e-mail channel, security@ and the like first.
func (o *Official) ReportAddress(chans []Channel) string {
	if o.report != "" {
		return o.report
	}
	first := ""
	for _, c := range chans {
		if c.Kind != ChannelEmail || !c.Active {
			continue
		}
		local, _, _ := strings.Cut(c.normalized, "@")
		switch local {
		case "security", "abuse", "phishing", "report":
			return c.Value
		}
		if first == "" {
			first = c.Value
		}
	}
	return first
}
