package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// fixture is a Service on a fresh database with the real audit log.
type fixture struct {
	ctx   context.Context
	db    *store.DB
	log   *audit.Log
	svc   *Service
	clock *store.FakeClock // the database's clock; tests move it
}

func newFixture(db *store.DB) fixture {
	log := audit.New(db)
	clock := store.NewFakeClock(time.Now())
	db.SetClock(clock.Now)
	return fixture{ctx: context.Background(), db: db, log: log, svc: NewService(db, log, testKeys(oldKey)), clock: clock}
}

// Two keys for the sealing tests: oldKey seals first, then a rotation
// makes newKey the active one.
var (
	oldKey = seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("o"), seal.KeySize)}
	newKey = seal.Key{ID: "k2", Bytes: bytes.Repeat([]byte("n"), seal.KeySize)}
)

// testKeys is a keyring of keys, the first one active.
func testKeys(keys ...seal.Key) *seal.Keyring {
	k, err := seal.New(keys...)
	if err != nil {
		panic(err)
	}
	return k
}

// agent seeds an active agent whose password is testPassword. It writes
// the rows directly with cheapHash, skipping CreateAgent's ~250 ms argon2
// hash; CreateAgent has tests of its own.
func (f fixture) agent(t *testing.T, email string, role Role, teams ...int64) Agent {
	t.Helper()
	var id int64
	err := f.db.Tx(f.ctx, func(ctx context.Context, tx *store.Tx) error {
		now := store.Now()
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO agents (email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			email, strings.Split(email, "@")[0], string(role), cheapHash(testPassword), now, now)
		if err != nil {
			return err
		}
		for _, team := range teams {
			if _, err := tx.Exec(ctx, `INSERT INTO team_members (team_id, agent_id) VALUES (?, ?)`, team, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("seed agent %s: %v", email, err)
	}
	return f.reload(t, id)
}

// reload reads an agent again, with its unexported fields.
func (f fixture) reload(t *testing.T, id int64) Agent {
	t.Helper()
	a, err := f.svc.Agent(f.ctx, id)
	if err != nil {
		t.Fatalf("Agent(%d): %v", id, err)
	}
	return a
}

func (f fixture) team(t *testing.T, name string) int64 {
	t.Helper()
	tm, err := f.svc.CreateTeam(f.ctx, NewTeam{Name: name, ProductArea: "spot", Language: "en"})
	if err != nil {
		t.Fatalf("CreateTeam %s: %v", name, err)
	}
	return tm.ID
}

func (f fixture) signIn(t *testing.T, email string) Session {
	t.Helper()
	sess, err := f.svc.SignIn(f.ctx, Credentials{Email: email, Password: testPassword})
	if err != nil {
		t.Fatalf("SignIn %s: %v", email, err)
	}
	return sess
}

// audited returns the audit entries with this action, newest first.
func (f fixture) audited(t *testing.T, action string) []audit.Entry {
	t.Helper()
	entries, _, err := f.log.List(f.ctx, audit.Filter{Action: action}, web.Page{Limit: audit.MaxLimit})
	if err != nil {
		t.Fatalf("audit List %s: %v", action, err)
	}
	return entries
}

// wantKind fails unless err is an *errs.Error of kind (and names field, if
// field is not empty).
func wantKind(t *testing.T, err error, kind errs.Kind, field string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Kind != kind || (field != "" && e.Field != field) {
		t.Fatalf("error = %v (%#v), want kind %v field %q", err, e, kind, field)
	}
}

func newAgentInput(mod func(*NewAgent)) NewAgent {
	in := NewAgent{Email: "ana@example.com", Name: "Ana", Role: Tier1, Password: testPassword}
	if mod != nil {
		mod(&in)
	}
	return in
}

func TestCreateAgentValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		f.agent(t, "taken@example.com", Tier1)
		cases := []struct {
			name  string
			in    NewAgent
			field string
		}{
			{"bad email", newAgentInput(func(a *NewAgent) { a.Email = "not-an-email" }), "email"},
			{"email with display name", newAgentInput(func(a *NewAgent) { a.Email = "Ana <ana@example.com>" }), "email"},
			{"empty email", newAgentInput(func(a *NewAgent) { a.Email = "" }), "email"},
			{"blank name", newAgentInput(func(a *NewAgent) { a.Name = "   " }), "name"},
			{"short password", newAgentInput(func(a *NewAgent) { a.Password = strings.Repeat("x", MinPasswordLength-1) }), "password"},
			{"huge password", newAgentInput(func(a *NewAgent) { a.Password = strings.Repeat("x", 1025) }), "password"},
			{"unknown role", newAgentInput(func(a *NewAgent) { a.Role = "root" }), "role"},
			{"no role", newAgentInput(func(a *NewAgent) { a.Role = "" }), "role"},
			{"duplicate email in other case", newAgentInput(func(a *NewAgent) { a.Email = " Taken@Example.COM " }), "email"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := f.svc.CreateAgent(f.ctx, c.in)
				wantKind(t, err, errs.Invalid, c.field)
			})
		}
		agents, err := f.svc.Agents(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(agents) != 1 {
			t.Errorf("after refused creates there are %d agents, want 1", len(agents))
		}
	})
}

