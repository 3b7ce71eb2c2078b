package web

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
)

func TestCheckForm(t *testing.T) {
	cases := []struct {
		name  string
		form  url.Values
		field string // "" when the form is fine
	}{
		{"clean", url.Values{"name": {"Équipe 日本"}, "tags": {"a", "b"}}, ""},
		{"NUL in a value", url.Values{"name": {"Te\x00am"}}, "name"},
		{"invalid UTF-8 in a second value", url.Values{"tags": {"ok", "b\xff"}}, "tags"},
		{"NUL in a name", url.Values{"na\x00me": {"x"}}, "form"},
	}
	for _, c := range cases {
		err := CheckForm(c.form)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if e, ok := errs.As(err); !ok || e.Field != c.field {
			t.Errorf("%s: %v, want an error naming %s", c.name, err, c.field)
		}
	}
}

// FuzzCheckForm: whatever a URL-encoded body holds, a form CheckForm lets
// through is valid UTF-8 without a NUL.
func FuzzCheckForm(f *testing.F) {
	f.Add("name=Te%00am&csrf_token=x")
	f.Add("a=%ff%fe&b=ok")
	f.Add("%00=1")
	f.Fuzz(func(t *testing.T, body string) {
		form, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		if CheckForm(form) != nil {
			return
		}
		for k, vs := range form {
			for _, s := range append(vs, k) {
				if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
					t.Fatalf("CheckForm let %q through", s)
				}
			}
		}
	})
}
