package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// ok in a table's error-kind column means "no error".
const ok errs.Kind = -1

func checkErr(t *testing.T, what string, err error, want errs.Kind) {
	t.Helper()
	switch {
	case want == ok && err != nil:
		t.Fatalf("%s: %v", what, err)
	case want != ok && !errs.Is(err, want):
		t.Fatalf("%s: error = %v, want %v", what, err, want)
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func (f fixture) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.db.QueryRow(f.ctx, query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		a := f.agent(t, "ana@example.com", Tier1)
		cases := []struct {
			name  string
			creds Credentials
			want  errs.Kind
		}{
			{"right password", Credentials{Email: "ana@example.com", Password: testPassword}, ok},
			{"e-mail in other case with spaces", Credentials{Email: " ANA@example.com ", Password: testPassword}, ok},
			{"wrong password", Credentials{Email: "ana@example.com", Password: testPassword + "x"}, errs.Unauthorized},
			{"empty password", Credentials{Email: "ana@example.com"}, errs.Unauthorized},
			{"unknown e-mail", Credentials{Email: "bo@example.com", Password: testPassword}, errs.Unauthorized},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				sess, err := f.svc.SignIn(f.ctx, c.creds)
				checkErr(t, "SignIn", err, c.want)
				if c.want != ok {
					return
				}
				if !strings.HasPrefix(sess.Token, "gcs_") || sess.CSRF == "" || sess.Agent.ID != a.ID {
					t.Fatalf("session = %+v", sess)
				}
				if n := f.count(t, `SELECT COUNT(*) FROM sessions WHERE token_hash = ? AND agent_id = ?`, sha256Hex(sess.Token), a.ID); n != 1 {
					t.Errorf("%d sessions stored under the token's SHA-256, want 1", n)
				}
				if n := f.count(t, `SELECT COUNT(*) FROM sessions WHERE token_hash = ?`, sess.Token); n != 0 {
					t.Errorf("the session token is stored in the clear")
				}
				p, err := f.svc.FromSession(f.ctx, sess.Token)
				if err != nil {
					t.Fatalf("FromSession: %v", err)
				}
				if p.Agent.ID != a.ID || p.Via != "session" || p.CSRF != sess.CSRF {
					t.Errorf("FromSession = agent %d via %q csrf %q, want agent %d via session csrf %q", p.Agent.ID, p.Via, p.CSRF, a.ID, sess.CSRF)
				}
			})
		}
		if got := f.audited(t, "agent.signed_in"); len(got) != 2 || got[0].ActorKind != "agent" || got[0].ActorID != itoa(a.ID) {
			t.Errorf("agent.signed_in entries = %+v, want 2 by agent %d", got, a.ID)
		}
		if got := len(f.audited(t, "agent.sign_in_failed")); got != 3 {
			t.Errorf("%d agent.sign_in_failed entries, want 3", got)
		}
		if _, err := f.svc.FromSession(f.ctx, "gcs_forged"); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("FromSession(forged) = %v, want unauthorized", err)
		}
	})
}

func TestDeactivatedAgentCannotSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		a := f.agent(t, "ana@example.com", Tier1)
		sess := f.signIn(t, a.Email)
		tok, err := f.svc.CreateToken(f.ctx, a.ID, "ci", "")
		if err != nil {
			t.Fatal(err)
		}

		if _, err := f.svc.UpdateAgent(f.ctx, a.ID, AgentUpdate{Active: ptr(false)}); err != nil {
			t.Fatal(err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM sessions WHERE agent_id = ?`, a.ID); n != 0 {
			t.Errorf("%d sessions left after deactivation", n)
		}
		_, err = f.svc.FromSession(f.ctx, sess.Token)
		checkErr(t, "FromSession after deactivation", err, errs.Unauthorized)
		_, err = f.svc.FromToken(f.ctx, tok.Token)
		checkErr(t, "FromToken after deactivation", err, errs.Unauthorized)
		_, err = f.svc.SignIn(f.ctx, Credentials{Email: a.Email, Password: testPassword})
		checkErr(t, "SignIn after deactivation", err, errs.Unauthorized)
		if p := (Principal{Agent: f.reload(t, a.ID)}); p.Can(PermSelf) {
			t.Error("a deactivated agent's principal has permissions")
		}

		if _, err := f.svc.UpdateAgent(f.ctx, a.ID, AgentUpdate{Active: ptr(true)}); err != nil {
			t.Fatal(err)
		}
		f.signIn(t, a.Email)
	})
}

// codeAt is the TOTP code of secret at now.
func codeAt(t *testing.T, secret string, now time.Time) string {
	t.Helper()
	c, err := totp.GenerateCode(secret, now)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wrongCode returns a six-digit code that no TOTP window around now accepts.
func wrongCode(t *testing.T, secret string, now time.Time) string {
	t.Helper()
	var valid []string
	for _, d := range []time.Duration{-30 * time.Second, 0, 30 * time.Second} {
		c, err := totp.GenerateCode(secret, now.Add(d))
		if err != nil {
			t.Fatal(err)
		}
		valid = append(valid, c)
	}
	for i := 0; ; i++ {
		if c := fmt.Sprintf("%06d", i); !slices.Contains(valid, c) {
			return c
		}
	}
}

func TestTOTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		a := f.agent(t, "ana@example.com", Tier3)

		err := f.svc.ConfirmTOTP(f.ctx, a.ID, "123456")
		checkErr(t, "ConfirmTOTP before StartTOTP", err, errs.Conflict)

		_, err = f.svc.StartTOTP(f.ctx, a.ID, Reauth{})
		wantKind(t, err, errs.Invalid, "current_password")
		_, err = f.svc.StartTOTP(f.ctx, a.ID, Reauth{Password: "not the password"})
		wantKind(t, err, errs.Invalid, "current_password")
		enr, err := f.svc.StartTOTP(f.ctx, a.ID, Reauth{Password: testPassword})
		if err != nil {
			t.Fatal(err)
		}
		if enr.Secret == "" || !strings.HasPrefix(enr.URL, "otpauth://totp/Groundcrew:") {
			t.Fatalf("enrolment = %+v", enr)
		}
		a = f.reload(t, a.ID)
		if a.TOTPEnabled {
			t.Fatal("TOTP is on before it was confirmed")
		}
		f.signIn(t, a.Email) // a pending enrolment does not ask for codes yet

		err = f.svc.ConfirmTOTP(f.ctx, a.ID, wrongCode(t, enr.Secret, f.clock.Now()))
		wantKind(t, err, errs.Invalid, "code")
		code := codeAt(t, enr.Secret, f.clock.Now())
		if err := f.svc.ConfirmTOTP(f.ctx, a.ID, code); err != nil {
			t.Fatalf("ConfirmTOTP: %v", err)
		}
		a = f.reload(t, a.ID)
		if !a.TOTPEnabled {
			t.Fatal("TOTP is off after confirmation")
		}
		_, err = f.svc.StartTOTP(f.ctx, a.ID, Reauth{Password: testPassword})
		checkErr(t, "StartTOTP when on", err, errs.Conflict)
		if got := f.audited(t, "agent.totp_enabled"); len(got) != 1 || got[0].TargetID != itoa(a.ID) {
			t.Errorf("agent.totp_enabled entries = %+v", got)
		}

		// Each step is a sign-in 30 s after the last; a code is good once.
		f.clock.Advance(totpPeriod * time.Second)
		next := codeAt(t, enr.Secret, f.clock.Now())
		steps := []struct {
			name    string
			code    string
			advance time.Duration
			want    errs.Kind
		}{
			{"no code", "", 0, errs.Unauthorized},
			{"wrong code", wrongCode(t, enr.Secret, f.clock.Now()), 0, errs.Unauthorized},
			{"the code that turned TOTP on", code, 0, errs.Unauthorized},
			{"right code with spaces", " " + next + " ", 0, ok},
			{"the same code again", next, 0, errs.Unauthorized},
			{"the same code in the next step", next, totpPeriod * time.Second, errs.Unauthorized},
			{"the next step's code", "", 0, ok},
		}
		for _, s := range steps {
			f.clock.Advance(s.advance)
			c := s.code
			if c == "" && s.want == ok {
				c = codeAt(t, enr.Secret, f.clock.Now())
			}
			_, err := f.svc.SignIn(f.ctx, Credentials{Email: a.Email, Password: testPassword, TOTP: c})
			checkErr(t, "SignIn: "+s.name, err, s.want)
		}
		if got := f.audited(t, "agent.sign_in_failed"); len(got) != 5 {
			t.Errorf("%d agent.sign_in_failed entries, want 5", len(got))
		}
	})
}

func TestAPITokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		a := f.agent(t, "ana@example.com", Tier1)
		b := f.agent(t, "bo@example.com", Tier1)

		tok, err := f.svc.CreateToken(f.ctx, a.ID, " ci ", "")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(tok.Token, "gct_") || tok.Name != "ci" {
			t.Fatalf("token = %+v", tok)
		}
		p, err := f.svc.FromToken(f.ctx, tok.Token)
		if err != nil {
			t.Fatalf("FromToken: %v", err)
		}
		if p.Agent.ID != a.ID || p.Via != "token" || p.CSRF != "" {
			t.Errorf("FromToken = agent %d via %q csrf %q", p.Agent.ID, p.Via, p.CSRF)
		}
		var stored string
		if err := db.QueryRow(f.ctx, `SELECT token_hash FROM api_tokens WHERE id = ?`, tok.ID).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored != sha256Hex(tok.Token) {
			t.Errorf("stored token_hash = %q, want the SHA-256 hex of the secret", stored)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM api_tokens WHERE token_hash = ? OR name = ?`, tok.Token, tok.Token); n != 0 {
			t.Error("the token secret is stored")
		}
		listed, err := f.svc.Tokens(f.ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(listed) != 1 || listed[0].ID != tok.ID || listed[0].Token != "" {
			t.Errorf("Tokens = %+v, want token %d without its secret", listed, tok.ID)
		}

		steps := []struct {
			name       string
			revoker    int64
			want       errs.Kind
			tokenWorks bool
		}{
			{"another agent cannot revoke it", b.ID, errs.NotFound, true},
			{"the owner revokes it", a.ID, ok, false},
			{"revoking twice", a.ID, errs.NotFound, false},
		}
		for _, s := range steps {
			err := f.svc.RevokeToken(f.ctx, s.revoker, tok.ID)
			checkErr(t, s.name, err, s.want)
			_, err = f.svc.FromToken(f.ctx, tok.Token)
			if s.tokenWorks {
				checkErr(t, s.name+": FromToken", err, ok)
			} else {
				checkErr(t, s.name+": FromToken", err, errs.Unauthorized)
			}
		}
		if listed, _ := f.svc.Tokens(f.ctx, a.ID); len(listed) != 0 {
			t.Errorf("Tokens after revoking = %+v", listed)
		}
		if got := len(f.audited(t, "token.revoked")); got != 1 {
			t.Errorf("%d token.revoked entries, want 1", got)
		}

		create := []struct {
			name, tokenName, secret string
			field                   string
		}{
			{"no name", " ", "", "name"},
			{"long name", strings.Repeat("n", 101), "", "name"},
			{"short secret", "bootstrap", "gct_short", "token"},
			{"given secret", "bootstrap", "gct_0123456789abcdefghijklmnop", ""},
		}
		for _, c := range create {
			t.Run(c.name, func(t *testing.T) {
				tok, err := f.svc.CreateToken(f.ctx, b.ID, c.tokenName, c.secret)
				if c.field != "" {
					wantKind(t, err, errs.Invalid, c.field)
					return
				}
				if err != nil || tok.Token != c.secret {
					t.Fatalf("CreateToken = %+v, %v", tok, err)
				}
				if p, err := f.svc.FromToken(f.ctx, c.secret); err != nil || p.Agent.ID != b.ID {
					t.Errorf("FromToken(given secret) = agent %d, %v", p.Agent.ID, err)
				}
			})
		}
		_, err = f.svc.FromToken(f.ctx, "gct_unknown")
		checkErr(t, "FromToken(unknown)", err, errs.Unauthorized)
	})
}
