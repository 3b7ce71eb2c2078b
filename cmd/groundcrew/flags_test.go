package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretFileStopsStart: a GROUNDCREW_*_FILE that cannot be used stops
// the command before it opens anything, naming the variable and the path.
func TestSecretFileStopsStart(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	blank := filepath.Join(dir, "blank")
	unreadable := filepath.Join(dir, "unreadable")
	for path, body := range map[string]string{empty: "", blank: " \n\t\n", unreadable: "s3cret"} {
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		want []string // every one must be in the error
	}{
		{"missing file", map[string]string{"GROUNDCREW_ADMIN_TOKEN_FILE": filepath.Join(dir, "nope")},
			[]string{"GROUNDCREW_ADMIN_TOKEN_FILE=" + filepath.Join(dir, "nope"), "cannot read the secret", "no such file"}},
		{"a folder", map[string]string{"GROUNDCREW_IDENTITY_SECRET_FILE": dir},
			[]string{"GROUNDCREW_IDENTITY_SECRET_FILE=" + dir, "cannot read the secret"}},
		{"empty file", map[string]string{"GROUNDCREW_EXCHANGE_SECRET_FILE": empty},
			[]string{"GROUNDCREW_EXCHANGE_SECRET_FILE=" + empty, "the file is empty"}},
		{"only white space", map[string]string{"GROUNDCREW_ADMIN_PASSWORD_FILE": blank},
			[]string{"GROUNDCREW_ADMIN_PASSWORD_FILE=" + blank, "the file is empty"}},
		{"both set", map[string]string{"GROUNDCREW_ADMIN_TOKEN": "gct_x", "GROUNDCREW_ADMIN_TOKEN_FILE": blank},
			[]string{"GROUNDCREW_ADMIN_TOKEN and GROUNDCREW_ADMIN_TOKEN_FILE are both set"}},
	}
	if os.Geteuid() != 0 { // root reads any file, so the case proves nothing there
		tests = append(tests, struct {
			name string
			env  map[string]string
			want []string
		}{"no permission", map[string]string{"GROUNDCREW_IDENTITY_SECRET_FILE": unreadable},
			[]string{"GROUNDCREW_IDENTITY_SECRET_FILE=" + unreadable, "permission denied"}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearGroundcrewEnv(t)
			data := filepath.Join(t.TempDir(), "data")
			t.Setenv("GROUNDCREW_DATA", data)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), []string{"migrate"}, &stdout, &stderr)
			if err == nil {
				t.Fatalf("migrate started; stdout %q", stdout.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if code := exitCode(err); code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("error %q shows the secret", err)
			}
			if _, statErr := os.Stat(data); !os.IsNotExist(statErr) {
				t.Errorf("the data folder was created (%v): start-up went on", statErr)
			}
		})
	}
}

// TestSecretFileRead: the file's content, trimmed, is the secret, and the
// plain variable still works alone.
func TestSecretFileRead(t *testing.T) {
	clearGroundcrewEnv(t)
	path := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(path, []byte("gct_from-file-0123456789abcdef\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GROUNDCREW_ADMIN_TOKEN_FILE", path)
	t.Setenv("GROUNDCREW_IDENTITY_SECRET", "identity-from-env")
	f := newFlags(&bytes.Buffer{})
	if err := f.parse(nil); err != nil {
		t.Fatal(err)
	}
	if f.cfg.AdminToken != "gct_from-file-0123456789abcdef" || f.cfg.IdentitySecret != "identity-from-env" || f.cfg.ExchangeSecret != "" {
		t.Errorf("admin token %q, identity secret %q, exchange secret %q", f.cfg.AdminToken, f.cfg.IdentitySecret, f.cfg.ExchangeSecret)
	}
}

// clearGroundcrewEnv unsets every GROUNDCREW_* variable for the test, so the
// developer's own settings cannot change what the flags see.
func clearGroundcrewEnv(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "GROUNDCREW_") {
			t.Setenv(name, "") // restores the value at cleanup
			os.Unsetenv(name)
		}
	}
}

// TestPublicURL: every node behind one load balancer is told the address
// customers use (verify links, the guard's own domain), by flag or variable.
func TestPublicURL(t *testing.T) {
	tests := []struct {
		name    string
		env     string
		args    []string
		want    string
		wantErr string
	}{
		{"default from --addr", "", []string{"--addr", "127.0.0.1:9999"}, "http://127.0.0.1:9999", ""},
		{"flag, trailing slash dropped", "", []string{"--public-url", "https://support.exchange.example/"}, "https://support.exchange.example", ""},
		{"variable", "https://help.exchange.example", nil, "https://help.exchange.example", ""},
		{"not a web address", "", []string{"--public-url", "support.exchange.example"}, "", "GROUNDCREW_PUBLIC_URL must be an http(s) URL"},
		{"javascript", "javascript:alert(1)", nil, "", "GROUNDCREW_PUBLIC_URL must be an http(s) URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearGroundcrewEnv(t)
			if tt.env != "" {
				t.Setenv("GROUNDCREW_PUBLIC_URL", tt.env)
			}
			f := newFlags(&bytes.Buffer{})
			err := f.parse(tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.cfg.PublicURL != tt.want {
				t.Errorf("PublicURL %q, want %q", f.cfg.PublicURL, tt.want)
			}
		})
	}
}
