package fraud

import (
	"embed"
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Pages are the security team's pages (clusters, an entity's reports,
// decisions) and every agent's flagged list, in the shared layout.
type Pages struct {
	Fraud *Service
	r     *web.Renderer
}

// NewPages parses the pages once.
func NewPages(s *Service, assets *web.Assets) (*Pages, error) {
	r, err := web.NewRenderer(s.log, assets, templateFiles, nil, "security", "entity", "flagged")
	if err != nil {
		return nil, err
	}
	return &Pages{Fraud: s, r: r}, nil
}

// PageRoutes are the pages.
func (p *Pages) PageRoutes() []web.PageRoute {
	return []web.PageRoute{
		web.Get("/security/fraud", auth.PermFraudInvestigate, p.overview),
		web.Get("/security/fraud/entities/{id}", auth.PermFraudInvestigate, p.entity),
		web.Post("/security/fraud/entities/{id}/flag", auth.PermFraudInvestigate, p.flag),
		web.Post("/security/fraud/entities/{id}/dismiss", auth.PermFraudInvestigate, p.dismiss),
		web.Post("/security/fraud/entities/{id}/unflag", auth.PermFraudInvestigate, p.unflag),
		web.Post("/security/fraud/settings", auth.PermSettingsManage, p.settings),
		web.Post("/security/fraud/allowed", auth.PermFraudInvestigate, p.allow),
		web.Get("/flagged", auth.PermFraudList, p.flagged),
	}
}

func principal(r *http.Request) auth.Principal {
	pr, _ := auth.PrincipalFrom(r.Context())
	return pr
}

func page(r *http.Request, title string) map[string]any {
	pr := principal(r)
	return map[string]any{"Title": title, "Agent": pr.Agent, "CSRF": pr.CSRF}
}

// overview lists the open clusters, the flagged list and the rule.
func (p *Pages) overview(w http.ResponseWriter, r *http.Request) {
	p.renderOverview(w, r, http.StatusOK, "")
}

func (p *Pages) renderOverview(w http.ResponseWriter, r *http.Request, status int, problem string) {
	ctx := r.Context()
	data := page(r, "Fraud patterns")
	data["Error"] = problem
	data["Done"] = r.URL.Query().Get("done")
	data["AllowValue"], data["AllowReason"] = r.PostFormValue("value"), r.PostFormValue("reason")
	cs, err := p.Fraud.Clusters(ctx, MaxPage)
	if err == nil {
		data["Clusters"] = cs
		var fl []Flagged
		if fl, err = p.Fraud.FlaggedList(ctx, 0, MaxPage); err == nil {
			data["Flagged"] = fl
			var st Settings
			if st, err = p.Fraud.Settings(ctx); err == nil {
				data["Settings"] = st
				data["CanSettings"] = principal(r).Can(auth.PermSettingsManage)
			}
		}
	}
	if err != nil {
		data["Error"] = p.r.PageError(err)
		status = web.Status(err)
	}
	data["Kinds"] = kindNames
	p.r.Render(w, status, "security", data)
}

// entity shows one entity's reports and the decision forms.
func (p *Pages) entity(w http.ResponseWriter, r *http.Request) {
	p.renderEntity(w, r, http.StatusOK, "")
}

func (p *Pages) renderEntity(w http.ResponseWriter, r *http.Request, status int, problem string) {
	data := page(r, "Entity")
	data["Kinds"] = kindNames
	id, err := pathID(r)
	var d Detail
	if err == nil {
		d, err = p.Fraud.Entity(r.Context(), id)
	}
	if err != nil {
		data["Error"] = p.r.PageError(err)
		p.r.Render(w, web.Status(err), "entity", data)
		return
	}
	data["Title"] = "Entity " + d.Value
	data["E"] = d
	data["Error"] = problem
	data["Reason"] = r.PostFormValue("reason")
	p.r.Render(w, status, "entity", data)
}

func (p *Pages) flag(w http.ResponseWriter, r *http.Request)    { p.decide(w, r, StateFlagged) }
func (p *Pages) dismiss(w http.ResponseWriter, r *http.Request) { p.decide(w, r, StateDismissed) }
func (p *Pages) unflag(w http.ResponseWriter, r *http.Request)  { p.decide(w, r, StateUnflagged) }

// decide flags, dismisses or unflags from the entity page's forms; a
// refusal shows on the page, with what was typed, and nothing changes.
func (p *Pages) decide(w http.ResponseWriter, r *http.Request, to string) {
	if err := r.ParseForm(); err != nil {
		p.renderEntity(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	id, err := pathID(r)
	if err == nil {
		agent, reason := principal(r).Agent.ID, r.PostFormValue("reason")
		switch to {
		case StateFlagged:
			_, err = p.Fraud.Flag(r.Context(), id, reason, agent)
		case StateUnflagged:
			_, err = p.Fraud.Unflag(r.Context(), id, reason, agent)
		default:
			err = p.Fraud.Dismiss(r.Context(), id, reason, agent)
		}
	}
	if err != nil {
		p.renderEntity(w, r, web.Status(err), p.r.PageError(err))
		return
	}
	http.Redirect(w, r, "/security/fraud?done="+to, http.StatusSeeOther)
}

// settings saves the cluster rule from the overview's form.
func (p *Pages) settings(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		p.renderOverview(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	num := func(name string) int { v, _ := strconv.Atoi(r.PostFormValue(name)); return v }
	if err := p.Fraud.SaveSettings(r.Context(), Settings{Threshold: num("threshold"), WindowHours: num("window_hours")}); err != nil {
		p.renderOverview(w, r, web.Status(err), p.r.PageError(err))
		return
	}
	http.Redirect(w, r, "/security/fraud?done=settings", http.StatusSeeOther)
}

// allow adds an allow-list entry from the overview's form.
func (p *Pages) allow(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		p.renderOverview(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	if _, err := p.Fraud.Allow(r.Context(), r.PostFormValue("value"), r.PostFormValue("reason"), principal(r).Agent.ID); err != nil {
		p.renderOverview(w, r, web.Status(err), p.r.PageError(err))
		return
	}
	http.Redirect(w, r, "/security/fraud?done=allowed", http.StatusSeeOther)
}

// flaggedRow is a flagged entity as every agent sees it: what, and why in
// summary.
type flaggedRow struct {
	Kind, Value, Summary, Imitates string
}

// flagged is every agent's list of flagged entities.
func (p *Pages) flagged(w http.ResponseWriter, r *http.Request) {
	data := page(r, "Flagged entities")
	data["Kinds"] = kindNames
	fl, err := p.Fraud.FlaggedList(r.Context(), 0, MaxPage)
	if err != nil {
		data["Error"] = p.r.PageError(err)
		p.r.Render(w, web.Status(err), "flagged", data)
		return
	}
	rows := make([]flaggedRow, 0, len(fl))
	for _, f := range fl {
		rows = append(rows, flaggedRow{Kind: kindNames[f.Kind], Value: f.Value, Summary: Summary(f.Reason), Imitates: f.Imitates})
	}
	data["Rows"] = rows
	data["Investigate"] = principal(r).Can(auth.PermFraudInvestigate)
	p.r.Render(w, http.StatusOK, "flagged", data)
}
