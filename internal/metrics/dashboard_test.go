package metrics

import "testing"

// TestTileNotesCountInWords: a tile's note says "1 answer", not "1 answers".
func TestTileNotesCountInWords(t *testing.T) {
	notes := func(f Figures, agent bool) map[string]string {
		out := map[string]string{}
		for _, tl := range tiles(f, Backlog{}, agent) {
			out[tl.Name] = tl.Note
		}
		return out
	}
	for _, c := range []struct {
		n          int64
		csat, nps  string
		bot, sla   string
		mineSolved string
	}{
		{1, "1 answer", "1 answer", "1 ticket", "1 breach", "1 ticket solved"},
		{0, "0 answers", "0 answers", "0 tickets", "0 breaches", "0 tickets solved"},
		{3, "3 answers", "3 answers", "3 tickets", "3 breaches", "3 tickets solved"},
	} {
		f := Figures{CSATAnswers: c.n, NPSAnswers: c.n, BotTickets: c.n, Breaches: c.n, Solved: c.n}
		got := notes(f, false)
		for name, want := range map[string]string{"CSAT": c.csat, "NPS": c.nps, "Bot involvement": c.bot, "SLA: first response": c.sla} {
			if got[name] != want {
				t.Errorf("n=%d: %s note %q, want %q", c.n, name, got[name], want)
			}
		}
		if got := notes(f, true)["Replies"]; got != c.mineSolved {
			t.Errorf("n=%d: an agent's Replies note %q, want %q", c.n, got, c.mineSolved)
		}
	}
}
