package seal

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func key(b byte) []byte { return bytes.Repeat([]byte{b}, KeySize) }

func ring(t testing.TB, keys ...Key) *Keyring {
	t.Helper()
	k, err := New(keys...)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

const aad = "messages.body:ticket=7"

func TestRoundTrip(t *testing.T) {
	k := ring(t, Key{"a", key(1)})
	for _, plain := range []string{"", "My USDT has not arrived", "gcenc:v1:looks:sealed", strings.Repeat("ü€🙂", 5000)} {
		sealed, err := k.Seal(plain, aad)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(sealed, "gcenc:v1:a:") {
			t.Fatalf("sealed %q lacks the prefix", sealed)
		}
		if plain != "" && strings.Contains(sealed, plain) {
			t.Fatalf("sealed value contains the plaintext")
		}
		if !k.SealedWithActive(sealed) {
			t.Errorf("SealedWithActive(%q) = false", sealed)
		}
		if id, ok := KeyID(sealed); !ok || id != "a" {
			t.Errorf("KeyID = %q, %v", id, ok)
		}
		got, err := k.Open(sealed, aad)
		if err != nil || got != plain {
			t.Fatalf("Open = %q, %v; want %q", got, err, plain)
		}
	}
	// Two seals of the same text differ (random nonce).
	s1, _ := k.Seal("same", aad)
	s2, _ := k.Seal("same", aad)
	if s1 == s2 {
		t.Error("two seals of the same text are equal")
	}
}

func TestTamper(t *testing.T) {
	k := ring(t, Key{"a", key(1)})
	sealed, err := k.Seal("send 1 BTC to my address", aad)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(sealed, "gcenc:v1:a:"))
	for i := range raw {
		bad := bytes.Clone(raw)
		bad[i] ^= 0x01
		_, err := k.Open("gcenc:v1:a:"+base64.StdEncoding.EncodeToString(bad), aad)
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("flipped byte %d: Open err = %v, want ErrCorrupt", i, err)
		}
	}
	// The same value for another row does not open.
	if _, err := k.Open(sealed, "messages.body:ticket=8"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("other AAD: err = %v, want ErrCorrupt", err)
	}
	// Another key under the same id does not open it either.
	other := ring(t, Key{"a", key(2)})
	if _, err := other.Open(sealed, aad); !errors.Is(err, ErrCorrupt) {
		t.Errorf("other key, same id: err = %v, want ErrCorrupt", err)
	}
	for _, bad := range []string{"gcenc:v1:a", "gcenc:v1:a:%%%", "gcenc:v1:a:AAAA"} {
		if _, err := k.Open(bad, aad); !errors.Is(err, ErrCorrupt) {
			t.Errorf("Open(%q) err = %v, want ErrCorrupt", bad, err)
		}
	}
}

func TestUnknownKey(t *testing.T) {
	old := ring(t, Key{"old", key(1)})
	sealed, _ := old.Seal("hello", aad)
	k := ring(t, Key{"new", key(2)}, Key{"other", key(3)})
	_, err := k.Open(sealed, aad)
	if !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("err = %v, want ErrUnknownKey", err)
	}
	for _, want := range []string{`"old"`, "new, other"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestRotationKeepsOldValuesReadable(t *testing.T) {
	a := ring(t, Key{"a", key(1)})
	sealedA, _ := a.Seal("first", aad)
	ba := ring(t, Key{"b", key(2)}, Key{"a", key(1)})
	if ba.Active() != "b" || ba.SealedWithActive(sealedA) {
		t.Fatalf("active %q; SealedWithActive(old) = %v", ba.Active(), ba.SealedWithActive(sealedA))
	}
	if got, err := ba.Open(sealedA, aad); err != nil || got != "first" {
		t.Fatalf("open old value: %q, %v", got, err)
	}
	sealedB, _ := ba.Seal("second", aad)
	if !ba.SealedWithActive(sealedB) || !strings.HasPrefix(sealedB, ba.ActivePrefix()) {
		t.Errorf("new value %q not sealed with b", sealedB)
	}
}

func TestLegacyPlaintextPassesThrough(t *testing.T) {
	k := ring(t, Key{"a", key(1)})
	for _, s := range []string{"", "plain old message", "gcenc:v2:future", "GCENC:v1:a:xyz"} {
		got, err := k.Open(s, aad)
		if err != nil || got != s {
			t.Errorf("Open(%q) = %q, %v", s, got, err)
		}
		if k.SealedWithActive(s) {
			t.Errorf("SealedWithActive(%q) = true", s)
		}
	}
}

func TestParse(t *testing.T) {
	b64 := func(b byte) string { return base64.StdEncoding.EncodeToString(key(b)) }
	k, err := Parse("  b:" + b64(2) + " , a:" + b64(1) + "\n# comment\n\nc:" + b64(3) + "\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(k.IDs(), ","); got != "b,a,c" || k.Active() != "b" {
		t.Errorf("ids %s, active %s", got, k.Active())
	}
	for _, c := range []struct{ spec, want string }{
		{"", "empty"},
		{"# only a comment", "empty"},
		{"a" + b64(1), "id:base64key"},
		{"a:" + b64(1) + ",a:" + b64(2), "twice"},
		{"a:" + base64.StdEncoding.EncodeToString(key(1)[:16]), "16 bytes"},
		{"a:not base64!", "base64"},
		{"bad id:" + b64(1), "key id"},
		{":" + b64(1), "key id"},
	} {
		_, err := Parse(c.spec)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q) err = %v, want it to say %q", c.spec, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), b64(1)) {
			t.Errorf("Parse error %q shows the key", err)
		}
	}
}

func TestLoadOrCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "encryption.keys")
	k1, created, err := LoadOrCreate(path)
	if err != nil || !created {
		t.Fatalf("first start: created %v, err %v", created, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("key file mode %o, want 600", mode)
	}
	sealed, _ := k1.Seal("kept across restarts", aad)

	k2, created, err := LoadOrCreate(path)
	if err != nil || created {
		t.Fatalf("second start: created %v, err %v", created, err)
	}
	if k2.Active() != k1.Active() {
		t.Errorf("active key %q after restart, was %q", k2.Active(), k1.Active())
	}
	if got, err := k2.Open(sealed, aad); err != nil || got != "kept across restarts" {
		t.Errorf("open after restart: %q, %v", got, err)
	}

	// A damaged file is an error, never silently replaced.
	if err := os.WriteFile(path, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadOrCreate(path); err == nil {
		t.Error("a damaged key file loaded without error")
	}
}

func FuzzOpen(f *testing.F) {
	k := ring(f, Key{"a", key(1)})
	good, _ := k.Seal("hello", aad)
	for _, s := range []string{good, "plain", "gcenc:v1:", "gcenc:v1:a:", "gcenc:v1:a:AAAA", "gcenc:v1:zz:" + good[11:]} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := k.Open(s, aad)
		if !IsSealed(s) && (err != nil || got != s) {
			t.Fatalf("plaintext %q: %q, %v", s, got, err)
		}
		if IsSealed(s) && err == nil && !strings.HasPrefix(s, "gcenc:v1:a:") {
			t.Fatalf("%q opened under a key the keyring lacks", s)
		}
	})
}

func FuzzParse(f *testing.F) {
	f.Add("a:" + base64.StdEncoding.EncodeToString(key(1)))
	f.Add("a:x,b:y\n#c")
	f.Fuzz(func(t *testing.T, spec string) {
		k, err := Parse(spec)
		if err != nil {
			return
		}
		s, err := k.Seal("x", "")
		if err != nil {
			t.Fatal(err)
		}
		if got, err := k.Open(s, ""); err != nil || got != "x" {
			t.Fatalf("round trip: %q, %v", got, err)
		}
	})
}

func BenchmarkSeal(b *testing.B) {
	k := ring(b, Key{"a", key(1)})
	for _, size := range []int{200, 4000} {
		body := strings.Repeat("x", size)
		b.Run(sizeName(size), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				if _, err := k.Seal(body, aad); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkOpen(b *testing.B) {
	k := ring(b, Key{"a", key(1)})
	for _, size := range []int{200, 4000} {
		sealed, _ := k.Seal(strings.Repeat("x", size), aad)
		b.Run(sizeName(size), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				if _, err := k.Open(sealed, aad); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func sizeName(n int) string { return fmt.Sprintf("%dB", n) }

// TestDerive: a purpose's key is stable for a key, differs between
// purposes and between keys, and is never the sealing key itself.
func TestDerive(t *testing.T) {
	a, b := bytes.Repeat([]byte{1}, KeySize), bytes.Repeat([]byte{2}, KeySize)
	k1, err := New(Key{"k1", a}, Key{"k2", b})
	if err != nil {
		t.Fatal(err)
	}
	k1again, err := New(Key{"k1", a})
	if err != nil {
		t.Fatal(err)
	}
	d := k1.Derive("blind-index")
	if len(d) != 2 || d[0].ID != "k1" || d[1].ID != "k2" {
		t.Fatalf("Derive: %+v, want k1 then k2", d)
	}
	if !bytes.Equal(d[0].Bytes, k1again.Derive("blind-index")[0].Bytes) {
		t.Error("the same key and purpose derived different bytes")
	}
	if bytes.Equal(d[0].Bytes, d[1].Bytes) || bytes.Equal(d[0].Bytes, k1.Derive("other")[0].Bytes) || bytes.Equal(d[0].Bytes, a) {
		t.Error("derived keys collide across keys or purposes, or equal the key")
	}
}
