package kb

import (
	"strings"
	"testing"
)

func TestRenderSanitises(t *testing.T) {
	cases := []struct{ src, must, mustNot string }{
		{"**bold**", "<strong>bold</strong>", ""},
		{"<script>alert(1)</script>", "", "<script"},
		{`<img src=x onerror="alert(1)">`, "", "onerror"},
		{"[x](javascript:alert(1))", "", "javascript:"},
		{`<a href="javascript:alert(1)">x</a>`, "", "javascript:"},
		{`<iframe src="https://evil.example"></iframe>`, "", "<iframe"},
		{"| a |\n|---|\n| b |", "<table>", ""},
		{"[site](https://example.com)", `rel="nofollow`, ""},
	}
	for _, c := range cases {
		got := string(Render(c.src))
		if c.must != "" && !strings.Contains(got, c.must) {
			t.Errorf("%q -> %q, want %q in it", c.src, got, c.must)
		}
		if c.mustNot != "" && strings.Contains(strings.ToLower(got), c.mustNot) {
			t.Errorf("%q -> %q, has %q", c.src, got, c.mustNot)
		}
	}
}

func FuzzRender(f *testing.F) {
	for _, seed := range []string{"# t\n\ntext", "<script>x</script>", "[a](javascript:b)", "<svg onload=x>", "| a |\n|---|\n| <b onclick=y> |", "`<x>`"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		got := strings.ToLower(string(Render(src)))
		for _, bad := range []string{"<script", "<iframe", "javascript:", " onerror=", " onload=", " onclick="} {
			if strings.Contains(got, bad) {
				t.Fatalf("%q rendered %q", src, got)
			}
		}
	})
}
