package workspace

import (
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/recovery"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// What agents read instead of the API's enumeration values. A value that
// has no label yet (a product area added later) shows humanized: its
// words, not its code ("card_refund" reads "Card refund").

var statusLabels = map[ticket.Status]string{
	ticket.StatusNew:             "New",
	ticket.StatusOpen:            "Open",
	ticket.StatusPendingCustomer: "Waiting on customer",
	ticket.StatusOnHold:          "On hold",
	ticket.StatusSolved:          "Solved",
	ticket.StatusClosed:          "Closed",
}

var priorityLabels = map[ticket.Priority]string{"low": "Low", "normal": "Normal", "high": "High", "urgent": "Urgent"}

var areaLabels = ticket.AreaLabels

var channelLabels = map[string]string{"chat": "Chat", "email": "E-mail", "api": "API", "web": "Web form", "telegram": "Telegram", "phone": "Phone"}

// channelIcons mark each channel in the inbox (the label is the title).
var channelIcons = map[string]string{"chat": "💬", "email": "✉", "api": "⚙", "web": "🌐", "telegram": "✈", "phone": "☎"}

var languageLabels = ticket.LanguageNames

var viewLabels = map[string]string{
	ticket.ViewAll: "All", ticket.ViewMine: "Mine", ticket.ViewUnassigned: "Unassigned", ticket.ViewTeams: "My teams",
	ticket.ViewWaiting: "Waiting longest", ticket.ViewMentions: "Mentions", ticket.ViewSnoozed: "Snoozed",
}

// dueLabels name the SLA states of the inbox's due column.
var dueLabels = map[string]string{ticket.DueOK: "on time", ticket.DueWarning: "at risk", ticket.DueBreached: "breached", ticket.DuePaused: "paused"}

// areaCode is a snake_case word of a stored sentence that may be a
// product area's code.
var areaCode = regexp.MustCompile(`\b[a-z]+(?:_[a-z]+)+\b`)

// areaWords puts product areas' labels for their codes in a sentence
// written by another package: alerts routing and automation stored before
// they wrote labels themselves named the area by its code.
func areaWords(s string) string {
	return areaCode.ReplaceAllStringFunc(s, func(code string) string {
		if l, ok := areaLabels[code]; ok {
			return l
		}
		return code
	})
}

// audienceLabel says whom an alert was for: a role ("supervisor"), or
// "team:<name>", "oncall:<team name>" or "queue:<name>" (workforce.Alert).
func audienceLabel(a string) string {
	kind, name, ok := strings.Cut(a, ":")
	switch {
	case !ok:
		return auth.Role(a).Label()
	case kind == "team":
		return "Team " + name
	case kind == "oncall":
		return "On call for " + name
	case kind == "queue":
		return "Managers of " + name
	}
	return a
}

// The recovery team's words for recovery's codes.
var (
	causeLabels = map[string]string{
		recovery.CauseWrongNetwork: "Wrong network", recovery.CauseMissingMemo: "Missing memo or tag",
		recovery.CauseWrongMemo: "Wrong memo or tag", recovery.CauseUnlistedToken: "Token not listed",
		recovery.CauseBelowMinimum: "Below the deposit minimum", recovery.CauseNotCredited: "Confirmed, not credited",
		recovery.AnyAsset: "Any cause", // the fee schedule's wildcard
	}
	modeLabels = map[string]string{recovery.ModeDirect: "Direct", recovery.ModeConditional: "On a condition", recovery.ModeNotPossible: "Not possible"}
	// conditions in the order the matrix form offers them.
	conditions      = []string{recovery.CondSenderCooperation, recovery.CondGasTopUp, recovery.CondContractCall, recovery.CondMinimumAmount}
	conditionLabels = map[string]string{
		recovery.CondSenderCooperation: "The sending platform cooperates", recovery.CondGasTopUp: "The customer tops up gas",
		recovery.CondContractCall: "A token contract call", recovery.CondMinimumAmount: "Above the recovery minimum",
	}
)

// recoveryStatusLabel is an appeal status as the customer's page names it
// in English (the agent UI's language).
func recoveryStatusLabel(s any) string {
	code := fmt.Sprint(s)
	if l := recovery.StatusText("en", recovery.Status(code)); l != "" {
		return l
	}
	return humanize(code)
}

// dueIn says how long until t, or how long since: "in 3h 20m", "45m overdue".
func dueIn(t time.Time) string {
	d := time.Until(t).Round(time.Minute)
	past := d < 0
	if past {
		d = -d
	}
	var s string
	switch {
	case d < time.Minute:
		s = "<1m"
	case d < time.Hour:
		s = fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		s = fmt.Sprintf("%dh %dm", int(d.Hours()), int(d.Minutes())%60)
	default:
		s = fmt.Sprintf("%dd %dh", int(d.Hours())/24, int(d.Hours())%24)
	}
	if past {
		return s + " overdue"
	}
	return "in " + s
}

func label[K ~string](m map[K]string, v K) string {
	if l, ok := m[v]; ok {
		return l
	}
	return humanize(string(v))
}

// humanize spells a snake_case code as words, first letter capital.
func humanize(code string) string { return ticket.Humanize(code) }

// labelFuncs are the templates' label functions.
var labelFuncs = template.FuncMap{
	"statusLabel":   func(s ticket.Status) string { return label(statusLabels, s) },
	"priorityLabel": func(p ticket.Priority) string { return label(priorityLabels, p) },
	"areaLabel":     func(a string) string { return label(areaLabels, a) },
	"channelLabel":  func(c string) string { return label(channelLabels, c) },
	"channelIcon":   func(c string) string { return label(channelIcons, c) },
	"languageLabel": func(l string) string { return label(languageLabels, l) },
	"viewLabel":     func(v string) string { return label(viewLabels, v) },
	"tierLabel":     func(t int) string { return "Tier " + strconv.Itoa(t) },
	"dueLabel":      func(s string) string { return label(dueLabels, s) },
	"targetLabel":   func(s string) string { return label(targetLabels, sla.Target(s)) },
	"dueIn":         dueIn,
	"humanize":      func(code any) string { return humanize(fmt.Sprint(code)) },
	"areaWords":     areaWords,
	"audienceLabel": audienceLabel,
	"causeLabel":    func(c string) string { return label(causeLabels, c) },
	"modeLabel":     func(m string) string { return label(modeLabels, m) },
	"conditionLabel": func(c string) string {
		if c == "" {
			return "None"
		}
		return label(conditionLabels, c)
	},
	"recoveryStatusLabel": recoveryStatusLabel,
}

// option is one choice of a filter's select.
type option struct{ Value, Label string }

func options[K ~string](values []K, m map[K]string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{string(v), label(m, v)}
	}
	return out
}
