package quality

import (
	"net/url"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// FuzzScorecardInput: whatever a reviewer's form or API body holds, the
// parsers either refuse it as invalid input or return a scorecard with
// every category scored in range and a total within 0..1000.
func FuzzScorecardInput(f *testing.F) {
	f.Add(`{"ticket_id":1,"scores":{"no_secret_asked":4,"verified_level":3,"network_memo":4,"offered_verify":2,"empathy":4,"clarity":4}}`)
	f.Add(`{"ticket_id":1,"scores":{"no_secret_asked":9}}`)
	f.Add(`{"ticket_id":1,"scores":{"no_secret_asked":"4"}}`)
	f.Add(`{"ticket_id":-1,"scores":{},"comment":"\u0000"}`)
	f.Add(`ticket_id=3&score.no_secret_asked=4&score.verified_level=4&score.network_memo=4&score.offered_verify=4&score.empathy=4&score.clarity=4&comment=ok`)
	f.Add(`ticket_id=3&score.no_secret_asked=4&score.no_secret_asked=0`)
	f.Add(`ticket_id=3&score.speed=4&score.clarity=1e3`)
	f.Add(`ticket_id=99999999999999999999&score.clarity=-0`)
	f.Fuzz(func(t *testing.T, in string) {
		check := func(how string, sc Scorecard, err error) {
			if err != nil {
				if !errs.Is(err, errs.Invalid) {
					t.Fatalf("%s %q: error %v is not invalid input", how, in, err)
				}
				return
			}
			if len(sc.Scores) != len(Categories) {
				t.Fatalf("%s %q: accepted %d scores", how, in, len(sc.Scores))
			}
			for _, c := range Categories {
				if v, ok := sc.Scores[c.Key]; !ok || v < 0 || v > MaxScore {
					t.Fatalf("%s %q: accepted %s = %d", how, in, c.Key, v)
				}
			}
			if total, _ := sc.Scores.Total(); total < 0 || total > 1000 {
				t.Fatalf("%s %q: total %d", how, in, total)
			}
			if sc.TicketID <= 0 {
				t.Fatalf("%s %q: accepted ticket %d", how, in, sc.TicketID)
			}
		}
		sc, err := ParseScorecardJSON([]byte(in))
		check("json", sc, err)
		if v, perr := url.ParseQuery(in); perr == nil {
			sc, err := ParseScorecardForm(v)
			check("form", sc, err)
		}
	})
}
