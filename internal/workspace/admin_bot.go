package workspace

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bot/nlu"
	"github.com/groundcrew/groundcrew/internal/routing/detect"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The bot's intents pages: every intent with its phrase counts and how
// often it fired (/api/v1/bot/intents), a form that reads a text as the bot
// does (/api/v1/bot/analyze), and one intent's training phrases, where
// operators add and remove their own (/api/v1/bot/intents/{name}/...).

// BotIntents are the bot's intents and training (*nlu.Service).
type BotIntents interface {
	Intents(ctx context.Context) ([]nlu.IntentInfo, error)
	Intent(ctx context.Context, name string) (nlu.IntentDetail, error)
	AddIntent(ctx context.Context, c nlu.CustomIntent) (nlu.CustomIntent, error)
	RemoveIntent(ctx context.Context, name string) error
}

// BotPhrases are the operators' training phrases (*nlu.Service).
type BotPhrases interface {
	AddPhrase(ctx context.Context, in nlu.NewPhrase) (nlu.StoredPhrase, error)
	RemovePhrase(ctx context.Context, id int64) error
}

// BotAnalyzer reads a text as the bot does, without counting it (*nlu.Service).
type BotAnalyzer interface {
	Inspect(ctx context.Context, text, pageLang string) nlu.Analysis
}

// Bot is what the bot pages need; nil fields: no bot pages.
type Bot struct {
	Intents  BotIntents
	Phrases  BotPhrases
	Analyzer BotAnalyzer
}

func init() {
	pageNames = append(pageNames, "bot", "botintent")
	adminLinks = append(adminLinks, adminLink{"/admin/bot", "Bot intents", auth.PermBotManage, false})
	notices["bot-intent"] = "The intent is added. Give it training phrases so the bot learns it."
	notices["bot-intent-removed"] = "The intent and its phrases are removed."
	notices["bot-phrase"] = "The phrase is added; the bot is retraining."
	notices["bot-phrase-removed"] = "The phrase is removed; the bot is retraining."
	labelFuncs["percent"] = func(n, total int64) string {
		if total == 0 {
			return "–"
		}
		return strconv.FormatFloat(float64(n)*100/float64(total), 'f', 1, 64) + " %"
	}
	labelFuncs["confidence"] = func(p float64) string { return strconv.FormatFloat(p*100, 'f', 0, 64) + " %" }
}

// botRoutes are the bot pages, appended to Routes.
func (ws *Workspace) botRoutes() []Route {
	if ws.Admin.Bot.Intents == nil {
		return nil
	}
	return []Route{
		{"GET", "/admin/bot", auth.PermBotManage, 0, ws.botIntents},
		{"POST", "/admin/bot/analyze", auth.PermBotAnalyze, formMax, ws.botAnalyze},
		{"POST", "/admin/bot/intents", auth.PermBotManage, formMax, ws.botAddIntent},
		{"GET", "/admin/bot/intents/{name}", auth.PermBotManage, 0, ws.botIntent},
		{"POST", "/admin/bot/intents/{name}/remove", auth.PermBotManage, formMax, ws.botRemoveIntent},
		{"POST", "/admin/bot/intents/{name}/phrases", auth.PermBotManage, formMax, ws.botAddPhrase},
		{"POST", "/admin/bot/phrases/{id}/remove", auth.PermBotManage, formMax, ws.botRemovePhrase},
	}
}

// botIntents: GET /admin/bot.
func (ws *Workspace) botIntents(w http.ResponseWriter, r *http.Request) {
	ws.renderBot(w, r, http.StatusOK, adminPage(r, "Bot intents", "/admin/bot"))
}

func (ws *Workspace) renderBot(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	if principal(r).Can(auth.PermBotManage) {
		list, err := ws.Admin.Bot.Intents.Intents(r.Context())
		if err != nil {
			status = ws.failed(data, err)
		}
		var total int64
		for _, in := range list {
			total += in.Fired30d
		}
		data["Intents"], data["FiredTotal"], data["CanManage"] = list, total, true
	}
	if data["Draft"] == nil {
		data["Draft"] = nlu.CustomIntent{}
	}
	data["Languages"] = options(detect.Languages, languageLabels)
	ws.render(w, status, "bot", data)
}

