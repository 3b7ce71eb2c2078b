package guard

import (
	"net/http"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HandleListChannels serves GET /api/v1/official-channels.
func (o *Official) HandleListChannels(w http.ResponseWriter, r *http.Request) error {
	cs, err := o.Channels(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, web.List[Channel]{Items: cs})
}

// HandleAddChannel serves POST /api/v1/official-channels.
func (o *Official) HandleAddChannel(w http.ResponseWriter, r *http.Request) error {
	var in NewChannel
	if _, err := web.Decode(r, 4<<10, &in); err != nil {
		return err
	}
	c, err := o.AddChannel(r.Context(), in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, c)
}

// HandleRemoveChannel serves DELETE /api/v1/official-channels/{id}.
func (o *Official) HandleRemoveChannel(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := o.RemoveChannel(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// VerifyRequest is the body of POST /api/v1/verify.
type VerifyRequest struct {
	Value string `json:"value"`
	Lang  string `json:"lang,omitempty"` // the answer's language; else Accept-Language, else English
}

// HandleVerify serves POST /api/v1/verify: {"value": "..."} in, the
// Verification out, its sentences in the asked language. It is public;
// the route table puts a per-IP limit on it.
func (o *Official) HandleVerify(w http.ResponseWriter, r *http.Request) error {
	var in VerifyRequest
	if _, err := web.Decode(r, 4<<10, &in); err != nil {
		return err
	}
	lang := in.Lang
	if lang == "" {
		lang = acceptedVerifyLanguage(r.Header.Get("Accept-Language"))
	} else if !VerifyLanguage(lang) {
		return errs.Field("lang", "lang must be one of %s", strings.Join(verifyLanguages, ", "))
	}
	v, err := o.VerifyIn(r.Context(), in.Value, lang)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, v)
}
