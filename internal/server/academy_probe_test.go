package server

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/groundcrew/groundcrew/internal/academy"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Through the API, as an outside tester certified a tier-1 agent for the
// security queue: answer every question "A", then "B", then "C", keeping
// what each failed attempt called right. No failed attempt names a right
// answer, and the fourth attempt of the day is a 429 problem.
func TestSecurityQuizCannotBeProbedThroughTheAPI(t *testing.T) {
	t.Parallel()
	eachDemoEngine(t, func(t *testing.T, ta *testApp) {
		_, tok := ta.agentToken(auth.Tier1)
		courseID := securityCourseID(t, ta, tok)
		start := fmt.Sprintf("/api/v1/academy/courses/%d/attempts", courseID)
		learned := map[int64]int{}
		for choice := range academy.AttemptsPerDay {
			var quiz academy.Quiz
			if res := ta.do("POST", start, tok, "{}", &quiz); res.StatusCode != http.StatusCreated {
				t.Fatalf("attempt %d: %d", choice+1, res.StatusCode)
			}
			answers := map[string]int{}
			for _, q := range quiz.Questions {
				answers[fmt.Sprint(q.ID)] = choice % len(q.Choices)
			}
			var res academy.Result
			if r := ta.do("POST", fmt.Sprintf("/api/v1/academy/attempts/%d/answers", quiz.Attempt.ID), tok, map[string]any{"answers": answers}, &res); r.StatusCode != http.StatusOK {
				t.Fatalf("submit %d: %d", choice+1, r.StatusCode)
			}
			if res.Certified != nil {
				t.Fatalf("attempt %d answering every question %c certified", choice+1, 'A'+choice)
			}
			for _, rv := range res.Review {
				if rv.Right || rv.Correct >= 0 {
					learned[rv.ID] = rv.Chosen
				}
			}
		}
		if len(learned) > 0 {
			t.Errorf("failed attempts named right answers: %v", learned)
		}
		var p web.Problem
		if res := ta.do("POST", start, tok, "{}", &p); res.StatusCode != http.StatusTooManyRequests || p.Detail == "" {
			t.Errorf("attempt %d of the day: %d %+v, want 429 saying when", academy.AttemptsPerDay+1, res.StatusCode, p)
		}
	})
}

// Earning a certification opens a queue as a role would: it is audited,
// naming the agent and the attempt.
func TestCertificationEarnedIsAudited(t *testing.T) {
	t.Parallel()
	eachDemoEngine(t, func(t *testing.T, ta *testApp) {
		agent, tok := ta.agentToken(auth.Tier1)
		var full struct {
			Course academy.Course `json:"course"`
		}
		ta.do("GET", fmt.Sprintf("/api/v1/academy/courses/%d", securityCourseID(t, ta, tok)), "", nil, &full)
		var quiz academy.Quiz
		if res := ta.do("POST", fmt.Sprintf("/api/v1/academy/courses/%d/attempts", full.Course.ID), tok, "{}", &quiz); res.StatusCode != http.StatusCreated {
			t.Fatalf("start: %d", res.StatusCode)
		}
		answers := map[string]int{}
		for _, q := range full.Course.Questions {
			answers[fmt.Sprint(q.ID)] = q.Correct
		}
		var res academy.Result
		if r := ta.do("POST", fmt.Sprintf("/api/v1/academy/attempts/%d/answers", quiz.Attempt.ID), tok, map[string]any{"answers": answers}, &res); r.StatusCode != http.StatusOK || res.Certified == nil {
			t.Fatalf("submit: %d %+v", r.StatusCode, res)
		}
		n := ta.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'academy.certified' AND actor_kind = 'agent' AND actor_id = ?`, fmt.Sprint(agent))
		if n != 1 {
			t.Errorf("%d academy.certified records by agent %d, want 1", n, agent)
		}
	})
}
