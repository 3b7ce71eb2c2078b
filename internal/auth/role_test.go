package auth

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"testing"
)

// declaredPerms reads every Perm constant from role.go, so that a new
// permission cannot be added without the tests below seeing it.
func declaredPerms(t *testing.T) []Perm {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "role.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var perms []Perm
	for _, decl := range file.Decls {
		gd, isGen := decl.(*ast.GenDecl)
		if !isGen || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if typ, isIdent := vs.Type.(*ast.Ident); !isIdent || typ.Name != "Perm" {
				continue
			}
			for _, v := range vs.Values {
				lit, isLit := v.(*ast.BasicLit)
				if !isLit {
					t.Fatalf("Perm constant %s is not a string literal", vs.Names[0].Name)
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				perms = append(perms, Perm(s))
			}
		}
	}
	if len(perms) < 10 {
		t.Fatalf("found only %d Perm constants in role.go: %v", len(perms), perms)
	}
	return perms
}

func TestRoleAllows(t *testing.T) {
	cases := []struct {
		role Role
		perm Perm
		want bool
	}{
		{Tier1, PermTicketRead, true},
		{Tier1, PermSelf, true},
		{Tier1, PermNoteWrite, true},
		{Tier1, PermTicketReadAll, false},
		{Tier1, PermAgentManage, false},
		{Tier1, PermTicketAssign, false},
		{Tier1, PermAuditRead, false},
		{Tier2, PermTicketReadAll, false},
		{Recovery, PermTicketReadAll, false},
		{Tier3, PermTicketReadAll, true},
		{Tier3, PermTicketAssign, true},
		{Tier3, PermAuditRead, false},
		{Security, PermAuditRead, true},
		{Security, PermAgentManage, false},
		{Supervisor, PermAuditRead, true},
		{Supervisor, PermTeamManage, true},
		{Supervisor, PermAgentManage, false},
		{Admin, PermAgentManage, true},
		{Tier1, PermCustomerReveal, false},
		{Tier1, PermAccountAction, false},
		{Tier2, PermCustomerReveal, true},
		{Tier2, PermAccountAction, true},
		{Recovery, PermCustomerReveal, true},
		{Recovery, PermAccountAction, false},
		{Tier3, PermAccountAction, true},
		{Security, PermAccountAction, true},
		{Supervisor, PermAccountAction, true},
		{Admin, PermCustomerReveal, true},
		{Tier1, PermQAOwn, true},
		{Tier1, PermFeedbackTag, true},
		{Tier1, PermQAReview, false},
		{Tier1, PermFeedbackReport, false},
		{Tier3, PermQAReview, false},
		{Supervisor, PermQAReview, true},
		{Supervisor, PermFeedbackReport, true},
		{Integration, PermFeedbackTag, false},
		{Integration, PermQAOwn, false},
		{Tier1, PermFraudList, true},
		{Integration, PermFraudList, true},
		{Integration, PermFraudInvestigate, false},
		{Tier3, PermFraudInvestigate, false},
		{Supervisor, PermFraudInvestigate, false},
		{Security, PermFraudInvestigate, true},
		{Admin, PermFraudInvestigate, true},
		{Tier1, PermAcademyTrain, true},
		{Tier1, PermAcademyManage, false},
		{Security, PermAcademyManage, false},
		{Supervisor, PermAcademyManage, true},
		{Admin, PermAcademyManage, true},
		{Integration, PermAcademyTrain, false},
		{Role("root"), PermSelf, false},
		{Role(""), PermTicketRead, false},
	}
	for _, c := range cases {
		if got := c.role.Allows(c.perm); got != c.want {
			t.Errorf("%q.Allows(%s) = %v, want %v", c.role, c.perm, got, c.want)
		}
	}
}

func TestEveryPermIsGranted(t *testing.T) {
	for _, p := range declaredPerms(t) {
		var holders []Role
		for _, r := range Roles {
			if r.Allows(p) {
				holders = append(holders, r)
			}
		}
		if len(holders) == 0 {
			t.Errorf("no role has permission %s", p)
		}
		if !Admin.Allows(p) {
			t.Errorf("admin lacks permission %s", p)
		}
	}
	// Roles grant only declared permissions.
	declared := declaredPerms(t)
	for _, r := range Roles {
		for _, p := range r.Perms() {
			if !slices.Contains(declared, p) {
				t.Errorf("role %s grants undeclared permission %q", r, p)
			}
		}
	}
}

func TestRoleValidAndTier(t *testing.T) {
	cases := []struct {
		role  Role
		valid bool
		tier  int
	}{
		{Tier1, true, 1},
		{Tier2, true, 2},
		{Recovery, true, 2},
		{Tier3, true, 3},
		{Security, true, 3},
		{Supervisor, true, 0},
		{Admin, true, 0},
		{Role("root"), false, 0},
		{Role("Tier1"), false, 0},
	}
	for _, c := range cases {
		if got := c.role.Valid(); got != c.valid {
			t.Errorf("%q.Valid() = %v, want %v", c.role, got, c.valid)
		}
		if got := c.role.Tier(); got != c.tier {
			t.Errorf("%q.Tier() = %d, want %d", c.role, got, c.tier)
		}
	}
	// Perms is a copy: changing it does not grant anything.
	perms := Tier1.Perms()
	perms[0] = PermAgentManage
	if Tier1.Allows(PermAgentManage) {
		t.Error("editing Perms() changed the role")
	}
}

func TestPrincipalCan(t *testing.T) {
	cases := []struct {
		name   string
		role   Role
		active bool
		perm   Perm
		want   bool
	}{
		{"active admin", Admin, true, PermAgentManage, true},
		{"inactive admin", Admin, false, PermAgentManage, false},
		{"inactive tier1 self", Tier1, false, PermSelf, false},
		{"tier1 agent.manage", Tier1, true, PermAgentManage, false},
	}
	for _, c := range cases {
		p := Principal{Agent: Agent{Role: c.role, Active: c.active}}
		if got := p.Can(c.perm); got != c.want {
			t.Errorf("%s: Can(%s) = %v, want %v", c.name, c.perm, got, c.want)
		}
	}
}
