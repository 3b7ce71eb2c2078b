package nlu

import (
	"net/http"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/routing/detect"
	"github.com/groundcrew/groundcrew/internal/web"
)

// maxAnalyzeBody bounds POST /api/v1/bot/analyze. Text past maxText is not
// analysed; a body this large is refused before it is read in full.
const maxAnalyzeBody = 64 << 10

// HTTP is the bot's understanding in the JSON API; server wires the
// permissions (analyse: bot.analyze; intents: bot.manage).
type HTTP struct {
	Service  *Service
	AuthorOf func(r *http.Request) string // who changes the training
}

// AnalyzeRequest is the body of POST /api/v1/bot/analyze.
type AnalyzeRequest struct {
	Text string `json:"text"`
	Lang string `json:"lang,omitempty"` // the page's language, used when the text is too short to say
}

// AnalyzeResponse is an analysis and whether the text was cut.
type AnalyzeResponse struct {
	Analysis
	Truncated bool `json:"truncated"` // only the first 4096 bytes were analysed
}

// ParseAnalyzeRequest decodes and checks an analyze body.
func ParseAnalyzeRequest(body []byte) (AnalyzeRequest, error) {
	var in AnalyzeRequest
	if err := web.Unmarshal(body, &in); err != nil {
		return AnalyzeRequest{}, err
	}
	return in, in.Check()
}

// Check refuses a page language that is not one of the 17.
func (in AnalyzeRequest) Check() error {
	if in.Lang != "" && !slices.Contains(detect.Languages, in.Lang) {
		return errs.Field("lang", "the language must be one of %s, or left out", strings.Join(detect.Languages, ", "))
	}
	return nil
}

// Answer analyses a request's text; it is not counted as the bot's.
func (s *Service) Answer(r *http.Request, in AnalyzeRequest) AnalyzeResponse {
	return AnalyzeResponse{Analysis: s.Analyzer.Inspect(r.Context(), in.Text, in.Lang), Truncated: len(in.Text) > maxText}
}

// HandleAnalyze: POST /api/v1/bot/analyze {"text": "...", "lang": "xx"}.
// Empty, emoji-only or unreadable text is an analysis like any other
// (intent "other" with no confidence), not an error.
func (h *HTTP) HandleAnalyze(w http.ResponseWriter, r *http.Request) error {
	body, err := web.ReadBody(r, maxAnalyzeBody)
	if err != nil {
		return err
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return errs.E(errs.Invalid, "Content-Type must be application/json, not %q", ct)
	}
	in, err := ParseAnalyzeRequest(body)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, h.Service.Answer(r, in))
}

// HandleListIntents: GET /api/v1/bot/intents.
func (h *HTTP) HandleListIntents(w http.ResponseWriter, r *http.Request) error {
	list, err := h.Service.Intents(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"intents": list})
}

// HandleGetIntent: GET /api/v1/bot/intents/{name}, with its phrases.
func (h *HTTP) HandleGetIntent(w http.ResponseWriter, r *http.Request) error {
	d, err := h.Service.Intent(r.Context(), r.PathValue("name"))
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, d)
}

// HandleCreateIntent: POST /api/v1/bot/intents {"name", "description"}.
func (h *HTTP) HandleCreateIntent(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name        string `json:"name"`
		Description string `json:"description"`
	}
	if _, err := web.Decode(r, 4096, &in); err != nil {
		return err
	}
	c, err := h.Service.Store.AddIntent(r.Context(), CustomIntent{Name: in.Name, Description: in.Description, CreatedBy: h.AuthorOf(r)})
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, c)
}

// HandleRemoveIntent: DELETE /api/v1/bot/intents/{name}, an added intent
// and its phrases.
func (h *HTTP) HandleRemoveIntent(w http.ResponseWriter, r *http.Request) error {
	if err := h.Service.Store.RemoveIntent(r.Context(), r.PathValue("name")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleAddPhrase: POST /api/v1/bot/intents/{name}/phrases {"lang", "text"}.
func (h *HTTP) HandleAddPhrase(w http.ResponseWriter, r *http.Request) error {
	var in NewPhrase
	if _, err := web.Decode(r, 4096, &in); err != nil {
		return err
	}
	in.Intent, in.Author = r.PathValue("name"), h.AuthorOf(r)
	p, err := h.Service.Store.AddPhrase(r.Context(), in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, p)
}

// HandleRemovePhrase: DELETE /api/v1/bot/phrases/{id}.
func (h *HTTP) HandleRemovePhrase(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Service.Store.RemovePhrase(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
