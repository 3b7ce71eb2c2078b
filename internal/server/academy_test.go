package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/academy"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestAcademyGatesTheDemoSecurityQueue: in the demo, through the API, a
// new security agent put on the security rota cannot pull the escalated
// security ticket until they pass the Security specialist quiz, and the
// supervisors' matrix then shows them certified.
func TestAcademyGatesTheDemoSecurityQueue(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	agent, tok := ta.agentToken(auth.Security)
	// Ukrainian only: no other demo ticket fits, so Next meets the gate.
	if resp := ta.do("PUT", fmt.Sprintf("/api/v1/routing/agents/%d", agent), "", map[string]any{
		"languages": []string{"uk"}, "tiers": []int{3}, "certifications": []string{"security"}, "max_chats": 2, "max_tickets": 10}, nil); resp.StatusCode != 200 {
		t.Fatalf("skills: %d", resp.StatusCode)
	}
	if resp := ta.do("PUT", "/api/v1/me/availability", tok, map[string]string{"availability": "online"}, nil); resp.StatusCode != 200 {
		t.Fatalf("online: %d", resp.StatusCode)
	}
	body := newTicketBody("takeover-uk")
	body["language"], body["channel"] = "uk", "email"
	body["message"] = "Хтось змінив мій пароль і двофакторну автентифікацію та вивів кошти з мого акаунта. Що мені робити?"
	var tk ticket.Ticket
	if resp := ta.do("POST", "/api/v1/tickets", "", body, &tk); resp.StatusCode != http.StatusCreated {
		t.Fatalf("ticket: %d", resp.StatusCode)
	}
	if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/handoffs", tk.ID), "", map[string]string{
		"specialist": "security", "reason": "account takeover", "summary": "password and 2FA changed, funds withdrawn"}, nil); resp.StatusCode != http.StatusCreated {
		t.Fatalf("hand-off: %d", resp.StatusCode)
	}

	var problem struct {
		Detail string `json:"detail"`
	}
	resp := ta.do("POST", "/api/v1/me/next-ticket", tok, "{}", &problem)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(problem.Detail, `"Security specialist" (you do not hold it)`) {
		t.Fatalf("Next before the quiz: %d %q", resp.StatusCode, problem.Detail)
	}

	courseID := securityCourseID(t, ta, tok)
	var full struct { // as the admin: with the right answers
		Course academy.Course `json:"course"`
	}
	if resp := ta.do("GET", fmt.Sprintf("/api/v1/academy/courses/%d", courseID), "", nil, &full); resp.StatusCode != 200 || len(full.Course.Questions) == 0 {
		t.Fatalf("the security course %d: %d", courseID, resp.StatusCode)
	}
	var quiz academy.Quiz
	if resp := ta.do("POST", fmt.Sprintf("/api/v1/academy/courses/%d/attempts", courseID), tok, "{}", &quiz); resp.StatusCode != http.StatusCreated {
		t.Fatalf("start: %d", resp.StatusCode)
	}
	answers := map[string]int{}
	for _, q := range full.Course.Questions {
		answers[fmt.Sprint(q.ID)] = q.Correct
	}
	var res academy.Result
	if resp := ta.do("POST", fmt.Sprintf("/api/v1/academy/attempts/%d/answers", quiz.Attempt.ID), tok, map[string]any{"answers": answers}, &res); resp.StatusCode != 200 || res.Certified == nil {
		t.Fatalf("submit: %d %+v", resp.StatusCode, res)
	}

	var next struct {
		TicketID int64 `json:"ticket_id"`
	}
	if resp := ta.do("POST", "/api/v1/me/next-ticket", tok, "{}", &next); resp.StatusCode != 200 || next.TicketID != tk.ID {
		t.Fatalf("Next after the quiz: %d, ticket %d; want %d", resp.StatusCode, next.TicketID, tk.ID)
	}
	var m academy.Matrix
	ta.do("GET", "/api/v1/academy/matrix", "", nil, &m)
	found := false
	for _, row := range m.Rows {
		for _, h := range row.Holdings {
			if row.Agent.ID == agent && h.Certification.Slug == "security-specialist" {
				found = h.State == academy.StateCurrent
			}
		}
	}
	if !found {
		t.Errorf("the matrix does not show agent %d certified: %+v", agent, m.Rows)
	}
}

// securityCourseID is the id of the demo's course that certifies security
// specialists, as the academy's API lists it to the agent holding tok.
func securityCourseID(t *testing.T, ta *testApp, tok string) int64 {
	t.Helper()
	var courses struct {
		Courses []academy.Course `json:"courses"`
	}
	ta.do("GET", "/api/v1/academy/courses", tok, nil, &courses)
	for _, c := range courses.Courses {
		if c.Certification != nil && c.Certification.Slug == "security-specialist" {
			return c.ID
		}
	}
	t.Fatal("no course certifies security specialists")
	return 0
}
