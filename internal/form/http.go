package form

import (
	"net/http"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP serves the form API.
type HTTP struct{ Store *Store }

// HandleList: GET /api/v1/form-fields[?surface=widget|api|agent].
func (h *HTTP) HandleList(w http.ResponseWriter, r *http.Request) error {
	var fields []Field
	var err error
	switch s := Surface(r.URL.Query().Get("surface")); {
	case s == "":
		fields, err = h.Store.List(r.Context())
	case Shown(s):
		fields, err = h.Store.On(r.Context(), s)
	default:
		return errs.Field("surface", "surface is one of %v", Surfaces)
	}
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"fields": fields})
}

// Shown reports whether s is a surface.
func Shown(s Surface) bool {
	for _, x := range Surfaces {
		if x == s {
			return true
		}
	}
	return false
}

// HandlePut: PUT /api/v1/form-fields/{key}.
func (h *HTTP) HandlePut(w http.ResponseWriter, r *http.Request) error {
	var f Field
	if _, err := web.Decode(r, 64<<10, &f); err != nil {
		return err
	}
	key := r.PathValue("key")
	if f.Key == "" {
		f.Key = key
	}
	if f.Key != key {
		return errs.Field("key", "the key in the body differs from the one in the path")
	}
	saved, err := h.Store.Put(r.Context(), f)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, saved)
}

// HandleDelete: DELETE /api/v1/form-fields/{key}.
func (h *HTTP) HandleDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.Store.Delete(r.Context(), r.PathValue("key")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
