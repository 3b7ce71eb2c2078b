package academy

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The trainers' authoring pages (academy.manage): the list of courses and
// certifications, and a form for each. A refused form comes back with the
// message and everything the author typed.

// Spare rows the course form offers below the filled ones.
const (
	spareLessons   = 2
	spareQuestions = 1
)

// questionRow is a question fieldset of the course form.
type questionRow struct {
	Index    int
	Question Question
	Boxes    []string // choiceSlots boxes, the question's choices first
}

// courseForm is the course form's content.
type courseForm struct {
	ID        int64 // 0: a new course
	Input     CourseInput
	Minutes   int
	Lessons   []LessonInput // the rows, spare ones blank
	Questions []questionRow
}

func newCourseForm(id int64, in CourseInput, moreQuestions int) courseForm {
	f := courseForm{ID: id, Input: in, Minutes: in.TimeLimit / 60}
	f.Lessons = append(append([]LessonInput{}, in.Lessons...), make([]LessonInput, spareLessons)...)
	qs := append(append([]Question{}, in.Questions...), make([]Question, spareQuestions+moreQuestions)...)
	for i, q := range qs {
		boxes := make([]string, max(choiceSlots, len(q.Choices)))
		copy(boxes, q.Choices)
		if q.Kind == "" {
			q.Kind = KindChoice
		}
		if len(q.Choices) == 0 {
			q.Correct = -1
		}
		f.Questions = append(f.Questions, questionRow{Index: i, Question: q, Boxes: boxes})
	}
	return f
}

func (h *HTTP) authorPage(w http.ResponseWriter, r *http.Request) {
	cs, err := h.Courses(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	certs, err := h.Certifications(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := page(r, "Course authoring")
	data["Courses"], data["Certifications"], data["Done"] = cs, certs, r.URL.Query().Get("saved")
	h.pages.Render(w, http.StatusOK, "author", data)
}

// renderCourseForm shows the course form; msg is a refusal's message.
func (h *HTTP) renderCourseForm(w http.ResponseWriter, r *http.Request, f courseForm, msg string, status int) {
	articles, err := h.articles.List(r.Context(), kb.SourceLang)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	title := "New course"
	if f.ID != 0 {
		title = "Edit " + f.Input.Title
	}
	data := page(r, title)
	data["Form"], data["Articles"], data["Error"] = f, articles, msg
	data["Kinds"] = []string{KindChoice, KindScenario}
	h.pages.Render(w, status, "author_course", data)
}

func (h *HTTP) newCoursePage(w http.ResponseWriter, r *http.Request) {
	in := CourseInput{PassMark: 80, TimeLimit: 15 * 60}
	h.renderCourseForm(w, r, newCourseForm(0, in, 1), "", http.StatusOK)
}

func (h *HTTP) editCoursePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "course")
	var c Course
	if err == nil {
		c, err = h.Course(r.Context(), id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := CourseInput{Title: c.Title, Summary: c.Summary, PassMark: c.PassMark, TimeLimit: c.TimeLimit,
		PathPosition: c.PathPosition, PathUnlocks: c.PathUnlocks, Questions: c.Questions}
	for _, l := range c.Lessons {
		in.Lessons = append(in.Lessons, LessonInput{ArticleID: l.ArticleID, Note: l.Note})
	}
	h.renderCourseForm(w, r, newCourseForm(id, in, 0), "", http.StatusOK)
}

// saveCourse creates (id 0) or updates a course from the form; the "more"
// button shows the form again with another blank question instead.
func (h *HTTP) saveCourse(w http.ResponseWriter, r *http.Request, id int64) {
	if err := r.ParseForm(); err != nil {
		h.renderCourseForm(w, r, newCourseForm(id, CourseInput{}, 0), "The form could not be read; try again.", http.StatusBadRequest)
		return
	}
	in, err := ParseCourseForm(r.PostForm)
	if r.PostForm.Has("more") { // nothing is saved: the author wants another question box
		h.renderCourseForm(w, r, newCourseForm(id, in, 1), "", http.StatusOK)
		return
	}
	var c Course
	if err == nil {
		if id == 0 {
			c, err = h.CreateCourse(r.Context(), principal(r).Agent.ID, in)
		} else {
			c, err = h.UpdateCourse(r.Context(), principal(r).Agent.ID, id, in)
		}
	}
	if err != nil {
		h.renderCourseForm(w, r, newCourseForm(id, in, 0), h.pages.PageError(err), web.Status(err))
		return
	}
	http.Redirect(w, r, "/training/author?saved="+url.QueryEscape("Saved the course “"+c.Title+"”."), http.StatusSeeOther)
}

func (h *HTTP) createCoursePost(w http.ResponseWriter, r *http.Request) { h.saveCourse(w, r, 0) }

func (h *HTTP) updateCoursePost(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "course")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.saveCourse(w, r, id)
}

// renderCertForm shows the certification form (id 0: a new one).
func (h *HTTP) renderCertForm(w http.ResponseWriter, r *http.Request, id int64, in CertificationInput, msg string, status int) {
	cs, err := h.Courses(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	title := "New certification"
	if id != 0 {
		title = "Edit " + in.Name
	}
	gated := map[string]bool{}
	for _, g := range in.Gates {
		gated[g] = true
	}
	data := page(r, title)
	data["ID"], data["Cert"], data["Courses"], data["Gates"], data["Gated"], data["Error"] = id, in, cs, Gates, gated, msg
	h.pages.Render(w, status, "author_cert", data)
}

func (h *HTTP) newCertPage(w http.ResponseWriter, r *http.Request) {
	course, _ := strconv.ParseInt(r.URL.Query().Get("course"), 10, 64)
	h.renderCertForm(w, r, 0, CertificationInput{PassMark: 80, ValidDays: 365, CourseID: course}, "", http.StatusOK)
}

func (h *HTTP) editCertPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "certification")
	var c Certification
	if err == nil {
		c, err = h.Certification(r.Context(), id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := CertificationInput{Slug: c.Slug, Name: c.Name, Description: c.Description, PassMark: c.PassMark, ValidDays: c.ValidDays, Gates: c.Gates, CourseID: c.CourseID}
	h.renderCertForm(w, r, id, in, "", http.StatusOK)
}

func (h *HTTP) saveCert(w http.ResponseWriter, r *http.Request, id int64) {
	if err := r.ParseForm(); err != nil {
		h.renderCertForm(w, r, id, CertificationInput{}, "The form could not be read; try again.", http.StatusBadRequest)
		return
	}
	in, err := ParseCertificationForm(r.PostForm)
	var c Certification
	if err == nil {
		if id == 0 {
			c, err = h.CreateCertification(r.Context(), in)
		} else {
			c, err = h.UpdateCertification(r.Context(), id, in)
		}
	}
	if err != nil {
		h.renderCertForm(w, r, id, in, h.pages.PageError(err), web.Status(err))
		return
	}
	http.Redirect(w, r, "/training/author?saved="+url.QueryEscape("Saved the certification “"+c.Name+"”."), http.StatusSeeOther)
}

func (h *HTTP) createCertPost(w http.ResponseWriter, r *http.Request) { h.saveCert(w, r, 0) }

func (h *HTTP) updateCertPost(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "certification")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.saveCert(w, r, id)
}
