package workspace

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// FuzzReadSnooze: any snooze form is read into a request or refused as
// invalid input; a request always says when or that it waits for a reply
// (the store checks the rest).
func FuzzReadSnooze(f *testing.F) {
	for _, s := range [][3]string{{"2026-12-24T09:00", "", ""}, {"", "4h", "on"}, {"+90m", "", ""}, {"", "", "on"},
		{"24/12/2026", "", ""}, {"+-1h", "", ""}, {"", "9999999999h", ""}, {"", "", ""}} {
		f.Add(s[0], s[1], s[2])
	}
	now := time.Date(2026, 12, 5, 22, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, until, preset, reply string) {
		form := url.Values{"until": {until}, "preset": {preset}, "until_reply": {reply}}
		r := httptest.NewRequest("POST", "/tickets/1/snooze", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		in, err := readSnooze(r, now)
		if err != nil {
			if !errs.Is(err, errs.Invalid) {
				t.Fatalf("%q %q %q: %v is not invalid input", until, preset, reply, err)
			}
			return
		}
		if in.UntilReply != (reply != "") {
			t.Fatalf("until_reply %q read as %v", reply, in.UntilReply)
		}
	})
}
