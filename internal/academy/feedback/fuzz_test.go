package feedback

import (
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// FuzzTagInput: a tag body is accepted only with a known kind and area
// and a short note, else refused as invalid; a date is a date or invalid;
// masking never leaves an e-mail address whole.
func FuzzTagInput(f *testing.F) {
	f.Add(`{"kind":"bug","product_area":"spot","note":"crash"}`, "2026-12-01")
	f.Add(`{"kind":"praise"}`, "2026-12-01T10:00:00Z")
	f.Add(`{"kind":"fee_complaint","note":"mail a.b@example.org or +44 7700 900123"}`, "yesterday")
	f.Add(`{"kind":"bug","product_area":"moon","x":1}`, "")
	f.Fuzz(func(t *testing.T, body, date string) {
		var in NewTag
		err := web.Unmarshal([]byte(body), &in)
		if err == nil {
			err = in.Validate()
		}
		if err != nil && !errs.Is(err, errs.Invalid) {
			t.Fatalf("%q: %v is not invalid input", body, err)
		}
		if _, err := parseTime("from", date); err != nil && !errs.Is(err, errs.Invalid) {
			t.Fatalf("date %q: %v", date, err)
		}
		masked := MaskText(in.Note)
		for _, m := range emailRE.FindAllString(masked, -1) {
			if !strings.Contains(m, "***@") {
				t.Fatalf("MaskText(%q) left %q", in.Note, m)
			}
		}
	})
}
