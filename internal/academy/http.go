package academy

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

const maxBody = 256 << 10 // a course with 100 questions fits

func principal(r *http.Request) auth.Principal {
	p, _ := auth.PrincipalFrom(r.Context())
	return p
}

func pathID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, "no %s %q", what, r.PathValue("id"))
	}
	return id, nil
}

// HandleCourses: GET /api/v1/academy/courses
func (h *HTTP) HandleCourses(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.Courses(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"courses": cs})
}

// HandleCreateCourse: POST /api/v1/academy/courses
func (h *HTTP) HandleCreateCourse(w http.ResponseWriter, r *http.Request) error {
	var in CourseInput
	if _, err := web.Decode(r, maxBody, &in); err != nil {
		return err
	}
	c, err := h.CreateCourse(r.Context(), principal(r).Agent.ID, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, c)
}

// HandleUpdateCourse: PUT /api/v1/academy/courses/{id} replaces the
// course's text, lessons and quiz.
func (h *HTTP) HandleUpdateCourse(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "course")
	if err != nil {
		return err
	}
	var in CourseInput
	if _, err := web.Decode(r, maxBody, &in); err != nil {
		return err
	}
	c, err := h.UpdateCourse(r.Context(), principal(r).Agent.ID, id, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, c)
}

// HandleCourse: GET /api/v1/academy/courses/{id}. The right answers are
// for authors only: an agent sees the lessons and the number of questions.
func (h *HTTP) HandleCourse(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "course")
	if err != nil {
		return err
	}
	c, err := h.Course(r.Context(), id)
	if err != nil {
		return err
	}
	n := len(c.Questions)
	if !principal(r).Can(auth.PermAcademyManage) {
		c.Questions = nil
	}
	return web.JSON(w, http.StatusOK, map[string]any{"course": c, "question_count": n})
}

// HandleStart: POST /api/v1/academy/courses/{id}/attempts starts the quiz
// (or returns the caller's open attempt) with its deadline.
func (h *HTTP) HandleStart(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "course")
	if err != nil {
		return err
	}
	q, err := h.Start(r.Context(), principal(r).Agent.ID, id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, q)
}

// HandleSubmit: POST /api/v1/academy/attempts/{id}/answers
// {"answers": {"<question id>": <choice index>}}
func (h *HTTP) HandleSubmit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "quiz attempt")
	if err != nil {
		return err
	}
	var in struct {
		Answers map[string]json.Number `json:"answers"`
	}
	if _, err := web.Decode(r, 64<<10, &in); err != nil {
		return err
	}
	if in.Answers == nil {
		return errs.Field("answers", `answers is required: {"answers": {"<question id>": <choice index>}}`)
	}
	vals := url.Values{}
	for k, v := range in.Answers {
		vals.Set(k, v.String())
	}
	answers, err := ParseAnswers(vals, "")
	if err != nil {
		return err
	}
	res, err := h.Submit(r.Context(), principal(r).Agent.ID, id, answers)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, res)
}

// HandleCertifications: GET /api/v1/academy/certifications
func (h *HTTP) HandleCertifications(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.Certifications(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"certifications": cs, "gates": Gates})
}

// HandleCreateCertification: POST /api/v1/academy/certifications
func (h *HTTP) HandleCreateCertification(w http.ResponseWriter, r *http.Request) error {
	var in CertificationInput
	if _, err := web.Decode(r, 16<<10, &in); err != nil {
		return err
	}
	c, err := h.CreateCertification(r.Context(), in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, c)
}

// HandleUpdateCertification: PUT /api/v1/academy/certifications/{id}
// changes its name, description, pass mark, validity and gates.
func (h *HTTP) HandleUpdateCertification(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "certification")
	if err != nil {
		return err
	}
	var in CertificationInput
	if _, err := web.Decode(r, 16<<10, &in); err != nil {
		return err
	}
	c, err := h.UpdateCertification(r.Context(), id, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, c)
}

// HandleNewVersion: POST /api/v1/academy/certifications/{id}/versions
// {"note": "what changed"}: holders of older versions must recertify.
func (h *HTTP) HandleNewVersion(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "certification")
	if err != nil {
		return err
	}
	var in struct {
		Note string `json:"note"`
	}
	if _, err := web.Decode(r, 16<<10, &in); err != nil {
		return err
	}
	c, err := h.NewVersion(r.Context(), id, in.Note)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, c)
}

// HandleMatrix: GET /api/v1/academy/matrix: who is certified for what,
// and when it expires.
func (h *HTTP) HandleMatrix(w http.ResponseWriter, r *http.Request) error {
	m, err := h.Matrix(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, m)
}

// HandleMyTraining: GET /api/v1/me/training: the caller's learning path,
// certifications and attempts.
func (h *HTTP) HandleMyTraining(w http.ResponseWriter, r *http.Request) error {
	t, err := h.TrainingOf(r.Context(), principal(r).Agent.ID)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, t)
}
