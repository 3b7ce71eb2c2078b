package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
)

// An appeal's ticket holds the customer's TxID, amount and evidence. The
// demo names its "Deposit recovery" team as the one handling appeals, so
// the ticket, its file and the appeal's pages are closed to a tier-1
// agent of another team and open to a member of the recovery team.
func TestAppealTicketIsReadByTheRecoveryTeamOnly(t *testing.T) {
	t.Parallel()
	eachDemoEngine(t, func(t *testing.T, ta *testApp) {
		cb, id, ticketID := appealFromPages(t, ta)
		if status, page := uploadEvidence(t, ta, cb, id); status >= 400 {
			t.Fatalf("evidence: %d\n%.600s", status, page)
		}
		recoveryTeam := ta.teamNamed("Deposit recovery")
		if got := ta.count(`SELECT COUNT(*) FROM tickets WHERE id = ? AND team_id = ?`, ticketID, recoveryTeam); got != 1 {
			t.Errorf("appeal ticket %d is not in the Deposit recovery team %d", ticketID, recoveryTeam)
		}
		var fileID int64
		if err := ta.db.QueryRow(t.Context(), `SELECT id FROM attachments WHERE ticket_id = ?`, ticketID).Scan(&fileID); err != nil {
			t.Fatalf("the evidence file: %v", err)
		}
		_, outsider := ta.agentToken(auth.Tier1, ta.teamNamed("Deposits EN"))
		_, member := ta.agentToken(auth.Recovery, recoveryTeam)
		paths := []struct {
			api  bool
			path string
		}{
			{true, fmt.Sprintf("/api/v1/tickets/%d", ticketID)},
			{true, fmt.Sprintf("/api/v1/attachments/%d", fileID)},
			{false, fmt.Sprintf("/tickets/%d", ticketID)},
			{false, fmt.Sprintf("/recovery/appeals/%d", id)},
		}
		for _, p := range paths {
			if code := ta.getStatus(p.api, outsider, p.path); code != http.StatusForbidden && code != http.StatusNotFound {
				t.Errorf("tier-1 agent of another team: GET %s = %d, want 403 or 404", p.path, code)
			}
			if code := ta.getStatus(p.api, member, p.path); code != http.StatusOK {
				t.Errorf("recovery team member: GET %s = %d, want 200", p.path, code)
			}
		}
		// Approvers with the right to read every ticket keep their flow.
		if res := ta.do("POST", fmt.Sprintf("/api/v1/recovery/appeals/%d/reject", id), "", map[string]string{"reason": "The deposit was credited."}, nil); res.StatusCode != http.StatusOK {
			t.Errorf("admin rejects the appeal: %d", res.StatusCode)
		}
	})
}

// The setting through the API: an unknown team is refused with a problem
// body and changes nothing; 0 clears it, and a new appeal's ticket then
// belongs to no team as before the setting existed.
func TestRecoveryTeamSetting(t *testing.T) {
	t.Parallel()
	eachDemoEngine(t, func(t *testing.T, ta *testApp) {
		want := ta.teamNamed("Deposit recovery")
		var got struct {
			TeamID int64 `json:"team_id"`
		}
		if res := ta.do("GET", "/api/v1/recovery/team", "", nil, &got); res.StatusCode != http.StatusOK || got.TeamID != want {
			t.Fatalf("GET team: %d %+v, want the demo's team %d", res.StatusCode, got, want)
		}
		_, tier1 := ta.agentToken(auth.Tier1)
		if res := ta.do("PUT", "/api/v1/recovery/team", tier1, map[string]int64{"team_id": 0}, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("tier-1 sets the team: %d, want 403", res.StatusCode)
		}
		for _, body := range []any{map[string]int64{"team_id": 99999}, map[string]int64{"team_id": -1}, `{"team_id":"x"}`} {
			var problem struct {
				Detail string `json:"detail"`
			}
			if res := ta.do("PUT", "/api/v1/recovery/team", "", body, &problem); res.StatusCode != http.StatusBadRequest || problem.Detail == "" {
				t.Errorf("PUT %v: %d %+v, want 400 with a problem body", body, res.StatusCode, problem)
			}
		}
		if ta.do("GET", "/api/v1/recovery/team", "", nil, &got); got.TeamID != want {
			t.Errorf("after refused changes the team is %d, want %d", got.TeamID, want)
		}
		if res := ta.do("PUT", "/api/v1/recovery/team", "", map[string]int64{"team_id": 0}, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("clear the team: %d", res.StatusCode)
		}
		_, _, ticketID := appealFromPages(t, ta)
		if n := ta.count(`SELECT COUNT(*) FROM tickets WHERE id = ? AND team_id IS NULL`, ticketID); n != 1 {
			t.Errorf("with no recovery team the appeal's ticket %d has a team", ticketID)
		}
	})
}

// The admin page shows the setting and changes it through its form; a
// team that does not exist gets the field's message and changes nothing.
func TestRecoveryTeamAdminPage(t *testing.T) {
	t.Parallel()
	eachDemoEngine(t, func(t *testing.T, ta *testApp) {
		recoveryTeam, deposits := ta.teamNamed("Deposit recovery"), ta.teamNamed("Deposits EN")
		code, page := ta.page(testAdminToken, "/admin/recovery")
		if selected := fmt.Sprintf(`<option value="%d" selected>Deposit recovery</option>`, recoveryTeam); code != http.StatusOK || !strings.Contains(page, selected) {
			t.Fatalf("admin page: %d, want %q\n%.2000s", code, selected, page)
		}
		forms := ta.adminForms(t)
		post := func(team string) (int, string) { return forms("/admin/recovery/team", url.Values{"team_id": {team}}) }
		if code, page := post("99999"); code != http.StatusBadRequest || !strings.Contains(page, "no team 99999") {
			t.Errorf("unknown team: %d, want 400 with the field's message\n%.2000s", code, page)
		}
		if n := ta.count(`SELECT COUNT(*) FROM settings WHERE name = 'recovery_team' AND value = ?`, fmt.Sprint(recoveryTeam)); n != 1 {
			t.Errorf("a refused form changed the setting")
		}
		// The form redirects to the page, which says so and selects the team.
		code, page = post(fmt.Sprint(deposits))
		if code != http.StatusOK || !strings.Contains(page, "The recovery team is saved.") ||
			!strings.Contains(page, fmt.Sprintf(`<option value="%d" selected>Deposits EN</option>`, deposits)) {
			t.Errorf("set the team to Deposits EN: %d\n%.2000s", code, page)
		}
	})
}

// teamNamed returns the id of the team called name.
func (ta *testApp) teamNamed(name string) int64 {
	ta.t.Helper()
	var id int64
	if err := ta.db.QueryRow(ta.t.Context(), `SELECT id FROM teams WHERE name = ?`, name).Scan(&id); err != nil {
		ta.t.Fatalf("team %q: %v", name, err)
	}
	return id
}

// getStatus is the answer's status to a GET of an API path or a page.
func (ta *testApp) getStatus(api bool, token, path string) int {
	ta.t.Helper()
	if api {
		res := ta.do("GET", path, token, nil, nil)
		return res.StatusCode
	}
	code, _ := ta.page(token, path)
	return code
}