func TestCreateAgentAndReplaceTeams(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		t1, t2, t3 := f.team(t, "Spot EN"), f.team(t, "KYC EN"), f.team(t, "Cards ES")
		a, err := f.svc.CreateAgent(f.ctx, NewAgent{Email: " Ana@Example.com ", Name: " Ana ", Role: Tier2, Password: testPassword, Teams: []int64{t1}})
		if err != nil {
			t.Fatal(err)
		}
		got := Agent{Email: a.Email, Name: a.Name, Role: a.Role, Active: a.Active, TOTPEnabled: a.TOTPEnabled, Teams: a.Teams}
		want := Agent{Email: "ana@example.com", Name: "Ana", Role: Tier2, Active: true, Teams: []int64{t1}}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(Agent{})); diff != "" {
			t.Errorf("created agent (-want +got):\n%s", diff)
		}
		if !strings.HasPrefix(a.passwordHash, "$argon2id$") {
			t.Errorf("stored password hash %q is not argon2id", a.passwordHash)
		}
		if got := f.audited(t, "agent.created"); len(got) != 1 || got[0].TargetID != itoa(a.ID) {
			t.Errorf("agent.created audit entries = %+v", got)
		}

		// Each step replaces the agent's teams; a refused step changes nothing.
		steps := []struct {
			name  string
			teams []int64
			want  []int64
			field string
		}{
			{"replace", []int64{t3, t2}, []int64{t2, t3}, ""},
			{"same again", []int64{t2, t3}, []int64{t2, t3}, ""},
			{"duplicates collapse", []int64{t3, t3}, []int64{t3}, ""},
			{"unknown team is refused", []int64{t1, 9999}, []int64{t3}, "teams"},
			{"clear", []int64{}, []int64{}, ""},
		}
		for _, s := range steps {
			teams := s.teams
			_, err := f.svc.UpdateAgent(f.ctx, a.ID, AgentUpdate{Teams: &teams})
			if s.field != "" {
				wantKind(t, err, errs.Invalid, s.field)
			} else if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			if diff := cmp.Diff(s.want, f.reload(t, a.ID).Teams); diff != "" {
				t.Errorf("%s: teams (-want +got):\n%s", s.name, diff)
			}
		}

		tm, err := f.svc.Team(f.ctx, t3)
		if err != nil {
			t.Fatal(err)
		}
		if len(tm.Members) != 0 {
			t.Errorf("team %d members after clearing = %v", t3, tm.Members)
		}
	})
}

func TestUpdateAgentRoleChangeIsAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		admin := f.agent(t, "admin@example.com", Admin)
		a := f.agent(t, "ana@example.com", Tier1)
		ctx := audit.WithActor(f.ctx, audit.Actor{Kind: audit.ActorAgent, ID: itoa(admin.ID), IP: "192.0.2.1"})

		steps := []struct {
			name        string
			u           AgentUpdate
			wantRole    Role
			wantEntries int
			field       string
		}{
			{"promote", AgentUpdate{Role: ptr(Tier2)}, Tier2, 1, ""},
			{"same role", AgentUpdate{Role: ptr(Tier2)}, Tier2, 1, ""},
			{"rename only", AgentUpdate{Name: ptr("Ana Lima")}, Tier2, 1, ""},
			{"unknown role", AgentUpdate{Role: ptr(Role("root"))}, Tier2, 1, "role"},
			{"promote again", AgentUpdate{Role: ptr(Supervisor)}, Supervisor, 2, ""},
		}
		for _, s := range steps {
			_, err := f.svc.UpdateAgent(ctx, a.ID, s.u)
			if s.field != "" {
				wantKind(t, err, errs.Invalid, s.field)
			} else if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			if got := f.reload(t, a.ID).Role; got != s.wantRole {
				t.Errorf("%s: role = %s, want %s", s.name, got, s.wantRole)
			}
			if got := len(f.audited(t, "agent.role_changed")); got != s.wantEntries {
				t.Errorf("%s: %d agent.role_changed entries, want %d", s.name, got, s.wantEntries)
			}
		}

		entries := f.audited(t, "agent.role_changed")
		type entry struct {
			ActorKind, ActorID, TargetKind, TargetID, IP string
			Detail                                       map[string]string
		}
		var got []entry
		for _, e := range entries {
			var d map[string]string
			if err := json.Unmarshal(e.Detail, &d); err != nil {
				t.Fatalf("detail %s: %v", e.Detail, err)
			}
			got = append(got, entry{e.ActorKind, e.ActorID, e.TargetKind, e.TargetID, e.IP, d})
		}
		want := []entry{
			{"agent", itoa(admin.ID), "agent", itoa(a.ID), "192.0.2.1", map[string]string{"from": "tier2", "to": "supervisor"}},
			{"agent", itoa(admin.ID), "agent", itoa(a.ID), "192.0.2.1", map[string]string{"from": "tier1", "to": "tier2"}},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("agent.role_changed entries (-want +got):\n%s", diff)
		}
		if _, err := f.svc.UpdateAgent(ctx, 9999, AgentUpdate{Name: ptr("Nobody")}); !errs.Is(err, errs.NotFound) {
			t.Errorf("UpdateAgent(unknown) = %v, want not found", err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
