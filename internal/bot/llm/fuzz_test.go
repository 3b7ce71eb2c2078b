package llm

import (
	"errors"
	"strings"
	"testing"
)

func FuzzParseResponse(f *testing.F) {
	for _, seed := range []string{
		completion("Pending [1]."),
		`{"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c"}]},"finish_reason":"tool_calls"}]}`,
		`{"choices":[{"message":{"role":"assistant","content":"x"},"finish_reason":"length"}]}`,
		`{"choices":[{"message":{"role":"assistant","content":"","refusal":"no"}}]}`,
		`{"error":{"message":"overloaded"}}`,
		`{"choices":[]}`,
		`{"choices":null}`,
		`[]`, `null`, `{`, ``, "\x00\xff",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, err := ParseResponse(raw)
		if err == nil && strings.TrimSpace(text) == "" {
			t.Fatalf("ParseResponse(%q) = empty text and no error", raw)
		}
		if err != nil && text != "" {
			t.Fatalf("ParseResponse(%q) = %q with error %v", raw, text, err)
		}
	})
}

// FuzzVet feeds arbitrary model text through the checks: whatever comes
// back usable cites only given sources and passes the guard.
func FuzzVet(f *testing.F) {
	for _, seed := range []string{
		"Pending [2]. See [1, 2].", "Pending.", "Pending [3].", "[0]", "[1][1][1]", "NO_ANSWER",
		"I have frozen your account [1].", "Send your seed phrase [1].", "[ 2 , 1 ] x", "[99999]",
		"See https://help.example.com/help/en/wrong-network [1].", "see https://evil.example/x [1]",
	} {
		f.Add(seed)
	}
	sources := depositSources()
	f.Fuzz(func(t *testing.T, text string) {
		a, err := vet(text, sources, guardCheck)
		if err != nil {
			if !errors.Is(err, ErrRefused) || a.Text != "" || a.Citations != nil {
				t.Fatalf("vet(%q) = %+v, %v", text, a, err)
			}
			return
		}
		if len(a.Citations) == 0 || len(a.Citations) > len(sources) {
			t.Fatalf("vet(%q): citations %v", text, a.Citations)
		}
		for _, id := range a.Citations {
			if id != "kb:12" && id != "tool:deposit" {
				t.Fatalf("vet(%q): cited unknown id %q", text, id)
			}
		}
		if reason := guardCheck(a.Text); reason != "" {
			t.Fatalf("vet(%q): usable answer fails the guard: %s", text, reason)
		}
		if c := findActionClaim(a.Text); c != "" {
			t.Fatalf("vet(%q): usable answer claims %q", text, c)
		}
	})
}
