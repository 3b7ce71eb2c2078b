package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// plainSecret is a TOTP secret as an older version stored it, in clear.
const plainSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

// signInTOTP signs a in with the current code of secret, 30 s after the
// last sign-in so that the code is a fresh one.
func (f fixture) signInTOTP(t *testing.T, svc *Service, a Agent, secret string) error {
	t.Helper()
	f.clock.Advance(totpPeriod * time.Second)
	_, err := svc.SignIn(f.ctx, Credentials{Email: a.Email, Password: testPassword, TOTP: codeAt(t, secret, f.clock.Now())})
	return err
}

// storedTOTP is agent id's totp_secret column as a dump shows it.
func storedTOTP(t *testing.T, db *store.DB, id int64) string {
	t.Helper()
	return storetest.Scalar[string](t, db, `SELECT totp_secret FROM agents WHERE id = ?`, id)
}

// TestTOTPSecretSealedAtRest: from enrolment to sign-in to disabling, the
// agents table never holds the secret in clear, and everything works as
// before: a code is good once, a pending enrolment asks for no code.
func TestTOTPSecretSealedAtRest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		a := f.agent(t, "ana@example.com", Tier3)
		enr, err := f.svc.StartTOTP(f.ctx, a.ID, Reauth{Password: testPassword})
		if err != nil {
			t.Fatal(err)
		}
		if dump := storetest.Dump(t, db, "agents"); strings.Contains(dump, enr.Secret) {
			t.Fatalf("the pending secret is in the agents table:\n%s", dump)
		}
		if got := storedTOTP(t, db, a.ID); !strings.HasPrefix(got, pendingTOTP+seal.Prefix+oldKey.ID+":") {
			t.Fatalf("pending row %q: want pending:, then sealed with %s", got, oldKey.ID)
		}
		f.signIn(t, a.Email) // pending: no code asked yet
		if err := f.svc.ConfirmTOTP(f.ctx, a.ID, codeAt(t, enr.Secret, f.clock.Now())); err != nil {
			t.Fatalf("ConfirmTOTP: %v", err)
		}
		if dump := storetest.Dump(t, db, "agents"); strings.Contains(dump, enr.Secret) {
			t.Fatalf("the secret is in the agents table:\n%s", dump)
		}
		if got := storedTOTP(t, db, a.ID); !strings.HasPrefix(got, seal.Prefix) {
			t.Fatalf("enabled row %q is not sealed", got)
		}
		if err := f.signInTOTP(t, f.svc, a, enr.Secret); err != nil {
			t.Fatalf("SignIn with a fresh code: %v", err)
		}
		code := codeAt(t, enr.Secret, f.clock.Now())
		_, err = f.svc.SignIn(f.ctx, Credentials{Email: a.Email, Password: testPassword, TOTP: code})
		checkErr(t, "SignIn with the code just used", err, errs.Unauthorized)

		f.clock.Advance(totpPeriod * time.Second)
		if err := f.svc.DisableTOTP(f.ctx, a.ID, Reauth{TOTP: codeAt(t, enr.Secret, f.clock.Now())}); err != nil {
			t.Fatalf("DisableTOTP: %v", err)
		}
		if got := storedTOTP(t, db, a.ID); got != "" {
			t.Fatalf("after disabling the row keeps %q", got)
		}
		f.signIn(t, a.Email)
	})
}

// TestTOTPPlaintextRowsSealed: rows an older version wrote in clear (an
// enabled secret, a pending enrolment) keep working, and SealTOTPSecrets
// seals them; they work the same after.
func TestTOTPPlaintextRowsSealed(t *testing.T) {
	cases := []struct {
		name   string
		stored string
	}{
		{"enabled", plainSecret},
		{"pending enrolment", pendingTOTP + plainSecret},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				f := newFixture(db)
				a := f.agent(t, strings.ReplaceAll(tc.name, " ", "-")+"@example.com", Tier3)
				if _, err := db.Exec(f.ctx, `UPDATE agents SET totp_secret = ? WHERE id = ?`, tc.stored, a.ID); err != nil {
					t.Fatal(err)
				}
				pending := strings.HasPrefix(tc.stored, pendingTOTP)
				if !pending {
					if err := f.signInTOTP(t, f.svc, a, plainSecret); err != nil {
						t.Fatalf("SignIn on the plain-text row: %v", err)
					}
				}
				n, err := f.svc.SealTOTPSecrets(f.ctx)
				if err != nil || n != 1 {
					t.Fatalf("SealTOTPSecrets = %d, %v; want 1", n, err)
				}
				if dump := storetest.Dump(t, db, "agents"); strings.Contains(dump, plainSecret) {
					t.Fatalf("the secret is still in the agents table:\n%s", dump)
				}
				if got := storedTOTP(t, db, a.ID); strings.HasPrefix(got, pendingTOTP) != pending {
					t.Fatalf("sealing changed whether the enrolment is pending: %q", got)
				}
				if n, err := f.svc.SealTOTPSecrets(f.ctx); err != nil || n != 0 {
					t.Fatalf("second SealTOTPSecrets = %d, %v; want 0", n, err)
				}
				if pending {
					if err := f.svc.ConfirmTOTP(f.ctx, a.ID, codeAt(t, plainSecret, f.clock.Now())); err != nil {
						t.Fatalf("ConfirmTOTP after sealing: %v", err)
					}
				}
				if err := f.signInTOTP(t, f.svc, a, plainSecret); err != nil {
					t.Fatalf("SignIn after sealing: %v", err)
				}
			})
		}
	})
}

// TestTOTPSecretAfterKeyRotation: a secret sealed with the old key still
// signs in once a new key is active; SealTOTPSecrets moves it to the new
// key, after which the old key can go. A sealed secret copied to another
// agent's row does not open there.
func TestTOTPSecretAfterKeyRotation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		a := f.agent(t, "ana@example.com", Tier3)
		secret := f.enrol(t, a)
		a = f.reload(t, a.ID)

		rotated := NewService(db, f.log, testKeys(newKey, oldKey))
		if err := f.signInTOTP(t, rotated, a, secret); err != nil {
			t.Fatalf("SignIn with the old key's row after rotation: %v", err)
		}
		if n, err := rotated.SealTOTPSecrets(f.ctx); err != nil || n != 1 {
			t.Fatalf("SealTOTPSecrets = %d, %v; want 1", n, err)
		}
		if got := storedTOTP(t, db, a.ID); !strings.HasPrefix(got, seal.Prefix+newKey.ID+":") {
			t.Fatalf("row %q is not sealed with %s", got, newKey.ID)
		}
		onlyNew := NewService(db, f.log, testKeys(newKey))
		if err := f.signInTOTP(t, onlyNew, a, secret); err != nil {
			t.Fatalf("SignIn with the old key dropped: %v", err)
		}

		b := f.agent(t, "bo@example.com", Tier3)
		if _, err := db.Exec(f.ctx, `UPDATE agents SET totp_secret = ? WHERE id = ?`, storedTOTP(t, db, a.ID), b.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.signInTOTP(t, onlyNew, b, secret); err == nil {
			t.Fatal("a secret copied from another agent's row signed in")
		}
	})
}
