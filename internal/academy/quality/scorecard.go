package quality

import (
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Category is one line of the scorecard. Safety categories are the crypto
// ones every review checks; a 0 in any of them fails the review whatever
// the total.
type Category struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Help   string `json:"help"`
	Weight int    `json:"weight"`
	Safety bool   `json:"safety"`
}

// MaxScore is the best score of a category; scores run 0..MaxScore.
const MaxScore = 4

// Categories is the scorecard, safety first.
var Categories = []Category{
	{"no_secret_asked", "Never asked for a secret", "No request for a seed phrase, private key, password, 2FA or e-mail code, in any wording or channel.", 4, true},
	{"verified_level", "Verified at the right level", "Checked the customer's verification level (L1 signed in, L2 stepped up) before account details or actions.", 3, true},
	{"network_memo", "Right network and memo advice", "Named the right network, and the memo or tag where the asset needs one; no guessing.", 3, true},
	{"offered_verify", "Offered /verify", "Told the customer how to check they are talking to the real exchange (/verify).", 2, true},
	{"empathy", "Empathy", "Acknowledged the customer's situation and stress; kept a calm, respectful tone.", 1, false},
	{"clarity", "Clarity", "Clear steps in plain words, in the customer's language; no jargon left unexplained.", 1, false},
	{"answered_in_time", "Answered in time", "The first reply came within the SLA's first-response target.", 1, false},
	{"resolved_once", "Resolved for good", "Solved without the customer having to come back (no reopen).", 1, false},
}

// Category returns the category named key.
func categoryOf(key string) (Category, bool) {
	for _, c := range Categories {
		if c.Key == key {
			return c, true
		}
	}
	return Category{}, false
}

// Scores are a review's scores by category key.
type Scores map[string]int

// MaxComment is the longest comment of a review or a resolution, and
// MaxReason the longest dispute reason, in characters.
const (
	MaxComment = 2000
	MaxReason  = 2000
)

// Check refuses unknown categories, scores out of range and a scorecard
// that leaves a category out (every one is checked on every review).
func (s Scores) Check() error {
	for k, v := range s {
		if _, ok := categoryOf(k); !ok {
			return errs.Field("scores", "unknown category %q; the scorecard has %s", k, categoryKeys())
		}
		if v < 0 || v > MaxScore {
			return errs.Field("scores", "score %d for %q is out of range 0–%d", v, k, MaxScore)
		}
	}
	for _, c := range Categories {
		if _, ok := s[c.Key]; !ok {
			return errs.Field("scores", "category %q (%s) has no score; every category is scored on every review", c.Key, c.Label)
		}
	}
	return nil
}

func categoryKeys() string {
	keys := make([]string, len(Categories))
	for i, c := range Categories {
		keys[i] = c.Key
	}
	return strings.Join(keys, ", ")
}

// Total is the weighted score in per mille of the best possible, and
// whether a safety category scored 0. s must have passed Check.
func (s Scores) Total() (total int, safetyFail bool) {
	sum, best := 0, 0
	for _, c := range Categories {
		sum += s[c.Key] * c.Weight
		best += MaxScore * c.Weight
		if c.Safety && s[c.Key] == 0 {
			safetyFail = true
		}
	}
	return sum * 1000 / best, safetyFail
}

// Scorecard is a reviewer's input: the scores and a comment.
type Scorecard struct {
	TicketID int64  `json:"ticket_id"`
	Scores   Scores `json:"scores"`
	Comment  string `json:"comment"`
}

// Check checks the scores and the comment.
func (in *Scorecard) Check() error {
	if in.TicketID <= 0 {
		return errs.Field("ticket_id", "ticket_id must name a ticket of the session")
	}
	in.Comment = strings.TrimSpace(in.Comment)
	if n := utf8.RuneCountInString(in.Comment); n > MaxComment {
		return errs.Field("comment", "the comment has %d characters; at most %d", n, MaxComment)
	}
	return in.Scores.Check()
}

// ParseScorecardJSON reads an API scorecard strictly: unknown fields,
// unknown categories and out-of-range scores are refused.
func ParseScorecardJSON(body []byte) (Scorecard, error) {
	var raw struct {
		TicketID int64                      `json:"ticket_id"`
		Scores   map[string]json.RawMessage `json:"scores"`
		Comment  string                     `json:"comment"`
	}
	if err := web.Unmarshal(body, &raw); err != nil {
		return Scorecard{}, err
	}
	in := Scorecard{TicketID: raw.TicketID, Comment: raw.Comment, Scores: Scores{}}
	for k, v := range raw.Scores {
		n, err := strconv.Atoi(strings.TrimSpace(string(v)))
		if err != nil {
			return Scorecard{}, errs.Field("scores", "the score for %q must be a whole number 0–%d, not %s", k, MaxScore, shorten(string(v)))
		}
		in.Scores[k] = n
	}
	return in, in.Check()
}

// ParseScorecardForm reads the scorecard page's form: score.<category>
// fields, comment and ticket_id.
func ParseScorecardForm(v url.Values) (Scorecard, error) {
	in := Scorecard{Comment: v.Get("comment"), Scores: Scores{}}
	id, err := strconv.ParseInt(v.Get("ticket_id"), 10, 64)
	if err != nil {
		return Scorecard{}, errs.Field("ticket_id", "ticket_id %q is not a ticket number", shorten(v.Get("ticket_id")))
	}
	in.TicketID = id
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		cat, ok := strings.CutPrefix(k, "score.")
		if !ok {
			continue
		}
		if len(v[k]) != 1 {
			return Scorecard{}, errs.Field("scores", "category %q is scored %d times", shorten(cat), len(v[k]))
		}
		n, err := strconv.Atoi(v[k][0])
		if err != nil {
			return Scorecard{}, errs.Field("scores", "the score for %q must be a whole number 0–%d, not %q", shorten(cat), MaxScore, shorten(v[k][0]))
		}
		in.Scores[cat] = n
	}
	return in, in.Check()
}

// shorten keeps an echoed input short in a message.
func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
