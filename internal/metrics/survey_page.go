package metrics

import (
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// surveyPage shows a survey's question in its customer's language. A
// score in the link (?score=4, as e-mails offer one link per score)
// preselects that score; only the form's POST records it.
func (h *HTTP) surveyPage(w http.ResponseWriter, r *http.Request) {
	sv, err := h.SurveyByToken(r.Context(), r.PathValue("token"))
	picked := -1
	if v, perr := strconv.Atoi(r.URL.Query().Get("score")); perr == nil {
		picked = v
	}
	h.renderSurvey(w, sv, err, picked, false)
}

func (h *HTTP) surveyPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		sv, serr := h.SurveyByToken(r.Context(), r.PathValue("token"))
		if serr == nil {
			serr = &errs.Error{Kind: errs.Invalid, Msg: "the form could not be read", Err: RefRange}
		}
		h.renderSurvey(w, sv, serr, -1, false)
		return
	}
	a := Answer{Comment: r.PostFormValue("comment")}
	if v, err := strconv.Atoi(r.PostFormValue("score")); err == nil {
		a.Score = &v
	}
	sv, err := h.AnswerSurvey(r.Context(), r.PathValue("token"), a, h.Redact)
	h.renderSurvey(w, sv, err, -1, err == nil)
}

func (h *HTTP) renderSurvey(w http.ResponseWriter, sv Survey, err error, picked int, thanks bool) {
	t := textFor(sv.Language)
	data := map[string]any{"Title": "Survey", "Text": t, "Lang": sv.Language, "Thanks": thanks, "Picked": picked}
	if sv.Language == "" {
		data["Lang"] = "en"
	}
	status := http.StatusOK
	if err != nil {
		data["Error"] = t.refusal(RefusalOf(err))
		status = web.Status(err)
		if RefusalOf(err) == "" {
			data["Error"] = h.pages.PageError(err)
		}
	}
	ask := !thanks && sv.ID != 0 && sv.AnsweredAt == nil
	if r := RefusalOf(err); r != "" && r != RefRange && r != RefComment {
		ask = false
	}
	if ask {
		lo, hi := sv.Range()
		scale := make([]int, 0, hi-lo+1)
		for i := lo; i <= hi; i++ {
			scale = append(scale, i)
		}
		data["Ask"], data["Scale"] = true, scale
		if sv.Kind == KindNPS {
			data["Question"], data["Low"], data["High"] = t.NPSQ, t.NPSLow, t.NPSHigh
		} else {
			data["Question"], data["Low"], data["High"] = t.CSATQ, t.CSATLow, t.CSATHigh
		}
	}
	h.pages.Render(w, status, "survey", data)
}
