package server

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/groundcrew/groundcrew/internal/academy"
	"github.com/groundcrew/groundcrew/internal/auth"
)

// Starts sent at the same moment cannot pass the daily cap: each agent
// uses all but one attempt, then sends sixteen starts at once. Only one
// more attempt may be stored; the others get the open attempt back or a
// 429. Counting and inserting apart let two starts both see room on
// PostgreSQL.
func TestParallelQuizStartsKeepTheDailyCap(t *testing.T) {
	t.Parallel()
	eachDemoEngine(t, func(t *testing.T, ta *testApp) {
		var courses struct {
			Courses []academy.Course `json:"courses"`
		}
		ta.do("GET", "/api/v1/academy/courses", "", nil, &courses)
		if len(courses.Courses) == 0 {
			t.Fatal("the demo has no courses")
		}
		start := fmt.Sprintf("/api/v1/academy/courses/%d/attempts", courses.Courses[0].ID)
		const agents, parallel = 4, 16
		for k := range agents {
			agent := ta.newAgent(fmt.Sprintf("cap-%d@example.com", k), auth.Tier1).ID
			token, err := ta.auth.CreateToken(t.Context(), agent, "test", "")
			if err != nil {
				t.Fatal(err)
			}
			tok := token.Token
			for i := range academy.AttemptsPerDay - 1 {
				var quiz academy.Quiz
				if res := ta.do("POST", start, tok, "{}", &quiz); res.StatusCode != http.StatusCreated {
					t.Fatalf("attempt %d: %d", i+1, res.StatusCode)
				}
				if res := ta.do("POST", fmt.Sprintf("/api/v1/academy/attempts/%d/answers", quiz.Attempt.ID), tok, map[string]any{"answers": map[string]int{}}, nil); res.StatusCode != http.StatusOK {
					t.Fatalf("submit %d: %d", i+1, res.StatusCode)
				}
			}
			codes := make([]int, parallel)
			var wg sync.WaitGroup
			for i := range parallel {
				wg.Go(func() { codes[i] = ta.do("POST", start, tok, "{}", nil).StatusCode })
			}
			wg.Wait()
			for _, c := range codes {
				if c != http.StatusCreated && c != http.StatusTooManyRequests {
					t.Errorf("a parallel start answered %d, want 201 or 429", c)
				}
			}
			if n := ta.count(`SELECT COUNT(*) FROM academy_attempts WHERE agent_id = ?`, agent); n != academy.AttemptsPerDay {
				t.Errorf("agent %d has %d attempts after %d parallel starts, want the cap of %d", agent, n, parallel, academy.AttemptsPerDay)
			}
		}
	})
}
