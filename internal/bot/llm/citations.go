package llm

import (
	"regexp"
	"strconv"
	"strings"
)

// citationRE matches a citation marker: [1], [2, 3], [ 4 ].
var citationRE = regexp.MustCompile(`\[\s*\d{1,4}\s*(?:,\s*\d{1,4}\s*)*\]`)

// resolveCitations checks that text cites at least one source and only
// sources 1..len(sources), and renumbers its markers in the order first
// cited so that [k] is Citations[k-1].
func resolveCitations(text string, sources []Source) (Answer, error) {
	markers := citationRE.FindAllStringIndex(text, -1)
	if len(markers) == 0 {
		return Answer{}, &RefusedError{Reason: ReasonNoCitation}
	}
	renumber := map[int]int{} // source number → number in the answer
	var cited []string
	var b strings.Builder
	last := 0
	for _, m := range markers {
		b.WriteString(text[last:m[0]])
		last = m[1]
		for _, part := range strings.Split(strings.Trim(text[m[0]:m[1]], "[]"), ",") {
			n, err := strconv.Atoi(strings.TrimSpace(part))
			if err != nil || n < 1 || n > len(sources) {
				return Answer{}, refuse(ReasonBadCitation, "[%s] with %d sources", strings.TrimSpace(part), len(sources))
			}
			k, ok := renumber[n]
			if !ok {
				cited = append(cited, sources[n-1].ID)
				k = len(cited)
				renumber[n] = k
			}
			b.WriteString("[" + strconv.Itoa(k) + "]")
		}
	}
	b.WriteString(text[last:])
	return Answer{Text: b.String(), Citations: cited}, nil
}

// linkRE finds web links in an answer.
var linkRE = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'()\[\]]+`)

// foreignLink returns the first link in text that no source contains, or
// "". A model that invents a link (a look-alike "support" page) is refused
// even when the guard would let the domain through.
func foreignLink(text string, sources []Source) string {
	for _, link := range linkRE.FindAllString(text, -1) {
		link = strings.TrimRight(link, ".,;:!?")
		found := false
		for _, s := range sources {
			if strings.Contains(s.URL, link) || strings.Contains(s.Text, link) {
				found = true
				break
			}
		}
		if !found {
			return link
		}
	}
	return ""
}
