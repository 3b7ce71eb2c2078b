package academy

import (
	"net/url"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// FuzzParseAnswers: any form body either parses into answers whose ids
// are positive, or is refused as invalid input; never a panic, never
// another kind of error.
func FuzzParseAnswers(f *testing.F) {
	for _, seed := range []string{"q1=0&q2=3", "csrf_token=x&q12=1", "q=1", "q0=1", "q1=1&q1=2", "q1=%20 2", "q99999999999999999999=1", "q1=-1", "q1=9999999999999", "&&==", "q%00=1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		for _, prefix := range []string{"q", ""} {
			got, err := ParseAnswers(v, prefix)
			if err != nil {
				if !errs.Is(err, errs.Invalid) {
					t.Fatalf("ParseAnswers(%q) = %v: not an invalid-input error", raw, err)
				}
				continue
			}
			if len(got) > MaxAnswerFields {
				t.Fatalf("%d answers past the limit", len(got))
			}
			for id := range got {
				if id <= 0 {
					t.Fatalf("ParseAnswers(%q) kept question id %d", raw, id)
				}
			}
		}
	})
}
