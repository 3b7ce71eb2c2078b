package audit

import (
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/web"
)

// HandleList serves the log newest first, filtered by the query parameters
// actor_kind, actor_id, action, target_kind and target_id, paged by cursor
// and limit.
func (l *Log) HandleList(w http.ResponseWriter, r *http.Request) error {
	page, err := web.PageFrom(r, DefaultLimit, MaxLimit)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := Filter{
		ActorKind:  q.Get("actor_kind"),
		ActorID:    q.Get("actor_id"),
		Action:     q.Get("action"),
		TargetKind: q.Get("target_kind"),
		TargetID:   q.Get("target_id"),
	}
	entries, next, err := l.List(r.Context(), f, page)
	if err != nil {
		return err
	}
	out := web.List[Entry]{Items: entries}
	if next > 0 {
		out.NextCursor = strconv.FormatInt(next, 10)
	}
	return web.JSON(w, http.StatusOK, out)
}

// HandleVerify checks the whole chain, and with ?checkpoint= (a report's
// checkpoint kept elsewhere) that nothing up to it changed. A broken chain
// is a finding, not a failed request, so it is 200 with ok=false.
func (l *Log) HandleVerify(w http.ResponseWriter, r *http.Request) error {
	var cp Checkpoint
	if s := r.URL.Query().Get("checkpoint"); s != "" {
		var err error
		if cp, err = ParseCheckpoint(s); err != nil {
			return err
		}
	}
	rep, err := l.VerifySince(r.Context(), cp)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, rep)
}
