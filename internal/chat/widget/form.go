package widget

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/form"
	"github.com/groundcrew/groundcrew/internal/ticket"
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
	// RequiredIn: the product areas where the field must be filled ("*":
	// all); the widget marks it when the customer picks one of them.
	RequiredIn []string `json:"required_in,omitempty"`
}

// preChatForm is GET /chat/v1/form's answer: the fields, and the product
// areas the customer may choose between (labelled by the widget's strings).
type preChatForm struct {
	Areas  []string       `json:"areas"`
	Fields []preChatField `json:"fields"`
}

// serveForm: GET /chat/v1/form?lang=xx, the pre-chat form: the product
// areas, and the fields with their labels in that language. A field is
// required once the customer picks an area it is required in; the ticket's
// checks apply to what is sent (an invalid_field error frame).
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
			out = append(out, preChatField{Key: f.Key, Kind: f.Kind, Label: f.LabelIn(lang), Options: f.Options, RequiredIn: f.RequiredIn})
		}
	}
	rw.Header().Set("Content-Type", "application/json; charset=utf-8")
	rw.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(rw).Encode(preChatForm{Areas: ticket.ProductAreas, Fields: out})
}
