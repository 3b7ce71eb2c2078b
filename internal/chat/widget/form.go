package widget

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/form"
)

// FormFields lists the ticket form's fields shown in the widget;
// (*form.Store).On with form.Widget does.
type FormFields func(ctx context.Context) ([]form.Field, error)

// preChatField is a field as the widget's pre-chat form shows it: its
// label in the page's language, never the admin's definition.
type preChatField struct {
	Key     string    `json:"key"`
	Kind    form.Kind `json:"kind"`
	Label   string    `json:"label"`
	Options []string  `json:"options,omitempty"`
}

// serveForm: GET /chat/v1/form?lang=xx, the pre-chat form's fields. They
// are optional in the widget, which asks no product area; the ticket's
// checks still apply to what is filled in (an invalid_field error frame).
func (w *Widget) serveForm(rw http.ResponseWriter, r *http.Request) {
	out := []preChatField{}
	if w.cfg.Form != nil {
		fields, err := w.cfg.Form(r.Context())
		if err != nil {
			w.cfg.Log.Error("widget: pre-chat form", "err", err)
			http.Error(rw, "the form is not available", http.StatusServiceUnavailable)
			return
		}
		lang := r.URL.Query().Get("lang")
		for _, f := range fields {
			out = append(out, preChatField{Key: f.Key, Kind: f.Kind, Label: f.LabelIn(lang), Options: f.Options})
		}
	}
	rw.Header().Set("Content-Type", "application/json; charset=utf-8")
	rw.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(rw).Encode(map[string]any{"fields": out})
}
