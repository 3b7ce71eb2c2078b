package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
)

// TestAuditPageNamesAgents: the audit log page names an agent who acted
// or was acted on by name, with the id the entry keeps; an admin also
// sees the e-mail, a supervisor (who may read the log) does not.
func TestAuditPageNamesAgents(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		ctx := t.Context()
		rosa, err := ta.auth.CreateAgent(ctx, auth.NewAgent{Email: "rosa.q@example.com", Name: "Rosa Quintero", Role: auth.Supervisor, Password: agentPassword})
		if err != nil {
			t.Fatal(err)
		}
		tok, err := ta.auth.CreateToken(ctx, rosa.ID, "test", "")
		if err != nil {
			t.Fatal(err)
		}
		// Rosa acts (she creates a team); the admin creates an agent, whom
		// that entry targets.
		if resp := ta.do("POST", "/api/v1/teams", tok.Token, map[string]any{"name": "Deposits"}, nil); resp.StatusCode != 201 {
			t.Fatalf("create team: %d", resp.StatusCode)
		}
		var li auth.Agent
		if resp := ta.do("POST", "/api/v1/agents", "", map[string]any{"email": "li.wei@example.com", "name": "Li Wei", "role": "tier1", "password": agentPassword}, &li); resp.StatusCode != 201 {
			t.Fatalf("create agent: %d", resp.StatusCode)
		}
		// firstRow is the first entry's row on the page at path as token.
		firstRow := func(token, path string) string {
			t.Helper()
			code, body := ta.page(token, path)
			if code != 200 {
				t.Fatalf("%s: HTTP %d", path, code)
			}
			_, rest, ok := strings.Cut(body, `<tr data-seq=`)
			if !ok {
				t.Fatalf("%s: no entries:\n%s", path, body)
			}
			row, _, _ := strings.Cut(rest, "</tr>")
			return row
		}
		byRosa := fmt.Sprintf("/admin/audit?actor_kind=agent&actor_id=%d", rosa.ID)
		onLi := fmt.Sprintf("/admin/audit?action=agent.created&target_id=%d", li.ID)
		cases := []struct {
			who, token, path string
			want, not        []string
		}{
			{"admin", testAdminToken, byRosa, []string{"Rosa Quintero", "rosa.q@example.com", fmt.Sprintf("agent %d", rosa.ID)}, nil},
			{"admin", testAdminToken, onLi, []string{"Li Wei", "li.wei@example.com", fmt.Sprint(li.ID)}, nil},
			{"supervisor", tok.Token, byRosa, []string{"Rosa Quintero", fmt.Sprintf("agent %d", rosa.ID)}, []string{"rosa.q@example.com"}},
			{"supervisor", tok.Token, onLi, []string{"Li Wei"}, []string{"li.wei@example.com"}},
		}
		for _, c := range cases {
			row := firstRow(c.token, c.path)
			for _, w := range c.want {
				if !strings.Contains(row, w) {
					t.Errorf("%s, %s: the row lacks %q:\n%s", c.who, c.path, w, row)
				}
			}
			for _, w := range c.not {
				if strings.Contains(row, w) {
					t.Errorf("%s, %s: the row shows %q:\n%s", c.who, c.path, w, row)
				}
			}
		}
	})
}

// TestAuditPageNamesTargets: the "On" column says in words what an entry
// was done to (an official channel's label and handle, a team's name, a
// ticket's number linked to it), with the kind and id the entry keeps.
func TestAuditPageNamesTargets(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var ch struct {
			ID int64 `json:"id"`
		}
		if resp := ta.do("POST", "/api/v1/official-channels", "", map[string]any{"kind": "telegram", "value": "@KestrelHelpDesk", "label": "Support bot"}, &ch); resp.StatusCode != 201 {
			t.Fatalf("add channel: %d", resp.StatusCode)
		}
		var team struct {
			ID int64 `json:"id"`
		}
		if resp := ta.do("POST", "/api/v1/teams", "", map[string]any{"name": "Deposits desk"}, &team); resp.StatusCode != 201 {
			t.Fatalf("create team: %d", resp.StatusCode)
		}
		cases := []struct {
			path string
			want []string
		}{
			{fmt.Sprintf("/admin/audit?target_kind=official_channel&target_id=%d", ch.ID), []string{"Official channel", "Support bot @KestrelHelpDesk", fmt.Sprintf("id %d", ch.ID)}},
			{fmt.Sprintf("/admin/audit?target_kind=team&target_id=%d", team.ID), []string{"Team", "Deposits desk", fmt.Sprintf("id %d", team.ID)}},
		}
		for _, c := range cases {
			code, body := ta.page(testAdminToken, c.path)
			if code != 200 {
				t.Fatalf("%s: HTTP %d", c.path, code)
			}
			_, rest, ok := strings.Cut(body, `<td class="on">`)
			if !ok {
				t.Fatalf("%s: no entries:\n%s", c.path, body)
			}
			on, _, _ := strings.Cut(rest, "</td>")
			for _, w := range c.want {
				if !strings.Contains(on, w) {
					t.Errorf("%s: the On cell lacks %q: %s", c.path, w, on)
				}
			}
		}
	})
}
