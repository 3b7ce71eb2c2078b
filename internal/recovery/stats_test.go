package recovery

import (
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
)

func TestParseQueueCursor(t *testing.T) {
	for _, c := range []struct {
		in   string
		want QueueCursor
		bad  bool
	}{
		{in: "", want: QueueCursor{}},
		{in: "1772442000000.42", want: QueueCursor{DueAt: 1772442000000, ID: 42}},
		{in: "1772442000000", bad: true},
		{in: "1772442000000.0", bad: true},
		{in: "-1.5", bad: true},
		{in: "1.2.3", bad: true},
		{in: "x.y", bad: true},
	} {
		got, err := ParseQueueCursor(c.in)
		if c.bad != (err != nil) || got != c.want {
			t.Errorf("ParseQueueCursor(%q) = %+v, %v; want %+v, bad %v", c.in, got, err, c.want, c.bad)
		}
		if c.bad && !errs.Is(err, errs.Invalid) {
			t.Errorf("ParseQueueCursor(%q): %v is not a bad-input error", c.in, err)
		}
	}
}

// A cursor comes back in the query string: whatever it holds, reading it
// never panics, and a cursor read is written back the same.
func FuzzParseQueueCursor(f *testing.F) {
	for _, s := range []string{"", "1772442000000.42", "1.", ".1", "9223372036854775807.9223372036854775807", "+1.+2", "1e3.4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseQueueCursor(s)
		if err != nil || s == "" {
			return
		}
		back, err := ParseQueueCursor(c.String())
		if err != nil || back != c {
			t.Fatalf("%q read as %+v, written as %q, read back as %+v, %v", s, c, c.String(), back, err)
		}
	})
}
