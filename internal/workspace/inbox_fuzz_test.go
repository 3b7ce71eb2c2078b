package workspace

import (
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// FuzzReadInboxForm: any query string is read into a form or refused as
// invalid input, and a form's links carry its values back unchanged.
func FuzzReadInboxForm(f *testing.F) {
	for _, s := range []string{"", "view=mine&status=open", "tier=2&q=%230x12", "cursor=1733.5", "cursor=-1.1", "q=" + url.QueryEscape("a&b=c#d"),
		"tag=%ff%fe", "tier=99999999999999999999", "view=mentions&q=ana@example.com", "sort=due&view=snoozed"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.RawQuery = raw
		form, q, err := readInboxForm(r)
		if err != nil {
			if !errs.Is(err, errs.Invalid) {
				t.Fatalf("%q: %v is not invalid input", raw, err)
			}
			return
		}
		if q.Cursor.ID < 0 || q.Cursor.At < 0 {
			t.Fatalf("%q: cursor %+v", raw, q.Cursor)
		}
		link, err := url.Parse(form.link("x", ""))
		if err != nil {
			t.Fatalf("%q: link %q: %v", raw, form.link("x", ""), err)
		}
		back := httptest.NewRequest("GET", "/", nil)
		back.URL.RawQuery = link.RawQuery
		again, _, _ := readInboxForm(back)
		if again != form {
			t.Fatalf("%q: the link %q reads back as %+v, not %+v", raw, link, again, form)
		}
	})
}
