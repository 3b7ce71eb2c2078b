package academy

import (
	"embed"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Static holds the training pages' stylesheet and quiz timer, for
// web.NewAssets.
var Static = staticFiles

// HTTP serves the academy's API and its pages.
type HTTP struct {
	*Service
	pages *web.Renderer
}

// NewHTTP parses the pages against the shared layout.
func NewHTTP(s *Service, assets *web.Assets) (*HTTP, error) {
	funcs := template.FuncMap{
		"gateLabel": GateLabel,
		"date":      func(t *time.Time) string { return t.Format("2006-01-02") },
		"plus1":     func(i int) int { return i + 1 },
		"minutes":   func(seconds int) int { return (seconds + 59) / 60 },
		"letter":    func(i int) string { return string(rune('A' + i)) },
	}
	r, err := web.NewRenderer(s.log, assets, templateFiles, funcs, "training", "course", "quiz", "matrix", "author", "author_course", "author_cert")
	if err != nil {
		return nil, err
	}
	return &HTTP{Service: s, pages: r}, nil
}

// PageRoutes are My training, a course, a quiz, the supervisors'
// certification matrix and the trainers' authoring pages.
func (h *HTTP) PageRoutes() []web.PageRoute {
	return []web.PageRoute{
		web.Get("/training", auth.PermAcademyTrain, h.trainingPage),
		web.Get("/training/courses/{id}", auth.PermAcademyTrain, h.coursePage),
		web.Post("/training/courses/{id}/start", auth.PermAcademyTrain, h.startPost),
		web.Get("/training/attempts/{id}", auth.PermAcademyTrain, h.quizPage),
		web.Post("/training/attempts/{id}", auth.PermAcademyTrain, h.submitPost),
		web.Get("/training/matrix", auth.PermAcademyManage, h.matrixPage),
		web.Post("/training/certifications/{id}/version", auth.PermAcademyManage, h.versionPost),
		web.Get("/training/author", auth.PermAcademyManage, h.authorPage),
		web.Get("/training/author/courses/new", auth.PermAcademyManage, h.newCoursePage),
		web.Post("/training/author/courses", auth.PermAcademyManage, h.createCoursePost),
		web.Get("/training/author/courses/{id}", auth.PermAcademyManage, h.editCoursePage),
		web.Post("/training/author/courses/{id}", auth.PermAcademyManage, h.updateCoursePost),
		web.Get("/training/author/certifications/new", auth.PermAcademyManage, h.newCertPage),
		web.Post("/training/author/certifications", auth.PermAcademyManage, h.createCertPost),
		web.Get("/training/author/certifications/{id}", auth.PermAcademyManage, h.editCertPage),
		web.Post("/training/author/certifications/{id}", auth.PermAcademyManage, h.updateCertPost),
	}
}

func page(r *http.Request, title string) map[string]any {
	pr := principal(r)
	return map[string]any{"Title": title, "Agent": pr.Agent, "CSRF": pr.CSRF, "Manage": pr.Can(auth.PermAcademyManage)}
}

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	data := page(r, "My training")
	data["Error"] = h.pages.PageError(err)
	h.pages.Render(w, web.Status(err), "training", data)
}

func (h *HTTP) trainingPage(w http.ResponseWriter, r *http.Request) {
	t, err := h.TrainingOf(r.Context(), principal(r).Agent.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := page(r, "My training")
	titles := map[int64]string{}
	for _, c := range t.Courses {
		titles[c.ID] = c.Title
	}
	data["Training"], data["Titles"] = t, titles
	h.pages.Render(w, http.StatusOK, "training", data)
}

// lessonView is a lesson with its article rendered.
type lessonView struct {
	Lesson
	Body template.HTML
}

func (h *HTTP) coursePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "course")
	if err == nil {
		err = h.renderCourse(w, r, id, "", http.StatusOK)
	}
	if err != nil {
		h.fail(w, r, err)
	}
}

