package workspace

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Macro is a canned reply in one language. Its body may hold placeholders
// ({{customer.name}}, {{ticket.number}}, ...) that applying it to a ticket
// fills in. Macros that translate each other share a name.
type Macro struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	Language     string    `json:"language"`
	Body         string    `json:"body"`
	Placeholders []string  `json:"placeholders"`
	CreatedBy    *int64    `json:"created_by"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// MacroInput is what creating or changing a macro takes.
type MacroInput struct {
	Name     string `json:"name"`
	Language string `json:"language"`
	Body     string `json:"body"`
}

// Limits on macros.
const (
	MaxMacroName = 100
	MaxMacroBody = 8 << 10
)

// Placeholders lists what a macro may ask to fill in, and what each is.
var Placeholders = []Placeholder{
	{"customer.name", "the customer's full name (the first name for agents who may not reveal personal data)"},
	{"customer.first_name", "the first word of the customer's name"},
	{"ticket.number", "the ticket's number, such as 1042"},
	{"ticket.subject", "the ticket's subject"},
	{"agent.name", "the name of the agent applying the macro"},
	{"diagnosis", "the explanation of the last transaction check on the ticket page"},
}

// Placeholder is one value a macro can fill in.
type Placeholder struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

func knownPlaceholder(name string) bool {
	return slices.ContainsFunc(Placeholders, func(p Placeholder) bool { return p.Name == name })
}

// Validate checks a macro and tidies its name.
func (in *MacroInput) Validate() error {
	in.Name = strings.TrimSpace(in.Name)
	switch {
	case in.Name == "":
		return errs.Field("name", "name is required")
	case !utf8.ValidString(in.Name) || strings.ContainsAny(in.Name, "\x00\n\r"):
		return errs.Field("name", "name must be one line of valid UTF-8")
	case utf8.RuneCountInString(in.Name) > MaxMacroName:
		return errs.Field("name", "name is longer than %d characters", MaxMacroName)
	case !slices.Contains(ticket.Languages, in.Language):
		return errs.Field("language", "language must be one of %v, not %q", ticket.Languages, in.Language)
	case strings.TrimSpace(in.Body) == "":
		return errs.Field("body", "body is required")
	case !utf8.ValidString(in.Body) || strings.ContainsRune(in.Body, 0):
		return errs.Field("body", "body must be valid UTF-8 without NUL")
	case len(in.Body) > MaxMacroBody:
		return errs.Field("body", "body is longer than %d bytes", MaxMacroBody)
	}
	_, err := parseTemplate(in.Body)
	return err
}

// segment is a run of literal text, or a placeholder when name is set.
type segment struct {
	text string
	name string
}

// parseTemplate splits a macro body into text and placeholders. "{{" opens
// a placeholder that must be closed on the same line and name a known
// value; a "{{" that should stay literal is written "{{{{".
func parseTemplate(body string) ([]segment, error) {
	var out []segment
	var lit strings.Builder
	for rest := body; rest != ""; {
		open := strings.Index(rest, "{{")
		if open < 0 {
			lit.WriteString(rest)
			break
		}
		lit.WriteString(rest[:open])
		rest = rest[open+2:]
		if strings.HasPrefix(rest, "{{") {
			lit.WriteString("{{")
			rest = rest[2:]
			continue
		}
		end := strings.Index(rest, "}}")
		if end < 0 || strings.ContainsAny(rest[:end], "\n{") {
			return nil, errs.Field("body", "a placeholder opened with {{ is not closed with }} on the same line (write {{{{ for a literal {{)")
		}
		name := strings.TrimSpace(rest[:end])
		if !knownPlaceholder(name) {
			return nil, errs.Field("body", "unknown placeholder {{%s}}; macros may use %s", name, placeholderNames())
		}
		if lit.Len() > 0 {
			out = append(out, segment{text: lit.String()})
			lit.Reset()
		}
		out = append(out, segment{name: name})
		rest = rest[end+2:]
	}
	if lit.Len() > 0 {
		out = append(out, segment{text: lit.String()})
	}
	return out, nil
}

func placeholderNames() string {
	names := make([]string, len(Placeholders))
	for i, p := range Placeholders {
		names[i] = "{{" + p.Name + "}}"
	}
	return strings.Join(names, ", ")
}

// unfilledPlaceholders lists the macro placeholders a reply still holds as
// written ({{diagnosis}} when no transaction check ran): sent, the customer
// would read them as they are.
func unfilledPlaceholders(body string) []string {
	var out []string
	for _, p := range Placeholders {
		if strings.Contains(body, "{{"+p.Name+"}}") {
			out = append(out, "{{"+p.Name+"}}")
		}
	}
	return out
}

// placeholdersOf lists the distinct placeholders body uses, in order.
func placeholdersOf(body string) []string {
	segs, _ := parseTemplate(body)
	out := []string{}
	for _, s := range segs {
		if s.name != "" && !slices.Contains(out, s.name) {
			out = append(out, s.name)
		}
	}
	return out
}

// Applied is a macro filled in for one ticket: the text for the reply box.
type Applied struct {
	MacroID int64  `json:"macro_id"`
	Body    string `json:"body"`
	// Missing are placeholders with no value here (no diagnosis yet): they
	// stay in the text as written, for the agent to fill in.
	Missing []string `json:"missing"`
}

// fill renders body with values; a placeholder without a value stays as
// written and is listed as missing.
func fill(body string, values map[string]string) (string, []string, error) {
	segs, err := parseTemplate(body)
	if err != nil {
		return "", nil, err
	}
	var b strings.Builder
	missing := []string{}
	for _, s := range segs {
		switch v, ok := values[s.name]; {
		case s.name == "":
			b.WriteString(s.text)
		case ok && v != "":
			b.WriteString(v)
		default:
			b.WriteString("{{" + s.name + "}}")
			if !slices.Contains(missing, s.name) {
				missing = append(missing, s.name)
			}
		}
	}
	return b.String(), missing, nil
}