// botAnalyze: POST /admin/bot/analyze, the page's "try a message" form.
func (ws *Workspace) botAnalyze(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Bot intents", "/admin/bot")
	in := nlu.AnalyzeRequest{Text: r.PostFormValue("text"), Lang: r.PostFormValue("lang")}
	if err := in.Check(); err != nil {
		data["TryText"] = r.PostFormValue("text")
		ws.renderBot(w, r, ws.failed(data, err), data)
		return
	}
	res := ws.Admin.Bot.Analyzer.Inspect(r.Context(), in.Text, in.Lang)
	data["TryText"], data["TryLang"], data["Result"] = in.Text, in.Lang, res
	ws.renderBot(w, r, http.StatusOK, data)
}

// botAddIntent: POST /admin/bot/intents.
func (ws *Workspace) botAddIntent(w http.ResponseWriter, r *http.Request) {
	in := nlu.CustomIntent{Name: r.PostFormValue("name"), Description: r.PostFormValue("description"), CreatedBy: principal(r).Agent.Name}
	c, err := ws.Admin.Bot.Intents.AddIntent(r.Context(), in)
	if err != nil {
		data := adminPage(r, "Bot intents", "/admin/bot")
		data["Draft"] = in
		ws.renderBot(w, r, ws.failed(data, err, "name", "description"), data)
		return
	}
	done(w, r, "/admin/bot/intents/"+url.PathEscape(c.Name), "bot-intent")
}

// botIntent: GET /admin/bot/intents/{name}.
func (ws *Workspace) botIntent(w http.ResponseWriter, r *http.Request) {
	ws.renderBotIntent(w, r, http.StatusOK, adminPage(r, "Bot intents", "/admin/bot"))
}

func (ws *Workspace) renderBotIntent(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	d, err := ws.Admin.Bot.Intents.Intent(r.Context(), r.PathValue("name"))
	if err != nil {
		status = ws.failed(data, err)
	}
	if data["Draft"] == nil {
		data["Draft"] = nlu.NewPhrase{Lang: "en"}
	}
	data["Detail"], data["Languages"] = d, options(detect.Languages, languageLabels)
	data["Found"] = err == nil
	ws.render(w, status, "botintent", data)
}

// botRemoveIntent: POST /admin/bot/intents/{name}/remove.
func (ws *Workspace) botRemoveIntent(w http.ResponseWriter, r *http.Request) {
	if err := ws.Admin.Bot.Intents.RemoveIntent(r.Context(), r.PathValue("name")); err != nil {
		data := adminPage(r, "Bot intents", "/admin/bot")
		ws.renderBotIntent(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/bot", "bot-intent-removed")
}

// botAddPhrase: POST /admin/bot/intents/{name}/phrases.
func (ws *Workspace) botAddPhrase(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	in := nlu.NewPhrase{Intent: name, Lang: r.PostFormValue("lang"), Text: r.PostFormValue("text"), Author: principal(r).Agent.Name}
	if _, err := ws.Admin.Bot.Phrases.AddPhrase(r.Context(), in); err != nil {
		data := adminPage(r, "Bot intents", "/admin/bot")
		data["Draft"] = in
		ws.renderBotIntent(w, r, ws.failed(data, err, "lang", "text"), data)
		return
	}
	done(w, r, "/admin/bot/intents/"+url.PathEscape(name), "bot-phrase")
}

// botRemovePhrase: POST /admin/bot/phrases/{id}/remove; the form names the
// intent to return to.
func (ws *Workspace) botRemovePhrase(w http.ResponseWriter, r *http.Request) {
	back := "/admin/bot"
	if name := r.PostFormValue("intent"); nlu.ValidIntentName(name) {
		back = "/admin/bot/intents/" + name
	}
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Admin.Bot.Phrases.RemovePhrase(r.Context(), id)
	}
	if err != nil {
		data := adminPage(r, "Bot intents", "/admin/bot")
		ws.renderBot(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, back, "bot-phrase-removed")
}
