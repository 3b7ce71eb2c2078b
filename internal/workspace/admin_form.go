package workspace

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/form"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// The ticket form page: the fields admins define for the widget's pre-chat
// form, the API and the agent's new-ticket form (/api/v1/form-fields).

var formFieldInputs = []string{"key", "kind", "label", "labels", "options", "surfaces", "required_in", "position"}

var formKindLabels = map[form.Kind]string{
	form.Text: "Text", form.Amount: "Amount", form.Asset: "Asset", form.Network: "Network", form.TxID: "Transaction ID",
	form.Address: "Address", form.Memo: "Memo or tag", form.WithdrawalID: "Withdrawal id", form.Select: "Choice from a list",
}

var surfaceLabels = map[form.Surface]string{form.Widget: "Chat widget", form.API: "API", form.Agent: "Agent's new-ticket form"}

// fieldRow is a field as the page shows it.
type fieldRow struct {
	form.Field
	LabelLines string // "es: Red" per line
}

func fieldRowOf(f form.Field) fieldRow {
	langs := make([]string, 0, len(f.Labels))
	for l := range f.Labels {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	var b strings.Builder
	for _, l := range langs {
		b.WriteString(l + ": " + f.Labels[l] + "\n")
	}
	return fieldRow{Field: f, LabelLines: b.String()}
}

// formFields: GET /admin/form, with ?edit=<key> to edit one field.
func (ws *Workspace) formFields(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Ticket form", "/admin/form")
	ws.renderFormFields(w, r, http.StatusOK, data, r.URL.Query().Get("edit"))
}

func (ws *Workspace) renderFormFields(w http.ResponseWriter, r *http.Request, status int, data map[string]any, edit string) {
	fs, err := ws.Admin.Forms.List(r.Context())
	if err != nil {
		status = ws.failed(data, err)
	}
	rows := make([]fieldRow, len(fs))
	for i, f := range fs {
		rows[i] = fieldRowOf(f)
		if f.Key == edit && data["Draft"] == nil {
			data["Draft"], data["Editing"] = rows[i], true
		}
	}
	if data["Draft"] == nil {
		data["Draft"] = fieldRow{Field: form.Field{Kind: form.Text, Surfaces: []form.Surface{form.Agent}, Position: 100}}
	}
	data["Fields"], data["Kinds"] = rows, options(form.Kinds, formKindLabels)
	data["Surfaces"], data["Areas"] = options(form.Surfaces, surfaceLabels), options(ticket.ProductAreas, areaLabels)
	data["KindLabels"], data["SurfaceLabels"] = formKindLabels, surfaceLabels
	ws.render(w, status, "formfields", data)
}

// fieldFrom reads a field definition from the page's form.
func fieldFrom(r *http.Request) form.Field {
	_ = r.ParseForm()
	f := form.Field{Key: strings.TrimSpace(r.PostFormValue("key")), Kind: form.Kind(r.PostFormValue("kind")),
		Label: strings.TrimSpace(r.PostFormValue("label")), Labels: map[string]string{}}
	for _, line := range strings.Split(r.PostFormValue("options"), "\n") {
		if o := strings.TrimSpace(line); o != "" {
			f.Options = append(f.Options, o)
		}
	}
	for _, line := range strings.Split(r.PostFormValue("labels"), "\n") {
		if lang, l, ok := strings.Cut(line, ":"); ok {
			f.Labels[strings.TrimSpace(lang)] = strings.TrimSpace(l)
		} else if strings.TrimSpace(line) != "" {
			f.Labels[""] = strings.TrimSpace(line) // refused by Validate, with its message
		}
	}
	for _, s := range r.PostForm["surfaces"] {
		f.Surfaces = append(f.Surfaces, form.Surface(s))
	}
	f.RequiredIn = append(f.RequiredIn, r.PostForm["required_in"]...)
	f.Position, _ = strconv.Atoi(r.PostFormValue("position"))
	return f
}

// putFormField: POST /admin/form, adds a field or replaces the one with
// the same key.
func (ws *Workspace) putFormField(w http.ResponseWriter, r *http.Request) {
	f := fieldFrom(r)
	if _, err := ws.Admin.Forms.Put(r.Context(), f); err != nil {
		data := adminPage(r, "Ticket form", "/admin/form")
		data["Draft"], data["Editing"] = fieldRowOf(f), r.PostFormValue("editing") == "1"
		ws.renderFormFields(w, r, ws.failed(data, err, formFieldInputs...), data, "")
		return
	}
	done(w, r, "/admin/form", "field")
}

// removeFormField: POST /admin/form/{key}/remove.
func (ws *Workspace) removeFormField(w http.ResponseWriter, r *http.Request) {
	if err := ws.Admin.Forms.Delete(r.Context(), r.PathValue("key")); err != nil {
		data := adminPage(r, "Ticket form", "/admin/form")
		ws.renderFormFields(w, r, ws.failed(data, err), data, "")
		return
	}
	done(w, r, "/admin/form", "field-off")
}
