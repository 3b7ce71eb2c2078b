package workspace

import (
	"fmt"
	"html/template"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// What agents read instead of the API's enumeration values. A value that
// has no label yet (a product area added later) shows as it is.

var statusLabels = map[ticket.Status]string{
	ticket.StatusNew:             "New",
	ticket.StatusOpen:            "Open",
	ticket.StatusPendingCustomer: "Waiting on customer",
	ticket.StatusOnHold:          "On hold",
	ticket.StatusSolved:          "Solved",
	ticket.StatusClosed:          "Closed",
}

var priorityLabels = map[ticket.Priority]string{"low": "Low", "normal": "Normal", "high": "High", "urgent": "Urgent"}

var areaLabels = map[string]string{
	"spot": "Spot trading", "futures": "Futures", "p2p": "P2P", "earn": "Earn", "card": "Card",
	"wallet_deposits": "Wallet deposits", "withdrawals": "Withdrawals", "account_security": "Account security",
	"kyc": "KYC", "other": "Other",
}

var channelLabels = map[string]string{"chat": "Chat", "email": "E-mail", "api": "API", "web": "Web form", "telegram": "Telegram", "phone": "Phone"}

// channelIcons mark each channel in the inbox (the label is the title).
var channelIcons = map[string]string{"chat": "💬", "email": "✉", "api": "⚙", "web": "🌐", "telegram": "✈", "phone": "☎"}

// languageLabels are the 17 languages by their English names.
var languageLabels = map[string]string{
	"en": "English", "zh": "Chinese", "es": "Spanish", "pt": "Portuguese", "ru": "Russian", "tr": "Turkish",
	"vi": "Vietnamese", "fr": "French", "de": "German", "it": "Italian", "id": "Indonesian", "ar": "Arabic",
	"uk": "Ukrainian", "pl": "Polish", "ja": "Japanese", "ko": "Korean", "th": "Thai",
}

var viewLabels = map[string]string{
	ticket.ViewAll: "All", ticket.ViewMine: "Mine", ticket.ViewUnassigned: "Unassigned", ticket.ViewTeams: "My teams",
	ticket.ViewWaiting: "Waiting longest", ticket.ViewMentions: "Mentions", ticket.ViewSnoozed: "Snoozed",
}

// dueLabels name the SLA states of the inbox's due column.
var dueLabels = map[string]string{ticket.DueOK: "on time", ticket.DueWarning: "at risk", ticket.DueBreached: "breached", ticket.DuePaused: "paused"}

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
	return string(v)
}

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
