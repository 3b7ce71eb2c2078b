package fraud

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP is the JSON API; internal/server mounts it with the permissions of
// its route table (fraud.list for the flagged list, fraud.investigate for
// clusters and decisions, settings.manage for the rule).
type HTTP struct{ Fraud *Service }

// maxBody bounds a decision's or the settings' request body.
const maxBody = 8 << 10

// FlaggedPage is one page of the flagged list's changes. NextCursor is
// what to send as since next time (the last entry's cursor, or since when
// none came). An entry with state "unflagged" is a removal.
type FlaggedPage struct {
	Entities   []Flagged `json:"entities"`
	NextCursor int64     `json:"next_cursor"`
}

// HandleFlaggedList serves GET /api/v1/fraud/flagged?since=&limit=: the
// list's changes after the since-cursor, oldest first (entities flagged,
// and from a since above 0 those whose flag was withdrawn), with an ETag
// (If-None-Match answers 304 while nothing was flagged or unflagged).
func (h *HTTP) HandleFlaggedList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	since, err := queryInt(q.Get("since"), "since", 0, 1<<62)
	if err != nil {
		return err
	}
	limit, err := queryInt(q.Get("limit"), "limit", 1, MaxPage)
	if err != nil {
		return err
	}
	if limit == 0 {
		limit = 100
	}
	version, err := h.Fraud.ListVersion(r.Context())
	if err != nil {
		return err
	}
	etag := `"` + version + "-" + strconv.FormatInt(since, 10) + "-" + strconv.FormatInt(limit, 10) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "private, no-cache")
	if match := r.Header.Get("If-None-Match"); match != "" && match == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	list, err := h.Fraud.FlaggedChanges(r.Context(), since, int(limit))
	if err != nil {
		return err
	}
	page := FlaggedPage{Entities: list, NextCursor: since}
	if n := len(list); n > 0 {
		page.NextCursor = list[n-1].Cursor
	}
	body, err := json.Marshal(page)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(append(body, '\n'))
	return err
}

// queryInt reads an optional integer query parameter within [min, max];
// absent is 0.
func queryInt(v, name string, min, max int64) (int64, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < min || n > max {
		return 0, errs.Field(name, "%s must be a whole number from %d to %d", name, min, max)
	}
	return n, nil
}

// HandleClusters serves GET /api/v1/fraud/clusters.
func (h *HTTP) HandleClusters(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.Fraud.Clusters(r.Context(), MaxPage)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"clusters": cs})
}

// HandleEntity serves GET /api/v1/fraud/entities/{id}: the entity with the
// tickets and customers that reported it.
func (h *HTTP) HandleEntity(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := h.Fraud.Entity(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, d)
}

// Decision is the body of a flag or a dismissal.
type Decision struct {
	Reason string `json:"reason"`
}

// HandleFlag serves POST /api/v1/fraud/entities/{id}/flag.
func (h *HTTP) HandleFlag(w http.ResponseWriter, r *http.Request) error {
	id, d, agent, err := decision(r)
	if err != nil {
		return err
	}
	f, err := h.Fraud.Flag(r.Context(), id, d.Reason, agent)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, f)
}

// HandleUnflag serves POST /api/v1/fraud/entities/{id}/unflag: the flag
// is withdrawn; the answer is the list's removal entry.
func (h *HTTP) HandleUnflag(w http.ResponseWriter, r *http.Request) error {
	id, d, agent, err := decision(r)
	if err != nil {
		return err
	}
	f, err := h.Fraud.Unflag(r.Context(), id, d.Reason, agent)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, f)
}

// HandleDismiss serves POST /api/v1/fraud/entities/{id}/dismiss.
func (h *HTTP) HandleDismiss(w http.ResponseWriter, r *http.Request) error {
	id, d, agent, err := decision(r)
	if err != nil {
		return err
	}
	if err := h.Fraud.Dismiss(r.Context(), id, d.Reason, agent); err != nil {
		return err
	}
	det, err := h.Fraud.Entity(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, det.Cluster)
}

func decision(r *http.Request) (int64, Decision, int64, error) {
	var d Decision
	id, err := pathID(r)
	if err != nil {
		return 0, d, 0, err
	}
	if _, err := web.Decode(r, maxBody, &d); err != nil {
		return 0, d, 0, err
	}
	pr, _ := auth.PrincipalFrom(r.Context())
	return id, d, pr.Agent.ID, nil
}

// AllowRequest is the body of an allow-list entry.
type AllowRequest struct {
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

// HandleAllow serves POST /api/v1/fraud/allowed: an entity that must never
// raise an alert (the exchange's own addresses, well-known sites).
func (h *HTTP) HandleAllow(w http.ResponseWriter, r *http.Request) error {
	var in AllowRequest
	if _, err := web.Decode(r, maxBody, &in); err != nil {
		return err
	}
	pr, _ := auth.PrincipalFrom(r.Context())
	c, err := h.Fraud.Allow(r.Context(), in.Value, in.Reason, pr.Agent.ID)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, c)
}

// HandleGetSettings serves GET /api/v1/fraud/settings.
func (h *HTTP) HandleGetSettings(w http.ResponseWriter, r *http.Request) error {
	st, err := h.Fraud.Settings(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, st)
}

// HandlePutSettings serves PUT /api/v1/fraud/settings.
func (h *HTTP) HandlePutSettings(w http.ResponseWriter, r *http.Request) error {
	var st Settings
	if _, err := web.Decode(r, maxBody, &st); err != nil {
		return err
	}
	if err := h.Fraud.SaveSettings(r.Context(), st); err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, st)
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, "no entity %q", r.PathValue("id"))
	}
	return id, nil
}
