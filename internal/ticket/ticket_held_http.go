package ticket

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/web"
)

// HeldDecision is the body of a release or a rejection.
type HeldDecision struct {
	Note string `json:"note"`
}

// writeHeld answers an agent's reply the guard held: 409 with the reason,
// and the held reply's URL as the problem's instance.
func writeHeld(w http.ResponseWriter, hr HeldReply) {
	web.WriteProblem(w, web.Problem{Type: "https://groundcrew.dev/problems/held", Title: "Held for review, not sent",
		Status: http.StatusConflict, Field: "body", Instance: "/api/v1/held-replies/" + strconv.FormatInt(hr.ID, 10),
		Detail: "This message was held for review, not sent: " + hr.Reason + " Rephrase it, or ask a supervisor: POST /api/v1/held-replies/" + strconv.FormatInt(hr.ID, 10) + "/review."})
}

// HandleHeldReplies: GET /api/v1/tickets/{id}/held-replies, the ticket's
// replies waiting on their author or a supervisor.
func (h *HTTP) HandleHeldReplies(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	list, err := h.Store.HeldReplies(r.Context(), h.ViewerOf(r), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, web.List[HeldReply]{Items: list})
}

// HandleRequestReview: POST /api/v1/held-replies/{id}/review, the author
// asks a supervisor.
func (h *HTTP) HandleRequestReview(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	hr, err := h.Store.RequestReview(r.Context(), h.ViewerOf(r), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, hr)
}

// HandleReviewQueue: GET /api/v1/held-replies, what agents asked
// supervisors about.
func (h *HTTP) HandleReviewQueue(w http.ResponseWriter, r *http.Request) error {
	list, err := h.Store.ReviewQueue(r.Context(), h.ViewerOf(r))
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, web.List[HeldReply]{Items: list})
}

// HandleRelease: POST /api/v1/held-replies/{id}/release.
func (h *HTTP) HandleRelease(w http.ResponseWriter, r *http.Request) error {
	return h.decide(w, r, h.Store.ReleaseHeld)
}

// HandleReject: POST /api/v1/held-replies/{id}/reject.
func (h *HTTP) HandleReject(w http.ResponseWriter, r *http.Request) error {
	return h.decide(w, r, h.Store.RejectHeld)
}

type decideFunc func(ctx context.Context, v Viewer, id int64, note string) (HeldReply, error)

func (h *HTTP) decide(w http.ResponseWriter, r *http.Request, do decideFunc) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in HeldDecision
	if _, err := web.Decode(r, 16<<10, &in); err != nil {
		return err
	}
	hr, err := do(r.Context(), h.ViewerOf(r), id, in.Note)
	if errors.Is(err, ErrBlocked) {
		// The refusal and the rejection it caused are committed: answer
		// here, like add.
		web.WriteProblem(w, web.Problem{Type: "https://groundcrew.dev/problems/blocked", Title: "Blocked by the outbound guard",
			Status: http.StatusConflict, Detail: blockedDetail(err), Instance: r.URL.Path})
		return nil
	}
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, hr)
}
