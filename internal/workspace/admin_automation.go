package workspace

import (
	"context"
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/automation"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The automation page: the rules (/api/v1/automation/rules) with an editor
// and a dry run (/api/v1/automation/dry-run).

// Automation is the rules service (automation.Service).
type Automation interface {
	Rules(ctx context.Context) ([]automation.Rule, error)
	Save(ctx context.Context, r automation.Rule) (automation.Rule, error)
	Delete(ctx context.Context, id int64) error
	DryRun(ctx context.Context, r automation.Rule, days int) ([]automation.DryRow, error)
}

func init() {
	pageNames = append(pageNames, "automation")
	notices["rule"] = "The rule is saved."
	notices["rule-off"] = "The rule is removed."
}

// ruleDraft is the editor's fields.
type ruleDraft struct {
	ID         int64
	Name       string
	Enabled    bool
	Position   int
	Definition string
	Days       int
}

const newRuleDefinition = `{
  "when": {"event": "message.customer"},
  "if": [{"field": "text", "op": "contains", "values": ["refund"]}],
  "then": [{"type": "add_tags", "values": ["refund"]}]
}`

// ruleRow is a rule as the list shows it.
type ruleRow struct {
	automation.Rule
	Conditions int
	Actions    []string
}

// automationAdmin: GET /admin/automation, with ?rule=<id> to edit one.
func (ws *Workspace) automationAdmin(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Automation", "/admin/automation")
	ws.renderAutomation(w, r, http.StatusOK, data)
}

func (ws *Workspace) renderAutomation(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	rules, err := ws.Admin.Automation.Rules(r.Context())
	if err != nil {
		status = ws.failed(data, err)
	}
	rows := make([]ruleRow, len(rules))
	for i, rule := range rules {
		rows[i] = ruleRow{Rule: rule, Conditions: len(rule.If)}
		for _, a := range rule.Then {
			rows[i].Actions = append(rows[i].Actions, humanize(a.Type))
		}
		if data["Rule"] == nil && strconv.FormatInt(rule.ID, 10) == r.URL.Query().Get("rule") {
			data["Rule"], data["Editing"] = ruleDraft{ID: rule.ID, Name: rule.Name, Enabled: rule.Enabled, Position: rule.Position,
				Definition: automation.Definition(rule), Days: 7}, true
		}
	}
	if data["Rule"] == nil {
		data["Rule"] = ruleDraft{Enabled: true, Definition: newRuleDefinition, Days: 7}
	}
	data["Rules"], data["Triggers"] = rows, automation.Triggers
	ws.render(w, status, "automation", data)
}

func ruleFrom(r *http.Request) (ruleDraft, automation.Rule, error) {
	_ = r.ParseForm()
	f := r.PostFormValue
	d := ruleDraft{Name: f("name"), Enabled: f("enabled") != "", Definition: f("definition")}
	d.ID, _ = strconv.ParseInt(f("id"), 10, 64)
	d.Position, _ = strconv.Atoi(f("position"))
	d.Days, _ = strconv.Atoi(f("days"))
	rule, err := automation.FromDefinition(d.ID, d.Name, d.Enabled, d.Position, d.Definition)
	return d, rule, err
}

// saveRule: POST /admin/automation/rules, adds a rule or (with id)
// replaces one; loops and conflicts are refused with the cycle shown.
func (ws *Workspace) saveRule(w http.ResponseWriter, r *http.Request) {
	d, rule, err := ruleFrom(r)
	if err == nil {
		_, err = ws.Admin.Automation.Save(r.Context(), rule)
	}
	if err != nil {
		data := adminPage(r, "Automation", "/admin/automation")
		data["Rule"], data["Editing"] = d, d.ID > 0
		ws.renderAutomation(w, r, ws.failed(data, err, "name", "definition"), data)
		return
	}
	done(w, r, "/admin/automation", "rule")
}

// dryRunRule: POST /admin/automation/dry-run shows the recent tickets the
// rule in the editor would have matched; nothing is saved or changed.
func (ws *Workspace) dryRunRule(w http.ResponseWriter, r *http.Request) {
	d, rule, err := ruleFrom(r)
	data := adminPage(r, "Automation", "/admin/automation")
	data["Rule"], data["Editing"] = d, d.ID > 0
	var rows []automation.DryRow
	if err == nil {
		rows, err = ws.Admin.Automation.DryRun(r.Context(), rule, d.Days)
	}
	if err != nil {
		ws.renderAutomation(w, r, ws.failed(data, err, "name", "definition", "days"), data)
		return
	}
	data["DryRun"], data["DryRan"] = rows, true
	ws.renderAutomation(w, r, http.StatusOK, data)
}

// removeRule: POST /admin/automation/rules/{id}/remove.
func (ws *Workspace) removeRule(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Admin.Automation.Delete(r.Context(), id)
	}
	if err != nil {
		data := adminPage(r, "Automation", "/admin/automation")
		ws.renderAutomation(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/automation", "rule-off")
}
