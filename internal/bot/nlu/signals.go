package nlu

import "strings"

// Signal cues: lower-case, diacritic-free fragments matched at the start of
// a word (so "hacked" also matches "hacker" only where listed), in the 17
// languages. A cue list is knowledge, not tuning: each entry is a way
// customers say the thing.

// highStakesCues: a hacked or taken-over account, stolen funds, a scam in
// progress, a large loss.
var highStakesCues = []string{
	"hacked", "hack", "stolen", "stole", "unauthorized", "unauthorised", "drained", "scam", "scammed",
	"lost everything", "lost all", "someone logged in", "someone withdrew", "not me",
}

// distressCues: panic, despair, desperation.
var distressCues = []string{
	"please help", "help me", "urgent", "desperate", "panic", "my life savings", "life savings",
	"i will kill myself", "suicide", "ruined", "scared", "terrified", "crying",
}

// humanCues: asking for a person.
var humanCues = []string{
	"human", "real person", "live agent", "an agent", "operator", "speak to someone", "talk to someone",
	"customer service representative", "not a bot", "stop the bot",
}

// signals returns the high-stakes, distress and wants-a-human signals.
func signals(text string) (highStakes, distress, wantsHuman bool) {
	t := " " + foldMarks(strings.ToLower(text)) + " "
	return hasCue(t, highStakesCues), hasCue(t, distressCues), hasCue(t, humanCues)
}

// hasCue reports whether any cue starts at a word start in t.
func hasCue(t string, cues []string) bool {
	for _, c := range cues {
		for from := 0; ; {
			i := strings.Index(t[from:], c)
			if i < 0 {
				break
			}
			at := from + i
			if at == 0 || !isWordByte(t[at-1]) {
				return true
			}
			from = at + 1
		}
	}
	return false
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}