func (h *HTTP) renderCourse(w http.ResponseWriter, r *http.Request, id int64, msg string, status int) error {
	c, err := h.Course(r.Context(), id)
	if err != nil {
		return err
	}
	var lessons []lessonView
	for _, l := range c.Lessons {
		v := lessonView{Lesson: l}
		if a, err := h.articles.Get(r.Context(), l.ArticleID, "en"); err == nil {
			v.Body = kb.Render(a.Body)
		}
		lessons = append(lessons, v)
	}
	data := page(r, c.Title)
	data["Course"], data["Lessons"], data["Questions"], data["Error"] = c, lessons, len(c.Questions), msg
	data["Minutes"] = (c.TimeLimit + 59) / 60
	if c.Certification != nil {
		hd, err := h.holding(r.Context(), principal(r).Agent.ID, *c.Certification)
		if err != nil {
			return err
		}
		data["Holding"] = hd
	}
	h.pages.Render(w, status, "course", data)
	return nil
}

func (h *HTTP) startPost(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "course")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q, err := h.Start(r.Context(), principal(r).Agent.ID, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/training/attempts/"+strconv.FormatInt(q.Attempt.ID, 10), http.StatusSeeOther)
}

func (h *HTTP) quizPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "quiz attempt")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderAttempt(w, r, id, nil, "", http.StatusOK)
}

// renderAttempt shows an open attempt as the quiz (with chosen kept after
// a refused submission), a submitted one as its result, and a timed-out
// one as such.
func (h *HTTP) renderAttempt(w http.ResponseWriter, r *http.Request, id int64, chosen map[int64]int, msg string, status int) {
	agent := principal(r).Agent.ID
	q, err := h.QuizOf(r.Context(), agent, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := page(r, q.Course)
	data["Quiz"], data["Error"] = q, msg
	now := h.now()
	switch {
	case q.Attempt.Submitted:
		res, err := h.ResultOf(r.Context(), agent, id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		data["Result"] = res
	case !q.Attempt.Open(now):
		data["TimedOut"] = true
	default:
		data["Remaining"] = int(q.Attempt.Deadline.Sub(now).Seconds())
		if chosen == nil {
			chosen = map[int64]int{}
		}
		data["Chosen"] = chosen
	}
	h.pages.Render(w, status, "quiz", data)
}

func (h *HTTP) submitPost(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "quiz attempt")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.renderAttempt(w, r, id, nil, "The form could not be read; try again.", http.StatusBadRequest)
		return
	}
	answers, err := ParseAnswers(r.PostForm, "q")
	if err == nil {
		_, err = h.Submit(r.Context(), principal(r).Agent.ID, id, answers)
	}
	if err != nil {
		h.renderAttempt(w, r, id, answers, h.pages.PageError(err), web.Status(err))
		return
	}
	http.Redirect(w, r, "/training/attempts/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (h *HTTP) matrixPage(w http.ResponseWriter, r *http.Request) {
	h.renderMatrix(w, r, "", "", http.StatusOK)
}

func (h *HTTP) renderMatrix(w http.ResponseWriter, r *http.Request, msg, done string, status int) {
	m, err := h.Matrix(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := page(r, "Certifications")
	data["Matrix"], data["Error"], data["Done"] = m, msg, done
	h.pages.Render(w, status, "matrix", data)
}

func (h *HTTP) versionPost(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "certification")
	if err != nil {
		h.renderMatrix(w, r, h.pages.PageError(err), "", web.Status(err))
		return
	}
	c, err := h.NewVersion(r.Context(), id, r.PostFormValue("note"))
	if err != nil {
		h.renderMatrix(w, r, h.pages.PageError(err), "", web.Status(err))
		return
	}
	h.renderMatrix(w, r, "", c.Name+" is now version "+strconv.Itoa(c.Version)+": its holders must recertify.", http.StatusOK)
}

var _ = errs.NotFound
